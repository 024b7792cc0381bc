"""Helpers for the import tests: the minimal project (every period reported, so `check
--strict` is clean), reports written as a vendor would send them, and the rows on disk."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.conftest import Run, run_cli
from tests.minimal_project import project_files, write_project
from tests.no_gaps import COMPLETE_CSV, CSV

VENDOR_DIR = "content/vendors/acme"
MEASUREMENTS = f"{VENDOR_DIR}/measurements"


def project(root: Path, vendor_extra: str = "", files: dict[str, str] | None = None) -> Path:
    """The minimal project with no gaps, ``vendor_extra`` added to vendor.yaml (a mapping)."""
    texts = dict(project_files())
    texts[CSV] = COMPLETE_CSV
    texts[f"{VENDOR_DIR}/vendor.yaml"] += vendor_extra
    texts.update(files or {})
    return write_project(root, dict(texts))


def xlsx(
    path: Path, sheets: dict[str, Sequence[Sequence[Any]]], formats: dict[str, str] | None = None
) -> Path:
    """A workbook with one sheet per entry (rows of cell values); ``formats`` gives number
    formats by 'Sheet!B3'."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    for ref, fmt in (formats or {}).items():
        name, cell = ref.split("!")
        book[name][cell].number_format = fmt
    book.save(path)
    return path


def run_import(root: Path, *args: str) -> Run:
    return run_cli("-C", str(root), "import", *args)


def rows_of(path: Path) -> list[dict[str, str]]:
    """A measurement CSV file's rows as dicts (a BOM, if any, dropped)."""
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def short(rows: list[dict[str, str]], *columns: str) -> list[tuple[str, ...]]:
    """Rows cut down to ``columns`` (default kpi, period, value, contract)."""
    columns = columns or ("kpi", "period", "value", "contract")
    return [tuple(row[c] for c in columns) for row in rows]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under content/, by relative path, as bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "content").rglob("*"))
        if p.is_file()
    }


def check_strict(root: Path) -> Run:
    return run_cli("-C", str(root), "check", "--strict")


def check(root: Path) -> Run:
    return run_cli("-C", str(root), "check")
