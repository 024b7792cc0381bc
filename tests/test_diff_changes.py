"""What `diff` reports about contract mechanics, compared on the example project: two copies,
the second edited, each scored as `diff` scores a side (no git needed to compare).

The edits: Meridian's voice contract defaults after 6 breached months instead of 3 (speed of
answer, breached June to September 2026, is no longer in default), ends in December 2026
instead of 2027 (a renewal due), and expects 84% customer satisfaction instead of 82%;
Clearwater's earn-back needs 3 months instead of 2; Ledgerline's ISO 27001 certificate is
renewed to 2029; Northbridge is gone.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scorecardgen.cli import cli
from scorecardgen.diff import Change, Diff
from scorecardgen.diff.as_json import diff_data
from scorecardgen.diff.as_markdown import MAX_ROWS, diff_markdown
from scorecardgen.diff.revisions import WORKING_TREE, Revision
from scorecardgen.diff.two_sides import Side, compare, score_side
from tests.conftest import REPO
from tests.git_repo import commit, edit, init

MERIDIAN = "content/vendors/meridian-contact/contracts/voice-care.yaml"
CLEARWATER = "content/vendors/clearwater-trust-safety/contracts/marketplace-moderation.yaml"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("diff-mechanics")
    base, head = folder / "base", folder / "head"
    for side in (base, head):
        shutil.copytree(REPO / "content", side / "content")
    edit(head, MERIDIAN, "default_after: 3", "default_after: 6")
    edit(head, MERIDIAN, "end: 2027-12-31", "end: 2026-12-31")
    edit(head, MERIDIAN, "expected: 82\n", "expected: 84\n")
    edit(head, CLEARWATER, "earn_back_periods: 2", "earn_back_periods: 3")
    edit(
        head, "content/vendors/ledgerline/vendor.yaml", "expires: 2026-06-30", "expires: 2029-06-30"
    )
    shutil.rmtree(head / "content/vendors/northbridge-labs")
    tree = Revision(WORKING_TREE, None)
    return diff_data(compare(score_side(base, tree), score_side(head, tree)))


def found(data: dict[str, Any], vendor: str, kind: str) -> list[dict[str, Any]]:
    rows = next(v for v in data["vendors"] if v["id"] == vendor)["changes"]
    return [c for c in rows if c["kind"] == kind]


def test_summary_counts_every_kind_most_important_first(data: dict[str, Any]) -> None:
    assert data["summary"] == (
        "1 vendor removed, 2 status changes, 1 new persistent failure, 2 credit changes, "
        "1 default ended, 5 service-level status changes, 4 score changes, "
        "1 service-level term changed, 1 contract change, 1 certification change"
    )
    assert data["fail_on"] == ["status-change", "breach"]  # a persistent failure is a breach
    assert [v["id"] for v in data["vendors"]] == [
        "northbridge-labs",
        "meridian-contact",
        "clearwater-trust-safety",
        "ledgerline",
    ]


def test_a_default_that_ends_and_the_contract_that_was_in_default(data: dict[str, Any]) -> None:
    (ended,) = found(data, "meridian-contact", "default-ended")
    assert (ended["contract"], ended["kpi"], ended["before"], ended["after"]) == (
        "voice-care",
        "average-speed-of-answer",
        True,
        False,
    )
    (contract,) = found(data, "meridian-contact", "contract-state")
    assert (contract["before"], contract["after"]) == (
        {"state": "active", "end": "2027-12-31", "default": True},
        {"state": "renewal-due", "end": "2026-12-31", "default": False},
    )


def test_a_stricter_target_moves_statuses_per_period_and_quarter_statuses(
    data: dict[str, Any],
) -> None:
    (terms,) = found(data, "meridian-contact", "service-level-terms")
    assert (terms["before"], terms["after"]) == (
        {"expected": 82.0, "minimum": 75.0, "weight": 20.0},
        {"expected": 84.0, "minimum": 75.0, "weight": 20.0},
    )
    periods = [c["period"] for c in found(data, "meridian-contact", "service-level-status")]
    assert periods == ["2025-Q1", "2025-Q2", "2025-Q4", "2026-Q2", "2026-Q3"]
    statuses = found(data, "meridian-contact", "status")
    assert [(c["period"], c["before"]["status"], c["after"]["status"]) for c in statuses] == [
        ("2026-Q1", "green", "amber"),
        ("2026-Q2", "green", "amber"),
    ]
    assert [c["where"] for c in found(data, "meridian-contact", "score")][0] == "headline"


def test_credits_show_their_earn_back_states(data: dict[str, Any]) -> None:
    credits = found(data, "clearwater-trust-safety", "credit")
    assert [(c["period"], c["note"]) for c in credits] == [
        ("2026-04", "critical-escalation-timeliness 2026-04: waived \u2192 payable"),
        ("2026-07", "data-protection-incidents 2026-07: waived \u2192 pending"),
    ]
    assert credits[0]["before"]["amount"] == credits[0]["after"]["amount"] == 19500.0
    # two breaches that month: one already payable, the other's 11,700 waived no longer
    before, after = credits[0]["before"], credits[0]["after"]
    assert (before["payable"], before["waived"]) == (7800.0, 11700.0)
    assert (after["payable"], after["waived"]) == (19500.0, 0.0)


def test_a_renewed_certificate_and_a_removed_vendor(data: dict[str, Any]) -> None:
    (cert,) = found(data, "ledgerline", "certification")
    assert (cert["where"], cert["before"], cert["after"]) == (
        "ISO/IEC 27001:2013",
        {"state": "expired", "expires": "2026-06-30"},
        {"state": "valid", "expires": "2029-06-30"},
    )
    (gone,) = found(data, "northbridge-labs", "vendor-removed")
    assert gone["after"] is None and gone["before"]["status"] == "green"


def _side(name: str) -> Side:
    return Side(Revision(name, "0" * 40), "2026-09-30", (), {}, {})


def test_markdown_escapes_pipes_and_stops_at_its_row_limit() -> None:
    rows = [
        Change("restated", "acme", "Acme | Co", f"kpi · 2026-{i:02d}", 1, 2, "1", "2")
        for i in range(MAX_ROWS + 3)
    ]
    text = diff_markdown(Diff(_side("main"), _side("HEAD"), tuple(rows)))
    lines = text.splitlines()
    assert lines[0].endswith(f": {MAX_ROWS + 3} restated values")
    assert lines[4] == "| Acme \\| Co | restated value | kpi · 2026-00 | 1 | 2 |"
    assert sum(line.startswith("| Acme") for line in lines) == MAX_ROWS
    assert lines[-1] == "… and 3 more (`scorecardgen diff` lists every change)."


def test_text_is_coloured_on_a_terminal_only(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    init(root)
    commit(root, "the example")
    edit(root, MERIDIAN, "default_after: 3", "default_after: 6")
    args = ["-C", str(root), "diff"]
    plain = CliRunner().invoke(cli, args)
    coloured = CliRunner().invoke(cli, args, color=True)
    assert "default ended" in plain.stdout and "\x1b[" not in plain.stdout
    assert "\x1b[32mdefault ended" in coloured.stdout  # cleared, ended: green
