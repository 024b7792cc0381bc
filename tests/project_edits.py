"""Edits the cache tests make to a project, each a function of the project's root: what a
remembered check or build must notice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def edit(path: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    """Write ``change`` of the file at ``path`` (of "" when there is none) back to it."""

    def edit_file(root: Path) -> None:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(change(file.read_text() if file.exists() else ""))

    return edit_file


def dutch_catalog(root: Path, po: str) -> None:
    """A theme catalog at ``po`` that translates one message into Dutch."""
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=utf-8\\n"', ""]
    lines += ['msgid "Vendors"', 'msgstr "Leveranciers"', ""]
    edit(po, lambda _: "\n".join(lines))(root)
