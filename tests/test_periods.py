"""scorecardgen/periods.py: reporting months and quarters, as written in content files."""

from __future__ import annotations

from datetime import date

import pytest

from scorecardgen.periods import Period

EXPECTED_FORM = "expected a month like 2025-03 or a quarter like 2025-Q1"


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-1", "26-01", "2026/03", "", "Q1"]
)
def test_a_period_that_does_not_exist_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        Period.parse(text)
    assert str(raised.value) == f"'{text}' is not a period: {EXPECTED_FORM}"


def test_a_month() -> None:
    march = Period.parse("2026-03")
    assert (str(march), march.label, march.kind, march.window) == (
        "2026-03",
        "Mar 2026",
        "month",
        "monthly",
    )
    assert (march.start, march.end) == (date(2026, 3, 1), date(2026, 3, 31))
    assert march.months() == [march]


def test_a_quarter() -> None:
    q3 = Period.parse("2026-Q3")
    assert (str(q3), q3.label, q3.kind, q3.window) == ("2026-Q3", "Q3 2026", "quarter", "quarterly")
    assert (q3.start, q3.end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert [str(m) for m in q3.months()] == ["2026-07", "2026-08", "2026-09"]
    assert q3.quarter_number == 3


def test_surrounding_spaces_are_ignored() -> None:
    assert str(Period.parse(" 2026-03 ")) == "2026-03"


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("2026-02", date(2026, 2, 28)),
        ("2024-02", date(2024, 2, 29)),  # leap year
        ("2100-02", date(2100, 2, 28)),  # divisible by 100: not a leap year
        ("2000-02", date(2000, 2, 29)),  # divisible by 400: a leap year
        ("2026-04", date(2026, 4, 30)),
        ("2026-12", date(2026, 12, 31)),
        ("2026-Q1", date(2026, 3, 31)),
        ("2026-Q4", date(2026, 12, 31)),
    ],
)
def test_a_period_ends_on_its_last_calendar_day(text: str, last_day: date) -> None:
    assert Period.parse(text).end == last_day


@pytest.mark.parametrize(
    ("month", "quarter"),
    [
        ("2026-01", "2026-Q1"),
        ("2026-03", "2026-Q1"),
        ("2026-04", "2026-Q2"),
        ("2026-08", "2026-Q3"),
        ("2026-12", "2026-Q4"),
        ("2026-Q2", "2026-Q2"),  # a quarter's quarter is itself
    ],
)
def test_the_quarter_of_a_month(month: str, quarter: str) -> None:
    assert str(Period.parse(month).quarter) == quarter


def test_previous_crosses_the_year() -> None:
    assert str(Period.parse("2026-01").previous()) == "2025-12"
    assert str(Period.parse("2026-Q1").previous()) == "2025-Q4"
    assert str(Period.parse("2026-07").previous()) == "2026-06"
    assert str(Period.parse("2026-Q3").previous()) == "2026-Q2"


def test_periods_sort_by_start_a_quarter_just_after_its_first_month() -> None:
    texts = ["2026-02", "2026-Q1", "2026-01", "2025-12", "2025-Q4", "2025-11"]
    ordered = [str(p) for p in sorted(Period.parse(t) for t in texts)]
    assert ordered == ["2025-Q4", "2025-11", "2025-12", "2026-01", "2026-Q1", "2026-02"]


def test_equal_text_is_an_equal_period() -> None:
    assert Period.parse("2026-Q2") == Period.quarter_of(2026, 5)
    assert Period.parse("2026-05") == Period.month(2026, 5)
    assert Period.parse("2026-05") != Period.parse("2026-Q2")
    assert len({Period.parse("2026-05"), Period.parse(" 2026-05")}) == 1
