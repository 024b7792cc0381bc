"""The site the dev server shows: an immutable snapshot, swapped whole after each rebuild.

Requests read whichever snapshot is current, so they never see a half-finished build; a
failed build keeps the last good files and only adds its problems (shown as an overlay).
"""

from __future__ import annotations

import gc
import os
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from scorecardgen.build import Builder as IncrementalBuilder
from scorecardgen.build import BuildResult
from scorecardgen.build_site import build_remembered
from scorecardgen.errors import Location, Problem

Builder = Callable[[Path], BuildResult]


@dataclass(frozen=True)
class Snapshot:
    """One complete state of the served site.

    ``files`` are those of the last good build (empty until one succeeds); ``problems`` are
    the errors of the latest build when it failed, and empty when it succeeded.
    """

    number: int
    version: str  # unique per server run and build: what pages compare to know they are stale
    # a file's bytes, or the cache entry holding them (read when asked for, see ``read``)
    files: Mapping[str, bytes | Path] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[Problem, ...] = ()
    has_good_build: bool = False
    # called when a file's cache entry is gone: the live site draws everything again
    on_missing: Callable[[], None] = field(default=lambda: None, compare=False, repr=False)
    # set once the build is whole: until then ``files`` holds the theme's files and those of
    # the vendors the edit touched (of every vendor, when it touched a shared file), and the
    # rest is still being drawn (None: a whole build)
    drawing: threading.Event | None = field(default=None, compare=False, repr=False)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def read(self, path: str) -> bytes:
        """The bytes of the site file ``path``; raises ``OSError`` when its cache entry is
        gone (pruned by a build of other content since): the next rebuild puts it back."""
        found = self.files[path]
        if not isinstance(found, Path):
            return found
        try:
            return found.read_bytes()
        except OSError:
            self.on_missing()
            raise


@dataclass(frozen=True)
class BuildReport:
    """What one rebuild did, for the console line."""

    snapshot: Snapshot
    seconds: float
    pages: int
    announced: bool = False  # its version went out before the build was whole

    def line(self) -> str:
        """'rebuilt in 0.42 s (12 pages)' or 'build failed: 2 errors (still serving ...)'."""
        snap = self.snapshot
        if not snap.failed:
            files = len(snap.files)
            pages = "page" if self.pages == 1 else "pages"
            return f"rebuilt in {self.seconds:.2f} s ({self.pages} {pages}, {files} files)"
        count = len(snap.problems)
        noun = "error" if count == 1 else "errors"
        serving = (
            "still serving the last good build"
            if snap.has_good_build
            else "serving an error page until the content builds"
        )
        return f"build failed: {count} {noun} ({serving})"


def _ignore(path: str, data: bytes | Path) -> None:
    """Where a warm-up build's files go: they are already served."""


def _internal_error(exc: Exception) -> Problem:
    if os.environ.get("SCORECARDGEN_DEBUG"):
        traceback.print_exc()
    return Problem(
        Location("(build)"),
        f"internal error: {type(exc).__name__}: {exc}",
        "this is a bug in scorecardgen, not in your content; set SCORECARDGEN_DEBUG=1 "
        "to print the traceback",
    )


class LiveSite:
    """The current snapshot of a project, under a lock, and the one way to replace it."""

    def __init__(
        self,
        root: Path,
        builder: Builder | None = None,
        run_id: str = "0",
        request_rebuild: Callable[[], None] = lambda: None,
        announce: Callable[[Snapshot], None] = lambda snapshot: None,
    ):
        self.root = root
        self._builder = builder  # tests may swap in their own; None: the incremental builder
        self._incremental = IncrementalBuilder(root)
        self._request_rebuild = request_rebuild  # asks for ``rebuild`` soon, on its thread
        self._announce = announce  # tells open pages a snapshot is out before it is whole
        self._forget = False  # set when a served file's cache entry was found gone
        self._run_id = run_id
        self._cond = threading.Condition()
        self._snapshot = Snapshot(0, f"{run_id}.0")
        self._building = threading.Lock()  # one build at a time: a rebuild, or ``warm``
        self.cold = False  # the first build was remembered: the builder has loaded nothing
        self._closed = False  # ``close`` was called
        self.ready = threading.Event()  # set once ``warm`` is done: the first edit is quick

    @property
    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snapshot

    def rebuild(self, changed: set[Path]) -> BuildReport:
        """Build the project and swap in the result; never raises for bad content or bugs.

        ``changed`` are the paths the watcher saw change: only the vendors they lie in are
        read, scored and rendered again (anything else changed: everything is checked).
        """
        with self._building:
            return self._rebuild(changed)

    def _rebuild(self, changed: set[Path]) -> BuildReport:
        started = time.perf_counter()
        pages = 0
        files: Mapping[str, bytes | Path] | None = None
        before = self.snapshot
        drawn: dict[str, bytes | Path] = {}
        early: list[Snapshot] = []  # the snapshot shown before the build is whole
        try:
            if self._builder is not None:
                result = self._builder(self.root)
                drawn.update(result.files)
            else:
                with self._cond:
                    forget, self._forget = self._forget, False
                if forget:  # draw every vendor again: its entries may be gone too
                    self._incremental.vendor_pages = {}
                # files kept in the cache are served from their entries, not held in memory
                if not self._snapshot.number:  # the first: remembered from a build, if any
                    result = build_remembered(
                        self._incremental, drawn.__setitem__, drawn.__setitem__
                    )
                    self.cold = result.remembered
                else:
                    self._incremental.early = lambda: early.append(self._show_early(drawn))
                    result = self._incremental.build(
                        None if forget else changed,
                        write=drawn.__setitem__,
                        place=drawn.__setitem__,
                    )
                    self.cold = False
            problems = tuple(result.errors or result.problems) if not result.ok else ()
            if result.ok:
                files = MappingProxyType(drawn)
                pages = result.pages
        except Exception as exc:  # noqa: BLE001 - the server must outlive any build
            problems = (_internal_error(exc),)
        finally:
            self._incremental.early = None
        seconds = time.perf_counter() - started
        shown = early[0] if early and files is not None else None
        with self._cond:
            # a whole build takes the number its vendor pages were shown under: pages that
            # reloaded then are current; a failed one is a new build, shown over the old site
            number = shown.number if shown is not None else self._snapshot.number + 1
            self._snapshot = Snapshot(
                number=number,
                version=f"{self._run_id}.{number}",
                files=files if files is not None else before.files,
                problems=problems,
                has_good_build=files is not None or before.has_good_build,
                on_missing=self._missing,
            )
            self._cond.notify_all()
            report = BuildReport(self._snapshot, seconds, pages, announced=shown is not None)
        for snapshot in early:
            assert snapshot.drawing is not None
            snapshot.drawing.set()  # requests waiting for the rest read the whole build now
        return report

    def _show_early(self, drawn: Mapping[str, bytes | Path]) -> Snapshot:
        """Serve the files drawn so far (the theme's and the edited vendors'), before the
        other vendors' and the summary pages, and tell open pages: the edited vendor's pages
        reload without waiting for the rest (a request for a page not drawn yet waits until
        the build is whole)."""
        with self._cond:
            number = self._snapshot.number + 1
            self._snapshot = Snapshot(
                number=number,
                version=f"{self._run_id}.{number}",
                files=MappingProxyType(dict(drawn)),
                has_good_build=True,
                on_missing=self._missing,
                drawing=threading.Event(),
            )
            self._cond.notify_all()
            shown = self._snapshot
        self._announce(shown)
        return shown

    def warm(self) -> None:
        """After the first build, in the background: make the first edit as quick as later
        ones. After a remembered first build, load, score and draw the project into the
        builder (its files are those already served, and are not swapped in), so the first
        edit redoes only what it touches; then compile what drawing a vendor needs
        (``Builder.warm_up``). A rebuild waits for it."""
        with self._building:
            try:
                if self._builder is None:
                    self._warm()
            finally:
                self.ready.set()

    def _warm(self) -> None:
        try:
            if self.cold:
                self._incremental.build(None, write=_ignore, place=_ignore)
                # as after a first build that loaded it (``DevServer.start``): keep the
                # long-lived project state out of the collector's walks during edits
                gc.collect()
                gc.freeze()
            if not self._closed:
                self._incremental.warm_up()
        except Exception:  # noqa: BLE001 - a warm-up only: the next rebuild reports it
            self._incremental.close()
            self._incremental = IncrementalBuilder(self.root)
        self.cold = False
        if self._closed:  # stopped while this ran: its chart workers go too
            self._incremental.close()

    def close(self) -> None:
        """Stop the builder's chart workers (the server is stopping)."""
        self._closed = True
        self._incremental.close()

    def _missing(self) -> None:
        """A served file's cache entry is gone (a build of other content, or of vendor sites,
        pruned it): rebuild everything, and the open pages reload."""
        with self._cond:
            if self._forget:
                return
            self._forget = True
        self._request_rebuild()

    def wait_for(self, number: int, timeout: float) -> bool:
        """Wait until build ``number`` (or a later one) is current; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._snapshot.number >= number, timeout)
