"""The one place that runs git: a subprocess, read-only, never the index or the work tree.

git is on every machine that holds a project's history, so no library is needed. Commands
run with ``GIT_OPTIONAL_LOCKS=0`` (``git status`` does not refresh the index) and the C
locale (messages we match are git's English ones).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TIMEOUT_SECONDS = 120


class GitError(Exception):
    """git could not do what was asked: not installed, not a repository, an unknown revision."""


def run(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[bytes]:
    """``git -C root ARGS``; raises ``GitError`` when git is missing or the command fails."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            env=env,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done


def text(root: Path, *args: str) -> str:
    """The standard output of ``git -C root ARGS`` as text, stripped."""
    return run(root, *args).stdout.decode("utf-8", "replace").strip()
