"""Charts: Vega-Lite templates built once per shape, filled per chart, rendered to SVG."""

from scorecardgen.charts.bundle import BUNDLE_ASSET, javascript_bundle
from scorecardgen.charts.queue import render_svgs
from scorecardgen.charts.render import chart_key, postprocess_svg, render_svg
from scorecardgen.charts.spec import SHAPES, chart_spec, spec_json

__all__ = [
    "BUNDLE_ASSET",
    "SHAPES",
    "chart_key",
    "chart_spec",
    "javascript_bundle",
    "postprocess_svg",
    "render_svg",
    "render_svgs",
    "spec_json",
]
