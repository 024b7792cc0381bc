"""How a build reports progress: ``(stage, done, total)`` calls, drawn by the command."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def no_progress(stage: str, done: int, total: int) -> None:
    """A ``Progress`` that shows nothing (library calls, the dev server)."""
    del stage, done, total
