"""The ``score_trend`` shape: a vendor's score per period over the green, amber and red bands;
a quarter in progress is a hollow point, a quarter without a score a gap in the line."""

from __future__ import annotations

from typing import Any

import altair as alt

from scorecardgen.charts import layers
from scorecardgen.charts import style as s
from scorecardgen.i18n import N_, _


def template() -> dict[str, Any]:
    """A vendor's score per period over the green, amber and red bands."""
    y = alt.Y(
        "score:Q",
        title=_("Score"),
        scale=alt.Scale(domain=[0, 100], nice=False),
        axis=alt.Axis(values=[0, 20, 40, 60, 80, 100], format="d"),
    )
    tips = layers.tooltip(layers.PERIOD, ("label", N_("Score")), layers.STATUS)
    scores = layers.line_and_points(
        y, value="score", look=s.SCORED, tips=tips, size=s.TREND_POINT_SIZE, hollow="in_progress"
    )
    chart = alt.layer(*layers.score_bands("y"), *scores).properties(
        width=s.TREND_WIDTH, height=s.TREND_HEIGHT, title=layers.title()
    )
    return layers.finish(chart)
