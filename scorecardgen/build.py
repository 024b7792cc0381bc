"""The one place that runs the stages in order, for a one-off build and the dev server alike:

    check (load -> validate -> score)  ->  plan  ->  render (charts, pages)  ->  write

``Builder`` keeps what a rebuild can reuse (the checked project, the theme, each vendor's
drawn pages, the summary rows); a one-off build written atomically to the output folder,
and the remembered build, are in ``build_site.py``. Vendors stream through: a vendor's pages
are planned, its charts handed to the chart workers, and its pages drawn and handed to the
writer as soon as those charts are back, with at most ``ChartQueue.window`` charts out at a
time; the summary pages, which join every vendor's rows, come last. A build with problems
writes nothing.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from scorecardgen import exports, i18n
from scorecardgen.build_problems import (
    cache_problem,
    template_frame,
    template_problem,
    unknown_vendor,
)
from scorecardgen.cache import Cache, CacheError
from scorecardgen.chart_templates import load_templates, store_templates
from scorecardgen.charts import BUNDLE_ASSET
from scorecardgen.charts.bundle_cached import bundle_soon, chart_bundle, has_bundle
from scorecardgen.charts.queue import (
    MIN_POOL_BATCH,
    ChartQueue,
    KeptPool,
    chart_pool,
    default_workers,
    early_pool,
    warm_charts,
)
from scorecardgen.check import Checked, ProjectState
from scorecardgen.draw_order import touched_first, touched_vendors
from scorecardgen.errors import Location, Problem, WithProblems
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.catalogue import visible_cards
from scorecardgen.pages.common import Audience
from scorecardgen.pages.plan import SummaryRows, summary_pages
from scorecardgen.pdf import DEFAULT_PAPER, PdfSettings
from scorecardgen.progress import Progress, no_progress
from scorecardgen.provenance import Source, read_source, source_key
from scorecardgen.render import ChartBatch, RowHtml, render_pages, search_index, site_context
from scorecardgen.render import sitemap as render_sitemap
from scorecardgen.scoring import Portfolio
from scorecardgen.theme import Theme, ThemeError, load_theme
from scorecardgen.vendor_pages import PlannedVendor, VendorPages, known_pages, pages_key
from scorecardgen.warm_up import compile_templates, rehearse

WriteFile = Callable[[str, bytes], None]  # (site path, content): where a build's files go
# (site path, a cache entry's file): puts that file there without writing its bytes again
PlaceFile = Callable[[str, Path], None]
# A one-off build of at least this many vendors without a cache starts its chart workers before
# it reads the project: every vendor has a few charts (its trend, its heatmap, one for each
# service level, each review's), so there will be ``MIN_POOL_BATCH`` charts to share.
EARLY_POOL_VENDORS = MIN_POOL_BATCH // 4


@dataclass
class BuildOptions:
    """What to build: the whole internal site, or standalone vendor sites."""

    strict: bool = False
    vendor: str | None = None
    per_vendor: bool = False
    use_cache: bool = True
    pdf: bool = False  # write PDFs even when site.yaml has no ``pdf:``


@dataclass
class BuildResult(WithProblems):
    """The outcome of a build: counts, and every file when none was handed to a writer."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    written: int = 0  # files handed over
    charts: int = 0  # distinct charts on the site(s)
    rendered: int = 0  # of which rendered in this build (the rest came from the cache)
    pdfs: int = 0  # PDFs of reviews and scorecards written
    pdfs_rendered: int = 0  # of which rendered in this build (the rest came from the cache)
    vendors_read: tuple[str, ...] = ()  # vendors whose files this build read
    cache: Cache | None = field(default=None, repr=False)
    seconds: float = 0.0
    strict: bool = False
    unchanged: bool = False  # the output already held exactly this site: nothing was written
    remembered: bool = False  # placed from an earlier build's record (``site_record``)

    @property
    def ok(self) -> bool:
        return not self.failed(self.strict)


def audiences(
    portfolio: Portfolio, vendor: str | None, per_vendor: bool
) -> list[tuple[str, Audience]]:
    """(output prefix, audience) of each site to build: the internal one, or vendor sites."""
    if per_vendor:
        return [(f"{vid}/", Audience(vid)) for vid in portfolio.vendors]
    if vendor is not None:
        return [("", Audience(vendor))]
    return [("", Audience())]


@dataclass
class _SiteOutput:
    """One site's files as they go out: under its prefix, counted, listed for the sitemap."""

    prefix: str  # of the site's folder in the output ("" or "<vendor-id>/")
    write: WriteFile
    result: BuildResult
    kept: dict[str, VendorPages] | None  # each vendor's pages, for the dev server's next build
    cache: Cache
    place: PlaceFile | None = None  # hard-link cache entries (None: write every file's bytes)
    written: list[str] = field(default_factory=list)
    search: dict[int, list[dict[str, str]]] = field(default_factory=dict)  # by vendor order
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)  # by vendor order

    def emit(self, path: str, data: bytes) -> None:
        self.write(self.prefix + path, data)
        self.written.append(path)
        self.result.written += 1

    def draw(
        self,
        index: int,
        planned: PlannedVendor,
        project: Project,
        theme: Theme,
        site: dict[str, Any],
    ) -> None:
        """Draw a planned vendor's pages (waiting for its charts) and send them out."""
        drawn = planned.draw(project, theme, site)
        self.result.rendered += planned.charts.rendering
        self.result.pdfs_rendered += planned.pdfs_rendered
        self.add(index, drawn)

    def add(self, index: int, vendor: VendorPages) -> None:
        placed = vendor.entries(self.cache) if self.place is not None else {}
        for path, entry in placed.items():
            assert self.place is not None
            self.place(self.prefix + path, entry)
        self.written.extend(placed)
        self.result.written += len(placed)
        for path, data in vendor.files.items():
            if path not in placed:
                self.emit(path, data)
        self.rows[index] = vendor.rows
        self.search[index] = vendor.search
        self.result.pages += vendor.pages
        self.result.charts += vendor.charts
        self.result.pdfs += len(vendor.pdfs)
        if self.kept is not None:
            self.kept[vendor.key] = vendor


class Builder:
    """Builds one project, again and again: what did not change is reused from memory.

    A one-off build is a fresh Builder that keeps nothing; the dev server keeps one and
    passes the paths its watcher saw change, so only those vendors are read, scored and
    drawn again.
    """

    def __init__(self, root: Path, options: BuildOptions | None = None, keep: bool = True):
        self.root = root
        self.options = options or BuildOptions()
        self.state = ProjectState(root)
        # each vendor's drawn pages by key, for the next build (None: keep nothing)
        self.vendor_pages: dict[str, VendorPages] | None = {} if keep else None
        self.rows = RowHtml(remember=keep)  # a one-off build never draws again
        self._theme: Theme | None = None  # kept while its files read the same
        self.source: Source | None = None  # the revision the last build was made from
        # called once the theme's files and those of the vendors the changed paths lie in
        # are handed over (of every vendor, when a shared file changed), before the other
        # vendors' and the summary pages are drawn: the dev server shows the edit then
        self.early: Callable[[], None] | None = None
        # what the last build drew the first site with, for ``warm_up``
        self._drew: (
            tuple[Project, Portfolio, Audience, Theme, i18n.Catalog, dict[str, Any]] | None
        ) = None
        self.pool: KeptPool | None = None  # chart workers kept between builds

    def build(
        self,
        changed: Iterable[Path] | None = None,
        progress: Progress = no_progress,
        write: WriteFile | None = None,
        place: PlaceFile | None = None,
        cache: Cache | None = None,
        hashed: Mapping[str, str] | None = None,
    ) -> BuildResult:
        """Build the site, handing each file to ``write`` as it is drawn.

        Without ``write`` the files are gathered in ``files``. With ``place`` (and a cache),
        files kept in the cache are handed over as the entry's file instead of bytes. With
        problems nothing is handed over (they are all found before the first page is drawn)
        and ``files`` is empty. ``changed``: the paths changed since the last build (None: any).
        ``cache``: the project's cache, opened by the caller (None: opened here).
        ``hashed``: vendor folders' fingerprints the caller has just taken.
        """
        options = self.options
        started = time.perf_counter()
        changed = None if changed is None else list(changed)
        unsafe: CacheError | None = None
        if cache is None:
            try:
                cache = Cache.open(self.root) if options.use_cache else Cache(None)
            except CacheError as exc:
                cache, unsafe = Cache(None), exc
        early = self._early_pool(cache, hashed)
        try:
            result = self._build(changed, progress, write, place, cache, hashed, unsafe, early)
        finally:
            if early is not None:
                early.close()
        result.seconds = time.perf_counter() - started
        return result

    def _early_pool(self, cache: Cache, hashed: Mapping[str, str] | None) -> KeptPool | None:
        """Get ready, before the project is read, for a build that draws every chart (a cache
        without the chart bundle holds no chart either): the bundle is assembled meanwhile,
        and a one-off build of at least ``EARLY_POOL_VENDORS`` vendors starts its chart
        workers, which it then closes."""
        if has_bundle(cache):
            return None
        bundle_soon()
        if self.vendor_pages is not None or self.pool is not None or default_workers() < 2:
            return None  # the dev server keeps workers of its own (``warm_up``)
        if hashed is None or len(hashed) < EARLY_POOL_VENDORS:
            return None
        return early_pool(default_workers())

    def _build(
        self,
        changed: list[Path] | None,
        progress: Progress,
        write: WriteFile | None,
        place: PlaceFile | None,
        cache: Cache,
        hashed: Mapping[str, str] | None,
        unsafe: CacheError | None,
        pool: KeptPool | None,
    ) -> BuildResult:
        options = self.options
        try:
            checked = self.state.refresh(changed, cache, hashed)
        except CacheError as exc:  # a link inside the cache folder: build nothing, say why
            cache, unsafe = Cache(None), exc
            checked = self.state.refresh(None, cache)
        result = BuildResult(
            problems=checked.problems, strict=options.strict, vendors_read=checked.vendors_read
        )
        if unsafe is not None:
            result.problems.append(cache_problem(self.root, unsafe))
        portfolio = checked.portfolio
        source = self.source = read_source(self.root)  # two git calls; None outside git
        if options.vendor and portfolio and options.vendor not in portfolio.vendors:
            result.problems.append(unknown_vendor(portfolio, options.vendor))
        if result.ok and portfolio is not None and checked.project is not None:
            files: dict[str, bytes] = {}
            try:
                result.cache = cache
                theme = self._load_theme(checked.project, cache)
                catalog = i18n.load_catalog(checked.project.site.language, theme.locales)
                with i18n.use(catalog):
                    stored = load_templates(cache, catalog.key)
                    self._sites(checked, portfolio, theme, cache, progress,
                                write or files.__setitem__,
                                place if write is not None else None, result, source,
                                touched_vendors(self.root, changed), pool)  # fmt: skip
                    store_templates(cache, catalog.key, stored)
                result.files = dict(sorted(files.items()))
            except ThemeError as exc:
                result.problems.append(exc.problem())
            except i18n.CatalogError as exc:
                result.problems.append(
                    Problem(
                        Location(exc.file, exc.line or 0),
                        str(exc),
                        "each msgid needs a msgstr (empty for untranslated), both quoted",
                        code="catalog",
                    )
                )
            except CacheError as exc:
                result.problems.append(cache_problem(self.root, exc))
            except Exception as exc:
                # an error raised by template code is the theme author's, located; ours is a bug
                if not isinstance(exc, jinja2.TemplateError) and not template_frame(exc):
                    raise
                result.problems.append(template_problem(exc, self.root))
        return result

    @property
    def theme(self) -> Theme | None:
        """The theme the last build drew with."""
        return self._theme

    def _load_theme(self, project: Project, cache: Cache) -> Theme:
        theme = load_theme(project.root, project.site.theme, {BUNDLE_ASSET: chart_bundle(cache)})
        if self._theme is None or self._theme.digest != theme.digest:
            self._theme = theme  # else keep the old one: its templates are compiled already
        return self._theme

    def _sites(
        self,
        checked: Checked,
        portfolio: Portfolio,
        theme: Theme,
        cache: Cache,
        progress: Progress,
        write: WriteFile,
        place: PlaceFile | None,
        result: BuildResult,
        source: Source | None = None,
        touched: frozenset[str] | None = None,
        pool: KeptPool | None = None,
    ) -> None:
        project = checked.project
        assert project is not None
        memory = self.vendor_pages if self.vendor_pages is not None else {}
        # one-off builds keep nothing: a vendor's files go out and are forgotten
        kept: dict[str, VendorPages] | None = {} if self.vendor_pages is not None else None
        options = self.options
        catalog = i18n.active()
        drew = None
        with ChartQueue(kept=pool or self.pool) as queue:
            for prefix, audience in audiences(portfolio, options.vendor, options.per_vendor):
                out = _SiteOutput(prefix, write, result, kept, cache, place)
                # the footer's revision (and the PDF cover's)
                site = site_context(project.site, audience) | {
                    "source": source.view() if source else None
                }
                drew = drew or (project, portfolio, audience, theme, catalog, site)
                pdf = pdf_settings(project, portfolio, audience, options.pdf)
                cards = visible_cards(portfolio, audience)
                pending: deque[tuple[int, PlannedVendor]] = deque()
                charts_out = 0  # charts of the pending vendors still to render
                for path, data in theme.assets.files.items():
                    out.emit(path, data)
                # the dev server draws the vendors an edit touched first, and shows them
                # before the others are looked at (which may all be drawn again: a commit
                # moves every footer's revision); their pages wait for the whole build
                early = self.early if not options.per_vendor else None
                order, first = touched_first(cards, touched if early is not None else None)

                for step, index in enumerate(order):
                    card = cards[index]
                    key = pages_key(
                        card.vendor_id,
                        audience,
                        portfolio.as_of.isoformat(),
                        # the reporting currency may come from every vendor's contracts
                        f"{checked.shared_digest}:{portfolio.currencies.reporting}",
                        theme.digest,
                        checked.vendor_digests[card.vendor_id],
                        pdf.paper if pdf else "",
                        source_key(source),
                        catalog.key,
                    )
                    known = known_pages(key, memory, cache, place is not None)
                    if known is not None:
                        out.add(index, known)
                    else:
                        planned = PlannedVendor.plan(
                            key, project, portfolio, card, audience, queue, cache, pdf, source
                        )
                        pending.append((index, planned))
                        charts_out += planned.charts.rendering
                    shown = early is not None and step + 1 == first  # the touched are planned
                    while pending and (
                        shown or charts_out > queue.window or pending[0][1].charts.done()
                    ):
                        charts_out -= pending[0][1].charts.rendering
                        out.draw(*pending.popleft(), project, theme, site)
                    progress("vendors", step + 1 - len(pending), len(cards))
                    if shown and early is not None:
                        early()  # the touched vendors' files are out (and the theme's)
                        early = None
                while pending:
                    out.draw(*pending.popleft(), project, theme, site)
                    progress("vendors", len(cards) - len(pending), len(cards))
                if early is not None:
                    early()  # every vendor's files are out; the summary pages follow
                self._summary(project, portfolio, audience, theme, site, out, queue, cache,
                              progress, source)  # fmt: skip
        if kept is not None:
            self.vendor_pages = kept
            self.rows.forget_unused()
            self._drew = drew

    def warm_up(self) -> None:
        """Ready what the next build that draws a vendor needs (``warm_up``): a builder
        whose last build drew nothing new would pay for it on its first edit. With more
        than one worker, a chart pool is started and kept for every later build (charts are
        then drawn side by side, and this process stays free to answer requests): ``close``
        stops it."""
        if self._drew is None:
            return
        project, portfolio, audience, theme, catalog, site = self._drew
        compile_templates(theme, catalog)
        specs = rehearse(project, portfolio, audience, theme, catalog, site)
        if self.pool is not None:
            return
        if default_workers() > 1:
            self.pool = chart_pool(default_workers(), specs)
        else:  # charts are drawn in this process
            warm_charts(specs)

    def close(self) -> None:
        """Stop the chart pool ``warm_up`` started, if any."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def _summary(
        self,
        project: Project,
        portfolio: Portfolio,
        audience: Audience,
        theme: Theme,
        site: dict[str, Any],
        out: _SiteOutput,
        queue: ChartQueue,
        cache: Cache,
        progress: Progress,
        source: Source | None = None,
    ) -> None:
        """The summary pages, search index, sitemap and the scorecards export."""
        rows = SummaryRows()
        for index in sorted(out.rows):
            rows.add(out.rows[index]["portfolio"], out.rows[index]["kpis"])
        summary = summary_pages(project, portfolio, audience, rows)
        charts = ChartBatch(summary, queue, cache)
        svgs = charts.svgs()
        out.result.charts += charts.charts
        out.result.rendered += charts.rendering
        out.result.pages += len(summary)
        self.rows.use(cache, theme.digest)
        pages = render_pages(
            summary, theme.env, site, theme.assets.names, svgs, self.rows, progress
        )
        for path, data in pages.items():
            out.emit(path, data)
        entries = [e for index in sorted(out.search) for e in out.search[index]]
        entries.extend(e for p in summary for e in p.search)
        out.emit(urls.SEARCH_INDEX, search_index(entries))
        if project.site.base_url and audience.internal:
            out.emit(urls.SITEMAP, render_sitemap(sorted(out.written), project.site.base_url))
        out.emit(
            urls.SCORECARDS_JSON,
            exports.scorecards_json(visible_cards(portfolio, audience), source).encode(),
        )


def pdf_settings(
    project: Project, portfolio: Portfolio, audience: Audience, wanted: bool
) -> PdfSettings | None:
    """The PDFs of one site: on with site.yaml ``pdf:`` or ``build --pdf`` (A4 unless
    site.yaml says letter); None when the build writes none."""
    if project.site.pdf is None and not wanted:
        return None
    paper = project.site.pdf.paper if project.site.pdf else DEFAULT_PAPER
    return PdfSettings(paper, portfolio.as_of.isoformat(), audience.internal)
