"""`check` warns once per service level about its missing reports in the rolling 12 months
(SCORING.md sections 3 and 10), at the service level's entry in its contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, SITE
from tests.no_gaps import COMPLETE_CSV, CSV, NO_GAPS

VOICE = "content/vendors/acme/contracts/voice.yaml"
YML = "content/vendors/acme/measurements/extra.yaml"


def problems(root: Path, *options: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("-C", str(root), "check", "--format", "json", *options)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def missing(found: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [
        (p["file"], p["line"], p["column"], p["severity"], p["message"])
        for p in found
        if p["code"] == "missing-periods"
    ]


def test_each_service_level_with_gaps_warns_once_at_its_entry(
    make_project: Callable[..., Path],
) -> None:
    # the minimal project: reports start in April 2025; asa lacks June, abandon and qa May
    # and June; nothing before April is held against the vendor (SCORING.md section 3)
    code, found = problems(make_project())
    assert code == 0
    assert missing(found) == [
        (VOICE, 15, 5, "warning", "service level 'asa' of contract 'voice' has no report for "
         "Jun 2025 (missing periods lower coverage)"),
        (VOICE, 26, 5, "warning", "service level 'abandon' of contract 'voice' has no report "
         "for May 2025, Jun 2025 (missing periods lower coverage)"),
        (VOICE, 31, 5, "warning", "service level 'qa' of contract 'voice' has no report for "
         "May 2025, Jun 2025 (missing periods lower coverage)"),
    ]  # fmt: skip
    assert problems(make_project(), "--strict")[0] == 1


def test_text_output_names_the_place_and_how_to_mute(make_project: Callable[..., Path]) -> None:
    result = run_cli("-C", str(make_project()), "check")
    assert result.exit_code == 0
    assert (
        f"{VOICE}:26:5: warning: service level 'abandon' of contract 'voice' has no report "
        "for May 2025, Jun 2025 (missing periods lower coverage)\n"
        "    hint: add the vendor's figures for them to its measurements "
        "(site.yaml lints: missing_periods: off mutes this)"
    ) in result.stderr
    assert "check ok: 0 errors, 3 warnings" in result.stderr


def test_a_complete_project_has_no_missing_periods(make_project: Callable[..., Path]) -> None:
    code, found = problems(make_project(NO_GAPS), "--strict")
    assert code == 0 and found == []


def test_an_empty_value_is_a_missing_report(make_project: Callable[..., Path]) -> None:
    csv = COMPLETE_CSV.replace("qa,2025-06,89,", "qa,2025-06,,")
    code, found = problems(make_project({CSV: csv}))
    assert code == 0
    assert [m[4] for m in missing(found)] == [
        "service level 'qa' of contract 'voice' has no report for Jun 2025 "
        "(missing periods lower coverage)"
    ]


def test_a_missing_quarter_is_named_as_a_quarter(make_project: Callable[..., Path]) -> None:
    no_csat = "- kpi: fcr\n  period: 2025-06\n  value: 60\n"
    code, found = problems(make_project({**NO_GAPS, YML: no_csat}))
    assert code == 0
    assert missing(found) == [
        (VOICE, 20, 5, "warning", "service level 'csat' of contract 'voice' has no report for "
         "Q2 2025 (missing periods lower coverage)"),
    ]  # fmt: skip


def test_missing_data_breached_says_the_gap_counts_as_a_breach(
    make_project: Callable[..., Path],
) -> None:
    contract = CONTRACT.replace(
        "at_risk_percent: 10\n", "at_risk_percent: 10\nmissing_data: breached\n"
    )
    csv = COMPLETE_CSV.replace("asa,2025-06,30,\n", "")
    code, found = problems(make_project({VOICE: contract, CSV: csv}))
    assert code == 0
    assert missing(found) == [
        (VOICE, 16, 5, "warning", "service level 'asa' of contract 'voice' has no report for "
         "Jun 2025 (each counts as breached: the contract sets missing_data: breached)"),
    ]  # fmt: skip


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[str]:
    (year, month), out = first, []
    while (year, month) <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def test_only_the_rolling_12_months_are_listed(make_project: Callable[..., Path]) -> None:
    # as_of 30 June 2026: the rolling 12 months are July 2025 to June 2026. FCR lacks May
    # 2025 (older) and February 2026 (inside): only February is listed.
    months = _months((2025, 4), (2026, 6))
    rows = ["kpi,period,value,note"]
    for kpi, value in (("fcr", 80), ("asa", 25), ("abandon", 4), ("qa", 91)):
        rows += [
            f"{kpi},{m},{value}," for m in months if kpi != "fcr" or m not in {"2025-05", "2026-02"}
        ]
    csat = "".join(
        f"- {{kpi: csat, period: {q}, value: 86}}\n"
        for q in ("2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2")
    )
    site = SITE.replace("as_of: 2025-06-30", "as_of: 2026-06-30")
    root = make_project({"content/site.yaml": site, CSV: "\n".join(rows) + "\n", YML: csat})
    code, found = problems(root)
    assert code == 0
    assert [m[4] for m in missing(found)] == [
        "service level 'fcr' of contract 'voice' has no report for Feb 2026 "
        "(missing periods lower coverage)"
    ]


def test_muted_then_made_an_error(make_project: Callable[..., Path]) -> None:
    muted = make_project({"content/site.yaml": SITE + "lints:\n  missing_periods: off\n"})
    code, found = problems(muted, "--strict")
    assert (code, found) == (0, [])
    loud = make_project({"content/site.yaml": SITE + "lints:\n  missing_periods: error\n"})
    code, found = problems(loud)
    assert code == 1
    assert [(m[1], m[3]) for m in missing(found)] == [(15, "error"), (26, "error"), (31, "error")]


def test_a_strict_build_stops_on_a_missing_report(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project()
    result = run_cli("-C", str(root), "build", "--strict", "-o", str(tmp_path / "site"))
    assert result.exit_code == 1
    assert "has no report for May 2025, Jun 2025" in result.stderr
    assert not (tmp_path / "site").exists()
