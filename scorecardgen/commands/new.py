"""`scorecardgen new DIR`: a new project with a small example that builds."""

from __future__ import annotations

from pathlib import Path

import click

from scorecardgen.cli import EXIT_PROBLEMS
from scorecardgen.scaffold import ScaffoldError, create_project


@click.command("new")
@click.argument("directory", type=click.Path(path_type=Path))
@click.pass_context
def command(ctx: click.Context, directory: Path) -> None:
    """Create a new project in DIRECTORY (absent or empty)."""
    try:
        written = create_project(directory)
    except ScaffoldError as exc:
        click.echo(f"scorecardgen new: {exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    click.echo(f"created {len(written)} files in {directory}")
    click.echo(f"next: scorecardgen -C {directory} build")
