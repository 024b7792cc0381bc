"""Find a report's header row and read its rows in the long or the wide layout.

Long: one row per KPI and period, with KPI, period and value columns. Wide: one row per KPI and
one column per period, each headed by its period (``Jan-26`` or an Excel date cell), as many
vendor reports are laid out. A mapping names the header row, the columns and the layout; what
it leaves out is found by looking at the first rows, and said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from scorecardgen.errors import Problem, did_you_mean
from scorecardgen.importing.dialect import DELIMITERS, delimiter_name
from scorecardgen.importing.mapping import ImportColumns, ImportMapping
from scorecardgen.importing.periods import BadPeriod, read_period
from scorecardgen.importing.sources import Cell, Sheet

Layout = Literal["long", "wide"]
Role = Literal["kpi", "period", "value", "note", "contract"]
_ROLES: tuple[Role, ...] = ("kpi", "period", "value", "note", "contract")
_LOOK_AT = 30  # rows searched for the header when the mapping does not say
# header texts each column is known by, when the mapping does not name it
SYNONYMS: dict[Role, tuple[str, ...]] = {
    "kpi": ("kpi", "kpi id", "kpi name", "metric", "measure", "indicator", "service level"),
    "period": ("period", "month", "quarter", "date", "reporting period"),
    "value": ("value", "actual", "result", "achieved", "measured", "performance"),
    "note": ("note", "notes", "comment", "comments", "remark", "remarks"),
    "contract": ("contract", "contract id"),
}


@dataclass(frozen=True)
class Entry:
    """One value of a report with its KPI, period, note and contract cells (a wide report's
    period cell is its column's header)."""

    kpi: Cell
    period: Cell
    value: Cell
    note: Cell | None = None
    contract: Cell | None = None
    wide: bool = False  # read from a wide report, whose period columns serve every KPI


@dataclass
class Reading:
    """What the layout step found: the entries, and how the report was read."""

    entries: list[Entry] = field(default_factory=list)
    layout: Layout = "long"
    header_row: int = 0
    described: str = ""  # how the header was read, for the summary
    unread: list[str] = field(default_factory=list)  # header texts of columns not read
    no_kpi_rows: list[int] = field(default_factory=list)  # rows with values but no KPI named
    empty_rows: list[int] = field(default_factory=list)  # rows with a KPI cell but no values
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Header:
    row: int
    cells: list[Cell]
    roles: dict[Role, Cell]
    periods: list[Cell]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _roles(cells: list[Cell], columns: ImportColumns) -> dict[Role, Cell]:
    """The header cells naming each column, by the mapping's names or the usual ones."""
    found: dict[Role, Cell] = {}
    for role in _ROLES:
        declared = getattr(columns, role)
        names = (_norm(declared),) if declared else SYNONYMS[role]
        for cell in cells:
            taken = cell in found.values()
            if isinstance(cell.value, str) and _norm(cell.value) in names and not taken:
                found[role] = cell
                break
    return found


def _periods(cells: list[Cell], roles: dict[Role, Cell], mapping: ImportMapping) -> list[Cell]:
    out = []
    for cell in cells:
        if cell.blank or cell in roles.values():
            continue
        try:
            read_period(cell, mapping.period_format)
        except BadPeriod:
            continue
        out.append(cell)
    return out


def _fits(header: _Header, layout: Layout | None) -> Layout | None:
    long_ok = all(r in header.roles for r in ("kpi", "period", "value"))
    wide_ok = "kpi" in header.roles and bool(header.periods)
    if layout == "long":
        return "long" if long_ok else None
    if layout == "wide":
        return "wide" if wide_ok else None
    return "long" if long_ok else ("wide" if wide_ok else None)


def read_layout(sheet: Sheet, mapping: ImportMapping) -> Reading:
    """The report's entries, by the mapping's header row, columns and layout or by guessing."""
    reading = Reading()
    rows = sheet.rows
    if mapping.header_row is not None:
        candidates = [mapping.header_row] if mapping.header_row <= len(rows) else []
    else:
        candidates = list(range(1, min(len(rows), _LOOK_AT) + 1))
    for number in candidates:
        cells = [c for c in rows[number - 1] if not c.blank]
        if not cells:
            continue
        roles = _roles(cells, mapping.columns)
        header = _Header(number, cells, roles, _periods(cells, roles, mapping))
        layout = _fits(header, mapping.layout)
        if layout is not None:
            _read(sheet, header, layout, mapping, reading)
            return reading
    reading.problems.append(_no_header(sheet, mapping, candidates))
    return reading


def _read(
    sheet: Sheet, header: _Header, layout: Layout, mapping: ImportMapping, reading: Reading
) -> None:
    reading.layout, reading.header_row = layout, header.row
    roles = header.roles
    if layout == "wide":
        roles = {r: c for r, c in roles.items() if r in ("kpi", "contract")}
    used = set(roles.values()) | (set(header.periods) if layout == "wide" else set())
    reading.unread = [c.text for c in header.cells if c not in used]
    names = ", ".join(f"{role} '{cell.text}'" for role, cell in roles.items())
    if layout == "wide":
        first, last = header.periods[0], header.periods[-1]
        span = first.text if first is last else f"{_shown(first)} to {_shown(last)}"
        names += f", {len(header.periods)} period columns ({span})"
    reading.described = f"{layout} layout, header on row {header.row}: {names}"
    width = max(c.column for c in header.cells)
    for row in sheet.rows[header.row :]:
        if all(c.blank for c in row):
            continue  # blank rows are no data
        number = row[0].row
        beyond = next((c for c in row[width:] if not c.blank), None)
        if sheet.is_csv and beyond is not None:  # a field too many: which one would be lost?
            reading.problems.append(
                sheet.problem(
                    beyond,
                    f"this row has a field '{beyond.text}' beyond the header's {width} columns",
                    "a value with a decimal comma in a comma-separated file splits in two: "
                    'quote it ("13,1"), or separate the fields with semicolons',
                )
            )
            continue

        def at(cell: Cell | None, row: list[Cell] = row, number: int = number) -> Cell | None:
            if cell is None:
                return None
            index = cell.column - 1
            return row[index] if index < len(row) else Cell(None, number, cell.column)

        kpi = at(roles["kpi"])
        assert kpi is not None
        note, contract = at(roles.get("note")), at(roles.get("contract"))
        if layout == "long":
            period, value = at(roles["period"]), at(roles["value"])
            assert period is not None and value is not None
            pairs = [(period, value)]
        else:
            pairs = [(h, at(h) or h) for h in header.periods]
        if kpi.blank:
            if any(not v.blank for _, v in pairs):
                reading.no_kpi_rows.append(number)
            continue
        if all(v.blank for _, v in pairs) and (layout == "wide" or pairs[0][0].blank):
            reading.empty_rows.append(number)  # a title, a footnote, a KPI not reported
            continue
        for period, value in pairs:
            reading.entries.append(Entry(kpi, period, value, note, contract, layout == "wide"))


def _shown(cell: Cell) -> str:
    try:
        return read_period(cell).label
    except BadPeriod:
        return cell.text


def _no_header(sheet: Sheet, mapping: ImportMapping, candidates: list[int]) -> Problem:
    """Why no header row was found, and how to declare one."""
    where = sheet.rows[candidates[0] - 1] if candidates else []
    first = next((r for r in sheet.rows if any(not c.blank for c in r)), [])
    if sheet.is_csv and first:
        joined = _joined(sheet, first, mapping)
        if joined is not None:
            return joined
    if mapping.header_row is not None:
        seen = ", ".join(f"'{c.text}'" for c in where if not c.blank) or "nothing"
        return sheet.problem(
            None,
            f"row {mapping.header_row} (the mapping's header_row) does not name the columns: "
            f"it holds {seen}",
            _columns_hint(mapping, where),
            row=mapping.header_row,
        )
    seen = ", ".join(f"'{c.text}'" for c in first if not c.blank) or "nothing"
    return sheet.problem(
        None,
        f"no header row naming the columns in the first {_LOOK_AT} rows (the first holds {seen})",
        _columns_hint(mapping, first),
        row=first[0].row if first else 1,
    )


def _columns_hint(mapping: ImportMapping, cells: list[Cell]) -> str:
    missing = [r for r in ("kpi", "period", "value") if getattr(mapping.columns, r)]
    texts = [c.text for c in cells if not c.blank]
    for role in missing:
        name = getattr(mapping.columns, role)
        if _norm(name) not in {_norm(t) for t in texts}:
            close = did_you_mean(name, texts)
            return f"the mapping's column {role} '{name}' is not in it" + (
                f": {close}" if close else ""
            )
    return (
        "a long report has KPI, period and value columns; a wide one a KPI column and one "
        "column per period (headed Jan-26, 2026-01, ...). Name them in the vendor's import "
        "mapping: columns: {kpi: ..., period: ..., value: ...}, header_row, layout"
    )


def _joined(sheet: Sheet, first: list[Cell], mapping: ImportMapping) -> Problem | None:
    """The kinder error for a header that is a whole row joined by another delimiter."""
    texts = [c for c in first if not c.blank]
    if len(texts) != 1:
        return None
    for delimiter in DELIMITERS:
        if delimiter in texts[0].text:
            name = delimiter_name(delimiter)
            shown = {"\t": "\\t"}.get(delimiter, delimiter)
            said = " (the mapping says otherwise)" if mapping.delimiter else ""
            return sheet.problem(
                texts[0],
                f"the header row '{texts[0].text}' is one column: this file is separated by "
                f"{name}s{said}",
                f'declare it in the vendor\'s import mapping: delimiter: "{shown}"',
            )
    return None
