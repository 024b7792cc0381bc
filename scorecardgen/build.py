"""Build a project into a site: check and score, plan the files, render them, write atomically.

``build_files`` does everything in memory and is what the dev server calls; ``build_site``
adds the atomic write to the output folder. A build with errors writes nothing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from scorecardgen import exports
from scorecardgen.cache import CACHE_DIR, Cache, digest
from scorecardgen.charts import BUNDLE_ASSET, javascript_bundle
from scorecardgen.errors import Location, Problem, did_you_mean
from scorecardgen.fingerprints import shared_digest, vendor_digest
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.common import Audience, Page
from scorecardgen.pages.plan import summary_pages, vendor_pages, visible_cards
from scorecardgen.pipeline import check_project
from scorecardgen.render import render_figures, render_pages, search_index, sitemap
from scorecardgen.scoring import Portfolio
from scorecardgen.theme import ThemeError, collect_static, make_environment

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class BuildOptions:
    """What to build: the whole internal site, or standalone vendor sites."""

    strict: bool = False
    vendor: str | None = None
    per_vendor: bool = False
    use_cache: bool = True


@dataclass
class SiteBuild:
    """The outcome of a build in memory: every output file, or the problems that stopped it."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    charts: int = 0  # distinct charts on the site(s)
    rendered: int = 0  # of which rendered in this build (the rest came from the cache)
    cache: Cache | None = field(default=None, repr=False)
    seconds: float = 0.0
    strict: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and not (self.strict and self.warnings)


def _noop(stage: str, done: int, total: int) -> None:
    del stage, done, total


def audiences(portfolio: Portfolio, options: BuildOptions) -> list[tuple[str, Audience]]:
    """(output prefix, audience) of each site to build: the internal one, or vendor sites."""
    if options.per_vendor:
        return [(f"{vid}/", Audience(vid)) for vid in portfolio.vendors]
    if options.vendor is not None:
        return [("", Audience(options.vendor))]
    return [("", Audience())]


def _exports(portfolio: Portfolio, audience: Audience) -> dict[str, bytes]:
    cards = visible_cards(portfolio, audience)
    files: dict[str, bytes] = {}
    for card in cards:
        if not audience.internal:  # a vendor never sees internal actions, not even as data
            card = replace(card, actions=tuple(a for a in card.actions
                                               if audience.sees_note(a.visibility)))
        files[urls.scorecard_json(card.vendor_id)] = exports.scorecard_json(card).encode()
        files[urls.measurements_csv(card.vendor_id)] = exports.measurements_csv(card).encode()
    files[urls.SCORECARDS_JSON] = exports.scorecards_json(cards).encode()
    return files


def _bundle(cache: Cache) -> bytes:
    """The offline Vega bundle: ~2 s for vl-convert to assemble, so cached like a chart."""
    key = digest("vega-bundle")  # the salt holds the vl-convert version
    data = cache.get("bundle", key)
    if data is None:
        data = javascript_bundle().encode("utf-8")
        cache.put("bundle", key, data)
    return data


@dataclass
class _Unit:
    """One vendor's own pages in one site: planned afresh, or taken whole from the cache."""

    key: str
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    search: list[dict[str, str]] = field(default_factory=list)
    count: int = 0
    charts: int = 0

    @classmethod
    def load(cls, key: str, data: bytes) -> _Unit:
        stored = json.loads(data)
        return cls(key, files={k: v.encode() for k, v in stored["files"].items()},
                   search=stored["search"], count=stored["count"], charts=stored["charts"])

    def dump(self) -> bytes:
        return json.dumps({"files": {k: v.decode() for k, v in self.files.items()},
                           "search": self.search, "count": self.count, "charts": self.charts},
                          sort_keys=True).encode()


def _units(project: Project, portfolio: Portfolio, audience: Audience, cache: Cache,
           shared: str) -> list[_Unit]:
    units = []
    for card in visible_cards(portfolio, audience):
        key = digest("vendor-pages", audience.vendor or "", shared, portfolio.as_of.isoformat(),
                     vendor_digest(project.root, card.vendor_id))
        data = cache.get("pages", key)
        if data is not None:
            units.append(_Unit.load(key, data))
        else:
            pages = vendor_pages(project, portfolio, card, audience)
            units.append(_Unit(key, pages, count=len(pages),
                               search=[e for p in pages for e in p.search],
                               charts=len({(f.key, f.spec_json) for p in pages
                                           for f in p.figures})))
    return units


def _site_files(project: Project, portfolio: Portfolio, options: BuildOptions,
                progress: Progress, result: SiteBuild, cache: Cache) -> dict[str, bytes]:
    """Every file of every site to build, keyed by output path."""
    theme = project.site.theme
    env = make_environment(project.root, theme)
    assets = collect_static(project.root, theme)
    assets.add(BUNDLE_ASSET, _bundle(cache))
    shared = shared_digest(project)
    sites = [(prefix, audience, summary_pages(project, portfolio, audience),
              _units(project, portfolio, audience, cache, shared))
             for prefix, audience in audiences(portfolio, options)]
    # one batch for every chart of every site: nothing is rendered twice
    fresh = [p for _, _, summary, units in sites for p in summary + [
        page for unit in units for page in unit.pages]]
    charts, rendered = render_figures(fresh, progress, cache)
    result.charts += charts + sum(u.charts for *_, units in sites for u in units
                                  if not u.pages)
    result.rendered += rendered
    files: dict[str, bytes] = {}
    for prefix, audience, summary, units in sites:
        site = render_pages(summary, env, project.site, assets.names, progress, audience)
        search = [e for p in summary for e in p.search]
        for unit in units:
            if unit.pages:  # planned in this build: render, and keep for the next one
                unit.files = render_pages(unit.pages, env, project.site, assets.names,
                                          progress, audience)
                cache.put("pages", unit.key, unit.dump())
            site.update(unit.files)
            search.extend(unit.search)
        result.pages += len(summary) + sum(u.count for u in units)
        site.update(assets.files)
        site[urls.SEARCH_INDEX] = search_index(search)
        if project.site.base_url and audience.internal:
            site[urls.SITEMAP] = sitemap(sorted(site), project.site.base_url)
        site.update(_exports(portfolio, audience))
        files.update({prefix + path: data for path, data in site.items()})
    return files


def _unknown_vendor(portfolio: Portfolio, vendor: str) -> Problem:
    return Problem(Location("content/vendors"), f"no vendor '{vendor}' to build a site for",
                   did_you_mean(vendor, portfolio.vendors), code="unknown-vendor")


def build_files(root: Path, options: BuildOptions | None = None,
                progress: Progress = _noop) -> SiteBuild:
    """Build every file of the site in memory. On problems, ``files`` is empty."""
    options = options or BuildOptions()
    started = time.perf_counter()
    checked = check_project(root)
    result = SiteBuild(problems=checked.problems, strict=options.strict)
    portfolio = checked.portfolio
    if options.vendor is not None and portfolio and options.vendor not in portfolio.vendors:
        result.problems.append(_unknown_vendor(portfolio, options.vendor))
    if result.ok and portfolio is not None and checked.project is not None:
        cache = Cache(root / CACHE_DIR if options.use_cache else None)
        try:
            files = _site_files(checked.project, portfolio, options, progress, result, cache)
            result.files = dict(sorted(files.items()))
            result.cache = cache
        except ThemeError as exc:
            result.problems.append(Problem(Location("content/site.yaml"), str(exc),
                                           code="theme"))
        except jinja2.TemplateError as exc:
            result.problems.append(_template_problem(exc))
    result.seconds = time.perf_counter() - started
    return result


def _template_problem(exc: jinja2.TemplateError) -> Problem:
    """A theme template that fails to render is the theme author's error, located."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = Location(exc.filename or exc.name or "template", exc.lineno or 0)
        return Problem(where, f"template error: {exc.message}", code="template")
    return Problem(Location("themes"), f"template error: {exc}",
                   "check the templates of your theme", code="template")


def build_site(root: Path, output: Path | None = None, options: BuildOptions | None = None,
               progress: Progress = _noop) -> SiteBuild:
    """Build and write the site to ``output`` (default ``root/output``) atomically."""
    from scorecardgen.write import write_site

    result = build_files(root, options, progress)
    if result.ok:
        write_site(output if output is not None else root / "output", result.files)
        if result.cache is not None:
            result.cache.prune()  # only after success: a failed build keeps what it had
    return result
