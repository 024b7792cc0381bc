"""PDFs of a vendor's reviews and scorecard, made from the site's own pages with WeasyPrint.

A PDF is the page's HTML with a cover block put in front, laid out through the theme's
stylesheets plus its print stylesheet (``css/print.css``) on the site's paper. WeasyPrint
reads only what the site holds: its fetcher serves the pages' own files and the theme's
assets, and refuses every other URL (no network, nothing outside the output). The same HTML
gives the same bytes: the document's dates are the site's as_of and its PDF identifier is
derived from the page, never the clock or a random number.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import unescape as html_unescape
from typing import Any

from markupsafe import escape

from scorecardgen.cache import Cache, digest
from scorecardgen.charts.queue import ChartQueue
from scorecardgen.formatting import day
from scorecardgen.pages.common import Page
from scorecardgen.theme import Theme

PRINT_CSS = "css/print.css"  # the theme's print stylesheet, for PDFs only
COVER_TEMPLATE = "_pdf.html"  # the cover block in front of each PDF
PAPERS = ("A4", "letter")
DEFAULT_PAPER = "A4"
REVIEW_TEMPLATE = "review.html"
SCORECARD_TEMPLATE = "vendor.html"

# breaks allowed anywhere: for the rare page WeasyPrint cannot lay out with ``break-inside:
# avoid`` (an unbreakable box taller than a page meets an assertion inside its layout)
RELAXED_BREAKS = "* { break-inside: auto !important; break-after: auto !important; }"
# an href that is neither absolute (scheme:) nor within the page (#): a link to a site file
_RELATIVE_HREF = re.compile(rb'(<a\b[^>]*?)\s+href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#)([^"]*)"')
_BODY = re.compile(rb"<body[^>]*>")
# a chart's own size, from vl-convert: <svg ... width="783" height="324" ... class="chart-image"
_CHART_SIZE = re.compile(rb'(<svg\b[^>]*?\bwidth=")(\d+(?:\.\d+)?)("\s+height=")(\d+(?:\.\d+)?)(")')
CHART_WIDTH_MM = 120.0  # the widest a chart is printed: three service levels fit on an A4 page
PX_MM = 25.4 / 96  # a CSS pixel in millimetres
_HEAD_END = b"</head>"


@dataclass(frozen=True)
class PdfSettings:
    """What every PDF of a build shares: paper, dates, whose site it is."""

    paper: str  # "A4" | "letter"
    as_of: str  # ISO date: the documents' creation date
    internal: bool  # the internal site's PDFs carry an "internal edition" mark


def pdf_path(page_path: str, template: str) -> str | None:
    """Where a page's PDF goes beside it, or None for a page that has none: a review's
    ``reviews/<q>/review.pdf``, a scorecard's ``scorecard.pdf`` (``vendors/<id>/`` on the
    internal site, the root of a vendor's own site)."""
    folder = posixpath.dirname(page_path)  # "" for a vendor site's scorecard, at its root
    if template == REVIEW_TEMPLATE:
        return posixpath.join(folder, "review.pdf")
    if template == SCORECARD_TEMPLATE:
        return posixpath.join(folder, "scorecard.pdf")
    return None


def cover_context(
    context: Mapping[str, Any], settings: PdfSettings, source: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """What the cover block shows, from the page's own context (ready-made values) and the
    site's ``source`` (the revision built from, ``provenance.Source.view``; None outside git)."""
    vendor = context.get("vendor") or {}
    return {
        "vendor": vendor.get("name", "") if isinstance(vendor, Mapping) else "",
        "period": context.get("period", ""),
        "source": source or {},
        "internal": settings.internal,
        "paper": settings.paper,
    }


def _links(html: bytes, published: str) -> bytes:
    """Links to other pages of the site point at the published site (``published``: the
    page's URL there), or, with no base_url, are left out: a PDF travels on its own, and a
    relative link in it leads nowhere. Links to elsewhere (https:, mailto:) and within the
    page (#...) stay."""

    def relink(found: re.Match[bytes]) -> bytes:
        if not published:
            return found[1]
        target = urllib.parse.urljoin(published, html_unescape(found[2].decode()))
        return found[1] + b' href="' + str(escape(target)).encode() + b'"'

    return _RELATIVE_HREF.sub(relink, html)


def print_document(
    html: bytes, cover: str, css: bytes, settings: PdfSettings, published: str = ""
) -> bytes:
    """The page's HTML as the PDF lays it out: the cover block first in the body; in the head,
    after the theme's stylesheets (so it wins over them), the print stylesheet and the paper,
    and the documents' dates (WeasyPrint's metadata comes from these meta tags); its links as
    ``_links`` says."""
    html = chart_sizes(_links(html, published))
    head = (
        f'<meta name="dcterms.created" content="{escape(settings.as_of)}">'
        f'<meta name="dcterms.modified" content="{escape(settings.as_of)}">'
        f"<style>{paper_css(settings.paper)}</style>"
    ).encode()
    head += b"<style>" + css.replace(b"</", b"<\\/") + b"</style>"
    html = html.replace(_HEAD_END, head + _HEAD_END, 1)
    found = _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + cover.encode() + html[at:]


def chart_sizes(html: bytes) -> bytes:
    """Each chart's width and height in millimetres, scaled down to ``CHART_WIDTH_MM`` when
    wider. WeasyPrint lays out an inline SVG by its own size; sized by CSS alone (a width in
    per cent, a max-height), it kept room for the unscaled chart, and the caption and the
    next heading ran over the figure."""

    def size(found: re.Match[bytes]) -> bytes:
        width, height = float(found[2]) * PX_MM, float(found[4]) * PX_MM
        scale = min(1.0, CHART_WIDTH_MM / width) if width else 1.0
        w, h = f"{width * scale:.2f}mm".encode(), f"{height * scale:.2f}mm".encode()
        return found[1] + w + found[3] + h + found[5]

    return _CHART_SIZE.sub(size, html)


def paper_css(paper: str) -> str:
    """The page size, the one rule of the print stylesheet that comes from site.yaml."""
    return f"@page {{ size: {'letter' if paper == 'letter' else 'A4'} portrait; }}"


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render: everything it is made from, so a worker needs nothing else."""

    path: str  # site path of the PDF
    page: str  # site path of the page it is made from
    html: bytes  # the page as printed (``print_document``), print stylesheet included
    paper: str
    files: Mapping[str, bytes]  # site path -> bytes: what the page may load (stylesheets)

    @property
    def key(self) -> str:
        """The cache key: the digest of everything the PDF is made from."""
        parts: list[bytes | str] = ["pdf", self.page, self.html, self.paper]
        for name in sorted(self.files):
            parts += [name, self.files[name]]
        return digest(*parts)


def stylesheets(assets: Mapping[str, bytes]) -> dict[str, bytes]:
    """The theme assets a printed page may load: its stylesheets (never scripts)."""
    return {path: data for path, data in assets.items() if path.endswith(".css")}


def render_pdf(job: PdfJob) -> bytes:
    """The PDF of ``job``: byte-identical for the same job."""
    import weasyprint  # noqa: PLC0415 - loads Pango, ~0.3 s: only builds with PDFs pay it

    from scorecardgen.pdf_fetch import SITE_ROOT, SiteFetcher  # noqa: PLC0415 - subclasses weasyprint's

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # unsupported CSS is not news
    document = weasyprint.HTML(
        string=job.html.decode("utf-8"),
        base_url=SITE_ROOT + job.page,
        url_fetcher=SiteFetcher(job.files),
    )
    # the file's /ID: from what it shows, so the same page gives the same bytes
    identifier = hashlib.sha256(job.html + job.paper.encode()).hexdigest()[:32].encode()
    try:
        data = document.write_pdf(pdf_identifier=identifier)
    except AssertionError:  # WeasyPrint cannot honour some no-split rules: lay out without them
        relaxed = weasyprint.CSS(string=RELAXED_BREAKS)
        data = document.write_pdf(pdf_identifier=identifier, stylesheets=[relaxed])
    assert data is not None  # no target: the bytes come back
    return bytes(data)


def page_jobs(
    pages: Sequence[Page], files: Mapping[str, bytes], theme: Theme, site: Mapping[str, Any],
    settings: PdfSettings,
) -> list[PdfJob]:  # fmt: skip
    """A PDF job for each review and scorecard among ``pages`` (drawn into ``files``)."""
    css = stylesheets(theme.assets.files)
    printed = css.get(theme.assets.names.get(PRINT_CSS, ""), b"")
    cover = theme.env.get_template(COVER_TEMPLATE)
    as_of = day(date.fromisoformat(settings.as_of))
    jobs = []
    for page in pages:
        path = pdf_path(page.path, page.template)
        if path is None or page.path not in files:
            continue
        facts = cover_context(page.context, settings, site.get("source"))
        html = cover.render(cover={**facts, "as_of": as_of}, site=site)
        base = str(site.get("base_url") or "")  # set on the internal site only
        published = urllib.parse.urljoin(base.rstrip("/") + "/", page.path) if base else ""
        jobs.append(
            PdfJob(
                path,
                page.path,
                print_document(files[page.path], html, printed, settings, published),
                settings.paper,
                css,
            )
        )
    return jobs


@dataclass(frozen=True)
class RenderedPdfs:
    """A vendor's PDFs: their bytes, their cache keys, how many were rendered (not cached)."""

    files: dict[str, bytes]
    keys: dict[str, str]  # site path -> cache key
    rendered: int


def render_pdfs(jobs: Sequence[PdfJob], cache: Cache, queue: ChartQueue) -> RenderedPdfs:
    """Each job's PDF from the cache, or rendered in the worker pool and cached."""
    files: dict[str, bytes] = {}
    keys = {job.path: job.key for job in jobs}
    missing = []
    for job in jobs:
        data = cache.get("pdf", keys[job.path])
        if data is None:
            missing.append(job)
        else:
            files[job.path] = data
    for job, data in zip(missing, queue.map(render_pdf, missing), strict=True):
        cache.put("pdf", keys[job.path], data)
        files[job.path] = data
    return RenderedPdfs(files, keys, len(missing))
