"""The ``sl_timeseries`` shape: one service level's values over time against its expected
and minimum levels, each point coloured and shaped by its status.

The levels are straight lines across the plot while they stay the same (``refs`` rows with
``flat``), or steps that change at the month a stepped target starts (``levels`` rows, one per
period and level). A missing report is a gap in the line with the missing symbol at the foot
of the plot; an excluded period is a grey ring with the excluded symbol at its foot; a
restated value has a thin dark ring around its point, and the legend a "Restated" entry.
"""

from __future__ import annotations

from typing import Any, Literal

import altair as alt

from scorecardgen.charts import layers
from scorecardgen.charts import style as s
from scorecardgen.charts.layers import placeholder

_KINDS = ["expected", "minimum"]


def _level_look() -> dict[str, Any]:
    """Expected green and dashed, minimum red and dotted, with no legend: the lines are
    labelled in the margin."""
    return {
        "stroke": alt.Stroke(
            "kind:N", scale=alt.Scale(domain=_KINDS, range=[s.GREEN, s.RED]), legend=None
        ),
        "strokeDash": alt.StrokeDash(
            "kind:N",
            scale=alt.Scale(domain=_KINDS, range=[s.EXPECTED_DASH, s.MINIMUM_DASH]),
            legend=None,
        ),
    }


def _steps() -> list[alt.Chart]:
    """Levels that change over the chart: a step line through the periods, changing at the
    period a step starts (never a diagonal), carried on to both edges of the plot."""
    levels = alt.NamedData(name="levels")
    x = layers.period_x()
    y = alt.Y("value:Q")
    steps = (
        alt.Chart(levels)
        .mark_line(interpolate="step-after", strokeWidth=s.REF_LINE_WIDTH)
        .encode(x=x, y=y, **_level_look())
    )
    # From the plot's left edge to the first period, and from the last period to the right.
    edges = [
        alt.Chart(levels)
        .transform_filter(f"datum.{edge} === true")
        .mark_rule(strokeWidth=s.REF_LINE_WIDTH)
        .encode(x=x, x2=alt.value(end), y=y, **_level_look())
        for edge, end in (("first", 0), ("last", "width"))
    ]
    return [steps, *edges]


def _reference_lines() -> list[alt.Chart]:
    """The expected and minimum levels: straight lines from the ``refs`` rows when they do not
    change over the chart, else steps; each labelled in the margin at its latest level."""
    refs = alt.NamedData(name="refs")
    rule = (
        alt.Chart(refs)
        .transform_filter("datum.flat === true")
        .mark_rule(strokeWidth=s.REF_LINE_WIDTH)
        .encode(y=alt.Y("value:Q"), **_level_look())
    )
    # In the right margin, just above or below their line, clear of the data points.
    sides: list[tuple[str, Literal["bottom", "top"], int]] = [
        ("above", "bottom", 3),
        ("below", "top", -3),
    ]
    labels = [
        layers.margin_labels(
            alt.Chart(refs).transform_filter(f"datum.side === '{side}'"),
            align="left",
            baseline=baseline,
            dx=6,
            dy=dy,
        ).encode(
            y=alt.Y("value:Q"),
            x=alt.value("width"),
            text=alt.Text("label:N"),
            fill=alt.Fill(
                "kind:N", scale=alt.Scale(domain=_KINDS, range=[s.GREEN, s.RED]), legend=None
            ),
        )
        for side, baseline, dy in sides
    ]
    return [rule, *_steps(), *labels]


def _restated(y: alt.Y) -> alt.Chart:
    """A thin dark ring around each restated value (``restated`` rows), listed in the status
    legend as "Restated" (its tooltip is the point's, which says what was first reported)."""
    ring: alt.Chart = (
        alt.Chart(alt.NamedData(name="table"))
        .transform_filter("isValid(datum.value) && datum.restated === true")
        # In this layer only, so that the ring takes the legend's "restated" colour and shape.
        .transform_calculate(status=f"'{s.RESTATED}'")
        .mark_point(filled=True, size=s.RESTATED_RING_SIZE, opacity=1, strokeWidth=0)
        .encode(
            x=layers.period_x(),
            y=y,
            tooltip=layers.tooltip(layers.PERIOD, ("label", placeholder("value_title"))),
            **layers.status_encoding(s.MEASURED, "top"),
        )
    )
    return ring


def template() -> dict[str, Any]:
    """Values of one service level over time, against its expected and minimum levels."""
    y = alt.Y(
        "value:Q",
        title=placeholder("y_title"),
        scale=alt.Scale(zero=False, nice=True),
        axis=alt.Axis(format=placeholder("y_format"), tickCount=5),
    )
    tips = layers.tooltip(layers.PERIOD, ("label", placeholder("value_title")), layers.STATUS)
    values = layers.line_and_points(
        y, value="value", look=s.MEASURED, tips=tips, size=s.POINT_SIZE, missing=True
    )
    # The hole of an excluded value's ring, filled white so that it answers hovering too.
    core = (
        alt.Chart(alt.NamedData(name="table"))
        .transform_filter("isValid(datum.value) && datum.excluded === true")
        .mark_point(
            shape="circle",
            filled=True,
            size=s.POINT_SIZE * s.RING_HOLE,
            color=s.WHITE,
            strokeWidth=0,
            opacity=1,
        )
        .encode(x=layers.period_x(), y=y, tooltip=tips)
    )
    # An excluded period says so at its foot, with or without a value.
    excluded = layers.foot_symbols(
        alt.NamedData(name="table"),
        layers.period_x(),
        tips,
        flag="excluded",
        symbol=s.EXCLUDED.icon,
    ).encode(color=alt.value(s.EXCLUDED_INK))
    chart = alt.layer(*_reference_lines(), *values, core, excluded, _restated(y)).properties(
        width=s.SL_WIDTH, height=s.SL_HEIGHT, title=layers.title()
    )
    return layers.finish(chart)
