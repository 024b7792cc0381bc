"""site.yaml `lints` tunes or mutes each lint of SCORING.md section 10 (issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen.schema import schema_for
from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, MEASUREMENTS_CSV, SITE
from tests.no_gaps import COMPLETE_CSV, CSV, NO_GAPS

VOICE = "content/vendors/acme/contracts/voice.yaml"

# a contract with four service levels: qa dropped, its weight given to fcr
FOUR_LEVELS = {
    VOICE: CONTRACT.split("  - kpi: qa")[0].replace("weight: 30", "weight: 45"),
    CSV: "".join(line for line in COMPLETE_CSV.splitlines(True) if not line.startswith("qa,")),
    "content/kpis/qa.yaml": None,
}

# every lint of section 10, each in a project that has nothing else to warn about
LINTS: dict[str, dict[str, str | bytes | None]] = {
    "sl-count": FOUR_LEVELS,
    "no-owner": {**NO_GAPS, VOICE: CONTRACT.replace("    owner: Cy QA\n", "")},
    # a month before the term starts is expected of no service level, so nothing goes missing
    "outside-term": {
        VOICE: CONTRACT.replace("start: 2025-01-01", "start: 2025-04-01"),
        CSV: COMPLETE_CSV + "qa,2025-03,90,\n",
    },
    "unused-kpi": {
        **NO_GAPS,
        "content/kpis/nps.yaml": "name: NPS\nunit: score\ndirection: higher\n",
    },
    "missing-periods": {CSV: MEASUREMENTS_CSV},  # the minimal project lacks five reports
}


def check(root: Path, *options: str) -> tuple[int, str]:
    result = run_cli("-C", str(root), "check", *options)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def with_lints(changes: dict[str, str | bytes | None], lints: str) -> dict[str, str | bytes | None]:
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
    root = make_project(with_lints(NO_GAPS, "  sl_count: {min: 2, max: 4}\n"))
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


def test_each_lints_key_is_tested_above() -> None:
    """Every key site.yaml `lints` takes is a lint the tests above raise, mute and make an error."""
    keys = {lint.replace("-", "_") for lint in LINTS}
    assert keys == set(schema_for("site")["$defs"]["Lints"]["properties"])


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
