"""Exports under SCORING.md's second edition: a missing monthly report is a row and lowers
coverage (section 3), the headline is the latest closed quarter with the quarter in progress
beside it "to date" (section 5, worked example 7), and a vendor whose contracts differ in
status says so in its headline."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from scorecardgen.exports import measurements_csv, scorecard_json, scorecards_json
from scorecardgen.scoring import score_project
from tests.conftest import run_cli
from tests.minimal_project import SITE
from tests.scoring_factories import card, contract, level, m, project, vendor

Make = Callable[..., Path]
CSV_FILE = "content/vendors/acme/measurements/2025.csv"
YAML_FILE = "content/vendors/acme/measurements/extra.yaml"

# Every monthly service level of the minimal project reports April to June 2025, except fcr,
# which never sent May; csat (quarterly) reports Q2.
Q2_WITHOUT_FCR_MAY = """\
kpi,period,value,note
fcr,2025-04,80,
fcr,2025-06,60,
asa,2025-04,25,
asa,2025-05,34,
asa,2025-06,28,
abandon,2025-04,4.5,
abandon,2025-05,5,
abandon,2025-06,4,
qa,2025-04,91,
qa,2025-05,92,
qa,2025-06,90,
"""
CSAT_Q2 = "- kpi: csat\n  period: 2025-Q2\n  value: 86\n"
# a row neither excluded nor restated (SCORING.md 1a, 1b)
NOT_RESTATED = {"reason": None, "restated_from": None, "restated_on": None, "restated_reason": None}


def build(root: Path, out: Path) -> tuple[dict[str, Any], list[dict[str, str]], list[Any]]:
    """Build the project; return acme's scorecard.json, measurements.csv rows, scorecards.json."""
    result = run_cli("-C", str(root), "build", "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    folder = out / "vendors" / "acme"
    data = json.loads((folder / "scorecard.json").read_text(encoding="utf-8"))
    raw = (folder / "measurements.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for non-ASCII names
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    headlines = json.loads((out / "scorecards.json").read_text(encoding="utf-8"))
    return data, rows, headlines


def test_a_skipped_month_lowers_coverage_and_is_a_row_in_both_exports(
    make_project: Make, tmp_path: Path
) -> None:
    root = make_project({CSV_FILE: Q2_WITHOUT_FCR_MAY, YAML_FILE: CSAT_Q2})
    data, rows, headlines = build(root, tmp_path / "out")
    # fcr (60 -> 25, April 100) 62.5, asa (100 + 75 + 100) / 3, the rest 100:
    # (30 × 62.5 + 20 × 91.666667 + 20 × 100 + 15 × 100 + 15 × 100) / 100 = 87.083333;
    # coverage (30 × 2/3 + 20 × 3/3 + 20 × 1/1 + 15 × 3/3 + 15 × 3/3) / 100 × 100 = 90.0
    headline = data["headline"]
    assert (headline["period"], headline["score"], headline["coverage"]) == (
        "2025-Q2",
        87.083333,
        90.0,
    )
    assert headline["status"] == "green" and headline["in_progress"] is False
    assert headlines[0]["headline"] == headline  # the root file says the same
    (q2,) = data["quarters"]
    levels = {sl["kpi"]: sl for sl in q2["contracts"][0]["service_levels"]}
    assert (levels["fcr"]["coverage"], levels["fcr"]["missing"]) == (66.666667, ["2025-05"])
    assert all(sl["missing"] == [] for kpi, sl in levels.items() if kpi != "fcr")
    assert [x for x in data["measurements"] if x["kpi"] == "fcr" and x["period"] == "2025-05"] == [
        {
            "contract": "voice",
            "kpi": "fcr",
            "period": "2025-05",
            "value": None,
            "expected": 75.0,
            "minimum": 65.0,
            "status": "missing",
            "score": None,
            "missing": True,
            **NOT_RESTATED,
        }
    ]
    assert sum(x["missing"] for x in data["measurements"]) == 1
    assert {s["kpi"]: s["missing_12m"] for s in data["service_levels"]} == {
        "fcr": ["2025-05"],
        "asa": [],
        "csat": [],
        "abandon": [],
        "qa": [],
    }
    # only fcr carries a credit_allocation in the minimal contract
    assert [s["kpi"] for s in data["service_levels"] if s["critical"]] == ["fcr"]
    (may,) = [r for r in rows if r["kpi"] == "fcr" and r["period"] == "2025-05"]
    assert may == {
        "contract": "voice",
        "kpi": "fcr",
        "kpi_name": "First contact resolution",
        "unit": "%",
        "period": "2025-05",
        "value": "",
        "expected": "75.0",
        "minimum": "65.0",
        "status": "missing",
        "score": "",
        "note": "",
        "reason": "",
        "restated_from": "",
        "restated_on": "",
        "restated_reason": "",
    }
    assert [r["status"] for r in rows].count("missing") == 1


def test_an_early_row_keeps_the_closed_quarter_as_the_headline(
    make_project: Make, tmp_path: Path
) -> None:
    # worked example 7: Q2 complete, one July row loaded early, as_of 31 July
    complete = Q2_WITHOUT_FCR_MAY.replace("fcr,2025-06,60,", "fcr,2025-05,70,\nfcr,2025-06,60,")
    root = make_project(
        {
            "content/site.yaml": SITE.replace("as_of: 2025-06-30", "as_of: 2025-07-31"),
            CSV_FILE: complete + "fcr,2025-07,80,\n",
            YAML_FILE: CSAT_Q2,
        }
    )
    data, rows, headlines = build(root, tmp_path / "out")
    headline = data["headline"]
    assert headline["period"] == "2025-Q2"
    assert headline["in_progress"] is False
    assert headline["coverage"] == 100.0
    # fcr (100 + 75 + 25) / 3 = 66.666667: (30 × 66.666667 + 20 × 91.666667 + 50 × 100) / 100
    assert headline["score"] == 88.333333
    # Q3 to date: fcr's July scores 100; asa, abandon and qa owe July (csat owes nothing yet),
    # so coverage is 30 / (30 + 20 + 15 + 15) × 100 = 37.5: insufficient data
    assert headline["to_date"] == {
        "period": "2025-Q3",
        "score": 100.0,
        "status": "insufficient-data",
        "coverage": 37.5,
        "months_to_date": 1,
    }
    assert headlines[0]["headline"]["period"] == "2025-Q2"
    assert headlines[0]["headline"]["to_date"]["months_to_date"] == 1
    quarters = {q["period"]: q for q in data["quarters"]}
    assert (quarters["2025-Q2"]["closed"], quarters["2025-Q2"]["months_to_date"]) == (True, 3)
    assert (quarters["2025-Q3"]["closed"], quarters["2025-Q3"]["months_to_date"]) == (False, 1)
    july = [r for r in rows if r["period"] == "2025-07"]
    assert sorted((r["kpi"], r["status"]) for r in july) == [
        ("abandon", "missing"),
        ("asa", "missing"),
        ("fcr", "met"),
        ("qa", "missing"),
    ]


def test_a_quarter_in_progress_is_the_headline_only_when_no_closed_quarter_has_data() -> None:
    acme = vendor(
        "acme",
        contracts=[contract("main", [level("fcr", 75, 65)])],
        measurements=[m("fcr", "2025-01", 80), m("fcr", "2025-02", 70)],
    )
    data = json.loads(scorecard_json(card(project(acme, as_of=date(2025, 2, 28)))))
    assert data["headline"]["period"] == "2025-Q1"
    assert data["headline"]["in_progress"] is True
    assert data["headline"]["months_to_date"] == 2
    assert data["headline"]["to_date"] is None  # the headline itself is the quarter to date
    assert [(q["closed"], q["months_to_date"]) for q in data["quarters"]] == [(False, 2)]


def test_missing_data_breached_rows_are_breaches_flagged_missing() -> None:
    held = contract(
        "main",
        [level("fcr", 75, 65, credit_allocation=50)],
        monthly_charge=100_000,
        at_risk_percent=10,
        currency="EUR",
    ).model_copy(update={"missing_data": "breached"})
    acme = vendor(
        "acme",
        contracts=[held],
        measurements=[m("fcr", "2025-01", 80), m("fcr", "2025-03", 80)],
    )
    scorecard = card(project(acme, as_of=date(2025, 3, 31)))
    data = json.loads(scorecard_json(scorecard))
    feb = data["measurements"][1]
    assert feb == {
        "contract": "main",
        "kpi": "fcr",
        "period": "2025-02",
        "value": None,
        "expected": 75.0,
        "minimum": 65.0,
        "status": "breached",
        "score": 0.0,
        "missing": True,
        **NOT_RESTATED,
    }
    assert [x["missing"] for x in data["measurements"]] == [False, True, False]
    # scored, so it counts as data: (100 + 0 + 100) / 3, coverage 100
    assert (data["headline"]["score"], data["headline"]["coverage"]) == (66.666667, 100.0)
    assert data["service_levels"][0]["missing_12m"] == ["2025-02"]  # still listed as missing
    (credit,) = data["credits"]
    assert {k: credit[k] for k in ("contract", "period", "amount", "currency", "capped")} == {
        "contract": "main",
        "period": "2025-02",
        "amount": 5000.0,
        "currency": "EUR",
        "capped": False,
    }
    assert [(x["kpi"], x["period"], x["state"]) for x in credit["service_levels"]] == [
        ("fcr", "2025-02", "payable")
    ]
    lines = measurements_csv(scorecard).removeprefix("\ufeff").splitlines()
    assert lines[2] == "main,fcr,FCR,%,2025-02,,75.0,65.0,breached,0.0,,,,,"


def test_a_vendor_whose_contracts_differ_names_the_mix() -> None:
    acme = vendor(
        "acme",
        contracts=[
            contract("east", [level("fcr", 75, 65)]),
            contract("west", [level("csat", 80, 70)]),
        ],
        measurements=[
            *(m("fcr", f"2025-0{i}", 80, contract_id="east") for i in (1, 2, 3)),
            *(m("csat", f"2025-0{i}", 74, contract_id="west") for i in (1, 2, 3)),
        ],
    )
    portfolio = score_project(project(acme, as_of=date(2025, 3, 31)))
    data = json.loads(scorecard_json(portfolio.vendors["acme"]))
    # east 100 (green), west 50 + 50 × 4 / 10 = 70 (amber); no annual values: (100 + 70) / 2
    assert (data["headline"]["score"], data["headline"]["status"]) == (85.0, "green")
    assert data["headline"]["contract_mix"] == {"total": 2, "counts": {"amber": 1}}
    (row,) = json.loads(scorecards_json(portfolio.vendors.values()))
    assert row["headline"]["contract_mix"] == {"total": 2, "counts": {"amber": 1}}


def test_contracts_of_one_status_give_no_mix() -> None:
    acme = vendor(
        "acme",
        contracts=[
            contract("east", [level("fcr", 75, 65)]),
            contract("west", [level("csat", 80, 70)]),
        ],
        measurements=[
            m("fcr", "2025-03", 80, contract_id="east"),
            m("csat", "2025-03", 90, contract_id="west"),
        ],
    )
    data = json.loads(scorecard_json(card(project(acme, as_of=date(2025, 3, 31)))))
    assert data["headline"]["status"] == "green"
    assert data["headline"]["contract_mix"] is None
