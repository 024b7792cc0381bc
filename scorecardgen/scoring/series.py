"""The measured history of each service level: the input every other scoring step reads.

A series is one service level of one contract with its values by period. Measurements are
matched to a contract by their ``contract`` field (the loader resolves it); a measurement
without one falls back on the only contract of its vendor that holds its KPI. Measurements
that match no service level are left out here (validation reports them). When one period is
measured twice, the later row wins, so the result does not depend on anything but file order.

Each series also knows the periods it *expects* (SCORING.md section 3): every period of its
window that overlaps the contract's term by a day, ends on or before as_of, and does not start
before the vendor's first measured period (a row with a value, excluded or not). An expected
period without a value is *missing*; an excluded period (section 1a) is never expected. Each
period is scored against the levels in force for it (the service level's ``steps``, 1c).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from scorecardgen.model import (
    Contract,
    Direction,
    Kpi,
    Measurement,
    ServiceLevel,
    VendorContent,
    Window,
)
from scorecardgen.periods import Period
from scorecardgen.scoring.measurement import (
    MeasurementScore,
    excluded_score,
    missing_score,
    score_measurement,
)


@dataclass(frozen=True)
class Series:
    """One contract's service level and its measurements, keyed by period."""

    contract: str
    level: ServiceLevel
    direction: Direction
    measurements: Mapping[Period, Measurement] = field(default_factory=dict, hash=False)
    expected: frozenset[Period] = frozenset()
    missing_breached: bool = False
    _scores: dict[Period, MeasurementScore] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False
    )

    @property
    def kpi(self) -> str:
        return self.level.kpi

    def value(self, period: Period) -> float | None:
        """The measured value of a period; None when it is missing or null."""
        found = self.measurements.get(period)
        return found.value if found is not None else None

    def score(self, period: Period) -> MeasurementScore:
        """The status and score of a period (``no-data`` when nothing was measured)."""
        found = self._scores.get(period)
        if found is None:  # every later stage asks again: score each period once
            expected, minimum = self.level.levels_for(period)
            row = self.measurements.get(period)
            value = row.value if row is not None else None
            if row is not None and row.excluded:
                found = excluded_score(
                    value, expected, minimum, self.direction, row.reason or "excluded"
                )
            elif value is None and period in self.expected:
                found = missing_score(expected, minimum, self.direction, self.missing_breached)
            else:
                found = score_measurement(value, expected, minimum, self.direction)
            self._scores[period] = found
        return found

    def periods(self) -> list[Period]:
        """Every measured period (null values included) and every expected one, in order."""
        return sorted(self.measurements.keys() | self.expected)

    def has_data(self, period: Period) -> bool:
        """Whether a period counts as data for coverage: scored and expected (section 3)."""
        return period in self.expected and self.score(period).score is not None

    def missing(self) -> list[Period]:
        """The expected periods without a value, in order."""
        return sorted(p for p in self.expected if self.value(p) is None)

    def excluded(self, period: Period) -> bool:
        """Whether a period is excused (section 1a): not expected, not scored."""
        row = self.measurements.get(period)
        return row is not None and row.excluded


def resolve_contract(content: VendorContent, measurement: Measurement) -> str | None:
    """The contract a measurement belongs to: its own field, else the one holding its KPI."""
    if measurement.contract:
        return measurement.contract
    holders = [
        cid
        for cid, c in content.contracts.items()
        if any(sl.kpi == measurement.kpi for sl in c.service_levels)
    ]
    return holders[0] if len(holders) == 1 else None


def first_measured(content: VendorContent) -> Period | None:
    """The vendor's earliest period with a value (by start date), or None."""
    periods = [m.parsed_period for m in content.measurements if m.value is not None]
    return min(periods, key=lambda p: (p.start, p.kind)) if periods else None


def expected_periods(
    contract: Contract, window: Window, as_of: date, first: Period | None
) -> frozenset[Period]:
    """The periods of a window a contract's service level expects a measurement for."""
    if first is None:
        return frozenset()
    return _expected(contract.start, contract.end, window, as_of, first)


@functools.lru_cache(maxsize=1 << 12)  # each business review asks again, of the same terms
def _expected(
    term_start: date, term_end: date, window: Window, as_of: date, first: Period
) -> frozenset[Period]:
    start = max(term_start, first.start)
    if window == "monthly":
        current = Period.month(start.year, start.month)
    else:
        current = Period.quarter_of(start.year, start.month)
    step = 1 if window == "monthly" else 3
    found = set()
    while current.end <= as_of and current.start <= term_end:
        if current.start >= first.start and current.end >= term_start:
            found.add(current)
        index = current.year * 12 + current.first_month - 1 + step
        current = Period(index // 12, index % 12 + 1, current.kind)
    return frozenset(found)


def vendor_series(
    content: VendorContent, kpis: Mapping[str, Kpi], as_of: date | None = None
) -> list[Series]:
    """Every service level of a vendor's contracts with its measurements, by contract id.

    With ``as_of``, each series also knows its expected periods (section 3); without, it
    expects nothing (every unmeasured period is ``no-data``).
    """
    found: dict[tuple[str, str], dict[Period, Measurement]] = {}
    for measurement in content.measurements:
        contract = resolve_contract(content, measurement)
        if contract is not None:
            by_period = found.setdefault((contract, measurement.kpi), {})
            by_period[measurement.parsed_period] = measurement
    first = first_measured(content)
    series = []
    for contract_id in sorted(content.contracts):
        held = content.contracts[contract_id]
        for level in held.service_levels:
            kpi = kpis.get(level.kpi)
            direction: Direction = kpi.direction if kpi else "higher"
            rows = found.get((contract_id, level.kpi), {})
            excused = {p for p, row in rows.items() if row.excluded}
            expected = (
                expected_periods(held, level.window, as_of, first) - excused
                if as_of is not None
                else frozenset()
            )
            series.append(
                Series(
                    contract_id,
                    level,
                    direction,
                    rows,
                    expected,
                    held.missing_data == "breached",
                )
            )
    return series
