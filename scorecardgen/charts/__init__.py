"""Charts: Vega-Lite templates built once per shape, filled per chart, rendered to SVG.

- ``style``: how every chart looks (colours, status shapes, fonts, sizes, strokes, config).
- ``layers``: the layers several shapes share (period axis, status points with their line,
  score bands, tooltips).
- ``shapes/``: one module per chart shape, each building that shape's template once.
- ``spec``: a template filled with one chart's rows and strings, without Altair.
- ``compiled``: a spec's Vega, compiled from Vega-Lite once per chart skeleton, its data put in.
- ``render``: a spec rendered to SVG with vl-convert and made ready for the page.
- ``queue``: the site's charts rendered (in a process pool, ``--jobs`` workers) while the build
  goes on.
- ``bundle``: the offline JavaScript for the interactive charts.
"""

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
