"""The closed-quarter headline and contracts in several currencies (SCORING.md section 5,
worked examples 7 and 8)."""

from __future__ import annotations

from datetime import date

import pytest

from scorecardgen.scoring import VendorScorecard
from tests.scoring_factories import card, contract, level, m, project, vendor

Q2 = ("2026-04", "2026-05", "2026-06")


def early_july(as_of: date | None) -> VendorScorecard:
    """Q2 2026 fully reported (score 75), and one July row loaded early (score 100)."""
    rows = [m("fcr", p, 70) for p in Q2] + [m("fcr", "2026-07", 80)]
    prj = project(
        vendor(contracts=[contract("main", [level("fcr", 75, 65)])], measurements=rows),
        as_of=as_of,
    )
    return card(prj)


@pytest.mark.parametrize("as_of", [date(2026, 7, 31), None])
def test_worked_example_7_an_early_july_row_keeps_q2_as_the_headline(as_of: date | None) -> None:
    c = early_july(as_of)  # without site as_of, the July row itself makes as_of 31 July
    assert c.as_of == date(2026, 7, 31)
    q2, q3 = c.quarters
    assert (q2.period, q2.closed, q3.period, q3.closed) == ("2026-Q2", True, "2026-Q3", False)
    assert q3.months_to_date == 1
    h = c.headline
    assert (h.period, h.score, h.in_progress) == ("2026-Q2", 75.0, False)
    assert h.to_date is not None and h.to_date.period == "2026-Q3"
    assert h.to_date.score == 100.0
    assert "2026-Q3 is in progress (1 of 3 months to date)" in h.explanation


def test_a_quarter_closes_on_its_last_day() -> None:
    c = early_july(date(2026, 9, 30))
    assert c.quarters[-1].closed
    assert c.headline.period == "2026-Q3"
    assert c.headline.to_date is None


def test_with_no_closed_quarter_the_headline_is_marked_in_progress() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2026-07", 80)],
        ),
        as_of=date(2026, 8, 10),
    )
    h = card(prj).headline
    assert (h.period, h.in_progress, h.to_date) == ("2026-Q3", True, None)
    assert "in progress" in h.explanation


def example_8(rates: dict[str, float] | None = None) -> VendorScorecard:
    """Contract x scores 80 on 1,000,000 GBP; y scores 90 on 1,000,000 EUR."""
    x = contract("x", [level("fcr", 75, 65)], annual_value=1_000_000, value_currency="GBP")
    y = contract("y", [level("fcr", 75, 65)], annual_value=1_000_000, value_currency="EUR")
    months = ("2026-01", "2026-02", "2026-03")
    # fcr 71 scores 80, 73 scores 90
    rows = [m("fcr", p, 71, "x") for p in months] + [m("fcr", p, 73, "y") for p in months]
    prj = project(
        vendor(contracts=[x, y], measurements=rows),
        as_of=date(2026, 3, 31),
        currency="USD",
        exchange_rates=rates if rates is not None else {"EUR": 1.10, "GBP": 1.25},
    )
    return card(prj)


def test_worked_example_8_contracts_weighted_by_converted_annual_value() -> None:
    q = example_8().headline.quarter
    assert q is not None
    assert [cq.score for cq in q.contracts] == pytest.approx([80.0, 90.0])
    assert q.weighting == "annual-value"
    assert [t.weight for t in q.terms] == pytest.approx([1_250_000, 1_100_000])
    assert round(q.score, 6) == 84.680851
    assert q.score == pytest.approx((80 * 1.25 + 90 * 1.10) / 2.35)
    assert q.weighting_reason == "weighted by annual value in USD (EUR at 1.1, GBP at 1.25)"
    assert q.coverage == 100.0
    assert q.coverage_formula.endswith(" = 100.0")
    assert q.coverage_formula.count("\u00d7 100.0") == 2  # each contract's coverage, weighted


def test_without_a_rate_contracts_in_two_currencies_are_weighted_equally() -> None:
    q = example_8(rates={}).headline.quarter
    assert q is not None
    assert (q.weighting, q.score) == ("equal", 85.0)
    assert "no exchange rate for EUR, GBP" in q.weighting_reason


def test_a_green_vendor_with_an_amber_contract_says_so() -> None:
    a = contract("a", [level("fcr", 75, 65)], annual_value=900_000)
    b = contract("b", [level("fcr", 75, 65)], annual_value=100_000)
    months = ("2026-01", "2026-02", "2026-03")
    rows = [m("fcr", p, 80, "a") for p in months] + [m("fcr", p, 68, "b") for p in months]
    prj = project(vendor(contracts=[a, b], measurements=rows), as_of=date(2026, 3, 31))
    h = card(prj).headline
    assert (h.status, round(h.score or 0, 6)) == ("green", 96.5)  # 0.9 × 100 + 0.1 × 65
    assert h.mix is not None
    assert (h.mix.total, h.mix.counts) == (2, (("amber", 1),))


def test_contracts_of_one_status_have_no_mix_and_others_are_named() -> None:
    c = example_8()  # x 80 (amber), y 90 (green), vendor 84.7 amber
    assert c.headline.mix is not None
    assert c.headline.mix.counts == (("green", 1),)
    same = example_8(rates={})
    assert same.headline.status == "green"  # equal weights: 85.0
    assert same.headline.mix is not None and same.headline.mix.counts == (("amber", 1),)
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2026-01", 80)],
        ),
        as_of=date(2026, 1, 31),
    )
    assert card(prj).headline.mix is None
