"""Whether a build is writing, file by file, exactly the site already in its output folder.

A rebuild that changes nothing (after ``git pull`` of someone else's vendor, in CI, a second
``build``) would otherwise place every file again in a new folder and delete the old one:
at 1,000 vendors ~20,000 links in ~12,000 folders, most of a no-change build's time. While
each file the build hands over is already in the output (the same cache entry's file, by
device and inode, or the same bytes), nothing is written; when the build is done and the
output holds those files and folders and nothing else, the output is left as it is. At the
first file that differs, the writer goes back to its temporary folder (``SiteWriter``):
what was already checked is put there, and the swap replaces the output whole, as always.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path


class SameOutput:
    """The files a build handed over so far, each found already in ``output``."""

    def __init__(self, output: Path):
        self.output = str(output)
        # in the order they came: (path, cache entry's file) or (path, None) for bytes
        self.checked: list[tuple[str, Path | None]] = []

    def path(self, path: str) -> str:
        return os.path.join(self.output, *path.split("/"))

    def has_bytes(self, path: str, data: bytes) -> bool:
        """Whether the output's file at ``path`` is a regular file holding exactly ``data``."""
        where = self.path(path)
        try:
            info = os.lstat(where)
            if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
                return False
            with open(where, "rb") as f:
                same = f.read(len(data) + 1) == data
        except OSError:
            return False
        if same:
            self.checked.append((path, None))
        return same

    def has_file(self, path: str, source: Path) -> bool:
        """Whether the output's file at ``path`` is ``source`` itself (a hard link to it)."""
        try:
            found = os.lstat(self.path(path))
            entry = os.stat(source)
        except OSError:
            return False
        same = stat.S_ISREG(found.st_mode) and (found.st_dev, found.st_ino) == (
            entry.st_dev,
            entry.st_ino,
        )
        if same:
            self.checked.append((path, source))
        return same

    def holds_only(self, files: set[str], folders: set[str]) -> bool:
        """Whether the output holds exactly ``files`` in exactly ``folders`` (relative, with
        "/"), as real folders and regular files: no other file, folder or link."""
        found_files: set[str] = set()
        found_folders: set[str] = set()
        try:
            if os.path.islink(self.output) or not os.path.isdir(self.output):
                return False
            for entry, relative in _walk(self.output, ""):
                if entry.is_dir(follow_symlinks=False):
                    found_folders.add(relative)
                elif entry.is_file(follow_symlinks=False):
                    found_files.add(relative)
                else:
                    return False  # a link or anything else no build writes
                if len(found_files) > len(files) or len(found_folders) > len(folders):
                    return False
        except OSError:
            return False
        return found_files == files and found_folders == folders


def _walk(folder: str, prefix: str) -> Iterator[tuple[os.DirEntry[str], str]]:
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        relative = prefix + entry.name
        yield entry, relative
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, relative + "/")
