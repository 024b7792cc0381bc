"""Run an import: read the reports, make canonical rows, compare them with the project's, and
write the changes (unless it is a dry run), all or nothing.

The vendor's own files, the site settings and the KPI catalogue are read as ``check`` reads
them, and an import refuses to start while any of them has an error, since it would edit
files the loader cannot read. Any problem in any report stops the import before a byte is
written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from scorecardgen.errors import Location, Problem, WithProblems, did_you_mean
from scorecardgen.importing.canonical import ImportedRow, Rows, VendorView, add_rows
from scorecardgen.importing.kpi_names import KpiNames
from scorecardgen.importing.layout import read_layout
from scorecardgen.importing.mapping import ImportMapping
from scorecardgen.importing.merge import plan as plan_rows
from scorecardgen.importing.sources import Sheet, read_report
from scorecardgen.importing.summary import Outcome, ReportRead, summary_lines
from scorecardgen.importing.values import NumberStyle, guess_decimal
from scorecardgen.importing.writeout import Restating, plan_files, write_files
from scorecardgen.load import CONTENT, Loaded, load_shared, load_vendor
from scorecardgen.model import Kpi, VendorContent


@dataclass(frozen=True)
class ImportOptions:
    """What `scorecardgen import` was asked to do."""

    vendor: str
    files: list[Path]
    contract: str | None = None
    mapping: str | None = None
    dry_run: bool = False
    on: dt.date | None = None
    reason: str | None = None


@dataclass
class ImportResult(WithProblems):
    """The problems that stopped an import (none when it ran), its summary, the files written."""

    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def import_reports(root: Path, options: ImportOptions) -> ImportResult:
    """Import ``options.files`` into vendor ``options.vendor`` of the project at ``root``."""
    shared = load_shared(root)
    vc, problems = _vendor(root, shared, options.vendor)
    vendor_file = f"{CONTENT}/vendors/{options.vendor}/vendor.yaml"
    if vc is None or problems:
        unread = Problem(Location(vendor_file), "the vendor could not be read", code="import")
        return ImportResult(problems or [unread])
    name, mapping, problems = _mapping(vc, options, vendor_file, shared.kpis)
    if mapping is None:
        return ImportResult(problems)
    view = VendorView(
        options.vendor,
        shared.kpis,
        vc.contracts,
        KpiNames.of(shared.kpis, mapping.kpis, mapping.ignore),
        options.contract or mapping.contract,
    )
    rows, reports = Rows(), []
    for path in options.files:
        read = _read(path, mapping, view, rows)
        if isinstance(read, Problem):
            rows.problems.append(read)
        else:
            reports.append(read)
    if rows.problems:
        return ImportResult(rows.problems)
    plan = plan_rows(rows.rows, vc.measurements, vc.contracts)
    if plan.problems:
        return ImportResult(plan.problems)
    restating = Restating(options.on, options.reason)
    files = plan_files(root, options.vendor, plan, restating)
    if files.problems:
        return ImportResult(files.problems)
    outcome = Outcome(
        options.vendor,
        name,
        vendor_file,
        reports,
        plan,
        rows.skipped,
        files.added_to,
        files.created,
        sorted(rows.fractions),
        options.dry_run,
        _restatement(restating, plan.restated[0].row) if plan.restated else [],
    )
    result = ImportResult(lines=summary_lines(outcome))
    if not options.dry_run and files.texts:
        try:
            write_files(root, files.texts)
        except OSError as exc:
            where = Location(f"{CONTENT}/vendors/{options.vendor}/measurements")
            reason = exc.strerror or str(exc)
            return ImportResult([Problem(where, f"cannot write: {reason}", code="import")])
        result.written = sorted(files.texts)
    return result


def _vendor(
    root: Path, shared: Loaded, vendor_id: str
) -> tuple[VendorContent | None, list[Problem]]:
    """The vendor's content, read as check reads it, and the errors that stop an import."""
    blocking = [p for p in shared.problems.errors if _blocks(p, vendor_id)]
    if shared.site is None or blocking:
        return None, blocking or shared.problems.errors
    if vendor_id not in shared.vendor_ids:
        hint = did_you_mean(vendor_id, shared.vendor_ids)
        where = Location(f"{CONTENT}/vendors")
        return None, [Problem(where, f"no vendor '{vendor_id}'", hint, code="unknown-vendor")]
    loaded: Loaded = load_vendor(root, vendor_id)
    blocking = [p for p in loaded.problems.errors if _blocks(p, vendor_id)]
    return loaded.vendor, blocking


def _blocks(problem: Problem, vendor_id: str) -> bool:
    """An error in a file an import depends on or edits (not a note, not another vendor)."""
    file = problem.location.file
    vendor = f"{CONTENT}/vendors/{vendor_id}"
    if file.startswith(f"{vendor}/notes/"):
        return False
    shared = (f"{CONTENT}/site.yaml", f"{CONTENT}/kpis/", f"{vendor}/")
    return file.startswith(shared) or file in (CONTENT, f"{CONTENT}/vendors", vendor)


def _mapping(
    vc: VendorContent, options: ImportOptions, vendor_file: str, kpis: dict[str, Kpi]
) -> tuple[str | None, ImportMapping | None, list[Problem]]:
    """The mapping to read by: named with --mapping, the vendor's only one, or none (guess)."""
    declared = {m.name or "": m for m in vc.vendor.imports}
    where = Location(vendor_file)
    if options.mapping is not None:
        if options.mapping not in declared:
            named = [n for n in declared if n]
            hint = did_you_mean(options.mapping, named) or (
                "list it under imports: in vendor.yaml, with its name" if not named else ""
            )
            message = f"vendor '{vc.vendor.id}' has no import mapping '{options.mapping}'"
            return None, None, [Problem(where, message, hint, code="import")]
        mapping = declared[options.mapping]
    elif len(declared) > 1:
        names = ", ".join(sorted(declared))
        message = f"vendor '{vc.vendor.id}' declares several import mappings ({names})"
        hint = "choose one with --mapping NAME"
        return None, None, [Problem(where, message, hint, code="import")]
    else:
        mapping = next(iter(declared.values()), None) or ImportMapping()
    problems = _mapping_problems(vc, mapping, options, where, kpis)
    if problems:
        return None, None, problems
    return (mapping.name or "" if vc.vendor.imports else None), mapping, []


def _mapping_problems(
    vc: VendorContent,
    mapping: ImportMapping,
    options: ImportOptions,
    where: Location,
    kpis: dict[str, Kpi],
) -> list[Problem]:
    """A contract or KPI the mapping (or --contract) names that does not exist."""
    problems = [
        Problem(
            where,
            f"the import mapping names '{name}' KPI '{kpi_id}', which is not in the catalogue",
            did_you_mean(kpi_id, kpis) or "KPIs are content/kpis/<kpi-id>.yaml",
            code="unknown-kpi",
        )
        for name, kpi_id in mapping.kpis.items()
        if kpi_id not in kpis
    ]
    contracts = ", ".join(sorted(vc.contracts))
    folder = Location(f"{CONTENT}/vendors/{vc.vendor.id}")
    for given, said in ((options.contract, "--contract"), (mapping.contract, "the mapping")):
        if given is not None and given not in vc.contracts:
            problems.append(
                Problem(
                    where if said == "the mapping" else folder,
                    f"vendor '{vc.vendor.id}' has no contract '{given}' ({said} names it)",
                    did_you_mean(given, vc.contracts) or f"its contracts: {contracts}",
                    code="unknown-contract",
                )
            )
    return problems


def _read(path: Path, mapping: ImportMapping, view: VendorView, rows: Rows) -> ReportRead | Problem:
    """Read one report into ``rows``; how it was read, or the problem that stopped it. A
    workbook's sheet is the mapping's, else the first whose header is found."""
    sheets = read_report(path, str(path), mapping)
    if isinstance(sheets, Problem):
        return sheets
    if not sheets:
        return Problem(Location(str(path)), "the workbook has no worksheet", code="import")
    for sheet in sheets:
        reading = read_layout(sheet, mapping)
        if not reading.problems:
            break
    else:
        return read_layout(sheets[0], mapping).problems[0]
    guessed = list(sheet.guesses)
    if len(sheets) > 1:
        guessed.append(f"sheet '{sheet.sheet}' (of {len(sheets)})")
    if mapping.layout is None:
        guessed.append(f"the {reading.layout} layout")
    if mapping.header_row is None:
        guessed.append(f"the header row ({reading.header_row})")
    style = NumberStyle(mapping.decimal or ".", mapping.thousands)
    if mapping.decimal is None:
        texts = [e.value.text for e in reading.entries if isinstance(e.value.value, str)]
        mark, seen = guess_decimal(texts)
        style = NumberStyle(mark, mapping.thousands, declared=False)
        if seen and mark == ",":
            guessed.append("decimal comma")
    add_rows(rows, sheet, reading, view, style, mapping)
    return ReportRead(_where(sheet), reading.described, guessed, reading.unread)


def _where(sheet: Sheet) -> str:
    return sheet.file if sheet.sheet is None else f"{sheet.file}[{sheet.sheet}]"


def _restatement(restating: Restating, row: ImportedRow) -> list[str]:
    """When and why values are restated, in words for the summary."""
    on = f"restated on {restating.date_for(row).isoformat()}"
    if restating.on is None:
        on += " (the report's date; --on DATE sets another)"
    reason = f"reason: {restating.reason_for(row)}"
    if restating.reason is None:
        reason += " (--reason TEXT sets another)"
    return [on, reason]
