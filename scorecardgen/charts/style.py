"""How every chart looks, in one place: colours, status shapes, fonts, sizes and strokes.

The chart shapes (``charts/shapes/``) arrange marks; every colour, size, font and stroke they
draw with is named here, so a change of look is an edit to this file alone.

Status is never shown by colour alone: each status also has its own point shape (and, in
the heat map, its own symbol), matching the status chips of the theme's CSS.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from scorecardgen import formatting as fmt
from scorecardgen.i18n import N_, _

# Fonts ------------------------------------------------------------------------------------

# Vega measures text with this font while laying a chart out. vl-convert bundles it, and it
# is metric-compatible with Arial, so layout is identical on every build machine.
MEASURE_FONT = "Liberation Sans"

# What the browser draws with: system fonts only, no web fonts. Substituted for
# MEASURE_FONT in the rendered SVG (see render.py).
# (Multi-word names unquoted, as CSS allows, so the SVG attribute needs no escaping.)
# Arial-metric faces come first, so text takes the room it was measured for (a wider system
# face would spill past the chart's edge); system-ui is the fallback where none is installed.
DISPLAY_FONT = "Arial, Helvetica Neue, Helvetica, Liberation Sans, system-ui, sans-serif"

TITLE_FONT_SIZE = 14
FONT_SIZE = 11  # axis and legend labels, values written beside marks
MARGIN_FONT_SIZE = 10  # labels of bands, reference lines and quartiles
HEAT_ROW_FONT_SIZE = 11.5
HEAT_SYMBOL_FONT_SIZE = 13
PORTFOLIO_ROW_FONT_SIZE = 12
# Final, so that type checkers see the literal weights Vega-Lite accepts.
SEMIBOLD: Final = 600
BOLD: Final = 700
HEAT_SYMBOL_WEIGHT: Final = "bold"

# Labels beside bands and reference lines: small and semibold, so they read as annotations.
MARGIN_TEXT: dict[str, Any] = {"fontSize": MARGIN_FONT_SIZE, "fontWeight": SEMIBOLD}

# Colours ----------------------------------------------------------------------------------

GREEN = "#1a7f37"
AMBER = "#b45309"
RED = "#c62828"
GREY = "#6b7280"
LIGHT_GREY = "#e5e7eb"
INK = "#1f2937"
MUTED = "#4b5563"
LINE = "#334155"
WHITE = "#ffffff"
# The heat map's symbols on their coloured cells (short form, as the published specs have it).
SYMBOL_INK = "#fff"
GRID = "#eceff3"
AXIS_EDGE = "#cbd5e1"  # axis domain lines and ticks
QUARTILE_FILL = "#e8eef6"
QUARTILE_RULE = "#64748b"
QUARTILE_INK = "#475569"
GUIDE = "#94a3b8"  # the faint line along each portfolio row

# Statuses ---------------------------------------------------------------------------------

# A filled, thick "X" (Vega custom symbol paths live in a -1..1 box).
CROSS = "M-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0L-1,-0.6Z"

# A ring (a circle with a hole: the inner circle runs the other way round), for an excluded
# period's point: its value is shown, but hollow, as it is not scored.
RING = "M0,-1A1,1,0,1,1,0,1A1,1,0,1,1,0,-1ZM0,-0.5A0.5,0.5,0,1,0,0,0.5A0.5,0.5,0,1,0,0,-0.5Z"
RING_HOLE = 0.25  # the hole's share of the ring's area (its radius is half the ring's)

# An excluded period (SCORING.md section 1a): its word and symbol, from the status chips
# when formatting has them ("Excluded", "⊖").
EXCLUDED = fmt.STATUS.get("excluded") or fmt.StatusLook(
    "Excluded", "\u2296", "st-excluded", "excused: not scored"
)
EXCLUDED_INK = GREY
EXCLUDED_FILL = "#cbd5e1"  # its heat-map cell: pale slate, apart from the grey of "no data"

# Status of one measurement (SCORING.md sections 1, 1a and 3), in legend order: "missing" is
# an expected report never received, "excluded" an excused period, "no-data" a period nothing
# was expected for.
SL_STATUSES = ["met", "at-risk", "breached", "missing", "excluded", "no-data"]
SL_COLOURS = [GREEN, AMBER, RED, GREY, EXCLUDED_INK, GREY]
SL_SHAPES = ["circle", "triangle-up", CROSS, "diamond", RING, "diamond"]
# A restated value (section 1b) is ringed: a thin dark ring around its point, listed in
# the status legend as "Restated" (a mark, not a status: the point keeps its own status).
HALO = "M0,-1A1,1,0,1,1,0,1A1,1,0,1,1,0,-1ZM0,-0.8A0.8,0.8,0,1,0,0,0.8A0.8,0.8,0,1,0,0,-0.8Z"
RESTATED = "restated"
RESTATED_WORD = N_("Restated")
RESTATED_RING_SIZE = 300  # area in px², around a point of POINT_SIZE

# Legend entries a chart shows only when one of its rows has that status (or is restated).
SHOWN_WHEN_PRESENT = ("excluded", RESTATED)

# Status band of a score (SCORING.md section 5), in legend order.
BAND_STATUSES = ["green", "amber", "red", "insufficient-data"]
BAND_COLOURS = [GREEN, AMBER, RED, GREY]
BAND_SHAPES = ["circle", "triangle-up", CROSS, "diamond"]

# Pale fills for the score bands drawn behind score charts, and the colour of each band's
# threshold rule and label.
BAND_FILLS = {"green": "#e7f4ea", "amber": "#fdf1dc", "red": "#fbe7e6"}
BAND_EDGES = {"green": GREEN, "amber": AMBER, "red": RED}

# A missing report: its symbol (the status chips' own, "∅") and the colour it is drawn in.
MISSING_SYMBOL = fmt.STATUS["missing"].icon
MISSING_INK = MUTED
HATCH = "#c4c9d1"  # the darker stripes of a missing cell, on white


def _hatch(stripes: int = 8) -> dict[str, Any]:
    """Diagonal stripes, as the theme's hatched "missing" chip: a gradient with hard stops."""
    stops = []
    for i in range(stripes):
        colour = HATCH if i % 2 == 0 else WHITE
        stops += [
            {"offset": i / stripes, "color": colour},
            {"offset": (i + 1) / stripes, "color": colour},
        ]
    return {"gradient": "linear", "x1": 0, "y1": 0, "x2": 1, "y2": 1, "stops": stops}


# Heat-map cells: the same colours, plus the status chips' symbol printed in each cell. A
# missing cell is hatched, cell and legend alike (a Vega expression, as a scale range holds
# only colours otherwise); its symbol and the "no data" dash are dark on their pale cells.
HEAT_SYMBOLS = {k: EXCLUDED.icon if k == "excluded" else fmt.status(k).icon for k in SL_STATUSES}
HEAT_FILLS: list[Any] = [
    GREEN,
    AMBER,
    RED,
    {"expr": json.dumps(_hatch())},
    EXCLUDED_FILL,
    LIGHT_GREY,
]
HEAT_DARK_SYMBOLS = ["missing", "excluded", "no-data"]


@dataclass(frozen=True)
class StatusLook:
    """The statuses of one kind in legend order, with the colour and point shape of each."""

    statuses: list[str]
    colours: list[str]
    shapes: list[str]


# Points are drawn only where there is a value, so "missing" and "no-data" never get a point
# or a legend entry (a missing month is a gap in the line, marked with MISSING_SYMBOL); an
# excluded value is a grey ring (an excluded period without a value is EXCLUDED's symbol).
_POINTS = [SL_STATUSES.index(k) for k in ("met", "at-risk", "breached", "excluded")]
MEASURED = StatusLook(
    [*(SL_STATUSES[i] for i in _POINTS), RESTATED],
    [*(SL_COLOURS[i] for i in _POINTS), INK],
    [*(SL_SHAPES[i] for i in _POINTS), HALO],
)
SCORED = StatusLook(BAND_STATUSES, BAND_COLOURS, BAND_SHAPES)


def status_word(status: str) -> str:
    """A status id as a reader sees it: ``at-risk`` -> ``At risk``, ``excluded`` -> ``Excluded``."""
    if status == RESTATED:
        return _(RESTATED_WORD)
    return _(EXCLUDED.word) if status == "excluded" else fmt.status(status).word


def status_words(statuses: list[str], symbols: dict[str, str] | None = None) -> str:
    """A Vega expression turning a status id into its display word (``at-risk`` -> ``At risk``),
    optionally after its symbol, for legend labels."""
    words = {
        k: (f"{symbols[k]} " if symbols and k in symbols else "") + status_word(k) for k in statuses
    }
    return f"{json.dumps(words, ensure_ascii=False, sort_keys=True)}[datum.label] || datum.label"


# Strokes and marks ------------------------------------------------------------------------

LINE_WIDTH = 2  # the data line of every line chart
POINT_SIZE = 90  # area in px² of a point on a line, and of a legend symbol
POINT_OUTLINE = 1  # white ring around each point, so neighbours stay apart
REF_LINE_WIDTH = 1.5  # expected and minimum lines
EXPECTED_DASH, MINIMUM_DASH = [6, 4], [2, 3]
THRESHOLD_WIDTH, THRESHOLD_DASH, THRESHOLD_OPACITY = 1, [4, 3], 0.7  # score band edges
QUARTILE_DASH = [3, 3]
EXPECTED_TICK_WIDTH, EXPECTED_TICK_LENGTH = 2, 22
CELL_GAP, CELL_RADIUS = 2, 3  # white gap between heat-map cells, their rounded corners
GUIDE_WIDTH, GUIDE_DASH = 1, [1, 3]

# Plot sizes in px, before axis labels and the right-hand margin labels. Two service-level
# charts sit side by side on a wide screen; the heat map takes the full width.
SL_WIDTH, SL_HEIGHT = 430, 200
TREND_WIDTH, TREND_HEIGHT = 660, 220
TREND_POINT_SIZE = 100
# A point drawn hollow (a quarter in progress): a white core of this share of its area.
HOLLOW_CORE = 0.3
MISSING_SYMBOL_SIZE = 15  # the missing-report symbol at the foot of a service-level chart
TO_DATE = N_("to date")  # written under a hollow point
HEAT_WIDTH, HEAT_ROW = 576, 26
HEAT_LABEL_LIMIT = 340
KPI_WIDTH, KPI_ROW = 520, 36
KPI_LABEL_LIMIT = 320
KPI_POINT_SIZE = 120
PORTFOLIO_WIDTH, PORTFOLIO_ROW = 480, 38
PORTFOLIO_LABEL_LIMIT = 220
PORTFOLIO_POINT_SIZE, PORTFOLIO_POINT_OUTLINE = 170, 1.5


# Room for a wider face ------------------------------------------------------------------

# A chart is laid out with MEASURE_FONT's widths but drawn with the reader's system face,
# which may be wider (DejaVu Sans, where Arial is not installed, draws text 15% wider and its
# bold 20% wider than Liberation Sans lays it out). Text at a chart's edge (row labels on the
# left, labels in the right margin) gets this share of its measured width as extra padding,
# so that it never runs out of the picture.
WIDER_FACE = 0.2
WIDER_FACE_BOLD = 0.28
PADDING = {"top": 8, "right": 12, "bottom": 8, "left": 8}


def config() -> dict[str, Any]:
    """The Vega-Lite config block every template carries: clean, muted, readable."""
    return {
        "font": MEASURE_FONT,
        "background": WHITE,
        "padding": dict(PADDING),
        "aria": False,
        "view": {"stroke": None},
        "title": {
            "anchor": "start",
            "fontSize": TITLE_FONT_SIZE,
            "fontWeight": SEMIBOLD,
            "color": INK,
            "offset": 12,
            "subtitleColor": MUTED,
            "subtitleFontSize": FONT_SIZE,
        },
        "axis": {
            "labelColor": MUTED,
            "labelFontSize": FONT_SIZE,
            "titleColor": MUTED,
            "titleFontSize": FONT_SIZE,
            "titleFontWeight": SEMIBOLD,
            "gridColor": GRID,
            "domainColor": AXIS_EDGE,
            "tickColor": AXIS_EDGE,
            "labelPadding": 4,
        },
        "axisX": {"labelAngle": 0, "labelOverlap": "parity"},
        "axisY": {"titlePadding": 8},
        "axisBand": {"grid": False},
        "legend": {
            "orient": "top",
            "direction": "horizontal",
            "labelColor": MUTED,
            "labelFontSize": FONT_SIZE,
            "title": None,
            "symbolStrokeWidth": 0,
            "symbolSize": POINT_SIZE,
        },
        "line": {"strokeWidth": LINE_WIDTH, "color": LINE},
        "point": {"size": POINT_SIZE, "filled": True, "opacity": 1},
        "text": {"fontSize": FONT_SIZE, "color": INK},
    }
