"""scorecard.json, measurements.csv and scorecards.json (SPEC.md): shape, nulls, determinism.

The sample vendor reports fcr in 2024-12, 2025-01 and 2025-02 with an empty 2025-03, and csat
only in 2025-03: under SCORING.md section 3 (second edition) the empty and absent expected
months are ``missing`` rows and lower coverage."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from scorecardgen.exports import measurements_csv, scorecard_json, scorecards_json
from scorecardgen.model import Project
from scorecardgen.scoring import score_project
from tests.scoring_factories import action, card, contract, level, m, project, vendor


def sample() -> Project:
    levels = [
        level("fcr", 75, 65, 60, credit_allocation=40),
        level("csat", 80, 70, 40, credit_allocation=80, owner=None),
    ]
    main = contract(
        "main",
        levels,
        monthly_charge=100_000,
        at_risk_percent=10,
        currency="GBP",
        end=date(2025, 9, 30),
    )
    acme = vendor(
        "acme",
        name="Acmé Support",
        contracts=[main],
        measurements=[
            m("fcr", "2025-01", 80),
            m("fcr", "2025-02", 70, note='a, "b"'),
            m("csat", "2025-03", 60),
            m("fcr", "2025-03", None),
            m("fcr", "2024-12", 50),
        ],
        notes=[action("fix-queue", date(2025, 3, 1))],
        certifications=[("ISO 27001", date(2025, 5, 1))],
    )
    beta = vendor("beta", contracts=[contract("main", [level("fcr", 75, 65)])])
    return project(beta, acme, as_of=date(2025, 3, 31))


def doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(scorecard_json(card(sample())))
    return data


def test_scorecard_json_has_exactly_the_documented_keys_in_order() -> None:
    data = doc()
    assert list(data) == [
        "vendor",
        "as_of",
        "source",
        "headline",
        "quarters",
        "measurements",
        "service_levels",
        "credits",
        "credit_totals",
        "contracts",
        "certifications",
        "actions",
    ]
    assert list(data["vendor"]) == ["id", "name"]
    assert list(data["headline"]) == [
        "period",
        "score",
        "status",
        "trend",
        "coverage",
        "in_progress",
        "months_to_date",
        "to_date",
        "contract_mix",
    ]
    quarter = data["quarters"][0]
    assert list(quarter) == [
        "period",
        "score",
        "status",
        "coverage",
        "closed",
        "months_to_date",
        "contracts",
    ]
    assert list(quarter["contracts"][0]) == ["id", "score", "coverage", "service_levels"]
    assert list(quarter["contracts"][0]["service_levels"][0]) == [
        "kpi",
        "weight",
        "score",
        "coverage",
        "missing",
    ]
    assert list(data["measurements"][0]) == [
        "contract",
        "kpi",
        "period",
        "value",
        "expected",
        "minimum",
        "status",
        "score",
        "missing",
        "reason",
        "restated_from",
        "restated_on",
        "restated_reason",
    ]
    assert list(data["service_levels"][0]) == [
        "contract",
        "kpi",
        "expected",
        "minimum",
        "weight",
        "owner",
        "window",
        "critical",
        "missed_12m",
        "breached_12m",
        "persistent_failure",
        "missing_12m",
        "steps",
        "next_step",
        "default",
        "default_since",
    ]
    assert list(data["credits"][0]) == [
        "contract",
        "period",
        "amount",
        "currency",
        "capped",
        "earned",
        "before_cap",
        "cap",
        "payable",
        "waived",
        "pending",
        "service_levels",
    ]
    assert list(data["credits"][0]["service_levels"][0]) == [
        "kpi",
        "period",
        "allocation",
        "before_cap",
        "earned",
        "amount",
        "state",
        "following",
        "state_reason",
    ]
    assert list(data["credit_totals"][0]) == [
        "currency",
        "earned",
        "waived",
        "pending",
        "payable",
        "earned_12m",
        "payable_12m",
    ]
    assert list(data["contracts"][0]) == ["id", "end", "cancel_by", "state", "default"]
    assert list(data["certifications"][0]) == ["name", "expires", "state"]
    assert list(data["actions"][0]) == ["id", "title", "owner", "due", "status", "overdue"]


def test_scorecard_json_values() -> None:
    data = doc()
    assert data["vendor"] == {"id": "acme", "name": "Acmé Support"}
    assert data["as_of"] == "2025-03-31"
    # (60 × 100 + 75) / 2 = 87.5 for fcr, csat 0.0 -> (60 × 87.5 + 40 × 0) / 100 = 52.5;
    # coverage (60 × 2/3 + 40 × 1/3) / 100 × 100 = 53.333333 (fcr lacks March, csat Jan-Feb)
    assert data["headline"] == {
        "period": "2025-Q1",
        "score": 52.5,
        "status": "red",
        "trend": "up",
        "coverage": 53.333333,
        "in_progress": False,
        "months_to_date": 3,
        "to_date": None,
        "contract_mix": None,
    }
    assert [q["period"] for q in data["quarters"]] == ["2024-Q4", "2025-Q1"]
    assert [(q["closed"], q["months_to_date"]) for q in data["quarters"]] == [(True, 3)] * 2
    q1 = data["quarters"][1]["contracts"][0]["service_levels"]
    assert q1 == [
        {
            "kpi": "fcr",
            "weight": 60.0,
            "score": 87.5,
            "coverage": 66.666667,
            "missing": ["2025-03"],
        },
        {
            "kpi": "csat",
            "weight": 40.0,
            "score": 0.0,
            "coverage": 33.333333,
            "missing": ["2025-01", "2025-02"],
        },
    ]
    # both service levels carry a credit_allocation: both critical
    assert [(s["kpi"], s["critical"], s["missing_12m"]) for s in data["service_levels"]] == [
        ("fcr", True, ["2025-03"]),
        ("csat", True, ["2024-12", "2025-01", "2025-02"]),
    ]
    # no steps, no default_after: levels as stated, nothing in default
    assert [
        (s["steps"], s["next_step"], s["default"], s["default_since"])
        for s in data["service_levels"]
    ] == [([], None, False, None)] * 2
    # at-risk 100000 × 10% = 10000; fcr (40%) breached in December, csat (80%) in March;
    # no earn_back_periods: every credit payable at once
    no_earn_back = "no earn-back: payable at once"
    assert data["credits"] == [
        {
            "contract": "main",
            "period": "2024-12",
            "amount": 4000.0,
            "currency": "GBP",
            "capped": False,
            "earned": 4000.0,
            "before_cap": 4000.0,
            "cap": 10000.0,
            "payable": 4000.0,
            "waived": 0.0,
            "pending": 0.0,
            "service_levels": [
                {
                    "kpi": "fcr",
                    "period": "2024-12",
                    "allocation": 40.0,
                    "before_cap": 4000.0,
                    "earned": 4000.0,
                    "amount": 4000.0,
                    "state": "payable",
                    "following": [],
                    "state_reason": no_earn_back,
                }
            ],
        },
        {
            "contract": "main",
            "period": "2025-03",
            "amount": 8000.0,
            "currency": "GBP",
            "capped": False,
            "earned": 8000.0,
            "before_cap": 8000.0,
            "cap": 10000.0,
            "payable": 8000.0,
            "waived": 0.0,
            "pending": 0.0,
            "service_levels": [
                {
                    "kpi": "csat",
                    "period": "2025-03",
                    "allocation": 80.0,
                    "before_cap": 8000.0,
                    "earned": 8000.0,
                    "amount": 8000.0,
                    "state": "payable",
                    "following": [],
                    "state_reason": no_earn_back,
                }
            ],
        },
    ]
    assert data["credit_totals"] == [
        {
            "currency": "GBP",
            "earned": 12000.0,
            "waived": 0.0,
            "pending": 0.0,
            "payable": 12000.0,
            "earned_12m": 12000.0,
            "payable_12m": 12000.0,
        }
    ]
    assert data["contracts"] == [
        {
            "id": "main",
            "end": "2025-09-30",
            "cancel_by": "2025-07-02",
            "state": "renewal-due",
            "default": False,
        }
    ]
    assert data["certifications"] == [
        {"name": "ISO 27001", "expires": "2025-05-01", "state": "expiring"}
    ]
    assert data["actions"] == [
        {
            "id": "fix-queue",
            "title": "Do fix-queue",
            "owner": "Pat",
            "due": "2025-03-01",
            "status": "open",
            "overdue": True,
        }
    ]


def test_scores_are_numbers_and_missing_values_are_null() -> None:
    data = doc()
    for q in data["quarters"]:
        assert isinstance(q["score"], float)
        for c in q["contracts"]:
            for sl in c["service_levels"]:
                assert sl["score"] is None or isinstance(sl["score"], float)
    csat_q4 = data["quarters"][0]["contracts"][0]["service_levels"][1]
    assert csat_q4 == {
        "kpi": "csat",
        "weight": 40.0,
        "score": None,
        "coverage": 0.0,
        "missing": ["2024-12"],
    }
    # an empty value in an expected month is a missing report (SCORING.md section 3)
    missing = [x for x in data["measurements"] if x["period"] == "2025-03" and x["kpi"] == "fcr"]
    assert missing == [
        {
            "contract": "main",
            "kpi": "fcr",
            "period": "2025-03",
            "value": None,
            "expected": 75.0,
            "minimum": 65.0,
            "status": "missing",
            "score": None,
            "missing": True,
            "reason": None,
            "restated_from": None,
            "restated_on": None,
            "restated_reason": None,
        }
    ]
    assert data["service_levels"][1]["owner"] is None


def test_measurements_are_sorted_by_contract_kpi_period() -> None:
    rows = [(x["kpi"], x["period"], x["status"]) for x in doc()["measurements"]]
    assert rows == [
        ("csat", "2024-12", "missing"),
        ("csat", "2025-01", "missing"),
        ("csat", "2025-02", "missing"),
        ("csat", "2025-03", "breached"),
        ("fcr", "2024-12", "breached"),
        ("fcr", "2025-01", "met"),
        ("fcr", "2025-02", "at-risk"),
        ("fcr", "2025-03", "missing"),
    ]


def test_vendor_without_data_exports_nulls() -> None:
    data = json.loads(scorecard_json(card(sample(), "beta")))
    assert data["headline"] == {
        "period": None,
        "score": None,
        "status": "no-data",
        "trend": "none",
        "coverage": None,
        "in_progress": False,
        "months_to_date": None,
        "to_date": None,
        "contract_mix": None,
    }
    assert data["quarters"] == []
    assert data["measurements"] == []  # nothing is expected before a vendor's first report
    assert data["service_levels"][0]["missing_12m"] == []


def test_json_text_is_deterministic_indented_unicode_with_trailing_newline() -> None:
    first = scorecard_json(card(sample()))
    second = scorecard_json(card(sample()))
    assert first.encode() == second.encode()
    assert first.endswith("}\n")
    assert "Acmé Support" in first
    assert first.startswith('{\n  "vendor": {\n    "id": "acme",')


def test_measurements_csv() -> None:
    text = measurements_csv(card(sample()))
    assert text == measurements_csv(card(sample()))
    assert "\r" not in text
    assert text.startswith("\ufeffcontract,")  # a UTF-8 BOM, so Excel reads UTF-8
    lines = text.encode().decode("utf-8-sig").splitlines()
    # the mechanics columns come last, so the earlier ones keep their positions
    assert lines[0] == (
        "contract,kpi,kpi_name,unit,period,value,expected,minimum,status,score,note,"
        "reason,restated_from,restated_on,restated_reason"
    )
    assert lines[1] == "main,csat,CSAT,%,2024-12,,80.0,70.0,missing,,,,,,"
    assert lines[4] == "main,csat,CSAT,%,2025-03,60.0,80.0,70.0,breached,0.0,,,,,"
    assert lines[6] == "main,fcr,FCR,%,2025-01,80.0,75.0,65.0,met,100.0,,,,,"
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 1 + 8  # five reported rows and three missing months
    assert rows[7] == [
        "main",
        "fcr",
        "FCR",
        "%",
        "2025-02",
        "70.0",
        "75.0",
        "65.0",
        "at-risk",
        "75.0",
        'a, "b"',
        "",
        "",
        "",
        "",
    ]
    assert rows[8] == [
        "main",
        "fcr",
        "FCR",
        "%",
        "2025-03",
        "",
        "75.0",
        "65.0",
        "missing",
        "",
        "",
        *[""] * 4,
    ]


def test_root_scorecards_json_lists_every_headline_sorted_by_id() -> None:
    portfolio = score_project(sample())
    text = scorecards_json(reversed(list(portfolio.vendors.values())))
    data = json.loads(text)
    assert [v["id"] for v in data] == ["acme", "beta"]
    assert list(data[0]) == ["id", "name", "source", "headline"]
    assert data[0]["source"] is None  # scored outside any git repository
    assert data[0]["headline"] == {
        "period": "2025-Q1",
        "score": 52.5,
        "status": "red",
        "trend": "up",
        "coverage": 53.333333,
        "in_progress": False,
        "months_to_date": 3,
        "to_date": None,
        "contract_mix": None,
    }
    assert data[1]["headline"]["score"] is None
    assert text == scorecards_json(portfolio.vendors.values())
    assert text.endswith("]\n")
