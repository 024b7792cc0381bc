"""The measured history of each service level: the input every other scoring step reads.

A series is one service level of one contract with its values by period. Measurements are
matched to a contract by their ``contract`` field (the loader resolves it); a measurement
without one falls back on the only contract of its vendor that holds its KPI. Measurements
that match no service level are left out here (validation reports them). When one period is
measured twice, the later row wins, so the result does not depend on anything but file order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scorecardgen.model import Direction, Kpi, Measurement, ServiceLevel, VendorContent
from scorecardgen.periods import Period
from scorecardgen.scoring.measurement import MeasurementScore, score_measurement


@dataclass(frozen=True)
class Series:
    """One contract's service level and its measurements, keyed by period."""

    contract: str
    level: ServiceLevel
    direction: Direction
    measurements: Mapping[Period, Measurement] = field(default_factory=dict, hash=False)
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
            level = self.level
            found = score_measurement(
                self.value(period), level.expected, level.minimum, self.direction
            )
            self._scores[period] = found
        return found

    def periods(self) -> list[Period]:
        """Every measured period (null values included), in order."""
        return sorted(self.measurements)


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


def vendor_series(content: VendorContent, kpis: Mapping[str, Kpi]) -> list[Series]:
    """Every service level of a vendor's contracts with its measurements, by contract id."""
    found: dict[tuple[str, str], dict[Period, Measurement]] = {}
    for measurement in content.measurements:
        contract = resolve_contract(content, measurement)
        if contract is not None:
            by_period = found.setdefault((contract, measurement.kpi), {})
            by_period[measurement.parsed_period] = measurement
    series = []
    for contract_id in sorted(content.contracts):
        for level in content.contracts[contract_id].service_levels:
            kpi = kpis.get(level.kpi)
            direction: Direction = kpi.direction if kpi else "higher"
            series.append(
                Series(contract_id, level, direction, found.get((contract_id, level.kpi), {}))
            )
    return series
