"""One Vega-Lite template per chart shape, built once with Altair.

Each template reads its rows from named datasets (``table`` and, per shape, ``refs``,
``bands``, ``benchmark`` or ``band``) and carries ``@@name@@`` placeholders where a chart's
own strings go (title, axis titles, number formats). ``spec.chart_spec`` copies a template
and fills both in without Altair, so a site with hundreds of charts builds each shape once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Literal

import altair as alt

from scorecardgen.charts import style as s


def placeholder(name: str) -> str:
    """The marker ``spec.chart_spec`` replaces by the chart's own ``name`` parameter."""
    return f"@@{name}@@"


def _finish(chart: alt.TopLevelMixin) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()
    spec["config"] = s.config()
    spec["description"] = placeholder("description")
    return spec


def _title() -> alt.TitleParams:
    return alt.TitleParams(text=placeholder("title"))


_MONTHS = "['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec']"

# "2025-03" -> ["Mar", "2025"], "2025-Q1" -> ["Q1", "2025"]: two short lines under each tick.
PERIOD_LABEL = (
    "indexof(datum.value, 'Q') > 0"
    " ? [substring(datum.value, 5), substring(datum.value, 0, 4)]"
    f" : [{_MONTHS}[toNumber(substring(datum.value, 5, 7)) - 1], substring(datum.value, 0, 4)]"
)


# "2025-10" -> "Oct ’25": one short line, for the heat map's narrow columns.
MONTH_LABEL = (
    f"{_MONTHS}[toNumber(substring(datum.value, 5, 7)) - 1]"
    " + ' \u2019' + substring(datum.value, 2, 4)"
)


def _period_x() -> alt.X:
    # Periods ("2025-03", "2025-Q1") sort correctly as text.
    return alt.X(
        "period:O",
        title=None,
        sort="ascending",
        axis=alt.Axis(labelAngle=0, labelExpr=PERIOD_LABEL, labelLineHeight=13),
    )


def _status_encoding(
    domain: list[str], colours: list[str], shapes: list[str], legend: alt.Legend
) -> dict[str, Any]:
    legend = alt.Legend(**{**legend.to_dict(), "labelExpr": s.status_words(domain)})
    return {
        "color": alt.Color(
            "status:N", scale=alt.Scale(domain=domain, range=colours), legend=legend
        ),
        "shape": alt.Shape("status:N", scale=alt.Scale(domain=domain, range=shapes), legend=legend),
    }


# Band label colours as an expression, so labels need no scale of their own (a second
# colour scale in the same layer would clash with the status colours of the points).
_BAND_INK = f"{{'green': '{s.GREEN}', 'amber': '{s.AMBER}', 'red': '{s.RED}'}}[datum.band]"


def _band_layers() -> list[alt.Chart]:
    """Pale score bands (green, amber, red) with a labelled rule at each threshold."""
    bands = alt.NamedData(name="bands")
    y = alt.Y("from:Q", title=None, scale=alt.Scale(domain=[0, 100], nice=False))
    fill = alt.Fill(
        "band:N",
        scale=alt.Scale(domain=list(s.BAND_FILLS), range=list(s.BAND_FILLS.values())),
        legend=None,
    )
    rect = (
        alt.Chart(bands)
        .mark_rect()
        .encode(y=y, y2="to:Q", x=alt.value(0), x2=alt.value("width"), fill=fill)
    )
    edge = alt.Stroke(
        "band:N",
        scale=alt.Scale(domain=["green", "amber", "red"], range=[s.GREEN, s.AMBER, s.RED]),
        legend=None,
    )
    rule = (
        alt.Chart(bands)
        .transform_filter("datum.from > 0")
        .mark_rule(strokeDash=[4, 3], strokeWidth=1, opacity=0.7)
        .encode(y=alt.Y("from:Q"), stroke=edge)
    )
    # Labels sit in the right margin, beside their band, where no data point can cover them.
    label = (
        alt.Chart(bands)
        .transform_calculate(middle="(datum.from + datum.to) / 2", ink=_BAND_INK)
        .mark_text(align="left", baseline="middle", dx=6, fontSize=10, fontWeight=600)
        .encode(
            y=alt.Y("middle:Q"),
            x=alt.value("width"),
            text=alt.Text("label:N"),
            color=alt.Color("ink:N", scale=None),
        )
    )
    return [rect, rule, label]


@functools.cache
def sl_timeseries() -> dict[str, Any]:
    """Values of one service level over time, against its expected and minimum lines."""
    table = alt.NamedData(name="table")
    refs = alt.NamedData(name="refs")
    x = _period_x()
    y = alt.Y(
        "value:Q",
        title=placeholder("y_title"),
        scale=alt.Scale(zero=False, nice=True),
        axis=alt.Axis(format=placeholder("y_format"), tickCount=5),
    )
    kinds = ["expected", "minimum"]
    ref_rule = (
        alt.Chart(refs)
        .mark_rule(strokeWidth=1.5)
        .encode(
            y=alt.Y("value:Q"),
            stroke=alt.Stroke(
                "kind:N", scale=alt.Scale(domain=kinds, range=[s.GREEN, s.RED]), legend=None
            ),
            strokeDash=alt.StrokeDash(
                "kind:N", scale=alt.Scale(domain=kinds, range=[[6, 4], [2, 3]]), legend=None
            ),
        )
    )
    # In the right margin, just above or below their line, clear of the data points.
    sides: list[tuple[str, Literal["bottom", "top"], int]] = [
        ("above", "bottom", 3),
        ("below", "top", -3),
    ]
    ref_text = [
        alt.Chart(refs)
        .transform_filter(f"datum.side === '{side}'")
        .mark_text(align="left", baseline=baseline, dx=6, dy=dy, fontSize=10, fontWeight=600)
        .encode(
            y=alt.Y("value:Q"),
            x=alt.value("width"),
            text=alt.Text("label:N"),
            fill=alt.Fill(
                "kind:N", scale=alt.Scale(domain=kinds, range=[s.GREEN, s.RED]), legend=None
            ),
        )
        for side, baseline, dy in sides
    ]
    line = (
        alt.Chart(table)
        .mark_line(color=s.LINE, strokeWidth=2, invalid="break-paths-show-domains")
        .encode(x=x, y=y)
    )
    legend = alt.Legend(title=None, orient="top", direction="horizontal")
    points = (
        alt.Chart(table)
        .transform_filter("isValid(datum.value)")
        .mark_point(filled=True, size=90, opacity=1, stroke="#ffffff", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("label:N", title=placeholder("value_title")),
                alt.Tooltip("status:N", title="Status"),
            ],
            **_status_encoding(s.SL_STATUSES[:3], s.SL_COLOURS[:3], s.SL_SHAPES[:3], legend),
        )
    )
    chart = alt.layer(ref_rule, *ref_text, line, points).properties(
        width=s.SL_WIDTH, height=s.SL_HEIGHT, title=_title()
    )
    return _finish(chart)


@functools.cache
def score_trend() -> dict[str, Any]:
    """A vendor's score per period over the green, amber and red bands."""
    table = alt.NamedData(name="table")
    x = _period_x()
    y = alt.Y(
        "score:Q",
        title="Score",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 20, 40, 60, 80, 100], format="d"),
    )
    line = (
        alt.Chart(table)
        .mark_line(color=s.LINE, strokeWidth=2, invalid="break-paths-show-domains")
        .encode(x=x, y=y)
    )
    legend = alt.Legend(title=None, orient="top", direction="horizontal")
    points = (
        alt.Chart(table)
        .transform_filter("isValid(datum.score)")
        .mark_point(filled=True, size=100, opacity=1, stroke="#ffffff", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("period:N", title="Period"),
                alt.Tooltip("label:N", title="Score"),
                alt.Tooltip("status:N", title="Status"),
            ],
            **_status_encoding(s.BAND_STATUSES, s.BAND_COLOURS, s.BAND_SHAPES, legend),
        )
    )
    chart = alt.layer(*_band_layers(), line, points).properties(
        width=s.TREND_WIDTH, height=s.TREND_HEIGHT, title=_title()
    )
    return _finish(chart)


@functools.cache
def status_heatmap() -> dict[str, Any]:
    """Status of each service level (rows) in each period (columns), with a symbol per cell."""
    table = alt.NamedData(name="table")
    symbols = "{" + ", ".join(f"'{k}': '{v}'" for k, v in s.HEAT_SYMBOLS.items()) + "}"
    base = alt.Chart(table).encode(
        x=alt.X(
            "period:O",
            title=None,
            sort="ascending",
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                domain=False,
                ticks=False,
                labelExpr=MONTH_LABEL,
            ),
        ),
        y=alt.Y(
            "sl:N",
            title=None,
            sort=None,
            axis=alt.Axis(
                labelLimit=s.HEAT_LABEL_LIMIT,
                labelFontSize=11.5,
                labelColor=s.INK,
                domain=False,
                ticks=False,
            ),
        ),
    )
    legend = alt.Legend(
        title=None,
        orient="bottom",
        direction="horizontal",
        symbolType="square",
        labelExpr=s.status_words(s.SL_STATUSES, s.HEAT_SYMBOLS),
    )
    cells = base.mark_rect(stroke="#ffffff", strokeWidth=2, cornerRadius=3).encode(
        color=alt.Color(
            "status:N", scale=alt.Scale(domain=s.SL_STATUSES, range=s.HEAT_FILLS), legend=legend
        ),
        tooltip=[
            alt.Tooltip("sl:N", title="Service level"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("label:N", title="Value"),
        ],
    )
    marks = (
        base.transform_calculate(symbol=f"({symbols})[datum.status] || ''")
        .mark_text(fontSize=13, fontWeight="bold", baseline="middle")
        .encode(
            text=alt.Text("symbol:N"),
            color=alt.condition("datum.status === 'no-data'", alt.value(s.INK), alt.value("#fff")),
        )
    )
    chart = alt.layer(cells, marks).properties(
        width=s.HEAT_WIDTH, height=alt.Step(s.HEAT_ROW), title=_title()
    )
    return _finish(chart)


@functools.cache
def kpi_across_vendors() -> dict[str, Any]:
    """One KPI's latest value per vendor, with the benchmark's interquartile band."""
    table = alt.NamedData(name="table")
    x = alt.X(
        "value:Q",
        title=placeholder("x_title"),
        scale=alt.Scale(zero=False, nice=True, padding=16),
        axis=alt.Axis(format=placeholder("x_format"), tickCount=6),
    )
    y = alt.Y(
        "vendor:N",
        title=None,
        sort=None,
        axis=alt.Axis(labelLimit=s.KPI_LABEL_LIMIT, labelColor=s.INK, ticks=False),
    )
    band = (
        alt.Chart(alt.NamedData(name="band"))
        .mark_rect(color="#e8eef6")
        .encode(x=alt.X("low:Q"), x2="high:Q", y=alt.value(0), y2=alt.value("height"))
    )
    benchmark = alt.NamedData(name="benchmark")
    quartile = (
        alt.Chart(benchmark)
        .mark_rule(color="#64748b", strokeDash=[3, 3])
        .encode(x=alt.X("value:Q"))
    )
    quartile_text = (
        alt.Chart(benchmark)
        .mark_text(baseline="bottom", dy=-4, fontSize=10, color="#475569")
        .encode(x=alt.X("value:Q"), y=alt.value(0), text=alt.Text("label:N"))
    )
    expected = (
        alt.Chart(table)
        .transform_filter("isValid(datum.expected)")
        .mark_tick(color=s.INK, thickness=2, size=22)
        .encode(
            x=alt.X("expected:Q"),
            y=y,
            tooltip=[
                alt.Tooltip("vendor:N", title="Vendor"),
                alt.Tooltip("expected:Q", title="Expected", format=placeholder("x_format")),
            ],
        )
    )
    legend = alt.Legend(title=None, orient="bottom", direction="horizontal")
    valid = "isValid(datum.value)"
    points = (
        alt.Chart(table)
        .transform_filter(valid)
        .mark_point(filled=True, size=120, opacity=1, stroke="#ffffff", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("vendor:N", title="Vendor"),
                alt.Tooltip("label:N", title=placeholder("value_title")),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("period:N", title="Period"),
            ],
            **_status_encoding(s.SL_STATUSES[:3], s.SL_COLOURS[:3], s.SL_SHAPES[:3], legend),
        )
    )
    labels = (
        alt.Chart(table)
        .transform_filter(valid)
        .mark_text(align="left", baseline="middle", dx=10, fontSize=11, color=s.MUTED)
        .encode(x=x, y=y, text=alt.Text("label:N"))
    )
    chart = alt.layer(band, quartile, quartile_text, expected, points, labels).properties(
        width=s.KPI_WIDTH, height=alt.Step(s.KPI_ROW), title=_title()
    )
    return _finish(chart)


@functools.cache
def portfolio() -> dict[str, Any]:
    """One row per vendor, in the order given (worst first): score on a 0-100 axis over the
    status bands, status by colour and shape, annual contract value written beside each row.

    Rows never collide, whatever the scores, so this stays readable with ties and at any
    number of vendors.
    """
    table = alt.NamedData(name="table")
    bands = alt.NamedData(name="bands")
    x = alt.X(
        "score:Q",
        title="Quarter score",
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 20, 40, 60, 80, 100], format="d", grid=False),
    )
    y = alt.Y(
        "vendor:N",
        title=None,
        sort=None,
        axis=alt.Axis(
            labelLimit=s.PORTFOLIO_LABEL_LIMIT,
            labelFontSize=12,
            labelColor=s.INK,
            labelPadding=10,
            domain=False,
            ticks=False,
        ),
    )
    fill = alt.Fill(
        "band:N",
        scale=alt.Scale(domain=list(s.BAND_FILLS), range=list(s.BAND_FILLS.values())),
        legend=None,
    )
    edge = alt.Stroke(
        "band:N",
        scale=alt.Scale(domain=["green", "amber", "red"], range=[s.GREEN, s.AMBER, s.RED]),
        legend=None,
    )
    rect = (
        alt.Chart(bands)
        .mark_rect()
        .encode(x=alt.X("from:Q"), x2="to:Q", y=alt.value(0), y2=alt.value("height"), fill=fill)
    )
    rule = (
        alt.Chart(bands)
        .transform_filter("datum.from > 0")
        .mark_rule(strokeDash=[4, 3], strokeWidth=1, opacity=0.7)
        .encode(x=alt.X("from:Q"), stroke=edge)
    )
    band_label = (
        alt.Chart(bands)
        .transform_calculate(middle="(datum.from + datum.to) / 2", ink=_BAND_INK)
        .mark_text(baseline="bottom", dy=-6, fontSize=10, fontWeight=600)
        .encode(
            x=alt.X("middle:Q"),
            y=alt.value(0),
            text=alt.Text("label:N"),
            color=alt.Color("ink:N", scale=None),
        )
    )
    # A faint guide along each row, from the name to the right-hand value column.
    guide = (
        alt.Chart(table)
        .mark_rule(color="#94a3b8", strokeWidth=1, strokeDash=[1, 3])
        .encode(y=y, x=alt.value(0), x2=alt.value("width"))
    )
    valid = "isValid(datum.score)"
    legend = alt.Legend(title=None, orient="bottom", direction="horizontal")
    points = (
        alt.Chart(table)
        .transform_filter(valid)
        .mark_point(filled=True, size=170, opacity=1, stroke="#ffffff", strokeWidth=1.5)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("vendor:N", title="Vendor"),
                alt.Tooltip("score_label:N", title="Score"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("value_label:N", title="Annual value"),
            ],
            **_status_encoding(s.BAND_STATUSES, s.BAND_COLOURS, s.BAND_SHAPES, legend),
        )
    )
    scores = (
        alt.Chart(table)
        .transform_filter(valid)
        .mark_text(align="right", baseline="middle", dx=-12, fontSize=11, fontWeight=700)
        .encode(x=x, y=y, text=alt.Text("score_label:N"), color=alt.value(s.INK))
    )
    values = (
        alt.Chart(table)
        .mark_text(align="left", baseline="middle", dx=14, fontSize=11, color=s.MUTED)
        .encode(y=y, x=alt.value("width"), text=alt.Text("value_label:N"))
    )
    value_head = (
        alt.Chart(bands)
        .transform_filter("datum.band === 'green'")
        .mark_text(align="left", baseline="bottom", dx=14, dy=-6, fontSize=10, fontWeight=600)
        .encode(
            x=alt.value("width"),
            y=alt.value(0),
            text=alt.value(placeholder("x_title")),
            color=alt.value(s.MUTED),
        )
    )
    chart = alt.layer(rect, rule, band_label, guide, points, scores, values, value_head).properties(
        width=s.PORTFOLIO_WIDTH, height=alt.Step(s.PORTFOLIO_ROW), title=_title()
    )
    return _finish(chart)


TEMPLATES: dict[str, Callable[[], dict[str, Any]]] = {
    "sl_timeseries": sl_timeseries,
    "score_trend": score_trend,
    "status_heatmap": status_heatmap,
    "kpi_across_vendors": kpi_across_vendors,
    "portfolio": portfolio,
}
