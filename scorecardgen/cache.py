"""A content-hash cache inside the project (``.scorecardgen-cache/``).

Entries are keyed by a digest of everything that affects them, salted with the versions of
scorecardgen (its own source files included, so an edited checkout never reuses stale
output) and vl-convert. A key that matches can therefore never show a wrong number; a build
that succeeds prunes every entry it did not use.

The cache only ever touches what it wrote: its folder, and the folders inside it, must be
real folders (a symbolic link is refused, never followed), every entry it writes is listed in
a manifest first, and pruning deletes entries by that list, never by walking the folder, so
a file or link someone else put there survives.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import stat
from collections.abc import Collection
from importlib import metadata
from pathlib import Path

from scorecardgen import __version__
from scorecardgen.processes import process_alive

CACHE_DIR = ".scorecardgen-cache"
MANIFEST = "manifest"  # one "kind/key" line per entry the cache wrote, in the cache folder
# the kinds of entry scorecardgen keeps (a kind folder that is a link is refused up front)
KINDS = ("bundle", "file", "pages", "pdf", "rows", "site", "state", "svg", "template", "verdict")
# kinds whose entries are hard-linked into sites: read-only, so an edit of the site's copy
# is refused (to anyone but root), and ``placeable`` checks each is still as written
PLACED = frozenset({"file", "pdf"})
Stamp = tuple[int, int, int]  # an entry's inode, size and modification time (ns)
_ENTRY = re.compile(r"([a-z][a-z0-9-]{0,30})/([0-9a-f]{64})")
# a file half-written by a process (its pid in the name): an entry, or the manifest
_TEMP = re.compile(r"\.([0-9a-f]{64}|manifest)\.(\d{1,10})\.tmp")


class CacheError(Exception):
    """The cache folder, or a folder inside it, is not a real folder the cache can own."""

    def __init__(self, path: Path, why: str):
        self.path = path
        self.reason = f"{why}; the build cache is kept only in a real folder inside the project"
        super().__init__(f"{path} {self.reason}")


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


def _real_folder(path: Path) -> bool:
    """True for an existing folder that is not a symbolic link; raises CacheError for
    anything else that is there (a link, a file); False when nothing is."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        raise CacheError(path, f"is a symbolic link (to {os.readlink(path)})")
    if not stat.S_ISDIR(mode):
        raise CacheError(path, "is not a folder")
    return True


class Cache:
    """Entries by kind and key on disk; ``Cache(None)`` is a cache that never hits.

    Use ``Cache.open`` for a project's cache: it refuses a cache folder that is a symbolic
    link or a file. Reading or writing through a link inside the folder raises ``CacheError``.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()  # kind/key of each entry read, written or kept
        self.written: set[str] = set()  # kind/key of each entry this cache wrote
        self.hits = 0
        self.misses = 0
        self._checked: set[Path] = set()  # folders seen to be real folders
        self._shards: dict[tuple[str, str], Path] = {}  # (kind, shard) -> its folder

    @classmethod
    def open(cls, root: Path) -> Cache:
        """The cache of the project at ``root``; raises ``CacheError`` for an unsafe folder."""
        folder = root / CACHE_DIR
        cache = cls(folder)
        if cache._folder_ok(folder):  # refused before a run stores anything, not midway
            for kind in KINDS:
                cache._folder_ok(folder / kind)
            if os.path.islink(folder / MANIFEST):
                raise CacheError(folder / MANIFEST, "is a symbolic link")
        return cache

    def _folder_ok(self, path: Path | None) -> bool:
        """Whether ``path`` exists as a real folder (checked once per cache)."""
        assert path is not None
        if path in self._checked:
            return True
        if _real_folder(path):
            self._checked.add(path)
            return True
        return False

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        if not _ENTRY.fullmatch(f"{kind}/{key}"):
            raise ValueError(f"not a cache entry name: {kind}/{key}")
        shard = self._shards.get((kind, key[:2]))
        if shard is None:
            shard = self._shards[(kind, key[:2])] = self.folder / kind / key[:2]
        return shard / key

    def _parents_ok(self, path: Path) -> bool:
        """Whether the cache folder, kind folder and shard folder above ``path`` all exist."""
        shard = path.parent
        if shard in self._checked:  # its parents were checked with it
            return True
        return all(self._folder_ok(p) for p in (self.folder, shard.parent, shard))

    def get(self, kind: str, key: str) -> bytes | None:
        """The entry's bytes, or None (a miss); never reads through a symbolic link."""
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            if not self._parents_ok(path):
                raise FileNotFoundError(path)
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)  # a link is a miss, not a read
            with os.fdopen(fd, "rb") as f:
                data = f.read()
        except OSError:
            self.misses += 1
            return None
        self.used.add(f"{kind}/{key}")
        self.hits += 1
        return data

    def entry_path(self, kind: str, key: str) -> Path:
        """Where an entry lives (whether or not it is there)."""
        return self._path(kind, key)

    def placeable(self, kind: str, key: str, stamp: Stamp) -> Path | None:
        """The entry's file, to be hard-linked into a site, while it is still exactly the
        file this cache wrote (same inode, size and modification time as ``stamp``); None
        when it is gone, a link, or was changed in place (a hand edit through a link)."""
        if self.folder is None:
            return None
        path = self._path(kind, key)
        if not self._parents_ok(path) or self.stamp_of(path) != stamp:
            self.misses += 1
            return None
        self.used.add(f"{kind}/{key}")
        self.hits += 1
        return path

    def stamp(self, kind: str, key: str) -> Stamp | None:
        """The (inode, size, modification time) of an entry as it is now, or None."""
        if self.folder is None:
            return None
        return self.stamp_of(self._path(kind, key))

    @staticmethod
    def stamp_of(path: Path) -> Stamp | None:
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def keep(self, kind: str, key: str) -> None:
        """Mark an entry as used without reading it, so pruning spares it."""
        if self.folder is not None:
            self.used.add(f"{kind}/{key}")

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store an entry: listed in the manifest first, then written whole and renamed."""
        if self.folder is None:
            return
        path = self._path(kind, key)
        for folder in (self.folder, path.parent.parent, path.parent):
            if not self._folder_ok(folder):
                folder.mkdir(exist_ok=True)
                self._folder_ok(folder)  # raises if something else appeared there
        self._append_manifest(f"{kind}/{key}\n")
        temp = path.with_name(f".{key}.{os.getpid()}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
        with contextlib.suppress(FileNotFoundError):  # a read-only leftover of this pid
            os.unlink(temp)
        try:
            fd = os.open(temp, flags, 0o444 if kind in PLACED else 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link: never write through it
                raise CacheError(temp, "is a symbolic link") from exc
            raise
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temp, path)  # readers never see half an entry
        self.used.add(f"{kind}/{key}")
        self.written.add(f"{kind}/{key}")

    def _append_manifest(self, line: str) -> None:
        assert self.folder is not None
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW
        try:
            fd = os.open(self.folder / MANIFEST, flags, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link
                raise CacheError(self.folder / MANIFEST, "is a symbolic link") from exc
            raise
        with os.fdopen(fd, "w") as f:
            f.write(line)  # one short append: concurrent builds never interleave a line

    def _manifest(self) -> list[str]:
        """The entries the manifest lists (malformed lines ignored, so none can point out)."""
        assert self.folder is not None
        try:
            fd = os.open(self.folder / MANIFEST, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return []
        with os.fdopen(fd, errors="replace") as f:
            return [line for line in f.read().split("\n") if _ENTRY.fullmatch(line)]

    def prune(self, kinds: Collection[str] | None = None) -> int:
        """Delete every entry this cache wrote (in any build) that this build did not use.

        ``kinds``: prune entries of these kinds only (a check uses no page or chart).

        Only entries the manifest lists, only regular files, only below real folders: a file
        or link someone else put in the cache survives, and a cache folder that is a link is
        never pruned. Half-written entries of processes that died go too. Returns the count.
        """
        if self.folder is None:
            return 0
        try:
            if not self._folder_ok(self.folder):
                return 0
        except CacheError:
            return 0  # refused when the build began; never prune through a link
        listed = self._manifest()
        if kinds is not None:  # what this run never looks at is not its to judge
            self.used.update(e for e in listed if e.split("/")[0] not in kinds)
        removed, shards, emptied = 0, set(), set()
        for entry in dict.fromkeys(listed):
            kind, key = entry.split("/")
            shards.add((kind, key[:2]))
            if entry in self.used:
                continue
            path = self._path(kind, key)
            try:
                if not self._parents_ok(path):
                    continue
            except CacheError:
                continue  # a link where a kind or shard folder was: leave it alone
            if _is_file(path):
                path.unlink()
                removed += 1
                emptied.add(path.parent)
        for kind, prefix in sorted(shards):
            folder = self.folder / kind / prefix
            try:
                if self._parents_ok(folder / "x"):
                    _remove_dead_temps(folder)
            except CacheError:
                continue
        _remove_dead_temps(self.folder)
        kept = [e for e in dict.fromkeys([*listed, *sorted(self.written)]) if e in self.used]
        self._write_manifest(kept)
        for emptied_shard in sorted(emptied):  # empty folders the cache made; rmdir spares others
            for folder in (emptied_shard, emptied_shard.parent):
                with contextlib.suppress(OSError):
                    folder.rmdir()
        return removed

    def _write_manifest(self, entries: list[str]) -> None:
        assert self.folder is not None
        temp = self.folder / f".{MANIFEST}.{os.getpid()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
        with os.fdopen(os.open(temp, flags, 0o644), "w") as f:
            f.write("".join(f"{e}\n" for e in entries))
        os.replace(temp, self.folder / MANIFEST)


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _remove_dead_temps(folder: Path) -> None:
    """Remove files half-written in ``folder`` by processes that were killed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        found = _TEMP.fullmatch(name)
        if found and not process_alive(int(found[2])) and _is_file(folder / name):
            (folder / name).unlink()
