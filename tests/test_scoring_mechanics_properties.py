"""Properties of the contract mechanics that hold for any content (Hypothesis): the cap bounds
each contract-month, earn-back states split what was earned, an exclusion never lowers a score."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecardgen.scoring import VendorScorecard
from tests.scoring_factories import card, contract, level, m, project, vendor

MONTHS = [f"2026-{n:02d}" for n in range(1, 10)]
KPIS = ["fcr", "csat", "asa"]
values = st.one_of(st.none(), st.floats(min_value=0, max_value=100))


@st.composite
def histories(draw: st.DrawFn) -> dict[str, list[float | None]]:
    """Nine months of values for each of three service levels, January always measured."""
    out = {k: draw(st.lists(values, min_size=9, max_size=9)) for k in KPIS}
    out["fcr"][0] = 80.0
    return out


def build(
    history: dict[str, list[float | None]],
    allocations: list[int],
    earn_back: int | None,
    excluded: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
    missing_data: str = "no-data",
) -> VendorScorecard:
    levels = [
        level(k, 80, 60, w, credit_allocation=a)
        for k, w, a in zip(KPIS, (50, 30, 20), allocations, strict=True)
    ]
    main = contract("main", levels, monthly_charge=50_000, at_risk_percent=12, currency="EUR")
    main = main.model_copy(update={"earn_back_periods": earn_back, "missing_data": missing_data})
    rows = []
    for k, vs in history.items():
        for p, v in zip(MONTHS, vs, strict=True):
            row = m(k, p, v)
            if (k, p) in excluded:
                row = row.model_copy(update={"excluded": True, "reason": "Agreed relief"})
            rows.append(row)
    prj = project(vendor(contracts=[main], measurements=rows), as_of=date(2026, 9, 30))
    return card(prj)


allocations = st.lists(st.integers(min_value=0, max_value=300), min_size=3, max_size=3)


@settings(max_examples=80, deadline=None)
@given(histories(), allocations, st.sampled_from([None, 1, 2, 3]), st.booleans())
def test_credits_never_exceed_the_at_risk_amount_and_states_add_up(
    history: dict[str, list[float | None]], alloc: list[int], earn_back: int | None, strict: bool
) -> None:
    c = build(history, alloc, earn_back, missing_data="breached" if strict else "no-data")
    for credit in c.credits:
        assert credit.amount <= 6000 + 1e-9  # 50000 × 12%
        assert math.fsum(i.amount for i in credit.items) == pytest.approx(credit.amount)
        assert {i.state for i in credit.items} <= {"payable", "waived", "pending"}
        if earn_back is None:
            assert all(i.state == "payable" for i in credit.items)
    for total in c.credit_totals:
        assert total.waived + total.payable + total.pending == pytest.approx(total.amount)


@settings(max_examples=80, deadline=None)
@given(histories(), allocations, st.data())
def test_an_exclusion_never_adds_a_credit_a_breach_or_a_miss(
    history: dict[str, list[float | None]], alloc: list[int], data: st.DataObject
) -> None:
    cells = [(k, p) for k in KPIS for p in MONTHS[1:]]
    chosen = set(data.draw(st.lists(st.sampled_from(cells), max_size=6)))
    before = build(history, alloc, None)
    after = build(history, alloc, None, excluded=chosen)
    earned = {t.currency: t.amount for t in before.credit_totals}
    for t in after.credit_totals:
        assert t.amount <= earned.get(t.currency, 0.0) + 1e-9
    sl_before = {(s.contract, s.kpi): s for s in before.service_levels}
    for s in after.service_levels:
        b = sl_before[(s.contract, s.kpi)]
        assert s.breached_12m <= b.breached_12m
        assert s.missed_12m <= b.missed_12m
        assert len(s.missing_12m) <= len(b.missing_12m)


@settings(max_examples=80, deadline=None)
@given(histories(), st.sampled_from(KPIS), st.sampled_from(["2026-Q1", "2026-Q2", "2026-Q3"]))
def test_excluding_a_service_levels_worst_month_never_lowers_its_quarter_score(
    history: dict[str, list[float | None]], kpi_id: str, quarter: str
) -> None:
    """A mean can fall when a good month is excused, so the property is stated for the month
    an exclusion is for: the one that pulled the score down."""
    before = build(history, [0, 0, 0], None)
    (q,) = [x for x in before.quarters if x.period == quarter]
    (sl,) = [x for x in q.contracts[0].service_levels if x.kpi == kpi_id]
    scored = [p for p in sl.periods if p.score is not None]
    if not scored or sl.score is None:
        return
    worst = min(scored, key=lambda p: (p.score, p.period))
    after = build(history, [0, 0, 0], None, excluded={(kpi_id, worst.period)})
    (q2,) = [x for x in after.quarters if x.period == quarter]
    (sl2,) = [x for x in q2.contracts[0].service_levels if x.kpi == kpi_id]
    if sl2.score is not None:
        assert sl2.score >= sl.score - 1e-9
