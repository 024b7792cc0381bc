"""PDFs of reviews and scorecards (issue 17): written by `build --pdf` or site.yaml `pdf:`,
holding what the page holds (and, on a vendor site, nothing internal), on the site's paper,
byte-identical build after build, and not rendered again by a warm build."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorecardgen.formatting import score
from tests.conftest import run_cli
from tests.minimal_project import KPIS, SITE
from tests.no_gaps import NO_GAPS

INTERNAL_NOTE = """\
---
title: Margin squeeze memo
date: 2025-06-10
kind: note
---
Our walk-away price is lower than Acme thinks.
"""
NOTE_FILE = "content/vendors/acme/notes/margin-memo.md"
REVIEW_PDF = "vendors/acme/reviews/2025-Q2/review.pdf"
SCORECARD_PDF = "vendors/acme/scorecard.pdf"
A4 = (595, 842)  # points, rounded
LETTER = (612, 792)


def _build(root: Path, out: Path, *args: str) -> str:
    result = run_cli("-C", str(root), "build", "-o", str(out), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stderr


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in _pages(pdf))


def _pages(pdf: bytes) -> list:  # type: ignore[type-arg]
    return list(PdfReader(io.BytesIO(pdf)).pages)


def _links(pdf: bytes) -> list[str]:
    """The URLs the PDF's links lead to."""
    return [
        str(annot.get_object()["/A"]["/URI"])
        for page in _pages(pdf)
        for annot in page.get("/Annots") or []
        if "/URI" in annot.get_object().get("/A", {})
    ]


def _size(pdf: bytes) -> tuple[int, int]:
    box = _pages(pdf)[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project({**NO_GAPS, NOTE_FILE: INTERNAL_NOTE})


def test_build_pdf_writes_a_review_and_a_scorecard_holding_the_page(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    said = _build(project, out, "--pdf")
    reviews = sorted(p.parent.name for p in (out / "vendors/acme/reviews").glob("*/index.html"))
    pdfs = sorted(p.parent.name for p in (out / "vendors/acme/reviews").glob("*/review.pdf"))
    assert reviews and pdfs == reviews
    assert (out / SCORECARD_PDF).is_file()
    page = (out / REVIEW_PDF).with_name("index.html").read_text("utf-8")
    assert '<a class="pdf-link" href="review.pdf">Download the PDF</a>' in page
    assert re.search(r"\b\d+ PDFs \(\d+ rendered, 0 from cache\)", said)

    headline = json.loads((out / "vendors/acme/scorecard.json").read_text())["headline"]
    for name in (REVIEW_PDF, SCORECARD_PDF):
        data = (out / name).read_bytes()
        text = _text(data)
        assert "Acme Support" in text and "Test Org" in text
        assert score(headline["score"]) in text
        for kpi_name, _unit, _direction in KPIS.values():
            assert kpi_name in text, (name, kpi_name)
        assert re.search(r"Page 1 of \d", text)  # page numbers in the margin
        assert "Internal edition" in text  # an internal PDF says so on every copy
        assert _size(data) == A4
    review = _text((out / REVIEW_PDF).read_bytes())
    assert "Q2 2025" in review and "As of 30 Jun 2025" in review
    # with no base_url, a link to another page of the site would lead nowhere: none is kept
    assert _links((out / REVIEW_PDF).read_bytes()) == []


def test_site_yaml_turns_pdfs_on_with_its_paper(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    site = SITE + "pdf: {paper: letter}\nbase_url: https://scores.example/internal/\n"
    root = make_project({**NO_GAPS, "content/site.yaml": site})
    out = tmp_path / "out"
    _build(root, out)
    data = (out / REVIEW_PDF).read_bytes()
    assert _size(data) == LETTER
    # with base_url, the PDF's links lead to the published site
    assert "https://scores.example/internal/kpis/fcr/index.html" in _links(data)


def test_a_bad_paper_is_a_located_error(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project({**NO_GAPS, "content/site.yaml": SITE + "pdf: {paper: A3}\n"})
    result = run_cli("-C", str(root), "build", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "content/site.yaml" in result.stderr and "paper" in result.stderr


def test_two_builds_give_the_same_bytes_and_a_warm_build_renders_no_pdf(
    project: Path, tmp_path: Path
) -> None:
    cold = _build(project, tmp_path / "a", "--pdf", "--no-cache")
    _build(project, tmp_path / "b", "--pdf")  # fills the cache
    warm = _build(project, tmp_path / "c", "--pdf")
    assert re.search(r"\d+ PDFs \(\d+ rendered", cold)
    assert re.search(r"\b(\d+) PDFs \(0 rendered, \1 from cache\)", warm), warm
    for name in (REVIEW_PDF, SCORECARD_PDF):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_a_vendor_site_pdf_holds_no_internal_note(project: Path, tmp_path: Path) -> None:
    internal, vendor = tmp_path / "internal", tmp_path / "vendor"
    _build(project, internal, "--pdf")
    _build(project, vendor, "--pdf", "--vendor", "acme")
    assert "Margin squeeze memo" in _text((internal / SCORECARD_PDF).read_bytes())
    for name in (REVIEW_PDF, "scorecard.pdf"):  # a vendor site's scorecard is its home page
        text = _text((vendor / name).read_bytes())
        assert "Acme Support" in text
        assert "Margin squeeze memo" not in text and "walk-away" not in text
        assert "Internal edition" not in text and "Vendor edition" in text


def test_the_pdf_loads_only_the_sites_own_files() -> None:
    from scorecardgen.pdf_fetch import SITE_ROOT, SiteFetcher

    fetcher = SiteFetcher({"css/site.css": b"body {}"})
    assert fetcher.fetch(SITE_ROOT + "vendors/acme/../../css/site.css").read() == b"body {}"
    for url in (
        "https://example.com/font.woff2",
        "file:///etc/passwd",
        SITE_ROOT + "../etc/passwd",
        SITE_ROOT + "css/missing.css",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_page_weasyprint_cannot_lay_out_unsplit_is_laid_out_with_breaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeasyPrint 70 fails an internal assertion on some unbreakable boxes taller than a page
    (the example's scorecard did, before print.css let cards break): the PDF is still made."""
    import weasyprint

    from scorecardgen.pdf import RELAXED_BREAKS, PdfJob, render_pdf

    calls: list[object] = []
    write = weasyprint.HTML.write_pdf

    def fails_first(self: weasyprint.HTML, *args: object, **kwargs: object) -> bytes:
        calls.append(kwargs.get("stylesheets"))
        if len(calls) == 1:
            raise AssertionError
        return write(self, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", fails_first)
    html = b"<html><head></head><body><p>Acme Support</p></body></html>"
    data = render_pdf(PdfJob("x/review.pdf", "x/index.html", html, "A4", {}))
    assert "Acme Support" in _text(data)
    assert calls[0] is None and calls[1] is not None
    assert "break-inside: auto" in RELAXED_BREAKS
