"""Chart labels stay inside the picture when the reader's face is wider than the measuring one.

Charts are laid out with Liberation Sans (Arial's metrics) and drawn with the system face;
where Arial is missing that is often DejaVu Sans, 15% wider (its bold 20%). Screenshots of
the example showed "tical escalations within 60 minutes" (a heat-map row label cut on the
left), "earwater Trust & Safety Services" and "Annual contract valu" on the portfolio chart,
and "Minimum 1.4 kWh/f" on a service-level chart. Each test renders a chart with such labels,
measures every text in the wider face (DejaVu Sans itself when installed, else Liberation
Sans widened by the same share) and checks it lies inside the SVG.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import pytest
import vl_convert

from scorecardgen.charts import style
from scorecardgen.charts.render import render_svg
from scorecardgen.charts.spec import chart_spec
from scorecardgen.pages.figures import heatmap_figure
from tests.test_chart_mechanics import MONTHS, scorecard

SVG = "{http://www.w3.org/2000/svg}"
WIDE_FACE = "DejaVu Sans"
# DejaVu Sans against Liberation Sans, measured: regular up to 1.16, bold up to 1.23.
WIDER, WIDER_BOLD = 1.16, 1.23

LONG_SL = "Critical escalations within 60 minutes"
VERY_LONG_SL = (
    "Share of critical escalations acknowledged by the duty manager within 60 minutes"
    " of the first report, including weekends"
)
LONG_VENDOR = "Clearwater Trust & Safety Services"


@functools.cache
def _measured(text: str, font: str, bold: bool) -> float:
    """Width of ``text`` at 1 px in ``font``, as Vega lays it out (vl-convert's fonts)."""
    spec = {
        "padding": 0,
        "width": 1,
        "height": 1,
        "data": {"values": [{"t": text}]},
        "mark": {
            "type": "text",
            "font": font,
            "fontSize": 1000,
            "fontWeight": 700 if bold else 400,
            "align": "left",
            "x": 0,
            "y": 0,
        },
        "encoding": {"text": {"field": "t"}},
    }
    return float(vl_convert.vegalite_to_scenegraph(spec)["width"]) / 1000


@functools.cache
def _wide_face_installed() -> bool:
    sample = "Critical escalations"
    return _measured(sample, WIDE_FACE, False) != _measured(sample, "No Such Face", False)


def display_width(text: str, size: float, bold: bool) -> float:
    """``text`` at ``size`` px in the wider face."""
    if _wide_face_installed():
        return size * _measured(text, WIDE_FACE, bold)
    return size * _measured(text, style.MEASURE_FONT, bold) * (WIDER_BOLD if bold else WIDER)


@dataclass(frozen=True)
class Text:
    text: str
    left: float
    right: float


_TRANSLATE = re.compile(r"^translate\(([-\d.e]+),\s*([-\d.e]+)\)$")


def _offset(element: ET.Element) -> tuple[float, float] | None:
    """The element's translation; None when it is turned (a rotated axis title)."""
    transform = element.get("transform")
    if not transform:
        return (0.0, 0.0)
    found = _TRANSLATE.match(transform.strip())
    return (float(found.group(1)), float(found.group(2))) if found else None


def texts(svg: str) -> list[Text]:
    """Every upright text of the SVG with its left and right edge in the wider face."""
    out: list[Text] = []

    def walk(node: ET.Element, x: float, y: float) -> None:
        for child in node:
            offset = _offset(child)
            if offset is None:
                continue
            cx, cy = x + offset[0], y + offset[1]
            if child.tag == f"{SVG}text":
                lines = [t.text or "" for t in child.iter(f"{SVG}tspan")] or [child.text or ""]
                size = float(child.get("font-size", "11px").rstrip("px"))
                bold = child.get("font-weight", "400") in ("600", "700", "bold")
                width = max(display_width(line, size, bold) for line in lines)
                anchor = child.get("text-anchor", "start")
                left = cx - {"start": 0, "middle": width / 2, "end": width}[anchor]
                out.append(Text(" / ".join(lines), left, left + width))
            else:
                walk(child, cx, cy)

    root = ET.fromstring(svg)
    walk(root, 0.0, 0.0)
    return out


def outside(spec: dict[str, Any]) -> list[str]:
    """The texts of the rendered chart that run past its left or right edge."""
    svg = render_svg(spec)
    width = float(ET.fromstring(svg).get("width", "0"))
    assert 0 < width < 2000, f"{spec.get('usermeta')} laid out {width} px wide"
    assert texts(svg)
    return [
        f"{t.text!r} spans {t.left:.1f}..{t.right:.1f} of 0..{width:.0f}"
        for t in texts(svg)
        if t.text.strip() and (t.left < -0.5 or t.right > width + 0.5)
    ]


def heatmap_spec() -> dict[str, Any]:
    sc = scorecard()
    names = {("main", "fcr"): LONG_SL, ("main", "asa"): "Average speed of answer"}
    return heatmap_figure(sc, MONTHS, names).spec


def portfolio_spec() -> dict[str, Any]:
    rows = [
        {
            "vendor": name,
            "score": score,
            "status": status,
            "value": 1.56e6,
            "score_label": f"{score:.1f}",
            "value_label": label,
        }
        for name, score, status, label in [
            (LONG_VENDOR, 63.6, "red", "$1.56M a year"),
            ("Meridian Contact Solutions", 82.4, "amber", "$6.24M a year \u00b7 1 in default"),
            ("Northbridge Software Labs", 100.0, "green", "$3.12M a year"),
        ]
    ]
    return chart_spec("portfolio", rows, {"key": "portfolio", "x_title": "Annual contract value"})


def sl_spec() -> dict[str, Any]:
    rows = [
        {"period": p, "value": v, "status": "met", "label": f"{v}"}
        for p, v in zip(MONTHS, [13.1, 13.3, 13.0, 12.8, 12.9, 12.7], strict=True)
    ]
    return chart_spec(
        "sl_timeseries",
        rows,
        {
            "key": "sl",
            "expected": 1.25,
            "minimum": 1.4,
            "expected_label": "Expected 1.25 kWh/ft\u00b2",
            "minimum_label": "Minimum 1.4 kWh/ft\u00b2",
        },
    )


def kpi_spec() -> dict[str, Any]:
    rows = [
        {"vendor": LONG_VENDOR, "value": 99.9, "status": "met", "label": "99.9% (Sep 2026)"},
        {"vendor": "Acme", "value": 80.0, "status": "at-risk", "label": "80.0%"},
    ]
    return chart_spec("kpi_across_vendors", rows, {"key": "kpi", "top_quartile": 95})


def trend_spec() -> dict[str, Any]:
    rows = [{"period": "2025-Q1", "score": 90.0, "status": "green", "label": "90.0"}]
    return chart_spec("score_trend", rows, {"key": "trend", "green": 85, "amber": 65})


CHARTS = {
    "status_heatmap": heatmap_spec,
    "portfolio": portfolio_spec,
    "sl_timeseries": sl_spec,
    "kpi_across_vendors": kpi_spec,
    "score_trend": trend_spec,
}


@pytest.mark.parametrize("shape", list(CHARTS))
def test_every_label_fits_in_a_wider_face(shape: str) -> None:
    assert outside(CHARTS[shape]()) == []


def test_a_row_label_cut_short_fits_too() -> None:
    sc = scorecard()
    names = {("main", "fcr"): LONG_SL, ("main", "asa"): VERY_LONG_SL}
    assert outside(heatmap_figure(sc, MONTHS, names).spec) == []


@pytest.mark.parametrize("shape", ["status_heatmap", "portfolio", "sl_timeseries"])
def test_without_the_room_the_screenshots_labels_clip(
    shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The check above can fail: with no room for the wider face, these labels run out.
    monkeypatch.setattr(style, "WIDER_FACE", 0)
    monkeypatch.setattr(style, "WIDER_FACE_BOLD", 0)
    clipped = " ".join(outside(CHARTS[shape]()))
    expected = {
        "status_heatmap": LONG_SL,
        "portfolio": LONG_VENDOR,
        "sl_timeseries": "Minimum 1.4 kWh",
    }[shape]
    assert expected in clipped


def test_a_row_label_too_long_for_its_room_ends_in_an_ellipsis_the_full_name_elsewhere() -> None:
    sc = scorecard()
    names = {("main", "fcr"): "FCR", ("main", "asa"): VERY_LONG_SL}
    fig = heatmap_figure(sc, MONTHS, names)
    svg = render_svg(fig.spec)
    shown = [t.text for t in texts(svg) if t.text.startswith("Share of critical")]
    assert len(shown) == 1 and shown[0].endswith("\u2026")  # cut at the end, not the start
    assert len(shown[0]) < len(VERY_LONG_SL)
    assert fig.rows[1][0] == VERY_LONG_SL  # the data table
    cells = [r for r in fig.spec["datasets"]["table"] if r["sl"] == VERY_LONG_SL]
    assert cells and all(r["label"].startswith(VERY_LONG_SL) for r in cells)  # the tooltip
