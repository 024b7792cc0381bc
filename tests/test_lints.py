"""site.yaml `lints` tunes or mutes each lint of SCORING.md section 10 (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen.schema import schema_for
from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, MEASUREMENTS_CSV, SITE

VOICE = "content/vendors/acme/contracts/voice.yaml"
CSV = "content/vendors/acme/measurements/2025.csv"

# a contract with four service levels: qa dropped, its weight given to fcr
FOUR_LEVELS = {
    VOICE: CONTRACT.split("  - kpi: qa")[0].replace("weight: 30", "weight: 45"),
    CSV: "".join(line for line in MEASUREMENTS_CSV.splitlines(True) if not line.startswith("qa,")),
    "content/kpis/qa.yaml": None,
}

LINTS = {
    "sl-count": FOUR_LEVELS,
    "no-owner": {VOICE: CONTRACT.replace("    owner: Cy QA\n", "")},
    "outside-term": {CSV: MEASUREMENTS_CSV + "qa,2024-12,90,\n"},
    "unused-kpi": {"content/kpis/nps.yaml": "name: NPS\nunit: score\ndirection: higher\n"},
}


def check(root: Path, *options: str) -> tuple[int, str]:
    result = run_cli("-C", str(root), "check", *options)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def with_lints(changes: dict[str, str | None], lints: str) -> dict[str, str | None]:
    return {**changes, "content/site.yaml": SITE + "lints:\n" + lints}


def test_four_service_levels_warn_by_default(make_project: Callable[..., Path]) -> None:
    root = make_project(FOUR_LEVELS)
    code, err = check(root)
    assert code == 0
    assert "warning: the contract has 4 service levels" in err
    assert check(root, "--strict")[0] == 1


def test_four_service_levels_are_clean_with_min_4(make_project: Callable[..., Path]) -> None:
    root = make_project(with_lints(FOUR_LEVELS, "  sl_count: {min: 4}\n"))
    code, err = check(root, "--strict")
    assert code == 0, err
    assert "service levels" not in err


def test_a_lower_max_warns_about_five(make_project: Callable[..., Path]) -> None:
    root = make_project(with_lints({}, "  sl_count: {min: 2, max: 4}\n"))
    code, err = check(root, "--strict")
    assert code == 1
    assert "the contract has 5 service levels" in err
    assert "keep 2 to 4" in err


@pytest.mark.parametrize("lint", sorted(LINTS))
def test_each_lint_warns_then_is_muted(make_project: Callable[..., Path], lint: str) -> None:
    code, err = check(make_project(LINTS[lint]), "--strict")
    assert code == 1 and "warning:" in err, err
    key = lint.replace("-", "_")
    code, err = check(make_project(with_lints(LINTS[lint], f"  {key}: off\n")), "--strict")
    assert code == 0, err
    assert "warning:" not in err


@pytest.mark.parametrize("lint", sorted(LINTS))
def test_a_lint_can_be_an_error(make_project: Callable[..., Path], lint: str) -> None:
    key = lint.replace("-", "_")
    code, err = check(make_project(with_lints(LINTS[lint], f"  {key}: error\n")))
    assert code == 1
    assert "error:" in err


def test_missing_periods_key_is_accepted(make_project: Callable[..., Path]) -> None:
    root = make_project(with_lints({}, "  missing_periods: off\n"))
    assert check(root, "--strict")[0] == 0


def test_unknown_lint_key_is_located_with_a_hint(make_project: Callable[..., Path]) -> None:
    root = make_project(with_lints({}, "  no_ownr: off\n"))
    code, err = check(root)
    assert code == 1
    assert "content/site.yaml:5:3: error: unknown key 'no_ownr'" in err
    assert "did you mean 'no_owner'?" in err


def test_bad_level_and_bounds_are_errors(make_project: Callable[..., Path]) -> None:
    code, err = check(make_project(with_lints({}, "  unused_kpi: loud\n")))
    assert code == 1 and "'lints.unused_kpi' is 'loud'" in err, err
    code, err = check(make_project(with_lints({}, "  sl_count: {min: 7, max: 4}\n")))
    assert code == 1 and "min 7 is above max 4" in err, err


def test_unknown_key_inside_sl_count_has_a_hint(make_project: Callable[..., Path]) -> None:
    code, err = check(make_project(with_lints({}, "  sl_count: {mn: 4}\n")))
    assert code == 1 and "unknown key 'mn'" in err and "did you mean 'min'?" in err, err


def test_the_site_schema_describes_lints() -> None:
    lints = schema_for("site")["$defs"]["Lints"]
    assert lints["additionalProperties"] is False
    keys = {"sl_count", "no_owner", "outside_term", "unused_kpi", "missing_periods"}
    assert set(lints["properties"]) == keys
    assert {"enum": ["off", "warning", "error"]} in lints["properties"]["sl_count"]["anyOf"]
