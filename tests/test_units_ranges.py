"""KPI units and ranges (issue 14): free unit labels, ranges, and a 1-5 score KPI end to end."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen import formatting as fmt
from scorecardgen.scoring import score_measurement
from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, KPI, MEASUREMENTS_CSV, MEASUREMENTS_YAML

Make = Callable[..., Path]
LOCATED = r"^{file}:{line}:\d+: error: .*{words}"
CSV_FILE = "content/vendors/acme/measurements/2025.csv"
YAML_FILE = "content/vendors/acme/measurements/extra.yaml"

# The quality score becomes a 1-5 survey rating; the contract asks 4.2 and accepts 3.8.
SURVEY_KPI = KPI.format(name="Survey rating", unit="score", direction="higher") + (
    "range: {min: 1, max: 5}\n"
)
SURVEY = {
    "content/kpis/qa.yaml": SURVEY_KPI,
    "content/vendors/acme/contracts/voice.yaml": CONTRACT.replace(
        "  - kpi: qa\n    expected: 90\n    minimum: 80",
        "  - kpi: qa\n    expected: 4.2\n    minimum: 3.8",
    ),
    CSV_FILE: MEASUREMENTS_CSV.replace("qa,2025-04,91,", "qa,2025-04,3.9,"),
}


def check(root: Path) -> tuple[int, str]:
    result = run_cli("-C", str(root), "check")
    return result.exit_code, result.output


def assert_located(output: str, file: str, line: int, words: str) -> None:
    pattern = LOCATED.format(file=re.escape(file), line=line, words=words)
    assert re.search(pattern, output, re.MULTILINE), output


def test_percent_104_in_csv_is_refused_at_its_line(make_project: Make) -> None:
    csv = MEASUREMENTS_CSV.replace("fcr,2025-05,70,", "fcr,2025-05,104,")
    code, output = check(make_project({CSV_FILE: csv}))
    assert code == 1
    assert_located(output, CSV_FILE, 3, "value 104 is outside the range of KPI 'fcr'")
    assert "default for %" in output


def test_percent_above_100_is_fine_with_an_explicit_range(make_project: Make) -> None:
    kpi = KPI.format(name="FCR", unit="%", direction="higher") + "range: {min: 0, max: 150}\n"
    csv = MEASUREMENTS_CSV.replace("fcr,2025-05,70,", "fcr,2025-05,104,")
    code, output = check(make_project({CSV_FILE: csv, "content/kpis/fcr.yaml": kpi}))
    assert code == 0, output


def test_out_of_range_yaml_value_is_located(make_project: Make) -> None:
    yaml = MEASUREMENTS_YAML.replace("value: 86", "value: -3")
    code, output = check(make_project({YAML_FILE: yaml}))
    assert code == 1
    assert_located(output, YAML_FILE, 3, "value -3 is outside the range of KPI 'csat'")


def test_one_to_five_kpi_refuses_6_2(make_project: Make) -> None:
    changes = dict(SURVEY)
    changes[CSV_FILE] = MEASUREMENTS_CSV.replace("qa,2025-04,91,", "qa,2025-04,6.2,")
    code, output = check(make_project(changes))
    assert code == 1
    assert_located(output, CSV_FILE, 7, "value 6.2 is outside the range of KPI 'qa'")
    assert "from 1 to 5" in output


def test_levels_outside_the_range_are_located(make_project: Make) -> None:
    changes = dict(SURVEY)
    changes["content/vendors/acme/contracts/voice.yaml"] = CONTRACT.replace(
        "  - kpi: qa\n    expected: 90\n    minimum: 80",
        "  - kpi: qa\n    expected: 4.2\n    minimum: 0.5",
    )
    code, output = check(make_project(changes))
    assert code == 1
    assert_located(
        output,
        "content/vendors/acme/contracts/voice.yaml",
        33,
        "minimum 0.5 is outside the range of KPI 'qa'",
    )


def test_range_min_must_be_below_max(make_project: Make) -> None:
    kpi = KPI.format(name="Survey", unit="score", direction="higher") + (
        "range: {min: 5, max: 1}\n"
    )
    code, output = check(make_project({"content/kpis/qa.yaml": kpi}))
    assert code == 1
    assert_located(output, "content/kpis/qa.yaml", 8, "range min 5 is not below max 1")


def test_a_unit_label_too_long_is_located(make_project: Make) -> None:
    kpi = KPI.format(name="Energy", unit="kilowatt-hours per m2", direction="lower")
    code, output = check(make_project({"content/kpis/asa.yaml": kpi}))
    assert code == 1
    assert_located(output, "content/kpis/asa.yaml", 2, "12")


@pytest.mark.parametrize(
    ("escaped", "words"),
    [
        ("kWh\\u0007", "U\\+0007"),  # refused by the reader for any text
        ("kWh\\u202e", "control or invisible character"),  # a bidi override: the unit's rule
    ],
)
def test_a_control_or_invisible_character_in_a_unit_is_located(
    make_project: Make, escaped: str, words: str
) -> None:
    kpi = KPI.format(name="Energy", unit=escaped, direction="lower")
    code, output = check(make_project({"content/kpis/asa.yaml": kpi}))
    assert code == 1
    assert_located(output, "content/kpis/asa.yaml", 2, words)


def test_known_units_read_as_before_and_labels_follow_the_value() -> None:
    assert fmt.number(75, "%") == "75.0%"
    assert fmt.number(28, "s") == "28 s"
    assert fmt.number(1, "days") == "1 day"
    assert fmt.number(4, "score") == "4.0"
    assert fmt.number(1.234, "ratio") == "1.23"
    assert fmt.number(1234, "count") == "1,234"
    assert fmt.number(4.2, "kWh/m²") == "4.2 kWh/m²"
    assert fmt.number(12, "kWh/m²") == "12 kWh/m²"
    assert fmt.number(None, "kWh/m²") == fmt.DASH


def test_a_free_label_appears_after_the_value_on_the_vendor_page(
    make_project: Make, tmp_path: Path
) -> None:
    kpi = KPI.format(name="Energy use", unit="kWh/m²", direction="lower")
    root = make_project({"content/kpis/asa.yaml": kpi})
    out = tmp_path / "out"
    result = run_cli("-C", str(root), "build", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "vendors" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "34 kWh/m²" in page  # the latest value
    assert "28 kWh/m²" in page  # expected


def test_one_to_five_kpi_scores_as_scoring_md_says(make_project: Make, tmp_path: Path) -> None:
    # SCORING.md section 2: 50 + 50 * (3.9 - 3.8) / (4.2 - 3.8) = 62.5, at risk.
    result = score_measurement(3.9, 4.2, 3.8, "higher")
    assert result.status == "at-risk"
    assert abs(result.score - 62.5) < 1e-9
    root = make_project(SURVEY)
    out = tmp_path / "out"
    built = run_cli("-C", str(root), "build", "-o", str(out))
    assert built.exit_code == 0, built.output
    card = json.loads((out / "vendors" / "acme" / "scorecard.json").read_text("utf-8"))
    rows = [m for m in card["measurements"] if m["kpi"] == "qa"]
    # only April was reported: May and June are expected by as_of 30 June, so missing
    assert [(m["period"], m["value"], m["status"]) for m in rows] == [
        ("2025-04", 3.9, "at-risk"),
        ("2025-05", None, "missing"),
        ("2025-06", None, "missing"),
    ]
    assert rows[0]["score"] == 62.5
    assert (rows[0]["expected"], rows[0]["minimum"]) == (4.2, 3.8)
    page = (out / "vendors" / "acme" / "index.html").read_text(encoding="utf-8")
    assert "3.9" in page and "4.2" in page
