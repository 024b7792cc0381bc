"""Periods as people write them, turned into ``Period``s (months and quarters).

The accepted forms are listed in ``mapping.PERIODS_ACCEPTED`` (and the mapping's schema):
``2026-01``, ``Jan-26``, ``Jan 2026``, ``January 2026``, ``2026-01-31``, ``01/2026``,
``1/2026``, Excel date cells, ``2026-Q1``, ``Q1 2026``, ``2026 Q1``. A day means the month it
is in. A mapping's ``period_format`` narrows them to one form (Excel date cells always read).
"""

from __future__ import annotations

import datetime as dt
import re

from scorecardgen.importing.mapping import PeriodFormat
from scorecardgen.importing.sources import Cell
from scorecardgen.periods import Period

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_FULL = {"january", "february", "march", "april", "may", "june", "july", "august"}
_FULL |= {"september", "october", "november", "december"}

# each form: its name (as period_format writes it) and its pattern, tried in this order
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("YYYY-MM", re.compile(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})")),
    ("YYYY-MM-DD", re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[ T][\d:.]+)?")),
    ("MM/YYYY", re.compile(r"(?P<m>\d{1,2})[/.-](?P<y>\d{4})")),
    ("DD/MM/YYYY", re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})")),
    ("YYYY-Qn", re.compile(r"(?P<y>\d{4})-?Q(?P<q>[1-4])", re.IGNORECASE)),
    ("YYYY Qn", re.compile(r"(?P<y>\d{4}) Q(?P<q>[1-4])", re.IGNORECASE)),
    ("Qn YYYY", re.compile(r"Q(?P<q>[1-4])[ \-/'’]?(?P<y>\d{4}|\d{2})", re.IGNORECASE)),
    ("MONTH", re.compile(r"(?P<n>[A-Za-z]{3,9})\.?[ \-/'’]*(?P<y>\d{4}|\d{2})")),
]
_EXAMPLES = {
    "YYYY-MM": "2026-01",
    "MMM-YY": "Jan-26",
    "MMM YYYY": "Jan 2026",
    "MMMM YYYY": "January 2026",
    "YYYY-MM-DD": "2026-01-31",
    "MM/YYYY": "01/2026",
    "DD/MM/YYYY": "31/01/2026",
    "MM/DD/YYYY": "01/31/2026",
    "YYYY-Qn": "2026-Q1",
    "Qn YYYY": "Q1 2026",
    "YYYY Qn": "2026 Q1",
}
HINT = (
    "write a month like 2026-01, Jan-26, Jan 2026, January 2026, 2026-01-31 or 01/2026, or a "
    "quarter like 2026-Q1, Q1 2026 or 2026 Q1 (or declare the report's period_format)"
)


class BadPeriod(Exception):
    """Text that is no period, and what to write instead."""

    def __init__(self, message: str, hint: str = HINT):
        super().__init__(message)
        self.message = message
        self.hint = hint


def read_period(cell: Cell, declared: PeriodFormat | None = None) -> Period:
    """The period ``cell`` names; raise BadPeriod."""
    value = cell.value
    if isinstance(value, dt.datetime | dt.date):  # an Excel date cell: the month it is in
        return Period.month(value.year, value.month)
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise BadPeriod(f"the number {value:g} is not a period")
    text = " ".join(cell.text.split())
    if not text:
        raise BadPeriod("the period is empty")
    for form, pattern in _FORMS:
        found = pattern.fullmatch(text)
        if found is None:
            continue
        period, written = _period(form, found.groupdict(), text, declared)
        if declared is not None and written != declared:
            raise BadPeriod(
                f"'{text}' is written {written}, not as the mapping's period_format {declared}",
                f"write periods like {_EXAMPLES[declared]}, or change the mapping's period_format",
            )
        return period
    if declared is not None:
        raise BadPeriod(
            f"'{text}' is not a period in the mapping's period_format {declared}",
            f"write periods like {_EXAMPLES[declared]}",
        )
    raise BadPeriod(f"'{text}' is not a period")


def _period(
    form: str, parts: dict[str, str], text: str, declared: PeriodFormat | None
) -> tuple[Period, str]:
    """The period and the form it was written in, from a pattern's groups."""
    year = _year(parts["y"], text)
    if "q" in parts:
        return Period.quarter_of(year, (int(parts["q"]) - 1) * 3 + 1), form
    if "n" in parts:
        name = parts["n"].casefold()
        if name not in _MONTHS:
            raise BadPeriod(f"'{text}' is not a period: '{parts['n']}' is no month name")
        short = len(parts["y"]) == 2
        written = "MMMM YYYY" if name in _FULL else ("MMM-YY" if short else "MMM YYYY")
        if declared in ("MMM-YY", "MMM YYYY", "MMMM YYYY"):
            written = declared  # a month name with either year: the declared form reads it
        return Period.month(year, _MONTHS[name]), written
    if "a" in parts:
        return _day_month(int(parts["a"]), int(parts["b"]), year, text, declared)
    month = int(parts["m"])
    if not 1 <= month <= 12:
        raise BadPeriod(f"'{text}' is not a period: there is no month {month}")
    if "d" in parts:
        try:
            dt.date(year, month, int(parts["d"]))
        except ValueError:
            raise BadPeriod(f"'{text}' is not a date") from None
    return Period.month(year, month), form


def _day_month(
    a: int, b: int, year: int, text: str, declared: PeriodFormat | None
) -> tuple[Period, str]:
    """A day written a/b/year: day first, month first, or as declared when both could be."""
    if declared == "MM/DD/YYYY" or (declared is None and b > 12 >= a):
        day, month, written = b, a, "MM/DD/YYYY"
    elif declared == "DD/MM/YYYY" or (declared is None and a > 12 >= b):
        day, month, written = a, b, "DD/MM/YYYY"
    elif declared is None:
        raise BadPeriod(
            f"'{text}' could be day/month or month/day",
            "declare the report's period_format in its mapping: DD/MM/YYYY or MM/DD/YYYY",
        )
    else:
        day, month, written = a, b, "DD/MM/YYYY"  # a declared form that is no day: refused
    try:
        dt.date(year, month, day)
    except ValueError:
        raise BadPeriod(f"'{text}' is not a date") from None
    return Period.month(year, month), written


def _year(text: str, whole: str) -> int:
    year = int(text) + (2000 if len(text) == 2 else 0)
    if not 1900 <= year <= 2999:
        raise BadPeriod(f"'{whole}' is not a period: the year {year} is out of range")
    return year
