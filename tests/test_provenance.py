"""Provenance: a site built from a git repository names its revision in every page footer,
in scorecard.json and scorecards.json (``source``) and on the PDF covers, says whether
content/ or themes/ had uncommitted changes, and takes the date from git, not the clock.
Outside git nothing is printed and ``source`` is null."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from scorecardgen.pdf import COVER_TEMPLATE, PdfSettings, cover_context
from scorecardgen.provenance import Source, read_source
from scorecardgen.theme import load_theme
from tests.conftest import run_cli
from tests.git_repo import commit, edit, git, init
from tests.minimal_project import project_files, write_project

FOOTER = '<p class="site-source">'
CSV = "content/vendors/acme/measurements/2025.csv"
PAGES = ("index.html", "vendors/acme/index.html", "kpis/fcr/index.html", "methodology/index.html")


def build(root: Path, out: Path, *args: str) -> Path:
    result = run_cli("-C", str(root), "build", "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def footer(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    if FOOTER not in html:
        return ""
    return html.split(FOOTER, 1)[1].split("</p>", 1)[0]


def scorecard(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "vendors/acme/scorecard.json").read_text())
    return data


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    root = write_project(tmp_path / "project", dict(project_files()))
    init(root)
    return root, commit(root, "scorecards")


def test_every_page_and_export_names_the_commit_and_its_date(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    root, sha = repo
    site = build(root, tmp_path / "site")
    expected = f'Built from revision <abbr title="{sha}">{sha[:12]}</abbr> (committed 1 Jul 2025).'
    assert [footer(site, p) for p in PAGES] == [expected] * len(PAGES)
    source = {"commit": sha, "committed": "2025-07-01T10:00:00+00:00", "dirty": False}
    assert scorecard(site)["source"] == source
    assert list(scorecard(site))[:3] == ["vendor", "as_of", "source"]
    (row,) = json.loads((site / "scorecards.json").read_text())
    assert row["source"] == source


def test_uncommitted_changes_in_content_are_said_and_a_new_commit_is_never_stale(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    root, sha = repo
    build(root, tmp_path / "first")  # fills the project's cache with this revision's pages
    edit(root, CSV, "qa,2025-04,91,", "qa,2025-04,92,")
    dirty = build(root, tmp_path / "dirty")
    assert footer(dirty, "vendors/acme/index.html").endswith(
        "(committed 1 Jul 2025) with uncommitted changes."
    )
    assert scorecard(dirty)["source"]["dirty"] is True
    later = commit(root, "qa restated", "2025-07-09T08:30:00+02:00")
    (root / "README.md").write_text("not read by a build: the tree stays clean\n")
    clean = build(root, tmp_path / "clean")
    for page in PAGES:  # from the cache or not, every page names the new commit
        assert f">{later[:12]}</abbr> (committed 9 Jul 2025)." in footer(clean, page), page
    assert scorecard(clean)["source"] == {
        "commit": later,
        "committed": "2025-07-09T08:30:00+02:00",
        "dirty": False,
    }


def test_the_output_folder_and_the_cache_never_make_the_tree_dirty(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", dict(project_files()))
    git(root, "init", "-q")  # no .gitignore: output/ and the cache are untracked files
    commit(root, "scorecards")
    build(root, root / "output")
    assert (root / ".scorecardgen-cache").is_dir()
    source = read_source(root)
    assert source is not None and source.dirty is False
    (root / "content/vendors/acme/notes/new.md").write_text(
        "---\ntitle: New\ndate: 2025-06-01\nkind: note\n---\nText.\n"
    )
    source = read_source(root)
    assert source is not None and source.dirty is True  # an untracked note is a change


def test_the_same_revision_builds_the_same_bytes(repo: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = repo
    first = build(root, tmp_path / "a", "--no-cache")
    second = build(root, tmp_path / "b")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [(first / f).read_bytes() == (second / f).read_bytes() for f in files] == [True] * len(
        files
    )


def test_outside_git_nothing_is_printed_and_source_is_null(tmp_path: Path) -> None:
    root = write_project(tmp_path / "plain", dict(project_files()))
    site = build(root, tmp_path / "site")
    assert [footer(site, p) for p in PAGES] == [""] * len(PAGES)
    assert "revision" not in (site / "index.html").read_text()
    assert scorecard(site)["source"] is None
    assert json.loads((site / "scorecards.json").read_text())[0]["source"] is None
    assert read_source(root) is None


def test_vendor_sites_name_the_revision_too(repo: tuple[Path, str], tmp_path: Path) -> None:
    root, sha = repo
    site = build(root, tmp_path / "vendor", "--vendor", "acme")
    assert f">{sha[:12]}</abbr>" in footer(site, "index.html")
    assert json.loads((site / "scorecards.json").read_text())[0]["source"]["commit"] == sha


def _pdf_text(path: Path) -> str:
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def test_the_pdf_cover_names_the_revision_and_uncommitted_edits(
    repo: tuple[Path, str], tmp_path: Path
) -> None:
    root, sha = repo
    edit(root, CSV, "qa,2025-04,91,", "qa,2025-04,92,")
    site = build(root, tmp_path / "dirty", "--pdf")
    review = _pdf_text(site / "vendors/acme/reviews/2025-Q2/review.pdf")
    assert f"Source revision {sha[:12]} (with uncommitted edits) ·" in review


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (Source("a" * 40, "2025-07-01T10:00:00+00:00", False), "Source revision aaaaaaaaaaaa ·"),
        (None, ""),
    ],
)
def test_the_cover_block_says_the_revision_only_from_git(
    tmp_path: Path, source: Source | None, says: str
) -> None:
    theme = load_theme(tmp_path, "default", {})
    settings = PdfSettings("A4", "2025-06-30", internal=True)
    facts = cover_context({}, settings, source.view() if source else None)
    html = theme.env.get_template(COVER_TEMPLATE).render(
        cover={**facts, "as_of": "30 Jun 2025"}, site={"organisation": "Test Org"}
    )
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert ("Source revision" in text) == bool(says)
    assert says in text
