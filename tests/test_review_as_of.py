"""A review is the quarter as it stood at its end: adding the next quarter's data, restating an
earlier figure and closing an action later leave the earlier review's figures unchanged; the
later review says what changed (issue 17)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.minimal_project import ACTION, SITE, VENDOR
from tests.no_gaps import COMPLETE_CSV, CSV

EXTRA = "content/vendors/acme/measurements/extra.yaml"
ACTION_FILE = "content/vendors/acme/notes/fix-fcr.md"
Q3_CSV = (
    COMPLETE_CSV.replace("asa,2025-05,34,\n", "")
    + "fcr,2025-07,80,\nfcr,2025-08,80,\nfcr,2025-09,80,\n"
    + "asa,2025-07,25,\nasa,2025-08,45,\nasa,2025-09,25,\n"
    + "abandon,2025-07,4,\nabandon,2025-08,4,\nabandon,2025-09,4,\n"
    + "qa,2025-07,91,\nqa,2025-08,91,\nqa,2025-09,91,\n"
)
Q3_EXTRA = """\
- kpi: csat
  period: 2025-Q2
  value: 86
- kpi: fcr
  period: 2025-06
  value: 60
- kpi: csat
  period: 2025-Q3
  value: 86
- kpi: asa
  period: 2025-05
  value: 36
  restated: {value: 34, on: 2025-08-15, reason: Late tickets counted}
"""
Q3_CHANGES: dict[str, str | bytes | None] = {
    "content/site.yaml": SITE.replace("2025-06-30", "2025-09-30"),
    CSV: Q3_CSV,
    EXTRA: Q3_EXTRA,
    ACTION_FILE: ACTION.replace("status: open", "status: done\nclosed: 2025-08-20"),
}
REVIEW = "vendors/acme/reviews/{}/"


def _build(root: Path, out: Path) -> None:
    result = run_cli("-C", str(root), "build", "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.stdout + result.stderr


def _figures(html: str) -> str:
    """The review's figures: from the headline to the review notes (trend, table, working)."""
    start = html.index('<div class="headline-row">')
    return html[start : html.index('<section aria-labelledby="h-review">')]


def test_a_later_quarter_leaves_the_earlier_review_unchanged(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project({CSV: COMPLETE_CSV})
    _build(root, tmp_path / "before")
    for path, text in Q3_CHANGES.items():
        assert isinstance(text, str)
        (root / path).write_text(text, encoding="utf-8")
    _build(root, tmp_path / "after")
    q2_before = (tmp_path / "before" / REVIEW.format("2025-Q2") / "index.html").read_text()
    q2_after = (tmp_path / "after" / REVIEW.format("2025-Q2") / "index.html").read_text()
    assert (tmp_path / "after" / REVIEW.format("2025-Q3") / "index.html").exists()
    assert _figures(q2_after) == _figures(q2_before)
    # still the first-reported May figure and the action open at the quarter's end
    assert "34 s" in _figures(q2_after) and "36 s" not in _figures(q2_after)
    assert "<dt>Open actions</dt><dd>1</dd>" in q2_after
    json_before = (tmp_path / "before" / REVIEW.format("2025-Q2") / "review.json").read_text()
    json_after = (tmp_path / "after" / REVIEW.format("2025-Q2") / "review.json").read_text()
    assert json_after == json_before
    assert json.loads(json_after)["as_of"] == "2025-06-30"


def test_what_changed_lists_breaches_restatements_and_closed_actions(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(Q3_CHANGES)
    _build(root, tmp_path / "site")
    folder = tmp_path / "site" / REVIEW.format("2025-Q3")
    html = (folder / "index.html").read_text()
    changes_html = html[html.index('id="h-changes"') : html.index('id="h-trend"')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", changes_html))
    assert "What changed since the Q2 2025 review" in text
    assert "New breach: Average speed of answer (Aug 2025)" in text
    assert "Breach cleared: First contact resolution" in text
    assert "Restated: Average speed of answer May 2025 34 s → 36 s" in text
    assert "Action closed: Fix FCR (20 Aug 2025)" in text
    assert "<dt>Open actions</dt><dd>0</dd>" in html
    data = json.loads((folder / "review.json").read_text())
    changes = data["changes"]
    assert changes["since"] == "2025-Q2"
    assert [(b["kpi"], b["periods"]) for b in changes["new_breaches"]] == [("asa", ["2025-08"])]
    assert [b["kpi"] for b in changes["cleared_breaches"]] == ["fcr"]
    assert [(r["kpi"], r["period"], r["before"], r["after"]) for r in changes["restated"]] == [
        ("asa", "2025-05", 34, 36)
    ]
    assert changes["actions_closed"] == [
        {"id": "fix-fcr", "title": "Fix FCR", "closed": "2025-08-20"}
    ]
    assert (
        changes["score"]["before"]
        == json.loads((tmp_path / "site" / REVIEW.format("2025-Q2") / "review.json").read_text())[
            "score"
        ]
    )


def test_a_done_action_without_a_closed_date_closes_on_its_due_date(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    changes = dict(Q3_CHANGES)
    changes[ACTION_FILE] = ACTION.replace("status: open", "status: done")  # due 2025-06-01
    root = make_project(changes)
    _build(root, tmp_path / "site")
    q2 = json.loads((tmp_path / "site" / REVIEW.format("2025-Q2") / "review.json").read_text())
    q3 = json.loads((tmp_path / "site" / REVIEW.format("2025-Q3") / "review.json").read_text())
    assert [a["id"] for a in q2["changes"]["actions_closed"]] == ["fix-fcr"]
    assert q3["changes"]["actions_closed"] == []


def test_certificates_are_dated_against_the_quarters_end(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    changes = dict(Q3_CHANGES)
    changes["content/vendors/acme/vendor.yaml"] = (
        VENDOR + "certifications:\n  - name: ISO 27001\n    expires: 2025-08-01\n"
    )
    root = make_project(changes)
    _build(root, tmp_path / "site")
    q2 = (tmp_path / "site" / REVIEW.format("2025-Q2") / "index.html").read_text()
    q3 = (tmp_path / "site" / REVIEW.format("2025-Q3") / "index.html").read_text()

    def certificate(html: str) -> str:
        card = html[html.index("Contracts and certificates on") :]
        return _text(card[card.index("ISO 27001") : card.index("</li>", card.index("ISO 27001"))])

    assert "Contracts and certificates on 30 Jun 2025" in q2
    assert "Expiring" in certificate(q2) and "Expired" not in certificate(q2)
    assert "Expired" in certificate(q3)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
