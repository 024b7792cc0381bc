"""A rebuild that changes nothing leaves the output folder as it is (nothing rewritten, nothing
deleted); any difference, a file or a folder, added, changed or linked by hand, gets the whole
site written and swapped in as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.write import SiteWriter
from tests.conftest import run_cli
from tests.minimal_project import project_files, write_project
from tests.site_checks import write_site

PAGE = "vendors/acme/index.html"
FILES = {"index.html": b"home", "a/one.html": b"one", "a/b/two.html": b"two", "z.css": b"z"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*")}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", dict(project_files()))


def test_a_no_change_build_leaves_every_file_and_folder_in_place(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    before = _inodes(out), out.stat().st_ino
    again = build_site(root, out)
    assert again.ok and again.unchanged
    assert (_inodes(out), out.stat().st_ino) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "p"]  # no temporary folder
    plain = tmp_path / "plain"
    assert build_site(root, plain, BuildOptions(use_cache=False)).ok
    assert _tree(out) == _tree(plain)


def test_the_command_says_nothing_was_rewritten(root: Path) -> None:
    assert run_cli("-C", str(root), "build").exit_code == 0
    second = run_cli("-C", str(root), "build")
    assert second.exit_code == 0
    assert "(all already in place: nothing rewritten)" in second.output
    (root / "content/vendors/acme/vendor.yaml").write_text(
        (root / "content/vendors/acme/vendor.yaml").read_text().replace("Acme", "Acme Ltd")
    )
    third = run_cli("-C", str(root), "build")
    assert third.exit_code == 0 and "nothing rewritten" not in third.output


@pytest.mark.parametrize("edit", ["added", "changed", "removed", "empty-folder", "linked"])
def test_any_difference_in_the_output_gets_the_whole_site_again(
    root: Path, tmp_path: Path, edit: str
) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    good = _tree(out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine")
    if edit == "added":
        (out / "vendors/acme/notes.txt").write_text("dropped by hand")
    elif edit == "changed":  # same size, other bytes: replaced by an editor (a new file)
        data = (out / "index.html").read_bytes()
        (out / "index.html").unlink()
        (out / "index.html").write_bytes(data.replace(b"<", b">", 1))
    elif edit == "removed":
        (out / PAGE).unlink()
    elif edit == "empty-folder":
        (out / "vendors/acme/scratch").mkdir()
    else:  # a folder of the site replaced by a link to a folder of the user's
        os.rename(out / "vendors/acme", elsewhere / "acme")
        os.symlink(elsewhere / "acme", out / "vendors/acme")
    result = build_site(root, out)
    assert result.ok and not result.unchanged
    assert _tree(out) == good
    assert not (out / "vendors/acme").is_symlink()
    assert (elsewhere / "keep.txt").read_text() == "mine"


def test_the_files_found_the_same_before_one_that_differs_are_all_written(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_site(out, FILES)
    entry = tmp_path / "entry.html"
    entry.write_bytes(b"from the cache")
    with SiteWriter(out) as writer:
        writer.put("index.html", b"home")
        writer.put("a/one.html", b"one")
        writer.place("a/b/two.html", entry)  # differs: not this file in the output
        writer.put("z.css", b"z")
        writer.commit()
        assert not writer.unchanged
    assert _tree(out) == {**FILES, "a/b/two.html": b"from the cache"}
    assert (out / "a/b/two.html").stat().st_ino == entry.stat().st_ino


def test_a_file_written_twice_keeps_the_second(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site(out, FILES)
    with SiteWriter(out) as writer:
        for path in sorted(FILES):
            writer.put(path, FILES[path])
        writer.put("index.html", b"home, again")
        writer.commit()
        assert not writer.unchanged
    assert _tree(out) == {**FILES, "index.html": b"home, again"}


def test_the_same_files_in_another_order_change_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_site(out, FILES)
    before = _inodes(out)
    with SiteWriter(out) as writer:
        for path in sorted(FILES, reverse=True):
            writer.put(path, FILES[path])
        writer.commit()
        assert writer.unchanged
    assert _inodes(out) == before
