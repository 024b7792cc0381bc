"""The ``kpi_across_vendors`` shape: one KPI's latest value per vendor (a row each), with each
one's expected value and the industry benchmark's interquartile band."""

from __future__ import annotations

from typing import Any

import altair as alt

from scorecardgen.charts import layers
from scorecardgen.charts import style as s
from scorecardgen.charts.layers import placeholder
from scorecardgen.i18n import _


def _benchmark() -> list[alt.Chart]:
    """The shaded band between the quartiles (``band`` rows), a labelled rule at each one
    (``benchmark`` rows)."""
    band = (
        alt.Chart(alt.NamedData(name="band"))
        .mark_rect(color=s.QUARTILE_FILL)
        .encode(x=alt.X("low:Q"), x2="high:Q", y=alt.value(0), y2=alt.value("height"))
    )
    benchmark = alt.NamedData(name="benchmark")
    quartile = (
        alt.Chart(benchmark)
        .mark_rule(color=s.QUARTILE_RULE, strokeDash=s.QUARTILE_DASH)
        .encode(x=alt.X("value:Q"))
    )
    quartile_text = (
        alt.Chart(benchmark)
        .mark_text(baseline="bottom", dy=-4, fontSize=s.MARGIN_FONT_SIZE, color=s.QUARTILE_INK)
        .encode(x=alt.X("value:Q"), y=alt.value(0), text=alt.Text("label:N"))
    )
    return [band, quartile, quartile_text]


def template() -> dict[str, Any]:
    """One KPI's latest value per vendor, with the benchmark's interquartile band."""
    table = alt.NamedData(name="table")
    x = alt.X(
        "value:Q",
        title=placeholder("x_title"),
        scale=alt.Scale(zero=False, nice=True, padding=16),
        axis=alt.Axis(format=placeholder("x_format"), tickCount=6),
    )
    y = layers.rows_y("vendor", labelLimit=s.KPI_LABEL_LIMIT, labelColor=s.INK, ticks=False)
    expected = (
        alt.Chart(table)
        .transform_filter("isValid(datum.expected)")
        .mark_tick(color=s.INK, thickness=s.EXPECTED_TICK_WIDTH, size=s.EXPECTED_TICK_LENGTH)
        .encode(
            x=alt.X("expected:Q"),
            y=y,
            tooltip=[
                *layers.tooltip(layers.VENDOR),
                alt.Tooltip("expected:Q", title=_("Expected"), format=placeholder("x_format")),
            ],
        )
    )
    tips = layers.tooltip(
        layers.VENDOR, ("label", placeholder("value_title")), layers.STATUS, layers.PERIOD
    )
    points = layers.status_points(
        table,
        x,
        y,
        value="value",
        look=s.MEASURED,
        legend="bottom",
        tips=tips,
        size=s.KPI_POINT_SIZE,
    )
    labels = layers.point_labels(
        table, x, y, value="value", text="label", align="left", dx=10, color=s.MUTED
    )
    chart = alt.layer(*_benchmark(), expected, points, labels).properties(
        width=s.KPI_WIDTH, height=alt.Step(s.KPI_ROW), title=layers.title()
    )
    return layers.finish(chart)
