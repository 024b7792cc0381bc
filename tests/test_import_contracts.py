"""Which contract an imported row is for, several reports in one import, and what the
summary notes about a report that may hold fractions for a % KPI."""

from __future__ import annotations

from pathlib import Path

from tests.import_project import (
    MEASUREMENTS,
    VENDOR_DIR,
    check,
    project,
    rows_of,
    run_import,
    short,
    xlsx,
)

CHAT = """\
title: Acme chat support
start: 2025-01-01
end: 2027-12-31
service_levels:
  - {kpi: fcr, expected: 70, minimum: 60, weight: 20, owner: Ana Ops}
  - {kpi: asa, expected: 20, minimum: 30, weight: 20, owner: Ana Ops}
  - {kpi: abandon, expected: 5, minimum: 8, weight: 20, owner: Ana Ops}
  - {kpi: qa, expected: 90, minimum: 80, weight: 20, owner: Cy QA}
  - {kpi: csat, expected: 85, minimum: 75, weight: 20, owner: Ben CX, window: quarterly}
"""


def _two_contracts(root: Path) -> Path:
    # the minimal project's rows name no contract: with two contracts they must say 'voice'
    project(root, files={f"{VENDOR_DIR}/contracts/chat.yaml": CHAT})
    for name in ("2025.csv", "extra.yaml"):
        path = root / MEASUREMENTS / name
        text = path.read_text()
        if name.endswith(".csv"):
            lines = text.splitlines()
            text = "\n".join([lines[0] + ",contract"] + [f"{line},voice" for line in lines[1:]])
        else:
            text = text.replace("  value:", "  contract: voice\n  value:")
        path.write_text(text + "\n")
    return root


def test_a_kpi_held_by_two_contracts_needs_contract(tmp_path: Path) -> None:
    root = _two_contracts(tmp_path / "p")
    assert "check ok: 0 errors" in check(root).stderr
    report = tmp_path / "chat.csv"
    report.write_text("kpi,period,value\nfcr,2025-07,66\nfcr,2025-05,70\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert "KPI 'fcr' is held by several contracts (chat, voice)" in run.stderr
    assert "--contract ID" in run.stderr
    run = run_import(root, str(report), "--vendor", "acme", "--contract", "chat")
    assert run.exit_code == 0, run.output
    assert short(rows_of(root / MEASUREMENTS / "import-2025-05-to-2025-07.csv")) == [
        ("fcr", "2025-07", "66", "chat"),
        ("fcr", "2025-05", "70", "chat"),  # voice's May is another row: not a restatement
    ]
    assert "restated" not in run.stdout
    assert "check ok: 0 errors" in check(root).stderr  # chat: months before its first


def test_a_contract_column_says_which_contract_each_row_is_for(tmp_path: Path) -> None:
    root = _two_contracts(tmp_path / "p")
    report = tmp_path / "both.csv"
    report.write_text(
        "Contract,KPI,Month,Value\nvoice,fcr,2025-05,71\nchat,fcr,2025-05,68\nchta,asa,2025-05,20\n"
    )
    run = run_import(root, str(report), "--vendor", "acme", "--on", "2025-06-10")
    assert run.exit_code == 1
    assert f"{report}:4:1: error: vendor 'acme' has no contract 'chta'" in run.stderr
    report.write_text(report.read_text().replace("chta", "chat"))
    run = run_import(root, str(report), "--vendor", "acme", "--on", "2025-06-10")
    assert run.exit_code == 0, run.output
    assert "fcr 2025-05 (voice): 70 -> 71" in run.stdout
    assert short(rows_of(root / MEASUREMENTS / "import-2025-05.csv")) == [
        ("fcr", "2025-05", "68", "chat"),
        ("asa", "2025-05", "20", "chat"),
    ]
    assert "check ok: 0 errors" in check(root).stderr  # chat: months before its first


def test_several_reports_make_one_import(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    july = xlsx(tmp_path / "july.xlsx", {"S": [["KPI", "Month", "Value"], ["fcr", "Jul-25", 79]]})
    august = tmp_path / "august.csv"
    august.write_text("KPI;Month;Value\nfcr;Aug-25;80,5\n")
    run = run_import(root, str(july), str(august), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert f"read {july}[S]: long layout" in run.stdout
    assert f"read {august}: long layout" in run.stdout
    assert short(rows_of(root / MEASUREMENTS / "import-2025-07-to-2025-08.csv")) == [
        ("fcr", "2025-07", "79", "voice"),
        ("fcr", "2025-08", "80.5", "voice"),
    ]
    clash = tmp_path / "clash.csv"
    clash.write_text("kpi,period,value\nfcr,2025-09,81\n")
    again = tmp_path / "again.csv"
    again.write_text("kpi,period,value\nfcr,2025-09,82\n")
    run = run_import(root, str(clash), str(again), "--vendor", "acme")
    assert run.exit_code == 1
    assert (
        f"{again}:2:3: error: a second value for 'fcr' in 2025-09 (contract 'voice'): 82, "
        "where clash.csv line 2 gives 81" in run.stderr
    )


def test_a_percent_kpi_given_only_fractions_gets_a_note(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = xlsx(tmp_path / "r.xlsx", {"S": [["KPI", "Month", "Value"], ["fcr", "Jul-25", 0.79]]})
    run = run_import(root, str(report), "--dry-run", "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert (
        "note: every value of 'fcr' (a % KPI) lies between 0 and 1; if the report writes 97.5% "
        "as 0.975, declare percent: fraction in the mapping" in run.stdout
    )
