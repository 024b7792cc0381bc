"""The ``--jobs N`` option of the commands that render charts and PDFs (build, serve)."""

from __future__ import annotations

import click

jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Render charts and PDFs in N worker processes (default: one per core; 1 renders "
    "in this process, with no workers).",
)
