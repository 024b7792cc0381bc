"""Render the planned pages: every chart to SVG once, then every page through the theme.

Templates get plain values plus ``url()`` and ``asset()``; nothing here decides what a page
shows. The output is bytes keyed by site-root path, for the writer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from markupsafe import Markup

from scorecardgen.cache import Cache, digest
from scorecardgen.charts.queue import ChartQueue
from scorecardgen.model import Site
from scorecardgen.pages import urls
from scorecardgen.pages.common import Audience, Page
from scorecardgen.pages.figures import Figure
from scorecardgen.theme import page_helpers

Progress = Callable[[str, int, int], None]


def svg_key(chart_key: str, spec_json: str) -> str:
    """The cache key of one rendered chart."""
    return digest("svg", chart_key, spec_json)


class PageCharts:
    """The distinct charts of some pages: taken from the cache, or handed to the chart queue.

    ``fill`` waits for the rendered ones, caches them and puts every SVG in its figures.
    """

    def __init__(self, pages: Sequence[Page], queue: ChartQueue, cache: Cache):
        self.cache = cache
        self.unique: dict[tuple[str, str], list[Figure]] = {}
        for page in pages:
            for figure in page.figures:
                self.unique.setdefault((figure.key, figure.spec_json), []).append(figure)
        self.keys = {k: svg_key(*k) for k in self.unique}  # cache keys
        self.found: dict[tuple[str, str], str] = {}
        for k in self.unique:
            data = cache.get("svg", self.keys[k])
            if data is not None:
                self.found[k] = data.decode("utf-8")
        self.missing = [k for k in self.unique if k not in self.found]
        self.queue = queue
        self.ticket = queue.submit(
            [self.unique[k][0].spec for k in self.missing], [k[0] for k in self.missing]
        )

    @property
    def charts(self) -> int:
        return len(self.unique)

    @property
    def rendering(self) -> int:
        """How many charts are not from the cache: rendered for these pages."""
        return len(self.missing)

    def done(self) -> bool:
        return self.ticket.done()

    def fill(self) -> None:
        svgs = self.queue.result(self.ticket)
        for k, svg in zip(self.missing, svgs, strict=True):
            self.found[k] = svg
            self.cache.put("svg", self.keys[k], svg.encode("utf-8"))
        for k, figures in self.unique.items():
            for figure in figures:
                figure.svg = Markup(self.found[k])
                figure.spec_json = Markup(figure.spec_json)


def render_pages(
    pages: Sequence[Page],
    env: jinja2.Environment,
    site: Site,
    assets: dict[str, str],
    progress: Progress | None = None,
    audience: Audience | None = None,
) -> dict[str, bytes]:
    """Every page as HTML bytes."""
    internal = audience is None or audience.internal
    site_ctx = {
        "title": site.title,
        "organisation": site.organisation,
        "language": site.language,
        "description": site.description,
        "vendor_site": not internal,
        "home_label": "Portfolio" if internal else "Scorecard",
        "base_url": site.base_url if internal and site.base_url else "",
    }
    out: dict[str, bytes] = {}
    for i, page in enumerate(pages, start=1):
        if page.rows:
            render_rows(page, env, assets)
        template = env.get_template(page.template)
        context: dict[str, Any] = {
            **page.context,
            "site": site_ctx,
            "page": {
                "url": page.path,
                "title": page.title,
                "charts": bool(page.figures),
                "description": "",
            },
            **page_helpers(page.path, assets),
        }
        out[page.path] = template.render(context).encode("utf-8")
        if progress is not None:
            progress("pages", i, len(pages))
    return out


def render_rows(page: Page, env: jinja2.Environment, assets: dict[str, str]) -> None:
    """Give each table row of ``page`` its HTML, drawing only rows that lack it."""
    macro = getattr(env.get_template("_rows.html").module, page.row_macro)
    url = page_helpers(page.path, assets)["url"]
    args = list(page.row_args)
    for row in page.rows:
        if "html" not in row or row.get("html_args") != args:
            row["html"] = Markup(macro(row, url, *args))
            row["html_args"] = args


def search_index(entries: Sequence[dict[str, str]]) -> bytes:
    """The client-side search index as a script (so it also loads from file://)."""
    entries = sorted(entries, key=lambda e: (e["kind"], e["title"], e["url"]))
    data = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.SCORECARD_SEARCH_INDEX = {data};\n".encode()


def sitemap(paths: Sequence[str], base_url: str) -> bytes:
    """sitemap.xml with absolute urls under ``base_url`` (no dates: builds never read a clock)."""
    base = base_url.rstrip("/") + "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in sorted(p for p in paths if p.endswith(".html") and p != urls.NOT_FOUND):
        lines.append(f"  <url><loc>{escape(base + urls.pretty(path))}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()
