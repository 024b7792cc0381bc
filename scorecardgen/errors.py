"""Problems found in content: values with a location, collected and reported together."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a project file: a path relative to the project root, 1-based line and column."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """Content quoted in a message (a column name, a key) may hold a newline: show it escaped,
    so every problem stays one line that starts with its location."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content: where, what, and what was expected instead."""

    location: Location
    message: str
    hint: str = ""
    severity: Severity = "error"
    code: str = "invalid"
    # the text a problem is about, for a hint completed once the KPI catalogue is known
    # (an unknown KPI's name, the KPI of a value written with %): see kpi_hints.py
    subject: str = ""
    also: tuple[Location, ...] = ()  # the same problem in more places (see ``grouped``)

    @property
    def locations(self) -> tuple[Location, ...]:
        """Every place this problem was found, the first one first."""
        return (self.location, *self.also)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.message)

    def format(self) -> str:
        """Render as ``file:line:col: error: message (hint)``, the form compilers use."""
        text = f"{_one_line(str(self.location))}: {self.severity}: {_one_line(self.message)}"
        if self.hint:
            text += f"\n    hint: {_one_line(self.hint)}"
        return text


@dataclass
class Problems:
    """An ordered collection of problems; stages append to it instead of raising."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        location: Location,
        message: str,
        hint: str = "",
        *,
        severity: Severity = "error",
        code: str = "invalid",
        subject: str = "",
    ) -> None:
        self.items.append(Problem(location, message, hint, severity, code, subject))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        """Every problem once, sorted by file, line, column and message."""
        return sorted(set(self.items), key=lambda p: p.sort_key)


GROUP_ABOVE = 3  # a problem found in more places than this is reported once, with a count


def grouped(problems: Iterable[Problem]) -> list[Problem]:
    """Every problem once, in the order given; the same problem found in more than three
    places (the same message, hint and severity: a column left out of every row) becomes one
    problem where it is first found, its message saying how many places and naming the first
    three, and ``also`` holding the rest, so the count of problems is the count a reader sees.
    Grouping grouped problems changes nothing."""
    unique = list(dict.fromkeys(problems))

    def key(p: Problem) -> tuple[str, str, str, str, str]:
        return (p.severity, p.code, p.message, p.hint, p.subject)

    alike: dict[tuple[str, str, str, str, str], list[Problem]] = {}
    for problem in unique:
        alike.setdefault(key(problem), []).append(problem)
    result: list[Problem] = []
    for problem in unique:
        same = alike[key(problem)]
        places = tuple(loc for p in same for loc in p.locations)
        if len(same) == 1 or len(places) <= GROUP_ABOVE:  # one, or grouped already
            result.append(problem)
        elif problem is same[0]:
            message = f"{problem.message} ({_places(places)})"
            result.append(replace(problem, message=message, also=places[1:]))
    return result


def _places(places: tuple[Location, ...]) -> str:
    """'48 rows: lines 2, 3, 4 and 45 more': the count, and the first three places (by line
    alone when in the first place's file, which the problem's location already names)."""
    rows = all("/measurements/" in loc.file for loc in places)
    noun = "rows" if rows else "places"
    named = []
    for loc in places[:GROUP_ABOVE]:
        if loc.file == places[0].file and loc.line:
            named.append(f"line {loc.line}")
        else:
            named.append(str(loc))
    more = len(places) - len(named)
    listed = ", ".join(named) + (f" and {more} more" if more else "")
    if all(n.startswith("line ") for n in named):
        listed = "lines " + listed.replace("line ", "")
    return f"in {len(places)} {noun}: {listed}"


class WithProblems:
    """For results that carry ``problems``: the errors and the warnings among them."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        """True when there are errors, or warnings under --strict."""
        return bool(self.errors or (strict and self.warnings))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt key or id, or '' when nothing is close."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if options and len(options) <= 12:
        return "expected one of: " + ", ".join(options)
    return ""
