"""`scorecardgen build`: build the site (placeholder until the scoring stage lands)."""

from __future__ import annotations

import click

from scorecardgen.cli import EXIT_PROBLEMS, project_root
from scorecardgen.pipeline import check_project
from scorecardgen.report import format_problems, summary


@click.command("build")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_context
def command(ctx: click.Context, strict: bool) -> None:
    """Build the site into the output folder."""
    checked = check_project(project_root(ctx))
    if checked.problems:
        click.echo(format_problems(checked.problems, "text"), err=True)
    if checked.failed(strict):
        click.echo(f"build failed: {summary(checked.problems)}", err=True)
        ctx.exit(EXIT_PROBLEMS)
