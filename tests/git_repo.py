"""Real git repositories for tests: fixed names and dates, so commits hash the same on every
run, and no user or system git configuration (hooks, signing) gets in the way."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

WHEN = "2025-07-01T10:00:00+00:00"  # the first commit's date; later ones a day apart


def git(root: Path, *args: str, when: str = WHEN) -> str:
    """Run git in ``root`` as a test user on ``when``; its standard output."""
    config = root.parent / "gitconfig-empty"
    config.touch()
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.test",
        "GIT_COMMITTER_NAME": "Test Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.test",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def init(root: Path) -> None:
    """Make ``root`` a repository (with the usual .gitignore of a project)."""
    (root / ".gitignore").write_text("output/\noutput-vendors/\n.scorecardgen-cache/\n")
    git(root, "init", "-q")


def commit(root: Path, message: str, when: str = WHEN) -> str:
    """Commit everything in ``root``; the new commit's hash."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)
    return git(root, "rev-parse", "HEAD")


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there, once) by ``new`` in the file ``rel``."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
