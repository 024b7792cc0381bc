"""A build into a folder hard-links the files it takes from the cache instead of writing their
bytes again: the site is byte for byte a --no-cache build's, a later build never changes a
file of an earlier site in place, and a hand edit of the site never reaches a later build."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.cache import CACHE_DIR
from tests.minimal_project import MEASUREMENTS_CSV, project_files, write_project

PAGE = "vendors/acme/index.html"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", dict(project_files()))


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _uncached(root: Path, out: Path) -> dict[str, bytes]:
    assert build_site(root, out, BuildOptions(use_cache=False)).ok
    return _tree(out)


def _entries(root: Path) -> dict[int, Path]:
    return {p.stat().st_ino: p for p in (root / CACHE_DIR / "file").rglob("*") if p.is_file()}


def test_a_warm_build_links_its_files_from_the_cache(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    assert build_site(root, out).rendered == 0
    page = out / PAGE
    assert page.stat().st_ino in _entries(root)  # the cache entry itself, not a copy
    assert page.stat().st_nlink >= 2
    assert not stat.S_IMODE(page.stat().st_mode) & 0o222  # read-only: edits are refused
    assert _tree(out) == _uncached(root, tmp_path / "plain")


def test_a_later_build_never_changes_an_earlier_sites_file(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    earlier = tmp_path / "earlier.html"  # the earlier site's file, as a deploy step kept it
    os.link(out / PAGE, earlier)
    before = earlier.read_bytes()
    (root / "content/vendors/acme/measurements/2025.csv").write_text(
        MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39")
    )
    assert build_site(root, out).ok
    assert earlier.read_bytes() == before
    assert (out / PAGE).read_bytes() != before
    assert _tree(out) == _uncached(root, tmp_path / "plain")


def test_a_hand_edit_of_the_site_never_reaches_a_later_build(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    assert build_site(root, out).ok
    page = out / PAGE
    good = page.read_bytes()
    page.chmod(0o644)  # what root may do anyway: write in place, through the link
    with page.open("ab") as f:
        f.write(b"<!-- edited by hand -->")
    assert build_site(root, out).ok
    assert (out / PAGE).read_bytes() == good
    assert _tree(out) == _uncached(root, tmp_path / "plain")
    entry = _entries(root)[(out / PAGE).stat().st_ino]
    assert entry.read_bytes() == good  # the entry that is linked now is intact


def test_without_links_the_files_are_copied(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    out = tmp_path / "out"
    monkeypatch.setattr(os, "link", no_links)
    assert build_site(root, out).ok
    assert build_site(root, out).ok
    assert (out / PAGE).stat().st_nlink == 1
    assert (out / PAGE).stat().st_ino not in _entries(root)
    assert _tree(out) == _uncached(root, tmp_path / "plain")
