"""Room at a chart's edges for its labels drawn in a face wider than the one that laid it out.

Vega lays a chart out with ``style.MEASURE_FONT``; the page draws it with the reader's system
face, up to a fifth wider. A row label right-aligned against the plot then grows to the left,
and a label in the right margin to the right, past the picture's edge ("tical escalations",
"Annual contract valu"). ``padding`` gives each chart the extra padding its own edge labels
need, estimated from the measuring font's character widths.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from scorecardgen.charts import style

# Advance widths of Liberation Sans (Arial's metrics), in ems, as vl-convert measures them.
_WIDTHS = {
    **dict.fromkeys("#$0123456789?L_abdeghnopqu\u2013\u20ac\u00a3\u00a5", 0.556),
    **dict.fromkeys(" !,./:;I[\\]ft", 0.278),
    **dict.fromkeys("&ABEKPSVXY", 0.667),
    **dict.fromkeys("()-`r{}\u201c\u201d\u00b2\u00b3", 0.333),
    **dict.fromkeys("Jcksvxyz", 0.5),
    **dict.fromkeys("CDHNRUw", 0.722),
    **dict.fromkeys("+<=>~\u00d7", 0.584),
    **dict.fromkeys("FTZ", 0.611),
    **dict.fromkeys("GOQ", 0.778),
    **dict.fromkeys("ijl", 0.222),
    **dict.fromkeys("Mm", 0.833),
    **dict.fromkeys("\u2018\u2019", 0.206),
    **dict.fromkeys("\u2014\u2026", 1.0),
    **dict.fromkeys("\u2264\u2265", 0.549),
    '"': 0.355,
    "%": 0.889,
    "'": 0.191,
    "*": 0.389,
    "@": 1.015,
    "W": 0.944,
    "^": 0.469,
    "|": 0.26,
    "\u00b0": 0.4,
    "\u00b5": 0.576,
}
_OTHER = 0.6  # a letter not in the table: accented Latin and the like
_WIDE = 1.0  # a CJK ideograph or kana, a full em


def text_width(text: str, size: float) -> float:
    """The width in px of ``text`` at ``size`` px, as the measuring font lays it out."""
    return size * sum(_WIDTHS.get(c, _WIDE if ord(c) >= 0x2E80 else _OTHER) for c in text)


def slack(texts: Iterable[Any], size: float, *, bold: bool = False, limit: float = math.inf) -> int:
    """Extra px for the widest of ``texts`` (cut at ``limit`` px, as Vega's ``labelLimit``
    truncates) drawn in a wider face."""
    widest = max((text_width(str(t), size) for t in texts if t), default=0.0)
    share = style.WIDER_FACE_BOLD if bold else style.WIDER_FACE
    return math.ceil(share * min(widest, limit))


def _field(rows: Iterable[Mapping[str, Any]], name: str) -> list[Any]:
    return [r.get(name) for r in rows]


def padding(
    shape: str, datasets: Mapping[str, list[dict[str, Any]]], params: Mapping[str, Any]
) -> dict[str, int]:
    """The chart's padding: ``style.PADDING`` plus room for its edge labels in a wider face."""
    table = datasets["table"]
    left = right = 0
    if shape == "sl_timeseries":
        right = slack(_field(datasets["refs"], "label"), style.MARGIN_FONT_SIZE, bold=True)
    elif shape == "score_trend":
        right = slack(_field(datasets["bands"], "label"), style.MARGIN_FONT_SIZE, bold=True)
    elif shape == "status_heatmap":
        left = slack(_field(table, "sl"), style.HEAT_ROW_FONT_SIZE, limit=style.HEAT_LABEL_LIMIT)
    elif shape == "kpi_across_vendors":
        left = slack(_field(table, "vendor"), style.FONT_SIZE, limit=style.KPI_LABEL_LIMIT)
        right = slack(_field(table, "label"), style.FONT_SIZE)
    elif shape == "portfolio":
        left = slack(
            _field(table, "vendor"),
            style.PORTFOLIO_ROW_FONT_SIZE,
            limit=style.PORTFOLIO_LABEL_LIMIT,
        )
        right = max(
            slack(_field(table, "value_label"), style.FONT_SIZE),
            slack([params.get("x_title")], style.MARGIN_FONT_SIZE, bold=True),
        )
    base = style.PADDING
    return {**base, "left": base["left"] + left, "right": base["right"] + right}
