"""Layers and encodings shared by the chart shapes, built with Altair.

A template reads its rows from named datasets and carries ``@@name@@`` placeholders where a
chart's own strings go (see ``charts/spec.py``). This module holds what more than one shape
draws: the period axis, status points (with their line, for charts over time), the score
bands, tooltips, and the title and config every template ends with. The look of each piece
comes from ``charts/style.py``.
"""

from __future__ import annotations

import calendar
import json
from typing import Any, Literal

import altair as alt

from scorecardgen import i18n
from scorecardgen.charts import style as s
from scorecardgen.i18n import N_, _

Orient = Literal["top", "bottom"]
Field = tuple[str, str]

# Tooltip rows as (field, title); the caller formats every value, so each field is nominal.
# Titles are marked here and translated when a template is built (``tooltip``).
PERIOD: Field = ("period", N_("Period"))
STATUS: Field = ("status", N_("Status"))
VENDOR: Field = ("vendor", N_("Vendor"))


def placeholder(name: str) -> str:
    """The marker ``spec.chart_spec`` replaces by the chart's own ``name`` parameter."""
    return f"@@{name}@@"


def title() -> alt.TitleParams:
    """The chart's title, filled in per chart (an empty one is dropped)."""
    return alt.TitleParams(text=placeholder("title"))


def finish(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The finished template: ``chart`` as a dict with the shared config and a description."""
    # not validated here (~0.1 s a build): tests check every template against the schema
    spec: dict[str, Any] = chart.to_dict(validate=False)
    spec["config"] = s.config()
    spec["description"] = placeholder("description")
    return spec


def tooltip(*fields: Field) -> list[alt.Tooltip]:
    """One tooltip row per (field, title), in order."""
    return [alt.Tooltip(f"{name}:N", title=_(heading)) for name, heading in fields]


def _months() -> str:
    """The site's short month names as a Vega array: ``['Jan',...]``, ``['Jan','Feb','März',
    ...]`` in ``de`` (CLDR's stand-alone abbreviations, without a closing period)."""
    tag = i18n.locale_tag()
    if tag.lower() in i18n.ENGLISH_TAGS:
        names = list(calendar.month_abbr)[1:]
    else:
        months = i18n.babel_locale(tag).months["stand-alone"]["abbreviated"]
        names = [str(months[m]).rstrip(".") for m in range(1, 13)]
    return json.dumps(names, ensure_ascii=False).replace('"', "'")


def _quarter_mark() -> str:
    """What stands before a quarter's number in the site's language (``Q``, ``T`` in ``fr``)."""
    quarters = i18n.babel_locale(i18n.locale_tag()).quarters["format"]["abbreviated"]
    mark = str(quarters[1]).removesuffix("1").strip()
    return mark.replace("'", "") if mark and len(mark) <= 3 else "Q"


def period_label() -> str:
    """ "2025-03" -> ["Mar", "2025"], "2025-Q1" -> ["Q1", "2025"]: two short lines under each
    tick, in the site's language."""
    return (
        "indexof(datum.value, 'Q') > 0"
        f" ? ['{_quarter_mark()}' + substring(datum.value, 6), substring(datum.value, 0, 4)]"
        f" : [{_months()}[toNumber(substring(datum.value, 5, 7)) - 1],"
        " substring(datum.value, 0, 4)]"
    )


def month_label() -> str:
    """ "2025-10" -> "Oct ’25": one short line, for the heat map's narrow columns."""
    return (
        f"{_months()}[toNumber(substring(datum.value, 5, 7)) - 1]"
        " + ' \u2019' + substring(datum.value, 2, 4)"
    )


def period_x() -> alt.X:
    """Periods along the x axis, oldest first, each labelled on two short lines."""
    # Periods ("2025-03", "2025-Q1") sort correctly as text.
    return alt.X(
        "period:O",
        title=None,
        sort="ascending",
        axis=alt.Axis(labelAngle=0, labelExpr=period_label(), labelLineHeight=13),
    )


def rows_y(field: str, **axis: Any) -> alt.Y:
    """One row per value of ``field``, in the order of the rows (worst first, or as listed)."""
    return alt.Y(f"{field}:N", title=None, sort=None, axis=alt.Axis(**axis))


# The legend entries a chart shows (its statuses, less those its rows never have), filled in
# per chart by ``spec.chart_spec`` as a Vega expression.
LEGEND_VALUES = placeholder("legend_values")


def legend_values(statuses: list[str]) -> Any:
    """The statuses a legend lists: when some are listed only when present
    (``style.SHOWN_WHEN_PRESENT``), the chart's own (``LEGEND_VALUES``), else all."""
    if set(statuses) & set(s.SHOWN_WHEN_PRESENT):
        return alt.ExprRef(expr=LEGEND_VALUES)
    return alt.Undefined


def status_encoding(look: s.StatusLook, orient: Orient) -> dict[str, Any]:
    """Colour and shape both by status, sharing one legend that shows the status words."""
    legend = alt.Legend(
        title=None,
        orient=orient,
        direction="horizontal",
        labelExpr=s.status_words(look.statuses),
        values=legend_values(look.statuses),
    )
    return {
        "color": alt.Color(
            "status:N", scale=alt.Scale(domain=look.statuses, range=look.colours), legend=legend
        ),
        "shape": alt.Shape(
            "status:N", scale=alt.Scale(domain=look.statuses, range=look.shapes), legend=legend
        ),
    }


def status_points(
    data: alt.NamedData,
    x: alt.X,
    y: alt.Y,
    *,
    value: str,
    look: s.StatusLook,
    legend: Orient,
    tips: list[alt.Tooltip],
    size: float = s.POINT_SIZE,
    outline: float = s.POINT_OUTLINE,
) -> alt.Chart:
    """A point per row that has a ``value``, coloured and shaped by its status."""
    points: alt.Chart = (
        alt.Chart(data)
        .transform_filter(f"isValid(datum.{value})")
        .mark_point(filled=True, size=size, opacity=1, stroke=s.WHITE, strokeWidth=outline)
        .encode(x=x, y=y, tooltip=tips, **status_encoding(look, legend))
    )
    return points


def hollow_points(
    data: alt.NamedData,
    x: alt.X,
    y: alt.Y,
    *,
    value: str,
    flag: str,
    look: s.StatusLook,
    tips: list[alt.Tooltip],
    size: float,
) -> alt.Chart:
    """A white core over each status point whose ``flag`` field is true, so that it reads
    hollow (a quarter in progress, not closed); it shows the same tooltip."""
    shape = alt.Shape(
        "status:N", scale=alt.Scale(domain=look.statuses, range=look.shapes), legend=None
    )
    core: alt.Chart = (
        alt.Chart(data)
        .transform_filter(f"isValid(datum.{value}) && datum.{flag} === true")
        .mark_point(filled=True, size=size * s.HOLLOW_CORE, opacity=1, color=s.WHITE, strokeWidth=0)
        .encode(x=x, y=y, shape=shape, tooltip=tips)
    )
    return core


def foot_symbols(
    data: alt.NamedData, x: alt.X, tips: list[alt.Tooltip], *, flag: str, symbol: str
) -> alt.Chart:
    """``symbol`` at the foot of the plot in each period of a row whose ``flag`` field is
    true, saying what happened in that period whatever its value."""
    marks: alt.Chart = (
        alt.Chart(data)
        .transform_filter(f"datum.{flag} === true")
        .mark_text(
            text=symbol,
            baseline="bottom",
            dy=-3,
            fontSize=s.MISSING_SYMBOL_SIZE,
            fontWeight=s.BOLD,
        )
        .encode(x=x, y=alt.value("height"), tooltip=tips)
    )
    return marks


def missing_marks(data: alt.NamedData, x: alt.X, tips: list[alt.Tooltip]) -> alt.Chart:
    """The missing-report symbol at the foot of the plot in each period of a row whose
    ``missing`` field is true: the value line has a gap there, and this says why (in red
    when the missing report counts as breached)."""
    marks: alt.Chart = foot_symbols(data, x, tips, flag="missing", symbol=s.MISSING_SYMBOL).encode(
        # Red when the contract counts the missing report as breached (missing_data).
        color=alt.condition(
            "datum.status === 'breached'", alt.value(s.RED), alt.value(s.MISSING_INK)
        ),
    )
    return marks


def point_labels(
    data: alt.NamedData,
    x: alt.X,
    y: alt.Y,
    *,
    value: str,
    text: str,
    align: Literal["left", "right"],
    dx: int,
    **look: Any,
) -> alt.Chart:
    """The ``text`` field written beside each point (each row that has a ``value``)."""
    labels: alt.Chart = (
        alt.Chart(data)
        .transform_filter(f"isValid(datum.{value})")
        .mark_text(align=align, baseline="middle", dx=dx, fontSize=s.FONT_SIZE, **look)
        .encode(x=x, y=y, text=alt.Text(f"{text}:N"))
    )
    return labels


def line_and_points(
    y: alt.Y,
    *,
    value: str,
    look: s.StatusLook,
    tips: list[alt.Tooltip],
    size: float,
    hollow: str | None = None,
    missing: bool = False,
) -> list[alt.Chart]:
    """The ``table`` rows over time: a line broken wherever a row's value is null (the
    period stays on the axis), and a point with its status (legend on top) at each value.

    ``hollow``: a row field that, when true, draws its point hollow; ``missing``: mark each
    row whose ``missing`` field is true with the missing-report symbol.
    """
    table = alt.NamedData(name="table")
    x = period_x()
    line = (
        alt.Chart(table)
        .mark_line(color=s.LINE, strokeWidth=s.LINE_WIDTH, invalid="break-paths-show-domains")
        .encode(x=x, y=y)
    )
    points = status_points(table, x, y, value=value, look=look, legend="top", tips=tips, size=size)
    layers = [line, points]
    if hollow:
        core = hollow_points(table, x, y, value=value, flag=hollow, look=look, tips=tips, size=size)
        note = margin_labels(
            alt.Chart(table).transform_filter(f"isValid(datum.{value}) && datum.{hollow} === true"),
            text=_(s.TO_DATE),
            baseline="top",
            dy=10,
            color=s.MUTED,
        ).encode(x=x, y=y)
        layers += [core, note]
    if missing:
        layers.append(missing_marks(table, x, tips))
    return layers


def margin_labels(chart: alt.Chart, **mark: Any) -> alt.Chart:
    """``chart`` as text marks in the annotation style, each in its data's ``label`` field."""
    text: alt.Chart = chart.mark_text(**mark, **s.MARGIN_TEXT)
    return text


# Band colours as an expression, so band labels need no scale of their own (a second colour
# scale in the same layer would clash with the status colours of the points).
_BAND_INK = "{" + ", ".join(f"'{k}': '{v}'" for k, v in s.BAND_EDGES.items()) + "}[datum.band]"


def score_bands(across: Literal["x", "y"]) -> list[alt.Chart]:
    """Pale green, amber and red bands from the ``bands`` rows, a dashed rule at each
    threshold, and each band's label: along the y axis with labels in the right margin
    (scores over time), or along the x axis with labels above the plot (one row per vendor).
    """
    bands = alt.NamedData(name="bands")
    fill = alt.Fill(
        "band:N",
        scale=alt.Scale(domain=list(s.BAND_FILLS), range=list(s.BAND_FILLS.values())),
        legend=None,
    )
    edge = alt.Stroke(
        "band:N",
        scale=alt.Scale(domain=list(s.BAND_EDGES), range=list(s.BAND_EDGES.values())),
        legend=None,
    )
    labels = alt.Chart(bands).transform_calculate(
        middle="(datum.from + datum.to) / 2", ink=_BAND_INK
    )
    text: dict[str, Any] = {"text": alt.Text("label:N"), "color": alt.Color("ink:N", scale=None)}
    if across == "y":
        y = alt.Y("from:Q", title=None, scale=alt.Scale(domain=[0, 100], nice=False))
        rect = (
            alt.Chart(bands)
            .mark_rect()
            .encode(y=y, y2="to:Q", x=alt.value(0), x2=alt.value("width"), fill=fill)
        )
        threshold: dict[str, Any] = {"y": alt.Y("from:Q")}
        # Labels sit in the right margin, beside their band, where no data point can cover them.
        label = margin_labels(labels, align="left", baseline="middle", dx=6).encode(
            y=alt.Y("middle:Q"), x=alt.value("width"), **text
        )
    else:
        rect = (
            alt.Chart(bands)
            .mark_rect()
            .encode(x=alt.X("from:Q"), x2="to:Q", y=alt.value(0), y2=alt.value("height"), fill=fill)
        )
        threshold = {"x": alt.X("from:Q")}
        label = margin_labels(labels, baseline="bottom", dy=-6).encode(
            x=alt.X("middle:Q"), y=alt.value(0), **text
        )
    rule = (
        alt.Chart(bands)
        .transform_filter("datum.from > 0")
        .mark_rule(
            strokeDash=s.THRESHOLD_DASH,
            strokeWidth=s.THRESHOLD_WIDTH,
            opacity=s.THRESHOLD_OPACITY,
        )
        .encode(**threshold, stroke=edge)
    )
    return [rect, rule, label]
