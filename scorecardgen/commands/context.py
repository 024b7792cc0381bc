"""What every command shares: exit codes and the project folder chosen with ``-C``.

It sits below both ``cli.py`` (the click group) and the command modules, so each command
imports on its own, as MkDocs keeps its click layer above ``mkdocs.commands``.
"""

from __future__ import annotations

from pathlib import Path

import click

EXIT_OK = 0
EXIT_PROBLEMS = 1  # content problems, a refused path, a failed write
EXIT_USAGE = 2  # click's own code for command-line mistakes
EXIT_INTERNAL = 3  # a bug in scorecardgen


def project_root(ctx: click.Context) -> Path:
    """The project folder chosen with -C (default: the current folder)."""
    root = ctx.find_root().obj
    assert isinstance(root, Path)
    return root
