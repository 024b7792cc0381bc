"""`scorecardgen check`: validate and score without writing a site."""

from __future__ import annotations

import click

from scorecardgen.check import check_project
from scorecardgen.commands.context import EXIT_PROBLEMS, project_root
from scorecardgen.report import Format, format_problems, summary


@click.command("check")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="How to print problems.",
)
@click.pass_context
def command(ctx: click.Context, strict: bool, fmt: Format) -> None:
    """Validate and score the project; exit 1 on errors (or warnings with --strict)."""
    checked = check_project(project_root(ctx))
    if fmt == "json":
        click.echo(format_problems(checked.problems, "json"))
    elif checked.problems:
        click.echo(format_problems(checked.problems, fmt), err=True)
    if fmt == "text":
        verdict = "failed" if checked.failed(strict) else "ok"
        click.echo(f"check {verdict}: {summary(checked.problems)}", err=True)
    if checked.failed(strict):
        ctx.exit(EXIT_PROBLEMS)
