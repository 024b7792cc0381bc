"""`scorecardgen diff` on a real git repository: the small test project committed, then
changed (a new breach, a restatement, a new vendor, an action closed), then broken, with an
uncommitted edit in the working tree. One repository for the whole module.

The numbers, by SCORING.md sections 2-5 (weights fcr 30, asa 20, csat 20, abandon 15, qa 15):
- base, Q2 2025: fcr (100 + 75 + 25) / 3, asa (100 + 75) / 2, csat, abandon and qa 100:
  (30 × 66.67 + 20 × 87.5 + 20 × 100 + 15 × 100 + 15 × 100) / 100 = 87.5, green;
- changed: abandon 2025-05 reported at 9 (lower is better, E 5, M 8: 50 - 50/3 = 33.3, a
  breach), qa 2025-04 restated 91 -> 85 (at risk, 75): 78.75, amber;
- working tree: csat 2025-Q2 86 -> 70 (below the minimum 75: 25, a breach): 63.75, red.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run, run_cli
from tests.git_repo import commit, edit, git, init
from tests.minimal_project import project_files, write_project

CSV = "content/vendors/acme/measurements/2025.csv"
YAML = "content/vendors/acme/measurements/extra.yaml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The repository and its commits: base, changed, broken (HEAD); a dirty working tree."""
    root = write_project(tmp_path_factory.mktemp("diff") / "project", dict(project_files()))
    init(root)
    base = commit(root, "base")
    edit(root, CSV, "qa,2025-04,91,", "qa,2025-04,85,\nabandon,2025-05,9,")
    shutil.copytree(root / "content/vendors/acme", root / "content/vendors/beta")
    edit(root, "content/vendors/beta/vendor.yaml", "name: Acme Support", "name: Beta Support")
    edit(root, "content/vendors/acme/notes/fix-fcr.md", "status: open", "status: done")
    changed = commit(
        root, "a breach, a restatement, a new vendor, an action closed", "2025-07-02T10:00:00+00:00"
    )
    good = (root / CSV).read_text()
    (root / CSV).write_text(good + "qa,2025-05,lots,\n")
    broken = commit(root, "a value that is not a number", "2025-07-03T10:00:00+00:00")
    (root / CSV).write_text(good)  # fixed in the working tree, not committed
    edit(root, YAML, "value: 86", "value: 70")
    return {"root": root, "base": base, "changed": changed, "broken": broken}


def diff(repo: dict[str, Any], *args: str) -> Run:
    return run_cli("-C", str(repo["root"]), "diff", *args)


def diff_json(repo: dict[str, Any], *args: str) -> dict[str, Any]:
    result = diff(repo, *args, "--format", "json")
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def changes(data: dict[str, Any], vendor: str) -> list[tuple[str, str, Any, Any]]:
    found = next(v for v in data["vendors"] if v["id"] == vendor)
    return [(c["kind"], c["where"], c["before"], c["after"]) for c in found["changes"]]


def test_json_between_two_commits_lists_each_change_vendor_by_vendor(repo: dict[str, Any]) -> None:
    data = diff_json(repo, repo["base"], repo["changed"])
    assert data["base"] == {
        "revision": repo["base"],
        "commit": repo["base"],
        "as_of": "2025-06-30",
        "errors": [],
    }
    assert data["head"]["commit"] == repo["changed"]
    assert data["compared"] is True
    assert data["summary"] == (
        "1 vendor added, 1 status change, 1 new breach, 1 restated value, "
        "1 service-level status change, 1 action change, 1 new value"
    )
    assert data["fail_on"] == ["status-change", "breach", "restatement"]
    assert [v["id"] for v in data["vendors"]] == ["beta", "acme"]  # the weightiest first
    assert changes(data, "beta") == [
        (
            "vendor-added",
            "vendor",
            None,
            {
                "period": "2025-Q2",
                "score": 78.75,
                "status": "amber",
                "trend": "none",
                "coverage": 78.333333,
                "in_progress": False,
                "months_to_date": 3,
                "to_date": None,
                "contract_mix": None,
            },
        ),
    ]
    assert changes(data, "acme") == [
        (
            "status",
            "headline",
            {"period": "2025-Q2", "score": 87.5, "status": "green"},
            {"period": "2025-Q2", "score": 78.75, "status": "amber"},
        ),
        ("new-breach", "voice · abandon · 2025-05", "missing", "breached"),
        ("restated", "voice · qa · 2025-04", 91.0, 85.0),
        ("service-level-status", "voice · qa · 2025-04", "met", "at-risk"),
        (
            "action",
            "fix-fcr",
            {"status": "open", "overdue": True},
            {"status": "done", "overdue": False},
        ),
        ("new-values", "voice · abandon", None, {"2025-05": 9.0}),
    ]
    restated = next(v for v in data["vendors"] if v["id"] == "acme")["changes"][2]
    assert restated | {"where": ""} == {
        "kind": "restated",
        "contract": "voice",
        "kpi": "qa",
        "period": "2025-04",
        "where": "",
        "before": 91.0,
        "after": 85.0,
        "note": None,
        "count": 1,
    }


def test_markdown_is_a_summary_line_then_a_table_most_important_first(
    repo: dict[str, Any],
) -> None:
    result = diff(repo, repo["base"], repo["changed"], "--format", "markdown")
    assert result.exit_code == 0, result.output
    b, c = repo["base"][:12], repo["changed"][:12]
    assert result.stdout == (
        f"**Scorecards** `{b}` → `{c}`: 1 vendor "
        "added, 1 status change, 1 new breach, 1 restated value, 1 service-level status change, "
        "1 action change, 1 new value\n"
        "\n"
        "| Vendor | Change | Where | Before | After | Note |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Beta Support | vendor added | vendor | — | Amber 78.8 |   |\n"
        "| Acme Support | status change | headline | Green 87.5 (2025-Q2) | Amber 78.8 (2025-Q2) |   |\n"  # noqa: E501
        "| Acme Support | new breach | voice · abandon · 2025-05 | Missing | Breached |   |\n"
        "| Acme Support | restated value | voice · qa · 2025-04 | 91.0 | 85.0 |   |\n"
        "| Acme Support | service-level status change | voice · qa · 2025-04 | Met | At risk |   |\n"  # noqa: E501
        "| Acme Support | action change | fix-fcr | open (overdue) | done | Fix FCR |\n"
        "| Acme Support | new value | voice · abandon | — | 2025-05: 9.0% |   |\n"
    )


def test_against_the_working_tree_shows_uncommitted_edits(repo: dict[str, Any]) -> None:
    data = diff_json(repo, repo["changed"])  # HEAD defaults to the working tree
    assert data["head"] == {
        "revision": "working tree",
        "commit": None,
        "as_of": "2025-06-30",
        "errors": [],
    }
    assert data["summary"] == "1 status change, 1 new breach, 1 restated value"
    assert changes(data, "acme") == [
        (
            "status",
            "headline",
            {"period": "2025-Q2", "score": 78.75, "status": "amber"},
            {"period": "2025-Q2", "score": 63.75, "status": "red"},
        ),
        ("new-breach", "voice · csat · 2025-Q2", "met", "breached"),
        ("restated", "voice · csat · 2025-Q2", 86.0, 70.0),
    ]
    text = diff(repo, repo["changed"])
    assert text.stdout.splitlines()[:2] == [
        f"scorecards: {repo['changed'][:12]} → working tree",
        "1 status change, 1 new breach, 1 restated value",
    ]
    assert "\x1b[" not in text.stdout  # no colour when the output is not a terminal


def test_the_diff_reads_git_without_touching_the_working_tree_or_the_index(
    repo: dict[str, Any],
) -> None:
    root: Path = repo["root"]
    status = git(root, "status", "--porcelain")
    index = (root / ".git/index").read_bytes()
    csv = (root / CSV).read_bytes()
    diff(repo, repo["base"], repo["changed"])
    diff(repo)
    assert git(root, "status", "--porcelain") == status
    assert (root / ".git/index").read_bytes() == index
    assert (root / CSV).read_bytes() == csv
    assert not list(root.glob("scorecardgen-diff-*"))


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ([], 0),
        (["--fail-on", "status-change"], 1),
        (["--fail-on", "breach"], 1),
        (["--fail-on", "restatement"], 1),
        (["--fail-on", "breach,restatement"], 1),
    ],
)
def test_fail_on_exits_1_when_such_a_change_is_present(
    repo: dict[str, Any], fail_on: list[str], code: int
) -> None:
    result = diff(repo, repo["base"], repo["changed"], *fail_on)
    assert result.exit_code == code, result.output
    if code:
        assert "(--fail-on)" in result.stderr


def test_fail_on_passes_when_only_other_changes_are_present(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", dict(project_files()))
    init(root)
    commit(root, "base")
    edit(root, "content/vendors/acme/notes/fix-fcr.md", "status: open", "status: dropped")
    every = "status-change,breach,restatement"
    result = run_cli("-C", str(root), "diff", "--fail-on", every, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("→ working tree: 1 action change")
    assert run_cli("-C", str(root), "diff", "HEAD", "HEAD", "--fail-on", every).stdout.endswith(
        "no changes to scorecards\n"
    )


def test_a_side_with_errors_is_reported_not_compared(repo: dict[str, Any]) -> None:
    head_broken = diff(repo, repo["changed"], repo["broken"])
    assert head_broken.exit_code == 1
    assert head_broken.stdout.splitlines()[1] == (
        f"{repo['broken'][:12]}: 1 error in {CSV}"  # named by its hash: the short one
    )
    assert "Traceback" not in head_broken.output
    data = diff_json(repo, repo["changed"], repo["broken"])
    assert data["compared"] is False and data["vendors"] == [] and data["summary"] is None
    (error,) = data["head"]["errors"]
    assert (error["file"], error["line"]) == (CSV, 9)  # header, 7 rows, then the bad one
    assert "lots" in error["message"]
    base_broken = diff(repo, "HEAD", "--format", "markdown")  # HEAD is the broken commit
    assert base_broken.exit_code == 0  # a broken past does not fail the change that fixes it
    assert base_broken.stdout == (
        f"**Scorecards** `HEAD` (`{repo['broken'][:12]}`) → working tree: not compared, content "
        "with errors\n"
        "\n"
        f"- `HEAD` (`{repo['broken'][:12]}`): 1 error in {CSV} (`scorecardgen check` lists them)\n"
    )


def test_an_unknown_revision_is_a_clear_error(repo: dict[str, Any]) -> None:
    result = diff(repo, "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == (
        "scorecardgen diff: error: unknown revision 'no-such-branch': no commit of that name in "
        "this repository (a branch, tag, hash, or HEAD~1 is expected; `git log --oneline` lists "
        "commits)\n"
    )
    assert diff(repo, "--", "-x").exit_code == 2  # never passed to git as an option


def test_a_folder_outside_git_is_a_clear_error(tmp_path: Path) -> None:
    root = write_project(tmp_path / "plain", dict(project_files()))
    result = run_cli("-C", str(root), "diff")
    assert result.exit_code == 2
    assert result.stderr == (
        f"scorecardgen diff: error: {root} is not in a git repository: diff compares the "
        "scorecards of two git revisions (commit the project with git first, or name its "
        "folder with -C)\n"
    )


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    outer = tmp_path / "repo"
    root = write_project(outer / "scorecards", dict(project_files()))
    init(outer)
    first = commit(outer, "base")
    edit(root, CSV, "qa,2025-04,91,", "qa,2025-04,92,")
    data = json.loads(run_cli("-C", str(root), "diff", first, "--format", "json").stdout)
    assert changes(data, "acme") == [("restated", "voice · qa · 2025-04", 91.0, 92.0)]
