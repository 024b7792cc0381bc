"""Every file of the site(s) one build writes: pages, charts, assets, search index, exports.

A vendor's own pages (scorecard, reviews, notes) form a unit keyed by a digest of its folder
and of what all pages share, so an unchanged vendor's pages come back whole from the cache
(or from memory, in the dev server) and only changed vendors and the summary pages (the
portfolio, the KPI catalogue and pages, methodology, 404) are planned and rendered again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import jinja2
from markupsafe import Markup

from scorecardgen import exports
from scorecardgen.cache import Cache, digest
from scorecardgen.charts import BUNDLE_ASSET, javascript_bundle
from scorecardgen.fingerprints import shared_digest, vendor_digest
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.catalogue import visible_cards
from scorecardgen.pages.common import Audience, Page
from scorecardgen.pages.plan import SummaryRows, summary_pages, vendor_pages, vendor_rows
from scorecardgen.render import render_figures, render_pages, search_index, sitemap, svg_key
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.theme import StaticAssets, collect_static, make_environment

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Counts:
    pages: int = 0
    charts: int = 0  # distinct charts on the site(s)
    rendered: int = 0  # of which rendered in this build (the rest came from a cache)


def audiences(portfolio: Portfolio, vendor: str | None, per_vendor: bool
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
        card = replace(card, actions=tuple(a for a in card.actions
                                           if audience.sees_note(a.visibility)))
    return {urls.scorecard_json(card.vendor_id): exports.scorecard_json(card).encode(),
            urls.measurements_csv(card.vendor_id): exports.measurements_csv(card).encode()}


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
        return cls(key, files={k: v.encode() for k, v in stored["files"].items()},
                   search=stored["search"], count=stored["count"], svgs=stored["svgs"],
                   rows=rows)

    def dump(self) -> bytes:
        return json.dumps({"files": {k: v.decode() for k, v in self.files.items()},
                           "search": self.search, "count": self.count, "svgs": self.svgs,
                           "rows": self.rows}, sort_keys=True).encode()


def _units(project: Project, portfolio: Portfolio, audience: Audience, cache: Cache,
           memory: dict[str, Unit], shared: str, digests: Mapping[str, str]) -> list[Unit]:
    units = []
    for card in visible_cards(portfolio, audience):
        vid = card.vendor_id
        folder = digests.get(vid) or vendor_digest(project.root, vid)
        key = digest("vendor-pages", vid, audience.vendor or "", shared,
                     portfolio.as_of.isoformat(), folder)
        unit = memory.get(key)
        if unit is None:
            data = cache.get("pages", key)
            unit = Unit.load(key, data) if data is not None else None
        if unit is None:
            pages = vendor_pages(project, portfolio, card, audience)
            charts = sorted({svg_key(f.key, f.spec_json) for p in pages for f in p.figures})
            portfolio_row, kpi_rows = vendor_rows(project, card)
            unit = Unit(key, pages, files=_vendor_exports(card, audience), count=len(pages),
                        search=[e for p in pages for e in p.search], svgs=charts,
                        rows={"portfolio": portfolio_row, "kpis": kpi_rows})
        else:
            for svg in unit.svgs:  # its charts stay cached for the day this vendor changes
                cache.keep("svg", svg)
        units.append(unit)
    return units


def site_files(project: Project, portfolio: Portfolio, sites: list[tuple[str, Audience]],
               kit: Kit, cache: Cache, memory: dict[str, Unit], digests: Mapping[str, str],
               progress: Progress) -> tuple[dict[str, bytes], Counts]:
    """Every file of every site in ``sites``, keyed by output path, and what it took.

    ``memory`` holds the units of earlier builds (the dev server's); it is left holding
    exactly the units of this one.
    """
    counts = Counts()
    env, assets = kit.env, kit.assets
    shared = shared_digest(project)
    planned = []
    for prefix, audience in sites:
        units = _units(project, portfolio, audience, cache, memory, shared, digests)
        rows = SummaryRows()
        for unit in units:
            rows.add(unit.rows["portfolio"], unit.rows["kpis"])
        planned.append((prefix, audience, summary_pages(project, portfolio, audience, rows),
                        units))
    # one batch for every chart of every site: nothing is rendered twice
    fresh = [p for _, _, summary, units in planned
             for p in summary + [page for unit in units for page in unit.pages]]
    counts.charts, counts.rendered = render_figures(fresh, progress, cache)
    counts.charts += sum(u.charts for *_, units in planned for u in units if not u.pages)
    files: dict[str, bytes] = {}
    memory.clear()
    for prefix, audience, summary, units in planned:
        site = render_pages(summary, env, project.site, assets.names, progress, audience)
        search = [e for p in summary for e in p.search]
        for unit in units:
            if unit.pages:  # planned in this build: render, and keep for the next one
                unit.files.update(render_pages(unit.pages, env, project.site, assets.names,
                                               progress, audience))
                unit.pages = []
                cache.put("pages", unit.key, unit.dump())
            memory[unit.key] = unit
            site.update(unit.files)
            search.extend(unit.search)
        counts.pages += len(summary) + sum(u.count for u in units)
        site.update(assets.files)
        site[urls.SEARCH_INDEX] = search_index(search)
        if project.site.base_url and audience.internal:
            site[urls.SITEMAP] = sitemap(sorted(site), project.site.base_url)
        site[urls.SCORECARDS_JSON] = exports.scorecards_json(
            visible_cards(portfolio, audience)).encode()
        files.update({prefix + path: data for path, data in site.items()})
    return files, counts
