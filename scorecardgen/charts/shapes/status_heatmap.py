"""The ``status_heatmap`` shape: the status of each service level (rows) in each period
(columns), by colour and by a symbol printed in each cell; a missing report (an expected
period without one) is hatched with "∅", apart from "no data" (nothing was expected); one
the contract counts as breached is red with "∅" (rows with ``missing: true``); an excluded
period is a pale slate cell with "⊖" (its legend entry only when the chart has one)."""

from __future__ import annotations

import json
from typing import Any

import altair as alt

from scorecardgen.charts import layers
from scorecardgen.charts import style as s
from scorecardgen.i18n import N_


def template() -> dict[str, Any]:
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
                labelExpr=layers.month_label(),
            ),
        ),
        y=layers.rows_y(
            "sl",
            labelLimit=s.HEAT_LABEL_LIMIT,
            labelFontSize=s.HEAT_ROW_FONT_SIZE,
            labelColor=s.INK,
            domain=False,
            ticks=False,
        ),
    )
    legend = alt.Legend(
        title=None,
        orient="bottom",
        direction="horizontal",
        symbolType="square",
        labelExpr=s.status_words(s.SL_STATUSES, s.HEAT_SYMBOLS),
        values=layers.legend_values(s.SL_STATUSES),
    )
    cells = base.mark_rect(
        stroke=s.WHITE, strokeWidth=s.CELL_GAP, cornerRadius=s.CELL_RADIUS
    ).encode(
        color=alt.Color(
            "status:N", scale=alt.Scale(domain=s.SL_STATUSES, range=s.HEAT_FILLS), legend=legend
        ),
        tooltip=layers.tooltip(
            ("sl", N_("Service level")), layers.PERIOD, layers.STATUS, ("label", N_("Value"))
        ),
    )
    marks = (
        # A missing report counted as breached keeps its red cell but shows the missing symbol.
        base.transform_calculate(
            symbol=(
                f"datum.missing === true ? '{s.MISSING_SYMBOL}' : ({symbols})[datum.status] || ''"
            )
        )
        .mark_text(
            fontSize=s.HEAT_SYMBOL_FONT_SIZE, fontWeight=s.HEAT_SYMBOL_WEIGHT, baseline="middle"
        )
        .encode(
            text=alt.Text("symbol:N"),
            color=alt.condition(
                f"indexof({json.dumps(s.HEAT_DARK_SYMBOLS)}, datum.status) >= 0",
                alt.value(s.INK),
                alt.value(s.SYMBOL_INK),
            ),
        )
    )
    chart = alt.layer(cells, marks).properties(
        width=s.HEAT_WIDTH, height=alt.Step(s.HEAT_ROW), title=layers.title()
    )
    return layers.finish(chart)
