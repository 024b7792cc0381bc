"""A report that cannot be imported writes nothing, and each problem names the file, the sheet,
the row and the column (and, in a workbook, the cell as Excel names it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.import_project import VENDOR_DIR, project, run_import, snapshot, xlsx


def test_a_bad_workbook_writes_nothing_and_every_problem_is_located(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = xlsx(
        tmp_path / "bad.xlsx",
        {
            "Notes": [["read me"]],
            "SLA": [
                ["Metric", "Jul-25", "Aug-25"],
                ["First contact resolution", "81%", 82],  # fine
                ["Average speed of answer", "30%", "abc"],  # % on seconds; no number
                ["First contact resolutoin", 80, 81],  # misspelt
            ],
        },
    )
    before = snapshot(root)
    run = run_import(root, str(report), "--vendor", "acme", "--mapping", "x")
    assert run.exit_code == 1  # no such mapping
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1, run.output
    assert snapshot(root) == before
    where = f"{report}[SLA]"  # the first sheet has no header, so each sheet is named
    assert (
        f"{where}:3:2: error: cell B3: '30%' has a percent sign, but KPI 'asa' is measured in "
        "s, not %" in run.stderr
    )
    assert f"{where}:3:3: error: cell C3: 'abc' is not a number" in run.stderr
    assert (
        f"{where}:4:1: error: cell A4: 'First contact resolutoin' is no KPI id, name or alias"
        in run.stderr
    )
    assert "hint: did you mean 'First contact resolution' (fcr)?" in run.stderr
    assert run.stderr.rstrip().endswith("import failed: 3 errors, 0 warnings; nothing was written")
    assert run.stdout == ""


def test_a_semicolon_header_read_with_commas_says_how_the_file_is_separated(
    tmp_path: Path,
) -> None:
    root = project(tmp_path / "p", 'imports:\n  - delimiter: ","\n')
    report = tmp_path / "semi.csv"
    report.write_text("kpi;period;value;note\nfcr;2025-07;79;\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert (
        f"{report}:1:1: error: the header row 'kpi;period;value;note' is one column: this file is "
        "separated by semicolons (the mapping says otherwise)" in run.stderr
    )
    assert 'hint: declare it in the vendor\'s import mapping: delimiter: ";"' in run.stderr


@pytest.mark.parametrize(
    ("row", "message", "hint"),
    [
        (
            "abandon,2025-07,13,1",
            "error: this row has a field '1' beyond the header's 3 columns",
            'quote it ("13,1"), or separate the fields with semicolons',
        ),
        (
            'abandon,2025-07,"13,1"',
            "'13,1' is written with a decimal comma",
            'declare it in the vendor\'s import mapping: decimal: ","',
        ),
        (
            "fcr,01/02/2025,80",
            "'01/02/2025' could be day/month or month/day",
            "period_format in its mapping: DD/MM/YYYY or MM/DD/YYYY",
        ),
        (
            "fcr,Jul 2025,180",
            "180 is outside the range of 'fcr' (0 to 100)",
            "",
        ),
        (
            "csat,2025-07,88",
            "'csat' is measured per quarter in contract 'voice', and 2025-07 is a month",
            "report it per quarter",
        ),
        (
            "fcr,Jully 2025,80",
            "'Jully 2025' is not a period: 'Jully' is no month name",
            "write a month like 2026-01, Jan-26",
        ),
        (
            "asa,2025-07,#DIV/0!",
            "the cell holds Excel's error #DIV/0!, not a number",
            "",
        ),
    ],
)
def test_a_bad_csv_row_is_a_located_error(
    tmp_path: Path, row: str, message: str, hint: str
) -> None:
    root = project(tmp_path / "p", 'imports:\n  - decimal: "."\n')
    report = tmp_path / "r.csv"
    report.write_text(f"kpi,period,value\nfcr,2025-08,70\n{row}\n")
    before = snapshot(root)
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1, run.output
    assert snapshot(root) == before
    assert f"{report}:3:" in run.stderr and message in run.stderr, run.stderr
    assert hint in run.stderr


def test_a_kpi_held_by_no_contract_suggests_ignoring_its_rows(tmp_path: Path) -> None:
    kpi = "name: Calls offered\nunit: count\ndirection: higher\n"
    root = project(tmp_path / "p", files={"content/kpis/offered.yaml": kpi})
    report = tmp_path / "r.csv"
    report.write_text("kpi,period,value\nCalls offered,2025-07,12000\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert f"{report}:2:1: error: no contract of vendor 'acme' holds KPI 'offered'" in run.stderr
    assert "ignore: ['<name>']" in run.stderr


def test_an_old_xls_file_and_a_missing_file_are_errors(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    run = run_import(root, str(old), str(tmp_path / "none.csv"), "--vendor", "acme")
    assert run.exit_code == 1
    assert f"{old}: error: this is an old binary Excel file (.xls)" in run.stderr
    assert f"{tmp_path / 'none.csv'}: error: no such file" in run.stderr


def test_an_error_in_the_vendors_files_stops_the_import_before_it_starts(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "imports:\n  - name: sla\n    layot: wide\n")
    report = tmp_path / "r.csv"
    report.write_text("kpi,period,value\nfcr,2025-07,79\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert f"{VENDOR_DIR}/vendor.yaml:7:5: error: unknown key 'layot'" in run.stderr
    assert "did you mean 'layout'?" in run.stderr
    check = run_import(root, str(report), "--vendor", "nobody")
    assert check.exit_code == 1 and "no vendor 'nobody'" in check.stderr


def test_two_mappings_need_mapping_to_choose(tmp_path: Path) -> None:
    mappings = "imports:\n  - {name: monthly, layout: long}\n  - {name: quarterly, layout: wide}\n"
    root = project(tmp_path / "p", mappings)
    report = tmp_path / "r.csv"
    report.write_text("kpi,period,value\nfcr,2025-07,79\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert "declares several import mappings (monthly, quarterly)" in run.stderr
    assert "choose one with --mapping NAME" in run.stderr
    wrong = run_import(root, str(report), "--vendor", "acme", "--mapping", "montly")
    assert "has no import mapping 'montly'" in wrong.stderr
    assert "did you mean 'monthly'?" in wrong.stderr
    assert run_import(root, str(report), "--vendor", "acme", "--mapping", "monthly").exit_code == 0


def test_usage_mistakes_exit_2(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    assert run_import(root, "--vendor", "acme").exit_code == 2  # no file
    assert run_import(root, str(tmp_path / "x.csv")).exit_code == 2  # no vendor
    assert run_import(root, "x.csv", "--vendor", "acme", "--on", "July").exit_code == 2


def test_check_reads_the_mappings_in_vendor_yaml_and_locates_their_mistakes(
    tmp_path: Path,
) -> None:
    bad = (
        "imports:\n"
        "  - name: sla\n    layot: wide\n"
        "  - name: eu\n    period_format: MM-YY\n    columns: {kpi: Metric, valeu: Actual}\n"
    )
    root = project(tmp_path / "p", bad)
    run = run_cli("-C", str(root), "check")
    assert run.exit_code == 1
    assert f"{VENDOR_DIR}/vendor.yaml:7:5: error: unknown key 'layot'" in run.stderr
    assert "did you mean 'layout'?" in run.stderr
    assert f"{VENDOR_DIR}/vendor.yaml:9:20: error: 'imports.1.period_format' is 'MM-YY'" in (
        run.stderr
    )
    assert "unknown key 'valeu'" in run.stderr and "did you mean 'value'?" in run.stderr
    unnamed = project(tmp_path / "q", "imports:\n  - {layout: long}\n  - {layout: wide}\n")
    run = run_cli("-C", str(unnamed), "check")
    assert "with several import mappings, each needs a name for --mapping" in run.stderr


def test_a_mapping_naming_a_kpi_not_in_the_catalogue_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path / "p", "imports:\n  - kpis: {First-time fix: fcrr}\n")
    report = tmp_path / "r.csv"
    report.write_text("kpi,period,value\nFirst-time fix,2025-07,79\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert (
        f"{VENDOR_DIR}/vendor.yaml: error: the import mapping names 'First-time fix' KPI "
        "'fcrr', which is not in the catalogue" in run.stderr
    )
    assert "did you mean 'fcr'?" in run.stderr


def test_only_errors_in_what_an_import_reads_stop_it(tmp_path: Path) -> None:
    note = "---\ntitle: x\n---\nno date or kind\n"
    other = "name: Other\n"  # no function: an error in another vendor's profile
    root = project(
        tmp_path / "p",
        files={
            f"{VENDOR_DIR}/notes/broken.md": note,
            "content/vendors/acme-two/vendor.yaml": other,
        },
    )
    report = tmp_path / "r.csv"
    report.write_text("kpi,period,value\nfcr,2025-07,79\n")
    assert run_import(root, str(report), "--vendor", "acme").exit_code == 0
    (root / f"{VENDOR_DIR}/measurements/2025.csv").write_text("kpi,period,value\nfcr,2025-13,1\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert f"{VENDOR_DIR}/measurements/2025.csv:2:" in run.stderr
