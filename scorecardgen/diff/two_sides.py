"""Score the project at two revisions and compare them: what `scorecardgen diff` runs.

Each side goes through the same pipeline as `check` (``check.check_project``: load, validate,
score). A side whose content has errors is not scored; the diff says so, with where the
errors are, instead of comparing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorecardgen.check import Checked, check_project
from scorecardgen.diff.changes import Change, ordered
from scorecardgen.diff.compare import vendor_changes
from scorecardgen.diff.revisions import Revision, project_at, repository, resolve
from scorecardgen.errors import Problem
from scorecardgen.exports import scorecard_data
from scorecardgen.formatting import DEFAULT_LOCALE

SHOWN_FILES = 3  # files named in a side's failure line


@dataclass(frozen=True)
class Side:
    """One side of a diff as scored: its revision, as_of, and its errors (if any)."""

    revision: Revision
    as_of: str | None
    errors: tuple[Problem, ...]
    scorecards: dict[str, dict[str, Any]] = field(repr=False)  # vendor id -> scorecard.json
    units: dict[str, str] = field(repr=False)  # KPI id -> unit
    locale: str = DEFAULT_LOCALE

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def failure(self) -> str:
        """``2 errors in content/vendors/acme/measurements/2026.csv``, or empty."""
        if not self.errors:
            return ""
        files = Counter(p.location.file for p in self.errors)
        total = len(self.errors)
        named = [f for f, _ in files.most_common(SHOWN_FILES)]
        more = len(files) - len(named)
        where = ", ".join(named) + (f" and {more} more files" if more else "")
        return f"{total} error{'s' if total != 1 else ''} in {where}"

    def data(self) -> dict[str, Any]:
        """As ``diff --format json`` writes it."""
        return {
            "revision": self.revision.name,
            "commit": self.revision.commit,
            "as_of": self.as_of,
            "errors": [
                {
                    "file": p.location.file,
                    "line": p.location.line or None,
                    "column": p.location.column or None,
                    "message": p.message,
                    "hint": p.hint or None,
                }
                for p in self.errors
            ],
        }


@dataclass(frozen=True)
class Diff:
    """The two sides and what changed between them, most important first."""

    base: Side
    head: Side
    changes: tuple[Change, ...]  # most important first (``changes.ordered``)

    @property
    def failed(self) -> bool:
        """A side could not be scored, so nothing was compared."""
        return self.base.failed or self.head.failed

    def vendors(self) -> list[tuple[str, str, list[Change]]]:
        """(id, name, changes) per vendor with changes, the one with the weightiest first."""
        found: dict[str, list[Change]] = {}
        for change in self.changes:
            found.setdefault(change.vendor, []).append(change)
        return [(vid, rows[0].vendor_name, rows) for vid, rows in found.items()]


def _side(revision: Revision, checked: Checked) -> Side:
    errors = tuple(checked.errors)
    project, portfolio = checked.project, checked.portfolio
    if errors or project is None or portfolio is None:
        return Side(revision, None, errors, {}, {})
    cards = {vid: scorecard_data(card) for vid, card in portfolio.vendors.items()}
    units = {kid: kpi.unit for kid, kpi in project.kpis.items()}
    return Side(revision, portfolio.as_of.isoformat(), (), cards, units, project.site.language)


def score_side(root: Path, revision: Revision) -> Side:
    """The project at ``revision`` loaded, validated and scored."""
    with project_at(root, revision) as folder:
        return _side(revision, check_project(folder))


def compare(base: Side, head: Side) -> Diff:
    """What changed from ``base`` to ``head`` (nothing when a side failed)."""
    if base.failed or head.failed:
        return Diff(base, head, ())
    units = base.units | head.units
    changes: list[Change] = []
    for vid in sorted(set(base.scorecards) | set(head.scorecards)):
        found = vendor_changes(
            base.scorecards.get(vid), head.scorecards.get(vid), units, head.locale
        )
        changes.extend(found)
    return Diff(base, head, tuple(ordered(changes)))


def diff_revisions(root: Path, base: str | None = "HEAD", head: str | None = None) -> Diff:
    """Score the project at ``root`` at two revisions and compare (None: the working tree).

    Raises ``git.GitError`` when ``root`` is not in a git repository or a revision is unknown.
    """
    repository(root)
    sides = resolve(root, base), resolve(root, head)
    return compare(score_side(root, sides[0]), score_side(root, sides[1]))
