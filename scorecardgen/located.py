"""Where a content problem sits in its file, and how loudly a lint of SCORING.md section 10
is reported: shared by the validation modules and the lints that need scores."""

from __future__ import annotations

from scorecardgen.errors import Location, Problems
from scorecardgen.model import Project


def at(
    project: Project, file: str, path: tuple[str | int, ...] = (), key: bool = False
) -> Location:
    """Where ``path`` (keys and list indexes) sits in a project ``file``; its key with ``key``."""
    line, col = project.sources.locate(file, path, prefer_key=key)
    return Location(file, line, col)


def file_of(record_source: Location | None) -> str:
    """The project file a record was read from ('' when unknown)."""
    return record_source.file if record_source else ""


def lint(
    project: Project, problems: Problems, code: str, where: Location, message: str, hint: str
) -> None:
    """Report a lint of SCORING.md section 10 at the level site.yaml `lints` sets for it."""
    level = project.site.lints.level(code)
    if level != "off":
        problems.add(where, message, hint, severity=level, code=code)
