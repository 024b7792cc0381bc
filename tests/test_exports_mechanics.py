"""Exports of the contract mechanics (SCORING.md sections 1a-1c, 7a, 7b), through a real build
of the minimal project: an excluded and a restated row in scorecard.json and
measurements.csv, the earn-back ledger of worked example 5, the default of worked example 9
and the stepped target of worked example 6."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, SITE

Make = Callable[..., Path]
SITE_FILE = "content/site.yaml"
CONTRACT_FILE = "content/vendors/acme/contracts/voice.yaml"
CSV_FILE = "content/vendors/acme/measurements/2025.csv"
YAML_FILE = "content/vendors/acme/measurements/extra.yaml"
CSAT_Q2 = "- kpi: csat\n  period: 2025-Q2\n  value: 86\n"


def as_of(day: str) -> str:
    return SITE.replace("as_of: 2025-06-30", f"as_of: {day}")


def build(root: Path, out: Path) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Build the project; return acme's scorecard.json and its measurements.csv rows."""
    result = run_cli("-C", str(root), "build", "-o", str(out), "--no-cache")
    assert result.exit_code == 0, result.output
    folder = out / "vendors" / "acme"
    data = json.loads((folder / "scorecard.json").read_text(encoding="utf-8"))
    text = (folder / "measurements.csv").read_text(encoding="utf-8-sig")
    return data, list(csv.DictReader(io.StringIO(text)))


def row(rows: list[dict[str, Any]], kpi: str, period: str) -> dict[str, Any]:
    (found,) = [r for r in rows if r["kpi"] == kpi and r["period"] == period]
    return found


def level(data: dict[str, Any], kpi: str) -> dict[str, Any]:
    (found,) = [s for s in data["service_levels"] if s["kpi"] == kpi]
    return found


# -- 1a, 1b: an excluded and a restated row ---------------------------------------------------

# fcr (E 75, M 65, credit_allocation 40): April 40 would be a breach earning 10000 × 40% = 4000,
# but a storm excused it; May was first reported as 64 (a breach) and restated to 70.
EXCLUDED_AND_RESTATED = """\
kpi,period,value,note,excluded,reason,restated_value,restated_on,restated_reason
fcr,2025-04,40,,true,Storm: force majeure,,,
fcr,2025-05,70,,,,64,2025-06-12,Vendor recount
fcr,2025-06,80,,,,,,
asa,2025-04,25,,,,,,
asa,2025-05,25,,,,,,
asa,2025-06,25,,,,,,
abandon,2025-04,4,,,,,,
abandon,2025-05,4,,,,,,
abandon,2025-06,4,,,,,,
qa,2025-04,91,,,,,,
qa,2025-05,91,,,,,,
qa,2025-06,91,,,,,,
"""


def test_an_excluded_and_a_restated_row_in_both_exports(make_project: Make, tmp_path: Path) -> None:
    root = make_project({CSV_FILE: EXCLUDED_AND_RESTATED, YAML_FILE: CSAT_Q2})
    data, rows = build(root, tmp_path / "out")
    measurements = data["measurements"]
    assert row(measurements, "fcr", "2025-04") == {
        "contract": "voice",
        "kpi": "fcr",
        "period": "2025-04",
        "value": 40.0,  # shown as reported
        "expected": 75.0,
        "minimum": 65.0,
        "status": "excluded",
        "score": None,  # not scored
        "missing": False,
        "reason": "Storm: force majeure",
        "restated_from": None,
        "restated_on": None,
        "restated_reason": None,
    }
    # scored at the agreed 70: 50 + 50 × (70 − 65) / (75 − 65) = 75.0 (64 would be 45.0)
    assert row(measurements, "fcr", "2025-05") == {
        "contract": "voice",
        "kpi": "fcr",
        "period": "2025-05",
        "value": 70.0,
        "expected": 75.0,
        "minimum": 65.0,
        "status": "at-risk",
        "score": 75.0,
        "missing": False,
        "reason": None,
        "restated_from": 64.0,
        "restated_on": "2025-06-12",
        "restated_reason": "Vendor recount",
    }
    # the excluded breach earns nothing and is neither missed nor breached; April is not
    # expected, so fcr's Q2 coverage is May and June: 2/2
    assert data["credits"] == [] and data["credit_totals"] == []
    fcr = level(data, "fcr")
    assert (fcr["missed_12m"], fcr["breached_12m"], fcr["missing_12m"]) == (1, 0, [])
    (q2,) = data["quarters"]
    sl = {s["kpi"]: s for s in q2["contracts"][0]["service_levels"]}["fcr"]
    assert (sl["score"], sl["coverage"], sl["missing"]) == (87.5, 100.0, [])  # (75 + 100) / 2

    assert list(rows[0])[-4:] == ["reason", "restated_from", "restated_on", "restated_reason"]
    april, may = row(rows, "fcr", "2025-04"), row(rows, "fcr", "2025-05")
    assert (april["value"], april["status"], april["score"]) == ("40.0", "excluded", "")
    assert (april["reason"], april["restated_from"]) == ("Storm: force majeure", "")
    assert (may["value"], may["status"], may["score"]) == ("70.0", "at-risk", "75.0")
    assert (may["restated_from"], may["restated_on"], may["restated_reason"]) == (
        "64.0",
        "2025-06-12",
        "Vendor recount",
    )
    assert all(r["reason"] == "" for r in rows if r is not april)
    assert [r["restated_from"] != "" for r in rows].count(True) == 1


# -- 7a: earn-back, worked example 5 ----------------------------------------------------------

EARN_BACK_CONTRACT = CONTRACT.replace(
    "at_risk_percent: 10\n", "at_risk_percent: 10\nearn_back_periods: 2\n"
).replace("credit_allocation: 40", "credit_allocation: 50")
# at-risk 100000 × 10% = 10000; fcr (allocation 50) earns 5000 for each breach (below 65):
# April breached, May and June met; July breached, August met, September at risk (70);
# October met, November breached with as_of 30 November.
EARN_BACK_CSV = """\
kpi,period,value,note
fcr,2025-04,60,
fcr,2025-05,80,
fcr,2025-06,80,
fcr,2025-07,60,
fcr,2025-08,80,
fcr,2025-09,70,
fcr,2025-10,80,
fcr,2025-11,60,
"""


def test_earn_back_states_of_worked_example_5(make_project: Make, tmp_path: Path) -> None:
    root = make_project(
        {
            SITE_FILE: as_of("2025-11-30"),
            CONTRACT_FILE: EARN_BACK_CONTRACT,
            CSV_FILE: EARN_BACK_CSV,
            YAML_FILE: CSAT_Q2,
        }
    )
    data, _ = build(root, tmp_path / "out")
    credits = data["credits"]
    assert [(c["period"], c["earned"], c["amount"], c["currency"]) for c in credits] == [
        ("2025-04", 5000.0, 5000.0, "GBP"),
        ("2025-07", 5000.0, 5000.0, "GBP"),
        ("2025-11", 5000.0, 5000.0, "GBP"),
    ]
    lines = [line for c in credits for line in c["service_levels"]]
    assert [(x["period"], x["state"], x["following"], x["state_reason"]) for x in lines] == [
        (
            "2025-04",
            "waived",
            ["2025-05", "2025-06"],
            "met in 2025-05, 2025-06: earned back, waived",
        ),
        ("2025-07", "payable", ["2025-08", "2025-09"], "2025-09 was at-risk: payable"),
        (
            "2025-11",
            "pending",
            ["2025-12", "2026-01"],
            "waiting for 2025-12, 2026-01: pending",
        ),
    ]
    assert [(x["kpi"], x["allocation"], x["before_cap"], x["earned"]) for x in lines] == [
        ("fcr", 50.0, 5000.0, 5000.0)
    ] * 3
    # each month's totals by state
    assert [(c["waived"], c["payable"], c["pending"]) for c in credits] == [
        (5000.0, 0.0, 0.0),
        (0.0, 5000.0, 0.0),
        (0.0, 0.0, 5000.0),
    ]
    (total,) = data["credit_totals"]
    assert total == {
        "currency": "GBP",
        "earned": 15000.0,
        "waived": 5000.0,
        "pending": 5000.0,
        "payable": 5000.0,
        "earned_12m": 15000.0,
        "payable_12m": 5000.0,
    }
    # waived + payable + pending = earned, in the totals and in each month
    assert total["waived"] + total["payable"] + total["pending"] == total["earned"]
    for c in credits:
        assert c["waived"] + c["payable"] + c["pending"] == c["earned"]
        assert math.fsum(x["amount"] for x in c["service_levels"]) == c["amount"]


# -- 7: a capped month shares the cap (worked example 4) -------------------------------------

CAPPED_CONTRACT = CONTRACT.replace(
    "    weight: 20\n    owner: Ana Ops\n  - kpi: csat",
    "    weight: 20\n    owner: Ana Ops\n    credit_allocation: 80\n  - kpi: csat",
)


def test_a_capped_month_shares_the_cap_and_its_lines_add_up(
    make_project: Make, tmp_path: Path
) -> None:
    # fcr (40) and asa (80) both breached in June: 4000 + 8000 = 12000, capped to 10000,
    # shared as fcr 3333.333333 and asa 6666.666667
    measurements = "kpi,period,value,note\nfcr,2025-06,60,\nasa,2025-06,45,\n"
    root = make_project({CONTRACT_FILE: CAPPED_CONTRACT, CSV_FILE: measurements, YAML_FILE: None})
    data, _ = build(root, tmp_path / "out")
    (june,) = data["credits"]
    assert (june["period"], june["capped"], june["before_cap"], june["cap"]) == (
        "2025-06",
        True,
        12000.0,
        10000.0,
    )
    assert (june["earned"], june["amount"], june["payable"]) == (10000.0, 10000.0, 10000.0)
    assert [(x["kpi"], x["before_cap"], x["earned"]) for x in june["service_levels"]] == [
        ("asa", 8000.0, 6666.666667),
        ("fcr", 4000.0, 3333.333333),
    ]
    assert sum(x["amount"] for x in june["service_levels"]) == june["amount"]
    assert data["credit_totals"][0]["earned"] == 10000.0


# -- 7b: default, worked example 9 -------------------------------------------------------------

DEFAULT_CONTRACT = CONTRACT.replace(
    "at_risk_percent: 10\n", "at_risk_percent: 10\ndefault_after: 3\n"
).replace(
    "    weight: 20\n    owner: Ana Ops\n  - kpi: csat",
    "    weight: 20\n    owner: Ana Ops\n    credit_allocation: 20\n  - kpi: csat",
)
# fcr (critical, M 65) breached May, June and July: in default from July. asa (critical, lower,
# M 40) breached May and June, met July, breached August: no default.
DEFAULT_CSV = """\
kpi,period,value,note
fcr,2025-05,60,
fcr,2025-06,60,
fcr,2025-07,60,
fcr,2025-08,80,
asa,2025-05,45,
asa,2025-06,45,
asa,2025-07,25,
asa,2025-08,45,
"""


def test_default_of_worked_example_9(make_project: Make, tmp_path: Path) -> None:
    root = make_project(
        {
            SITE_FILE: as_of("2025-08-31"),
            CONTRACT_FILE: DEFAULT_CONTRACT,
            CSV_FILE: DEFAULT_CSV,
            YAML_FILE: None,
        }
    )
    data, _ = build(root, tmp_path / "out")
    looks = {
        s["kpi"]: (s["critical"], s["default"], s["default_since"]) for s in data["service_levels"]
    }
    assert looks == {
        "fcr": (True, True, "2025-07"),
        "asa": (True, False, None),
        "csat": (False, False, None),
        "abandon": (False, False, None),
        "qa": (False, False, None),
    }
    assert [(c["id"], c["default"]) for c in data["contracts"]] == [("voice", True)]


# -- 1c: a stepped target, worked example 6 ---------------------------------------------------

STEPPED_CONTRACT = CONTRACT.replace(
    "    credit_allocation: 40\n",
    "    credit_allocation: 40\n"
    "    steps:\n"
    "      - {from: 2026-01, expected: 78, minimum: 68}\n"
    "      - {from: 2026-07, expected: 80, minimum: 70}\n",
)


def test_levels_in_force_steps_and_the_next_step(make_project: Make, tmp_path: Path) -> None:
    measurements = "kpi,period,value,note\nfcr,2025-12,76,\nfcr,2026-01,76,\n"
    root = make_project(
        {
            SITE_FILE: as_of("2026-01-31"),
            CONTRACT_FILE: STEPPED_CONTRACT,
            CSV_FILE: measurements,
            YAML_FILE: None,
        }
    )
    data, rows = build(root, tmp_path / "out")
    # 76 in 2025-12 against 75/65: met, 100; in 2026-01 against 78/68: 50 + 50 × 8 / 10 = 90.0
    picked = [
        (x["period"], x["expected"], x["minimum"], x["status"], x["score"])
        for x in data["measurements"]
        if x["kpi"] == "fcr"
    ]
    assert picked == [
        ("2025-12", 75.0, 65.0, "met", 100.0),
        ("2026-01", 78.0, 68.0, "at-risk", 90.0),
    ]
    fcr_rows = [r for r in rows if r["kpi"] == "fcr"]
    assert [(r["period"], r["expected"], r["minimum"], r["score"]) for r in fcr_rows] == [
        ("2025-12", "75.0", "65.0", "100.0"),
        ("2026-01", "78.0", "68.0", "90.0"),
    ]
    fcr = level(data, "fcr")
    assert (fcr["expected"], fcr["minimum"]) == (78.0, 68.0)  # in force in as_of's month
    assert fcr["steps"] == [
        {"from": "2026-01", "expected": 78.0, "minimum": 68.0},
        {"from": "2026-07", "expected": 80.0, "minimum": 70.0},
    ]
    assert fcr["next_step"] == {"from": "2026-07", "expected": 80.0, "minimum": 70.0}
    assert level(data, "asa")["steps"] == [] and level(data, "asa")["next_step"] is None


def test_a_yaml_restatement_written_as_documented(make_project: Make, tmp_path: Path) -> None:
    restated = CSAT_Q2 + "  restated: {value: 80, on: 2025-07-02, reason: Survey recount}\n"
    data, _ = build(make_project({YAML_FILE: restated}), tmp_path / "out")
    csat = row(data["measurements"], "csat", "2025-Q2")
    assert (csat["value"], csat["restated_from"], csat["restated_on"]) == (86.0, 80.0, "2025-07-02")
