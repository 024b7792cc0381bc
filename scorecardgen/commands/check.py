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
@click.option(
    "--vendor",
    metavar="ID",
    help="Check this one vendor, with the shared files it needs (site.yaml, the KPIs).",
)
@click.pass_context
def command(ctx: click.Context, strict: bool, fmt: Format, vendor: str | None) -> None:
    """Validate and score the project; exit 1 on errors (or warnings with --strict).

    A problem found in more than three places is printed once, with the count and the first
    three places (json lists every place under 'locations').
    """
    checked = check_project(project_root(ctx), vendor, problems_only=True)
    if fmt == "json":
        click.echo(format_problems(checked.problems, "json"))
    elif checked.problems:
        click.echo(format_problems(checked.problems, fmt), err=True)
    if fmt == "text":
        verdict = "failed" if checked.failed(strict) else "ok"
        scope = "" if vendor is None else f" for vendor {vendor}"
        click.echo(f"check {verdict}{scope}: {summary(checked.problems)}", err=True)
        if vendor is not None and checked.project is not None:
            click.echo(
                f"checked site.yaml, the KPIs and content/vendors/{vendor}/ only; unused KPIs "
                "and currency totals across vendors are checked without --vendor",
                err=True,
            )
    if checked.failed(strict):
        ctx.exit(EXIT_PROBLEMS)
