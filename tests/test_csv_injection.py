"""measurements.csv is safe to open in a spreadsheet: no text cell (the KPI's name and unit
included) runs as a formula (OWASP "CSV injection"), and numbers, negative ones too, stay
numbers. The file starts with a UTF-8 BOM, so it is read back with ``utf-8-sig``."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from scorecardgen.exports import csv_text, measurements_csv
from tests.conftest import run_cli
from tests.minimal_project import project_files
from tests.scoring_factories import card, contract, kpi, level, m, project, vendor

HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(text: str) -> None:
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", ["", "fine", "a=b", "3 - 2", "'quoted", "2025-Q1"])
def test_other_text_is_left_alone(text: str) -> None:
    assert csv_text(text) == text


def _rows(notes: list[str], values: list[float]) -> list[list[str]]:
    measurements = [
        m("fcr", f"2025-0{i + 1}", v, note=n)
        for i, (v, n) in enumerate(zip(values, notes, strict=True))
    ]
    acme = vendor(
        "acme", contracts=[contract("main", [level("fcr", 75, 65)])], measurements=measurements
    )
    text = measurements_csv(card(project(acme, as_of=date(2025, 12, 31))))
    return list(csv.reader(io.StringIO(text.encode().decode("utf-8-sig"))))[1:]


def test_hostile_notes_are_neutralised_and_negative_values_stay_numbers() -> None:
    values = [-3.5, -1.0, 0.0, 12.25, -0.5, 7.0]
    rows = _rows(HOSTILE, values)
    reported, missing = rows[:6], rows[6:]
    # the model strips surrounding whitespace ("\t=1" is "=1"): either way, a quote in front
    assert [r[10] for r in reported] == ["'" + t.strip() for t in HOSTILE]
    assert [float(r[5]) for r in reported] == values  # a number cell parses as the number
    assert rows[0][5] == "-3.5"  # no quote in front of a number
    # July to December are expected by as_of 31 December: missing rows, empty value and note
    assert [(r[4], r[5], r[8], r[10]) for r in missing] == [
        (f"2025-{month:02d}", "", "missing", "") for month in range(7, 13)
    ]


def test_a_hostile_kpi_name_and_unit_are_neutralised() -> None:
    hostile = kpi("fcr").model_copy(update={"name": "=cmd|' /C calc'!A0", "unit": "@SUM(A1)"})
    acme = vendor(
        "acme",
        contracts=[contract("main", [level("fcr", 75, 65)])],
        measurements=[m("fcr", "2025-01", 80, note="=cmd")],
    )
    text = measurements_csv(card(project(acme, kpis=[hostile], as_of=date(2025, 12, 31))))
    row, *missing = csv.DictReader(io.StringIO(text.encode().decode("utf-8-sig")))
    assert row["kpi_name"] == "'=cmd|' /C calc'!A0"
    assert row["unit"] == "'@SUM(A1)"
    assert row["note"] == "'=cmd"
    assert row["expected"] == "75.0" and row["minimum"] == "65.0"
    # the rows of the eleven missing months carry the KPI's name and unit, neutralised too
    assert len(missing) == 11
    assert {(r["kpi_name"], r["unit"], r["status"]) for r in missing} == {
        ("'=cmd|' /C calc'!A0", "'@SUM(A1)", "missing")
    }


def test_the_built_export_has_no_formula_cells(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    notes = ['"=HYPERLINK(""http://x"")"', "+1", "-2+3", "@SUM(A1)"]
    csv_file = "kpi,period,value,note\n" + "".join(
        f"fcr,2025-0{i + 1},{-3.5 if i == 0 else 70},{n}\n" for i, n in enumerate(notes)
    )
    # a negative value must stay a number: the % KPI gets a range that allows one
    kpi = project_files()["content/kpis/fcr.yaml"] + "range: {min: -100, max: 100}\n"
    root = make_project(
        {"content/vendors/acme/measurements/2025.csv": csv_file, "content/kpis/fcr.yaml": kpi}
    )
    out = tmp_path / "site"
    result = run_cli("-C", str(root), "build", "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    text = (out / "vendors/acme/measurements.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        for column in ("contract", "kpi", "kpi_name", "unit", "period", "status", "note"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row
    by_period = {r["period"]: r for r in rows if r["kpi"] == "fcr"}
    assert by_period["2025-01"]["value"] == "-3.5"
    assert by_period["2025-01"]["note"] == '\'=HYPERLINK("http://x")'
    assert by_period["2025-03"]["note"] == "'-2+3"
