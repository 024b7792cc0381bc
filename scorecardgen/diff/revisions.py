"""The two sides of a diff: a git revision's project, or the working tree as it is.

A revision is read with ``git archive`` into a temporary folder, never by checking it out:
the working tree and the index are left exactly as they were. The project folder may lie
anywhere inside the repository: git archive, run from it, gives paths relative to it. Only
``content/`` and ``themes/`` are read: a score depends on nothing else (site.yaml's theme
must name a folder that exists).
"""

from __future__ import annotations

import io
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scorecardgen import git
from scorecardgen.provenance import READ_FOLDERS as READ
from scorecardgen.provenance import SHORT

WORKING_TREE = "working tree"  # what HEAD of a diff is by default: the files as they are


@dataclass(frozen=True)
class Revision:
    """One side of a diff: as the user named it, and the commit it resolved to."""

    name: str  # "HEAD", "origin/main", or WORKING_TREE
    commit: str | None  # the full hash; None for the working tree

    @property
    def short(self) -> str | None:
        """The commit's first 12 characters (None for the working tree)."""
        return None if self.commit is None else self.commit[:SHORT]

    @property
    def named_by_hash(self) -> bool:
        """Named by (a prefix of) its own hash, as CI passes a base revision."""
        return self.commit is not None and self.commit.startswith(self.name.lower())

    @property
    def label(self) -> str:
        """``HEAD (1a2b3c4d5e6f)``, ``1a2b3c4d5e6f`` or ``working tree``."""
        if self.short is None or self.named_by_hash:
            return self.short or self.name
        return f"{self.name} ({self.short})"


def repository(root: Path) -> None:
    """Raise ``GitError`` unless ``root`` lies in a git repository (in its work tree)."""
    try:
        inside = git.text(root, "rev-parse", "--is-inside-work-tree") == "true"
    except git.GitError as exc:
        if "not a git repository" not in str(exc):
            raise  # git missing, or a repository git refuses: its own words say why
        inside = False
    if not inside:
        raise git.GitError(
            f"{root} is not in a git repository: diff compares the scorecards of two git "
            "revisions (commit the project with git first, or name its folder with -C)"
        )


def resolve(root: Path, name: str | None) -> Revision:
    """The revision ``name`` (any of git's spellings: HEAD~1, a tag, origin/main, a hash);
    None is the working tree. Raises ``GitError`` for one git does not know."""
    if name is None:
        return Revision(WORKING_TREE, None)
    if name.startswith("-"):  # never an option to git
        raise git.GitError(f"'{name}' is not a revision")
    try:
        commit = git.text(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except git.GitError:
        commit = ""
    if not commit:
        raise git.GitError(
            f"unknown revision '{name}': no commit of that name in this repository "
            "(a branch, tag, hash, or HEAD~1 is expected; `git log --oneline` lists commits)"
        )
    return Revision(name, commit)


@contextmanager
def project_at(root: Path, revision: Revision) -> Iterator[Path]:
    """The project folder as it was at ``revision``: ``root`` itself for the working tree,
    else a temporary copy of its content/ and themes/ (removed on exit). A revision without
    content/ gives a folder without it, which the loader reports as such."""
    if revision.commit is None:
        yield root
        return
    with tempfile.TemporaryDirectory(prefix="scorecardgen-diff-") as folder:
        target = Path(folder)
        present = git.text(root, "ls-tree", "--name-only", revision.commit, "--", *READ)
        if present:
            archive = git.run(
                root, "archive", "--format=tar", revision.commit, "--", *present.split("\n")
            )
            try:
                with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                    tar.extractall(target, filter="data")
            except tarfile.TarError as exc:  # a link out of the project, say
                raise git.GitError(f"cannot read {revision.label}: {exc}") from None
        yield target
