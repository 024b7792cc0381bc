"""Which revision a site is built from: ``source`` in every page footer, ``scorecard.json``,
``scorecards.json`` and the PDF covers (SPEC.md).

Two git calls per build: the HEAD commit with its committer date, and ``git status`` of what
a build reads (``content/`` and ``themes/`` of the project folder, so the output folder and
``.scorecardgen-cache/`` never count). No clock is read: the date is the commit's, so the
same revision builds the same bytes. Outside a git repository (or without git, or before the
first commit) there is no source: nothing is printed and the JSON says ``"source": null``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from scorecardgen import git
from scorecardgen.formatting import day

READ_FOLDERS = ("content", "themes")  # what a build reads, so what makes a tree "dirty"
SHORT = 12  # characters of a commit shown on a page


@dataclass(frozen=True)
class Source:
    """A built site's revision: the commit, its committer date, uncommitted edits or not."""

    commit: str  # the full hash
    committed: str  # ISO 8601 with the committer's offset, as git gives it
    dirty: bool  # content/ or themes/ differ from the commit (untracked files included)

    def data(self) -> dict[str, Any]:
        """``{commit, committed, dirty}`` as the JSON exports write it."""
        return {"commit": self.commit, "committed": self.committed, "dirty": self.dirty}

    def view(self) -> dict[str, Any]:
        """What templates show: the data plus the short commit and the date in words."""
        return self.data() | {
            "short": self.commit[:SHORT],
            "date": day(datetime.fromisoformat(self.committed).date()),
        }

    @property
    def key(self) -> str:
        """For cache keys: pages that show the source are drawn again when it moves."""
        return f"{self.commit}:{self.committed}:{int(self.dirty)}"


def read_source(root: Path) -> Source | None:
    """The revision of the project at ``root``, or None outside git."""
    try:
        commit, committed = git.text(root, "show", "-s", "--format=%H%n%cI", "HEAD").split("\n")
        status = git.run(root, "status", "--porcelain", "-z", "--", *READ_FOLDERS).stdout
    except (git.GitError, ValueError):
        return None
    return Source(commit, committed, dirty=bool(status))


def source_key(source: Source | None) -> str:
    """The part of a cache key that says which revision pages were built from."""
    return "" if source is None else source.key
