"""Put a built site on disk atomically: all of it, or none of it.

The new site is written into a temporary folder beside the output folder (same parent, so
same filesystem and renames are atomic), then swapped in: the old output is renamed aside,
the new one renamed into place, the old one deleted. Any failure before the swap removes
the temporary folder and leaves the previous output exactly as it was; files that the new
build no longer makes vanish, because the new folder holds only what this build wrote.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


class UnsafePathError(ValueError):
    """A site file path that could escape the output folder or is not portable."""


def check_path(path: str) -> str | None:
    """Why ``path`` is not a safe relative file path inside the output folder, or None."""
    if not path:
        return "is empty"
    if "\0" in path:
        return "contains a NUL character"
    if "\\" in path:
        return "contains a backslash (use / between folders)"
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "is absolute (site paths are relative to the output folder)"
    if path.endswith("/"):
        return "names a folder, not a file"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return f"has an empty, '.' or '..' part ({part!r})"
        if any(ord(c) < 32 for c in part):
            return "contains a control character"
    return None


def _sibling(output: Path, kind: str) -> Path:
    """A fresh, hidden folder name next to ``output``."""
    return output.with_name(f".{output.name}.{kind}-{secrets.token_hex(4)}")


def _make_temp(output: Path) -> Path:
    while True:
        temp = _sibling(output, "new")
        try:
            temp.mkdir()  # mode from the umask, like any folder the user makes
            return temp
        except FileExistsError:
            continue


class SiteWriter:
    """Writes a site file by file into a temporary folder, then swaps it in whole.

    A build streams its pages here as they are drawn, so the site never has to fit in memory.
    ``commit`` swaps the new folder in; ``abort`` (and leaving a ``with`` block by an
    exception) deletes it and leaves the previous output exactly as it was. Nothing is put on
    disk before the first file.
    """

    def __init__(self, output_dir: Path):
        self.output = Path(os.path.abspath(output_dir))
        self._temp: Path | None = None
        self._files: set[str] = set()
        self._folders: set[str] = set()

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()  # after a commit there is nothing left to abort

    def _start(self) -> Path:
        if self.output.exists() and not self.output.is_dir():
            raise NotADirectoryError(
                errno.ENOTDIR, "it exists and is not a folder", str(self.output)
            )
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self._temp = _make_temp(self.output)
        return self._temp

    def put(self, path: str, data: bytes) -> None:
        """Write one file; raises ``UnsafePathError`` for a path that could escape the folder."""
        why = check_path(path)
        parents = [str(p) for p in PurePosixPath(path).parents][:-1]
        if why is None and path in self._folders:
            why = "is already a folder of another file (a path cannot be a file and also a folder)"
        clash = next((p for p in parents if p in self._files), None)
        if why is None and clash is not None:
            why = (
                f"needs {clash!r} as a folder, but it is a file (a path cannot be a file and "
                "also a folder)"
            )
        if why is not None:
            raise UnsafePathError(f"cannot write the site: {path!r} {why}")
        temp = self._temp or self._start()
        target = temp.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self._files.add(path)
        self._folders.update(parents)

    def commit(self) -> None:
        """Put the new site in place of the old one (an empty site if nothing was written)."""
        temp = self._temp or self._start()
        self._temp = None
        try:
            _swap(temp, self.output)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise

    def abort(self) -> None:
        """Forget everything written so far; the previous output stays as it was."""
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None


def write_site(output_dir: Path, files: Mapping[str, bytes]) -> None:
    """Replace ``output_dir`` with exactly ``files`` (site-relative path -> content).

    Raises ``UnsafePathError`` (before writing that path) when a path could escape the
    folder, and ``OSError`` when writing fails; in both cases the old output is untouched.
    """
    with SiteWriter(output_dir) as writer:
        for path in sorted(files):
            writer.put(path, files[path])
        writer.commit()


def _swap(new: Path, output: Path) -> None:
    """Rename ``new`` to ``output``; the previous output goes aside and is then deleted."""
    if not output.exists():
        os.rename(new, output)
        return
    old = _sibling(output, "old")
    os.rename(output, old)
    try:
        os.rename(new, output)
    except BaseException:
        os.rename(old, output)  # put the previous site back before reporting
        raise
    # The new site is in place; failing to delete the old copy must not fail the build.
    shutil.rmtree(old, ignore_errors=True)
