"""One vendor's own pages in one site: planned, drawn, and kept for the next build.

A vendor's scorecard, reviews, notes and exports depend on its own files, on what every page
shares (site settings, the KPI catalogue, the theme, as_of) and on who the site is for, and
on nothing else; their cache key is the digest of exactly those inputs, as they were read.
An unchanged vendor's pages come back whole from the cache (or from the dev server's memory).

Each of a vendor's files is also a cache entry of its own (kind ``file``, keyed by its
bytes; PDFs are ``pdf`` entries), recorded with the inode, size and modification time it
had when written, so a build into a folder can hard-link it instead of writing its bytes
again (``SiteWriter.place``). Those entries are read-only, and one whose stamp moved (an
edit made in place through a link in a site folder, by root or after a chmod) is a miss:
the vendor is drawn again and the entry rewritten as a new file, never served as it is.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scorecardgen import exports
from scorecardgen.cache import Cache, Stamp, digest
from scorecardgen.charts.queue import ChartQueue
from scorecardgen.export_review import review_files
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.common import Audience, Page
from scorecardgen.pages.plan import vendor_pages, vendor_rows
from scorecardgen.pdf import PdfSettings, RenderedPdfs, page_jobs, pdf_path, render_pdfs
from scorecardgen.provenance import Source
from scorecardgen.render import ChartBatch, render_pages
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.theme import Theme


@dataclass(frozen=True)
class VendorPages:
    """A vendor's drawn files in one site, its search entries and its summary-table rows."""

    key: str
    files: dict[str, bytes]
    search: list[dict[str, str]]
    pages: int  # how many of ``files`` are pages
    svgs: list[str]  # cache keys of its charts, kept while these pages are
    rows: dict[str, Any]  # its rows on the portfolio and the KPI pages
    pdfs: dict[str, str] = field(default_factory=dict)  # site path -> cache key of its PDFs
    # site path -> (kind, key, stamp) of each file kept as a cache entry of its own
    placed: dict[str, tuple[str, str, Stamp]] = field(default_factory=dict)
    # site path -> the entry's file, worked out once (the dev server adds these pages to
    # every build, 20,000 files at 1,000 vendors)
    _entries: dict[str, Path] = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def charts(self) -> int:
        return len(self.svgs)

    def entries(self, cache: Cache) -> dict[str, Path]:
        """Each file kept as an entry of its own: site path -> the entry's file."""
        if len(self._entries) != len(self.placed):
            self._entries.update(
                (path, cache.entry_path(kind, key)) for path, (kind, key, _) in self.placed.items()
            )
        return self._entries

    @classmethod
    def from_json(cls, key: str, data: bytes) -> VendorPages:
        stored = json.loads(data)
        return cls(
            key,
            files={k: v.encode() for k, v in stored["files"].items()},
            search=stored["search"],
            pages=stored["count"],
            svgs=stored["svgs"],
            rows=stored["rows"],
            pdfs=stored["pdfs"],
            placed={p: (kind, k, tuple(st)) for p, (kind, k, st) in stored["placed"].items()},
        )

    def to_json(self) -> bytes:
        """Files kept as entries of their own by key and stamp; any other text file whole."""
        kept = self.placed.keys() | self.pdfs.keys()
        return json.dumps(
            {
                "files": {k: v.decode() for k, v in self.files.items() if k not in kept},
                "placed": {p: [kind, k, list(st)] for p, (kind, k, st) in self.placed.items()},
                "pdfs": self.pdfs,
                "search": self.search,
                "count": self.pages,
                "svgs": self.svgs,
                "rows": self.rows,
            },
            sort_keys=True,
        ).encode()


def pages_key(
    vendor_id: str,
    audience: Audience,
    as_of: str,
    shared: str,
    theme: str,
    vendor: str,
    pdf: str = "",
    source: str = "",
    language: str = "",
) -> str:
    """The cache key of a vendor's pages: the digests of everything they are made from
    (``pdf``: the paper of its PDFs, empty when the build writes none; ``source``: the
    revision their footers and scorecard.json name, ``provenance.source_key``;
    ``language``: the site's locale and the digest of its catalogs, ``i18n.Catalog.key``)."""
    return digest(
        "vendor-pages", vendor_id, audience.vendor or "", shared, as_of, theme, vendor, pdf,
        source, language,
    )  # fmt: skip


def known_pages(
    key: str, memory: Mapping[str, VendorPages], cache: Cache, placing: bool = False
) -> VendorPages | None:
    """A vendor's pages from an earlier build (the dev server's memory) or from the cache.

    ``placing``: the writer hard-links entries, so their bytes need not be read, only seen
    to be as written; else they are read back into ``files``.
    """
    known = memory.get(key)
    if known is None:
        data = cache.get("pages", key)
        known = VendorPages.from_json(key, data) if data is not None else None
        if known is not None:
            known = _with_entries(known, cache, placing)
    if known is not None:
        for svg in known.svgs:  # its charts stay cached for the day this vendor changes
            cache.keep("svg", svg)
        for kind, entry, _ in known.placed.values():
            cache.keep(kind, entry)
        for pdf in known.pdfs.values():
            cache.keep("pdf", pdf)
    return known


def _with_entries(known: VendorPages, cache: Cache, placing: bool) -> VendorPages | None:
    """Cached pages whose files are all still as written (read back unless ``placing``);
    None when one is gone or was changed: the vendor is drawn again."""
    files = dict(known.files)
    for path, (kind, entry, stamp) in known.placed.items():
        if cache.placeable(kind, entry, stamp) is None:
            return None
        if not placing:
            data = cache.get(kind, entry)
            if data is None or cache.stamp(kind, entry) != stamp:
                return None
            files[path] = data
    return replace(known, files=files)


def file_key(data: bytes) -> str:
    """The cache key of one site file: its bytes."""
    return digest("file", data)


def store_file(cache: Cache, data: bytes) -> str:
    """Keep a site file's bytes as a ``file`` entry; its key. An entry that already holds
    exactly these bytes (another vendor's identical file, or an earlier build's) is kept as
    it is: a new copy would move its stamp, and every site and record linking it would miss.
    One edited in place through a site's link holds other bytes, and is replaced."""
    key = file_key(data)
    if f"file/{key}" not in cache.written and cache.get("file", key) != data:
        cache.put("file", key, data)
    return key


def _placed(
    files: Mapping[str, bytes], pdfs: Mapping[str, str], cache: Cache
) -> dict[str, tuple[str, str, Stamp]]:
    """Each file kept as an entry of its own (PDFs are already), with its stamp."""
    placed: dict[str, tuple[str, str, Stamp]] = {}
    if cache.folder is None:
        return placed
    for path, data in files.items():
        kind, entry = ("pdf", pdfs[path]) if path in pdfs else ("file", store_file(cache, data))
        stamp = cache.stamp(kind, entry)
        if stamp is not None:
            placed[path] = (kind, entry, stamp)
    return placed


def _exports(card: VendorScorecard, audience: Audience, source: Source | None) -> dict[str, bytes]:
    """A vendor's scorecard.json and measurements.csv for one site."""
    if not audience.internal:  # a vendor never sees internal actions, not even as data
        card = replace(
            card, actions=tuple(a for a in card.actions if audience.sees_note(a.visibility))
        )
    return {
        urls.scorecard_json(card.vendor_id): exports.scorecard_json(card, source).encode(),
        urls.measurements_csv(card.vendor_id): exports.measurements_csv(card).encode(),
    }


@dataclass
class PlannedVendor:
    """A vendor's pages planned, their charts handed to the chart queue."""

    key: str
    card: VendorScorecard
    pages: list[Page]
    charts: ChartBatch
    audience: Audience
    pdf: PdfSettings | None = None  # None: no PDFs in this build
    queue: ChartQueue | None = None  # the worker pool, for PDFs
    pdfs_rendered: int = 0  # PDFs rendered (not from the cache) by ``draw``
    source: Source | None = None  # the revision built from (None outside git)

    @classmethod
    def plan(
        cls,
        key: str,
        project: Project,
        portfolio: Portfolio,
        card: VendorScorecard,
        audience: Audience,
        queue: ChartQueue,
        cache: Cache,
        pdf: PdfSettings | None = None,
        source: Source | None = None,
    ) -> PlannedVendor:
        pages = vendor_pages(project, portfolio, card, audience)
        if pdf is not None:
            pages = [_linked(page) for page in pages]
        charts = ChartBatch(pages, queue, cache)
        return cls(key, card, pages, charts, audience, pdf, queue, source=source)

    def draw(self, project: Project, theme: Theme, site: dict[str, Any]) -> VendorPages:
        """The vendor's files, once its charts are back; kept in the cache for next time."""
        svgs = self.charts.svgs()
        files = _exports(self.card, self.audience, self.source)
        files.update(review_files(self.pages))
        files.update(render_pages(self.pages, theme.env, site, theme.assets.names, svgs))
        pdfs = RenderedPdfs({}, {}, 0)
        if self.pdf is not None and self.queue is not None:
            jobs = page_jobs(self.pages, files, theme, site, self.pdf)
            pdfs = render_pdfs(jobs, self.charts.cache, self.queue)
            files.update(pdfs.files)
            self.pdfs_rendered = pdfs.rendered
        portfolio_row, kpi_rows = vendor_rows(project, self.card)
        drawn = VendorPages(
            self.key,
            files=files,
            search=[e for p in self.pages for e in p.search],
            pages=len(self.pages),
            svgs=sorted(self.charts.keys.values()),
            rows={"portfolio": portfolio_row, "kpis": kpi_rows},
            pdfs=pdfs.keys,
            placed=_placed(files, pdfs.keys, self.charts.cache),
        )
        self.charts.cache.put("pages", self.key, drawn.to_json())
        return drawn


def _linked(page: Page) -> Page:
    """A page that has a PDF, with its link (``pdf_url``, relative to the page) to show."""
    path = pdf_path(page.path, page.template)
    if path is None:
        return page
    return replace(page, context={**page.context, "pdf_url": posixpath.basename(path)})
