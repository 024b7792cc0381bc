"""`scorecardgen import` of .xlsx reports, written with openpyxl as a vendor's Excel would:
the wide layout (one column per month) through a mapping, and the long layout guessed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.import_project import (
    MEASUREMENTS,
    check_strict,
    project,
    rows_of,
    run_import,
    short,
    xlsx,
)

WIDE_MAPPING = """\
imports:
  - name: monthly-sla
    sheet: SLA
    layout: wide
    columns: {kpi: Metric}
    ignore: [Calls offered]
"""


def _wide_report(path: Path) -> Path:
    # a title, a blank row, then the header: Excel date cells shown as Jul-25 and July 2025,
    # a text month, a Target column that is not a period, and an empty column at the end
    return xlsx(
        path,
        {
            "Cover": [["Acme Support: monthly service report"]],
            "SLA": [
                ["Acme Support: SLA performance"],
                [],
                [
                    "Metric",
                    "Target",
                    dt.datetime(2025, 7, 1),
                    dt.datetime(2025, 8, 1),
                    "Sep-25",
                    None,
                ],
                ["First Contact Resolution", 0.75, 0.785, 0.801, None],
                ["Average speed of answer", 28, 31.2, 29, "27.5"],
                ["Abandonment rate", "5%", "4.5%", "4.75%", "-"],
                ["Calls offered", None, 12000, 13500, 12900],
                [],
                ["* September figures provisional"],
            ],
        },
        {
            "SLA!C3": "mmm-yy",
            "SLA!D3": "mmmm yyyy",
            "SLA!B4": "0%",
            "SLA!C4": "0.0%",
            "SLA!D4": "0.0%",
        },
    )


def test_wide_xlsx_through_a_mapping_writes_one_row_per_kpi_and_month(tmp_path: Path) -> None:
    root = project(tmp_path / "p", WIDE_MAPPING)
    report = _wide_report(tmp_path / "acme-sla-2025-09.xlsx")
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    written = root / MEASUREMENTS / "import-2025-07-to-2025-09.csv"
    assert short(rows_of(written)) == [
        ("fcr", "2025-07", "78.5", "voice"),  # a percent cell holds 0.785
        ("fcr", "2025-08", "80.1", "voice"),
        ("asa", "2025-07", "31.2", "voice"),
        ("asa", "2025-08", "29", "voice"),
        ("asa", "2025-09", "27.5", "voice"),
        ("abandon", "2025-07", "4.5", "voice"),  # '4.5%' on a % KPI
        ("abandon", "2025-08", "4.75", "voice"),
    ]
    header = "kpi,period,value,contract,note,excluded,reason,restated_value,restated_on,"
    assert written.read_text().startswith(header + "restated_reason\n")
    out = run.stdout
    assert "read " + str(report) + "[SLA]: wide layout, header on row 3" in out
    assert "3 period columns (Jul 2025 to Sep 2025)" in out
    assert "columns not read: Target" in out
    assert "added: 7 rows for 2025-07, 2025-08, 2025-09" in out
    assert "3 ignored by the mapping ('Calls offered')" in out
    assert "2 no value" in out  # fcr in September is blank, abandon's is '-'
    assert (
        "1 a row with no values (a title, a footnote, or a KPI not reported): "
        + report.name
        + " SLA row 9"
        in out
    )
    assert "with mapping 'monthly-sla'" in out
    assert check_strict(root).exit_code == 0, check_strict(root).output


def test_long_xlsx_without_a_mapping_is_guessed_and_says_so(tmp_path: Path) -> None:
    kpi = tmp_path / "p" / "content/kpis/fcr.yaml"
    root = project(tmp_path / "p")
    kpi.write_text(kpi.read_text() + "aliases: [FCR %]\n")
    report = xlsx(
        tmp_path / "report.xlsx",
        {
            "Data": [
                ["KPI", "Month", "Actual", "Comment"],
                ["fcr", "Jul-25", 0.79, "after coaching"],  # by id
                ["Average Speed of Answer", "July 2025", 31, None],  # by name, any case
                ["FCR %", dt.datetime(2025, 8, 31), "81%", None],  # by alias; a date cell
                ["abandonment rate", "08/2025", 4.2, None],
                ["Customer satisfaction", "2025 Q3", 88, None],  # a quarterly KPI
                ["Quality score", "Q3 2025", None, None],
                [None, None, None, None],
                ["qa", "2025-09-30", 90, None],
            ]
        },
        {"Data!C2": "0%"},
    )
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    written = root / MEASUREMENTS / "import-2025-07-to-2025-09.csv"
    assert short(rows_of(written), "kpi", "period", "value", "note") == [
        ("fcr", "2025-07", "79", "after coaching"),
        ("asa", "2025-07", "31", ""),
        ("fcr", "2025-08", "81", ""),
        ("abandon", "2025-08", "4.2", ""),
        ("csat", "2025-Q3", "88", ""),
        ("qa", "2025-09", "90", ""),
    ]
    assert "guessed: the long layout; the header row (1)" in run.stdout
    assert "to stop guessing, declare these in a mapping under imports:" in run.stdout
    assert "1 no value" in run.stdout  # the quality score with no value
    assert check_strict(root).exit_code == 0


def test_a_mapping_reads_fractions_and_a_named_sheet_with_its_header_row(tmp_path: Path) -> None:
    mapping = """\
imports:
  - name: quarterly
    sheet: kpis
    header_row: 2
    columns: {kpi: Measure, period: Reporting month, value: Result, note: Remarks}
    percent: fraction
    kpis: {First-time fix: fcr}
"""
    root = project(tmp_path / "p", mapping)
    report = xlsx(
        tmp_path / "r.xlsx",
        {
            "Other": [["nothing here"]],
            "KPIs": [
                ["Measure", "Reporting month", "Result", "Remarks"],  # a title row of names
                ["Measure", "Reporting month", "Result", "Remarks"],
                ["First-time fix", "2025-07", 0.785, "new script"],
                ["Abandonment rate", "2025-07", "4.5%", None],  # a % sign: points already
                ["Average speed of answer", "2025-07", 31, None],  # not a % KPI: as it is
            ],
        },
    )
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert short(rows_of(root / MEASUREMENTS / "import-2025-07.csv"), "kpi", "value", "note") == [
        ("fcr", "78.5", "new script"),
        ("abandon", "4.5", ""),
        ("asa", "31", ""),
    ]
    assert "guessed: the long layout\n" in run.stdout  # only the layout: the rest is declared


def test_a_wide_report_with_quarter_columns_feeds_quarterly_kpis_and_skips_the_rest(
    tmp_path: Path,
) -> None:
    root = project(tmp_path / "p")
    report = xlsx(
        tmp_path / "q3.xlsx",
        {
            "SLA": [
                ["KPI", "Jul 2025", "Aug 2025", "Sep 2025", "Q3 2025"],
                ["fcr", 79, 80, 81, 80],  # Q3: a total of a monthly KPI
                ["csat", None, None, None, 88],  # a quarterly KPI
            ]
        },
    )
    run = run_import(root, str(report), "--vendor", "acme")
    assert run.exit_code == 0, run.output
    assert short(rows_of(root / MEASUREMENTS / "import-2025-07-to-2025-09.csv")) == [
        ("fcr", "2025-07", "79", "voice"),
        ("fcr", "2025-08", "80", "voice"),
        ("fcr", "2025-09", "81", "voice"),
        ("csat", "2025-Q3", "88", "voice"),
    ]
    assert "1 a quarter's column for 'fcr', measured per month: q3.xlsx SLA!E2" in run.stdout
    assert "3 no value (a blank cell, '-' or 'n/a'): q3.xlsx SLA!B3, q3.xlsx SLA!C3" in run.stdout
    assert check_strict(root).exit_code == 0
