"""`scorecardgen check` on valid and broken projects: exit codes, locations, no tracebacks."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from scorecardgen.check import check_project
from scorecardgen.model import Contract, Site
from tests.conftest import REPO, run_cli
from tests.minimal_project import CONTRACT
from tests.no_gaps import NO_GAPS

VOICE = "content/vendors/acme/contracts/voice.yaml"


def test_minimal_project_checks_clean(make_project: Callable[..., Path]) -> None:
    root = make_project(NO_GAPS)  # with the monthly reports the minimal project lacks
    result = run_cli("-C", str(root), "check", "--strict")
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.stderr


def test_example_content_checks_clean_but_for_its_missing_reports() -> None:
    # the example keeps vendors that skipped a monthly report, and check says so: its only
    # warnings are the missing-periods lint, so --strict fails on them alone
    result = run_cli("-C", str(REPO), "check", "--format", "json")
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)
    assert problems and {(p["severity"], p["code"]) for p in problems} == {
        ("warning", "missing-periods")
    }
    assert all("has no report for" in p["message"] for p in problems)
    assert run_cli("-C", str(REPO), "check", "--strict").exit_code == 1


def test_new_project_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    assert run_cli("new", str(target)).exit_code == 0
    assert (target / ".gitignore").read_text().count(".scorecardgen-cache/") == 1
    result = run_cli("-C", str(target), "check", "--strict")
    assert result.exit_code == 0, result.output


def test_new_sets_as_of_to_the_end_of_its_data(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    assert run_cli("new", str(target)).exit_code == 0
    assert "\nas_of: 2026-06-30\n" in (target / "content/site.yaml").read_text()
    checked = check_project(target)
    assert checked.project is not None and checked.portfolio is not None
    reported = checked.project.vendors["brightpath"].measurements
    assert max(m.period for m in reported) == "2026-06"  # as_of ends the last reported month
    card = checked.portfolio.vendors["brightpath"]
    assert card.as_of == date(2026, 6, 30)
    headline = card.headline
    assert (headline.period, headline.in_progress, headline.to_date) == ("2026-Q2", False, None)


def test_as_of_keeps_an_early_row_from_opening_a_quarter(tmp_path: Path) -> None:
    # README, "Why set as_of": a July figure loaded early
    target = tmp_path / "fresh"
    run_cli("new", str(target))
    csv = target / "content/vendors/brightpath/measurements/2026.csv"
    csv.write_text(csv.read_text() + "first-contact-resolution,2026-07,76.0,\n")
    portfolio = check_project(target).portfolio
    assert portfolio is not None
    card = portfolio.vendors["brightpath"]
    assert (card.as_of, card.headline.period, card.headline.to_date) == (
        date(2026, 6, 30),
        "2026-Q2",
        None,
    )
    site = target / "content/site.yaml"
    site.write_text(re.sub(r"^as_of: .*\n", "", site.read_text(), flags=re.MULTILINE))
    portfolio = check_project(target).portfolio
    assert portfolio is not None
    card = portfolio.vendors["brightpath"]
    assert (card.as_of, card.headline.period) == (date(2026, 7, 31), "2026-Q2")
    to_date = card.headline.to_date
    assert to_date is not None and (to_date.period, to_date.months_to_date) == ("2026-Q3", 1)


README = (REPO / "README.md").read_text(encoding="utf-8")


def _block(after: str, language: str) -> str:
    return README.split(after, 1)[1].split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_readme_keeps_its_first_two_commands() -> None:
    assert _block("# scorecardgen", "bash").splitlines() == [
        "pip install -e . && scorecardgen build",
        'pip install -e ".[test]" && python -m pytest',
    ]


def test_readme_says_why_to_set_as_of() -> None:
    section = README.split("### Why set as_of\n", 1)[1].split("\n#", 1)[0]
    for point in (
        "Builds never read the clock",
        "one row loaded early",
        "to date, 1 of 3 months",
        "latest *closed* quarter",
        "move it forward at\neach month end",
    ):
        assert point in section, point


def test_readme_examples_hold_the_new_fields() -> None:
    site = Site.model_validate(yaml.safe_load(_block("### content/site.yaml", "yaml")))
    assert (site.currency, site.exchange_rates) == ("USD", {"EUR": 1.17, "GBP": 1.35})
    assert site.lints.missing_periods == "off"
    contract = Contract.model_validate(yaml.safe_load(_block("contracts/voice.yaml\n", "yaml")))
    assert (contract.currency, contract.missing_data) == ("GBP", "no-data")


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
            "count": 1,
            "locations": [{"file": VOICE, "line": 10, "column": 5}],
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
