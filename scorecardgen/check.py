"""The first three stages: load, validate, score. What `scorecardgen check` runs, and the
first half of every build.

``ProjectState`` keeps a project in memory between builds, at the grain of a vendor: a
vendor whose folder was not touched keeps its records, its problems and its scorecard, so the
dev server's rebuilds redo only what changed files touch. What every vendor depends on
(site.yaml, the KPI catalogue, as_of) is read on each refresh; when its bytes change,
every vendor is validated and scored again. A one-off check or build is a fresh state.

``check --vendor ID`` is a state that reads the shared files and that one vendor only.
Problems are reported grouped (``errors.grouped``: one problem in many rows is one problem),
with the hints that need the KPI catalogue completed (``kpi_hints``).

Each loaded part carries the digest of the bytes it was read from, and those digests are
the keys of everything made from it (``Checked.shared_digest``, ``Checked.vendor_digests``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from scorecardgen.cache import Cache, CacheError
from scorecardgen.check_verdict import KIND as VERDICT
from scorecardgen.check_verdict import fingerprints, load_verdict, store_verdict, verdict_key
from scorecardgen.errors import (
    Location,
    Problem,
    Problems,
    WithProblems,
    did_you_mean,
    grouped,
)
from scorecardgen.kpi_hints import with_kpi_hints
from scorecardgen.lint_missing import lint_missing_periods
from scorecardgen.lint_translations import untranslated_problems
from scorecardgen.load import CONTENT, Loaded, assemble, load_shared, load_vendor
from scorecardgen.model import Kpi, Project
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.scoring.currency import project_currencies
from scorecardgen.scoring.dates import project_as_of
from scorecardgen.scoring.scorecard import score_vendor
from scorecardgen.state_cache import (
    KIND,
    VendorState,
    fingerprint,
    load_state,
    state_key,
    store_state,
)
from scorecardgen.validate import validate_shared, validate_vendor


@dataclass
class Checked(WithProblems):
    """A project read, validated and (when clean) scored."""

    project: Project | None
    problems: list[Problem]
    portfolio: Portfolio | None = None
    shared_digest: str = ""  # of site.yaml and the KPI files, as read
    vendor_digests: dict[str, str] = field(default_factory=dict)  # of each vendor's files
    vendors_read: tuple[str, ...] = ()  # the vendors whose files this refresh read


def vendor_of(root: Path, path: Path) -> str | None:
    """The vendor folder a changed path lies in, or None for anything shared."""
    try:
        parts = path.resolve().relative_to((root / CONTENT / "vendors").resolve()).parts
    except (ValueError, OSError):
        return None
    return parts[0] if len(parts) > 1 else None


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while records are made by the million, and none of them
    walked by a later one: each pass walks every object made so far (unpickling 1,000
    vendors' states took five times as long, and the first pass after it two seconds).
    The records live as long as the state; refcounting still frees what is replaced."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what exists now is kept, not garbage: later passes skip it
        if enabled:
            gc.enable()


def _reported(problems: list[Problem], kpis: dict[str, Kpi]) -> list[Problem]:
    """Problems as they are reported: hints about KPIs completed, sorted, and grouped."""
    return grouped(Problems(with_kpi_hints(problems, kpis)).sorted())


def _unknown_vendor(vendor: str, ids: list[str]) -> Problem:
    return Problem(
        Location(f"{CONTENT}/vendors"),
        f"no vendor '{vendor}' to check: there is no folder {CONTENT}/vendors/{vendor}/",
        did_you_mean(vendor, ids) or "a vendor's id is the name of its folder",
        code="unknown-vendor",
    )


class ProjectState:
    """The loaded, validated and scored project, refreshed in place.

    With a cache (``refresh(..., cache)``), a vendor whose folder hashes the same as when its
    state was stored is taken whole from it (``state_cache``): its files are hashed, never
    parsed, validated or scored again.
    """

    def __init__(self, root: Path, vendor: str | None = None):
        self.root = root
        self.vendor = vendor  # read, validate and score this vendor only (and shared files)
        self._vendors: dict[str, VendorState] = {}
        self._shared: Loaded | None = None
        self._unsaved: set[str] = set()  # vendors whose state changed since it was stored

    def refresh(
        self,
        changed: Iterable[Path] | None = None,
        cache: Cache | None = None,
        hashed: Mapping[str, str] | None = None,
    ) -> Checked:
        """Bring the state up to date; ``changed`` None means anything may have changed.

        ``cache``: where vendors' states are looked up and kept (None: memory only).
        ``hashed``: vendor folders' fingerprints the caller has just taken, not taken again.
        """
        cache = cache if cache is not None else Cache(None)
        touched = None if changed is None else {vendor_of(self.root, p) for p in changed}
        shared = self._shared
        if (
            shared is None
            or touched is None
            or None in touched
            or any(  # a vendor folder came or went: the list of vendors is shared
                vid not in shared.vendor_ids or not (self.root / CONTENT / "vendors" / vid).is_dir()
                for vid in touched
                if vid
            )
        ):
            shared = load_shared(self.root)
        self._shared = shared
        ids = shared.vendor_ids
        if self.vendor is not None:
            if self.vendor not in ids:
                found = [*shared.problems.items, _unknown_vendor(self.vendor, ids)]
                return Checked(None, _reported(found, shared.kpis))
            ids = [self.vendor]
        for vid in list(self._vendors):
            if vid not in ids:
                del self._vendors[vid]
                self._unsaved.discard(vid)
        read = []
        hashed = hashed or {}
        with _no_collection():
            for vid in ids:
                known = self._vendors.get(vid)
                fetch = known is None or touched is None or vid in touched
                if fetch and self._update(vid, known, shared.digest, cache, hashed.get(vid)):
                    read.append(vid)
        project, problems = assemble(self.root, shared, [self._vendors[v].loaded for v in ids])
        if project is None:
            reported = _reported(problems.items, shared.kpis)
            return Checked(None, reported, vendors_read=tuple(read))
        problems.extend(validate_shared(project, whole=self.vendor is None).items)
        problems.extend(untranslated_problems(project))
        for vid in ids:
            state = self._vendors[vid]
            content = project.vendors.get(vid)
            if state.problems is None or state.validated_on != shared.digest:
                state.problems = (
                    validate_vendor(project, content).items if content is not None else []
                )
                state.validated_on = shared.digest
                self._unsaved.add(vid)
            problems.extend(state.problems)
        result = Checked(
            project,
            _reported(problems.items, project.kpis),
            shared_digest=shared.digest,
            vendor_digests={v: self._vendors[v].loaded.digest for v in ids},
            vendors_read=tuple(read),
        )
        if not result.errors:
            result.portfolio = self._score(project, shared.digest)
            # the one lint that needs scores: which periods each service level expects
            missing = lint_missing_periods(project, result.portfolio)
            result.problems = grouped(Problems(result.problems + missing).sorted())
        self._keep(ids, shared.digest, cache)
        for vid in ids:  # every problem is located: the marks are read again only for new ones
            self._vendors[vid].loaded.sources.pack()
        return result

    @property
    def shared(self) -> Loaded | None:
        """The shared files as the last refresh read them."""
        return self._shared

    def folders(self) -> dict[str, str] | None:
        """Each vendor folder's fingerprint as the last whole-project refresh read it; None
        when one of them changed while it was read (or the state is of one vendor)."""
        shared = self._shared
        if shared is None or self.vendor is not None:
            return None
        folders = {vid: state.fingerprint for vid, state in self._vendors.items()}
        if set(folders) != set(shared.vendor_ids) or not all(folders.values()):
            return None
        return folders

    def verdict_key(self) -> str | None:
        """The ``check_verdict`` key of the files the last whole-project refresh read; None
        when one of them changed while it was read."""
        folders = self.folders()
        if self._shared is None or folders is None:
            return None
        return verdict_key(self.root, self._shared, folders)

    def _update(
        self,
        vid: str,
        known: VendorState | None,
        shared: str,
        cache: Cache,
        hashed: str | None = None,
    ) -> bool:
        """Bring one vendor's state up to date; True when its files had to be parsed.

        ``hashed``: the folder's fingerprint, when the caller took it (a read is still checked
        against it afterwards, so an edit landing in between is never stored under it)."""
        if cache.folder is None:  # memory only: read it, keep the old state if the same bytes
            loaded = load_vendor(self.root, vid)
            if known is None or known.loaded.digest != loaded.digest:
                self._vendors[vid] = VendorState(loaded)
            return True
        found = hashed or fingerprint(self.root, vid)
        if known is not None and known.fingerprint == found:
            return False
        stored = load_state(cache, state_key(vid, found, shared))
        if stored is not None and stored.fingerprint == found:
            self._vendors[vid] = stored
            self._unsaved.discard(vid)
            return False
        loaded = load_vendor(self.root, vid)
        # an edit that landed while the folder was read: never store it under the old hash
        settled = fingerprint(self.root, vid) == found
        self._vendors[vid] = VendorState(loaded, found if settled else "")
        self._unsaved.add(vid)
        return True

    def _keep(self, ids: list[str], shared: str, cache: Cache) -> None:
        """Store the states that changed, and mark every vendor's entry as used."""
        if cache.folder is None:
            return
        for vid in ids:
            state = self._vendors[vid]
            if not state.fingerprint:
                continue
            key = state_key(vid, state.fingerprint, shared)
            if vid in self._unsaved:
                store_state(cache, key, state)
                self._unsaved.discard(vid)
            else:
                cache.keep(KIND, key)

    def _score(self, project: Project, shared_key: str) -> Portfolio:
        as_of = project_as_of(project)
        bands = project.site.scoring.bands
        # the reporting currency may come from every vendor's contracts, not site.yaml alone
        currencies = project_currencies(project)
        cards: dict[str, VendorScorecard] = {}
        for vid in sorted(project.vendors):
            state = self._vendors[vid]
            on = (as_of.date, shared_key, currencies.reporting)
            if state.card is None or state.scored_on != on:
                content = project.vendors[vid]
                state.card = score_vendor(project, content, as_of.date, bands, currencies)
                state.scored_on = on
                self._unsaved.add(vid)
            cards[vid] = state.card
        return Portfolio(as_of.date, as_of, bands, cards, currencies)


def open_cache(root: Path, use_cache: bool = True) -> Cache:
    """The project's cache for a check, or one that never hits when it cannot be used."""
    if not use_cache:
        return Cache(None)
    try:
        return Cache.open(root)
    except CacheError:  # a check needs no cache; the build reports an unsafe one
        return Cache(None)


def check_project(
    root: Path, vendor: str | None = None, use_cache: bool = True, problems_only: bool = False
) -> Checked:
    """Load, validate and score the project at ``root``, collecting every problem (sorted).

    Scoring runs whenever validation finds no error, so a project that checks clean builds.
    ``vendor``: check that vendor only, with the shared files it needs (site.yaml, KPIs).
    ``use_cache``: take unchanged vendors' states from the project's cache, and keep them.
    ``problems_only``: the caller reads the problems only (`scorecardgen check`): when a
    check of exactly these files found them before (``check_verdict``), no vendor is
    loaded, and ``project`` and ``portfolio`` are None.
    """
    cache = open_cache(root, use_cache)
    try:
        if not problems_only or vendor is not None or cache.folder is None:
            return _checked(root, vendor, cache)
        shared = load_shared(root)
        folders = fingerprints(root, shared)
        key = verdict_key(root, shared, folders)
        found = load_verdict(cache, key)
        if found is not None:
            return Checked(None, found)
        state = ProjectState(root)
        checked = state.refresh(None, cache, hashed=folders)  # the folders are hashed once
        again = state.verdict_key()  # the files as this check read them
        if again is not None and again == key:
            store_verdict(cache, key, checked.problems)
        if checked.project is not None:
            cache.prune(kinds=(KIND, VERDICT))  # states and verdicts of files that are gone
        return checked
    except CacheError:  # a link inside the cache folder: check without it
        return ProjectState(root, vendor).refresh()


def _checked(root: Path, vendor: str | None, cache: Cache) -> Checked:
    checked = ProjectState(root, vendor).refresh(None, cache)
    if vendor is None and checked.project is not None:
        cache.prune(kinds=(KIND,))  # states of vendors or files that are gone
    return checked
