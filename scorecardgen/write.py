"""Put a built site on disk atomically: all of it, or none of it, and nowhere it must not go.

The new site is written into a temporary folder beside the output folder (same parent, so
same filesystem and renames are atomic), then swapped in: the old output is renamed aside,
the new one renamed into place, the old one deleted. Any failure before the swap removes
the temporary folder and leaves the previous output exactly as it was; files that the new
build no longer makes vanish, because the new folder holds only what this build wrote.

Each temporary folder holds a marker naming the process that made it, so the next build
removes what a killed build left behind, and never the folder of a build still running.
``check_output`` refuses, before anything is written, an output folder whose replacement
would delete something that is not an earlier build: the project, a folder that holds it, a
symbolic link's target, or a folder of the user's own.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import socket
from pathlib import Path

from scorecardgen.processes import process_alive
from scorecardgen.write_same import SameOutput

# written inside each temporary folder at creation: "scorecardgen <pid> <host>"
TEMP_MARKER = ".scorecardgen-temp"
SITE = "site"  # the folder inside a temporary folder that becomes (or was) the output
# files every site scorecardgen builds has at its top, whatever the theme
SITE_SIGNATURE = ("index.html", "scorecards.json", "search-index.js")
# project folders an output may neither be, nor hold, nor lie in
PROTECTED = ("content", "themes", ".git", ".scorecardgen-cache")


_CONTROL = re.compile(r"[\x00-\x1f]")


class UnsafePathError(ValueError):
    """A site file path that could escape the output folder or is not portable."""


class UnsafeOutputError(ValueError):
    """An output folder that a build must not replace; the message says why and what to do."""


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
        if _CONTROL.search(part):
            return "contains a control character"
    return None


def _ids(path: Path) -> list[tuple[int, int]]:
    """(device, inode) of ``path`` and of each of its parents that exists."""
    found = []
    for folder in (path, *path.parents):
        try:
            info = os.stat(folder)
        except OSError:
            continue
        found.append((info.st_dev, info.st_ino))
    return found


def _within(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies inside it (both absolute and normalised).

    By name, and by inode when ``folder`` exists: on a case-insensitive disk "Content" is
    content/ under another name.
    """
    if path == folder or folder in path.parents:
        return True
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) in _ids(path)


def _refuse(why: str, todo: str) -> UnsafeOutputError:
    return UnsafeOutputError(f"{why}; {todo}. Nothing was written or deleted")


def resolve_output(output: Path) -> Path:
    """``output`` made absolute with its parent's symbolic links resolved (not its own)."""
    named = Path(os.path.abspath(output))
    if named.parent == named:  # the filesystem root has no name to swap
        return named
    return Path(os.path.realpath(named.parent)) / named.name


def _refuse_link(output: Path) -> None:
    if os.path.islink(output):
        raise _refuse(
            f"it is a symbolic link (to {os.readlink(output)}), and a build replaces its output "
            "folder whole, which would replace the link or delete where it leads",
            "name the real folder with -o, or remove the link",
        )


def check_output(root: Path, output: Path) -> Path:
    """The folder to write ``root``'s site to, resolved; raises ``UnsafeOutputError`` first.

    Refused: a symbolic link; a path named inside the project that a link leads outside it;
    the project, its content/, themes/, .git/ or cache, a folder inside one of them, or one
    holding them; a folder holding a .git; and a non-empty folder that is not a site an
    earlier build wrote (except the project's own output/). Links in the parents of a path
    named outside the project are followed: that is where the user's filesystem puts it.
    """
    named = Path(os.path.abspath(output))
    _refuse_link(named)
    where = resolve_output(named)
    project = Path(os.path.realpath(root))
    named_inside = _within(named, Path(os.path.abspath(root))) or _within(named, project)
    if named_inside and not _within(where, project):
        raise _refuse(
            f"it lies in the project, but a symbolic link on the way leads to {where}, outside it",
            "name the real folder with -o, or remove the link",
        )
    if _within(project, where):
        raise _refuse(
            f"the project ({project}) is {'this folder' if where == project else 'inside it'}, "
            "and a build replaces its output folder whole, which would delete the project",
            f"name a new or empty folder, such as {project / 'output'}",
        )
    for name in PROTECTED:
        guarded = project / name
        if _within(where, guarded):
            raise _refuse(
                f"it is {'' if where == guarded else 'inside '}the project's {name}/, which the "
                "build reads or keeps, and must not be replaced or mixed with a built site",
                f"name a folder outside {name}/, such as {project / 'output'}",
            )
    blocker = next((p for p in (where, *where.parents) if os.path.lexists(p)), where)
    if not blocker.is_dir():
        raise _refuse(
            f"{'it' if blocker == where else blocker} is a file, not a folder",
            "name a folder with -o",
        )
    if os.path.lexists(where / ".git"):
        raise _refuse(
            "it holds a .git (a git checkout), which replacing the folder would delete",
            "build into a folder of its own and copy the site into the checkout yourself",
        )
    if where != project / "output":  # the project's own output/ is always the build's
        _refuse_foreign(where)
    return where


def looks_like_site(folder: Path) -> bool:
    """True for a folder that holds a site scorecardgen built, or one site per vendor."""

    def one(site: Path) -> bool:
        return _is_real_dir(site) and all((site / name).is_file() for name in SITE_SIGNATURE)

    if one(folder):
        return True
    entries = list(folder.iterdir())
    return bool(entries) and all(one(entry) for entry in entries)


def _refuse_foreign(output: Path) -> None:
    """Refuse a folder whose replacement would delete files no earlier build wrote."""
    if not output.is_dir():
        return  # absent: created; a file: the writer says it is not a folder
    if any(output.iterdir()) and not looks_like_site(output):
        raise _refuse(
            "it is a folder that is not empty and does not hold a site scorecardgen built "
            f"(no {', '.join(SITE_SIGNATURE)}), and a build replaces its output folder whole, "
            "which would delete what is in it",
            "name a new or empty folder with -o, or empty this one yourself",
        )


# -- temporary folders, and what killed builds left of them --------------------------------


def _sibling(output: Path, kind: str) -> Path:
    """A fresh, hidden folder name next to ``output``."""
    return output.with_name(f".{output.name}.{kind}-{secrets.token_hex(4)}")


def _make_temp(output: Path, kind: str) -> Path:
    """A new temporary folder beside ``output``, marked as this process's."""
    while True:
        temp = _sibling(output, kind)
        try:
            temp.mkdir()  # mode from the umask, like any folder the user makes
        except FileExistsError:
            continue
        marker = os.open(temp / TEMP_MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(marker, "w") as f:
            f.write(f"scorecardgen {os.getpid()} {socket.gethostname()}\n")
        return temp


def _owner(temp: Path) -> tuple[int, str] | None:
    """(pid, host) from a temporary folder's marker; None unless it is a marker we wrote."""
    try:
        fd = os.open(temp / TEMP_MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd) as f:
        found = re.fullmatch(r"scorecardgen (\d{1,10}) (\S+)\n", f.read(300))
    return (int(found[1]), found[2]) if found else None


def _alive(pid: int, host: str) -> bool:
    """Whether the process that made a temporary folder may still be running."""
    if host != socket.gethostname():
        return True  # another machine's (a shared drive): never ours to judge
    return process_alive(pid)


def _is_real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def remove_leftovers(output: Path) -> list[Path]:
    """Remove the temporary folders that killed builds left beside ``output``; return them.

    Only folders named like ours, holding our marker, whose process is gone: a build that is
    still running keeps its own. A build killed mid-swap left its previous output in an
    "old" folder; when the output is missing, that folder is put back first.
    """
    pattern = re.compile(rf"\.{re.escape(output.name)}\.(new|old)-[0-9a-f]{{8}}")
    try:
        entries = list(os.scandir(output.parent))
    except OSError:
        return []
    removed = []
    for entry in sorted(entries, key=lambda e: e.name):
        found = pattern.fullmatch(entry.name)
        if not found or not entry.is_dir(follow_symlinks=False):
            continue
        temp = Path(entry.path)
        owner = _owner(temp)
        if owner is None or _alive(*owner):
            continue
        previous = temp / SITE
        if found[1] == "old" and not os.path.lexists(output) and _is_real_dir(previous):
            os.rename(previous, output)
        shutil.rmtree(temp, ignore_errors=True)
        removed.append(temp)
    return removed


class SiteWriter:
    """Writes a site file by file into a temporary folder, then swaps it in whole.

    A build streams its pages here as they are drawn, so the site never has to fit in memory.
    ``commit`` swaps the new folder in; ``abort`` (and leaving a ``with`` block by an
    exception) deletes it and leaves the previous output exactly as it was. Nothing is put on
    disk before the first file. An output that is a symbolic link is refused.
    """

    def __init__(self, output_dir: Path):
        self.output = resolve_output(output_dir)
        self._temp: Path | None = None
        self._files: set[str] = set()
        self._folders: set[str] = set()
        self.linked = 0  # files placed as hard links to cache entries
        self._made: set[str] = set()  # folders made in the temporary folder
        # while every file handed over is already in the output: nothing is written
        self._same = SameOutput(self.output) if _is_real_dir(self.output) else None
        self.unchanged = False  # after commit: the output already held this very site

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()  # after a commit there is nothing left to abort

    def _start(self) -> Path:
        _refuse_link(self.output)
        if self.output.exists() and not self.output.is_dir():
            raise NotADirectoryError(
                errno.ENOTDIR, "it exists and is not a folder", str(self.output)
            )
        self.output.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(self.output)
        self._temp = _make_temp(self.output, "new")
        (self._temp / SITE).mkdir()
        return self._temp

    def put(self, path: str, data: bytes) -> None:
        """Write one file; raises ``UnsafePathError`` for a path that could escape the folder."""
        again = self._claim(path)
        if self._same is not None and not again and self._same.has_bytes(path, data):
            return
        _write_file(self._disk(path, again), data)

    def place(self, path: str, source: Path) -> None:
        """Put a cache entry's file at ``path`` without writing its bytes again: a hard link
        where the filesystem allows one, else a copy. The entry is read-only and never
        opened for writing; a later build replaces the whole folder, never a file in it."""
        again = self._claim(path)
        if self._same is not None and not again and self._same.has_file(path, source):
            return
        self._link(source, self._disk(path, again))

    def _link(self, source: Path, target: str) -> None:
        try:
            os.link(source, target)
            self.linked += 1
        except OSError:  # another filesystem, no links (FAT), too many links: copy it
            shutil.copyfile(source, target)

    def _claim(self, path: str) -> bool:
        """Check ``path`` and count it as written; True when it was written before.

        Plain strings, not ``Path``: a no-change build of 1,000 vendors places 20,000 files."""
        why = check_path(path)
        parents = _parents(path)
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
        again = path in self._files
        self._files.add(path)
        self._folders.update(parents)
        return again

    def _disk(self, path: str, again: bool = False) -> str:
        """Where ``path`` goes in the temporary folder, its folder made; what was found
        already in the output is put there first."""
        self._stop_comparing()
        temp = self._temp or self._start()
        target = os.path.join(temp, SITE, *path.split("/"))
        folder = path.rpartition("/")[0]
        if folder and folder not in self._made:  # one mkdir per folder, not per file
            os.makedirs(os.path.dirname(target), exist_ok=True)
            self._made.update(_parents(path))
        if again:  # written twice: never write through a link to the cache
            os.unlink(target)
        return target

    def _stop_comparing(self) -> None:
        """A file differs from the output's: put every file found the same so far into the
        temporary folder (its link again, or a copy of the output's file)."""
        same, self._same = self._same, None
        if same is None:
            return
        for path, source in same.checked:
            target = self._disk(path)
            if source is None:
                shutil.copyfile(same.path(path), target)
            else:
                self._link(source, target)

    def commit(self) -> None:
        """Put the new site in place of the old one (an empty site if nothing was written)."""
        same = self._same
        if same is not None and same.holds_only(self._files, self._folders):
            self.unchanged = True  # the output is this site already: leave it as it is
            return
        self._stop_comparing()
        temp = self._temp or self._start()
        try:
            _refuse_link(self.output)  # it may have become one while the site was drawn
            _swap(temp / SITE, self.output)
        finally:
            self.abort()

    def abort(self) -> None:
        """Forget everything written so far; the previous output stays as it was."""
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None


def _parents(path: str) -> list[str]:
    """The folders of a relative path, the nearest first: "a/b/c" -> ["a/b", "a"]."""
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


def _write_file(target: str, data: bytes) -> None:
    with open(target, "wb") as f:
        f.write(data)


def _swap(new: Path, output: Path) -> None:
    """Rename ``new`` to ``output``; the previous output goes aside and is then deleted."""
    if not output.exists():
        os.rename(new, output)
        return
    old = _make_temp(output, "old")  # marked, so a build killed mid-swap is put right
    try:
        os.rename(output, old / SITE)
    except BaseException:
        shutil.rmtree(old, ignore_errors=True)
        raise
    try:
        os.rename(new, output)
    except BaseException:
        os.rename(old / SITE, output)  # put the previous site back before reporting
        shutil.rmtree(old, ignore_errors=True)
        raise
    # The new site is in place; failing to delete the old copy must not fail the build.
    shutil.rmtree(old, ignore_errors=True)
