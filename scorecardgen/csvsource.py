"""Read measurement CSV files strictly: a measurement row is one line.

Every line is either one whole row or a problem located on that line; no row is ever merged
into its neighbour or dropped. Python's csv module forgives too much for figures vendors are
scored on: a quote left open swallows the following lines into one field, and ``a,"b"c``
quietly becomes ``bc``. So the text is split into lines first, then each line into fields
with RFC 4180 quoting inside the line (``""`` for a quote within quotes). A quote that is not
closed on its own line, text after a closing quote, a quote inside an unquoted field, and a
row with more or fewer fields than the header are all errors.

Columns in locations are field numbers (1 for the first field), as a spreadsheet shows them.
A file separated by another character (Excel in many locales writes ';') is one problem that
names the separator, not an unknown column and a wrong field count on every row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from scorecardgen.errors import did_you_mean
from scorecardgen.yamlsource import Locator, Mark

_LINE_END = re.compile(r"\r\n|\r|\n")
_BLANK = " \t"
_ONE_LINE = "a measurement row is one line"
# separators spreadsheets use instead of commas, and how a message names them
_OTHER_SEPARATORS = {";": "';'", "\t": "tabs", "|": "'|'"}


@dataclass(frozen=True)
class CsvProblem:
    """One thing wrong in a CSV file, at a 1-based line and field number."""

    message: str
    hint: str
    line: int
    column: int
    code: str = "csv"


@dataclass
class CsvTable:
    """The rows of a CSV file as (row index, column -> text, stripped), where each sits, and
    the problems found. Rows with problems are left out, and each left-out row has one."""

    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    locator: Locator = field(default_factory=Locator)
    problems: list[CsvProblem] = field(default_factory=list)


class _LineError(Exception):
    def __init__(self, message: str, hint: str, field_number: int):
        super().__init__(message)
        self.problem = (message, hint, field_number)


def split_line(line: str) -> list[str]:
    """The fields of one CSV line; raise _LineError for anything ambiguous.

    Spaces around a quoted field are allowed (and dropped); an unquoted field is kept as
    written.
    """
    fields: list[str] = []
    at, end = 0, len(line)
    while True:
        number = len(fields) + 1
        start = at
        while start < end and line[start] in _BLANK:
            start += 1
        if start < end and line[start] == '"':
            value, at = _quoted(line, start, number)
        else:
            comma = line.find(",", at)
            stop = end if comma < 0 else comma
            value = line[at:stop]
            if '"' in value:
                raise _LineError(
                    f"a quote inside field {number}, which does not start with a quote",
                    'quote the whole field and double each quote inside it: "say ""hi"""',
                    number,
                )
            at = stop
        fields.append(value)
        if at >= end:
            return fields
        at += 1  # past the comma


def _quoted(line: str, opening: int, number: int) -> tuple[str, int]:
    """The value of the quoted field opening at ``opening``, and where the next comma is."""
    parts: list[str] = []
    at = opening + 1
    while True:
        close = line.find('"', at)
        if close < 0:
            raise _LineError(
                f"the quote that opens field {number} is not closed on this line",
                f'{_ONE_LINE}: close the quote before the line ends, and write "" for a '
                "quote inside a quoted value",
                number,
            )
        parts.append(line[at:close])
        if line.startswith('"', close + 1):  # a doubled quote is one quote in the value
            parts.append('"')
            at = close + 2
            continue
        at = close + 1
        break
    while at < len(line) and line[at] in _BLANK:
        at += 1
    if at < len(line) and line[at] != ",":
        raise _LineError(
            f"unexpected {line[at]!r} after the closing quote of field {number}",
            "a quoted value ends at its closing quote and a comma follows; put all of the "
            'value inside the quotes, and write "" for a quote inside them',
            number,
        )
    return "".join(parts), at


def read_table(text: str, columns: Sequence[str], required: Sequence[str]) -> CsvTable:
    """Read ``text`` (a header row naming some of ``columns``, then one row per line).

    Blank lines, and lines whose fields are all empty, are skipped.
    """
    table = CsvTable()
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    if not lines:
        table.problems.append(
            CsvProblem("empty CSV file", "the first row names the columns: kpi,period,value", 1, 1)
        )
        return table
    separator = _other_separator(lines[0], columns)
    if separator is not None:
        table.problems.append(_separated_by(separator))
        return table
    try:
        header = [name.strip() for name in split_line(lines[0])]
    except _LineError as exc:
        message, hint, number = exc.problem
        table.problems.append(CsvProblem(f"in the header row, {message}", hint, 1, number))
        return table
    if not _header_ok(header, columns, required, table.problems):
        return table
    for index, line in enumerate(lines[1:]):
        number = index + 2
        table.locator.values[(index,)] = Mark(number, 1)
        for col, name in enumerate(header):
            table.locator.values[(index, name)] = Mark(number, col + 1)
        try:
            fields = split_line(line)
        except _LineError as exc:
            message, hint, col = exc.problem
            table.problems.append(CsvProblem(message, hint, number, col))
            continue
        if not any(f.strip() for f in fields):
            continue  # a blank line, or a spreadsheet's row of empty cells
        if len(fields) != len(header):
            table.problems.append(
                CsvProblem(
                    f"row has {len(fields)} fields but the header has {len(header)}",
                    f"every row needs one value per column (empty for none), and {_ONE_LINE}; "
                    "put a value that holds a comma in double quotes",
                    number,
                    1,
                    code="invalid",
                )
            )
            continue
        table.rows.append(
            (index, {name: f.strip() for name, f in zip(header, fields, strict=True)})
        )
    return table


def _other_separator(line: str, columns: Sequence[str]) -> str | None:
    """The separator the header row ``line`` is joined by, when it is not a comma: splitting
    by it names more of ``columns`` than splitting by commas does."""
    known = {c.casefold() for c in columns}

    def named(separator: str) -> int:
        names = (part.strip().strip('"').strip().casefold() for part in line.split(separator))
        return sum(1 for name in names if name in known)

    by_comma = named(",")
    return next((sep for sep in _OTHER_SEPARATORS if named(sep) > by_comma), None)


def _separated_by(separator: str) -> CsvProblem:
    return CsvProblem(
        f"this file is separated by {_OTHER_SEPARATORS[separator]}, not by commas",
        "measurement files are comma separated: save it as CSV with commas (in Excel: "
        "'CSV UTF-8 (Comma delimited)'), or bring the vendor's report in with "
        "`scorecardgen import FILE --vendor ID`, which reads any delimiter",
        1,
        1,
        code="csv-separator",
    )


def _header_ok(
    header: list[str], columns: Sequence[str], required: Sequence[str], problems: list[CsvProblem]
) -> bool:
    before = len(problems)
    for col, name in enumerate(header, start=1):
        if name not in columns:
            problems.append(
                CsvProblem(
                    f"unknown column '{name}'",
                    did_you_mean(name, columns),
                    1,
                    col,
                    code="extra_forbidden",
                )
            )
    for name in required:
        if name not in header:
            problems.append(
                CsvProblem(
                    f"missing required column '{name}'",
                    f"the header row must name {', '.join(required)}",
                    1,
                    1,
                    code="missing",
                )
            )
    if len(set(header)) != len(header):
        problems.append(CsvProblem("a column is named twice in the header row", "", 1, 1))
    return len(problems) == before
