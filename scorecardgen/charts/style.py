"""The look shared by every chart: status colours and shapes, fonts, axis and title styling.

Status is never shown by colour alone: each status also has its own point shape (and, in
the heat map, its own symbol), matching the status chips of the theme's CSS.
"""

from __future__ import annotations

import json
from typing import Any

from scorecardgen import format as fmt

# Vega measures text with this font while laying a chart out. vl-convert bundles it, and it
# is metric-compatible with Arial, so layout is identical on every build machine.
MEASURE_FONT = "Liberation Sans"

# What the browser draws with: system fonts only, no web fonts. Substituted for
# MEASURE_FONT in the rendered SVG (see render.py).
# (Multi-word names unquoted, as CSS allows, so the SVG attribute needs no escaping.)
# Arial-metric faces come first, so text takes the room it was measured for (a wider system
# face would spill past the chart's edge); system-ui is the fallback where none is installed.
DISPLAY_FONT = "Arial, Helvetica Neue, Helvetica, Liberation Sans, system-ui, sans-serif"

# A filled, thick "X" (Vega custom symbol paths live in a -1..1 box).
CROSS = "M-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0L-1,-0.6Z"

GREEN = "#1a7f37"
AMBER = "#b45309"
RED = "#c62828"
GREY = "#6b7280"
LIGHT_GREY = "#e5e7eb"
INK = "#1f2937"
MUTED = "#4b5563"
LINE = "#334155"

# Status of one measurement (SCORING.md section 1), in legend order.
SL_STATUSES = ["met", "at-risk", "breached", "no-data"]
SL_COLOURS = [GREEN, AMBER, RED, GREY]
SL_SHAPES = ["circle", "triangle-up", CROSS, "diamond"]

# Status band of a score (SCORING.md section 5), in legend order.
BAND_STATUSES = ["green", "amber", "red", "insufficient-data"]
BAND_COLOURS = [GREEN, AMBER, RED, GREY]
BAND_SHAPES = ["circle", "triangle-up", CROSS, "diamond"]

# Pale fills for the score bands drawn behind score charts.
BAND_FILLS = {"green": "#e7f4ea", "amber": "#fdf1dc", "red": "#fbe7e6"}

# Heat-map cells: the same colours, plus a symbol printed in each cell.
HEAT_SYMBOLS = {"met": "\u2713", "at-risk": "!", "breached": "\u2715", "no-data": "\u2013"}
HEAT_FILLS = [GREEN, AMBER, RED, LIGHT_GREY]

# Plot sizes in px, before axis labels and the right-hand margin labels. Two service-level
# charts sit side by side on a wide screen; the heat map takes the full width.


def status_words(statuses: list[str], symbols: dict[str, str] | None = None) -> str:
    """A Vega expression turning a status id into its display word (``at-risk`` -> ``At risk``),
    optionally after its symbol, for legend labels."""
    words = {
        k: (f"{symbols[k]} " if symbols and k in symbols else "") + fmt.status(k).word
        for k in statuses
    }
    return f"{json.dumps(words, ensure_ascii=False, sort_keys=True)}[datum.label] || datum.label"


SL_WIDTH, SL_HEIGHT = 430, 200
TREND_WIDTH, TREND_HEIGHT = 660, 220
HEAT_WIDTH, HEAT_ROW = 576, 26
HEAT_LABEL_LIMIT = 340
KPI_WIDTH, KPI_ROW = 520, 36
KPI_LABEL_LIMIT = 320
PORTFOLIO_WIDTH, PORTFOLIO_ROW = 480, 38
PORTFOLIO_LABEL_LIMIT = 220


def config() -> dict[str, Any]:
    """The Vega-Lite config block every template carries: clean, muted, readable."""
    return {
        "font": MEASURE_FONT,
        "background": "#ffffff",
        "padding": {"top": 8, "right": 12, "bottom": 8, "left": 8},
        "aria": False,
        "view": {"stroke": None},
        "title": {
            "anchor": "start",
            "fontSize": 14,
            "fontWeight": 600,
            "color": INK,
            "offset": 12,
            "subtitleColor": MUTED,
            "subtitleFontSize": 11,
        },
        "axis": {
            "labelColor": MUTED,
            "labelFontSize": 11,
            "titleColor": MUTED,
            "titleFontSize": 11,
            "titleFontWeight": 600,
            "gridColor": "#eceff3",
            "domainColor": "#cbd5e1",
            "tickColor": "#cbd5e1",
            "labelPadding": 4,
        },
        "axisX": {"labelAngle": 0, "labelOverlap": "parity"},
        "axisY": {"titlePadding": 8},
        "axisBand": {"grid": False},
        "legend": {
            "orient": "top",
            "direction": "horizontal",
            "labelColor": MUTED,
            "labelFontSize": 11,
            "title": None,
            "symbolStrokeWidth": 0,
            "symbolSize": 90,
        },
        "line": {"strokeWidth": 2, "color": LINE},
        "point": {"size": 90, "filled": True, "opacity": 1},
        "text": {"fontSize": 11, "color": INK},
    }
