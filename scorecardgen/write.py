"""Put a built site on disk atomically: all of it, or none of it.

The new site is written into a temporary folder beside the output folder (same parent, so
same filesystem and renames are atomic), then swapped in: the old output is renamed aside,
the new one renamed into place, the old one deleted. Any failure before the swap removes
the temporary folder and leaves the previous output exactly as it was; files that the new
build no longer makes vanish, because the new folder holds only what this build wrote.
"""

from __future__ import annotations

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


def _check_all(paths: list[str]) -> None:
    problems = [f"{p!r} {why}" for p in paths if (why := check_path(p)) is not None]
    files = set(paths)
    for path in paths:
        for parent in PurePosixPath(path).parents:
            if str(parent) in files:
                problems.append(f"{str(parent)!r} is a file and also a folder of {path!r}")
    if problems:
        raise UnsafePathError("cannot write the site: " + "; ".join(sorted(problems)))


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


def write_site(output_dir: Path, files: Mapping[str, bytes]) -> None:
    """Replace ``output_dir`` with exactly ``files`` (site-relative path -> content).

    Raises ``UnsafePathError`` (before touching the disk) when a path could escape the
    folder, and ``OSError`` when writing fails; in both cases the old output is untouched.
    """
    paths = sorted(files)
    _check_all(paths)
    output = Path(os.path.abspath(output_dir))
    if output.exists() and not output.is_dir():
        raise NotADirectoryError(f"output {output} exists and is not a folder")
    output.parent.mkdir(parents=True, exist_ok=True)

    temp = _make_temp(output)
    try:
        for path in paths:
            target = temp.joinpath(*path.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        _swap(temp, output)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


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
