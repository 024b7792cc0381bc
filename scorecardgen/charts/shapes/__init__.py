"""One Vega-Lite template per chart shape, built once with Altair, one module per shape.

Each template reads its rows from named datasets (``table`` and, per shape, ``refs``,
``bands``, ``benchmark`` or ``band``) and carries ``@@name@@`` placeholders where a chart's
own strings go (title, axis titles, number formats). ``spec.chart_spec`` copies a template
and fills both in without Altair, so a site with hundreds of charts builds each shape once.
The layers several shapes share are in ``charts/layers.py``; their look is ``charts/style.py``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# Each shape's name, as pages ask for it, is the name of the module building its template.
SHAPE_MODULES = (
    "sl_timeseries",
    "score_trend",
    "status_heatmap",
    "kpi_across_vendors",
    "portfolio",
)


def _template_of(shape: str) -> Callable[[], dict[str, Any]]:
    """The function building ``shape``'s template, its module (and Altair, ~0.25 s) imported
    on the first call: a build whose templates come from the cache never imports them."""

    def template() -> dict[str, Any]:
        built: dict[str, Any] = importlib.import_module(f"{__name__}.{shape}").template()
        return built

    template.__name__ = template.__qualname__ = f"{shape}_template"
    return template


TEMPLATES: dict[str, Callable[[], dict[str, Any]]] = {s: _template_of(s) for s in SHAPE_MODULES}
