"""A note's (or summary's) ``# Heading`` starts below the page title: each page has one h1."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.minimal_project import NOTE, VENDOR
from tests.no_gaps import NO_GAPS

NOTE_PATH = "content/vendors/acme/notes/q2-review.md"
BODY = "# Summary\n\nAll good.\n\n## Next steps\n\nKeep it up.\n\n<h1>Pasted</h1>\n"


def _headings(page: Path) -> list[tuple[str, str]]:
    """(tag, text) of every heading of a built page, in order."""
    html = page.read_text(encoding="utf-8")
    found = re.findall(r"<(h[1-6])\b[^>]*>(.*?)</\1>", html, flags=re.S)
    return [(tag, re.sub(r"<[^>]+>|\s+", " ", text).strip()) for tag, text in found]


def test_note_headings_come_below_the_page_title(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(
        {
            **NO_GAPS,
            NOTE_PATH: NOTE.replace("# Summary\n\nAll good.\n", BODY),
            "content/vendors/acme/vendor.yaml": VENDOR.replace(
                "summary: A *contact centre* partner.", 'summary: "# About\\n\\nA partner."'
            ),
        }
    )
    out = tmp_path / "site"
    assert run_cli("-C", str(root), "build", "-o", str(out)).exit_code == 0
    note = _headings(out / "vendors/acme/notes/q2-review/index.html")
    assert [h for h in note if h[0] == "h1"] == [("h1", "Q2 review")]
    assert ("h2", "Summary") in note and ("h3", "Next steps") in note
    assert ("h2", "Pasted") in note  # pasted HTML too
    vendor = _headings(out / "vendors/acme/index.html")
    assert [h for h in vendor if h[0] == "h1"] == [("h1", "Acme Support")]
    assert ("h2", "About") in vendor
    review = _headings(out / "vendors/acme/reviews/2025-Q2/index.html")
    assert [h[0] for h in review].count("h1") == 1
    assert ("h1", "Summary") not in review
