"""Render chart specs to SVG with vl-convert (no browser), ready to inline in a page.

Each SVG is post-processed so that many can share one HTML page and every build gives the
same bytes: ids are renumbered in order of appearance and prefixed with the chart's key,
the display font stack replaces the measuring font, and the root gets a CSS class and an
accessible name.

Accessibility: the root ``<svg>`` is ``role="img"`` with a short ``aria-label`` (the chart's
title, else its description), so a screen reader announces one image rather than hundreds of
marks; the ARIA roles Vega puts on inner groups and marks are dropped, since inside an image
they are only noise (and checkers flag the unlabelled "graphics-symbol" marks). The figure
around it carries the caption, the long description and the data table, which is the real
text alternative.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

import vl_convert

from scorecardgen.charts import style
from scorecardgen.charts.compiled import vega_spec

_ID = re.compile(r'\bid="([^"]+)"')
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_HREF = re.compile(r'\bhref="([^"]*)"')
# ARIA that Vega writes on inner groups and marks; the root alone speaks for the chart.
_INNER_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')
_TAG = re.compile(r"<[A-Za-z][^>]*>")  # text escapes ">", attribute values escape '"'


def chart_key(text: str) -> str:
    """``text`` made safe to start an XML id: letters, digits, ``-`` and ``_`` only."""
    key = _KEY_UNSAFE.sub("-", text).strip("-") or "chart"
    return key if key[0].isalpha() else f"c-{key}"


def _raw_svg(spec: Mapping[str, Any]) -> str:
    # The Vega-Lite compile is shared by every chart of one skeleton (charts/compiled.py);
    # the SVG is byte-identical to vegalite_to_svg's.
    # allowed_base_urls=[]: a spec may never fetch anything, even by mistake.
    meta = spec.get("usermeta")
    meta = meta if isinstance(meta, dict) else {}
    return vl_convert.vega_to_svg(
        vega_spec(spec),
        allowed_base_urls=[],
        format_locale=meta.get("format_locale", "en-US"),  # the site's (charts.chart_locale)
        time_format_locale=meta.get("time_format_locale", "en-US"),
    )


def _label(spec: Mapping[str, Any]) -> str:
    # Short on purpose: the figure around the SVG carries the long description and the table.
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return str(text or spec.get("description") or "Chart")


def _in_tags(svg: str, change: Callable[[str], str]) -> str:
    """``change`` applied to each tag only: chart text (names, labels) is never touched."""
    return _TAG.sub(lambda m: change(m.group(0)), svg)


def postprocess_svg(svg: str, key: str, label: str = "Chart") -> str:
    """Make one rendered SVG page-ready: unique stable ids, system fonts, class and label.

    Only attributes are rewritten. Text content may hold anything an editor typed (a vendor
    named ``<a href="...">`` included): Vega escapes ``<`` there but not ``"``.
    """
    key = chart_key(key)
    svg = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg)
    tags = _TAG.findall(svg)
    outside = [h for tag in tags for h in _HREF.findall(tag) if not h.startswith("#")]
    if outside:
        # Pages must work offline: a chart may not point at any image or page elsewhere.
        raise ValueError(f"chart {key} refers to {outside[0]!r}; charts may not link out")
    mapping: dict[str, str] = {}
    counts: dict[str, int] = {}
    for old in (found for tag in tags for found in _ID.findall(tag)):
        if old not in mapping:
            # Vega numbers clip paths and gradients with a process-wide counter; renumber.
            base = re.sub(r"[\d_]+$", "", old) or "id"
            counts[base] = counts.get(base, 0) + 1
            mapping[old] = f"{key}-{base}{counts[base]}"
    measure = f'font-family="{style.MEASURE_FONT}"'
    display = f'font-family="{html.escape(style.DISPLAY_FONT, quote=True)}"'
    names = "|".join(re.escape(old) for old in sorted(mapping, key=len, reverse=True))

    def rewrite(tag: str) -> str:
        if mapping:
            tag = re.sub(rf'\bid="({names})"', lambda m: f'id="{mapping[m.group(1)]}"', tag)
            tag = re.sub(rf"url\(#({names})\)", lambda m: f"url(#{mapping[m.group(1)]})", tag)
            tag = re.sub(rf'href="#({names})"', lambda m: f'href="#{mapping[m.group(1)]}"', tag)
        return tag.replace(measure, display)

    svg = _in_tags(svg, rewrite)
    attrs = f' class="chart-image" role="img" aria-label="{html.escape(label, quote=True)}"'
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("vl-convert returned no <svg> element")
    opening = re.sub(r'\s(class|role|aria-label|aria-roledescription)="[^"]*"', "", match.group(0))
    opening = opening[:-1].rstrip("/") + attrs + ">"
    inner = _in_tags(svg[match.end() :], lambda tag: _INNER_ARIA.sub("", tag))
    return svg[: match.start()] + opening + inner


def render_svg(spec: Mapping[str, Any], key: str | None = None) -> str:
    """Render one Vega-Lite spec in this process and post-process it for the page."""
    usermeta = spec.get("usermeta")
    if key is None:
        key = str(usermeta.get("key", "chart")) if isinstance(usermeta, dict) else "chart"
    return postprocess_svg(_raw_svg(spec), key, _label(spec))
