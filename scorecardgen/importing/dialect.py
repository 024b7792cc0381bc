"""A CSV report's dialect as it arrives: its encoding, byte order mark, line ends and delimiter.

Excel writes CSV in the computer's locale: a comma, or a semicolon where the comma is the
decimal mark, tab-separated "Unicode text" in UTF-16, a byte order mark before UTF-8, CRLF
line ends. Each is recognised here, and what had to be guessed is said, so the summary can
tell the user.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

DELIMITERS = (",", ";", "\t", "|")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "'|'"}
_SAMPLE_LINES = 30


def delimiter_name(delimiter: str) -> str:
    """How a delimiter is named to people: 'semicolon', 'tab'."""
    return _NAMES.get(delimiter, repr(delimiter))


@dataclass(frozen=True)
class Decoded:
    """A report's text, and how its bytes were read (None when plainly UTF-8)."""

    text: str
    encoding_note: str | None = None


class NotText(Exception):
    """Bytes that are no CSV text; the message says what they seem to be."""


def decode(data: bytes) -> Decoded:
    """The text of a CSV report: UTF-8 with or without a BOM, UTF-16 with one, else
    Windows-1252 (said so); raise NotText for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "UTF-16 (Excel's Unicode text)")
        except UnicodeDecodeError as exc:
            raise NotText("the file starts like UTF-16 text but is not") from exc
    if b"\0" in data[:4096]:
        raise NotText("the file holds NUL bytes, so it is no text: is it a spreadsheet?")
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Decoded(data.decode("cp1252", errors="replace"), "Windows-1252 (it is not UTF-8)")


@dataclass
class CsvRows:
    """The rows of a CSV text, each with the line it starts on; a problem stops the reading."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    problem: tuple[int, str] | None = None  # (line, message)


def guess_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields
    (more than one), the comma when none does."""
    sample = [line for line in io.StringIO(text, newline="").readlines() if line.strip()]
    sample = sample[:_SAMPLE_LINES]
    best, best_key = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        if not counts:
            continue
        common, times = Counter(counts).most_common(1)[0]
        if common < 2:
            continue
        key = (times / len(counts), common)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def read_rows(text: str, delimiter: str) -> CsvRows:
    """Every row of ``text`` with the line it starts on. A quoted cell may hold line breaks
    (Excel writes them so); a quote that never closes, or text after a closing quote, is a
    problem at its line."""
    result = CsvRows()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return result
        except csv.Error as exc:
            result.problem = (start, _csv_message(str(exc), delimiter))
            return result
        result.rows.append((start, row))
        start = reader.line_num + 1


def _csv_message(error: str, delimiter: str) -> str:
    if "end of data" in error:
        return "a quote opened on this line is never closed"
    if "expected after" in error:
        return (
            f"text follows a closing quote: a quoted cell must end at its quote and a "
            f"{delimiter_name(delimiter)} follow"
        )
    return f"this line cannot be read as CSV: {error}"
