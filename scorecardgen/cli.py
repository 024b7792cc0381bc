"""The `scorecardgen` command line: a thin layer over the library (see commands/)."""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any

import click

from scorecardgen import __version__
from scorecardgen.commands import build, check, diff_cmd, import_cmd, new, schema, serve
from scorecardgen.commands.context import EXIT_INTERNAL


class _Group(click.Group):
    """Turns an unexpected exception into a short 'this is a bug' message, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise SystemExit(130) from None
        except Exception as exc:  # noqa: BLE001 - last line of defence for users
            if os.environ.get("SCORECARDGEN_DEBUG"):
                traceback.print_exc()
            click.echo(
                f"scorecardgen: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in scorecardgen, not in your content. Please report it with the "
                "command you ran (set SCORECARDGEN_DEBUG=1 to see the traceback).",
                err=True,
            )
            raise SystemExit(EXIT_INTERNAL) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="scorecardgen")
@click.option(
    "-C",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Run as if started in DIR (the project folder).",
    metavar="DIR",
)
@click.pass_context
def cli(ctx: click.Context, project_dir: Path) -> None:
    """Build static vendor scorecard sites from YAML, CSV and Markdown."""
    ctx.obj = project_dir


for _module in (check, schema, new, build, serve, import_cmd, diff_cmd):
    cli.add_command(_module.command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="scorecardgen")


if __name__ == "__main__":  # pragma: no cover
    main()
