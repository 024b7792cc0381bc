"""The ``portfolio`` shape: every vendor's quarter score on one chart, a row each, over the
status bands, with its annual contract value written at the right."""

from __future__ import annotations

from typing import Any

import altair as alt

from scorecardgen.charts import layers
from scorecardgen.charts import style as s
from scorecardgen.charts.layers import placeholder
from scorecardgen.i18n import N_, _


def _value_column(y: alt.Y) -> list[alt.Chart]:
    """Each row's contract value in the right margin, under a heading (the ``x_title``)."""
    values = (
        alt.Chart(alt.NamedData(name="table"))
        .mark_text(align="left", baseline="middle", dx=14, fontSize=s.FONT_SIZE, color=s.MUTED)
        .encode(y=y, x=alt.value("width"), text=alt.Text("value_label:N"))
    )
    # Drawn from one band row so that the heading appears exactly once.
    head = layers.margin_labels(
        alt.Chart(alt.NamedData(name="bands")).transform_filter("datum.band === 'green'"),
        align="left",
        baseline="bottom",
        dx=14,
        dy=-6,
    ).encode(
        x=alt.value("width"),
        y=alt.value(0),
        text=alt.value(placeholder("x_title")),
        color=alt.value(s.MUTED),
    )
    return [values, head]


def template() -> dict[str, Any]:
    """One row per vendor, in the order given (worst first): score on a 0-100 axis over the
    status bands, status by colour and shape, annual contract value written beside each row.

    Rows never collide, whatever the scores, so this stays readable with ties and at any
    number of vendors.
    """
    table = alt.NamedData(name="table")
    x = alt.X(
        "score:Q",
        title=_("Quarter score"),
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 20, 40, 60, 80, 100], format="d", grid=False),
    )
    y = layers.rows_y(
        "vendor",
        labelLimit=s.PORTFOLIO_LABEL_LIMIT,
        labelFontSize=s.PORTFOLIO_ROW_FONT_SIZE,
        labelColor=s.INK,
        labelPadding=10,
        domain=False,
        ticks=False,
    )
    # A faint guide along each row, from the name to the right-hand value column.
    guide = (
        alt.Chart(table)
        .mark_rule(color=s.GUIDE, strokeWidth=s.GUIDE_WIDTH, strokeDash=s.GUIDE_DASH)
        .encode(y=y, x=alt.value(0), x2=alt.value("width"))
    )
    tips = layers.tooltip(
        layers.VENDOR,
        ("score_label", N_("Score")),
        layers.STATUS,
        ("value_label", N_("Annual value")),
    )
    points = layers.status_points(
        table,
        x,
        y,
        value="score",
        look=s.SCORED,
        legend="bottom",
        tips=tips,
        size=s.PORTFOLIO_POINT_SIZE,
        outline=s.PORTFOLIO_POINT_OUTLINE,
    )
    # A vendor with no closed quarter yet shows its quarter in progress, hollow (not ranked).
    hollow = layers.hollow_points(
        table,
        x,
        y,
        value="score",
        flag="in_progress",
        look=s.SCORED,
        tips=tips,
        size=s.PORTFOLIO_POINT_SIZE,
    )
    scores = layers.point_labels(
        table, x, y, value="score", text="score_label", align="right", dx=-12, fontWeight=s.BOLD
    ).encode(color=alt.value(s.INK))
    chart = alt.layer(
        *layers.score_bands("x"), guide, points, hollow, scores, *_value_column(y)
    ).properties(width=s.PORTFOLIO_WIDTH, height=alt.Step(s.PORTFOLIO_ROW), title=layers.title())
    return layers.finish(chart)
