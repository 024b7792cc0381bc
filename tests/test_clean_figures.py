"""Clean figures (SCORING.md section 11): exports round scores, coverage and amounts to 6
decimal places and stay numbers; measurements.csv carries the KPI's name, unit and levels in
force behind a UTF-8 BOM; and the exported headline agrees with the pages to the digit shown."""

from __future__ import annotations

import csv
import json
import math
import re
from datetime import date
from pathlib import Path

from scorecardgen import formatting
from scorecardgen.exports import figure, measurements_csv, scorecard_json, scorecards_json
from scorecardgen.model import Project
from scorecardgen.scoring import score_project
from tests.scoring_factories import card, contract, kpi, level, m, project, vendor

HEADER = (
    "contract,kpi,kpi_name,unit,period,value,expected,minimum,status,score,note,"
    "reason,restated_from,restated_on,restated_reason"
)


def test_figure_rounds_to_six_places_and_never_gives_negative_zero() -> None:
    noisy = (90.2 + 90.2 + 90.25) / 3
    assert noisy != round(noisy, 6)  # the float noise this guards against
    assert figure(noisy) == 90.216667
    assert figure(62.00000000000003) == 62.0
    assert figure(-1e-9) == 0.0 and math.copysign(1.0, figure(-1e-9) or 0.0) == 1.0
    assert figure(-0.0) == 0.0 and str(figure(-0.0)) == "0.0"
    assert figure(None) is None


def _noisy_project() -> Project:
    # E=75, M=65 on a higher-is-better KPI: 73.04 -> 90.2, 73.05 -> 90.25; their mean is noisy
    acme = vendor(
        "acme",
        name="Acmé Støtte",
        contracts=[contract("main", [level("fcr", 75, 65)])],
        measurements=[
            m("fcr", "2025-01", 73.04),
            m("fcr", "2025-02", 73.04),
            m("fcr", "2025-03", 73.05, note="=cmd"),
        ],
    )
    fcr = kpi("fcr").model_copy(update={"name": "Résolution au 1er appel — 首次解决"})
    return project(acme, kpis=[fcr, kpi("asa", "lower"), kpi("csat")], as_of=date(2025, 3, 31))


def _decimals(x: float) -> int:
    text = repr(x)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def test_a_float_noise_score_is_exported_with_six_decimals() -> None:
    p = _noisy_project()
    scorecard = card(p)
    raw = scorecard.headline.score
    assert raw is not None and raw != round(raw, 6)
    data = json.loads(scorecard_json(scorecard))
    assert data["headline"]["score"] == round(raw, 6)
    assert _decimals(data["headline"]["score"]) <= 6
    assert data["quarters"][0]["score"] == round(raw, 6)
    assert data["quarters"][0]["contracts"][0]["score"] == round(raw, 6)
    assert all(_decimals(x["score"]) <= 6 for x in data["measurements"])
    (row,) = json.loads(scorecards_json(score_project(p).vendors.values()))
    assert row["headline"]["score"] == round(raw, 6)
    assert isinstance(row["headline"]["score"], float)  # a number, not a string
    lines = measurements_csv(scorecard).removeprefix("\ufeff").splitlines()
    assert all(_decimals(float(r.split(",")[9])) <= 6 for r in lines[1:])


def test_measurements_csv_has_bom_header_and_round_trips_non_ascii(tmp_path: Path) -> None:
    text = measurements_csv(card(_noisy_project()))
    path = tmp_path / "measurements.csv"
    path.write_bytes(text.encode())
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\n")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == HEADER.split(",")  # no BOM glued to the first column name
    assert [r["kpi_name"] for r in rows] == ["Résolution au 1er appel — 首次解决"] * 3
    assert {(r["unit"], r["expected"], r["minimum"]) for r in rows} == {("%", "75.0", "65.0")}
    assert rows[2]["note"] == "'=cmd"  # still neutralised (OWASP)
    assert rows[2]["value"] == "73.05"


def test_headline_on_pages_agrees_with_scorecards_json(site: Path) -> None:
    headlines = json.loads((site / "scorecards.json").read_text(encoding="utf-8"))
    portfolio = (site / "index.html").read_text(encoding="utf-8")
    assert len(headlines) > 1
    for entry in headlines:
        vid, score = entry["id"], entry["headline"]["score"]
        assert score is None or _decimals(score) <= 6, entry
        shown = formatting.score(score)
        page = (site / f"vendors/{vid}/index.html").read_text(encoding="utf-8")
        found = re.search(r'class="headline-score">([^<]*)<', page)
        assert found is not None, vid
        assert found.group(1) == shown, vid
        row = re.search(
            rf'href="vendors/{re.escape(vid)}/index.html">.*?class="score-num">([^<]*)<',
            portfolio,
            re.S,
        )
        assert row is not None, vid
        assert row.group(1) == shown, vid
