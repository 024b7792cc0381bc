"""Charts as page figures: a Vega-Lite spec plus caption, description and the data as a table.

The spec is filled from the chart shape's template (charts.spec); the SVG is rendered later,
once for every distinct chart of the site, and the render stage draws each page with copies
of its figures that carry their SVG (``Figure.svg``); the planned figures stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup

from scorecardgen import formatting as fmt
from scorecardgen.charts.spec import chart_spec, spec_json
from scorecardgen.model import Bands
from scorecardgen.periods import Period
from scorecardgen.scoring import (
    ScoredMeasurement,
    ServiceLevelSummary,
    VendorQuarter,
    VendorScorecard,
)


@dataclass(frozen=True)
class Figure:
    """One chart on a page: everything a template needs, the SVG filled in by the render stage.

    ``missing``: the periods with a missing report the chart shows, by name ("Apr 2026");
    ``missing_text``: them in a sentence ("2 months missing: Apr 2026, May 2026"), "" when
    none; ``to_date_text``: what the chart shows of a quarter in progress, "" when nothing.
    """

    key: str
    caption: str
    description: str
    head: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    spec: dict[str, Any]
    svg: str = ""
    spec_json: str = field(default="", repr=False)
    missing: tuple[str, ...] = ()
    missing_text: str = ""
    to_date_text: str = ""

    def with_json(self) -> Figure:
        """This figure with its spec as the JSON the page embeds (safe in a script element)."""
        return replace(self, spec_json=Markup(spec_json(self.spec)))


def _period_label(period: str) -> str:
    return Period.parse(period).label


# A missing report the contract counts as a breach (``missing_data: breached``), as the
# pages' status chips word it.
MISSING_BREACHED = "Breached (missing)"
MISSING_LISTED = 12  # periods named in a description before "and N more"


def _is_missing(m: ScoredMeasurement) -> bool:
    return m.result.missing


def _status_word(m: ScoredMeasurement) -> str:
    """The status of a period in words; a missing report counted as breached says so."""
    if m.result.missing and m.status == "breached":
        return MISSING_BREACHED
    return fmt.status(m.status).word


def missing_text(
    missing: Sequence[ScoredMeasurement], names: Mapping[tuple[str, str], str] | None = None
) -> str:
    """``2 months missing: Apr 2026, May 2026`` ("" for none): the periods of ``missing``
    in time order, each followed by the service levels missing it when ``names`` (by
    (contract, kpi)) is given, and which of them the contract counts as breached."""
    if not missing:
        return ""
    who: dict[str, list[str]] = {}
    for m in missing:
        who.setdefault(m.period, [])
        if names is not None and names[(m.contract, m.kpi)] not in who[m.period]:
            who[m.period].append(names[(m.contract, m.kpi)])
    ordered = sorted(who)
    kinds = {Period.parse(p).kind for p in ordered}
    noun = "month" if kinds == {"month"} else "quarter" if kinds == {"quarter"} else "period"
    count = len(ordered)
    listed = [
        f"{_period_label(p)} ({', '.join(who[p])})" if who[p] else _period_label(p)
        for p in ordered[:MISSING_LISTED]
    ]
    text = f"{count} {noun if count == 1 else noun + 's'} missing: {', '.join(listed)}"
    if count > len(listed):
        text += f", and {count - len(listed)} more"
    counted = sum(1 for m in missing if m.status == "breached")
    if counted:
        reports = "report" if counted == 1 else "reports"
        text += (
            ", counted as breached"
            if counted == len(missing)
            else f"; {counted} missing {reports} counted as breached"
        )
    return text


def _missing_labels(missing: Sequence[ScoredMeasurement]) -> tuple[str, ...]:
    """The distinct periods of ``missing`` by name, in time order."""
    return tuple(_period_label(p) for p in sorted({m.period for m in missing}))


def _sl_names(card: VendorScorecard) -> dict[tuple[str, str], str]:
    """Each service level's KPI name, with its contract when two share a name."""
    names = {(s.contract, s.kpi): s.kpi_name for s in card.service_levels}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {k: f"{n} ({k[0]})" if n in shared else n for k, n in names.items()}


def _axis_title(unit: str) -> str:
    # Counts, scores and ratios are plain numbers: an axis titled "count" says nothing.
    return unit if unit not in ("count", "score", "ratio") else ""


def sl_figure(card: VendorScorecard, sl: ServiceLevelSummary) -> Figure:
    """Values over time against expected and minimum, points coloured and shaped by status;
    a missing report is a gap in the line, marked "∅", and "Missing" in the table."""
    points = [m for m in card.measurements if m.contract == sl.contract and m.kpi == sl.kpi]
    unit = sl.unit
    rows = [
        {
            "period": m.period,
            "value": m.value,
            "status": m.status,
            "missing": _is_missing(m),
            "label": (
                f"{_period_label(m.period)}: "
                + (
                    (MISSING_BREACHED if m.status == "breached" else "Missing")
                    if _is_missing(m)
                    else f"{fmt.number(m.value, unit)} ({fmt.status(m.status).word})"
                )
            ),
        }
        for m in points
    ]
    better = "higher" if sl.direction == "higher" else "lower"
    met = sum(1 for m in points if m.status == "met")
    breached = sum(1 for m in points if m.status == "breached")
    measured = sum(1 for m in points if m.value is not None)
    missing = [m for m in points if _is_missing(m)]
    description = (
        f"{sl.kpi_name} for {card.name}, {measured} {sl.window} values "
        f"({better} is better) against expected {fmt.number(sl.expected, unit)} and minimum "
        f"{fmt.number(sl.minimum, unit)}: {met} met, {breached} breached."
    )
    gap = missing_text(missing)
    if gap:
        description += f" {gap}."
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
            "Missing" if _is_missing(m) else fmt.number(m.value, unit),
            _status_word(m),
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
        missing=_missing_labels(missing),
        missing_text=gap,
    ).with_json()


def _quarter_label(q: VendorQuarter) -> str:
    """``Q3 2026``, or ``Q3 2026 (to date, 1 of 3 months)`` for a quarter in progress."""
    label = _period_label(q.period)
    return label if q.closed else f"{label} ({fmt.months_to_date(q.months_to_date)})"


def trend_figure(card: VendorScorecard, bands: Bands, key_prefix: str = "") -> Figure:
    """Quarter scores over time against the green and amber thresholds: a quarter in
    progress is a hollow point marked "to date", a quarter without a score a gap."""
    scored = [i for i, q in enumerate(card.quarters) if q.score is not None]
    # From the first scored quarter to the last: an unscored quarter between them breaks the line.
    shown = card.quarters[scored[0] : scored[-1] + 1] if scored else ()
    rows = [
        {
            "period": q.period,
            "score": q.score,
            "status": q.status,
            "in_progress": not q.closed,
            "label": f"{_quarter_label(q)}: {fmt.score(q.score)} ({fmt.status(q.status).word})",
        }
        for q in shown
    ]
    quarters = [q for q in shown if q.score is not None]
    to_date = [q for q in quarters if not q.closed]
    to_date_text = (
        f"{_period_label(to_date[-1].period)} is in progress "
        f"({fmt.months_to_date(to_date[-1].months_to_date)}): its score, "
        f"{fmt.score(to_date[-1].score)}, is drawn hollow"
        if to_date
        else ""
    )
    missing = [m for m in card.measurements if _is_missing(m)]
    gap = missing_text(missing, _sl_names(card) if len(card.service_levels) > 1 else None)
    if quarters:
        first, last = quarters[0], quarters[-1]
        description = (
            f"Quarter score of {card.name} from {_period_label(first.period)} "
            f"({fmt.score(first.score)}) to {_period_label(last.period)} "
            f"({fmt.score(last.score)}{'' if last.closed else ' to date'}), against green "
            f"from {bands.green:g} and amber from {bands.amber:g}."
        )
        if to_date_text:
            description += f" {to_date_text}."
        if gap:
            description += f" {gap}."
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
            _quarter_label(q),
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
        missing=_missing_labels(missing),
        missing_text=gap,
        to_date_text=to_date_text,
    ).with_json()


def heatmap_figure(
    card: VendorScorecard, months: Sequence[str], names: dict[tuple[str, str], str]
) -> Figure:
    """Status of every service level in every month (quarterly ones in their quarter's months):
    a missing report is its own hatched "∅" cell (a red "∅" when the contract counts it as
    breached), apart from "no data", a month nothing was expected for."""
    by_key = {(m.contract, m.kpi, m.period): m for m in card.measurements}
    rows: list[dict[str, Any]] = []
    table: list[tuple[str, ...]] = []
    missing: dict[tuple[str, str, str], ScoredMeasurement] = {}
    for sl in card.service_levels:
        name = names[(sl.contract, sl.kpi)]
        cells = []
        for month in months:
            period = month if sl.window == "monthly" else str(Period.parse(month).quarter)
            m = by_key.get((sl.contract, sl.kpi, period))
            status = m.status if m is not None else "no-data"
            word = _status_word(m) if m is not None else fmt.status(status).word
            if m is not None and _is_missing(m):
                missing[(sl.contract, sl.kpi, period)] = m
            cells.append(word)
            rows.append(
                {
                    "sl": name,
                    "period": month,
                    "status": status,
                    "missing": m is not None and _is_missing(m),
                    "label": f"{name}, {_period_label(month)}: {word}",
                }
            )
        table.append((name, *cells))
    breached = sum(1 for r in rows if r["status"] == "breached")
    description = (
        f"Status of {len(card.service_levels)} service levels of {card.name} over "
        f"{len(months)} months: {breached} breached {'cell' if breached == 1 else 'cells'}."
    )
    gone = list(missing.values())
    gap = missing_text(gone, names if len(card.service_levels) > 1 else None)
    if gap:
        description += f" {gap}."
    spec = chart_spec(
        "status_heatmap",
        rows,
        {"key": "heatmap", "title": "Status by month", "description": description},
    )
    head = ("Service level", *(_period_label(m) for m in months))
    return Figure(
        "heatmap",
        "Status heat map: service level by month",
        description,
        head,
        table,
        spec,
        missing=_missing_labels(gone),
        missing_text=gap,
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

    ``rows`` come in display order: {vendor, score, status, value, score_label, value_label,
    and optionally in_progress}; with many vendors they are the worst ``len(rows)`` of
    ``total``. Vendors are ranked on their headline, the latest closed quarter: a vendor
    whose only scored quarter is still in progress (``in_progress``) is drawn hollow, its
    score marked "to date", after the ranked ones and never among them.
    """
    total = len(rows) if total is None else total
    ranked = [r for r in rows if not r.get("in_progress")]
    running = [
        {**r, "in_progress": True, "score_label": f"{r['score_label']} to date"}
        for r in rows
        if r.get("in_progress")
    ]
    rows = [*ranked, *running]
    low = [r for r in ranked if r["status"] in ("red", "amber")]
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
    to_date_text = ""
    if running:
        who = ", ".join(f"{r['vendor']} {r['score_label']}" for r in running)
        to_date_text = (
            f"No closed quarter yet, so not ranked: {who} (the quarter in progress, drawn hollow)"
        )
        description += f" {to_date_text}."
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
        to_date_text=to_date_text,
    ).with_json()
