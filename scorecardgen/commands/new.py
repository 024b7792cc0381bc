"""`scorecardgen new DIR`: a new project with a small example that builds."""

from __future__ import annotations

import os
from pathlib import Path

import click

from scorecardgen.commands.context import EXIT_PROBLEMS
from scorecardgen.scaffold import ScaffoldError, create_project


def _refusal(directory: Path) -> str | None:
    """Why a new project must not be written into ``directory``, or None."""
    if os.path.islink(directory):
        return (
            f"{directory} is a symbolic link (to {os.readlink(directory)}); "
            "name the real folder, or a new one"
        )
    parent = Path(os.path.abspath(directory)).parent
    existing = next((p for p in (parent, *parent.parents) if os.path.lexists(p)), parent)
    if not existing.is_dir():
        return f"{existing} is a file, not a folder; name a folder for the project"
    return None


@click.command("new")
@click.argument("directory", type=click.Path(path_type=Path))
@click.pass_context
def command(ctx: click.Context, directory: Path) -> None:
    """Create a new project in DIRECTORY (absent or empty); nothing in it is ever replaced."""
    why = _refusal(directory)
    if why is not None:
        click.echo(f"scorecardgen new: {why}; nothing was written", err=True)
        ctx.exit(EXIT_PROBLEMS)
    try:
        written = create_project(directory)
    except ScaffoldError as exc:  # an existing file, or a folder that is not empty
        click.echo(f"scorecardgen new: {exc}; nothing was written", err=True)
        ctx.exit(EXIT_PROBLEMS)
    except OSError as exc:  # a read-only place, a full disk
        reason = exc.strerror or str(exc)
        click.echo(f"scorecardgen new: cannot create a project in {directory}: {reason}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    click.echo(f"created {len(written)} files in {directory}")
    click.echo(f"next: scorecardgen -C {directory} build")
