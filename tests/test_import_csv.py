"""`scorecardgen import` of CSV reports in the dialects Excel writes: semicolons and decimal
commas, a byte order mark and CRLF line ends, tab-separated UTF-16 text."""

from __future__ import annotations

from pathlib import Path

from tests.import_project import (
    MEASUREMENTS,
    check,
    check_strict,
    project,
    rows_of,
    run_import,
    short,
)


def test_semicolons_decimal_commas_bom_and_crlf_are_guessed_and_said(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = tmp_path / "acme-juli.csv"
    text = (
        "KPI;Periode;Value;Note\r\n"
        "First contact resolution;Jul-25;78,5 %;nach Schulung\r\n"
        "Average speed of answer;07/2025;31,25;\r\n"
        "abandon;2025-07;4,5;\r\n"
        ";;;\r\n"
        "qa;2025-07;;\r\n"
    )
    report.write_bytes("\ufeff".encode() + text.replace("Periode", "Period").encode())
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    rows = rows_of(root / MEASUREMENTS / "import-2025-07.csv")
    assert short(rows, "kpi", "period", "value", "note") == [
        ("fcr", "2025-07", "78.5", "nach Schulung"),
        ("asa", "2025-07", "31.25", ""),
        ("abandon", "2025-07", "4.5", ""),
    ]
    guessed = "fields separated by semicolon; the long layout; the header row (1); decimal comma"
    assert f"guessed: {guessed}\n" in run.stdout
    assert "1 no value (a blank cell, '-' or 'n/a'): acme-juli.csv line 6" in run.stdout
    assert check_strict(root).exit_code == 0


def test_a_decimal_comma_mapping_reads_thousands_points(tmp_path: Path) -> None:
    mapping = 'imports:\n  - delimiter: ";"\n    decimal: ","\n    thousands: "."\n'
    root = project(tmp_path / "p", mapping)
    report = tmp_path / "eu.csv"
    report.write_text(
        "kpi;period;value\nasa;2025-07;1.234,5\nabandon;2025-07;13,1\nqa;2025-07;90\n",
        encoding="utf-8",
    )
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert short(rows_of(root / MEASUREMENTS / "import-2025-07.csv"), "kpi", "value") == [
        ("asa", "1234.5"),
        ("abandon", "13.1"),
        ("qa", "90"),
    ]
    # declared, so not guessed: the delimiter and the decimal mark
    assert "separated by" not in run.stdout and "decimal comma" not in run.stdout


def test_thousands_separators_with_a_decimal_point(tmp_path: Path) -> None:
    kpi = "name: Contacts handled\nunit: count\ndirection: higher\n"
    root = project(tmp_path / "p", files={"content/kpis/contacts.yaml": kpi})
    contract = root / "content/vendors/acme/contracts/voice.yaml"
    contract.write_text(
        contract.read_text()
        .replace(
            "service_levels:\n",
            "service_levels:\n  - {kpi: contacts, expected: 1000, minimum: 800, weight: 1}\n",
        )
        .replace("    weight: 15\n    owner: Cy QA", "    weight: 14\n    owner: Cy QA")
    )
    report = tmp_path / "r.csv"
    report.write_text('kpi,period,value\ncontacts,2025-07,"12,500"\ncontacts,2025-08,"1 200.5"\n')
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    rows = rows_of(root / MEASUREMENTS / "import-2025-07-to-2025-08.csv")
    assert short(rows, "kpi", "period", "value") == [
        ("contacts", "2025-07", "12500"),
        ("contacts", "2025-08", "1200.5"),
    ]
    assert check(root).exit_code == 0, check(root).output  # warnings: no April to June


def test_excel_unicode_text_tab_separated_utf16(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = tmp_path / "unicode.txt"
    report.write_bytes("KPI\tMonth\tValue\r\nfcr\tJuly 2025\t79\r\n".encode("utf-16"))
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert short(rows_of(root / MEASUREMENTS / "import-2025-07.csv"), "kpi", "value") == [
        ("fcr", "79")
    ]
    assert "encoding UTF-16 (Excel's Unicode text); fields separated by tab" in run.stdout


def test_excels_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    report = tmp_path / "sep.csv"
    report.write_text("sep=;\nKPI;Month;Value\nfcr;2025-07;79,5\nfcr;2025-08;x\n")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 1
    assert f"{report}:4:3: error: 'x' is not a number" in run.stderr  # lines keep their numbers
    report.write_text(report.read_text().replace(";x", ";80"))
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert "separated by" not in run.stdout
    assert short(rows_of(root / MEASUREMENTS / "import-2025-07-to-2025-08.csv"), "value") == [
        ("79.5",),
        ("80",),
    ]
