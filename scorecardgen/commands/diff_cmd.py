"""`scorecardgen diff [BASE [HEAD]]`: what a change does to the scorecards."""

from __future__ import annotations

import click

from scorecardgen.commands.context import EXIT_PROBLEMS, EXIT_USAGE, project_root
from scorecardgen.diff import FAIL_ON, FailOn, diff_revisions
from scorecardgen.diff.as_json import diff_json
from scorecardgen.diff.as_markdown import diff_markdown
from scorecardgen.diff.as_text import diff_text
from scorecardgen.diff.changes import fails
from scorecardgen.git import GitError


def _categories(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[FailOn, ...]:
    """``--fail-on breach --fail-on restatement`` or ``--fail-on breach,restatement``."""
    found: list[FailOn] = []
    for word in (w.strip() for v in values for w in v.split(",")):
        match = next((c for c in FAIL_ON if c == word), None)
        if match is None:
            raise click.BadParameter(f"'{word}' is not one of {', '.join(FAIL_ON)}")
        found.append(match)
    return tuple(found)


@click.command("diff")
@click.argument("base", required=False, default="HEAD")
@click.argument("head", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a pull request, json for scripts.",
)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    callback=_categories,
    metavar="|".join(FAIL_ON),
    help="Exit 1 when the diff holds such a change (repeat, or separate with commas).",
)
@click.pass_context
def command(
    ctx: click.Context, base: str, head: str | None, fmt: str, fail_on: tuple[FailOn, ...]
) -> None:
    """What changed in the scorecards between two git revisions.

    BASE defaults to HEAD and HEAD to the working tree (the files as they are, committed or
    not); each may be any git revision (origin/main, a tag, HEAD~1, a hash). Revisions are
    read with git archive: the working tree and the index are never touched.

    Exit 0; 1 when the HEAD side has content errors or a --fail-on change is present; 2 when
    the folder is not in a git repository or a revision is unknown.
    """
    try:
        diff = diff_revisions(project_root(ctx), base, head)
    except GitError as exc:
        click.echo(f"scorecardgen diff: error: {exc}", err=True)
        ctx.exit(EXIT_USAGE)
    writer = {"text": diff_text, "markdown": diff_markdown, "json": diff_json}[fmt]
    click.echo(writer(diff), nl=fmt == "text")
    found = fails(list(diff.changes), fail_on)
    if found:
        click.echo(f"diff: {', '.join(found)} found (--fail-on)", err=True)
    if diff.head.failed or found:
        ctx.exit(EXIT_PROBLEMS)
