"""Contract quarters scored once for all of one vendor's business reviews.

Each review scores the vendor as it stood at its quarter's end (``score_as_of``), so a vendor
with N quarters has its earlier quarters scored again and again: N(N+1)/2 contract quarters
where N differ. A quarter's score depends only on what its own periods hold, so a
``QuarterMemo`` keys each contract quarter by exactly what ``contract_quarter`` reads (each
period's value, whether it is excluded and why, whether it is expected, and the service level
with its levels and direction), and scores it again only when one of those differs: a figure
restated after an earlier review's day, or a period expected later on.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from scorecardgen.model import Bands, ServiceLevel
from scorecardgen.periods import Period
from scorecardgen.scoring.quarters import ContractQuarter, contract_quarter
from scorecardgen.scoring.series import Series


class QuarterMemo:
    """The contract quarters of one vendor already scored with one set of ``bands``."""

    def __init__(self, bands: Bands):
        self.bands = bands
        self._scored: dict[Hashable, ContractQuarter] = {}
        # the service levels keyed by id: kept alive here so that no id is ever reused
        self._levels: dict[int, ServiceLevel] = {}

    def contract_quarter(
        self, contract: str, series: Sequence[Series], quarter: Period, bands: Bands
    ) -> ContractQuarter:
        """``contract_quarter``, scored once for each distinct input."""
        if bands is not self.bands:
            return contract_quarter(contract, series, quarter, bands)
        key = (contract, quarter, tuple(self._series_key(s, quarter) for s in series))
        found = self._scored.get(key)
        if found is None:
            found = self._scored[key] = contract_quarter(contract, series, quarter, bands)
        return found

    def _series_key(self, series: Series, quarter: Period) -> Hashable:
        level = series.level
        self._levels.setdefault(id(level), level)
        periods = quarter.months() if level.window == "monthly" else [quarter]
        cells = []
        for p in periods:
            row = series.measurements.get(p)
            cells.append(
                (
                    p in series.expected,
                    None if row is None else (row.value, row.excluded, row.reason),
                )
            )
        return (
            series.contract,
            id(level),
            series.direction,
            series.missing_breached,
            tuple(cells),
        )
