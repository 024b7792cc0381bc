"""``diff --format markdown``: for a pull-request comment or a CI job summary. A one-line
summary first ("2 status changes, 1 new breach, 3 restated values"), then one compact table
of the changes, most important first, cut at ``MAX_ROWS`` (a comment has a size limit)."""

from __future__ import annotations

from scorecardgen.diff.changes import summary_line
from scorecardgen.diff.two_sides import Diff, Side

MAX_ROWS = 50


def _cell(text: str) -> str:
    """A table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|") or " "


def _side(side: Side) -> str:
    """```HEAD`` (``1a2b3c4d5e6f``)``, ```1a2b3c4d5e6f```, or ``working tree``."""
    revision = side.revision
    if revision.short is None:
        return revision.name
    if revision.named_by_hash:
        return f"`{revision.short}`"
    return f"`{revision.name}` (`{revision.short}`)"


def diff_markdown(diff: Diff) -> str:
    """The diff as GitHub-flavoured Markdown, ending in a newline."""
    title = f"**Scorecards** {_side(diff.base)} \u2192 {_side(diff.head)}"
    if diff.failed:
        lines = [f"{title}: not compared, content with errors", ""]
        for side in (diff.base, diff.head):
            if side.failed:
                lines.append(f"- {_side(side)}: {side.failure()} (`scorecardgen check` lists them)")
        return "\n".join(lines) + "\n"
    changes = list(diff.changes)
    lines = [f"{title}: {summary_line(changes)}"]
    if not changes:
        return lines[0] + "\n"
    notes = any(c.note for c in changes)
    header = ["Vendor", "Change", "Where", "Before", "After", *(["Note"] if notes else [])]
    lines += ["", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for c in changes[:MAX_ROWS]:
        cells = [c.vendor_name, c.what, c.where, c.before_text, c.after_text]
        cells += [c.note] if notes else []
        lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    if len(changes) > MAX_ROWS:
        more = len(changes) - MAX_ROWS
        lines += ["", f"\u2026 and {more} more (`scorecardgen diff` lists every change)."]
    if diff.base.as_of != diff.head.as_of:
        lines += ["", f"as_of moved from {diff.base.as_of} to {diff.head.as_of}."]
    return "\n".join(lines) + "\n"
