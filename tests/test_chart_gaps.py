"""Charts show missing reports and quarters in progress (issue 14, SCORING.md sections 3, 5).

A vendor that never sent its April report: the heat map has a hatched "∅ Missing" cell (not
"No data"), the service-level chart's line has a gap in April, the data tables say "Missing",
the descriptions name the month. A quarter in progress is a hollow point "to date".
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from scorecardgen import formatting
from scorecardgen.charts import shapes, style
from scorecardgen.charts.render import render_svg
from scorecardgen.model import Bands, Contract
from scorecardgen.pages.figures import (
    heatmap_figure,
    missing_text,
    portfolio_figure,
    sl_figure,
    trend_figure,
)
from scorecardgen.scoring import VendorScorecard
from tests.conftest import run_cli
from tests.minimal_project import project_files, write_project
from tests.scoring_factories import card, contract, kpi, level, m, project, vendor
from tests.test_charts import errors

BANDS = Bands(green=85, amber=65)
# FCR reported every month of 2025 but April; ASA every month of the first half.
FCR = {"2025-01": 80, "2025-02": 76, "2025-03": 78, "2025-05": 70, "2025-06": 79}
ASA = {f"2025-0{i}": 25 for i in range(1, 7)}
MONTHS = [f"2024-{i:02d}" for i in (11, 12)] + [f"2025-0{i}" for i in range(1, 7)]


def scorecard(
    *,
    missing_data: str = "no-data",
    as_of: date = date(2025, 6, 30),
    extra: dict[str, float] | None = None,
) -> VendorScorecard:
    """acme, one contract from 2025 with FCR (April missing) and ASA, scored on ``as_of``."""
    deal: Contract = contract(
        "main", [level("fcr", 75, 65, 60), level("asa", 28, 40, 40)], start=date(2025, 1, 1)
    ).model_copy(update={"missing_data": missing_data})
    rows = [m("fcr", p, v) for p, v in {**FCR, **(extra or {})}.items()]
    rows += [m("asa", p, v) for p, v in ASA.items()]
    if extra:
        rows += [m("asa", p, 25) for p in extra]
    prj = project(
        vendor(contracts=[deal], measurements=rows, name="Acme Support"),
        kpis=[kpi("fcr"), kpi("asa", "lower", unit="s")],
        as_of=as_of,
    )
    return card(prj)


def names(sc: VendorScorecard) -> dict[tuple[str, str], str]:
    return {(s.contract, s.kpi): s.kpi_name for s in sc.service_levels}


def cell(rows: list[dict[str, Any]], sl: str, period: str) -> dict[str, Any]:
    return next(r for r in rows if r["sl"] == sl and r["period"] == period)


def line_paths(svg: str) -> list[str]:
    """The ``d`` of each path drawn by the values' line (not the levels' steps)."""
    groups = re.findall(r'<g class="mark-line[^"]*">(.*?)</g>', svg, re.S)
    return [
        d for g in groups for d in re.findall(rf'<path d="([^"]+)"[^>]*stroke="{style.LINE}"', g)
    ]


# The heat map --------------------------------------------------------------------------------


def test_missing_has_its_own_symbol_and_legend_entry_apart_from_no_data() -> None:
    assert style.HEAT_SYMBOLS["missing"] == formatting.STATUS["missing"].icon == "\u2205"
    assert style.HEAT_SYMBOLS["no-data"] == "\u2013"
    template = json.dumps(shapes.TEMPLATES["status_heatmap"](), ensure_ascii=False)
    assert '"domain": ["met", "at-risk", "breached", "missing", "excluded", "no-data"]' in template
    assert '\\"missing\\": \\"\u2205 Missing\\"' in template  # the legend's words


def test_heat_map_cell_of_an_unsent_report_is_missing_not_no_data() -> None:
    sc = scorecard()
    fig = heatmap_figure(sc, MONTHS, names(sc))
    rows = fig.spec["datasets"]["table"]
    assert cell(rows, "FCR", "2025-04")["status"] == "missing"
    assert cell(rows, "FCR", "2025-04")["label"] == "FCR, Apr 2025: Missing"
    assert cell(rows, "FCR", "2025-05")["status"] == "at-risk"
    # Before the vendor's data began nothing was expected: that is "no data", not missing.
    assert cell(rows, "FCR", "2024-12")["status"] == "no-data"
    fcr_row = next(r for r in fig.rows if r[0] == "FCR")
    assert fcr_row[MONTHS.index("2025-04") + 1] == "Missing"
    assert fcr_row[MONTHS.index("2024-12") + 1] == "No data"
    assert "1 month missing: Apr 2025 (FCR)." in fig.description
    assert fig.missing == ("Apr 2025",)
    assert fig.missing_text == "1 month missing: Apr 2025 (FCR)"
    assert errors(fig.spec) == []


def test_heat_map_under_missing_data_breached_is_a_red_cell_that_says_missing() -> None:
    sc = scorecard(missing_data="breached")
    fig = heatmap_figure(sc, MONTHS, names(sc))
    april = cell(fig.spec["datasets"]["table"], "FCR", "2025-04")
    assert (april["status"], april["missing"]) == ("breached", True)
    assert april["label"] == "FCR, Apr 2025: Breached (missing)"
    fcr_row = next(r for r in fig.rows if r[0] == "FCR")
    assert fcr_row[MONTHS.index("2025-04") + 1] == "Breached (missing)"
    assert "1 month missing: Apr 2025 (FCR), counted as breached." in fig.description


def test_rendered_heat_map_hatches_the_missing_cell_and_prints_its_symbol() -> None:
    sc = scorecard()
    svg = render_svg(heatmap_figure(sc, MONTHS, names(sc)).spec)
    cells = re.search(r'<g class="mark-rect[^"]*">(.*?)</g>', svg, re.S)
    assert cells is not None
    hatched = re.findall(r'fill="url\(#([^)]+)\)"', cells.group(1))
    assert len(hatched) == 1  # the one missing cell
    assert f'id="{hatched[0]}"' in svg and "<linearGradient" in svg
    assert ">\u2205</text>" in svg  # in the cell, beside the legend's "∅ Missing"
    assert "\u2205 Missing</text>" in svg


# The service-level chart -----------------------------------------------------------------------


def test_missing_month_is_a_null_value_flagged_missing() -> None:
    sc = scorecard()
    fig = sl_figure(sc, sc.service_levels[0])
    table = fig.spec["datasets"]["table"]
    april = next(r for r in table if r["period"] == "2025-04")
    assert (april["value"], april["missing"], april["label"]) == (None, True, "Apr 2025: Missing")
    assert not any(r["missing"] for r in table if r["period"] != "2025-04")
    assert ("Apr 2025", "Missing", "Missing", formatting.DASH) in fig.rows
    assert "1 month missing: Apr 2025." in fig.description
    assert fig.missing_text == "1 month missing: Apr 2025"
    line = next(layer for layer in fig.spec["layer"] if layer["mark"].get("color") == style.LINE)
    assert line["mark"]["invalid"] == "break-paths-show-domains"  # null breaks the line


def test_rendered_line_has_a_gap_at_the_missing_month() -> None:
    sc = scorecard()
    svg = render_svg(sl_figure(sc, sc.service_levels[0]).spec)
    (path,) = line_paths(svg)
    # Jan-Mar, then May-Jun: two segments, no line drawn across April.
    segments = re.findall(r"M[^M]+", path)
    assert len(segments) == 2
    assert [s.count("L") for s in segments] == [2, 1]
    assert ">\u2205</text>" in svg  # the missing symbol at April's foot
    assert "1 month missing: Apr 2025" in svg[: svg.index(">")]  # the chart's accessible name


def test_a_chart_without_missing_months_draws_one_line_and_says_nothing() -> None:
    sc = scorecard()
    asa = sc.service_levels[1]
    fig = sl_figure(sc, asa)
    assert (fig.missing, fig.missing_text) == ((), "")
    assert "missing" not in fig.description
    (path,) = line_paths(render_svg(fig.spec))
    assert path.count("M") == 1


def test_missing_counted_as_breached_is_a_gap_with_a_red_symbol() -> None:
    sc = scorecard(missing_data="breached")
    fig = sl_figure(sc, sc.service_levels[0])
    april = next(r for r in fig.spec["datasets"]["table"] if r["period"] == "2025-04")
    assert (april["value"], april["status"], april["missing"]) == (None, "breached", True)
    assert april["label"] == "Apr 2025: Breached (missing)"
    assert ("Apr 2025", "Missing", "Breached (missing)", "0.0") in fig.rows
    assert "1 month missing: Apr 2025, counted as breached." in fig.description
    svg = render_svg(fig.spec)
    assert len(re.findall(r"M[^M]+", line_paths(svg)[0])) == 2
    assert re.search(rf'fill="{style.RED}"[^>]*>\u2205</text>', svg)


# The score trend -----------------------------------------------------------------------------


def test_quarter_in_progress_is_hollow_and_to_date() -> None:
    # SCORING.md worked example 7: one July row early; as_of 31 July -> Q3 in progress.
    sc = scorecard(as_of=date(2025, 7, 31), extra={"2025-07": 90})
    assert sc.headline.period == "2025-Q2" and sc.headline.to_date is not None
    fig = trend_figure(sc, BANDS)
    rows = {r["period"]: r for r in fig.spec["datasets"]["table"]}
    assert rows["2025-Q2"]["in_progress"] is False
    assert rows["2025-Q3"]["in_progress"] is True
    assert rows["2025-Q3"]["label"].startswith("Q3 2025 (to date, 1 of 3 months): ")
    assert fig.rows[-1][0] == "Q3 2025 (to date, 1 of 3 months)"
    assert fig.rows[-2][0] == "Q2 2025"
    assert "Q3 2025 is in progress (to date, 1 of 3 months)" in fig.to_date_text
    assert fig.to_date_text in fig.description
    assert "1 month missing: Apr 2025 (FCR)" in fig.description
    svg = render_svg(fig.spec)
    assert f">{style.TO_DATE}</text>" in svg
    # The white core that makes the Q3 point hollow.
    cores = re.findall(r'<path transform="translate\([^)]*\)" d="[^"]+" fill="#ffffff"', svg)
    assert len(cores) == 1


def test_closed_quarters_are_solid() -> None:
    sc = scorecard()
    fig = trend_figure(sc, BANDS)
    assert not any(r["in_progress"] for r in fig.spec["datasets"]["table"])
    assert fig.to_date_text == ""
    assert style.TO_DATE not in render_svg(fig.spec)


def test_a_quarter_without_score_between_scored_ones_breaks_the_trend_line() -> None:
    rows = [
        m("fcr", p, v)
        for p, v in {"2025-01": 80, "2025-02": 80, "2025-03": 80, "2025-07": 80}.items()
    ]
    deal = contract("main", [level("fcr", 75, 65)], start=date(2025, 1, 1))
    sc = card(project(vendor(contracts=[deal], measurements=rows), as_of=date(2025, 9, 30)))
    fig = trend_figure(sc, BANDS)
    table = fig.spec["datasets"]["table"]
    assert [(r["period"], r["score"]) for r in table] == [
        ("2025-Q1", 100.0),
        ("2025-Q2", None),
        ("2025-Q3", 100.0),
    ]
    assert "5 months missing: Apr 2025, May 2025, Jun 2025, Aug 2025, Sep 2025." in fig.description
    (path,) = line_paths(render_svg(fig.spec))
    assert path.count("M") == 2


# The portfolio ---------------------------------------------------------------------------------


def row(name: str, score: float, status: str, in_progress: bool = False) -> dict[str, Any]:
    return {
        "vendor": name,
        "score": score,
        "status": status,
        "value": 1e6,
        "score_label": f"{score:.1f}",
        "value_label": "£1M a year",
        "in_progress": in_progress,
    }


def test_portfolio_never_ranks_a_quarter_in_progress() -> None:
    rows = [row("Acme", 58, "red"), row("Newco", 97.9, "green", True), row("Beta", 77.8, "amber")]
    fig = portfolio_figure(rows, BANDS)
    assert [r[0] for r in fig.rows] == ["Acme", "Beta", "Newco"]  # ranked first, Newco after
    assert fig.rows[-1][1] == "97.9 to date"
    chart = fig.spec["datasets"]["table"]
    assert [r["in_progress"] for r in chart] == [False, False, True]
    assert "not ranked: Newco 97.9 to date" in fig.description
    assert fig.to_date_text in fig.description
    hollow = [
        layer
        for layer in fig.spec["layer"]
        if "in_progress" in json.dumps(layer.get("transform", []))
    ]
    assert hollow and hollow[0]["mark"]["color"] == style.WHITE
    assert errors(fig.spec) == []


def test_portfolio_rows_without_the_flag_are_ranked_as_given() -> None:
    rows = [row("Acme", 58, "red"), row("Beta", 77.8, "amber")]
    for r in rows:
        del r["in_progress"]
    fig = portfolio_figure(rows, BANDS)
    assert [r[0] for r in fig.rows] == ["Acme", "Beta"]
    assert fig.to_date_text == "" and "to date" not in fig.description


# Helpers and whole builds ----------------------------------------------------------------------


def test_missing_text_names_months_quarters_and_caps_the_list() -> None:
    sc = scorecard()
    (april,) = [x for x in sc.measurements if x.result.missing]
    assert missing_text([]) == ""
    assert missing_text([april]) == "1 month missing: Apr 2025"
    assert missing_text([april], names(sc)) == "1 month missing: Apr 2025 (FCR)"
    months = [replace(april, period=f"20{20 + i // 12}-{i % 12 + 1:02d}") for i in range(14)]
    assert missing_text(months).startswith("14 months missing: Jan 2020, Feb 2020, ")
    assert missing_text(months).endswith("Dec 2020, and 2 more")
    quarter = replace(april, period="2025-Q2")
    assert missing_text([quarter]) == "1 quarter missing: Q2 2025"
    assert missing_text([april, quarter]).startswith("2 periods missing: ")


# With extra.yaml's June row: FCR's May report is missing, July's arrived early.
GAP_CSV = """\
kpi,period,value,note
fcr,2025-04,80,
fcr,2025-07,77,
"""


@pytest.fixture(scope="module")
def early_row_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The minimal project with FCR's May report missing and one July row loaded early
    (as_of 31 July 2025), built twice."""
    files = project_files()
    files["content/site.yaml"] = files["content/site.yaml"].replace("2025-06-30", "2025-07-31")
    files["content/vendors/acme/measurements/2025.csv"] = GAP_CSV
    root = write_project(tmp_path_factory.mktemp("gaps") / "project", {**files})
    outs = root.parent / "one", root.parent / "two"
    for out in outs:
        result = run_cli("-C", str(root), "build", "-o", str(out))
        assert result.exit_code == 0, result.output
    return outs


def spec_of(html: str, key: str) -> dict[str, Any]:
    found = re.search(rf'<script type="application/json" id="spec-{key}"[^>]*>(.*?)</script>', html)
    assert found, key
    return dict(json.loads(found.group(1)))


def test_built_vendor_page_shows_the_gap_and_the_quarter_to_date(
    early_row_builds: tuple[Path, Path],
) -> None:
    html = (early_row_builds[0] / "vendors/acme/index.html").read_text(encoding="utf-8")
    fcr = spec_of(html, "sl-voice-fcr")
    may = next(r for r in fcr["datasets"]["table"] if r["period"] == "2025-05")
    assert (may["value"], may["missing"]) == (None, True)
    assert "1 month missing: May 2025" in fcr["description"]
    trend = spec_of(html, "trend")
    assert [(r["period"], r["in_progress"]) for r in trend["datasets"]["table"]] == [
        ("2025-Q2", False),
        ("2025-Q3", True),
    ]
    assert "Q3 2025 (to date, 1 of 3 months)" in html


def test_built_portfolio_ranks_the_closed_quarter(early_row_builds: tuple[Path, Path]) -> None:
    html = (early_row_builds[0] / "index.html").read_text(encoding="utf-8")
    (acme,) = spec_of(html, "portfolio")["datasets"]["table"]
    vendor_html = (early_row_builds[0] / "vendors/acme/index.html").read_text(encoding="utf-8")
    q2 = next(
        r for r in spec_of(vendor_html, "trend")["datasets"]["table"] if r["period"] == "2025-Q2"
    )
    assert acme["score"] == q2["score"]  # the headline, Q2, not Q3 to date
    assert not acme.get("in_progress")


def test_builds_with_gaps_are_byte_identical(early_row_builds: tuple[Path, Path]) -> None:
    one, two = early_row_builds
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for rel in files:
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel
