"""Internal notes carry an "Internal" flag on the internal site; vendor sites never show them
(issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.minimal_project import project_files, write_project

NOTES = "content/vendors/acme/notes"
INTERNAL = "---\ntitle: Pricing leverage\ndate: 2025-05-20\n---\nOur walk-away price.\n"
SHARED = "---\ntitle: Site visit\ndate: 2025-05-21\nvisibility: vendor\n---\nThanks for hosting.\n"
FLAG = 'class="flag flag-internal"'
VENDOR_PAGE = "vendors/acme/index.html"
REVIEW_PAGE = "vendors/acme/reviews/2025-Q2/index.html"


def note_page(note_id: str) -> str:
    return f"vendors/acme/notes/{note_id}/index.html"


def list_item(html: str, note_id: str) -> str:
    """The <li> that links to the note ``note_id``; fails when there is none."""
    items = [li for li in re.findall(r"<li>.*?</li>", html, re.S) if f"notes/{note_id}/" in li]
    assert items, f"no list item links to {note_id}"
    return items[0]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    files = project_files()
    files[f"{NOTES}/pricing-leverage.md"] = INTERNAL
    files[f"{NOTES}/site-visit.md"] = SHARED
    root = write_project(tmp_path_factory.mktemp("notes") / "project", files)
    internal, vendor = root.parent / "internal", root.parent / "vendor"
    for args in (["-o", str(internal)], ["--vendor", "acme", "-o", str(vendor)]):
        result = run_cli("-C", str(root), "build", *args)
        assert result.exit_code == 0, result.output
    return internal, vendor


def test_internal_note_page_is_flagged(sites: tuple[Path, Path]) -> None:
    internal, _ = sites
    page = (internal / note_page("pricing-leverage")).read_text()
    assert FLAG in page
    assert re.search(r"flag-internal[^>]*>.*?</span>\s*Internal</span>", page, re.S)
    assert FLAG not in (internal / note_page("site-visit")).read_text()
    assert FLAG not in (internal / note_page("q2-review")).read_text()
    assert FLAG in (internal / note_page("fix-fcr")).read_text()  # an internal action


@pytest.mark.parametrize("where", [VENDOR_PAGE, REVIEW_PAGE])
def test_internal_notes_are_flagged_where_listed(sites: tuple[Path, Path], where: str) -> None:
    internal, _ = sites
    html = (internal / where).read_text()
    assert FLAG in list_item(html, "pricing-leverage")
    assert FLAG not in list_item(html, "site-visit")
    assert FLAG in list_item(html, "fix-fcr")  # open actions are listed too


def test_vendor_site_has_no_internal_note_and_no_flag(sites: tuple[Path, Path]) -> None:
    _, vendor = sites
    assert not (vendor / note_page("pricing-leverage")).exists()
    assert not (vendor / note_page("fix-fcr")).exists()
    assert (vendor / note_page("site-visit")).is_file()
    for page in vendor.rglob("*.html"):
        text = page.read_text()
        assert "flag-internal" not in text, page
        assert "Pricing leverage" not in text and "walk-away" not in text, page
    assert list_item((vendor / VENDOR_PAGE).read_text(), "site-visit")


def test_the_flag_prints() -> None:
    css = (REPO / "themes/default/static/css/site.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".flag-internal" in print_rules
