"""Each vendor's loaded, validated and scored state, kept in the build cache between runs.

Reading, validating and scoring every vendor is most of a no-change build. A vendor's state
is a function of its folder's files, of what every vendor shares (site.yaml, the KPI
catalogue, the theme's problems: ``Checked.shared_digest``) and of two things worked out
across vendors on each refresh (as_of, the reporting currency). So a run only walks and
hashes the vendor's folder (``fingerprint``: no parsing, no validation) and takes the rest
whole from the entry keyed by that fingerprint and the shared digest; as_of and the
reporting currency are stored with the scorecard and compared, and a vendor is scored again
when either moved. The key is salted like every cache key (``cache.digest``), so an edited
scorecardgen never reuses a state it did not make.

Entries are pickles of the records as loaded: the cache folder is the project's own, as
trusted as its content/ (a build already serves the HTML it holds).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scorecardgen.cache import Cache, digest
from scorecardgen.cache_pickle import load_pickled, store_pickled
from scorecardgen.errors import Problem
from scorecardgen.load import CONTENT, Loaded, is_ignored
from scorecardgen.scoring import VendorScorecard

KIND = "state"
ScoredOn = tuple[date, str, str | None]  # as_of, shared digest, reporting currency


@dataclass
class VendorState:
    """One vendor as the checker keeps it: loaded, then validated, then scored."""

    loaded: Loaded
    fingerprint: str = ""  # of its folder as found on disk (``fingerprint``); "" unknown
    problems: list[Problem] | None = None  # validation, against the shared state it saw
    validated_on: str | None = None  # the shared digest ``problems`` were found against
    card: VendorScorecard | None = None  # scored on ``scored_on``
    scored_on: ScoredOn | None = None


def fingerprint(root: Path, vendor_id: str) -> str:
    """SHA-256 of everything in a vendor's folder the loader could read or react to.

    Names, kinds, permissions and sizes of every entry (hidden names and editor droppings
    skipped, as the loader skips them), where each symbolic link leads, and every regular
    file's bytes. Any change the loader could see changes it; it reads bytes but parses none.
    """
    h = hashlib.sha256()
    folder = root / CONTENT / "vendors" / vendor_id
    _walk(folder, "", h, set())
    return h.hexdigest()


def _add(h: hashlib._Hash, *parts: str | bytes) -> None:
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)


def _walk(path: Path, rel: str, h: hashlib._Hash, seen: set[tuple[int, int]]) -> None:
    try:
        info = os.lstat(path)
    except OSError as exc:
        _add(h, rel, f"missing {exc.errno}")
        return
    if stat.S_ISLNK(info.st_mode):
        _add(h, rel, "link", os.path.realpath(path))
        try:
            info = os.stat(path)
        except OSError as exc:
            _add(h, f"broken {exc.errno}")
            return
    _add(h, rel, f"{stat.S_IFMT(info.st_mode)} {stat.S_IMODE(info.st_mode):o} {info.st_size}")
    if stat.S_ISDIR(info.st_mode):
        real = (info.st_dev, info.st_ino)  # the folder itself, whatever links lead to it
        if real in seen:  # a link loop: the loader refuses it, the walk must end
            return
        seen.add(real)
        try:
            names = sorted(os.listdir(path))
        except OSError as exc:
            _add(h, f"unlistable {exc.errno}")
            return
        for name in names:
            if not is_ignored(name):
                _walk(path / name, f"{rel}/{name}", h, seen)
    elif stat.S_ISREG(info.st_mode):
        try:
            with open(path, "rb") as f:
                _add(h, f.read())
        except OSError as exc:
            _add(h, f"unreadable {exc.errno}")


def state_key(vendor_id: str, fingerprint: str, shared_digest: str) -> str:
    """The cache key of a vendor's state: its folder, and everything vendors share."""
    return digest("vendor-state", vendor_id, fingerprint, shared_digest)


def load_state(cache: Cache, key: str) -> VendorState | None:
    """A vendor's state from the cache, or None (a miss, or an entry that does not unpickle)."""
    return load_pickled(cache, KIND, key, VendorState)  # else read the vendor again


def store_state(cache: Cache, key: str, state: VendorState) -> None:
    """Keep a vendor's state for the next run (its problems and scorecard as they are)."""
    store_pickled(cache, KIND, key, state)
