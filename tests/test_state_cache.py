"""Each vendor's loaded, validated and scored state comes back from the cache only while it
is exactly what a fresh read would give: every change that can affect it is a miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen import cache as cache_module
from scorecardgen.build import Builder, BuildOptions
from scorecardgen.cache import CACHE_DIR
from scorecardgen.check import Checked, ProjectState, check_project, open_cache
from scorecardgen.state_cache import KIND
from tests.minimal_project import MEASUREMENTS_CSV, A, two_vendor_project
from tests.read_race import edited_while_read


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return two_vendor_project(tmp_path / "p")


def _fresh(root: Path) -> Checked:
    return check_project(root, use_cache=False)


def _same(cached: Checked, fresh: Checked) -> None:
    """A state from the cache equals a fresh read: problems, records, scores, keys."""
    assert [p.format() for p in cached.problems] == [p.format() for p in fresh.problems]
    assert cached.project is not None and fresh.project is not None
    assert cached.project.vendors == fresh.project.vendors
    assert cached.portfolio == fresh.portfolio
    assert cached.vendor_digests == fresh.vendor_digests
    assert cached.shared_digest == fresh.shared_digest


def _warm(root: Path) -> Checked:
    """A check that stores every vendor's state, then one that takes them all back."""
    first = check_project(root)
    assert first.vendors_read == ("acme", "bravo")
    again = check_project(root)
    assert again.vendors_read == ()  # hashed, not parsed, validated or scored
    return again


def test_a_warm_check_reads_no_vendor_and_equals_a_fresh_one(root: Path) -> None:
    _same(_warm(root), _fresh(root))
    assert any((root / CACHE_DIR / KIND).rglob("*"))


def test_a_changed_value_is_read_again(root: Path) -> None:
    _warm(root)
    csv = root / A / "measurements/2025.csv"
    csv.write_text(MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39"))
    cached = check_project(root)
    assert cached.vendors_read == ("acme",)  # bravo came whole from the cache
    _same(cached, _fresh(root))


def test_a_file_put_back_as_it_was_gives_its_old_state_again(root: Path) -> None:
    _warm(root)
    csv = root / A / "measurements/2025.csv"
    csv.write_text(MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39"))
    changed = check_project(root)
    csv.write_text(MEASUREMENTS_CSV)
    back = check_project(root)
    _same(back, _fresh(root))
    assert changed.portfolio != back.portfolio


@pytest.mark.parametrize(
    ("path", "edit"),
    [
        ("content/kpis/asa.yaml", lambda t: t.replace("direction: lower", "direction: higher")),
        ("content/site.yaml", lambda t: t + "scoring:\n  bands: {green: 99, amber: 98}\n"),
        ("content/site.yaml", lambda t: t.replace("as_of: 2025-06-30", "as_of: 2025-04-30")),
    ],
    ids=["kpi-definition", "site-settings", "as-of"],
)
def test_a_shared_change_reads_every_vendor_again(root: Path, path: str, edit) -> None:  # type: ignore[no-untyped-def]
    warm = _warm(root)
    file = root / path
    file.write_text(edit(file.read_text()))
    cached = check_project(root)
    assert cached.vendors_read == ("acme", "bravo")
    _same(cached, _fresh(root))
    assert cached.portfolio != warm.portfolio  # the edit did move a number


def test_a_new_scorecardgen_reads_every_vendor_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _warm(root)
    monkeypatch.setattr(cache_module, "salt", lambda: "another version of scorecardgen")
    assert check_project(root).vendors_read == ("acme", "bravo")


def test_a_theme_file_changes_the_pages_not_the_state(root: Path) -> None:
    _warm(root)
    from scorecardgen.theme import default_theme_dir

    css = root / "themes/default/static/css/site.css"
    css.parent.mkdir(parents=True)
    css.write_text((default_theme_dir() / "static/css/site.css").read_text() + "\n/* x */\n")
    cached = Builder(root).build()
    assert cached.ok and cached.vendors_read == ()
    fresh = Builder(root, BuildOptions(use_cache=False)).build()
    assert cached.files == fresh.files
    assert b"/* x */" in b"".join(v for k, v in cached.files.items() if k.endswith(".css"))


def test_an_edit_landing_while_a_vendor_is_read_is_never_stored_as_the_old_files(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = root / A / "measurements/2025.csv"
    edited = MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39")
    with edited_while_read(monkeypatch, csv, edited):
        check_project(root)
    csv.write_text(MEASUREMENTS_CSV)  # back to the bytes hashed before that read
    _same(check_project(root), _fresh(root))
    csv.write_text(edited)
    _same(check_project(root), _fresh(root))


def test_a_damaged_entry_is_read_again(root: Path) -> None:
    _warm(root)
    for entry in (root / CACHE_DIR / KIND).rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    cached = check_project(root)
    assert cached.vendors_read == ("acme", "bravo")
    _same(cached, _fresh(root))


def test_states_of_gone_files_are_pruned_by_check(root: Path) -> None:
    _warm(root)
    entries = root / CACHE_DIR / KIND
    before = {p for p in entries.rglob("*") if p.is_file()}
    (root / A / "measurements/2025.csv").write_text(
        MEASUREMENTS_CSV.replace("fcr,2025-05,70", "fcr,2025-05,71")
    )
    check_project(root)
    after = {p for p in entries.rglob("*") if p.is_file()}
    assert len(after) == len(before) == 2 and after != before


def test_the_dev_server_state_starts_from_the_cache(root: Path) -> None:
    check_project(root)
    state = ProjectState(root)
    cache = open_cache(root)
    assert state.refresh(None, cache).vendors_read == ()
    csv = root / A / "measurements/2025.csv"
    csv.write_text(MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39"))
    assert state.refresh({csv}, open_cache(root)).vendors_read == ("acme",)
    _same(state.refresh({csv}, open_cache(root)), _fresh(root))


def test_a_build_and_a_no_cache_build_are_identical_from_a_warm_state(root: Path) -> None:
    check_project(root)  # states stored by a check are taken by the build
    cached = Builder(root).build()
    assert cached.ok and cached.vendors_read == ()
    assert cached.files == Builder(root, BuildOptions(use_cache=False)).build().files
