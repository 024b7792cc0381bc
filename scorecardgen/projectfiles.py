"""Which files a build may read, decided before anything is opened.

A build reads only regular files and folders inside a boundary: the project folder, or for
the built-in theme its own folder. A symbolic link is followed only when it resolves inside
that boundary to something not hidden. A link loop, a dangling link, a FIFO, a socket or a
device is refused and never opened (opening a FIFO waits for a writer for ever). Hidden
names and editor droppings are skipped everywhere by one rule, ``is_ignored``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scorecardgen.yamlsource import NOT_XML

# vim (.swp .swx .swo, and 4913 when it probes a folder), emacs (x~ .#x #x#), and the rest
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".bak")


def is_ignored(name: str) -> bool:
    """Hidden files and editor droppings (``.#x``, ``#x#``, ``x~``, ``.swp``, vim's ``4913``)."""
    return (
        name.startswith(".")
        or name.endswith(_IGNORED_SUFFIXES)
        or (name.startswith("#") and name.endswith("#"))
        or name == "4913"
    )


@dataclass(frozen=True)
class Refusal:
    """Why one path is never read: a message and hint for the editor, and a problem code."""

    message: str
    hint: str
    code: str


def refusal(path: Path, boundary: Path, inside: str = "the project") -> Refusal | None:
    """Why ``path`` must not be read, or None when it may (or does not exist).

    ``boundary`` is a resolved folder; ``inside`` names it in the message. Only metadata is
    looked at: nothing is opened.
    """
    try:
        path.lstat()
    except FileNotFoundError:
        return None  # the caller reports a missing file in its own words
    except OSError as exc:
        return _unreadable(exc)
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return _LOOP
    except FileNotFoundError:
        return Refusal(
            "is a symbolic link to something that does not exist",
            "remove the link, or put the file itself here",
            "broken-link",
        )
    except OSError as exc:  # ELOOP on some platforms, EACCES on a folder on the way
        if exc.errno == errno.ELOOP:
            return _LOOP
        return _unreadable(exc)
    if not target.is_relative_to(boundary):
        return Refusal(
            f"links to a place outside {inside}, which is never followed",
            "copy the file into the project instead",
            "outside-project",
        )
    if any(is_ignored(part) for part in target.relative_to(boundary).parts):
        return Refusal(
            "links to a hidden or temporary file, which is never read",
            "link to an ordinary file, or copy it here",
            "outside-project",
        )
    try:
        mode = target.stat().st_mode
    except OSError as exc:
        return _unreadable(exc)
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Refusal(
            "is not a regular file (a FIFO, socket or device), and is never read",
            "content and theme files are ordinary files",
            "not-a-file",
        )
    if not os.access(target, os.R_OK | (os.X_OK if stat.S_ISDIR(mode) else 0)):
        return Refusal("cannot be read: permission denied", "check its permissions", "unreadable")
    return None


def _unreadable(exc: OSError) -> Refusal:
    return Refusal(f"cannot be read: {exc.strerror or exc}", "check its permissions", "unreadable")


_LOOP = Refusal(
    "is a symbolic link that loops back on itself",
    "replace the link with the file it should point to",
    "link-loop",
)


def walk_files(
    folder: Path, boundary: Path, inside: str = "the project"
) -> Iterator[tuple[str, Path, Refusal | None]]:
    """Every file under ``folder`` as (name relative to it, path, refusal or None), in order.

    Ignored names are skipped; a folder (or a link to one inside ``boundary``) is entered
    once however many links lead to it, so a link loop ends. A refused path is yielded with
    its refusal and not entered.
    """
    seen: set[Path] = set()

    def visit(current: Path, prefix: str) -> Iterator[tuple[str, Path, Refusal | None]]:
        why = refusal(current, boundary, inside)
        if why is not None:
            yield prefix, current, why
            return
        if not current.is_dir():
            if prefix:  # a file where the folder should be holds nothing to walk
                yield prefix, current, None
            return
        real = current.resolve()
        if real in seen:
            return
        seen.add(real)
        try:
            children = sorted(os.listdir(current))
        except OSError as exc:
            yield (
                prefix,
                current,
                Refusal(
                    f"cannot read folder: {exc.strerror or exc}",
                    "check its permissions",
                    "unreadable",
                ),
            )
            return
        for name in children:
            if not is_ignored(name):
                yield from visit(current / name, f"{prefix}/{name}" if prefix else name)

    if folder.exists() or folder.is_symlink():
        yield from visit(folder, "")


@dataclass(frozen=True)
class BadText:
    """Why bytes are not content text, and where (1-based line and column)."""

    message: str
    hint: str
    line: int
    column: int


def decode_text(data: bytes) -> str | BadText:
    """UTF-8 text (a BOM dropped) with no NUL or control character, or why not."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return BadText("file is not UTF-8 text", "save the file as UTF-8", line, column)
    if "\0" in text:
        return BadText("file contains a NUL character", "is this a binary file?", 1, 1)
    found = NOT_XML.search(text)
    if found is not None:  # a control character would break every page that shows it
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        return BadText(
            f"file contains the character U+{ord(found.group()):04X}",
            "remove it: no page can show it",
            line,
            column,
        )
    return text
