"""Contract quarters scored once for all of one vendor's business reviews.

Each review scores the vendor as it stood at its quarter's end (``score_as_of``), so a vendor
with N quarters has its earlier quarters scored again and again: N(N+1)/2 contract quarters
where N differ. A quarter's score depends only on what its own periods hold, so a
``QuarterMemo`` keys each contract quarter by exactly what ``contract_quarter`` reads (each
period's value, whether it is excluded and why, whether it is expected; the service level
with its levels and direction; the status bands), and scores it again only when one of those
differs: a figure restated after an earlier review's day, or a period expected later on.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from scorecardgen.model import Bands
from scorecardgen.periods import Period
from scorecardgen.scoring.quarters import ContractQuarter, contract_quarter
from scorecardgen.scoring.series import Series


class QuarterMemo:
    """The contract quarters of one vendor already scored, by what each was scored from."""

    def __init__(self) -> None:
        self._scored: dict[Hashable, ContractQuarter] = {}
        # what the keys name by id (service levels, bands), kept alive so no id is reused
        self._named: dict[int, object] = {}

    def contract_quarter(
        self, contract: str, series: Sequence[Series], quarter: Period, bands: Bands
    ) -> ContractQuarter:
        """``contract_quarter``, scored once for each distinct input."""
        key = (
            contract,
            quarter,
            self._name(bands),
            tuple(self._series_key(s, quarter) for s in series),
        )
        found = self._scored.get(key)
        if found is None:
            found = self._scored[key] = contract_quarter(contract, series, quarter, bands)
        return found

    def _name(self, thing: object) -> int:
        self._named.setdefault(id(thing), thing)
        return id(thing)

    def _series_key(self, series: Series, quarter: Period) -> Hashable:
        level = series.level
        periods = quarter.months() if level.window == "monthly" else [quarter]
        cells = tuple(
            (
                p in series.expected,
                None
                if (row := series.measurements.get(p)) is None
                else (row.value, row.excluded, row.reason),
            )
            for p in periods
        )
        return (self._name(level), series.direction, series.missing_breached, cells)
