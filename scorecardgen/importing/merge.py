"""Compare imported rows with the rows the project holds: added, restated or unchanged.

A row is matched to an existing one by contract, KPI and period (an existing row without a
contract belongs to the one contract holding its KPI, as check reads it). The same value is
unchanged; a new value for a row that had one is a restatement of that row, where it lives;
a value for a row that had none fills it in. ``scoring.series`` lets the later of two rows for
one period win, but check calls the second a duplicate, so an import never adds one: it edits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scorecardgen.errors import Problem
from scorecardgen.importing.canonical import ImportedRow
from scorecardgen.model import Contract, Measurement


@dataclass(frozen=True)
class Restated:
    """A row whose value changes: the existing row, and the figure first reported (the
    existing row's own restated value when it was restated before)."""

    row: ImportedRow
    existing: Measurement

    @property
    def old(self) -> float:
        value = self.existing.value
        assert value is not None
        return value

    @property
    def first_reported(self) -> float:
        earlier = self.existing.restated
        return earlier.value if earlier is not None else self.old


@dataclass
class Plan:
    """What an import does to the project's rows."""

    added: list[ImportedRow] = field(default_factory=list)
    filled: list[tuple[ImportedRow, Measurement]] = field(default_factory=list)
    restated: list[Restated] = field(default_factory=list)
    unchanged: list[ImportedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.added or self.filled or self.restated)


def contract_of(m: Measurement, contracts: dict[str, Contract]) -> str | None:
    """The contract an existing row is for, as check resolves it (None: cannot tell)."""
    if m.contract is not None:
        return m.contract
    holders = [c.id for c in contracts.values() if any(s.kpi == m.kpi for s in c.service_levels)]
    return holders[0] if len(holders) == 1 else None


def same(a: float, b: float) -> bool:
    """Two values that are the same figure (binary noise aside)."""
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def plan(
    rows: list[ImportedRow], existing: list[Measurement], contracts: dict[str, Contract]
) -> Plan:
    """What to do with each imported row, given the vendor's existing rows."""
    index: dict[tuple[str, str, str], list[Measurement]] = {}
    for m in existing:
        contract = contract_of(m, contracts)
        if contract is not None:
            index.setdefault((contract, m.kpi, m.period), []).append(m)
    result = Plan()
    for row in rows:
        found = index.get(row.key, [])
        if len(found) > 1:
            where = ", ".join(str(m.source) for m in found)
            result.problems.append(
                Problem(
                    row.where,
                    f"'{row.kpi}' in {row.period} is in the project twice already ({where})",
                    "remove one of them (scorecardgen check reports it), then import again",
                    code="duplicate",
                )
            )
        elif not found:
            result.added.append(row)
        elif found[0].value is None:
            result.filled.append((row, found[0]))
        elif same(found[0].value, row.value):
            result.unchanged.append(row)
        else:
            result.restated.append(Restated(row, found[0]))
    return result
