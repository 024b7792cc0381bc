"""A content-hash cache inside the project (``.scorecardgen-cache/``).

Entries are keyed by a digest of everything that affects them, salted with the versions of
scorecardgen (its own source files included, so an edited checkout never reuses stale
output) and vl-convert. A key that matches can therefore never show a wrong number; a build
that succeeds prunes every entry it did not use.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path

from scorecardgen import __version__

CACHE_DIR = ".scorecardgen-cache"


@functools.cache
def salt() -> str:
    """Digest of the code that produces cached output: scorecardgen's sources and vl-convert."""
    h = hashlib.sha256(__version__.encode())
    try:
        h.update(metadata.version("vl-convert-python").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        h.update(b"vl-convert-unknown")
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def digest(*parts: bytes | str) -> str:
    """A cache key: the salted SHA-256 of ``parts`` (length-prefixed, so parts never blur)."""
    h = hashlib.sha256(salt().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class Cache:
    """Entries by kind and key on disk; ``Cache(None)`` is a cache that never hits."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()  # kind/key of each entry read, written or kept
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.used.add(f"{kind}/{key}")
        self.hits += 1
        return data

    def keep(self, kind: str, key: str) -> None:
        """Mark an entry as used without reading it, so pruning spares it."""
        if self.folder is not None:
            self.used.add(f"{kind}/{key}")

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        path = self._path(kind, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, path)  # readers never see half an entry
        self.used.add(f"{kind}/{key}")

    def prune(self) -> int:
        """Delete every entry this build did not read or write; return how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.rglob("*"):
            if path.is_file() and f"{path.parent.parent.name}/{path.name}" not in self.used:
                path.unlink()
                removed += 1
        for folder in sorted((p for p in self.folder.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        return removed
