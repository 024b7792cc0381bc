"""Every file of the site(s) one build writes: pages, charts, assets, search index, exports.

A vendor's own pages (scorecard, reviews, notes) form a unit keyed by a digest of its folder
and of what all pages share, so an unchanged vendor's pages come back whole from the cache
(or from memory, in the dev server) and only changed vendors and the summary pages (the
portfolio, the KPI catalogue and pages, methodology, 404) are planned and rendered again.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import jinja2
from markupsafe import Markup

from scorecardgen import exports
from scorecardgen.cache import Cache, digest
from scorecardgen.charts import BUNDLE_ASSET, javascript_bundle
from scorecardgen.charts.queue import ChartQueue
from scorecardgen.fingerprints import shared_digest, vendor_digest
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.catalogue import visible_cards
from scorecardgen.pages.common import Audience, Page
from scorecardgen.pages.plan import SummaryRows, summary_pages, vendor_pages, vendor_rows
from scorecardgen.render import PageCharts, render_pages, search_index, sitemap
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.theme import StaticAssets, collect_static, make_environment

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Counts:
    files: int = 0
    pages: int = 0
    charts: int = 0  # distinct charts on the site(s)
    rendered: int = 0  # of which rendered in this build (the rest came from a cache)


def audiences(
    portfolio: Portfolio, vendor: str | None, per_vendor: bool
) -> list[tuple[str, Audience]]:
    """(output prefix, audience) of each site to build: the internal one, or vendor sites."""
    if per_vendor:
        return [(f"{vid}/", Audience(vid)) for vid in portfolio.vendors]
    if vendor is not None:
        return [("", Audience(vendor))]
    return [("", Audience())]


def _vendor_exports(card: VendorScorecard, audience: Audience) -> dict[str, bytes]:
    """A vendor's scorecard.json and measurements.csv for one site."""
    if not audience.internal:  # a vendor never sees internal actions, not even as data
        card = replace(
            card, actions=tuple(a for a in card.actions if audience.sees_note(a.visibility))
        )
    return {
        urls.scorecard_json(card.vendor_id): exports.scorecard_json(card).encode(),
        urls.measurements_csv(card.vendor_id): exports.measurements_csv(card).encode(),
    }


@dataclass
class Kit:
    """The theme as a build uses it: the Jinja environment and the static assets."""

    env: jinja2.Environment
    assets: StaticAssets

    @classmethod
    def make(cls, project: Project, cache: Cache) -> Kit:
        theme = project.site.theme
        assets = collect_static(project.root, theme)
        assets.add(BUNDLE_ASSET, _bundle(cache))
        return cls(make_environment(project.root, theme), assets)


def _bundle(cache: Cache) -> bytes:
    """The offline Vega bundle: ~2 s for vl-convert to assemble, so cached like a chart."""
    key = digest("vega-bundle")  # the salt holds the vl-convert version
    data = cache.get("bundle", key)
    if data is None:
        data = javascript_bundle().encode("utf-8")
        cache.put("bundle", key, data)
    return data


@dataclass
class Unit:
    """One vendor's own pages in one site: planned afresh, or taken whole from a cache."""

    key: str
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    search: list[dict[str, str]] = field(default_factory=list)
    count: int = 0
    svgs: list[str] = field(default_factory=list)  # cache keys of its charts
    rows: dict[str, Any] = field(default_factory=dict)  # its rows on the summary pages

    @property
    def charts(self) -> int:
        return len(self.svgs)

    @classmethod
    def load(cls, key: str, data: bytes) -> Unit:
        stored = json.loads(data)
        rows = stored["rows"]
        for row in [rows["portfolio"], *(r for rs in rows["kpis"].values() for r in rs)]:
            if "html" in row:
                row["html"] = Markup(row["html"])
        return cls(
            key,
            files={k: v.encode() for k, v in stored["files"].items()},
            search=stored["search"],
            count=stored["count"],
            svgs=stored["svgs"],
            rows=rows,
        )

    def dump(self) -> bytes:
        return json.dumps(
            {
                "files": {k: v.decode() for k, v in self.files.items()},
                "search": self.search,
                "count": self.count,
                "svgs": self.svgs,
                "rows": self.rows,
            },
            sort_keys=True,
        ).encode()


Put = Callable[[str, bytes], None]  # (site path, content): where a build's files go


def _unit_key(
    project: Project,
    portfolio: Portfolio,
    audience: Audience,
    vid: str,
    shared: str,
    digests: Mapping[str, str],
) -> str:
    folder = digests.get(vid) or vendor_digest(project.root, vid)
    return digest(
        "vendor-pages", vid, audience.vendor or "", shared, portfolio.as_of.isoformat(), folder
    )


def _known_unit(key: str, memory: Mapping[str, Unit], cache: Cache) -> Unit | None:
    """A vendor's pages from an earlier build (the dev server's memory) or from the cache."""
    unit = memory.get(key)
    if unit is None:
        data = cache.get("pages", key)
        unit = Unit.load(key, data) if data is not None else None
    if unit is not None:
        for svg in unit.svgs:  # its charts stay cached for the day this vendor changes
            cache.keep("svg", svg)
    return unit


@dataclass
class _Site:
    """One site being built: vendors stream through, the summary pages come last."""

    project: Project
    portfolio: Portfolio
    audience: Audience
    kit: Kit
    cache: Cache
    queue: ChartQueue
    prefix: str  # of the site's folder in the output ("" or "<vendor-id>/")
    put: Put
    counts: Counts
    kept: dict[str, Unit] | None
    written: list[str] = field(default_factory=list)
    search: list[dict[str, str]] = field(default_factory=list)
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)

    def emit(self, path: str, data: bytes) -> None:
        self.put(self.prefix + path, data)
        self.written.append(path)
        self.counts.files += 1

    def plan(self, key: str, card: VendorScorecard) -> tuple[Unit, PageCharts]:
        pages = vendor_pages(self.project, self.portfolio, card, self.audience)
        charts = PageCharts(pages, self.queue, self.cache)
        portfolio_row, kpi_rows = vendor_rows(self.project, card)
        unit = Unit(
            key,
            pages,
            files=_vendor_exports(card, self.audience),
            count=len(pages),
            search=[e for p in pages for e in p.search],
            svgs=sorted(charts.keys.values()),
            rows={"portfolio": portfolio_row, "kpis": kpi_rows},
        )
        return unit, charts

    def draw(self, index: int, unit: Unit, charts: PageCharts) -> None:
        """Draw a planned vendor's pages once its charts are back, and keep them in the cache."""
        charts.fill()
        self.counts.rendered += charts.rendering
        unit.files.update(
            render_pages(
                unit.pages,
                self.kit.env,
                self.project.site,
                self.kit.assets.names,
                None,
                self.audience,
            )
        )
        unit.pages = []  # its figures and their SVGs go with them
        self.cache.put("pages", unit.key, unit.dump())
        self.add(index, unit)

    def add(self, index: int, unit: Unit) -> None:
        for path, data in unit.files.items():
            self.emit(path, data)
        self.rows[index] = unit.rows
        self.search.extend(unit.search)
        self.counts.pages += unit.count
        self.counts.charts += unit.charts
        if self.kept is not None:
            self.kept[unit.key] = unit

    def finish(self, progress: Progress) -> None:
        """The summary pages, assets, search index, sitemap and the scorecards export."""
        project, portfolio, audience = self.project, self.portfolio, self.audience
        rows = SummaryRows()
        for index in sorted(self.rows):
            rows.add(self.rows[index]["portfolio"], self.rows[index]["kpis"])
        summary = summary_pages(project, portfolio, audience, rows)
        charts = PageCharts(summary, self.queue, self.cache)
        charts.fill()
        self.counts.charts += charts.charts
        self.counts.rendered += charts.rendering
        self.counts.pages += len(summary)
        pages = render_pages(
            summary, self.kit.env, project.site, self.kit.assets.names, progress, audience
        )
        for path, data in [*pages.items(), *self.kit.assets.files.items()]:
            self.emit(path, data)
        self.search.extend(e for p in summary for e in p.search)
        self.emit(urls.SEARCH_INDEX, search_index(self.search))
        if project.site.base_url and audience.internal:
            self.emit(urls.SITEMAP, sitemap(sorted(self.written), project.site.base_url))
        self.emit(
            urls.SCORECARDS_JSON,
            exports.scorecards_json(visible_cards(portfolio, audience)).encode(),
        )


def site_files(
    project: Project,
    portfolio: Portfolio,
    sites: list[tuple[str, Audience]],
    kit: Kit,
    cache: Cache,
    memory: dict[str, Unit] | None,
    digests: Mapping[str, str],
    progress: Progress,
    put: Put,
) -> Counts:
    """Build every file of every site in ``sites``, handing each to ``put`` as it is drawn.

    Vendors stream through: a vendor's pages are planned, its charts handed to the chart
    workers, and its pages drawn and handed over as soon as those charts are back, with at
    most ``ChartQueue.window`` charts out at a time; the summary pages, which join every
    vendor's rows, come last. ``memory`` holds the units of earlier builds (the dev
    server's): it is left holding exactly the units of this one. None: nothing is kept (a
    one-off build).
    """
    counts = Counts()
    shared = shared_digest(project)
    kept: dict[str, Unit] | None = {} if memory is not None else None
    with ChartQueue() as queue:
        for prefix, audience in sites:
            site = _Site(project, portfolio, audience, kit, cache, queue, prefix, put, counts, kept)
            cards = visible_cards(portfolio, audience)
            pending: deque[tuple[int, Unit, PageCharts]] = deque()
            out = 0  # charts of the pending vendors still to render
            for index, card in enumerate(cards):
                key = _unit_key(project, portfolio, audience, card.vendor_id, shared, digests)
                known = _known_unit(key, memory or {}, cache)
                if known is not None:
                    site.add(index, known)
                else:
                    pending.append((index, *site.plan(key, card)))
                    out += pending[-1][2].rendering
                while pending and (out > queue.window or pending[0][2].done()):
                    out -= pending[0][2].rendering
                    site.draw(*pending.popleft())
                progress("vendors", index + 1 - len(pending), len(cards))
            while pending:
                site.draw(*pending.popleft())
                progress("vendors", len(cards) - len(pending), len(cards))
            site.finish(progress)
    if memory is not None:
        memory.clear()
        memory.update(kept or {})
    return counts
