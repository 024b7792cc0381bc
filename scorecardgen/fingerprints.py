"""Digests of the inputs a piece of output depends on, for the cache and incremental builds.

A vendor's own pages (scorecard, reviews, notes) depend on its folder, on what every page
shares (site settings, the KPI catalogue, the theme, as_of) and on who the site is for;
nothing else. Two builds with equal digests produce equal pages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from scorecardgen.load import CONTENT, is_ignored
from scorecardgen.model import Project
from scorecardgen.theme import ThemeError, default_theme_dir, resolve_theme


def _tree(h: hashlib._Hash, folder: Path, base: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(base)
        if path.is_file() and not any(is_ignored(part) for part in rel.parts):
            h.update(rel.as_posix().encode() + b"\0")
            try:
                data = path.read_bytes()
            except OSError:  # unreadable: the loader reports it, located; hash a placeholder
                data = b"\0unreadable"
            h.update(data + b"\0")


def vendor_digest(root: Path, vendor_id: str) -> str:
    """Digest of every file under content/vendors/<vendor_id>/."""
    h = hashlib.sha256()
    folder = root / CONTENT / "vendors" / vendor_id
    _tree(h, folder, folder)
    return h.hexdigest()


def shared_digest(project: Project) -> str:
    """Digest of what every page shares: site.yaml, the KPI files, the theme and as_of."""
    h = hashlib.sha256()
    root = project.root
    site = root / CONTENT / "site.yaml"
    h.update(site.read_bytes() if site.is_file() else b"")
    _tree(h, root / CONTENT / "kpis", root / CONTENT)
    _tree(h, default_theme_dir(), default_theme_dir())
    try:
        theme = resolve_theme(root, project.site.theme)
    except ThemeError:  # reported by validation; nothing to digest
        theme = None
    if theme is not None:
        _tree(h, theme, theme)
    return h.hexdigest()
