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
from scorecardgen.i18n import _, ngettext
from scorecardgen.model import Bands
from scorecardgen.pages.figure_text import (
    excluded_text,
    excluded_word,
    is_excluded,
    is_missing,
    missing_text,
    next_step_text,
    period_label,
    point_label,
    restated_note,
    restated_text,
    status_word,
    steps_text,
    value_cell,
)
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
    Each of the following is a sentence, "" when there is nothing to say:
    ``excluded_text`` the excluded periods with their reasons ("1 month excluded: Jun 2026
    (force majeure: regional flood)"); ``restated_text`` the restated values ("1 value
    restated: Mar 2026 70.0 (restated from 64.0 on 12 Jun 2026: Vendor recount)");
    ``steps_text`` where a stepped target changes over the chart ("expected rises to 78.0%
    from Jan 2026"); ``next_step_text`` the step still to come ("Next step from Jan 2027:
    expected 80.0%, minimum 75.0%").
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
    excluded_text: str = ""
    restated_text: str = ""
    steps_text: str = ""
    next_step_text: str = ""

    def with_json(self) -> Figure:
        """This figure with its spec as the JSON the page embeds (safe in a script element)."""
        return replace(self, spec_json=Markup(spec_json(self.spec)))


def _missing_labels(missing: Sequence[ScoredMeasurement]) -> tuple[str, ...]:
    """The distinct periods of ``missing`` by name, in time order."""
    return tuple(period_label(p) for p in sorted({m.period for m in missing}))


def _sl_names(card: VendorScorecard) -> dict[tuple[str, str], str]:
    """Each service level's KPI name, with its contract when two share a name."""
    names = {(s.contract, s.kpi): s.kpi_name for s in card.service_levels}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {k: f"{n} ({k[0]})" if n in shared else n for k, n in names.items()}


def _axis_title(unit: str) -> str:
    # Counts, scores and ratios are plain numbers: an axis titled "count" says nothing.
    return unit if unit not in ("count", "score", "ratio") else ""


def _sl_row(m: ScoredMeasurement, unit: str) -> dict[str, Any]:
    """One period of a service-level chart, with the levels in force in it."""
    return {
        "period": m.period,
        "value": m.value,
        "status": m.status,
        "missing": is_missing(m),
        "excluded": is_excluded(m),
        "restated": m.restated is not None,
        "expected": m.expected,
        "minimum": m.minimum,
        "label": point_label(m, unit),
    }


def sl_figure(card: VendorScorecard, sl: ServiceLevelSummary) -> Figure:
    """Values over time against expected and minimum, points coloured and shaped by status.

    The levels are those in force in each period: a stepped target draws them as steps. A
    missing report is a gap in the line, marked "∅", and "Missing" in the table; an excluded
    period a grey ring marked "⊖", "Excluded" with its reason in the tooltip and the table; a
    restated value is ringed, with what was first reported, when and why.
    """
    points = sorted(
        (m for m in card.measurements if m.contract == sl.contract and m.kpi == sl.kpi),
        key=lambda m: m.period,
    )
    unit = sl.unit
    better = _("higher") if sl.direction == "higher" else _("lower")
    met = sum(1 for m in points if m.status == "met")
    breached = sum(1 for m in points if m.status == "breached")
    measured = sum(1 for m in points if m.value is not None)
    missing = [m for m in points if is_missing(m)]
    # The levels the chart starts at, and those its margin labels name: its last period's.
    first = (points[0].expected, points[0].minimum) if points else (sl.expected, sl.minimum)
    last = (points[-1].expected, points[-1].minimum) if points else (sl.expected, sl.minimum)
    steps = steps_text(points, unit)
    description = _(
        "%(kpi_name)s for %(name)s, %(measured)s %(window)s values "
        "(%(better)s is better) against expected %(unit)s and minimum "
        "%(unit2)s%(else)s: %(met)s met, %(breached)s breached."
    ) % {
        "kpi_name": sl.kpi_name,
        "name": card.name,
        "measured": measured,
        "window": fmt.window_word(sl.window),
        "better": better,
        "unit": fmt.number(first[0], unit),
        "unit2": fmt.number(first[1], unit),
        "else": ", " + steps if steps else "",
        "met": met,
        "breached": breached,
    }
    gap = missing_text(missing)
    excused = excluded_text([m for m in points if is_excluded(m)])
    restated = restated_text([m for m in points if m.restated is not None], unit)
    upcoming = next_step_text(sl)
    for sentence in (gap, excused, restated):
        if sentence:
            description += f" {sentence}."
    if sl.latest is not None:
        description += _(" Latest: %(unit)s in %(period)s.") % {
            "unit": fmt.number(sl.latest.value, unit),
            "period": period_label(sl.latest.period),
        }
    if upcoming:
        description += f" {upcoming}."
    key = f"sl-{sl.contract}-{sl.kpi}"
    spec = chart_spec(
        "sl_timeseries",
        [_sl_row(m, unit) for m in points],
        {
            # No title inside the chart: the page heads each chart with the service level's name.
            "key": key,
            "title": "",
            "description": description,
            "expected": last[0],
            "minimum": last[1],
            "y_title": _axis_title(sl.unit),
            "value_title": sl.kpi_name,
            "expected_label": _("Expected %(unit)s") % {"unit": fmt.number(last[0], unit)},
            "minimum_label": _("Minimum %(unit)s") % {"unit": fmt.number(last[1], unit)},
        },
    )
    table = [
        (
            period_label(m.period),
            value_cell(m, unit),
            excluded_word(m) if is_excluded(m) else status_word(m),
            fmt.score(m.score),
        )
        for m in points
    ]
    return Figure(
        key,
        _("%(kpi_name)s: %(window)s values against expected and minimum")
        % {"kpi_name": sl.kpi_name, "window": fmt.window_word(sl.window)},
        description,
        (_("Period"), _("Value"), _("Status"), _("Score")),
        table,
        spec,
        missing=_missing_labels(missing),
        missing_text=gap,
        excluded_text=excused,
        restated_text=restated,
        steps_text=steps,
        next_step_text=upcoming,
    ).with_json()


def _quarter_label(q: VendorQuarter) -> str:
    """``Q3 2026``, or ``Q3 2026 (to date, 1 of 3 months)`` for a quarter in progress."""
    label = period_label(q.period)
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
        _("%(period)s is in progress (%(months_to_date)s): its score, %(score)s, is drawn hollow")
        % {
            "period": period_label(to_date[-1].period),
            "months_to_date": fmt.months_to_date(to_date[-1].months_to_date),
            "score": fmt.score(to_date[-1].score),
        }
        if to_date
        else ""
    )
    missing = [m for m in card.measurements if is_missing(m)]
    gap = missing_text(missing, _sl_names(card) if len(card.service_levels) > 1 else None)
    if quarters:
        first, last = quarters[0], quarters[-1]
        description = _(
            "Quarter score of %(name)s from %(period)s (%(score)s) to "
            "%(period2)s (%(score2)s%(date)s), against green from %(g)s and "
            "amber from %(g2)s."
        ) % {
            "name": card.name,
            "period": period_label(first.period),
            "score": fmt.score(first.score),
            "period2": period_label(last.period),
            "score2": fmt.score(last.score),
            "date": "" if last.closed else " to date",
            "g": format(bands.green, "g"),
            "g2": format(bands.amber, "g"),
        }
        if to_date_text:
            description += f" {to_date_text}."
        if gap:
            description += f" {gap}."
    else:
        description = _("No quarter of %(name)s has a score yet.") % {"name": card.name}
    key = f"{key_prefix}trend"
    spec = chart_spec(
        "score_trend",
        rows,
        {
            "key": key,
            "title": _("Quarter score"),
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
        _("Quarter score trend with the status bands"),
        description,
        (_("Quarter"), _("Score"), _("Status"), _("Coverage"), _("Trend")),
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
    breached), apart from "no data", a month nothing was expected for; an excluded period a
    slate "⊖" cell, its reason in the tooltip."""
    by_key = {(m.contract, m.kpi, m.period): m for m in card.measurements}
    rows: list[dict[str, Any]] = []
    table: list[tuple[str, ...]] = []
    missing: dict[tuple[str, str, str], ScoredMeasurement] = {}
    excluded: dict[tuple[str, str, str], ScoredMeasurement] = {}
    for sl in card.service_levels:
        name = names[(sl.contract, sl.kpi)]
        cells = []
        for month in months:
            period = month if sl.window == "monthly" else str(Period.parse(month).quarter)
            m = by_key.get((sl.contract, sl.kpi, period))
            status = m.status if m is not None else "no-data"
            word = status_word(m) if m is not None else fmt.status(status).word
            tip = word
            if m is not None and is_missing(m):
                missing[(sl.contract, sl.kpi, period)] = m
            if m is not None and is_excluded(m):
                excluded[(sl.contract, sl.kpi, period)] = m
                tip = excluded_word(m)
            if m is not None and m.restated is not None:
                tip += f" ({restated_note(m, sl.unit)})"
            cells.append(word)
            rows.append(
                {
                    "sl": name,
                    "period": month,
                    "status": status,
                    "missing": m is not None and is_missing(m),
                    "label": f"{name}, {period_label(month)}: {tip}",
                }
            )
        table.append((name, *cells))
    breached = sum(1 for r in rows if r["status"] == "breached")
    description = _(
        "Status of %(n)s service levels of %(name)s over %(n2)s months: "
        "%(breached)s breached %(cells)s."
    ) % {
        "n": len(card.service_levels),
        "name": card.name,
        "n2": len(months),
        "breached": breached,
        "cells": ngettext("cell", "cells", breached),
    }
    gone = list(missing.values())
    several = names if len(card.service_levels) > 1 else None
    gap = missing_text(gone, several)
    excused = excluded_text(list(excluded.values()), several)
    for sentence in (gap, excused):
        if sentence:
            description += f" {sentence}."
    spec = chart_spec(
        "status_heatmap",
        rows,
        {"key": "heatmap", "title": _("Status by month"), "description": description},
    )
    head = (_("Service level"), *(period_label(m) for m in months))
    return Figure(
        "heatmap",
        _("Status heat map: service level by month"),
        description,
        head,
        table,
        spec,
        missing=_missing_labels(gone),
        missing_text=gap,
        excluded_text=excused,
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
    held = _("service level") if len(rows) == 1 else _("service levels")
    description = _("Latest %(kpi_name)s of %(n)s %(held)s") % {
        "kpi_name": kpi_name,
        "n": len(rows),
        "held": held,
    }
    if top is not None and bottom is not None:
        description += _(
            ", against the industry top quartile %(unit)s and bottom quartile"
            " %(unit2)s (the shaded band between them)"
        ) % {"unit": fmt.number(top, unit), "unit2": fmt.number(bottom, unit)}
    description += _("; a dark tick marks each one's expected value.")
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
            "top_label": _("Top quartile") if top is not None else "",
            "bottom_label": _("Bottom quartile") if bottom is not None else "",
        },
    )
    table = [(str(r["vendor"]), str(r["label"]), fmt.status(str(r["status"])).word) for r in rows]
    return Figure(
        f"kpi-{kpi_id}",
        _("%(kpi_name)s across vendors") % {"kpi_name": kpi_name},
        description,
        (_("Vendor"), _("Latest value"), _("Status")),
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
        {
            **r,
            "in_progress": True,
            "score_label": _("%(score_label)s to date") % {"score_label": r["score_label"]},
        }
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
        ngettext("%(n)s vendor", "%(n)s vendors", len(rows)) % {"n": len(rows)}
        if len(rows) == total
        else (_("the %(n)s lowest-scoring of %(total)s vendors") % {"n": len(rows), "total": total})
    )
    description = _(
        "Quarter score of %(shown)s, worst first, against the bands (green "
        "from %(g)s, amber from %(g2)s); %(n)s below green"
    ) % {
        "shown": shown,
        "g": format(bands.green, "g"),
        "g2": format(bands.amber, "g"),
        "n": len(low),
    }
    description += f": {listed}." if low else "."
    to_date_text = ""
    if running:
        who = ", ".join(f"{r['vendor']} {r['score_label']}" for r in running)
        to_date_text = _(
            "No closed quarter yet, so not ranked: %(who)s (the quarter in progress, drawn hollow)"
        ) % {"who": who}
        description += f" {to_date_text}."
    spec = chart_spec(
        "portfolio",
        rows,
        {
            "key": "portfolio",
            "title": _("Quarter score by vendor, worst first"),
            "description": description,
            # chart_spec writes the band labels from the thresholds, the same on every score chart.
            "green": bands.green,
            "amber": bands.amber,
            "x_title": _("Annual contract value"),
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
        _("Where to act: quarter score and contract value of every vendor")
        if len(rows) == total
        else _("Where to act: the %(n)s lowest quarter scores of %(total)s vendors")
        % {"n": len(rows), "total": total}
    )
    return Figure(
        "portfolio",
        caption,
        description,
        (_("Vendor"), _("Score"), _("Status"), _("Annual value")),
        table,
        spec,
        to_date_text=to_date_text,
    ).with_json()
