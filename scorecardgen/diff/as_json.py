"""``diff --format json``: the diff as one JSON document (documented in README.md, "Reviewing
changes"): both sides, the summary, the ``--fail-on`` categories present, and each vendor's
changes, most important first."""

from __future__ import annotations

import json
from typing import Any

from scorecardgen.diff.changes import FAIL_ON, counts, fails, summary_line
from scorecardgen.diff.two_sides import Diff


def diff_data(diff: Diff) -> dict[str, Any]:
    """The document as plain dicts and lists."""
    changes = list(diff.changes)
    return {
        "base": diff.base.data(),
        "head": diff.head.data(),
        "compared": not diff.failed,
        "summary": summary_line(changes) if not diff.failed else None,
        "counts": counts(changes),
        "fail_on": fails(changes, FAIL_ON),
        "vendors": [
            {"id": vid, "name": name, "changes": [c.data() for c in rows]}
            for vid, name, rows in diff.vendors()
        ],
    }


def diff_json(diff: Diff) -> str:
    """Indented JSON text with a trailing newline."""
    return json.dumps(diff_data(diff), indent=2, ensure_ascii=False) + "\n"
