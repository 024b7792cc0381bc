"""The render stage: every chart to SVG once, then every page through the theme.

Templates get plain values plus ``url()`` and ``asset()``; nothing here decides what a page
shows. Planned pages are never changed: each page is drawn from a copy of its context in
which the figures carry their SVG and the table rows their HTML. The output is bytes keyed
by site-root path, for the writer.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from markupsafe import Markup

from scorecardgen import i18n
from scorecardgen.cache import Cache, digest
from scorecardgen.charts.queue import ChartQueue
from scorecardgen.i18n import _
from scorecardgen.model import Site
from scorecardgen.pages import urls
from scorecardgen.pages.common import Audience, Page
from scorecardgen.pages.figures import Figure
from scorecardgen.progress import Progress
from scorecardgen.theme import page_helpers

ChartId = tuple[str, str]  # (figure key, spec JSON): one distinct chart
Svgs = Mapping[ChartId, Markup]


def svg_key(chart_key: str, spec_json: str) -> str:
    """The cache key of one rendered chart."""
    return digest("svg", chart_key, spec_json)


class ChartBatch:
    """The distinct charts of some pages: taken from the cache, or handed to the chart queue.

    ``svgs`` waits for the ones being rendered, caches them and returns every SVG.
    """

    def __init__(self, pages: Sequence[Page], queue: ChartQueue, cache: Cache):
        self.cache = cache
        self.unique: dict[ChartId, Figure] = {}
        for page in pages:
            for figure in page.figures:
                self.unique.setdefault((figure.key, figure.spec_json), figure)
        self.keys = {k: svg_key(*k) for k in self.unique}  # cache keys
        self.found: dict[ChartId, str] = {}
        for k in self.unique:
            data = cache.get("svg", self.keys[k])
            if data is not None:
                self.found[k] = data.decode("utf-8")
        self.missing = [k for k in self.unique if k not in self.found]
        self.queue = queue
        self.ticket = queue.submit(
            [self.unique[k].spec for k in self.missing], [k[0] for k in self.missing]
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

    def svgs(self) -> dict[ChartId, Markup]:
        """Every chart's SVG, once those being rendered are back (and now cached)."""
        rendered = self.queue.result(self.ticket)
        found = dict(self.found)
        for k, svg in zip(self.missing, rendered, strict=True):
            found[k] = svg
            self.cache.put("svg", self.keys[k], svg.encode("utf-8"))
        return {k: Markup(svg) for k, svg in found.items()}


class RowHtml:
    """Summary-table rows drawn with a macro of ``_rows.html``, remembered by their content.

    The portfolio and KPI pages join one row per vendor. A row whose data and macro
    arguments did not change is not drawn again: the dev server keeps the rows between
    builds in memory, and with a cache (``use``) each summary page's rows are kept on disk,
    keyed by the page, its macro and arguments and the theme, so a one-off build draws only
    the rows of vendors that changed.
    """

    def __init__(self, remember: bool = True) -> None:
        self.remember = remember  # False: nothing is drawn twice, so no row is kept in memory
        self._drawn: dict[str, Markup] = {}
        self._used: dict[str, Markup] = {}
        self._cache: Cache = Cache(None)
        self._theme = ""

    def use(self, cache: Cache, theme: str) -> None:
        """Keep rows in ``cache`` for pages drawn with the theme of digest ``theme``."""
        self._cache, self._theme = cache, theme

    def draw(self, page: Page, env: jinja2.Environment, assets: Mapping[str, str]) -> list[Any]:
        """``page.rows`` as new dicts, each with its ``html``."""
        macro = getattr(env.get_template("_rows.html").module, page.row_macro)
        url = page_helpers(page.path, assets)["url"]
        head = json.dumps(
            [page.path, page.row_macro, page.row_args, i18n.active().key], default=str
        )
        stored = self._cache.folder is not None and (self.remember or len(page.rows) > 1)
        if not (self.remember or stored):
            return [{**row, "html": Markup(macro(row, url, *page.row_args))} for row in page.rows]
        entry = digest("rows", head, self._theme, json.dumps(sorted(assets.items())))
        kept: dict[str, str] = {}
        if stored:
            data = self._cache.get("rows", entry)
            kept = json.loads(data) if data is not None else {}
        drawn, now = [], {}
        for row in page.rows:
            key = hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()
            html = self._drawn.get(head + key)
            if html is None and key in kept:
                html = Markup(kept[key])
            if html is None:
                html = Markup(macro(row, url, *page.row_args))
            if self.remember:
                self._used[head + key] = html
            now[key] = str(html)
            drawn.append({**row, "html": html})
        if stored and now != kept:  # exactly this build's rows: the entry never grows
            self._cache.put("rows", entry, json.dumps(now, sort_keys=True).encode())
        return drawn

    def forget_unused(self) -> None:
        """Keep only the rows the last build drew, so memory follows the site's size."""
        self._drawn, self._used = self._used, {}


_WALKED = (dict, list, tuple)  # what ``_drawn`` looks inside


def _drawn(value: Any, replacements: Mapping[int, Any]) -> Any:
    """``value`` with the objects in ``replacements`` (by identity) swapped, copied as needed.

    A page's context has thousands of strings and numbers: each is taken as it is, without a
    call, unless it is one to swap."""
    if id(value) in replacements:
        return replacements[id(value)]
    r = replacements
    if isinstance(value, dict):
        return {
            k: _drawn(v, r) if isinstance(v, _WALKED) or id(v) in r else v for k, v in value.items()
        }
    if isinstance(value, list):
        return [_drawn(v, r) if isinstance(v, _WALKED) or id(v) in r else v for v in value]
    if isinstance(value, tuple):
        return tuple(_drawn(v, r) if isinstance(v, _WALKED) or id(v) in r else v for v in value)
    return value


def site_context(site: Site, audience: Audience) -> dict[str, Any]:
    """What every page of one site shares (``site`` in the templates)."""
    internal = audience.internal
    return {
        "title": site.title,
        "organisation": site.organisation,
        "language": site.language,
        "description": site.description,
        "vendor_site": not internal,
        "home_label": _("Portfolio") if internal else _("Scorecard"),
        "base_url": site.base_url if internal and site.base_url else "",
    }


def render_pages(
    pages: Sequence[Page],
    env: jinja2.Environment,
    site: dict[str, Any],
    assets: Mapping[str, str],
    svgs: Svgs,
    rows: RowHtml | None = None,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Every page as HTML bytes, its figures drawn with ``svgs`` and its rows with ``rows``."""
    rows = rows if rows is not None else RowHtml(remember=False)
    out: dict[str, bytes] = {}
    for i, page in enumerate(pages, start=1):
        replacements: dict[int, Any] = {
            id(f): replace(f, svg=svgs[(f.key, f.spec_json)]) for f in page.figures
        }
        if page.rows:
            replacements[id(page.rows)] = rows.draw(page, env, assets)
        context: dict[str, Any] = {
            **(_drawn(page.context, replacements) if replacements else page.context),
            "site": site,
            "page": {
                "url": page.path,
                "title": page.title,
                "charts": bool(page.figures),
                "description": "",
            },
            **page_helpers(page.path, assets),
        }
        out[page.path] = env.get_template(page.template).render(context).encode("utf-8")
        if progress is not None:
            progress("pages", i, len(pages))
    return out


# Letters NFKD does not take apart: searched as their plain Latin look-alikes.
_FOLDED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t"})
_FOLDED_MANY = {"ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"}


def fold(text: str) -> str:
    """``text`` as search compares it: case and accents gone (``Kraków`` -> ``krakow``,
    ``Łódź`` -> ``lodz``, ``Straße`` -> ``strasse``); the theme's site.js folds the same way."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLDED)
    for letter, plain in _FOLDED_MANY.items():
        text = text.replace(letter, plain)
    return text


def search_index(entries: Sequence[dict[str, str]]) -> bytes:
    """The client-side search index as a script (so it also loads from file://); each entry
    also carries ``fold``, its words folded for search (``fold``)."""
    entries = sorted(entries, key=lambda e: (e["kind"], e["title"], e["url"]))
    entries = [
        {**e, "fold": fold(" ".join(e.get(k, "") for k in ("title", "kind", "text")))}
        for e in entries
    ]
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
