"""`scorecardgen serve`: build, serve on loopback with live reload, rebuild on changes."""

from __future__ import annotations

import click

from scorecardgen.charts.queue import jobs as worker_jobs
from scorecardgen.commands.context import EXIT_PROBLEMS, project_root
from scorecardgen.commands.jobs import jobs_option
from scorecardgen.server import ServeError, serve


def _log(line: str) -> None:
    click.echo(line, err=True)


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback exposes the preview.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; 0 picks a free one.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (a tunnel or proxy); repeatable. "
    "Other names are refused, so a DNS-rebinding page cannot read the preview.",
)
@click.option(
    "--poll",
    is_flag=True,
    help="Poll for changes instead of OS events (network or container mounts).",
)
@jobs_option
@click.pass_context
def command(
    ctx: click.Context,
    host: str,
    port: int,
    open_browser: bool,
    allowed_hosts: tuple[str, ...],
    poll: bool,
    jobs: int | None,
) -> None:
    """Preview the site: rebuild on every change and reload open pages.

    The site is kept in memory; output/ is not touched. A broken file keeps the last good
    build served, with the errors shown over every page until the file is fixed.
    """
    try:
        with worker_jobs(jobs):
            serve(
                project_root(ctx),
                host,
                port,
                open_browser=open_browser,
                poll=poll,
                log=_log,
                allowed_hosts=allowed_hosts,
            )
    except ServeError as exc:
        click.echo(f"scorecardgen serve: {exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
