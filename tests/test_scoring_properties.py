"""Properties of the scoring method that must hold for any content (Hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecardgen.model import Direction
from scorecardgen.scoring import ContractQuarter, VendorScorecard, score_measurement
from tests.scoring_factories import card, contract, kpi, level, m, project, vendor

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
directions = st.sampled_from(["higher", "lower"])
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]


def thresholds(direction: Direction, a: float, b: float) -> tuple[float, float]:
    """(expected, minimum) with the minimum on the right side for the direction."""
    low, high = min(a, b), max(a, b)
    return (high, low) if direction == "higher" else (low, high)


@given(values, values, values, directions)
def test_scores_stay_between_0_and_100(v: float, a: float, b: float, direction: Direction) -> None:
    expected, minimum = thresholds(direction, a, b)
    result = score_measurement(v, expected, minimum, direction)
    assert result.score is not None
    assert 0.0 <= result.score <= 100.0


@given(values, values, values, directions)
def test_status_agrees_with_score(v: float, a: float, b: float, direction: Direction) -> None:
    expected, minimum = thresholds(direction, a, b)
    result = score_measurement(v, expected, minimum, direction)
    assert result.score is not None
    if result.status == "met":
        assert result.score == 100.0
    elif result.status == "at-risk":
        assert 50.0 <= result.score <= 100.0
    else:
        assert result.score <= 50.0


@given(values, values, values, values, directions)
def test_a_better_value_never_scores_lower(
    v1: float, v2: float, a: float, b: float, direction: Direction
) -> None:
    expected, minimum = thresholds(direction, a, b)
    worse, better = sorted((v1, v2)) if direction == "higher" else sorted((v1, v2), reverse=True)
    s_worse = score_measurement(worse, expected, minimum, direction).score
    s_better = score_measurement(better, expected, minimum, direction).score
    assert s_worse is not None and s_better is not None
    assert s_better >= s_worse


level_values = st.lists(
    st.one_of(st.none(), st.floats(min_value=0, max_value=100)), min_size=3, max_size=3
)


@st.composite
def contracts(draw: st.DrawFn) -> tuple[list[float], list[list[float | None]]]:
    """Weights summing to 100 and three months of values for 1 to 5 service levels."""
    n = draw(st.integers(min_value=1, max_value=5))
    raw = draw(st.lists(st.integers(min_value=1, max_value=20), min_size=n, max_size=n))
    weights = [w * 100 / sum(raw) for w in raw]
    return weights, [draw(level_values) for _ in range(n)]


KPIS = ["fcr", "csat", "asa", "qa", "aht", "nps"]


def build(
    weights: list[float], series: list[list[float | None]], missing_data: str = "no-data"
) -> VendorScorecard:
    """One contract with a service level per weight, scored over 2025-Q1."""
    levels = [level(KPIS[i], 80, 60, w) for i, w in enumerate(weights)]
    ms = [m(KPIS[i], MONTHS[j], v) for i, vs in enumerate(series) for j, v in enumerate(vs)]
    main = contract("main", levels).model_copy(update={"missing_data": missing_data})
    prj = project(
        vendor(contracts=[main], measurements=ms),
        kpis=[kpi(k) for k in KPIS],
        as_of=date(2025, 3, 31),
    )
    return card(prj)


def first_contract(c: VendorScorecard) -> ContractQuarter:
    return c.quarters[0].contracts[0]


@settings(max_examples=60, deadline=None)
@given(contracts())
def test_quarter_scores_and_coverage_stay_in_range(
    drawn: tuple[list[float], list[list[float | None]]],
) -> None:
    weights, series = drawn
    c = build(weights, series)
    (quarter,) = c.quarters
    (cq,) = quarter.contracts
    if cq.score is None:
        assert cq.coverage is None  # nothing measured: the vendor's data has not begun
        assert quarter.status == "no-data"
        return
    assert cq.coverage is not None and 0.0 <= cq.coverage <= 100.0 + 1e-9
    assert 0.0 <= cq.score <= 100.0 + 1e-9
    assert sum(t.effective_weight for t in cq.terms) == pytest.approx(100.0)
    assert sum(t.contribution for t in cq.terms) == pytest.approx(cq.score)


@settings(max_examples=60, deadline=None)
@given(contracts(), st.integers(min_value=1, max_value=90))
def test_adding_a_service_level_without_data_keeps_the_score_and_lowers_coverage(
    drawn: tuple[list[float], list[list[float | None]]], new_weight: int
) -> None:
    weights, series = drawn
    before = first_contract(build(weights, series))
    scaled = [w * (100 - new_weight) / 100 for w in weights]
    after = first_contract(build(scaled + [float(new_weight)], series + [[None, None, None]]))
    assert after.excluded[-1] == KPIS[len(weights)]
    if before.score is None:
        assert after.score is None
        return
    assert after.score == pytest.approx(before.score, abs=1e-9)
    assert before.coverage is not None and after.coverage is not None
    assert after.coverage == pytest.approx(before.coverage * (100 - new_weight) / 100)
    assert after.coverage < before.coverage


@settings(max_examples=80, deadline=None)
@given(contracts(), st.data())
def test_a_missing_month_never_raises_coverage(
    drawn: tuple[list[float], list[list[float | None]]], data: st.DataObject
) -> None:
    weights, series = drawn
    series[0][0] = 90.0  # January stays measured, so the vendor's data begins in January
    cells = [(i, j) for i, vs in enumerate(series) for j, v in enumerate(vs) if v is not None]
    cells.remove((0, 0))
    if not cells:
        return
    i, j = data.draw(st.sampled_from(cells))
    before = first_contract(build(weights, series))
    series[i][j] = None
    after = first_contract(build(weights, series))
    assert before.coverage is not None and after.coverage is not None
    assert after.coverage < before.coverage
    lost = weights[i] / 3  # one month of three of this service level's weight
    assert after.coverage == pytest.approx(before.coverage - lost)


@settings(max_examples=60, deadline=None)
@given(contracts(), st.data())
def test_a_month_counted_as_breached_never_raises_a_score(
    drawn: tuple[list[float], list[list[float | None]]], data: st.DataObject
) -> None:
    """missing_data: breached scores a missing month 0, so it can only lower a score."""
    weights, series = drawn
    series[0][0] = 90.0
    before = first_contract(build(weights, series))
    after = first_contract(build(weights, series, missing_data="breached"))
    assert before.score is not None and after.score is not None
    assert after.score <= before.score + 1e-9
    assert after.coverage == pytest.approx(100.0)
