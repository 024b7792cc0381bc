"""`scorecardgen build`: build the site; a progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from scorecardgen import formatting as fmt
from scorecardgen.build import BuildOptions
from scorecardgen.build_site import INTERNAL_OUTPUT, VENDOR_OUTPUT, build_site, default_output
from scorecardgen.charts.queue import jobs as worker_jobs
from scorecardgen.commands.context import EXIT_PROBLEMS, project_root
from scorecardgen.commands.jobs import jobs_option
from scorecardgen.progress import Progress
from scorecardgen.report import format_problems, summary
from scorecardgen.write import UnsafeOutputError, UnsafePathError


def _progress(interactive: bool) -> Progress:
    """A one-line bar redrawn in place on a terminal; a line per stage otherwise."""
    last: dict[str, int] = {}

    def report(stage: str, done: int, total: int) -> None:
        if interactive:
            width = 30
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done >= total else ""
            sys.stderr.write(f"\r{stage:<10} [{bar}] {done}/{total}{end}")
            sys.stderr.flush()
        elif done >= total and last.get(stage) != total:
            last[stage] = total
            click.echo(f"{stage}: {total} done", err=True)

    return report


@click.command("build")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),  # a file here is refused by build_site, with exit 1
    help=(
        f"Output folder: a new, empty or earlier output one (default: {INTERNAL_OUTPUT}/ in the "
        f"project; {VENDOR_OUTPUT}/<vendor-id>/ with --vendor, {VENDOR_OUTPUT}/ with "
        "--per-vendor)."
    ),
)
@click.option("--strict", is_flag=True, help="Fail the build on warnings too.")
@click.option(
    "--vendor",
    metavar="ID",
    help="Build a standalone site for this one vendor, to publish to that vendor.",
)
@click.option(
    "--per-vendor",
    is_flag=True,
    help=f"Build one standalone vendor site per vendor, in OUTPUT/<vendor-id>/ (default "
    f"{VENDOR_OUTPUT}/<vendor-id>/).",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Also write review.pdf beside each review and scorecard.pdf beside each scorecard "
    "(on by itself when site.yaml has pdf:).",
)
@click.option(
    "--no-cache", is_flag=True, help="Ignore .scorecardgen-cache/ and render everything afresh."
)
@jobs_option
@click.pass_context
def command(
    ctx: click.Context,
    output: Path | None,
    strict: bool,
    vendor: str | None,
    per_vendor: bool,
    pdf: bool,
    no_cache: bool,
    jobs: int | None,
) -> None:
    """Build the site into the output folder; a failed build leaves it untouched.

    The default site is the internal one, comparing every vendor, in output/. --vendor and
    --per-vendor build vendor-facing sites: that vendor's data and its 'visibility: vendor'
    notes only, in output-vendors/ unless -o says where; never in the internal site's output/.
    """
    if vendor is not None and per_vendor:
        raise click.UsageError("use either --vendor ID or --per-vendor, not both")
    root = project_root(ctx)
    options = BuildOptions(
        strict=strict, vendor=vendor, per_vendor=per_vendor, use_cache=not no_cache, pdf=pdf
    )
    try:
        target = output if output is not None else default_output(root, options)
    except UnsafeOutputError as exc:
        click.echo(f"cannot build a vendor site: {exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    if output is None and (vendor is not None or per_vendor):
        click.echo(
            f"vendor sites go to {VENDOR_OUTPUT}/, not {INTERNAL_OUTPUT}/: writing "
            f"{target.relative_to(root).as_posix()}/ ({INTERNAL_OUTPUT}/ keeps the internal "
            "site; -o DIR writes elsewhere)",
            err=True,
        )
    try:
        with worker_jobs(jobs):
            result = build_site(root, target, options, _progress(sys.stderr.isatty()))
    except UnsafeOutputError as exc:  # refused before anything was written or deleted
        click.echo(f"cannot write the site to {target}: {exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    except (OSError, UnsafePathError) as exc:  # a full disk, a read-only folder, a clash
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        click.echo(
            f"cannot write the site to {target}: {reason}; {target} was left as it was", err=True
        )
        ctx.exit(EXIT_PROBLEMS)
    if result.problems:
        click.echo(format_problems(result.problems, "text"), err=True)
    if not result.ok:
        click.echo(
            f"build failed: {summary(result.problems)}; {target} was left as it was", err=True
        )
        ctx.exit(EXIT_PROBLEMS)
    click.echo(
        f"built {target}: {result.pages} pages, {result.charts} charts "
        f"({result.rendered} rendered, {result.charts - result.rendered} from cache), "
        + (
            f"{result.pdfs} PDFs ({result.pdfs_rendered} rendered, "
            f"{result.pdfs - result.pdfs_rendered} from cache), "
            if result.pdfs
            else ""
        )
        + f"{result.written} files"
        + (" (all already in place: nothing rewritten)" if result.unchanged else "")
        + f", {fmt.count(len(result.warnings), 'warning')} "
        f"in {result.seconds:.1f} s",
        err=True,
    )
