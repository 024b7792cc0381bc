"""Rolling 12-month missed/breached counts and persistent failure (SCORING.md section 6)."""

from __future__ import annotations

from datetime import date

import pytest

from scorecardgen.periods import Period
from scorecardgen.scoring import ServiceLevelSummary, rolling_window
from tests.scoring_factories import card, contract, level, m, project, vendor


def summary(
    values: dict[str, float | None], as_of: date, window: str = "monthly"
) -> ServiceLevelSummary:
    sl = level("fcr", 75, 65, window="quarterly" if window == "quarterly" else "monthly")
    prj = project(
        vendor(
            contracts=[contract("main", [sl])],
            measurements=[m("fcr", p, v) for p, v in values.items()],
        ),
        as_of=as_of,
    )
    (result,) = card(prj).service_levels
    return result


def test_rolling_window_is_as_of_month_and_the_eleven_before() -> None:
    window = rolling_window(date(2025, 6, 15))
    assert (str(window.first), str(window.last)) == ("2024-07", "2025-06")
    assert window.contains(Period.parse("2024-07"))
    assert window.contains(Period.parse("2025-06"))
    assert not window.contains(Period.parse("2024-06"))
    assert not window.contains(Period.parse("2025-07"))


def test_rolling_window_quarters_end_inside_it_and_on_or_before_as_of() -> None:
    mid_june = rolling_window(date(2025, 6, 15))
    assert not mid_june.contains(Period.parse("2025-Q2"))  # still running on as_of
    assert mid_june.contains(Period.parse("2025-Q1"))
    assert mid_june.contains(Period.parse("2024-Q3"))
    assert not mid_june.contains(Period.parse("2024-Q2"))  # ends June 2024, outside
    assert rolling_window(date(2025, 6, 30)).contains(Period.parse("2025-Q2"))


def test_rolling_window_across_a_year_boundary() -> None:
    window = rolling_window(date(2025, 1, 31))
    assert (str(window.first), str(window.last)) == ("2024-02", "2025-01")


def test_missed_counts_at_risk_and_breached_breached_counts_breached() -> None:
    s = summary({"2025-01": 80, "2025-02": 70, "2025-03": 60, "2025-04": None}, date(2025, 4, 30))
    assert (s.missed_12m, s.breached_12m) == (2, 1)
    assert s.breaches.missed == ("2025-02", "2025-03")
    assert s.breaches.breached == ("2025-03",)
    assert s.breaches.assessed == ("2025-01", "2025-02", "2025-03")


def test_periods_outside_the_window_are_not_counted() -> None:
    values: dict[str, float | None] = {"2024-05": 60, "2024-06": 60, "2025-06": 60, "2025-07": 60}
    s = summary(values, date(2025, 6, 30))
    assert s.breaches.missed == ("2025-06",)


def test_persistent_failure_at_exactly_four_monthly_misses() -> None:
    four: dict[str, float | None] = {
        "2025-01": 70,
        "2025-02": 60,
        "2025-03": 80,
        "2025-04": 74.9,
        "2025-05": 65,
    }
    s = summary(four, date(2025, 6, 30))
    assert s.missed_12m == 4
    assert s.persistent_failure
    assert s.breaches.threshold == 4


def test_three_monthly_misses_are_not_persistent() -> None:
    s = summary({"2025-01": 70, "2025-02": 60, "2025-03": 80, "2025-04": 74.9}, date(2025, 6, 30))
    assert s.missed_12m == 3
    assert not s.persistent_failure


@pytest.mark.parametrize(("misses", "persistent"), [(1, False), (2, True)])
def test_quarterly_persistent_failure_at_two(misses: int, persistent: bool) -> None:
    values: dict[str, float | None] = {"2024-Q3": 80, "2024-Q4": 70, "2025-Q1": 80}
    if misses == 2:
        values["2025-Q1"] = 50
    s = summary(values, date(2025, 6, 30), "quarterly")
    assert s.missed_12m == misses
    assert s.persistent_failure is persistent
    assert s.breaches.threshold == 2


def test_open_breaches_are_service_levels_whose_latest_value_breached() -> None:
    levels = [level("fcr", 75, 65, 50), level("csat", 80, 70, 50)]
    prj = project(
        vendor(
            contracts=[contract("main", levels)],
            measurements=[
                m("fcr", "2025-01", 60),
                m("fcr", "2025-02", 80),
                m("csat", "2025-02", 50),
            ],
        ),
        as_of=date(2025, 2, 28),
    )
    c = card(prj)
    assert [s.kpi for s in c.open_breaches] == ["csat"]
    latest = c.service_levels[0].latest
    assert latest is not None and latest.period == "2025-02"
