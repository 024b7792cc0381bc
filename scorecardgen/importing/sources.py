"""Read a vendor's report into cells, each with where it sits: an .xlsx worksheet or a CSV file.

A report is read whole into a ``Sheet``: rows of ``Cell`` values (text, numbers, dates), each
with its row and column as a spreadsheet numbers them, so every problem found later names the
file, the sheet, the row and the column. What had to be guessed (the sheet, the delimiter, the
encoding) is kept with it for the summary.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorecardgen.errors import Location, Problem, did_you_mean
from scorecardgen.importing.dialect import (
    NotText,
    decode,
    delimiter_name,
    guess_delimiter,
    read_rows,
)
from scorecardgen.importing.mapping import ImportMapping

MAX_REPORT_BYTES = 50 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) container
_SEP_LINE = re.compile(r"sep=(.)[ \t]*(\r\n|\r|\n)")
CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass(frozen=True)
class Cell:
    """One cell of a report: its value, row and column (1-based), and whether Excel shows it
    as a percentage (such a cell holds a fraction: 97.5% is 0.975)."""

    value: CellValue
    row: int
    column: int
    percent: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    @property
    def text(self) -> str:
        """The cell as text, trimmed ('' when blank)."""
        return "" if self.value is None else str(self.value).strip()

    @property
    def name(self) -> str:
        """The cell as a spreadsheet names it: C7."""
        from openpyxl.utils import get_column_letter  # openpyxl loads only when a report is read

        return f"{get_column_letter(self.column)}{self.row}"


@dataclass
class Sheet:
    """A report read into cells: one worksheet of a workbook, or a CSV file."""

    file: str  # as the user named it on the command line
    sheet: str | None  # the worksheet's name; None for CSV
    rows: list[list[Cell]]
    report_date: dt.date | None = None  # the workbook's modified date, or the file's
    guesses: list[str] = field(default_factory=list)

    @property
    def is_csv(self) -> bool:
        return self.sheet is None

    def where(self, cell: Cell | None = None, row: int = 0) -> Location:
        """A problem's location: the file (with the sheet in brackets), row and column."""
        file = self.file if self.sheet is None else f"{self.file}[{self.sheet}]"
        if cell is None:
            return Location(file, row, 0)
        return Location(file, cell.row, cell.column)

    def place(self, cell: Cell | None = None, row: int = 0) -> str:
        """A cell or row in words for the summary: 'sla.xlsx SLA!E4', 'sla.csv line 6'."""
        base = self.file.replace("\\", "/").rsplit("/", 1)[-1]
        if self.sheet is None:
            return f"{base} line {cell.row if cell is not None else row}"
        if cell is None:
            return f"{base} {self.sheet} row {row}"
        return f"{base} {self.sheet}!{cell.name}"

    def problem(self, cell: Cell | None, message: str, hint: str = "", row: int = 0) -> Problem:
        """A located problem in this report; an xlsx cell is named as Excel names it."""
        if cell is not None and self.sheet is not None:
            message = f"cell {cell.name}: {message}"
        return Problem(self.where(cell, row), message, hint, code="import")


def read_report(path: Path, shown: str, mapping: ImportMapping | None) -> list[Sheet] | Problem:
    """The report at ``path`` (named ``shown`` in messages) as cells, or why it cannot be: a
    CSV file's one table, a workbook's named sheet, or every sheet of a workbook."""
    here = Location(shown)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            hint = "name the report file itself"
            return Problem(here, "is not a regular file", hint, code="import")
        if info.st_size > MAX_REPORT_BYTES:
            return Problem(
                here,
                f"file is too large ({info.st_size:,} bytes)",
                f"a report is at most {MAX_REPORT_BYTES // (1024 * 1024)} MiB: split it",
                code="import",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return Problem(here, "no such file", "check the path of the report", code="import")
    except OSError as exc:
        return Problem(here, f"cannot read file: {exc.strerror or exc}", code="import")
    modified = dt.datetime.fromtimestamp(info.st_mtime).date()
    if data.startswith(_ZIP):
        return _read_xlsx(path, shown, mapping, modified)
    if data.startswith(_OLE):
        return Problem(
            here,
            "this is an old binary Excel file (.xls), which is not read",
            "open it in Excel and save it as .xlsx (Excel Workbook) or CSV UTF-8",
            code="import",
        )
    csv = _read_csv(data, shown, mapping, modified)
    return csv if isinstance(csv, Problem) else [csv]


def _read_csv(
    data: bytes, shown: str, mapping: ImportMapping | None, modified: dt.date
) -> Sheet | Problem:
    try:
        decoded = decode(data)
    except NotText as exc:
        return Problem(Location(shown), str(exc), "save the report as .xlsx or CSV", code="import")
    guesses = [f"encoding {decoded.encoding_note}"] if decoded.encoding_note else []
    text = decoded.text
    delimiter: str | None = mapping.delimiter if mapping else None
    said = _SEP_LINE.match(text)
    if said is not None:  # Excel's "sep=;" first line says it; left blank, lines keep numbers
        delimiter = delimiter or said.group(1)
        text = text[len(said.group(0)) - len(said.group(2)) :]
    if delimiter is None:
        delimiter = guess_delimiter(text)
        guesses.append(f"fields separated by {delimiter_name(delimiter)}")
    table = read_rows(text, delimiter)
    if table.problem is not None:
        line, message = table.problem
        return Problem(
            Location(shown, line, 1),
            message,
            'a quoted cell ends at its closing quote; write "" for a quote inside one',
            code="import",
        )
    rows = [
        [Cell(text, line, column) for column, text in enumerate(fields, start=1)]
        for line, fields in table.rows
    ]
    return Sheet(shown, None, rows, modified, guesses)


def _read_xlsx(
    path: Path, shown: str, mapping: ImportMapping | None, modified: dt.date
) -> list[Sheet] | Problem:
    """The mapping's sheet, else every worksheet in order (the import reads the first one
    whose header it finds)."""
    try:
        from openpyxl import load_workbook  # not on every command's start-up: import only

        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a damaged workbook raises many kinds of error
        return Problem(
            Location(shown),
            f"cannot be read as an Excel workbook: {exc}",
            "open it in Excel and save it again as .xlsx, or export it as CSV",
            code="import",
        )
    try:
        every = [sheet.title for sheet in book.worksheets]  # not chart sheets
        names = every
        wanted = mapping.sheet if mapping else None
        if wanted is not None:
            names = [n for n in every if n.strip().casefold() == wanted.casefold()][:1]
            if not names:
                return Problem(
                    Location(shown),
                    f"the workbook has no sheet '{wanted}' (the mapping's sheet)",
                    did_you_mean(wanted, every) or "its sheets: " + ", ".join(every),
                    code="import",
                )
        props = book.properties
        stamp = props.modified or props.created
        report_date = stamp.date() if isinstance(stamp, dt.datetime) else modified
        return [Sheet(shown, name, _cells(book[name]), report_date) for name in names]
    except Exception as exc:  # noqa: BLE001 - a damaged sheet raises many kinds of error
        return Problem(
            Location(shown),
            f"cannot read the workbook: {exc}",
            "open it in Excel and save it again as .xlsx, or export it as CSV",
            code="import",
        )
    finally:
        book.close()


def _cells(sheet: Any) -> list[list[Cell]]:
    """Every row of a worksheet as cells, numbered as Excel numbers them."""
    rows: list[list[Cell]] = []
    for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
        cells = []
        for column, cell in enumerate(row, start=1):
            value = cell.value
            if isinstance(value, str):
                value = value.strip()
            fmt = getattr(cell, "number_format", None) or ""
            percent = isinstance(value, int | float) and _is_percent_format(fmt)
            cells.append(Cell(value, number, column, percent))
        rows.append(cells)
    return rows


def _is_percent_format(fmt: str) -> bool:
    """True when a number format shows the number as a percentage: a % outside quotes and
    escapes (``0.0"%"`` shows the number as it is, followed by a percent sign)."""
    quoted = escaped = False
    for char in fmt:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "%" and not quoted:
            return True
    return False
