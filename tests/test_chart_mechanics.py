"""Charts of the contract mechanics (issue 15, SCORING.md sections 1a, 1b and 1c).

Acme's FCR steps up from April 2025 (expected 75 -> 78, minimum 65 -> 70), its March figure
was restated (first reported 64, agreed 78) and May was excluded for a flood, with a value
of 41 that would otherwise be a breach. The service-level chart draws the levels as steps
changing at April, the excluded month as a grey ring marked "⊖" (not a gap, not a breach)
and the restated value ringed; the tooltips, data tables and descriptions say the same in
words, and the heat map gives the excluded month its own "⊖" cell and legend entry.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from scorecardgen import formatting
from scorecardgen.charts import style
from scorecardgen.charts.render import render_svg
from scorecardgen.model import Measurement, Restatement, ServiceLevel, Step
from scorecardgen.pages.figures import heatmap_figure, kpi_figure, sl_figure
from scorecardgen.scoring import VendorScorecard
from tests.scoring_factories import card, contract, kpi, level, m, project, vendor
from tests.test_charts import errors

FCR = {"2025-01": 80, "2025-02": 76, "2025-03": 78, "2025-04": 79, "2025-05": 41, "2025-06": 79}
MONTHS = list(FCR)
FLOOD = "Force majeure: regional flood"
RECOUNT = "Vendor recount"


def stepped(
    steps: list[tuple[str, float, float]] = [("2025-04", 78, 70)],  # noqa: B006 (never changed)
) -> ServiceLevel:
    steps_ = [Step.model_validate({"from": s, "expected": e, "minimum": n}) for s, e, n in steps]
    return level("fcr", 75, 65, 60).model_copy(update={"steps": steps_})


def fcr_row(period: str, value: float) -> Measurement:
    row = m("fcr", period, value)
    if period == "2025-03":
        restated = Restatement(value=64.0, on=date(2025, 4, 12), reason=RECOUNT)
        row = row.model_copy(update={"restated": restated})
    if period == "2025-05":
        row = row.model_copy(update={"excluded": True, "reason": FLOOD})
    return row


def scorecard(fcr: ServiceLevel | None = None, *, mechanics: bool = True) -> VendorScorecard:
    """Acme with FCR (stepped, restated in March, excluded in May) and a plain ASA."""
    deal = contract("main", [fcr or stepped(), level("asa", 28, 40, 40)], start=date(2025, 1, 1))
    rows = [fcr_row(p, v) if mechanics else m("fcr", p, v) for p, v in FCR.items()]
    rows += [m("asa", p, 25) for p in MONTHS]
    prj = project(
        vendor(contracts=[deal], measurements=rows, name="Acme Support"),
        kpis=[kpi("fcr"), kpi("asa", "lower", unit="s")],
        as_of=date(2025, 6, 30),
    )
    return card(prj)


def layer_paths(svg: str, stroke: str) -> list[str]:
    """The ``d`` of each path a line mark draws in ``stroke``."""
    groups = re.findall(r'<g class="mark-line[^"]*">(.*?)</g>', svg, re.S)
    return [d for g in groups for d in re.findall(rf'<path d="([^"]+)" stroke="{stroke}"', g)]


def vertices(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+),([-\d.]+)", path)]


# Stepped targets (section 1c) --------------------------------------------------------------------


def test_stepped_levels_are_the_levels_in_force_each_month() -> None:
    sc = scorecard()
    fig = sl_figure(sc, sc.service_levels[0])
    levels = fig.spec["datasets"]["levels"]
    expected = {r["period"]: r["value"] for r in levels if r["kind"] == "expected"}
    minimum = {r["period"]: r["value"] for r in levels if r["kind"] == "minimum"}
    assert expected == {p: 75.0 if p < "2025-04" else 78.0 for p in MONTHS}
    assert minimum == {p: 65.0 if p < "2025-04" else 70.0 for p in MONTHS}
    # The straight lines are off; the margin labels name the levels in force at the end.
    refs = fig.spec["datasets"]["refs"]
    assert [(r["kind"], r["value"], r["flat"], r["label"]) for r in refs] == [
        ("expected", 78.0, False, "Expected 78.0%"),
        ("minimum", 70.0, False, "Minimum 70.0%"),
    ]
    assert fig.steps_text == "expected rises to 78.0% and minimum rises to 70.0% from Apr 2025"
    assert (
        "against expected 75.0% and minimum 65.0%, expected rises to 78.0% and minimum "
        "rises to 70.0% from Apr 2025: " in fig.description
    )
    assert errors(fig.spec) == []


def test_rendered_steps_change_at_the_steps_month_and_never_run_diagonally() -> None:
    sc = scorecard()
    svg = render_svg(sl_figure(sc, sc.service_levels[0]).spec)
    (expected,) = layer_paths(svg, style.GREEN)
    (minimum,) = layer_paths(svg, style.RED)
    for path in (expected, minimum):
        points = vertices(path)
        # Every segment is horizontal or vertical: a step, not a diagonal between months.
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:], strict=False))
        heights = sorted({y for _, y in points})
        assert len(heights) == 2  # one level before the step, one after
        # The level changes at April, the fourth of the six months.
        xs = sorted({x for x, _ in points})
        assert len(xs) == 6
        (rise,) = {a[0] for a, b in zip(points, points[1:], strict=False) if a[1] != b[1]}
        assert rise == xs[3]
    # Carried to both edges of the plot: from x=0 to the first month, from the last to the end.
    edges = re.findall(r'<g class="mark-rule[^"]*">(.*?)</g>', svg, re.S)
    assert sum(len(re.findall(rf'stroke="{style.GREEN}"', g)) for g in edges) == 2


def test_a_service_level_without_steps_keeps_straight_lines() -> None:
    sc = scorecard(level("fcr", 75, 65, 60))
    fig = sl_figure(sc, sc.service_levels[0])
    assert fig.spec["datasets"]["levels"] == []
    assert all(r["flat"] for r in fig.spec["datasets"]["refs"])
    assert fig.steps_text == "" and "rises" not in fig.description
    svg = render_svg(fig.spec)
    assert layer_paths(svg, style.GREEN) == []  # drawn as one rule each, not as steps
    assert ">Expected 75.0%</text>" in svg


def test_a_step_still_to_come_is_named_not_drawn() -> None:
    sc = scorecard(stepped([("2025-04", 78, 70), ("2025-09", 80, 72)]))
    fig = sl_figure(sc, sc.service_levels[0])
    assert {r["value"] for r in fig.spec["datasets"]["levels"]} == {75.0, 65.0, 78.0, 70.0}
    assert fig.next_step_text == "Next step from Sep 2025: expected 80.0%, minimum 72.0%"
    assert fig.description.endswith(f" {fig.next_step_text}.")


def test_a_step_falling_for_lower_is_better_says_so() -> None:
    asa = level("asa", 28, 40, 40).model_copy(
        update={"steps": [Step.model_validate({"from": "2025-03", "expected": 25, "minimum": 40})]}
    )
    deal = contract("main", [asa], start=date(2025, 1, 1))
    rows = [m("asa", p, 24) for p in MONTHS]
    sc = card(project(vendor(contracts=[deal], measurements=rows), as_of=date(2025, 6, 30)))
    fig = sl_figure(sc, sc.service_levels[0])
    assert fig.steps_text == "expected falls to 25.0% from Mar 2025"


# Exclusions (section 1a) -------------------------------------------------------------------------


def test_excluded_month_is_a_distinct_point_with_its_reason() -> None:
    sc = scorecard()
    fig = sl_figure(sc, sc.service_levels[0])
    may = next(r for r in fig.spec["datasets"]["table"] if r["period"] == "2025-05")
    assert (may["value"], may["status"], may["excluded"], may["missing"]) == (
        41.0,
        "excluded",
        True,
        False,
    )
    assert may["label"] == f"May 2025: 41.0%, Excluded ({FLOOD})"
    assert ("May 2025", "41.0%", f"Excluded ({FLOOD})", formatting.DASH) in fig.rows
    # 41 is below the minimum of 70, but an excluded month is not a breach.
    assert ": 5 met, 0 breached." in fig.description
    assert fig.excluded_text == f"1 month excluded: May 2025 ({FLOOD})"
    assert f" {fig.excluded_text}." in fig.description


def test_rendered_excluded_month_is_a_ring_on_an_unbroken_line() -> None:
    sc = scorecard()
    svg = render_svg(sl_figure(sc, sc.service_levels[0]).spec)
    (line,) = layer_paths(svg, style.LINE)
    assert line.count("M") == 1  # not a gap: the line runs through May
    assert len(vertices(line)) == 6
    may = vertices(line)[MONTHS.index("2025-05")]
    grey = re.findall(
        rf'<path transform="translate\(([-\d.]+),([-\d.]+)\)" d="([^"]+)" fill="{style.GREY}"'
        r' stroke="#ffffff" stroke-width="1"',
        svg,
    )
    # One grey point, at May's value, a ring: a circle with a second, inner one cut out.
    assert [(float(x), float(y), d.count("M")) for x, y, d in grey] == [(*may, 2)]
    assert f'fill="{style.GREY}">{style.EXCLUDED.icon}</text>' in svg  # at May's foot
    assert ">Excluded</text>" in svg  # its legend entry


def test_a_chart_without_exclusions_has_no_excluded_legend_entry() -> None:
    sc = scorecard(mechanics=False)
    fig = sl_figure(sc, sc.service_levels[0])
    assert fig.excluded_text == "" and fig.restated_text == ""
    svg = render_svg(fig.spec)
    assert ">Excluded</text>" not in svg and f">{style.RESTATED_WORD}</text>" not in svg
    assert ">Breached</text>" in svg  # the statuses are always listed


def test_kpi_chart_lists_excluded_only_when_a_vendor_is() -> None:
    rows = [
        {"vendor": "Acme", "value": 41.0, "status": "excluded", "label": "41.0%"},
        {"vendor": "Globex", "value": 80.0, "status": "met", "label": "80.0%"},
    ]
    svg = render_svg(kpi_figure("fcr", "FCR", "%", rows, None, None).spec)
    assert ">Excluded</text>" in svg
    assert ">Excluded</text>" not in render_svg(
        kpi_figure("fcr", "FCR", "%", rows[1:], None, None).spec
    )


# Restatements (section 1b) -----------------------------------------------------------------------


def test_restated_value_says_what_was_first_reported_when_and_why() -> None:
    sc = scorecard()
    fig = sl_figure(sc, sc.service_levels[0])
    march = next(r for r in fig.spec["datasets"]["table"] if r["period"] == "2025-03")
    assert (march["value"], march["restated"]) == (78.0, True)
    note = f"restated from 64.0% on 12 Apr 2025: {RECOUNT}"
    assert march["label"] == f"Mar 2025: 78.0% (Met; {note})"
    assert ("Mar 2025", f"78.0% ({note})", "Met", "100.0") in fig.rows
    assert fig.restated_text == f"1 value restated: Mar 2025 78.0% ({note})"
    assert f" {fig.restated_text}." in fig.description


def test_rendered_restated_value_is_ringed_with_a_legend_entry() -> None:
    sc = scorecard()
    svg = render_svg(sl_figure(sc, sc.service_levels[0]).spec)
    (line,) = layer_paths(svg, style.LINE)
    march = vertices(line)[MONTHS.index("2025-03")]
    rings = re.findall(
        rf'<path transform="translate\(([-\d.]+),([-\d.]+)\)" d="([^"]+)" fill="{style.INK}"',
        svg,
    )
    # A thin ring (two circles) around March's point, and the legend's symbol in its own box.
    assert all(d.count("M") == 2 for _, _, d in rings)
    assert len(rings) == 2
    assert any(abs(float(x) - march[0]) + abs(float(y) - march[1]) < 0.01 for x, y, _ in rings)
    assert f">{style.RESTATED_WORD}</text>" in svg


# The heat map ------------------------------------------------------------------------------------


def test_heat_map_excluded_cell_has_its_own_symbol_and_legend_entry() -> None:
    assert style.HEAT_SYMBOLS["excluded"] == "\u2296"
    sc = scorecard()
    names = {(s.contract, s.kpi): s.kpi_name for s in sc.service_levels}
    fig = heatmap_figure(sc, MONTHS, names)
    may = next(
        r for r in fig.spec["datasets"]["table"] if r["sl"] == "FCR" and r["period"] == "2025-05"
    )
    assert may["status"] == "excluded"
    assert may["label"] == f"FCR, May 2025: Excluded ({FLOOD})"
    march = next(
        r for r in fig.spec["datasets"]["table"] if r["sl"] == "FCR" and r["period"] == "2025-03"
    )
    assert march["label"].endswith(f"Met (restated from 64.0% on 12 Apr 2025: {RECOUNT})")
    assert fig.rows[0][MONTHS.index("2025-05") + 1] == "Excluded"
    assert f"1 month excluded: May 2025 (FCR: {FLOOD})." in fig.description
    assert fig.excluded_text == f"1 month excluded: May 2025 (FCR: {FLOOD})"
    svg = render_svg(fig.spec)
    assert f'fill="{style.INK}">\u2296</text>' in svg  # dark on its pale cell
    assert f'fill="{style.EXCLUDED_FILL}"' in svg
    assert "\u2296 Excluded</text>" in svg
    plain = scorecard(mechanics=False)
    assert "Excluded</text>" not in render_svg(heatmap_figure(plain, MONTHS, names).spec)


def test_legend_values_are_the_charts_own() -> None:
    sc = scorecard()
    names = {(s.contract, s.kpi): s.kpi_name for s in sc.service_levels}
    spec = heatmap_figure(sc, MONTHS, names).spec
    text = json.dumps(spec)
    assert "@@" not in text
    values: list[Any] = re.findall(r'"values": \{"expr": "([^"]*)"\}', text.replace('\\"', "'"))
    assert values and all("excluded" in v for v in values)
