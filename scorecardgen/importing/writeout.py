"""Turn an import's plan into file contents, and write them all or none.

Added rows go to one CSV file per import, named for their periods
(``measurements/import-2026-09.csv``, ``import-2026-07-to-2026-09.csv``); when that file
exists (the same months imported again with more KPIs), they are appended to it. Restated and
filled-in rows are edited where they live, in CSV or YAML. Every new text is read back as the
loader reads it before anything is written; then each file is written to a hidden temporary
file beside it and renamed over it, so a reader never sees half a file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from scorecardgen.errors import Location, Problem
from scorecardgen.importing.canonical import ImportedRow
from scorecardgen.importing.csv_edit import EditFailed, check_csv, edit_csv, new_csv
from scorecardgen.importing.merge import Plan
from scorecardgen.importing.values import number_text
from scorecardgen.importing.yaml_edit import YamlChange, edit_yaml
from scorecardgen.model import Measurement
from scorecardgen.periods import Period
from scorecardgen.projectfiles import refusal


@dataclass(frozen=True)
class Restating:
    """When and why this import's restatements happen (the date: --on, else the report's)."""

    on: dt.date | None
    reason: str | None

    def date_for(self, row: ImportedRow) -> dt.date:
        return self.on or row.report_date or dt.date.today()

    def reason_for(self, row: ImportedRow) -> str:
        return self.reason or f"restated in the vendor's report {row.report}"


@dataclass
class Files:
    """The files an import writes (project-relative path -> bytes), the file of its added
    rows, and problems that stop it."""

    texts: dict[str, bytes] = field(default_factory=dict)
    added_to: str | None = None
    created: bool = False
    problems: list[Problem] = field(default_factory=list)


def file_name(periods: list[Period]) -> str:
    """``import-2026-09.csv``, ``import-2026-q3.csv`` or ``import-2026-07-to-2026-09.csv``."""
    distinct = sorted(set(periods))
    if len(distinct) == 1:
        return f"import-{str(distinct[0]).lower()}.csv"
    first = min(p.start for p in distinct)
    last = max(p.end for p in distinct)
    if (first.year, first.month) == (last.year, last.month):
        return f"import-{first:%Y-%m}.csv"
    return f"import-{first:%Y-%m}-to-{last:%Y-%m}.csv"


def _cells(row: ImportedRow) -> dict[str, str]:
    return {
        "kpi": row.kpi,
        "period": str(row.period),
        "value": number_text(row.value),
        "contract": row.contract,
        "note": row.note or "",
    }


def plan_files(root: Path, vendor_id: str, plan: Plan, restating: Restating) -> Files:
    """The contents of every file ``plan`` changes, checked as the loader would read them."""
    files = Files()
    folder = f"content/vendors/{vendor_id}/measurements"
    csv_changes: dict[str, dict[int, dict[str, str]]] = {}
    yaml_changes: dict[str, dict[int, YamlChange]] = {}
    for row, m in plan.filled:
        cells = {"value": number_text(row.value)}
        _change(csv_changes, yaml_changes, m, cells, YamlChange(row.value))
    for r in plan.restated:
        on, reason = restating.date_for(r.row), restating.reason_for(r.row)
        cells = {
            "value": number_text(r.row.value),
            "restated_value": number_text(r.first_reported),
            "restated_on": on.isoformat(),
            "restated_reason": reason,
        }
        change = YamlChange(r.row.value, r.first_reported, on, reason)
        _change(csv_changes, yaml_changes, r.existing, cells, change)
    appended: list[dict[str, str]] = []
    if plan.added:
        name = f"{folder}/{file_name([row.period for row in plan.added])}"
        files.added_to = name
        appended = [_cells(row) for row in plan.added]
        files.created = not (root / name).exists()
        if files.created:
            files.texts[name] = new_csv(appended).encode("utf-8")
            appended = []
        else:
            csv_changes.setdefault(name, {})
    for name, changes in csv_changes.items():
        more = appended if name == files.added_to else []
        _edit(root, name, files, partial(edit_csv, changes=changes, appended=more))
    for name, ychanges in yaml_changes.items():
        _edit(root, name, files, partial(edit_yaml, changes=ychanges))
    for name, data in files.texts.items():
        if name.endswith(".csv"):
            for found in check_csv(data.decode("utf-8-sig")):
                files.problems.append(_refused(name, f"the import would write {found}"))
    for name in (folder, *files.texts):
        why = refusal(root / name, root.resolve())
        if why is not None:
            files.problems.append(Problem(Location(name), why.message, why.hint, code=why.code))
    return files


def _change(
    csv_changes: dict[str, dict[int, dict[str, str]]],
    yaml_changes: dict[str, dict[int, YamlChange]],
    m: Measurement,
    cells: dict[str, str],
    change: YamlChange,
) -> None:
    assert m.source is not None
    if m.source.file.lower().endswith(".csv"):
        csv_changes.setdefault(m.source.file, {})[m.item] = cells
    else:
        yaml_changes.setdefault(m.source.file, {})[m.item] = change


def _edit(root: Path, name: str, files: Files, edit: Callable[[str], str]) -> None:
    """Apply ``edit`` (text -> text) to the file ``name``, keeping its byte order mark."""
    try:
        data = (root / name).read_bytes()
        bom = data.startswith(codecs.BOM_UTF8)
        text = edit(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, EditFailed) as exc:
        files.problems.append(_refused(name, f"cannot edit this file: {exc}"))
        return
    files.texts[name] = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")


def _refused(name: str, message: str) -> Problem:
    return Problem(
        Location(name),
        message,
        "nothing was written; edit the file by hand, or report this as a bug",
        code="import",
    )


def write_files(root: Path, texts: dict[str, bytes]) -> None:
    """Write every file: all to temporary files first, then each renamed over its target."""
    mask = os.umask(0)
    os.umask(mask)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in texts.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            staged.append((temp, target))
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~mask
            os.chmod(temp, mode)
        for temp, target in staged:
            os.replace(temp, target)
        staged = []
    finally:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
