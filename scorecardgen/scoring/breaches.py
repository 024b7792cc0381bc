"""Breaches over time: rolling 12-month counts and persistent failure (SCORING.md section 6).

The rolling 12 months ending at ``as_of`` are as_of's month and the 11 months before it.
A monthly period counts when its month lies in those 12 months (the as_of month counts even
when as_of falls mid-month). A quarterly period counts when its quarter ends inside those 12
months and on or before as_of, so a quarter still running at as_of is not yet judged.
Periods with no value (missing or null) and excluded periods are not counted either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scorecardgen.periods import Period
from scorecardgen.scoring.series import Series

PERSISTENT_MONTHLY = 4
PERSISTENT_QUARTERLY = 2


@dataclass(frozen=True)
class RollingWindow:
    """The 12 months ending at as_of: ``first`` and ``last`` are months."""

    as_of: date
    first: Period
    last: Period

    def reached(self, period: Period) -> bool:
        """Whether a period is judged by as_of: a month up to as_of's, a quarter ended by it."""
        if period.kind == "month":
            return period <= self.last
        return period.end <= self.as_of

    def contains(self, period: Period) -> bool:
        """Whether a month or a finished quarter falls in the window."""
        last_month = Period.month(period.year, period.last_month)
        return self.first <= last_month and self.reached(period)

    def __str__(self) -> str:
        return f"{self.first} to {self.last}"


def rolling_window(as_of: date) -> RollingWindow:
    """The rolling 12 months that end with as_of's month."""
    last = Period.month(as_of.year, as_of.month)
    index = as_of.year * 12 + as_of.month - 1 - 11
    return RollingWindow(as_of, Period.month(index // 12, index % 12 + 1), last)


@dataclass(frozen=True)
class BreachRecord:
    """One service level's record over the rolling window, with the periods behind each count."""

    contract: str
    kpi: str
    window: RollingWindow
    assessed: tuple[str, ...]
    missed: tuple[str, ...]
    breached: tuple[str, ...]
    threshold: int
    persistent_failure: bool

    @property
    def missed_12m(self) -> int:
        return len(self.missed)

    @property
    def breached_12m(self) -> int:
        return len(self.breached)

    @property
    def explanation(self) -> str:
        verdict = "persistent failure" if self.persistent_failure else "not a persistent failure"
        return (
            f"missed {self.missed_12m} of {len(self.assessed)} measured periods in "
            f"{self.window} (threshold {self.threshold}): {verdict}"
        )


def breach_record(series: Series, window: RollingWindow) -> BreachRecord:
    """Count a service level's missed (at-risk or breached) and breached periods in the window."""
    assessed, missed, breached = [], [], []
    for period in series.periods():
        if not window.contains(period):
            continue
        status = series.score(period).status
        if status in ("no-data", "missing", "excluded"):  # neither met nor missed
            continue
        assessed.append(str(period))
        if status in ("at-risk", "breached"):
            missed.append(str(period))
        if status == "breached":
            breached.append(str(period))
    threshold = PERSISTENT_MONTHLY if series.level.window == "monthly" else PERSISTENT_QUARTERLY
    return BreachRecord(
        series.contract,
        series.kpi,
        window,
        tuple(assessed),
        tuple(missed),
        tuple(breached),
        threshold,
        len(missed) >= threshold,
    )
