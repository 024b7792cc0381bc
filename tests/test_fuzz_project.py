"""Hypothesis mutations of a valid project, run through the command line as a user would.

Each example starts from the minimal valid project and applies one to three mutations: YAML
edits made on the parsed data (dropped keys, wrong types, extreme numbers, odd Unicode, deep
nesting, very long text), raw-text edits (BOM, CRLF, truncation, stray characters), and edits
of the folder itself (symlinks out of the project, empty, binary and huge files, ids that are
not slugs). Whatever the content, the command ends with 0 or 1, never a traceback or an
internal error; on 1 every problem line names a project file (with its line when the file was
read); and the output folder is what the last good build wrote, with nothing left beside it.

One project folder is reused for every example so that the chart cache stays warm.
"""

from __future__ import annotations

import math
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Run, run_cli
from tests.minimal_project import project_files

Draw = Callable[..., Any]

SITE = "content/site.yaml"
VENDOR_DIR = "content/vendors/acme"
VENDOR = f"{VENDOR_DIR}/vendor.yaml"
CONTRACT = f"{VENDOR_DIR}/contracts/voice.yaml"
MEASUREMENTS_YAML = f"{VENDOR_DIR}/measurements/extra.yaml"
MEASUREMENTS_CSV = f"{VENDOR_DIR}/measurements/2025.csv"
NOTES = [f"{VENDOR_DIR}/notes/q2-review.md", f"{VENDOR_DIR}/notes/fix-fcr.md"]
BASE: dict[str, str] = project_files()
YAML_FILES = sorted(p for p in BASE if p.endswith(".yaml"))
TEXT_FILES = sorted(BASE)
CONTENT_SUFFIXES = (".yaml", ".yml", ".csv", ".md")
FOLDERS = [
    "content/kpis",
    f"{VENDOR_DIR}/contracts",
    f"{VENDOR_DIR}/measurements",
    f"{VENDOR_DIR}/notes",
    "content/vendors",
    "content",
]

SCALE = float(os.environ.get("SCORECARDGEN_FUZZ_SCALE", "1"))  # more examples: a longer hunt
BUILD_EXAMPLES = int(110 * SCALE)  # through `build` (slower: successful ones render charts)
CHECK_EXAMPLES = int(300 * SCALE)  # through `check` (milliseconds each)
EXAMPLES_RUN = {"build": 0, "check": 0, "built": 0, "failed": 0}


# -- what the fuzzer puts in files -------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """YAML text put verbatim where a value was (what safe_dump cannot or would not write)."""

    text: str

    def __repr__(self) -> str:  # hypothesis prints draws: keep 100k-character values short
        return f"Raw({self.text[:40]!r}{'...' if len(self.text) > 40 else ''}, {len(self.text)})"


RAW_VALUES = [
    Raw("[" * 2000 + "]" * 2000),  # a 2,000-deep list
    Raw('"\\0"'),
    Raw('"a\\x00b"'),
    Raw('"\\x01\\x1f"'),
    Raw('"\\ud800"'),
    Raw('"\\udfff\\ud800"'),
    Raw('"\\uFFFE"'),
    Raw('"\\U0001F600\\u200f"'),
    Raw('"\\x85\\u2028\\u2029"'),
    Raw("1" + "0" * 400),
    Raw("-" + "9" * 400),
    Raw("0x" + "f" * 300),
    Raw("1e400"),
    Raw(".nan"),
    Raw(".inf"),
    Raw("-.inf"),
    Raw("!!binary aGVsbG8="),
    Raw("!!set {a, b}"),
    Raw("!!python/object:os.system ls"),
    Raw("&x [1, *x]"),
    Raw("? [a]\n: b"),
    Raw("2025-02-30"),
    Raw("2025-13-01T00:00:00Z"),
    Raw("0o777"),
    Raw("+12_345.6e-3"),
]
UNICODE = [
    "\u202eevil\u202c",
    "\u200fRTL mark",
    "zero\u200bwidth",
    "\ufeffBOM inside",
    "👩‍💻🏳️‍🌈",
    "e\u0301\u0301\u0301",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "ﬁ ligature",
    "İstanbul",
    "\u00a0",
    "\u3000",
    "\u2028",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% raw %}",
    "../../etc",
    "/etc/passwd",
    "C:\\windows",
    "%00",
    "' OR 1=1 --",
    "\t",
    " ",
    "",
]
NUMBERS = [
    1e308,
    -1e308,
    5e-324,
    -5e-324,
    10**400,
    -(10**400),
    2**63,
    -(2**63),
    0,
    -0.0,
    -1,
    0.1 + 0.2,
    100.000001,
    1e-300,
    math.inf,
    -math.inf,
    math.nan,
    3650,
    3651,
    101,
    -100,
]
SCALARS = [
    None,
    True,
    False,
    "yes",
    "no",
    "on",
    "null",
    "~",
    "75",
    "1e308",
    "NaN",
    "2025-03",
    "2025-Q1",
    "2025-Q5",
    "2025-00",
    "2025-06-31",
    "higher",
    "lower",
    "%",
    "monthly",
    "fcr",
    "FCR",
    "acme",
    "voice",
    "internal",
    "vendor",
    "open",
    "review",
]
KEYS = [
    "title",
    "name",
    "kpi",
    "period",
    "value",
    "contract",
    "note",
    "expected",
    "minimum",
    "weight",
    "owner",
    "window",
    "credit_allocation",
    "service_levels",
    "scoring",
    "bands",
    "green",
    "amber",
    "id",
    "unit",
    "direction",
    "benchmark",
    "top_quartile",
    "theme",
    "as_of",
    "base_url",
    "language",
    "date",
    "kind",
    "status",
    "due",
    "visibility",
    "annual_value",
    "amount",
    "currency",
    "certifications",
    "expires",
    "tags",
    "contacts",
]

values: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(NUMBERS),
    st.sampled_from(SCALARS),
    st.sampled_from(UNICODE),
    st.sampled_from(RAW_VALUES),
    st.just(Raw("x" * 100_000)),  # a very long string
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(max_size=20),
    st.lists(st.sampled_from(SCALARS + NUMBERS[:6]), max_size=3),  # a list for a scalar
    st.dictionaries(st.sampled_from(KEYS), st.sampled_from(SCALARS), max_size=3),  # a mapping
    st.builds(str, st.floats(allow_nan=False)),  # a number as a string
)


# -- the project being mutated ---------------------------------------------------------------


@dataclass
class Project:
    """The files of one example, and the log of what was done to them."""

    files: dict[str, str | bytes] = field(default_factory=lambda: dict(BASE))
    links: dict[str, Path] = field(default_factory=dict)  # path -> symlink target
    log: list[str] = field(default_factory=list)

    def text(self, path: str) -> str | None:
        data = self.files.get(path)
        return data if isinstance(data, str) else None


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into ``data`` (keys and indexes), the root included."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


def _tame(data: Any, inside: tuple[int, ...] = ()) -> bool:
    """True when ``data`` nests at most 40 levels and contains no alias of itself."""
    if len(inside) > 40 or id(data) in inside:
        return False
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    return all(_tame(child, (*inside, id(data))) for child in children)


def _split_note(text: str) -> tuple[str, str]:
    _, front, body = text.split("---\n", 2)
    return front, body


def _dump(data: Any, draw: Draw) -> str:
    """safe_dump, then put each Raw value's text where its placeholder went."""
    raws: dict[str, str] = {}

    def swap(node: Any) -> Any:
        if isinstance(node, Raw):
            token = f"zzraw{len(raws)}zz"
            raws[token] = node.text
            return token
        if isinstance(node, dict):
            return {k: swap(v) for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        return node

    text = yaml.safe_dump(
        swap(data), allow_unicode=draw(st.booleans()), sort_keys=False, width=10**6
    )
    for token, raw in raws.items():
        text = text.replace(token, raw)
    return text


def yaml_edit(project: Project, draw: Draw) -> None:
    """Parse a YAML file (or a note's front matter), change one node, write it back."""
    path = draw(
        st.sampled_from([p for p in YAML_FILES + NOTES if project.text(p) is not None] or [SITE])
    )
    text = project.text(path) or ""
    note = path.endswith(".md")
    body = ""
    try:
        if note:
            text, body = _split_note(text)
        data = yaml.safe_load(text)
    except (ValueError, yaml.YAMLError, RecursionError):
        return  # an earlier raw edit broke it: nothing to edit on the data
    if not _tame(data):
        return  # an earlier edit left a deep or self-containing list: edit the text instead
    where = draw(st.sampled_from(list(_paths(data))))
    op = draw(st.sampled_from(["drop", "replace", "replace", "replace", "rename", "add"]))
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    if not where:  # the whole document
        data = draw(values)
        op = "replace"
    elif op == "drop":
        del parent[where[-1]]
    elif op == "replace":
        parent[where[-1]] = draw(values)
    elif op == "rename" and isinstance(parent, dict):
        parent[draw(st.sampled_from(KEYS + UNICODE[:6]))] = parent.pop(where[-1])
    else:
        target = parent[where[-1]]
        if isinstance(target, dict):
            target[draw(st.sampled_from(KEYS + UNICODE[:6]))] = draw(values)
        elif isinstance(target, list):
            target.append(draw(values))
    dumped = _dump(data, draw)
    project.files[path] = f"---\n{dumped}---\n{body}" if note else dumped
    project.log.append(f"yaml {op} {where!r} in {path}")


RAW_SNIPPETS = [
    "\ufeff",
    "\r",
    "\r\n",
    "\t",
    "\u2028",
    "\x85",
    ":",
    "- ",
    "---\n",
    "...\n",
    "'",
    '"',
    "{",
    "[",
    "&a",
    "*a",
    "!!",
    "%YAML 1.1\n",
    "#",
    ",",
    "\\",
    "\u202e",
    "\u200b",
    "🎉",
    "\x00",
    "\x01",
    "\x7f",
    "\ud7ff",
    "\ue000",
    "\U0010ffff",
]


def raw_edit(project: Project, draw: Draw) -> None:
    """Edit the text of a file without parsing it."""
    path = draw(st.sampled_from(TEXT_FILES))
    text = project.text(path)
    if text is None:
        return
    op = draw(
        st.sampled_from(
            [
                "bom",
                "crlf",
                "cr",
                "truncate",
                "insert",
                "drop-line",
                "dup-line",
                "indent",
                "csv-cell",
            ]
        )
    )
    lines = text.split("\n")
    i = draw(st.integers(0, max(len(lines) - 1, 0)))
    if op == "bom":
        text = "\ufeff" + text
    elif op == "crlf":
        text = text.replace("\n", "\r\n")
    elif op == "cr":
        text = text.replace("\n", "\r")
    elif op == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif op == "insert":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(RAW_SNIPPETS) | st.text(max_size=5)) + text[at:]
    elif op == "drop-line":
        text = "\n".join(lines[:i] + lines[i + 1 :])
    elif op == "dup-line":
        text = "\n".join(lines[: i + 1] + lines[i:])
    elif op == "indent":
        lines[i] = draw(st.sampled_from(["\t", "  ", " "])) + lines[i]
        text = "\n".join(lines)
    else:  # one cell of the CSV
        path = MEASUREMENTS_CSV
        rows = (project.text(path) or "").split("\n")
        row = draw(st.integers(0, max(len(rows) - 1, 0)))
        cells = rows[row].split(",")
        col = draw(st.integers(0, max(len(cells) - 1, 0)))
        cell = draw(
            st.sampled_from(
                [
                    "1e308",
                    "-1e308",
                    "5e-324",
                    "1" + "0" * 400,
                    "inf",
                    "nan",
                    "",
                    " ",
                    '"1,5"',
                    '"',
                    "75%",
                    "0x10",
                    "١٢٣",
                    "\u200b75",
                    "FCR",
                    "2025-Q5",
                    "2025-3",
                    "kpi",
                    "value",
                ]
            )
            | st.text(max_size=6)
        )
        cells[col] = cell
        rows[row] = ",".join(cells)
        text = "\n".join(rows)
    project.files[path] = text
    project.log.append(f"raw {op} in {path}")


def file_edit(project: Project, draw: Draw, outside: Path) -> None:
    """Add, replace, remove, rename or link files and folders."""
    op = draw(
        st.sampled_from(
            [
                "empty",
                "binary",
                "binary-yaml",
                "huge",
                "delete",
                "bad-id",
                "link-file",
                "link-folder",
                "link-inside",
                "unexpected",
            ]
        )
    )
    folder = draw(st.sampled_from(FOLDERS[:4]))
    if op == "empty":
        path = draw(st.sampled_from(TEXT_FILES + [f"{folder}/new.yaml"]))
        project.files[path] = ""
    elif op in ("binary", "binary-yaml"):
        path = f"{folder}/blob.yaml" if op == "binary-yaml" else draw(st.sampled_from(TEXT_FILES))
        project.files[path] = draw(
            st.sampled_from(
                [
                    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                    b"\xff\xfe\x00a",
                    b"\x00" * 64,
                    b"\xc3\x28 bad utf-8",
                    "caf\u00e9: 1\n".encode("latin-1"),
                    "title: x\n".encode("utf-16"),
                ]
            )
            | st.binary(min_size=1, max_size=64)
        )
    elif op == "huge":  # 10 MB of otherwise valid measurements
        row = "fcr,2025-04,80,\n"
        name = draw(st.sampled_from(["huge.csv", "huge.yaml"]))
        project.files[f"{VENDOR_DIR}/measurements/{name}"] = "kpi,period,value,note\n" + row * (
            10 * 1024 * 1024 // len(row) + 1
        )
    elif op == "delete":
        project.files.pop(draw(st.sampled_from(TEXT_FILES)), None)
    elif op == "bad-id":
        old = draw(st.sampled_from(sorted(p for p in project.files if p != SITE) or [SITE]))
        stem = draw(
            st.sampled_from(
                [
                    "FCR",
                    "First Contact",
                    "fcr ",
                    " fcr",
                    "fcr_rate",
                    "ﬁrst",
                    "é",
                    "-fcr",
                    "fcr--x",
                    "a" * 200,
                ]
            )
        )
        suffix = os.path.splitext(old)[1]
        if old.endswith("/vendor.yaml"):
            suffix = ".yaml"
        new = f"{os.path.dirname(old)}/{stem}{suffix}"
        project.files[new] = project.files.pop(old)
        op = f"bad-id {new!r}"
    elif op == "link-file":
        target = draw(st.sampled_from(["secret.yaml", "secret.csv", "note.md", "missing.yaml"]))
        path = draw(
            st.sampled_from(
                [f"{folder}/linked{Path(target).suffix}", VENDOR, SITE, CONTRACT, MEASUREMENTS_CSV]
            )
        )
        project.files.pop(path, None)
        project.links[path] = outside / target
    elif op == "link-folder":
        path = draw(
            st.sampled_from(
                [
                    "content/vendors/evil",
                    f"{VENDOR_DIR}/measurements",
                    f"{VENDOR_DIR}/notes",
                    "content/kpis",
                ]
            )
        )
        project.files = {p: v for p, v in project.files.items() if not p.startswith(path + "/")}
        project.links[path] = outside / "folder"
    elif op == "link-inside":  # allowed: a link that stays in the project
        project.links[f"{VENDOR_DIR}/measurements/again.csv"] = Path("2025.csv")
    else:
        project.files[f"{folder}/{draw(st.sampled_from(['x.txt', 'README', '.hidden', 'x~']))}"] = (
            "hello\n"
        )
    project.log.append(f"file {op} in {folder}")


TEXT_FIELDS = [
    (SITE, ("title",)),
    (SITE, ("organisation",)),
    (VENDOR, ("name",)),
    (VENDOR, ("summary",)),
    (VENDOR, ("location",)),
    (CONTRACT, ("title",)),
    (CONTRACT, ("service_levels", 0, "owner")),
    ("content/kpis/fcr.yaml", ("name",)),
    ("content/kpis/asa.yaml", ("description",)),
    (NOTES[0], ("title",)),
    (NOTES[1], ("owner",)),
    (MEASUREMENTS_YAML, (1, "note")),
]
NUMBER_FIELDS = [
    (MEASUREMENTS_YAML, (0, "value")),
    (MEASUREMENTS_YAML, (1, "value")),
    (CONTRACT, ("service_levels", 0, "expected")),
    (CONTRACT, ("service_levels", 0, "minimum")),
    (CONTRACT, ("service_levels", 1, "minimum")),
    (CONTRACT, ("monthly_charge",)),
    (CONTRACT, ("annual_value", "amount")),
    (CONTRACT, ("at_risk_percent",)),
    (CONTRACT, ("service_levels", 0, "credit_allocation")),
]
texts = st.one_of(
    st.sampled_from([u for u in UNICODE if u.strip()]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.just("w" * 500),
)
finite = st.one_of(
    st.sampled_from(
        [n for n in NUMBERS if isinstance(n, int | float) and abs(n) < 1e309 and n == n]
    ),
    st.floats(allow_nan=False, allow_infinity=False),
)


def gentle_edit(project: Project, draw: Draw) -> None:
    """A value of the right type but an odd content: odd text, an extreme finite number."""
    if draw(st.booleans()):
        path, where = draw(st.sampled_from(TEXT_FIELDS))
        value: Any = draw(texts)
    else:
        path, where = draw(st.sampled_from(NUMBER_FIELDS))
        value = draw(finite)
    text = project.text(path) or ""
    body = ""
    if path.endswith(".md"):
        text, body = _split_note(text)
    data = yaml.safe_load(text)
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = value
    dumped = _dump(data, draw)
    project.files[path] = f"---\n{dumped}---\n{body}" if body else dumped
    project.log.append(f"gentle {where!r} in {path}")


def mutate(draw: Draw, outside: Path) -> Project:
    """A project with one to three mutations."""
    project = Project()
    count = draw(st.integers(1, 3))
    for _ in range(count):
        kind = draw(st.sampled_from(["yaml", "yaml", "yaml", "raw", "raw", "file"]))
        if kind == "yaml":
            yaml_edit(project, draw)
        elif kind == "raw":
            raw_edit(project, draw)
        else:
            file_edit(project, draw, outside)
    return project


# -- a reusable workspace: one project root, one output folder -----------------------------------


class Workspace:
    """One project folder and one output folder, reused by every example."""

    def __init__(self, base: Path):
        self.root = base / "project"  # rewritten for each example (its chart cache is kept)
        self.out = base / "site" / "out"  # the output folder, alone in its parent
        self.fresh = base / "fresh" / "out"  # an output folder that does not exist yet
        self.outside = base / "outside"  # files and a folder outside the project, for links
        self.snapshot: dict[str, bytes] = {}  # what the last good build wrote to ``out``

    def __repr__(self) -> str:
        return f"Workspace({self.root})"

    def write(self, project: Project) -> None:
        for child in self.root.iterdir():
            if child.name == ".scorecardgen-cache":
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        links = sorted(project.links, key=len)

        def under_link(rel: str) -> bool:
            return any(rel == link or rel.startswith(link + "/") for link in links)

        for rel, data in project.files.items():
            if under_link(rel):
                continue  # never write through a link, into the folder outside
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_bytes(data.encode("utf-8", "surrogatepass"))
        for i, rel in enumerate(links):
            if any(rel.startswith(link + "/") for link in links[:i]):
                continue
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            path.symlink_to(project.links[rel])


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes); folders as empty markers."""
    files: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        for name in dirnames:
            files[(base / name).relative_to(folder).as_posix() + "/"] = b""
        for name in filenames:
            files[(base / name).relative_to(folder).as_posix()] = (base / name).read_bytes()
    return files


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    base = tmp_path_factory.mktemp("fuzz-project")
    outside = base / "outside"
    (outside / "folder" / "acme").mkdir(parents=True)
    (outside / "secret.yaml").write_text(BASE[MEASUREMENTS_YAML])
    (outside / "secret.csv").write_text(BASE[MEASUREMENTS_CSV])
    (outside / "note.md").write_text(BASE[NOTES[0]])
    (outside / "folder" / "vendor.yaml").write_text(BASE[VENDOR])
    (outside / "folder" / "fcr.yaml").write_text(BASE["content/kpis/fcr.yaml"])
    (outside / "folder" / "acme" / "vendor.yaml").write_text(BASE[VENDOR])
    ws = Workspace(base)
    ws.root.mkdir()
    ws.fresh.parent.mkdir()
    ws.write(Project())
    run = run_cli("-C", str(ws.root), "build", "-o", str(ws.out))
    assert run.exit_code == 0, run.output
    ws.snapshot = _tree(ws.out)
    assert "index.html" in ws.snapshot and "vendors/acme/scorecard.json" in ws.snapshot
    return ws


# -- what must hold for every example ------------------------------------------------------------

PROBLEM = re.compile(
    r"^(?P<file>[^\s:][^:]*?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: "
    r"(?P<severity>error|warning): (?P<message>.*)$"
)
CHATTER = re.compile(
    r"^(    hint: |build failed: |check failed: |check ok: |built |charts: "
    r"|pages: |vendors: )"
)
# problems about a name or a link, not about what a file holds: no line to give
NOT_ABOUT_CONTENT = re.compile(
    r"is not a valid .* id|links to a place outside the project|"
    r"is not expected"
)


def _read_file(root: Path, rel: str) -> bool:
    """True when ``rel`` is a regular file in the project that the loader would have read."""
    path = root / rel
    return rel.endswith(CONTENT_SUFFIXES) and path.is_file() and not path.is_symlink()


def check_run(run: Run, ws: Workspace, project: Project) -> None:
    where = "; ".join(project.log)
    assert run.exit_code in (0, 1), f"exit {run.exit_code} after {where}\n{run.output}"
    assert "Traceback" not in run.output, f"{where}\n{run.output}"
    assert "internal error" not in run.output, f"{where}\n{run.output}"
    problems = 0
    for line in run.output.splitlines():
        if not line.strip() or CHATTER.match(line):
            continue
        found = PROBLEM.match(line)
        assert found, f"not a located problem line: {line!r} after {where}\n{run.output}"
        problems += 1
        file = found["file"]
        assert not file.startswith("/") and ".." not in file.split("/"), line
        assert file.split("/")[0] in ("content", "themes"), line
        if _read_file(ws.root, file) and not NOT_ABOUT_CONTENT.search(found["message"]):
            assert found["line"] and int(found["line"]) >= 1, (
                f"no line number in {line!r} after {where}"
            )
    if run.exit_code == 1:
        assert problems, f"exit 1 without a problem line after {where}\n{run.output}"


def _alone(folder: Path) -> None:
    """Nothing but ``folder`` itself (if it exists) in its parent: no temp folders left."""
    leftovers = [p.name for p in folder.parent.iterdir() if p.name != folder.name]
    assert not leftovers, f"left beside {folder}: {leftovers}"


def build_and_check(ws: Workspace, project: Project, fresh: bool) -> Run:
    out = ws.fresh if fresh else ws.out
    run = run_cli("-C", str(ws.root), "build", "-o", str(out))
    check_run(run, ws, project)
    EXAMPLES_RUN["built" if run.exit_code == 0 else "failed"] += 1
    _alone(out)
    if fresh:
        if run.exit_code == 0:
            assert (out / "index.html").is_file()
            shutil.rmtree(out)
        else:
            assert not out.exists(), f"a failed first build wrote {out}: {project.log}"
    elif run.exit_code == 0:
        ws.snapshot = _tree(out)
        assert "index.html" in ws.snapshot and "404.html" in ws.snapshot
    else:
        assert _tree(out) == ws.snapshot, f"a failed build changed {out}: {project.log}"
    return run


# -- the tests -------------------------------------------------------------------------------


def _ran(property_test: Callable[[Workspace], None], workspace: Workspace) -> dict[str, int]:
    """Run a hypothesis property over ``workspace``; return how many examples did what."""
    before = dict(EXAMPLES_RUN)
    property_test(workspace)
    ran = {key: EXAMPLES_RUN[key] - before[key] for key in EXAMPLES_RUN}
    print(f"fuzz examples run: {ran}")
    return ran


@settings(
    max_examples=BUILD_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def _mutated_project_builds_or_fails_cleanly(workspace: Workspace, data: st.DataObject) -> None:
    if data.draw(st.integers(0, 9)) < 4:  # odd but well-typed content: these builds succeed
        project = Project()
        for _ in range(data.draw(st.integers(1, 2))):
            gentle_edit(project, data.draw)
    else:
        project = mutate(data.draw, workspace.outside)
    workspace.write(project)
    build_and_check(workspace, project, fresh=data.draw(st.integers(0, 3)) == 0)
    EXAMPLES_RUN["build"] += 1


@settings(
    max_examples=CHECK_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def _mutated_project_checks_cleanly(workspace: Workspace, data: st.DataObject) -> None:
    project = mutate(data.draw, workspace.outside)
    workspace.write(project)
    check_run(run_cli("-C", str(workspace.root), "check"), workspace, project)
    EXAMPLES_RUN["check"] += 1


@pytest.mark.slow
def test_mutated_projects_build_or_fail_cleanly(workspace: Workspace) -> None:
    """The property ran (not skipped, not filtered away), and both ways: a fuzzer whose
    every project fails (or every one builds) would pass without testing the other side."""
    ran = _ran(_mutated_project_builds_or_fails_cleanly, workspace)
    # hypothesis may stop early when many draws are too large: half the examples is plenty
    assert ran["build"] >= BUILD_EXAMPLES // 2, ran
    assert ran["built"] >= BUILD_EXAMPLES // 10, f"too few mutated projects built: {ran}"
    assert ran["failed"] >= BUILD_EXAMPLES // 10, f"too few mutated projects failed: {ran}"


@pytest.mark.slow
def test_mutated_projects_check_cleanly(workspace: Workspace) -> None:
    """The property ran at least half its examples through `check`."""
    ran = _ran(_mutated_project_checks_cleanly, workspace)
    assert ran["check"] >= CHECK_EXAMPLES // 2, ran


def _named(name: str, edit: Callable[[Project, Path], None]) -> Any:
    return pytest.param(edit, id=name)


def _replace(path: str, old: str, new: str) -> Callable[[Project, Path], None]:
    def edit(project: Project, outside: Path) -> None:
        text = project.text(path)
        assert text is not None and old in text
        project.files[path] = text.replace(old, new, 1)

    return edit


def _set(path: str, data: str | bytes) -> Callable[[Project, Path], None]:
    def edit(project: Project, outside: Path) -> None:
        project.files[path] = data

    return edit


def _link(path: str, target: str) -> Callable[[Project, Path], None]:
    def edit(project: Project, outside: Path) -> None:
        project.files = {p: v for p, v in project.files.items() if not p.startswith(path + "/")}
        project.files.pop(path, None)
        project.links[path] = outside / target

    return edit


def _rename(old: str, new: str) -> Callable[[Project, Path], None]:
    def edit(project: Project, outside: Path) -> None:
        project.files[new] = project.files.pop(old)

    return edit


NAMED = [
    _named("site-title-100k", _replace(SITE, "Test scorecards", "t" * 100_000)),
    _named("vendor-name-2000-deep", _replace(VENDOR, "Acme Support", "[" * 2000 + "]" * 2000)),
    _named("value-1e308", _replace(MEASUREMENTS_YAML, "value: 86", "value: 1.0e+308")),
    _named("value-minus-1e308", _replace(MEASUREMENTS_YAML, "value: 86", "value: -1.0e+308")),
    _named("value-5e-324", _replace(MEASUREMENTS_YAML, "value: 86", "value: 5.0e-324")),
    _named("value-10e400", _replace(MEASUREMENTS_YAML, "value: 86", "value: 1" + "0" * 400)),
    _named("expected-1e308", _replace(CONTRACT, "expected: 75", "expected: 1.0e+308")),
    _named("weight-10e400", _replace(CONTRACT, "weight: 30", "weight: 1" + "0" * 400)),
    _named(
        "charge-1e308", _replace(CONTRACT, "monthly_charge: 100000", "monthly_charge: 1.0e+308")
    ),
    _named("weight-string", _replace(CONTRACT, "weight: 30", 'weight: "30"')),
    _named("weight-bool", _replace(CONTRACT, "weight: 30", "weight: yes")),
    _named("weight-null", _replace(CONTRACT, "weight: 30", "weight: null")),
    _named(
        "levels-mapping",
        _replace(CONTRACT, "service_levels:\n", "service_levels: {a: 1}\nold_levels:\n"),
    ),
    _named("title-list", _replace(CONTRACT, "title: Acme voice support", "title: [a, b]")),
    _named("name-nul-escape", _replace(VENDOR, "Acme Support", '"Acme \\0 Support"')),
    _named("name-control-escape", _replace(VENDOR, "Acme Support", '"Acme \\x01\\v"')),
    _named(
        "kpi-name-nonchar",
        _replace("content/kpis/fcr.yaml", "First contact resolution", '"First \\uFFFF"'),
    ),
    _named("name-surrogate-escape", _replace(VENDOR, "Acme Support", '"Acme \\ud83d"')),
    _named(
        "name-rtl-zero-width-emoji",
        _replace(VENDOR, "Acme Support", '"\\u202eAcme\\u200b \\U0001F600\\u200f"'),
    ),
    _named("note-title-nul", _replace(NOTES[0], "title: Q2 review", 'title: "Q2\\0"')),
    _named(
        "csv-control-char", _replace(MEASUREMENTS_CSV, "fcr,2025-04,80,", "fcr,2025-04,80,\x01")
    ),
    _named(
        "huge-measurements",
        _set(
            f"{VENDOR_DIR}/measurements/huge.csv",
            "kpi,period,value\n" + "fcr,2025-04,80\n" * 700_000,
        ),
    ),
    _named("link-file-outside", _link(f"{VENDOR_DIR}/measurements/secret.yaml", "secret.yaml")),
    _named("link-site-outside", _link(SITE, "secret.yaml")),
    _named("link-folder-outside", _link("content/vendors/evil", "folder")),
    _named("link-measurements-outside", _link(f"{VENDOR_DIR}/measurements", "folder")),
    _named("empty-kpi", _set("content/kpis/fcr.yaml", "")),
    _named("empty-site", _set(SITE, "")),
    _named("binary-yaml", _set("content/kpis/blob.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\xff")),
    _named("bom", _set(CONTRACT, "\ufeff" + BASE[CONTRACT])),
    _named("bom-note", _set(NOTES[1], "\ufeff" + BASE[NOTES[1]])),
    _named("crlf", _set(CONTRACT, BASE[CONTRACT].replace("\n", "\r\n"))),
    _named(
        "crlf-note-csv",
        lambda p, o: p.files.update(
            {
                NOTES[0]: BASE[NOTES[0]].replace("\n", "\r\n"),
                MEASUREMENTS_CSV: BASE[MEASUREMENTS_CSV].replace("\n", "\r\n"),
            }
        ),
    ),
    _named("kpi-id-capitals", _rename("content/kpis/fcr.yaml", "content/kpis/FCR.yaml")),
    _named("kpi-id-spaces", _rename("content/kpis/fcr.yaml", "content/kpis/first contact.yaml")),
    _named(
        "vendor-id-spaces",
        lambda p, o: p.files.update(
            {
                k.replace("/acme/", "/Acme Corp/"): p.files.pop(k)
                for k in list(p.files)
                if "/acme/" in k
            }
        ),
    ),
    _named("theme-escape", _replace(SITE, "as_of:", "theme: ../../..\nas_of:")),
    _named("yaml-del-char", _replace(CONTRACT, "notice_days: 90", "notice_days: 9\x7f0")),
    _named("note-duplicate-key", _replace(NOTES[1], "owner: Ana Ops", "owner: A\nowner: B")),
]


@pytest.mark.parametrize("edit", NAMED)
def test_named_mutations_build_or_fail_cleanly(
    workspace: Workspace, edit: Callable[[Project, Path], None]
) -> None:
    project = Project()
    edit(project, workspace.outside)
    project.log.append("named")
    workspace.write(project)
    build_and_check(workspace, project, fresh=False)


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (
            VENDOR,
            "name: Acme Support",
            'name: "Acme \\0"',
            "vendor.yaml:1:7: error: text holds the character U+0000",
        ),
        (
            NOTES[0],
            "title: Q2 review",
            'title: "Q2 \\x01"',
            "q2-review.md:2:8: error: text holds the character U+0001",
        ),
        (NOTES[1], "owner: Ana Ops", "owner: A\nowner: B", "fix-fcr.md:6:1: error: duplicate key"),
        (
            CONTRACT,
            "notice_days: 90",
            "notice_days: 9\x7f0",
            "voice.yaml:4:15: error: invalid YAML: character U+007F is not allowed",
        ),
        (
            MEASUREMENTS_CSV,
            "fcr,2025-05,70,",
            "fcr,2025-05,70,\x0b",
            "2025.csv:3:16: error: file contains the character U+000B",
        ),
    ],
)
def test_found_problems_point_at_the_character(
    workspace: Workspace, path: str, old: str, new: str, expected: str
) -> None:
    """What the fuzzer found: escaped control characters, and marks in front matter."""
    project = Project()
    text = project.text(path)
    assert text is not None and old in text
    project.files[path] = text.replace(old, new, 1)
    workspace.write(project)
    run = run_cli("-C", str(workspace.root), "check")
    assert run.exit_code == 1 and expected in run.output, run.output
    assert "\n  in " not in run.output  # the YAML reader's own second line is not shown
