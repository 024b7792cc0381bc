"""Charts as page figures: a Vega-Lite spec plus caption, description and the data as a table.

The spec is filled from the chart shape's template (charts.spec); the SVG is rendered later,
once for every distinct chart of the site, and the render stage draws each page with copies
of its figures that carry their SVG (``Figure.svg``); the planned figures stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from scorecardgen import formatting as fmt
from scorecardgen.charts.spec import chart_spec, spec_json
from scorecardgen.model import Bands
from scorecardgen.periods import Period
from scorecardgen.scoring import ServiceLevelSummary, VendorScorecard


@dataclass(frozen=True)
class Figure:
    """One chart on a page: everything a template needs, the SVG filled in by the render stage."""

    key: str
    caption: str
    description: str
    head: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    spec: dict[str, Any]
    svg: str = ""
    spec_json: str = field(default="", repr=False)

    def with_json(self) -> Figure:
        """This figure with its spec as the JSON the page embeds (safe in a script element)."""
        return replace(self, spec_json=Markup(spec_json(self.spec)))


def _period_label(period: str) -> str:
    return Period.parse(period).label


def _axis_title(unit: str) -> str:
    # Counts, scores and ratios are plain numbers: an axis titled "count" says nothing.
    return unit if unit not in ("count", "score", "ratio") else ""


def sl_figure(card: VendorScorecard, sl: ServiceLevelSummary) -> Figure:
    """Values over time against expected and minimum, points coloured and shaped by status."""
    points = [m for m in card.measurements if m.contract == sl.contract and m.kpi == sl.kpi]
    unit = sl.unit
    rows = [
        {
            "period": m.period,
            "value": m.value,
            "status": m.status,
            "label": f"{_period_label(m.period)}: {fmt.number(m.value, unit)} "
            f"({fmt.status(m.status).word})",
        }
        for m in points
    ]
    better = "higher" if sl.direction == "higher" else "lower"
    met = sum(1 for m in points if m.status == "met")
    breached = sum(1 for m in points if m.status == "breached")
    measured = sum(1 for m in points if m.value is not None)
    description = (
        f"{sl.kpi_name} for {card.name}, {measured} {sl.window} values "
        f"({better} is better) against expected {fmt.number(sl.expected, unit)} and minimum "
        f"{fmt.number(sl.minimum, unit)}: {met} met, {breached} breached."
    )
    if sl.latest is not None:
        description += (
            f" Latest: {fmt.number(sl.latest.value, unit)} in {_period_label(sl.latest.period)}."
        )
    key = f"sl-{sl.contract}-{sl.kpi}"
    spec = chart_spec(
        "sl_timeseries",
        rows,
        {
            # No title inside the chart: the page heads each chart with the service level's name.
            "key": key,
            "title": "",
            "description": description,
            "expected": sl.expected,
            "minimum": sl.minimum,
            "y_title": _axis_title(sl.unit),
            "value_title": sl.kpi_name,
            "expected_label": f"Expected {fmt.number(sl.expected, unit)}",
            "minimum_label": f"Minimum {fmt.number(sl.minimum, unit)}",
        },
    )
    table = [
        (
            _period_label(m.period),
            fmt.number(m.value, unit),
            fmt.status(m.status).word,
            fmt.score(m.score),
        )
        for m in points
    ]
    return Figure(
        key,
        f"{sl.kpi_name}: {sl.window} values against expected and minimum",
        description,
        ("Period", "Value", "Status", "Score"),
        table,
        spec,
    ).with_json()


def trend_figure(card: VendorScorecard, bands: Bands, key_prefix: str = "") -> Figure:
    """Quarter scores over time against the green and amber thresholds."""
    quarters = [q for q in card.quarters if q.score is not None]
    rows = [
        {
            "period": q.period,
            "score": q.score,
            "status": q.status,
            "label": f"{_period_label(q.period)}: {fmt.score(q.score)} "
            f"({fmt.status(q.status).word})",
        }
        for q in quarters
    ]
    if quarters:
        first, last = quarters[0], quarters[-1]
        description = (
            f"Quarter score of {card.name} from {_period_label(first.period)} "
            f"({fmt.score(first.score)}) to {_period_label(last.period)} "
            f"({fmt.score(last.score)}), against green from {bands.green:g} "
            f"and amber from {bands.amber:g}."
        )
    else:
        description = f"No quarter of {card.name} has a score yet."
    key = f"{key_prefix}trend"
    spec = chart_spec(
        "score_trend",
        rows,
        {
            "key": key,
            "title": "Quarter score",
            "description": description,
            # chart_spec writes the band labels from the thresholds, the same on every score chart.
            "green": bands.green,
            "amber": bands.amber,
        },
    )
    table = [
        (
            _period_label(q.period),
            fmt.score(q.score),
            fmt.status(q.status).word,
            fmt.percent(q.coverage),
            fmt.trend(q.trend).word,
        )
        for q in card.quarters
    ]
    return Figure(
        key,
        "Quarter score trend with the status bands",
        description,
        ("Quarter", "Score", "Status", "Coverage", "Trend"),
        table,
        spec,
    ).with_json()


def heatmap_figure(
    card: VendorScorecard, months: Sequence[str], names: dict[tuple[str, str], str]
) -> Figure:
    """Status of every service level in every month (quarterly ones in their quarter's months)."""
    by_key = {(m.contract, m.kpi, m.period): m for m in card.measurements}
    rows: list[dict[str, Any]] = []
    table: list[tuple[str, ...]] = []
    for sl in card.service_levels:
        name = names[(sl.contract, sl.kpi)]
        cells = []
        for month in months:
            period = month if sl.window == "monthly" else str(Period.parse(month).quarter)
            m = by_key.get((sl.contract, sl.kpi, period))
            status = m.status if m is not None else "no-data"
            cells.append(fmt.status(status).word)
            rows.append(
                {
                    "sl": name,
                    "period": month,
                    "status": status,
                    "label": f"{name}, {_period_label(month)}: {fmt.status(status).word}",
                }
            )
        table.append((name, *cells))
    breached = sum(1 for r in rows if r["status"] == "breached")
    description = (
        f"Status of {len(card.service_levels)} service levels of {card.name} over "
        f"{len(months)} months: {breached} breached cells."
    )
    spec = chart_spec(
        "status_heatmap",
        rows,
        {"key": "heatmap", "title": "Status by month", "description": description},
    )
    head = ("Service level", *(_period_label(m) for m in months))
    return Figure(
        "heatmap", "Status heat map: service level by month", description, head, table, spec
    ).with_json()


def kpi_figure(
    kpi_id: str,
    kpi_name: str,
    unit: str,
    rows: list[dict[str, Any]],
    top: float | None,
    bottom: float | None,
) -> Figure:
    """One KPI's latest value across vendors, with the benchmark quartile bands."""
    held = "service level" if len(rows) == 1 else "service levels"
    description = f"Latest {kpi_name} of {len(rows)} {held}"
    if top is not None and bottom is not None:
        description += (
            f", against the industry top quartile {fmt.number(top, unit)} and "
            f"bottom quartile {fmt.number(bottom, unit)} "
            "(the shaded band between them)"
        )
    description += "; a dark tick marks each one's expected value."
    spec = chart_spec(
        "kpi_across_vendors",
        rows,
        {
            "key": f"kpi-{kpi_id}",
            "title": kpi_name,
            "description": description,
            "x_title": _axis_title(unit),
            "value_title": kpi_name,
            "top_quartile": top,
            "bottom_quartile": bottom,
            "top_label": "Top quartile" if top is not None else "",
            "bottom_label": "Bottom quartile" if bottom is not None else "",
        },
    )
    table = [(str(r["vendor"]), str(r["label"]), fmt.status(str(r["status"])).word) for r in rows]
    return Figure(
        f"kpi-{kpi_id}",
        f"{kpi_name} across vendors",
        description,
        ("Vendor", "Latest value", "Status"),
        table,
        spec,
    ).with_json()


def portfolio_figure(rows: list[dict[str, Any]], bands: Bands, total: int | None = None) -> Figure:
    """Vendors' quarter scores over the status bands, worst first, with contract value.

    ``rows`` come in display order: {vendor, score, status, value, score_label, value_label};
    with many vendors they are the worst ``len(rows)`` of ``total``.
    """
    total = len(rows) if total is None else total
    low = [r for r in rows if r["status"] in ("red", "amber")]
    listed = "; ".join(
        f"{r['vendor']} {r['score_label']} ({fmt.status(str(r['status'])).word}, "
        f"{r['value_label']})"
        for r in low
    )
    shown = (
        f"{len(rows)} vendors"
        if len(rows) == total
        else (f"the {len(rows)} lowest-scoring of {total} vendors")
    )
    description = (
        f"Quarter score of {shown}, worst first, against the bands "
        f"(green from {bands.green:g}, amber from {bands.amber:g}); "
        f"{len(low)} below green"
    )
    description += f": {listed}." if low else "."
    spec = chart_spec(
        "portfolio",
        rows,
        {
            "key": "portfolio",
            "title": "Quarter score by vendor, worst first",
            "description": description,
            # chart_spec writes the band labels from the thresholds, the same on every score chart.
            "green": bands.green,
            "amber": bands.amber,
            "x_title": "Annual contract value",
        },
    )
    table = [
        (
            str(r["vendor"]),
            str(r["score_label"]),
            fmt.status(str(r["status"])).word,
            str(r["value_label"]),
        )
        for r in rows
    ]
    caption = (
        "Where to act: quarter score and contract value of every vendor"
        if len(rows) == total
        else f"Where to act: the {len(rows)} lowest quarter scores of {total} vendors"
    )
    return Figure(
        "portfolio",
        caption,
        description,
        ("Vendor", "Score", "Status", "Annual value"),
        table,
        spec,
    ).with_json()
