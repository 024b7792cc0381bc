"""The first stages as library calls: load, validate, score. Commands are thin wrappers.

``ProjectState`` keeps a project in memory between builds, at the grain of a vendor: a
vendor whose folder did not change keeps its records, its problems and its scorecard, so the
dev server's rebuilds redo only what changed files touch. What every vendor depends on
(site.yaml, the KPI catalogue, themes/, as_of) is checked on each refresh; when it changes,
everything is validated and scored again. A one-off check or build is a fresh state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scorecardgen.errors import Problem, Problems, WithProblems
from scorecardgen.fingerprints import shared_digest, vendor_digest
from scorecardgen.load import CONTENT, Loaded, assemble, load_shared, load_vendor
from scorecardgen.model import Project
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.scoring.dates import project_as_of
from scorecardgen.scoring.scorecard import score_vendor
from scorecardgen.validate import validate_shared, validate_vendor


@dataclass
class _Vendor:
    digest: str
    loaded: Loaded
    problems: list[Problem] | None = None  # validation, against the shared state it saw
    card: VendorScorecard | None = None  # scored on ``scored_on``
    scored_on: tuple[date, str] | None = None


@dataclass
class Checked(WithProblems):
    """A project read, validated and (when clean) scored."""

    project: Project | None
    problems: list[Problem]
    portfolio: Portfolio | None = None
    vendor_digests: dict[str, str] | None = None


def _vendor_of(root: Path, path: Path) -> str | None:
    """The vendor folder a changed path lies in, or None for anything shared."""
    try:
        parts = path.resolve().relative_to((root / CONTENT / "vendors").resolve()).parts
    except (ValueError, OSError):
        return None
    return parts[0] if len(parts) > 1 else None


class ProjectState:
    """The loaded, validated and scored project, refreshed in place."""

    def __init__(self, root: Path):
        self.root = root
        self._vendors: dict[str, _Vendor] = {}
        self._shared_key: str | None = None
        self._shared: Loaded | None = None

    def refresh(self, changed: Iterable[Path] | None = None) -> Checked:
        """Bring the state up to date; ``changed`` None means anything may have changed."""
        touched = None if changed is None else {_vendor_of(self.root, p) for p in changed}
        everything = (
            touched is None
            or None in touched
            or self._shared is None
            or any(
                vid not in self._shared.vendor_ids  # a vendor folder came or went
                or not (self.root / CONTENT / "vendors" / vid).is_dir()
                for vid in touched
                if vid
            )
        )
        shared = load_shared(self.root) if everything or self._shared is None else self._shared
        self._shared = shared
        ids = shared.vendor_ids
        for vid in list(self._vendors):
            if vid not in ids:
                del self._vendors[vid]
        for vid in ids:
            known = self._vendors.get(vid)
            if known is None or everything or vid in (touched or ()):
                digest = vendor_digest(self.root, vid)
                if known is None or known.digest != digest:
                    self._vendors[vid] = _Vendor(digest, load_vendor(self.root, vid))
        project, problems = assemble(self.root, shared, [self._vendors[v].loaded for v in ids])
        if project is None:
            return Checked(None, problems.sorted())
        key = shared_digest(project)
        if key != self._shared_key:  # the catalogue or settings moved: check every vendor
            for state in self._vendors.values():
                state.problems = None
            self._shared_key = key
        problems.extend(validate_shared(project).items)
        for vid in ids:
            state = self._vendors[vid]
            content = project.vendors.get(vid)
            if state.problems is None:
                state.problems = (
                    validate_vendor(project, content).items if content is not None else []
                )
            problems.extend(state.problems)
        result = Checked(
            project,
            Problems(problems.items).sorted(),
            vendor_digests={v: self._vendors[v].digest for v in ids},
        )
        if not result.errors:
            result.portfolio = self._score(project, key)
        return result

    def _score(self, project: Project, shared_key: str) -> Portfolio:
        as_of = project_as_of(project)
        bands = project.site.scoring.bands
        cards: dict[str, VendorScorecard] = {}
        for vid in sorted(project.vendors):
            state = self._vendors[vid]
            on = (as_of.date, shared_key)
            if state.card is None or state.scored_on != on:
                state.card = score_vendor(project, project.vendors[vid], as_of.date, bands)
                state.scored_on = on
            cards[vid] = state.card
        return Portfolio(as_of.date, as_of, bands, cards)


def check_project(root: Path) -> Checked:
    """Load, validate and score the project at ``root``, collecting every problem (sorted).

    Scoring runs whenever validation finds no error, so a project that checks clean builds.
    """
    return ProjectState(root).refresh()
