"""Format problems for people (text), programs (json) and CI (GitHub workflow annotations).

The same problem found in more than three places is printed once (``errors.grouped``, applied
here too, so every command's problems read alike): its message says how many places and names
the first three; json lists every place under ``locations``; the summary counts it once.
"""

from __future__ import annotations

import json
from typing import Literal

from scorecardgen.errors import Problem, grouped

Format = Literal["text", "json", "github"]


def _escape_github(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_problems(problems: list[Problem], fmt: Format) -> str:
    """All problems in one text block (no trailing newline for text and github)."""
    problems = grouped(problems)
    if fmt == "json":
        return json.dumps(
            [
                {
                    "file": p.location.file,
                    "line": p.location.line or None,
                    "column": p.location.column or None,
                    "severity": p.severity,
                    "code": p.code,
                    "message": p.message,
                    "hint": p.hint or None,
                    "count": len(p.locations),
                    "locations": [
                        {
                            "file": loc.file,
                            "line": loc.line or None,
                            "column": loc.column or None,
                        }
                        for loc in p.locations
                    ],
                }
                for p in problems
            ],
            indent=2,
            ensure_ascii=False,
        )
    if fmt == "github":
        lines = []
        for p in problems:
            props = [f"file={_escape_github(p.location.file, property_value=True)}"]
            if p.location.line:
                props.append(f"line={p.location.line}")
            if p.location.column:
                props.append(f"col={p.location.column}")
            message = p.message + (f" ({p.hint})" if p.hint else "")
            lines.append(f"::{p.severity} {','.join(props)}::{_escape_github(message)}")
        return "\n".join(lines)
    return "\n".join(p.format() for p in problems)


def summary(problems: list[Problem]) -> str:
    """'2 errors, 1 warning' style closing line; '1 error in 48 places, ...' when a problem
    was found in many places and printed once."""

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    def count(severity: str) -> str:
        found = [p for p in grouped(problems) if p.severity == severity]
        places = sum(len(p.locations) for p in found)
        text = plural(len(found), severity)
        return text if places == len(found) else f"{text} in {places} places"

    return f"{count('error')}, {count('warning')}"
