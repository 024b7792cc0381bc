"""One Vega-Lite template per chart shape, built once with Altair, one module per shape.

Each template reads its rows from named datasets (``table`` and, per shape, ``refs``,
``bands``, ``benchmark`` or ``band``) and carries ``@@name@@`` placeholders where a chart's
own strings go (title, axis titles, number formats). ``spec.chart_spec`` copies a template
and fills both in without Altair, so a site with hundreds of charts builds each shape once.
The layers several shapes share are in ``charts/layers.py``; their look is ``charts/style.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scorecardgen.charts.shapes import (
    kpi_across_vendors,
    portfolio,
    score_trend,
    sl_timeseries,
    status_heatmap,
)

# Each shape's name, as pages ask for it, and the function building its template.
TEMPLATES: dict[str, Callable[[], dict[str, Any]]] = {
    "sl_timeseries": sl_timeseries.template,
    "score_trend": score_trend.template,
    "status_heatmap": status_heatmap.template,
    "kpi_across_vendors": kpi_across_vendors.template,
    "portfolio": portfolio.template,
}
