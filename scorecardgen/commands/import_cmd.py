"""`scorecardgen import`: turn a vendor's report (xlsx or CSV) into measurement rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from scorecardgen.commands.context import EXIT_PROBLEMS, project_root
from scorecardgen.importing.importer import ImportOptions, import_reports
from scorecardgen.report import format_problems, summary


@click.command("import", short_help="Turn a vendor's report (xlsx or CSV) into measurement rows.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--vendor", required=True, metavar="ID", help="The vendor the report is from.")
@click.option(
    "--contract", metavar="ID", help="The contract every row is for (when the KPI's is unclear)."
)
@click.option(
    "--mapping", metavar="NAME", help="Which of the vendor's import mappings reads the report."
)
@click.option("--dry-run", is_flag=True, help="Say what would change, and write nothing.")
@click.option(
    "--on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="The date restated values are restated on (default: the report's own date).",
)
@click.option("--reason", metavar="TEXT", help="Why values are restated (shown on the site).")
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[Path, ...],
    vendor: str,
    contract: str | None,
    mapping: str | None,
    dry_run: bool,
    on: dt.datetime | None,
    reason: str | None,
) -> None:
    """Import a vendor's report (xlsx or CSV) into content/vendors/ID/measurements/.

    Prints the rows added, the values restated (old -> new), the rows unchanged and those
    skipped, and what was guessed without a mapping. Importing the same report again changes
    nothing; a failed import writes nothing. FILES are found from the current folder (not the
    project's, with -C).
    """
    options = ImportOptions(
        vendor,
        list(files),
        contract,
        mapping,
        dry_run,
        on.date() if on is not None else None,
        reason.strip() if reason and reason.strip() else None,
    )
    result = import_reports(project_root(ctx), options)
    if result.problems:
        click.echo(format_problems(result.problems, "text"), err=True)
        click.echo(f"import failed: {summary(result.problems)}; nothing was written", err=True)
        ctx.exit(EXIT_PROBLEMS)
    for line in result.lines:
        click.echo(line)
