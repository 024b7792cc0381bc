"""`scorecardgen new`: copy the small example project shipped inside the package."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

GITIGNORE = "gitignore"  # stored without its dot so packaging tools keep it


class ScaffoldError(Exception):
    """The target folder cannot take a new project."""


def create_project(target: Path) -> list[Path]:
    """Write a new project into ``target`` (absent or empty); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not an empty folder")
    source = resources.files("scorecardgen") / "scaffold"
    written: list[Path] = []
    with resources.as_file(source) as src:
        for path in sorted(p for p in Path(src).rglob("*") if p.is_file()):
            rel = path.relative_to(src)
            if "__pycache__" in rel.parts:
                continue
            is_ignore = rel.as_posix() == GITIGNORE
            dest = target / ".gitignore" if is_ignore else target / "content" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
            written.append(dest)
    return written
