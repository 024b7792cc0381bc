"""`scorecardgen check` run again on the very same files prints what it found before without
loading a vendor; any change that can move a problem (a vendor's file, a shared file, the
theme's catalogs, scorecardgen itself) is checked afresh and gives a fresh check's answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scorecardgen import cache as cache_module
from scorecardgen import check as check_module
from scorecardgen import check_verdict as verdict_module
from scorecardgen.check import check_project
from tests.conftest import run_cli
from tests.minimal_project import MEASUREMENTS_CSV, A, two_vendor_project
from tests.project_edits import dutch_catalog, edit
from tests.read_race import edited_while_read

CSV = A + "/measurements/2025.csv"
PO = "themes/house/locales/nl/LC_MESSAGES/messages.po"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = two_vendor_project(tmp_path / "p")
    site = root / "content/site.yaml"
    site.write_text(site.read_text() + "language: nl-NL\ntheme: house\n")  # a warning
    (root / A / "notes.txt").write_text("not a vendor file")  # and another
    (root / "themes/house").mkdir(parents=True)
    return root


def _formatted(root: Path, **options: object) -> list[str]:
    return [p.format() for p in check_project(root, **options).problems]  # type: ignore[arg-type]


def _no_vendor_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> None:
        raise AssertionError("a vendor's state was loaded")

    monkeypatch.setattr(check_module, "load_state", refused)
    monkeypatch.setattr(check_module, "load_vendor", refused)


def test_a_second_check_of_the_same_files_loads_no_vendor(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = check_project(root, problems_only=True)
    assert first.project is not None and len(first.problems) >= 2
    _no_vendor_loaded(monkeypatch)
    again = check_project(root, problems_only=True)
    assert again.project is None
    assert [p.format() for p in again.problems] == [p.format() for p in first.problems]


def _catalog(root: Path) -> None:
    dutch_catalog(root, PO)


def _remove_bravo(root: Path) -> None:
    for path in sorted((root / "content/vendors/bravo").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (root / "content/vendors/bravo").rmdir()


CHANGES = {
    "bad-value": edit(CSV, lambda t: t.replace("asa,2025-05,34", "asa,2025-05,lots")),
    "value": edit(CSV, lambda t: t.replace("asa,2025-05,34", "asa,2025-05,39")),
    "kpi-definition": edit(
        "content/kpis/asa.yaml", lambda t: t.replace("direction: lower", "direction: sideways")
    ),
    "site-settings": edit("content/site.yaml", lambda t: t.replace("nl-NL", "de-DE")),
    "theme-catalog": _catalog,
    "vendor-removed": _remove_bravo,
    "stray-shared-file": edit("content/readme.txt", lambda _: "a file check ignores"),
    "vendor-file-removed": lambda root: (root / A / "notes.txt").unlink(),
}


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_every_change_gets_a_fresh_checks_answer(root: Path, name: str) -> None:
    before = _formatted(root, problems_only=True)
    assert _formatted(root, problems_only=True) == before  # from the verdict
    CHANGES[name](root)
    fresh = _formatted(root, use_cache=False)
    assert _formatted(root, problems_only=True) == fresh
    assert _formatted(root, problems_only=True) == fresh  # the new verdict, stored
    assert fresh != before or name == "value"  # each edit (but a clean value) moves a problem


def test_a_new_scorecardgen_checks_afresh(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_project(root, problems_only=True)
    monkeypatch.setattr(cache_module, "salt", lambda: "another version of scorecardgen")
    assert check_project(root, problems_only=True).project is not None  # loaded again


def test_the_command_prints_the_same_twice(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(CSV, lambda t: t.replace("asa,2025-05,34", "asa,2025-05,lots"))(root)
    runs = [(), ("--format", "json"), ("--strict",)]
    first = [run_cli("-C", str(root), "check", *args) for args in runs]
    _no_vendor_loaded(monkeypatch)
    for args, before in zip(runs, first, strict=True):
        again = run_cli("-C", str(root), "check", *args)
        assert before.exit_code == again.exit_code == 1
        assert before.output == again.output
    listed = json.loads(run_cli("-C", str(root), "check", "--format", "json").output)
    assert any("lots" in json.dumps(p) for p in listed)


def test_a_damaged_verdict_is_checked_again(root: Path) -> None:
    before = _formatted(root, problems_only=True)
    for entry in (root / cache_module.CACHE_DIR / "verdict").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    assert check_project(root, problems_only=True).project is not None
    assert _formatted(root, problems_only=True) == before


def test_an_edit_landing_while_a_vendor_is_read_is_never_stored_as_the_old_files(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = root / CSV
    bad = MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,lots")
    with edited_while_read(monkeypatch, csv, bad):
        check_project(root, problems_only=True)  # saw the bad value under the good file's hash
    csv.write_text(MEASUREMENTS_CSV)
    assert _formatted(root, problems_only=True) == _formatted(root, use_cache=False)


def test_a_check_that_misses_hashes_each_vendor_folder_once(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[str] = []
    real = check_module.fingerprint

    def counted(project: Path, vendor: str) -> str:
        hashed.append(vendor)
        return real(project, vendor)

    monkeypatch.setattr(check_module, "fingerprint", counted)
    monkeypatch.setattr(verdict_module, "fingerprint", counted)
    assert check_project(root, problems_only=True).project is not None  # a miss: loaded
    assert sorted(hashed) == ["acme", "acme", "bravo", "bravo"]  # before, and after each read
