"""``diff --format text``: for a terminal, vendor by vendor, the weightiest vendor first.
Styled with click (colour only when the output is a terminal: click.echo strips it else)."""

from __future__ import annotations

import click

from scorecardgen.diff.changes import KINDS, summary_line
from scorecardgen.diff.two_sides import Diff

_ALARM = {"status", "new-breach", "default-started", "persistent-failure-started", "vendor-removed"}
_NOTICE = {"restated", "credit", "score", "service-level-status", "contract-state", "certification"}
_GOOD = {"cleared-breach", "default-ended", "persistent-failure-ended", "vendor-added"}


def _colour(kind: str) -> str | None:
    if kind in _ALARM:
        return "red"
    if kind in _NOTICE:
        return "yellow"
    return "green" if kind in _GOOD else None


def diff_text(diff: Diff) -> str:
    """The diff as lines of text (with ANSI styles that click.echo keeps for a terminal)."""
    lines = [f"scorecards: {diff.base.revision.label} \u2192 {diff.head.revision.label}"]
    if diff.failed:
        for side in (diff.base, diff.head):
            if side.failed:
                lines.append(f"{side.revision.label}: {side.failure()}")
        lines.append("not compared: run `scorecardgen check` on that revision for the errors")
        return "\n".join(lines)
    if diff.base.as_of != diff.head.as_of:
        lines.append(f"as_of {diff.base.as_of} \u2192 {diff.head.as_of}")
    lines.append(click.style(summary_line(list(diff.changes)), bold=True))
    width = max((len(KINDS[c.kind].one) for c in diff.changes), default=0)
    for vid, name, rows in diff.vendors():
        lines += ["", click.style(f"{name} ({vid})", bold=True)]
        for c in rows:
            what = click.style(c.what.ljust(width), fg=_colour(c.kind))
            note = f"  ({c.note})" if c.note else ""
            lines.append(f"  {what}  {c.where}: {c.before_text} \u2192 {c.after_text}{note}")
    return "\n".join(lines)
