"""Watching the project: watchdog events, filtered and debounced into one rebuild per burst.

An editor's save-by-rename or a git checkout fires many events within milliseconds; the
debouncer waits for a short quiet period (bounded by a maximum wait) and hands the whole
set of changed paths to one call, on its one worker thread.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from scorecardgen.load import is_ignored

WATCHED = ("content", "themes")  # site.yaml lives in content/
# seconds without events before a rebuild starts: MkDocs's build delay. The events of
# one save land within milliseconds; a burst that pauses longer is built twice, which
# is only slower, never wrong (a change during a build is kept for the next one)
QUIET = 0.1
MAX_WAIT = 2.0  # seconds after the first event of a burst, however long the burst lasts
_CHANGES = {"created", "modified", "deleted", "moved", "attrib"}


def relevant(root: Path, path: Path) -> bool:
    """True for a path under content/ or themes/ that is not hidden or an editor temp file."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return False
    return bool(parts) and parts[0] in WATCHED and not any(is_ignored(p) for p in parts)


class Debouncer:
    """Collects changed paths and calls ``action`` once per burst, on one worker thread.

    Events that arrive while ``action`` runs are kept for the next call, so a rebuild never
    runs twice at once and no change is lost.
    """

    def __init__(
        self, action: Callable[[set[Path]], None], quiet: float = QUIET, max_wait: float = MAX_WAIT
    ):
        self._action = action
        self._quiet = quiet
        self._max_wait = max_wait
        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._first = self._last = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="scorecardgen-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def add(self, paths: Iterable[Path]) -> None:
        """Note changed paths; the burst's rebuild starts after the quiet period."""
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._cond.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the rebuild in progress, if any; pending changes are dropped."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _next_batch(self) -> set[Path] | None:
        with self._cond:
            while not self._stopping:
                if self._pending:
                    now = time.monotonic()
                    due = min(self._last + self._quiet, self._first + self._max_wait)
                    if now >= due:
                        batch, self._pending = self._pending, set()
                        return batch
                    self._cond.wait(due - now)
                else:
                    self._cond.wait()
            return None

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            self._action(batch)


class _Handler(FileSystemEventHandler):
    def __init__(self, root: Path, on_change: Callable[[set[Path]], None]):
        self._root = root
        self._on_change = on_change

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _CHANGES:
            return  # opened/closed: nothing changed
        if event.is_directory and event.event_type in ("modified", "attrib"):
            return  # a folder's mtime moves when an editor drops a temp file in it
        raw = [event.src_path, getattr(event, "dest_path", "")]
        paths = {Path(os.fsdecode(p)) for p in raw if p}
        changed = {p for p in paths if relevant(self._root, p)}
        if changed:
            self._on_change(changed)


class Watcher:
    """A watchdog observer on content/ and themes/ (recursive) and the project root.

    The root is watched on its own so that content/ or themes/ appearing, vanishing or being
    replaced (a git checkout) is seen; ``refresh`` then re-points the recursive watches.
    """

    def __init__(
        self,
        root: Path,
        on_change: Callable[[set[Path]], None],
        poll: bool = False,
        poll_interval: float = 1.0,
    ):
        self.root = root
        self.observer: BaseObserver = PollingObserver(timeout=poll_interval) if poll else Observer()
        self._handler = _Handler(root, on_change)
        self._watches: dict[Path, ObservedWatch] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        self.observer.schedule(self._handler, str(self.root), recursive=False)
        self.refresh(set())
        self.observer.start()

    def refresh(self, changed: set[Path]) -> None:
        """Watch each of content/ and themes/ that exists; re-watch those that were replaced."""
        with self._lock:
            for name in WATCHED:
                folder = self.root / name
                watch = self._watches.get(folder)
                if watch is not None and (folder in changed or not folder.is_dir()):
                    self._unschedule(folder, watch)
                    watch = None
                if watch is None and folder.is_dir():
                    # if it vanished again in between, the next event brings us back
                    with contextlib.suppress(OSError):
                        self._watches[folder] = self.observer.schedule(
                            self._handler, str(folder), recursive=True
                        )

    def _unschedule(self, folder: Path, watch: ObservedWatch) -> None:
        del self._watches[folder]
        with contextlib.suppress(KeyError, OSError):  # its emitter may have gone with it
            self.observer.unschedule(watch)

    def stop(self, timeout: float = 5.0) -> None:
        self.observer.stop()
        if self.observer.is_alive():
            self.observer.join(timeout)
