"""The example's monthly routine: Meridian's September SLA workbook (reports/), read by the
mapping in its vendor.yaml, gives exactly the rows checked in as import-2026-09.csv, and the
README's "Monthly data in" shows that mapping and what the import prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_cli

VENDOR = "meridian-contact"
REPORT = "reports/meridian-contact/2026-09-voice-sla.xlsx"
IMPORTED = "content/vendors/meridian-contact/measurements/import-2026-09.csv"
ADDED = f"  added: 4 rows for 2026-09 to {IMPORTED} (a new file)"
README = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Monthly data in\n", 1)[1]


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


def test_readme_shows_what_the_import_prints(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = f"$ scorecardgen import {REPORT} --vendor {VENDOR}\n"
    shown = README.split(command, 1)[1].split("```", 1)[0]
    monkeypatch.chdir(example)  # as the README runs it, from the project folder
    result = run_cli("import", REPORT, "--vendor", VENDOR)
    assert result.exit_code == 0, result.output
    assert result.stdout == shown


def test_readme_shows_the_example_mapping() -> None:
    shown = yaml.safe_load(README.split("```yaml\n", 1)[1].split("```", 1)[0])
    vendor = yaml.safe_load((REPO / f"content/vendors/{VENDOR}/vendor.yaml").read_text())
    assert shown == {"imports": vendor["imports"]}
