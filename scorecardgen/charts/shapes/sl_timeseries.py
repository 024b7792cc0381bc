"""The ``sl_timeseries`` shape: one service level's values over time against its expected
and minimum lines, each point coloured and shaped by its status; a missing report is a gap
in the line with the missing symbol at the foot of the plot."""

from __future__ import annotations

import functools
from typing import Any, Literal

import altair as alt

from scorecardgen.charts import layers
from scorecardgen.charts import style as s
from scorecardgen.charts.layers import placeholder

_KINDS = ["expected", "minimum"]


def _reference_lines() -> list[alt.Chart]:
    """The expected and minimum lines from the ``refs`` rows, each labelled in the margin."""
    refs = alt.NamedData(name="refs")
    rule = (
        alt.Chart(refs)
        .mark_rule(strokeWidth=s.REF_LINE_WIDTH)
        .encode(
            y=alt.Y("value:Q"),
            stroke=alt.Stroke(
                "kind:N", scale=alt.Scale(domain=_KINDS, range=[s.GREEN, s.RED]), legend=None
            ),
            strokeDash=alt.StrokeDash(
                "kind:N",
                scale=alt.Scale(domain=_KINDS, range=[s.EXPECTED_DASH, s.MINIMUM_DASH]),
                legend=None,
            ),
        )
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
    return [rule, *labels]


@functools.cache
def template() -> dict[str, Any]:
    """Values of one service level over time, against its expected and minimum lines."""
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
    chart = alt.layer(*_reference_lines(), *values).properties(
        width=s.SL_WIDTH, height=s.SL_HEIGHT, title=layers.title()
    )
    return layers.finish(chart)
