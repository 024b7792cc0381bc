"""The example's monthly routine: Meridian's September SLA workbook (reports/), read by the
mapping in its vendor.yaml, gives exactly the rows checked in as import-2026-09.csv."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

VENDOR = "meridian-contact"
REPORT = "reports/meridian-contact/2026-09-voice-sla.xlsx"
IMPORTED = "content/vendors/meridian-contact/measurements/import-2026-09.csv"
ADDED = f"  added: 4 rows for 2026-09 to {IMPORTED} (a new file)"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example project (content and reports) without the imported rows."""
    root = tmp_path / "example"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "reports", root / "reports")
    (root / IMPORTED).unlink()
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def _import(root: Path, *options: str) -> list[str]:
    result = run_cli("-C", str(root), "import", str(root / REPORT), "--vendor", VENDOR, *options)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_the_workbook_gives_the_rows_checked_in(example: Path) -> None:
    before = _files(example)
    lines = _import(example)
    assert ADDED in lines
    assert "  unchanged: 8 rows" in lines  # July and August are in voice-care-2026.csv
    assert "  columns not read: Target, Sep vs target" in lines
    assert (example / IMPORTED).read_bytes() == (REPO / IMPORTED).read_bytes()
    after = _files(example)
    assert {name for name in after if after[name] != before.get(name)} == {IMPORTED}


def test_importing_it_again_changes_nothing(example: Path) -> None:
    _import(example)
    written = _files(example)
    lines = _import(example)
    assert "  nothing to change: 12 rows already in the project with the same values" in lines
    assert not any(line.startswith("  added") for line in lines)
    assert _files(example) == written


def test_dry_run_writes_nothing(example: Path) -> None:
    before = _files(example)
    lines = _import(example, "--dry-run")
    assert ADDED in lines and lines[-1] == "dry run: nothing was written"
    assert _files(example) == before
    assert not (example / IMPORTED).exists()
