"""The dev server's incremental rebuilds give exactly what a full build gives, doing less."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scorecardgen.build import Builder, BuildOptions
from scorecardgen.pages import urls
from tests.minimal_project import MEASUREMENTS_CSV, project_files, write_project

A = "content/vendors/acme"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = dict(project_files())
    for path, text in list(files.items()):
        if path.startswith(A + "/") and isinstance(text, str):
            files[path.replace("acme", "bravo")] = text.replace("Acme Support", "Bravo Care")
    return write_project(tmp_path / "p", files)


def _full(root: Path) -> dict[str, bytes]:
    result = Builder(root, BuildOptions(use_cache=False)).build()
    assert result.ok, [p.format() for p in result.problems]
    return result.files


def test_editing_one_vendor_rebuilds_that_vendor_only(root: Path) -> None:
    builder = Builder(root, BuildOptions(use_cache=False))
    assert builder.build().ok
    csv = root / A / "measurements/2025.csv"
    csv.write_text(MEASUREMENTS_CSV.replace("fcr,2025-05,70", "fcr,2025-05,72.5"))
    result = builder.build({csv})
    assert result.vendors_read == ("acme",)  # bravo was neither read nor scored again
    assert result.ok
    assert 0 < result.rendered < result.charts  # only acme's changed charts were drawn
    assert b"72.5" in result.files[urls.vendor("acme")]
    assert result.files == _full(root)


def test_adding_and_removing_a_vendor(root: Path) -> None:
    builder = Builder(root, BuildOptions(use_cache=False))
    assert builder.build().ok
    shutil.copytree(root / A, root / "content/vendors/charlie")
    result = builder.build({root / "content/vendors/charlie"})
    assert urls.vendor("charlie") in result.files
    assert result.files == _full(root)
    shutil.rmtree(root / "content/vendors/bravo")
    result = builder.build({root / "content/vendors/bravo/vendor.yaml"})
    assert urls.vendor("bravo") not in result.files
    assert result.files == _full(root)


def test_changing_shared_files_rechecks_everything(root: Path) -> None:
    builder = Builder(root, BuildOptions(use_cache=False))
    assert builder.build().ok
    kpi = root / "content/kpis/fcr.yaml"
    kpi.write_text(kpi.read_text().replace("First contact resolution", "First-time fix"))
    result = builder.build({kpi})
    assert b"First-time fix" in result.files[urls.vendor("bravo")]
    assert result.files == _full(root)
    site = root / "content/site.yaml"
    site.write_text(site.read_text().replace("as_of: 2025-06-30", "as_of: 2025-09-30"))
    result = builder.build({site})
    assert result.files == _full(root)


def test_a_broken_edit_then_its_fix(root: Path) -> None:
    builder = Builder(root, BuildOptions(use_cache=False))
    good = builder.build().files
    contract = root / A / "contracts/voice.yaml"
    text = contract.read_text()
    contract.write_text(text.replace("weight: 30", "weight: 31"))
    broken = builder.build({contract})
    assert not broken.ok and broken.files == {}
    assert any("weights sum to 101" in p.message for p in broken.errors)
    contract.write_text(text)
    assert builder.build({contract}).files == good


def test_an_edit_landing_mid_build_never_leaves_a_stale_page(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key is the digest of the very bytes a build read, so an edit that lands
    while a build runs can never file pages drawn from one content under another's key."""
    csv = root / A / "measurements/2025.csv"
    original = csv.read_bytes()
    edited = original.replace(b"fcr,2025-05,70", b"fcr,2025-05,72.5")
    assert edited != original
    read_bytes = Path.read_bytes

    def read_then_edit(path: Path) -> bytes:
        data = read_bytes(path)
        if path == csv and data == original:  # the editor saves just after this read
            csv.write_bytes(edited)
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_edit)
    first = Builder(root).build()  # with the cache, as a user's build
    monkeypatch.undo()
    assert first.ok and b"72.5" not in first.files[urls.vendor("acme")]  # drew what it read
    assert csv.read_bytes() == edited
    second = Builder(root).build()
    assert b"72.5" in second.files[urls.vendor("acme")]
    csv.write_bytes(original)  # the editor undoes the edit: no page of the edit may come back
    assert Builder(root).build().files == _full(root)
