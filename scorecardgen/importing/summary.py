"""What an import did, in words: how each report was read (and what was guessed), the rows
added, the values restated (old -> new), the rows unchanged, and those skipped and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecardgen.importing.merge import Plan
from scorecardgen.periods import Period

_SHOWN_PLACES = 3


@dataclass(frozen=True)
class ReportRead:
    """How one report was read."""

    where: str  # the file, and its sheet in brackets
    described: str  # layout and header
    guessed: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """Everything the summary speaks of."""

    vendor: str
    mapping: str | None  # the mapping's name ('' unnamed); None when there was none
    vendor_file: str
    reports: list[ReportRead]
    plan: Plan
    skipped: dict[str, list[str]]
    added_to: str | None
    created: bool
    fractions: list[str]
    dry_run: bool
    restatement: list[str] = field(default_factory=list)  # when and why, in words


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _places(where: list[str]) -> str:
    shown = ", ".join(where[:_SHOWN_PLACES])
    more = len(where) - _SHOWN_PLACES
    return shown + (f" and {more} more" if more > 0 else "")


def _periods(periods: list[Period]) -> str:
    distinct = sorted(set(periods))
    if len(distinct) <= 3:
        return ", ".join(str(p) for p in distinct)
    return f"{distinct[0]} to {distinct[-1]}"


def _mapping(name: str | None) -> str:
    """The mapping used, in words ('' when there was none)."""
    if name is None:
        return ""
    return f"mapping '{name}'" if name else "its import mapping"


def summary_lines(outcome: Outcome) -> list[str]:
    """The printed summary, one line each."""
    lines: list[str] = []
    for report in outcome.reports:
        lines.append(f"read {report.where}: {report.described}")
        if report.guessed:
            lines.append("  guessed: " + "; ".join(report.guessed))
        if report.unread:
            lines.append("  columns not read: " + ", ".join(report.unread))
    if any(r.guessed for r in outcome.reports):
        where = _mapping(outcome.mapping) or "a mapping under imports:"
        lines.append(f"  to stop guessing, declare these in {where} in {outcome.vendor_file}")
    plan = outcome.plan
    skipped = sum(len(w) for w in outcome.skipped.values())
    mapping = f" with {_mapping(outcome.mapping)}" if outcome.mapping is not None else ""
    lines.append(f"vendor '{outcome.vendor}'{mapping}:")
    if not plan.changes:
        lines.append(
            f"  nothing to change: {_plural(len(plan.unchanged), 'row')} already in the "
            "project with the same values"
        )
    added = plan.added + [row for row, _ in plan.filled]
    if added:
        where = f" to {outcome.added_to}" if plan.added else ""
        new = " (a new file)" if outcome.created and plan.added else ""
        lines.append(
            f"  added: {_plural(len(added), 'row')} for "
            f"{_periods([r.period for r in added])}{where}{new}"
        )
        for row, m in plan.filled:
            lines.append(
                f"    {row.kpi} {row.period}: {row.value:g}, in the empty row at {m.source}"
            )
    if plan.restated:
        lines.append(f"  restated: {_plural(len(plan.restated), 'value')}")
        for r in plan.restated:
            first = f" (first reported {r.first_reported:g})" if r.first_reported != r.old else ""
            lines.append(
                f"    {r.row.kpi} {r.row.period} ({r.row.contract}): {r.old:g} -> "
                f"{r.row.value:g}{first}, at {r.existing.source}"
            )
        lines += [f"    {line}" for line in outcome.restatement]
    if plan.changes:
        lines.append(f"  unchanged: {_plural(len(plan.unchanged), 'row')}")
    lines.append(f"  skipped: {skipped}")
    for reason, places in outcome.skipped.items():
        lines.append(f"    {len(places)} {reason}: {_places(places)}")
    for kpi in outcome.fractions:
        lines.append(
            f"  note: every value of '{kpi}' (a % KPI) lies between 0 and 1; if the report "
            "writes 97.5% as 0.975, declare percent: fraction in the mapping"
        )
    if outcome.dry_run:
        lines.append("dry run: nothing was written")
    return lines
