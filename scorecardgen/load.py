"""Read a project folder into records: YAML, CSV measurements and Markdown notes.

Every problem found is collected with its file, line and column; nothing here raises for bad
content. Ids come from file and folder names and must be lower-case slugs. Files are read
through ``reader.Reader``, which reads nothing a build must not (see ``projectfiles``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from scorecardgen.csvsource import read_table
from scorecardgen.errors import Problem, Problems
from scorecardgen.model import (
    Contract,
    Kpi,
    Measurement,
    Note,
    Project,
    Site,
    Vendor,
    VendorContent,
)
from scorecardgen.projectfiles import is_ignored
from scorecardgen.reader import FAILED, Reader, kind_of
from scorecardgen.theme import theme_problems
from scorecardgen.yamlsource import SourceMap

__all__ = [
    "CONTENT",
    "Loaded",
    "assemble",
    "is_ignored",  # the one rule for hidden files and editor droppings, for the dev server too
    "load_shared",
    "load_vendor",
]

CONTENT = "content"
_MEASUREMENT_COLUMNS = (
    "kpi",
    "period",
    "value",
    "contract",
    "note",
    "excluded",
    "reason",
    "restated_value",
    "restated_on",
    "restated_reason",
)
_RESTATED = {"restated_value": "value", "restated_on": "on", "restated_reason": "reason"}
_REQUIRED = ("kpi", "period", "value")
_PARTS = ("contracts", "measurements", "notes")  # the folders of a vendor folder
# data a measurements folder cannot read: an error, as its rows would silently be lost
_DATA_SUFFIXES = (".tsv", ".txt", ".xlsx", ".xls", ".ods", ".json")


# -- the parts of a project ------------------------------------------------------------------


def _read_site(r: Reader, content: Path) -> Site | None:
    path = content / "site.yaml"
    if not r.usable(path):
        return None
    if not path.is_file():
        r.error(
            path,
            "missing site settings file",
            "create content/site.yaml with at least 'title' and 'organisation'",
            code="missing-file",
        )
        return None
    return r.validate(Site, r.yaml(path), path)


def _read_kpis(r: Reader, content: Path) -> dict[str, Kpi]:
    kpis: dict[str, Kpi] = {}
    folder = content / "kpis"
    if not r.usable(folder):
        return kpis
    if not folder.is_dir():
        r.error(
            folder,
            "missing KPI catalogue folder",
            "add content/kpis/<kpi-id>.yaml files",
            code="missing-file",
        )
        return kpis
    for path in r.entries(folder):
        if not _is_yaml(path, r):
            continue
        kpi_id = r.slug_of(path, "KPI")
        data = r.yaml(path)
        kpi = r.validate(Kpi, data, path)
        if kpi and kpi_id:
            kpi.id, kpi.source = kpi_id, r.location(path)
            kpis[kpi_id] = kpi
    return kpis


def _is_yaml(path: Path, r: Reader, allow_csv: bool = False) -> bool:
    allowed = (".yaml", ".yml", ".csv") if allow_csv else (".yaml", ".yml")
    if path.is_file() and path.suffix.lower() in allowed:
        return True
    kinds = "YAML or CSV files" if allow_csv else "YAML files"
    if allow_csv and path.suffix.lower() in _DATA_SUFFIXES:
        r.error(
            path,
            f"'{path.name}' is not read, so its measurements would be lost",
            "measurements are .csv or .yaml files: export it as CSV (kpi,period,value), or "
            "bring a vendor's report in with `scorecardgen import FILE --vendor ID`",
            code="unexpected-file",
        )
        return False
    r.ignored(
        path, f"'{path.name}' is not expected here, and is ignored", f"this folder holds {kinds}"
    )
    return False


def _read_vendor(r: Reader, folder: Path, vendor_id: str) -> VendorContent | None:
    path = folder / "vendor.yaml"
    if not r.usable(path):
        return None
    if not path.is_file():
        r.error(
            folder,
            "vendor folder has no vendor.yaml",
            "add the vendor profile: name, function, ...",
            code="missing-file",
        )
        return None
    vendor = r.validate(Vendor, r.yaml(path), path)
    if vendor is None:
        return None
    vendor.id, vendor.source = vendor_id, r.location(path)
    content = VendorContent(vendor=vendor)
    for child in r.entries(folder):
        if child.name == "vendor.yaml":
            continue
        if child.name == "contracts" and child.is_dir():
            _read_contracts(r, child, content)
        elif child.name == "measurements" and child.is_dir():
            _read_measurements(r, child, content)
        elif child.name == "notes" and child.is_dir():
            _read_notes(r, child, content)
        elif child.is_dir() and (close := get_close_matches(child.name.lower(), _PARTS, 1)):
            r.error(  # a misspelt measurements/ would drop every row in it
                child,
                f"'{child.name}/' is not read: a vendor folder has no such folder",
                f"did you mean '{close[0]}'?",
                code="unexpected-file",
            )
        else:
            r.ignored(
                child,
                f"'{child.name}' is not expected in a vendor folder, and is ignored",
                "a vendor folder holds vendor.yaml, contracts/, measurements/ and notes/",
            )
    return content


def _read_contracts(r: Reader, folder: Path, content: VendorContent) -> None:
    for path in r.entries(folder):
        if not _is_yaml(path, r):
            continue
        contract_id = r.slug_of(path, "contract")
        contract = r.validate(Contract, r.yaml(path), path)
        if contract and contract_id:
            contract.id, contract.source = contract_id, r.location(path)
            content.contracts[contract_id] = contract


def _share_given(m: Measurement, given: dict[frozenset[str], set[str]]) -> None:
    """Measurements given the same fields share one set of their names: pydantic keeps a set
    per record (~0.2 kB), and a site holds hundreds of thousands of measurements. Nothing
    sets a field of a loaded measurement through pydantic (which would add to that set);
    ``model_copy`` gives the copy a set of its own."""
    names = m.__pydantic_fields_set__
    object.__setattr__(m, "__pydantic_fields_set__", given.setdefault(frozenset(names), names))


def _read_measurements(r: Reader, folder: Path, content: VendorContent) -> None:
    given: dict[frozenset[str], set[str]] = {}
    for path in r.entries(folder):
        if not _is_yaml(path, r, allow_csv=True) or r.slug_of(path, "measurement file") is None:
            continue
        if path.suffix.lower() == ".csv":
            rows = _csv_rows(r, path)
        else:
            data = r.yaml(path)
            if data is FAILED:
                continue
            if not isinstance(data, list):
                r.error(
                    path,
                    f"expected a list of measurements, got {kind_of(data)}",
                    "write one '- kpi: ..., period: ..., value: ...' item per measurement",
                    1,
                    1,
                )
                continue
            rows = list(enumerate(data))
        for index, row in rows:
            found = len(r.problems.items)
            m = r.validate(Measurement, row, path, prefix=(index,))
            if m is not None:
                # where it came from, set as plain attributes: through pydantic's __setattr__
                # each name also joins the model's set of fields set, whose table then grows
                # (~0.5 kB a measurement, a seventh of a vendor's memory); none of them is
                # ever serialised (``exclude``), so nothing reads that set for them
                where = r.location(path, (index,))
                vars(m).update(vendor=content.vendor.id, item=index, source=where)
                _share_given(m, given)
                content.measurements.append(m)
            else:
                _name_the_kpi(r.problems.items, found, row)


def _name_the_kpi(problems: list[Problem], start: int, row: Any) -> None:
    """A value written with a % sign reads differently on a % KPI than on one in seconds:
    name the row's KPI on those problems, for kpi_hints to complete once KPIs are known."""
    kpi = row.get("kpi") if isinstance(row, dict) else None
    if not isinstance(kpi, str):
        return
    for i in range(start, len(problems)):
        if problems[i].code == "percent-sign":
            problems[i] = replace(problems[i], subject=kpi.strip())


def _csv_rows(r: Reader, path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The rows of a measurement CSV file (csvsource reads it strictly), its locator kept."""
    text = r.read_text(path)
    if text is None:
        return []
    table = read_table(text, _MEASUREMENT_COLUMNS, _REQUIRED)
    r.sources.files[r.rel(path)] = table.locator
    marks = table.locator.values
    for index, _ in table.rows:  # errors in the nested restated fields point at their column
        for column, key in _RESTATED.items():
            if (index, column) in marks:
                marks[(index, "restated", key)] = marks[(index, column)]
    for p in table.problems:
        r.error(path, p.message, p.hint, p.line, p.column, code=p.code)
    # an empty kpi or period stays '' so its error says so; empty optional columns are unset
    return [(index, _csv_record(row)) for index, row in table.rows]


def _csv_record(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as the YAML form: empty optional cells unset, ``restated_*`` nested."""
    record: dict[str, Any] = {}
    restated: dict[str, str] = {}
    for k, v in row.items():
        if k in _REQUIRED:
            record[k] = v
        elif k in _RESTATED:
            if v:
                restated[_RESTATED[k]] = v
        elif v:
            record[k] = v
    if restated:
        record["restated"] = restated
    return record


def _split_front_matter(text: str) -> tuple[str, str] | None:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :])
    return None


def _read_notes(r: Reader, folder: Path, content: VendorContent) -> None:
    for path in r.entries(folder):
        if not (path.is_file() and path.suffix == ".md"):
            r.ignored(
                path,
                f"'{path.name}' is not expected here, and is ignored",
                "notes are Markdown files ending in .md",
            )
            continue
        note_id = r.slug_of(path, "note")
        text = r.read_text(path)
        if text is None:
            continue
        parts = _split_front_matter(text)
        if parts is None:
            r.error(
                path,
                "a note must start with YAML front matter between '---' lines",
                "begin the file with ---, then title, date and kind, then ---",
                1,
                1,
            )
            continue
        front, body = parts
        data = r.yaml(path, front, line_offset=1)
        note = r.validate(Note, data, path)
        if note and note_id:
            note.id, note.source, note.body = note_id, r.location(path), body
            note.vendor = content.vendor.id
            content.notes[note_id] = note


@dataclass
class Loaded:
    """What one part of a project yielded: records, problems, locators, unreadable files, and
    the digest of the bytes they came from."""

    problems: Problems = field(default_factory=Problems)
    sources: SourceMap = field(default_factory=SourceMap)
    unreadable: set[str] = field(default_factory=set)
    site: Site | None = None
    kpis: dict[str, Kpi] = field(default_factory=dict)
    vendor_ids: list[str] = field(default_factory=list)
    vendor: VendorContent | None = None
    digest: str = ""  # of the bytes these records were read from (Reader.digest)

    @classmethod
    def of(cls, r: Reader, **records: Any) -> Loaded:
        return cls(r.problems, r.sources, r.unreadable, digest=r.digest(), **records)


def load_shared(root: Path) -> Loaded:
    """site.yaml, the KPI catalogue and the list of vendor folders (ids checked)."""
    r = Reader(root)
    content = root / CONTENT
    if not r.usable(content):
        return Loaded.of(r)
    if not content.is_dir():
        r.error(
            CONTENT,
            f"no '{CONTENT}/' folder in {root}",
            "run this in a scorecardgen "
            "project, point -C at one, or create one with `scorecardgen new DIR`",
            code="missing-file",
        )
        return Loaded.of(r)
    site = _read_site(r, content)
    kpis = _read_kpis(r, content)
    ids: list[str] = []
    vendors_dir = content / "vendors"
    readable = r.usable(vendors_dir)  # False: refused, and reported
    if readable and vendors_dir.is_dir():
        for folder in r.entries(vendors_dir):
            if not folder.is_dir():
                r.ignored(
                    folder,
                    f"'{folder.name}' is not a vendor folder, and is ignored",
                    "each vendor is a folder",
                )
                continue
            vendor_id = r.slug_of(folder, "vendor")
            if vendor_id is not None:
                ids.append(vendor_id)
    elif readable:
        r.error(
            vendors_dir,
            "missing vendors folder",
            "add content/vendors/<vendor-id>/",
            code="missing-file",
        )
    for child in r.entries(content):
        if child.name not in ("site.yaml", "kpis", "vendors"):
            r.ignored(
                child,
                f"'{child.name}' is not expected in content/, and is ignored",
                "content/ holds site.yaml, kpis/ and vendors/",
            )
    if site is not None:  # the theme is read only at render time: vet its files now
        r.problems.extend(theme_problems(root, site.theme))
    return Loaded.of(r, site=site, kpis=kpis, vendor_ids=ids)


def load_vendor(root: Path, vendor_id: str) -> Loaded:
    """Everything under content/vendors/<vendor_id>/."""
    r = Reader(root)
    vendor = _read_vendor(r, root / CONTENT / "vendors" / vendor_id, vendor_id)
    return Loaded.of(r, vendor=vendor)


def assemble(root: Path, shared: Loaded, vendors: list[Loaded]) -> tuple[Project | None, Problems]:
    """One project from its loaded parts (None when site.yaml could not be read)."""
    problems = Problems(list(shared.problems.items))
    sources = SourceMap(dict(shared.sources.files))
    unreadable = set(shared.unreadable)
    records: dict[str, VendorContent] = {}
    for part in vendors:
        problems.extend(part.problems.items)
        sources.files.update(part.sources.files)
        unreadable |= part.unreadable
        if part.vendor is not None:
            records[part.vendor.vendor.id] = part.vendor
    if shared.site is None:
        return None, problems
    project = Project(
        root=root,
        site=shared.site,
        kpis=shared.kpis,
        vendors=records,
        sources=sources,
        unreadable=unreadable,
    )
    return project, problems
