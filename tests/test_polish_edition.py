"""The internal site's pages carry an "internal edition" mark in print (hidden on screen), so an
internal printout is never taken for the vendor's; a vendor site has no such mark."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pypdf
import weasyprint

from tests.conftest import run_cli
from tests.no_gaps import NO_GAPS

REVIEW = "vendors/acme/reviews/2025-Q2/index.html"


def _printed_text(page: Path) -> str:
    """The text of ``page`` printed as a browser or WeasyPrint prints it (print media)."""
    pdf = weasyprint.HTML(filename=str(page)).write_pdf()
    return " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _builds(make_project: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    root = make_project(NO_GAPS)
    internal, vendor = tmp_path / "internal", tmp_path / "vendor"
    assert run_cli("-C", str(root), "build", "-o", str(internal)).exit_code == 0
    assert run_cli("-C", str(root), "build", "--vendor", "acme", "-o", str(vendor)).exit_code == 0
    return internal, vendor


def test_internal_pages_print_the_mark_and_vendor_pages_do_not(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    internal, vendor = _builds(make_project, tmp_path)
    pages = sorted(p for p in internal.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 5
    for page in pages:  # every internal page carries it
        assert 'class="edition-mark"' in page.read_text(encoding="utf-8"), page
    for page in vendor.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "edition-mark" not in text and "Internal edition" not in text, page

    printed = _printed_text(internal / REVIEW)
    assert "INTERNAL EDITION" in printed and "Test Org only" in printed
    assert "not for the vendor" in printed
    assert "INTERNAL EDITION" not in _printed_text(vendor / REVIEW)


def test_the_mark_is_hidden_on_screen(make_project: Callable[..., Path], tmp_path: Path) -> None:
    internal, _ = _builds(make_project, tmp_path)
    css = next((internal / "css").glob("site*.css")).read_text(encoding="utf-8")
    # hidden by a rule for every medium, shown again only by a print rule after it
    assert (
        "\n.edition-mark { display: none; }\n@media print {\n  .edition-mark {\n    display: block;"
        in css
    )
