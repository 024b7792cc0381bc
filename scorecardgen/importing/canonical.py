"""A report's entries as canonical measurement rows: a KPI id, a period, a number, a contract.

Each entry's cells are read with ``kpi_names``, ``periods`` and ``values``; its contract is the
report's contract column, else ``--contract``, else the mapping's, else the one contract of the
vendor that holds the KPI. A row that would fail ``scorecardgen check`` (a KPI no contract
holds, a month for a quarterly service level, a value outside the KPI's range, two values for
one period) is a problem at its cell here, so an import never writes what check refuses.
Blank values and rows the mapping ignores are skipped, and counted with their reasons.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from scorecardgen.errors import Location, Problem
from scorecardgen.importing.kpi_names import KpiNames, UnknownKpi
from scorecardgen.importing.layout import Entry, Reading
from scorecardgen.importing.mapping import ImportMapping
from scorecardgen.importing.periods import BadPeriod, read_period
from scorecardgen.importing.sources import Cell, Sheet
from scorecardgen.importing.values import BadValue, NumberStyle, Unit, read_value
from scorecardgen.model import Contract, Kpi
from scorecardgen.periods import Period
from scorecardgen.yamlsource import NOT_XML

NO_VALUE = "no value (a blank cell, '-' or 'n/a')"
IGNORED = "ignored by the mapping"
NO_KPI = "no KPI named in the row"
EMPTY = "a row with no values (a title, a footnote, or a KPI not reported)"
REPEATED = "the same value twice in the report"


@dataclass(frozen=True)
class ImportedRow:
    """One measurement read from a report, and where its value sits there."""

    kpi: str
    period: Period
    value: float
    contract: str
    note: str | None
    where: Location
    place: str  # the value's cell in words, for the summary
    report: str  # the report's file name, for the default restatement reason
    report_date: dt.date | None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.contract, self.kpi, str(self.period))


@dataclass
class Rows:
    """The canonical rows of one or more reports, what was skipped and why, and problems."""

    rows: list[ImportedRow] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    fractions: set[str] = field(default_factory=set)  # % KPIs whose every value is 0 to 1
    seen: dict[tuple[str, str, str], ImportedRow] = field(default_factory=dict)  # by key
    reported: set[tuple[Location, str]] = field(default_factory=set)  # problems given

    def skip(self, reason: str, where: str) -> None:
        self.skipped.setdefault(reason, []).append(where)

    def problem(self, sheet: Sheet, cell: Cell, message: str, hint: str = "") -> None:
        """A problem at a cell, once (a wide report's KPI or period cell serves many values)."""
        found = sheet.problem(cell, message, hint)
        if (found.location, found.message) not in self.reported:
            self.reported.add((found.location, found.message))
            self.problems.append(found)


@dataclass(frozen=True)
class VendorView:
    """What the rows are checked against: the catalogue and the vendor's contracts."""

    id: str
    kpis: dict[str, Kpi]
    contracts: dict[str, Contract]
    names: KpiNames
    contract: str | None = None  # --contract, else the mapping's


def add_rows(
    rows: Rows,
    sheet: Sheet,
    reading: Reading,
    vendor: VendorView,
    style: NumberStyle,
    mapping: ImportMapping,
) -> None:
    """Read each entry of ``reading`` into ``rows``."""
    small: dict[str, bool] = {}
    for number in reading.no_kpi_rows:
        rows.skip(NO_KPI, sheet.place(row=number))
    for number in reading.empty_rows:
        rows.skip(EMPTY, sheet.place(row=number))
    for entry in reading.entries:
        row = _row(rows, sheet, entry, vendor, style, mapping)
        if row is None:
            continue
        if vendor.kpis[row.kpi].unit == "%" and not isinstance(entry.value.value, str):
            small[row.kpi] = small.get(row.kpi, True) and 0 <= row.value <= 1
        first = rows.seen.get(row.key)
        if first is None:
            rows.seen[row.key] = row
            rows.rows.append(row)
        elif math.isclose(first.value, row.value, rel_tol=1e-12, abs_tol=1e-9):
            rows.skip(REPEATED, row.place)
        else:
            rows.problem(
                sheet,
                entry.value,
                f"a second value for '{row.kpi}' in {row.period} (contract '{row.contract}'): "
                f"{row.value:g}, where {first.place} gives {first.value:g}",
                "a report gives one value per KPI and period: remove one of them",
            )
    if "percent" not in mapping.model_fields_set:
        rows.fractions |= {kpi for kpi, is_small in small.items() if is_small}


def _row(
    rows: Rows,
    sheet: Sheet,
    entry: Entry,
    vendor: VendorView,
    style: NumberStyle,
    mapping: ImportMapping,
) -> ImportedRow | None:
    where = sheet.place(entry.value)
    if vendor.names.is_ignored(entry.kpi.text):
        rows.skip(f"{IGNORED} ('{entry.kpi.text}')", where)
        return None
    if entry.value.blank:
        rows.skip(NO_VALUE, where)
        return None
    try:
        kpi_id = vendor.names.resolve(entry.kpi.text)
    except UnknownKpi as exc:
        rows.problem(sheet, entry.kpi, exc.message, exc.hint)
        return None
    kpi = vendor.kpis[kpi_id]
    try:
        value = read_value(entry.value, style, Unit(kpi_id, kpi.unit), mapping.percent)
    except BadValue as exc:
        rows.problem(sheet, entry.value, exc.message, exc.hint)
        return None
    if value is None:
        rows.skip(NO_VALUE, where)
        return None
    try:
        period = read_period(entry.period, mapping.period_format)
    except BadPeriod as exc:
        rows.problem(sheet, entry.period, exc.message, exc.hint)
        return None
    contract = _contract(rows, sheet, entry, vendor, kpi)
    if contract is None:
        return None
    if not _fits(rows, sheet, entry, vendor, kpi, contract, period, value, where):
        return None
    note = _note(entry.note)
    return ImportedRow(
        kpi_id,
        period,
        value,
        contract,
        note,
        sheet.where(entry.value),
        where,
        _name(sheet.file),
        sheet.report_date,
    )


def _name(file: str) -> str:
    return file.replace("\\", "/").rsplit("/", 1)[-1]


def _contract(rows: Rows, sheet: Sheet, entry: Entry, vendor: VendorView, kpi: Kpi) -> str | None:
    """The contract a row is for; None with a problem when it cannot be told."""
    holders = [
        c.id for c in vendor.contracts.values() if any(s.kpi == kpi.id for s in c.service_levels)
    ]
    given = entry.contract
    named = given.text if given is not None and not given.blank else None
    cell = given if given is not None and named else entry.kpi
    wanted = named or vendor.contract
    if wanted is not None:
        if wanted not in vendor.contracts:
            rows.problem(
                sheet,
                cell,
                f"vendor '{vendor.id}' has no contract '{wanted}'",
                "its contracts: " + ", ".join(sorted(vendor.contracts)),
            )
            return None
        if wanted not in holders:
            rows.problem(
                sheet,
                cell,
                f"contract '{wanted}' has no service level for KPI '{kpi.id}' ({kpi.name})",
                f"KPI '{kpi.id}' is held by: {', '.join(holders)}" if holders else _NOT_HELD,
            )
            return None
        return wanted
    if len(holders) == 1:
        return holders[0]
    if not holders:
        rows.problem(
            sheet,
            entry.kpi,
            f"no contract of vendor '{vendor.id}' holds KPI '{kpi.id}' ({kpi.name})",
            _NOT_HELD,
        )
        return None
    rows.problem(
        sheet,
        entry.kpi,
        f"KPI '{kpi.id}' is held by several contracts ({', '.join(holders)})",
        "say which with --contract ID, a contract column, or the mapping's contract",
    )
    return None


_NOT_HELD = (
    "add a service level for it to a contract, or skip such rows with the mapping's "
    "ignore: ['<name>']"
)


def _fits(
    rows: Rows,
    sheet: Sheet,
    entry: Entry,
    vendor: VendorView,
    kpi: Kpi,
    contract: str,
    period: Period,
    value: float,
    place: str,
) -> bool:
    """False when check would refuse the row (window or range): a problem, or for a wide
    report's quarter column beside its months (or the other way round), a skip."""
    level = next(s for s in vendor.contracts[contract].service_levels if s.kpi == kpi.id)
    if period.window != level.window:
        each = "month" if level.window == "monthly" else "quarter"
        if entry.wide:  # a quarter's total beside the months, say: not this KPI's column
            rows.skip(f"a {period.kind}'s column for '{kpi.id}', measured per {each}", place)
            return False
        rows.problem(
            sheet,
            entry.period,
            f"'{kpi.id}' is measured per {each} in contract '{contract}', and {period} is a "
            f"{period.kind}",
            f"report it per {each}, or skip its rows with the mapping's ignore",
        )
        return False
    bounds = kpi.bounds
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        rows.problem(
            sheet,
            entry.value,
            f"{value:g} is outside the range of '{kpi.id}' ({bounds[0]:g} to {bounds[1]:g})",
            "check the value, and that the row is for this KPI",
        )
        return False
    return True


def _note(cell: Cell | None) -> str | None:
    """A note cell as one line of text (a measurement CSV row is one line)."""
    if cell is None or cell.blank:
        return None
    text = NOT_XML.sub(" ", str(cell.value))
    return " ".join(text.split()) or None
