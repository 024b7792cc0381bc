"""What an import does to the rows a project already holds: a re-import changes nothing, a
changed value is a restatement of the row where it lives (CSV or YAML) with the value first
reported, rows for months already imported join their file, and --dry-run writes nothing."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from scorecardgen.load import load_vendor
from tests.import_project import (
    MEASUREMENTS,
    check_strict,
    project,
    rows_of,
    run_import,
    short,
    snapshot,
    xlsx,
)
from tests.no_gaps import CSV


def _report(tmp_path: Path, rows: str, name: str = "report.csv") -> Path:
    path = tmp_path / name
    path.write_text("kpi,period,value\n" + rows, encoding="utf-8")
    return path


def test_importing_the_same_report_twice_changes_nothing_and_says_so(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = _report(tmp_path, "fcr,2025-07,79\nasa,2025-07,30\n")
    assert run_import(root, str(report), "--vendor", "acme").exit_code == 0
    before = snapshot(root)
    again = run_import(root, str(report), "--vendor", "acme")
    assert again.exit_code == 0, again.output
    assert snapshot(root) == before
    assert "nothing to change: 2 rows already in the project with the same values" in again.stdout
    assert "added" not in again.stdout and "restated" not in again.stdout


def test_a_changed_value_restates_the_csv_row_where_it_lives(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = _report(tmp_path, "fcr,2025-05,72.5\nfcr,2025-04,80\n")
    run = run_import(
        root, str(report), "--vendor", "acme", "--on", "2025-07-03", "--reason", "vendor recount"
    )
    assert run.exit_code == 0, run.output
    rows = rows_of(root / CSV)
    may = [r for r in rows if (r["kpi"], r["period"]) == ("fcr", "2025-05")]
    assert len(may) == 1  # edited, not added beside the old row
    assert (
        may[0]["value"],
        may[0]["restated_value"],
        may[0]["restated_on"],
        may[0]["restated_reason"],
    ) == ("72.5", "70", "2025-07-03", "vendor recount")
    assert not list((root / MEASUREMENTS).glob("import-*"))  # nothing was added
    assert "fcr 2025-05 (voice): 70 -> 72.5, at content/vendors/acme/measurements/2025.csv:3" in (
        run.stdout
    )
    assert "restated on 2025-07-03\n" in run.stdout and "reason: vendor recount\n" in run.stdout
    assert "unchanged: 1 row" in run.stdout  # April
    assert check_strict(root).exit_code == 0, check_strict(root).output
    assert run_import(root, str(report), "--vendor", "acme").stdout.count("nothing to change")


def test_a_yaml_row_is_restated_in_place_keeping_comments(tmp_path: Path) -> None:
    yaml_file = f"{MEASUREMENTS}/extra.yaml"
    text = (
        "# survey results and late figures\n"
        "- kpi: csat\n  period: 2025-Q2\n  value: 86  # the survey\n"
        "- {kpi: fcr, period: 2025-06, value: 60}\n"
    )
    root = project(tmp_path / "p", files={yaml_file: text})
    report = _report(tmp_path, "csat,2025-Q2,88\nfcr,2025-06,61.5\n")
    run = run_import(root, str(report), "--vendor", "acme", "--on", "2025-07-10")
    assert run.exit_code == 0, run.output
    reason = '"restated in the vendor\'s report report.csv"'
    assert (root / yaml_file).read_text() == (
        "# survey results and late figures\n"
        "- kpi: csat\n  period: 2025-Q2\n  value: 88  # the survey\n"
        f"  restated: {{value: 86, on: 2025-07-10, reason: {reason}}}\n"
        "- {kpi: fcr, period: 2025-06, value: 61.5, "
        f"restated: {{value: 60, on: 2025-07-10, reason: {reason}}}}}\n"
    )
    assert "(--reason TEXT sets another)" in run.stdout
    loaded = load_vendor(root, "acme").vendor
    assert loaded is not None
    restated = {m.kpi: m.restated for m in loaded.measurements if m.restated}
    assert {k: (r.value, r.on) for k, r in restated.items()} == {
        "csat": (86, dt.date(2025, 7, 10)),
        "fcr": (60, dt.date(2025, 7, 10)),
    }
    assert check_strict(root).exit_code == 0, check_strict(root).output


def test_a_second_restatement_keeps_the_value_first_reported(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    first = _report(tmp_path, "asa,2025-05,33\n", "first.csv")
    second = _report(tmp_path, "asa,2025-05,32\n", "second.csv")
    run_import(root, str(first), "--vendor", "acme", "--on", "2025-07-01", "--reason", "a")
    run = run_import(root, str(second), "--vendor", "acme", "--on", "2025-08-01", "--reason", "b")
    assert run.exit_code == 0, run.output
    assert "asa 2025-05 (voice): 33 -> 32 (first reported 34)" in run.stdout
    row = next(r for r in rows_of(root / CSV) if (r["kpi"], r["period"]) == ("asa", "2025-05"))
    assert (row["value"], row["restated_value"], row["restated_on"], row["restated_reason"]) == (
        "32",
        "34",
        "2025-08-01",
        "b",
    )


def _set_modified(path: Path, when: str) -> None:
    """Give a workbook the saved date Excel would (openpyxl stamps its own on save)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    core = parts["docProps/core.xml"].decode()
    parts["docProps/core.xml"] = re.sub(
        r"(<dcterms:modified[^>]*>)[^<]*", rf"\g<1>{when}", core
    ).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_without_on_a_restatement_takes_the_workbooks_own_date(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = xlsx(tmp_path / "r.xlsx", {"SLA": [["KPI", "Period", "Value"], ["qa", "2025-04", 93]]})
    _set_modified(report, "2025-07-04T08:30:00Z")
    run = run_import(root, str(report), "--vendor", "acme", "--reason", "QA re-marked")
    assert run.exit_code == 0, run.output
    row = next(r for r in rows_of(root / CSV) if (r["kpi"], r["period"]) == ("qa", "2025-04"))
    assert (row["value"], row["restated_value"], row["restated_on"]) == ("93", "91", "2025-07-04")
    assert "restated on 2025-07-04 (the report's date; --on DATE sets another)" in run.stdout


def test_dry_run_prints_the_same_summary_and_writes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = _report(tmp_path, "fcr,2025-07,79\nfcr,2025-05,71\n")
    before = snapshot(root)
    dry = run_import(root, str(report), "--vendor", "acme", "--dry-run", "--on", "2025-07-05")
    assert dry.exit_code == 0, dry.output
    assert snapshot(root) == before
    assert dry.stdout.endswith("dry run: nothing was written\n")
    real = run_import(root, str(report), "--vendor", "acme", "--on", "2025-07-05")
    assert real.stdout == dry.stdout.replace("dry run: nothing was written\n", "")
    assert "added: 1 row for 2025-07" in real.stdout
    assert "fcr 2025-05 (voice): 70 -> 71" in real.stdout


def test_new_kpis_for_a_month_already_imported_join_its_file(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run_import(root, str(_report(tmp_path, "fcr,2025-07,79\n", "a.csv")), "--vendor", "acme")
    run = run_import(
        root, str(_report(tmp_path, "fcr,2025-07,79\nqa,2025-07,90\n", "b.csv")), "--vendor", "acme"
    )
    assert run.exit_code == 0, run.output
    assert "added: 1 row for 2025-07 to content/vendors/acme/measurements/import-2025-07.csv\n" in (
        run.stdout
    )  # not "(a new file)"
    rows = rows_of(root / MEASUREMENTS / "import-2025-07.csv")
    assert short(rows, "kpi", "value") == [("fcr", "79"), ("qa", "90")]
    assert check_strict(root).exit_code == 0


def test_a_report_may_fill_in_a_row_left_without_a_value(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    (root / CSV).write_text((root / CSV).read_text() + "fcr,2025-07,,awaiting\n")
    run = run_import(root, str(_report(tmp_path, "fcr,2025-07,77\n")), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert "fcr 2025-07: 77, in the empty row at content/vendors/acme/measurements/2025.csv" in (
        run.stdout
    )
    row = rows_of(root / CSV)[-1]
    assert (row["kpi"], row["value"], row["note"], row.get("restated_value")) == (
        "fcr",
        "77",
        "awaiting",
        None,
    )
