"""Located errors for the contract mechanics: an exclusion without a reason, a step on the wrong
side or out of order, allocations above pool_percent, a negative earn_back_periods (issue 15)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.minimal_project import CONTRACT

Make = Callable[..., Path]
CONTRACT_FILE = "content/vendors/acme/contracts/voice.yaml"
CSV_FILE = "content/vendors/acme/measurements/2025.csv"


def check(make_project: Make, changes: dict[str, str]) -> tuple[int, str]:
    root = make_project(changes)
    result = run_cli("-C", str(root), "check")
    return result.exit_code, result.stdout + result.stderr


def with_fcr(extra: str) -> str:
    """The minimal contract with ``extra`` YAML lines added to the fcr service level."""
    return CONTRACT.replace("    credit_allocation: 40\n", "    credit_allocation: 40\n" + extra)


def test_an_exclusion_without_a_reason_is_a_located_error(make_project: Make) -> None:
    csv = "kpi,period,value,excluded\nfcr,2025-04,40,true\n"
    code, out = check(make_project, {CSV_FILE: csv})
    assert code == 1
    assert f"{CSV_FILE}:2:1: error: an excluded measurement needs a reason" in out


def test_a_csv_exclusion_and_restatement_are_read(make_project: Make) -> None:
    csv = (
        "kpi,period,value,excluded,reason,restated_value,restated_on,restated_reason\n"
        "fcr,2025-04,40,true,Storm: force majeure,,,\n"
        "fcr,2025-05,70,,,64,2025-06-12,Vendor recount\n"
    )
    code, out = check(make_project, {CSV_FILE: csv})
    assert code == 0, out


def test_a_bad_restated_value_points_at_its_column(make_project: Make) -> None:
    csv = (
        "kpi,period,value,restated_value,restated_on,restated_reason\n"
        "fcr,2025-05,70,x,2025-06-12,R\n"
    )
    code, out = check(make_project, {CSV_FILE: csv})
    assert code == 1
    assert f"{CSV_FILE}:2:4: error: 'restated.value' is 'x'" in out


def test_a_step_with_its_minimum_on_the_wrong_side(make_project: Make) -> None:
    steps = "    steps:\n      - {from: 2026-01, expected: 78, minimum: 80}\n"
    code, out = check(make_project, {CONTRACT_FILE: with_fcr(steps)})
    assert code == 1
    assert "step from 2026-01: minimum 80 is above expected 78" in out
    assert f"{CONTRACT_FILE}:16:48: error" in out


def test_steps_out_of_order_or_outside_the_term(make_project: Make) -> None:
    steps = (
        "    steps:\n"
        "      - {from: 2026-01, expected: 78, minimum: 68}\n"
        "      - {from: 2025-12, expected: 80, minimum: 70}\n"
        "      - {from: 2030-01, expected: 82, minimum: 72}\n"
    )
    code, out = check(make_project, {CONTRACT_FILE: with_fcr(steps)})
    assert code == 1
    assert "step from 2025-12 is not after the step before it (2026-01)" in out
    assert "step from 2030-01 is outside the contract's term" in out


def test_a_step_from_a_quarter_is_refused(make_project: Make) -> None:
    steps = "    steps:\n      - {from: 2026-Q1, expected: 78, minimum: 68}\n"
    code, out = check(make_project, {CONTRACT_FILE: with_fcr(steps)})
    assert code == 1
    assert "a step starts at a month like 2027-01" in out


def test_allocations_above_pool_percent(make_project: Make) -> None:
    contract = CONTRACT.replace("at_risk_percent: 10\n", "at_risk_percent: 10\npool_percent: 30\n")
    code, out = check(make_project, {CONTRACT_FILE: contract})
    assert code == 1
    assert f"{CONTRACT_FILE}:8:15: error: credit allocations add up to 40%, more than " in out


def test_a_negative_earn_back_periods(make_project: Make) -> None:
    contract = CONTRACT.replace(
        "at_risk_percent: 10\n", "at_risk_percent: 10\nearn_back_periods: -1\n"
    )
    code, out = check(make_project, {CONTRACT_FILE: contract})
    assert code == 1
    assert f"{CONTRACT_FILE}:8:20: error: 'earn_back_periods'" in out
    assert "greater than or equal to 0" in out


def test_the_schema_covers_the_mechanics_fields() -> None:
    contract = json.loads(run_cli("schema", "contract").stdout)
    assert {"pool_percent", "earn_back_periods", "default_after", "missing_data"} <= set(
        contract["properties"]
    )
    step = contract["$defs"]["Step"]
    assert step["required"] == ["from", "expected", "minimum"]
    assert "steps" in contract["$defs"]["ServiceLevel"]["properties"]
    measurements = json.loads(run_cli("schema", "measurements").stdout)
    row = measurements["$defs"]["Measurement"]["properties"]
    assert {"excluded", "reason", "restated"} <= set(row)
    assert measurements["$defs"]["Restatement"]["required"] == ["value", "on", "reason"]
