"""How numbers read inside formulas (scoring/explain.py): large operands carry thousands
separators so the working reads like money; small ones stay as they are."""

from __future__ import annotations

import pytest

from scorecardgen.scoring.explain import money, operand, result, weighted_mean

MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (65, "65"),
        (99.5, "99.5"),
        (999, "999"),
        (1000, "1,000"),
        (10_560, "10,560"),
        (2_667_600, "2,667,600"),
        (1234.5, "1,234.5"),
        (-5, f"({MINUS}5)"),
        (-12_345.25, f"({MINUS}12,345.25)"),
        (850_000 * 1.17, "994,500"),  # float noise of a converted weight rounded away
        (0.125, "0.125"),
        (-0.0, "0"),
    ],
)
def test_operand(value: float, shown: str) -> None:
    assert operand(value) == shown


def test_money_has_separators_and_two_decimals_for_a_fraction() -> None:
    assert [money(x) for x in (4000, 3333.3333333, 12_000, 500, 0.5)] == [
        "4,000",
        "3,333.33",
        "12,000",
        "500",
        "0.50",
    ]


def test_results_keep_one_decimal() -> None:
    assert [result(x) for x in (75, -33.333, 84.44, 1250)] == [
        "75.0",
        f"{MINUS}33.3",
        "84.4",
        "1,250.0",
    ]


def test_a_weighted_mean_of_converted_annual_values_reads_like_money() -> None:
    formula = weighted_mean([(2_667_600, 84.4), (1_170_000, 90.0)], 86.1)
    assert formula == (
        "(2,667,600 \u00d7 84.4 + 1,170,000 \u00d7 90.0) / (2,667,600 + 1,170,000) = 86.1"
    )
