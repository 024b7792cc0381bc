"""Write measurement CSV files: a new file of imported rows, or an existing file with rows
restated in place and rows appended.

An existing file keeps every line it had, byte for byte, except the rows that change (and a
column added at the end of each line when the header lacks one a change needs); its line
ends and byte order mark stay as they were. Every text is read back through the loader's own
CSV reader and model before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from scorecardgen.csvsource import read_table, split_line
from scorecardgen.load import _MEASUREMENT_COLUMNS, _REQUIRED, _csv_record
from scorecardgen.model import Measurement

COLUMNS: tuple[str, ...] = _MEASUREMENT_COLUMNS
_LINE_END = re.compile(r"\r\n|\r|\n")
_QUOTE_WHEN = re.compile(r'[,"]|^\s|\s$')


class EditFailed(Exception):
    """A file the import cannot change safely; the message says why."""


def csv_line(fields: list[str]) -> str:
    """One CSV line: a field holding a comma, a quote or edge spaces in double quotes."""
    return ",".join(
        '"' + f.replace('"', '""') + '"' if _QUOTE_WHEN.search(f) else f for f in fields
    )


def new_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """A new measurement file with every canonical column and ``rows``."""
    lines = [csv_line(list(COLUMNS))]
    lines += [csv_line([row.get(c, "") for c in COLUMNS]) for row in rows]
    return "\n".join(lines) + "\n"


def edit_csv(
    text: str, changes: Mapping[int, Mapping[str, str]], appended: Sequence[Mapping[str, str]]
) -> str:
    """``text`` with the rows of ``changes`` (by the loader's row index: the line number
    minus 2) given new cells, and ``appended`` rows at the end."""
    ending = _LINE_END.search(text)
    newline = ending.group() if ending else "\n"
    lines = _LINE_END.split(text)
    final = lines[-1] == ""
    if final:
        lines.pop()
    header = [name.strip() for name in split_line(lines[0])]
    wanted = {c for row in (*changes.values(), *appended) for c, v in row.items() if v}
    extra = [c for c in COLUMNS if c in wanted and c not in header]
    if extra:
        lines = [lines[0] + "," + ",".join(extra)] + [
            line + "," * len(extra) if line.strip() else line for line in lines[1:]
        ]
        header += extra
    for index, cells in changes.items():
        at = index + 1
        if at >= len(lines):
            raise EditFailed(f"line {at + 1} is no longer there")
        fields = [f.strip() for f in split_line(lines[at])]
        fields += [""] * (len(header) - len(fields))
        for column, value in cells.items():
            if column in header:
                fields[header.index(column)] = value
        lines[at] = csv_line(fields)
    lines += [csv_line([row.get(c, "") for c in header]) for row in appended]
    return newline.join(lines) + newline


def check_csv(text: str) -> list[str]:
    """What the loader would find wrong with this measurement CSV text (none, we trust)."""
    table = read_table(text, COLUMNS, _REQUIRED)
    found = [f"line {p.line}: {p.message}" for p in table.problems]
    for index, row in table.rows:
        try:
            Measurement.model_validate(_csv_record(row))
        except ValidationError as exc:
            found.append(f"line {index + 2}: {exc.errors()[0]['msg']}")
    return found
