"""A build of exactly the files an earlier build was made from places that build's files from
the cache without reading a vendor or drawing a page; any change that can move a byte of the
site (a vendor's file, a shared file, the theme, the revision, the options, scorecardgen
itself, an entry edited in place) is built afresh, and gives what a build without the cache
gives."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from scorecardgen import build as build_module
from scorecardgen import cache as cache_module
from scorecardgen.build import BuildOptions, BuildResult
from scorecardgen.build_site import build_site
from tests.conftest import run_cli
from tests.git_repo import commit, init
from tests.minimal_project import MEASUREMENTS_CSV, A, two_vendor_project
from tests.project_edits import dutch_catalog, edit
from tests.read_race import edited_while_read

CSV = A + "/measurements/2025.csv"
PAGE = "vendors/acme/index.html"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = two_vendor_project(tmp_path / "p")
    site = root / "content/site.yaml"
    site.write_text(site.read_text() + "theme: house\n")
    (root / "themes/house/static").mkdir(parents=True)
    (root / A / "notes.txt").write_text("not a vendor file")  # a warning
    return root


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The builds that drew the site (a remembered build draws nothing), by vendors read."""
    drawn: list[str] = []
    real = build_module.Builder.build

    def counted(self: build_module.Builder, *args: object, **kwargs: object) -> BuildResult:
        result = real(self, *args, **kwargs)  # type: ignore[arg-type]
        drawn.append(",".join(result.vendors_read))
        return result

    monkeypatch.setattr(build_module.Builder, "build", counted)
    return drawn


def _fresh(root: Path, tmp_path: Path, options: BuildOptions | None = None) -> dict[str, bytes]:
    plain = tmp_path / "plain"
    plain_options = BuildOptions(**{**vars(options or BuildOptions()), "use_cache": False})
    assert build_site(root, plain, plain_options).ok
    return _tree(plain)


def test_a_second_build_of_the_same_files_draws_nothing(
    root: Path, tmp_path: Path, builds: list[str]
) -> None:
    out = tmp_path / "out"
    first = build_site(root, out)
    assert first.ok and builds == ["acme,bravo"]
    inodes = {p: p.stat().st_ino for p in out.rglob("*")}
    again = build_site(root, out)
    assert again.ok and again.unchanged
    assert builds == ["acme,bravo"]  # no second Builder: nothing read, scored or drawn
    assert {p: p.stat().st_ino for p in out.rglob("*")} == inodes
    assert (again.pages, again.charts, again.written) == (first.pages, first.charts, first.written)
    assert again.rendered == 0 and again.charts > 0
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]
    assert again.warnings  # the stray file, reported again
    assert _tree(out) == _fresh(root, tmp_path)


def test_the_command_prints_the_same_warnings_and_counts(root: Path) -> None:
    first = run_cli("-C", str(root), "build")
    again = run_cli("-C", str(root), "build")
    assert first.exit_code == again.exit_code == 0
    assert "notes.txt" in again.output
    assert "(all already in place: nothing rewritten)" in again.output
    assert _problems(again.output) == _problems(first.output)
    assert "7 warnings" in again.output.splitlines()[-1]
    strict = [run_cli("-C", str(root), "build", "--strict") for _ in range(2)]
    assert [r.exit_code for r in strict] == [1, 1]  # warnings fail it, remembered or not
    assert strict[0].output == strict[1].output


def _problems(output: str) -> list[str]:
    """The problems a build reported (without its progress, which a remembered build has
    none of, or its closing line)."""
    return [line for line in output.splitlines()[:-1] if not re.match(r"[a-z]+: [0-9]+ done", line)]


def _catalog(root: Path) -> None:
    edit("content/site.yaml", lambda t: t + "language: nl-NL\n")(root)
    dutch_catalog(root, "themes/house/locales/nl/LC_MESSAGES/messages.po")


def _remove_bravo(root: Path) -> None:
    for path in sorted((root / "content/vendors/bravo").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / "content/vendors/bravo").rmdir()


def _commit(root: Path) -> None:
    init(root)
    commit(root, "the scorecards")


CHANGES = {
    "value": edit(CSV, lambda t: t.replace("asa,2025-05,34", "asa,2025-05,39")),
    "kpi-definition": edit(
        "content/kpis/asa.yaml", lambda t: t.replace("Average speed", "Mean speed")
    ),
    "site-settings": edit("content/site.yaml", lambda t: t.replace("Test Org", "Other Org")),
    "theme-static-file": edit("themes/house/static/extra.css", lambda _: "p { margin: 0 }"),
    "theme-template": edit("themes/house/templates/404.html", lambda _: "<p>gone</p>"),
    "theme-catalog": _catalog,
    "vendor-removed": _remove_bravo,
    "vendor-file-removed": lambda root: (root / A / "notes.txt").unlink(),
    "stray-shared-file": edit("content/readme.txt", lambda _: "a file the build ignores"),
    "revision": _commit,
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_every_change_is_built_afresh(
    root: Path, tmp_path: Path, builds: list[str], name: str
) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    remembered = build_site(root, out)
    before = _tree(out), [p.format() for p in remembered.problems]
    assert len(builds) == 1  # the second was remembered
    CHANGES[name](root)
    changed = build_site(root, out)
    assert changed.ok and len(builds) == 2  # drawn, not remembered
    assert _tree(out) == _fresh(root, tmp_path)
    assert (_tree(out), [p.format() for p in changed.problems]) != before  # a page or a warning
    drawn = len(builds)
    again = build_site(root, out)
    assert again.unchanged and len(builds) == drawn  # the new build, remembered
    assert again.problems == changed.problems


@pytest.mark.parametrize(
    "options",
    [BuildOptions(vendor="acme"), BuildOptions(per_vendor=True)],
    ids=["vendor", "per-vendor"],
)
def test_other_options_are_other_builds(
    root: Path, tmp_path: Path, builds: list[str], options: BuildOptions
) -> None:
    assert build_site(root, tmp_path / "out").ok
    out = tmp_path / "other"
    assert build_site(root, out, options).ok and len(builds) == 2
    assert _tree(out) == _fresh(root, tmp_path, options)
    drawn = len(builds)
    assert build_site(root, out, options).unchanged and len(builds) == drawn


def test_a_new_scorecardgen_builds_afresh(
    root: Path, tmp_path: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(root, tmp_path / "out")
    monkeypatch.setattr(cache_module, "salt", lambda: "another version of scorecardgen")
    assert build_site(root, tmp_path / "out").ok and len(builds) == 2


def _entries(root: Path, kind: str) -> list[Path]:
    return [p for p in (root / cache_module.CACHE_DIR / kind).rglob("*") if p.is_file()]


def test_an_entry_edited_in_place_is_never_placed(
    root: Path, tmp_path: Path, builds: list[str]
) -> None:
    """A site file edited through its hard link (by root, or after a chmod) edits the cache
    entry too: the next build draws that page again, and the edit is gone from the site."""
    out = tmp_path / "out"
    assert build_site(root, out).ok
    page = out / "index.html"
    os.chmod(page, 0o644)
    page.write_bytes(page.read_bytes().replace(b"Test scorecards", b"Hand-edited"))
    assert build_site(root, out).ok and len(builds) == 2
    assert b"Hand-edited" not in page.read_bytes()
    assert _tree(out) == _fresh(root, tmp_path)


def test_a_file_removed_from_the_output_is_put_back(
    root: Path, tmp_path: Path, builds: list[str]
) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    (out / PAGE).unlink()
    again = build_site(root, out)
    assert again.ok and not again.unchanged and len(builds) == 1  # remembered, and written
    assert _tree(out) == _fresh(root, tmp_path)


def test_a_damaged_record_is_built_again(root: Path, tmp_path: Path, builds: list[str]) -> None:
    out = tmp_path / "out"
    assert build_site(root, out).ok
    for entry in _entries(root, "site"):
        os.chmod(entry, 0o644)
        entry.write_bytes(b"not a pickle")
    assert build_site(root, out).ok and len(builds) == 2
    assert _tree(out) == _fresh(root, tmp_path)


def test_a_remembered_build_keeps_every_entry_the_next_edit_needs(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build_site(root, out)
    kept = {kind: len(_entries(root, kind)) for kind in ("svg", "state", "pages", "file")}
    build_site(root, out)  # remembered, then pruned: what it used is what the first used
    assert {kind: len(_entries(root, kind)) for kind in kept} == kept
    CHANGES["value"](root)
    edited = build_site(root, out)
    assert edited.vendors_read == ("acme",)  # bravo's state came from the cache
    assert 0 < edited.rendered < edited.charts  # and its charts


def test_an_edit_landing_while_a_vendor_is_read_is_never_remembered_as_the_old_files(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    csv = root / CSV
    edited = MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39")
    with edited_while_read(monkeypatch, csv, edited):
        assert build_site(root, out).ok  # drew the edited value under the old files' hash
    csv.write_text(MEASUREMENTS_CSV)
    assert build_site(root, out).ok
    assert _tree(out) == _fresh(root, tmp_path)
