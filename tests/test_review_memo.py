"""A vendor's business reviews share one ``QuarterMemo``: every review, scored with it, is
exactly the review scored afresh, whatever was restated, excused, stepped or left missing, and
on whatever day (Hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from scorecardgen.model import Measurement, Restatement, Step, VendorContent
from scorecardgen.periods import Period
from scorecardgen.scoring import score_project
from scorecardgen.scoring.as_of_quarter import score_as_of
from scorecardgen.scoring.quarter_memo import QuarterMemo
from tests.scoring_factories import contract, level, m, project, vendor

MONTHS = [f"2025-{n:02d}" for n in range(1, 13)] + [f"2026-{n:02d}" for n in range(1, 7)]
QUARTERS = sorted({str(Period.parse(p).quarter) for p in MONTHS})
AS_OF = date(2026, 6, 20)  # the last quarter is still running
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=AS_OF)


@st.composite
def rows(draw: st.DrawFn, kpi: str, periods: list[str], contract_id: str) -> list[Measurement]:
    out = []
    for period in periods:
        value = draw(st.one_of(st.none(), st.floats(min_value=0, max_value=100)))
        row = m(kpi, period, value, contract_id)
        kind = draw(st.sampled_from(["plain", "plain", "restated", "excluded", "absent"]))
        if kind == "absent":
            continue
        if kind == "restated" and value is not None:
            first = draw(st.floats(min_value=0, max_value=100))
            on = draw(DAYS)
            row = row.model_copy(
                update={"restated": Restatement(value=first, on=on, reason="Corrected")}
            )
        if kind == "excluded":
            row = row.model_copy(update={"excluded": True, "reason": "Agreed relief"})
        out.append(row)
    return out


@st.composite
def vendors(draw: st.DrawFn) -> VendorContent:
    stepped = level("fcr", 80, 60, 50)
    if draw(st.booleans()):
        stepped = stepped.model_copy(
            update={"steps": [Step(start="2025-10", expected=85, minimum=65)]}
        )
    main = contract("main", [stepped, level("asa", 30, 60, 30), level("csat", 70, 50, 20)])
    if draw(st.booleans()):
        main = main.model_copy(update={"missing_data": "breached"})
    quarterly = contract(
        "audit", [level("csat", 90, 70, window="quarterly")], start=date(2025, 4, 1)
    )
    quarter_ends = [str(Period.parse(q)) for q in QUARTERS]
    measured = (
        draw(rows("fcr", MONTHS, "main"))
        + draw(rows("asa", MONTHS, "main"))
        + draw(rows("csat", MONTHS, "main"))
        + draw(rows("csat", quarter_ends, "audit"))
    )
    return vendor(contracts=[main, quarterly], measurements=measured)


@settings(max_examples=60, deadline=None)
@given(vendors(), st.lists(DAYS, min_size=1, max_size=4))
def test_every_review_scored_with_the_memo_is_the_review_scored_afresh(
    content: VendorContent, extra_days: list[date]
) -> None:
    prj = project(content, as_of=AS_OF)
    portfolio = score_project(prj)
    memo = QuarterMemo()
    days = [min(Period.parse(q).end, AS_OF) for q in QUARTERS] + extra_days
    for day in days:
        shared = score_as_of(prj, content, day, portfolio.bands, portfolio.currencies, memo)
        fresh = score_as_of(prj, content, day, portfolio.bands, portfolio.currencies)
        assert shared == fresh, day


def test_a_figure_restated_between_two_reviews_shows_as_first_reported_in_the_earlier() -> None:
    """The memo keys a quarter by its values as known on the day: a restatement made after
    the first review changes the quarter in the second, and only there."""
    first = m("fcr", "2025-02", 90).model_copy(
        update={"restated": Restatement(value=50, on=date(2025, 5, 10), reason="Corrected")}
    )
    content = vendor(
        contracts=[contract("main", [level("fcr", 80, 60)])],
        measurements=[m("fcr", "2025-01", 90), first, m("fcr", "2025-03", 90)],
    )
    prj = project(content, as_of=date(2025, 6, 30))
    portfolio = score_project(prj)
    memo = QuarterMemo()
    q1 = score_as_of(prj, content, date(2025, 3, 31), portfolio.bands, None, memo)
    q2 = score_as_of(prj, content, date(2025, 6, 30), portfolio.bands, None, memo)
    # as first reported, February (50) is below the minimum (60): (100 + 25 + 100) / 3
    assert [(q.period, q.score) for q in q1.quarters] == [("2025-Q1", 75.0)]
    # restated to 90 on 10 May, before the second review's day: every month met
    assert [(q.period, q.score) for q in q2.quarters] == [("2025-Q1", 100.0), ("2025-Q2", None)]
