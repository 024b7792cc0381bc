"""`scorecardgen check` on valid and broken projects: exit codes, locations, no tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO, run_cli
from tests.minimal_project import CONTRACT

VOICE = "content/vendors/acme/contracts/voice.yaml"


def test_minimal_project_checks_clean(make_project: Callable[..., Path]) -> None:
    root = make_project()
    result = run_cli("-C", str(root), "check", "--strict")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stderr


def test_example_content_checks_clean() -> None:
    result = run_cli("-C", str(REPO), "check", "--strict")
    assert result.exit_code == 0, result.output


def test_new_project_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    assert run_cli("new", str(target)).exit_code == 0
    assert (target / ".gitignore").read_text().count(".scorecardgen-cache/") == 1
    result = run_cli("-C", str(target), "check", "--strict")
    assert result.exit_code == 0, result.output


def test_new_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    result = run_cli("new", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "not an empty folder" in result.stderr
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"


def test_json_format_lists_problems(make_project: Callable[..., Path]) -> None:
    root = make_project({VOICE: CONTRACT.replace("expected: 75", "expectd: 75")})
    result = run_cli("-C", str(root), "check", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    unknown = [p for p in problems if p["code"] == "extra_forbidden"]
    assert unknown == [
        {
            "file": VOICE,
            "line": 10,
            "column": 5,
            "severity": "error",
            "code": "extra_forbidden",
            "message": "unknown key 'expectd'",
            "hint": "did you mean 'expected'?",
        }
    ]


def test_github_format_annotations(make_project: Callable[..., Path]) -> None:
    root = make_project({VOICE: CONTRACT.replace("weight: 30", "weight: 31")})
    result = run_cli("-C", str(root), "check", "--format", "github")
    assert result.exit_code == 1
    assert f"::error file={VOICE},line=8,col=1::service-level weights sum to 101, not 100" in (
        result.stderr
    )


def test_strict_fails_on_warnings(make_project: Callable[..., Path]) -> None:
    root = make_project({VOICE: CONTRACT.replace("    owner: Cy QA\n", "")})
    assert run_cli("-C", str(root), "check").exit_code == 0
    strict = run_cli("-C", str(root), "check", "--strict")
    assert strict.exit_code == 1
    assert f"{VOICE}:" in strict.stderr and "has no owner" in strict.stderr


def test_usage_error_exits_2() -> None:
    assert run_cli("check", "--format", "xml").exit_code == 2
    assert run_cli("no-such-command").exit_code == 2


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and "scorecardgen, version" in result.stdout


def test_schema_of_contract_lists_fields() -> None:
    result = run_cli("schema", "contract")
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    assert {"title", "start", "end", "service_levels"} <= set(schema["required"])
    assert "id" not in schema["properties"]
    sl = schema["$defs"]["ServiceLevel"]
    assert {"kpi", "expected", "minimum", "weight"} <= set(sl["required"])


def test_schema_all_kinds() -> None:
    schemas = json.loads(run_cli("schema").stdout)
    assert sorted(schemas) == ["contract", "kpi", "measurements", "note", "site", "vendor"]
    assert schemas["measurements"]["type"] == "array"


def test_schema_out_writes_files(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path / "s"))
    assert result.exit_code == 0
    assert (tmp_path / "s" / "kpi.schema.json").is_file()
