"""No measurement row is ever lost: every line of a CSV file is a row or a located error.

Python's csv module merges lines after an unclosed quote and reads ``"b"c`` as ``bc``; the
reader here treats a measurement row as one line. The properties plant one defect at a
random row of a well-formed file: either every row loads, or there is an error on the
defect's line, and never one row fewer in silence. The same goes for YAML measurement lists.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecardgen.csvsource import read_table, split_line
from scorecardgen.load import load_vendor
from tests.conftest import run_cli
from tests.minimal_project import project_files, write_project

V = "content/vendors/acme"
CSV = f"{V}/measurements/2025.csv"
YML = f"{V}/measurements/extra.yaml"
COLUMNS = ("kpi", "period", "value", "contract", "note")
REQUIRED = ("kpi", "period", "value")
HEADER = "kpi,period,value,note\n"


def rows_of(text: str) -> list[dict[str, str]]:
    return [row for _, row in read_table(text, COLUMNS, REQUIRED).rows]


def problems_of(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in read_table(text, COLUMNS, REQUIRED).problems]


# -- what reads, exactly ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("fcr,2025-04,80,", ["fcr", "2025-04", "80", ""]),
        ('fcr,2025-04,80,"late, again"', ["fcr", "2025-04", "80", "late, again"]),
        ('fcr,2025-04,80,"say ""hi"""', ["fcr", "2025-04", "80", 'say "hi"']),
        ('fcr, "2025-04" ,80,""', ["fcr", "2025-04", "80", ""]),
        ("fcr,2025-04,80,it's fine", ["fcr", "2025-04", "80", "it's fine"]),
        (",,,", ["", "", "", ""]),
    ],
)
def test_well_formed_lines_split_exactly(line: str, fields: list[str]) -> None:
    assert split_line(line) == fields


def test_line_endings_bom_blank_lines_and_a_missing_last_newline_all_read() -> None:
    text = "kpi,period,value,note\r\nfcr,2025-04,80,\r\n\r\n,,,\nasa,2025-04,25,x\rqa,2025-04,91,"
    assert [r["kpi"] for r in rows_of(text)] == ["fcr", "asa", "qa"]
    assert problems_of(text) == []


# (name, line as written, field the problem is in, words of the message)
DEFECTS = [
    ("open-quote", 'fcr,"2025-04,80,', 2, "is not closed on this line"),
    ("open-quote-last-field", 'fcr,2025-04,80,"late', 4, "is not closed on this line"),
    ("text-after-quote", 'fcr,"2025-04"x,80,', 2, "unexpected 'x' after the closing quote"),
    ("doubled-quote-left-open", 'fcr,2025-04,"80"",', 3, "is not closed on this line"),
    ("quote-in-field", 'fcr,2025-04,8"0,', 3, "a quote inside field 3"),
    ("too-many", "fcr,2025-04,80,,extra", 1, "row has 5 fields but the header has 4"),
    ("too-few", "fcr,2025-04,80", 1, "row has 3 fields but the header has 4"),
]


@pytest.mark.parametrize(
    ("line", "field", "words"), [d[1:] for d in DEFECTS], ids=[d[0] for d in DEFECTS]
)
def test_each_defect_is_located_and_the_next_rows_still_read(
    line: str, field: int, words: str
) -> None:
    text = HEADER + "asa,2025-04,25,\n" + line + "\nqa,2025-04,91,\nabandon,2025-04,4.5,\n"
    [(at, column, message)] = problems_of(text)
    assert (at, column) == (3, field) and words in message
    assert [r["kpi"] for r in rows_of(text)] == ["asa", "qa", "abandon"]


def test_an_open_quote_at_the_very_end_of_the_file_is_an_error() -> None:
    assert problems_of(HEADER + 'fcr,2025-04,80,"no end')[0][:2] == (2, 4)
    assert problems_of(HEADER + 'fcr,2025-04,80,"')[0][:2] == (2, 4)


def test_a_quote_spanning_lines_is_never_one_merged_row() -> None:
    text = HEADER + 'fcr,2025-04,80,"first\nasa,2025-04,25,line"\nqa,2025-04,91,\n'
    assert [p[0] for p in problems_of(text)] == [2, 3]  # both halves are reported
    assert [r["kpi"] for r in rows_of(text)] == ["qa"]


def test_a_defect_fails_check_with_its_line_and_no_traceback(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({CSV: HEADER + 'fcr,2025-04,80,\nfcr,"2025-05,70,\nasa,2025-04,25,\n'})
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    assert f"{CSV}:3:2: error: the quote that opens field 2 is not closed on this line" in (
        result.stderr
    )
    assert "a measurement row is one line" in result.stderr
    assert "Traceback" not in result.output
    build = run_cli("-C", str(root), "build")
    assert build.exit_code == 1 and not (root / "output").exists()


# -- properties: one defect at row k of n ------------------------------------------------

values = st.fractions(min_value=0, max_value=1000, max_denominator=8).map(lambda f: f"{float(f)}")
notes = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp")),
    max_size=12,
)
table = st.lists(
    st.tuples(st.sampled_from(["fcr", "asa", "qa"]), st.integers(1, 12), values, notes),
    min_size=1,
    max_size=12,
)


def write_csv(rows: list[tuple[str, int, str, str]]) -> list[str]:
    """Each row as one line, quoted as a spreadsheet would write it."""
    lines = []
    for kpi, month, value, note in rows:
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([kpi, f"2025-{month:02d}", value, note])
        lines.append(out.getvalue())
    return lines


def plant(line: str, kind: str) -> str:
    if kind == "open-quote":
        return line.replace(",", ',"', 1)
    if kind == "text-after-quote":
        return line.replace(",", ',"x"y', 1)
    if kind == "extra-field":
        return line + ",9"
    if kind == "missing-field":
        return line.rsplit(",", 1)[0] if line.count(",") == 3 else "fcr,2025-01,1"
    return line.replace(",", ',a"b', 1)  # a stray quote


KINDS = ["none", "open-quote", "text-after-quote", "extra-field", "missing-field", "stray-quote"]


@settings(max_examples=150, deadline=2000)
@given(rows=table, k=st.integers(0, 11), kind=st.sampled_from(KINDS))
def test_all_rows_load_or_the_defect_line_is_an_error(
    rows: list[tuple[str, int, str, str]], k: int, kind: str
) -> None:
    lines = write_csv(rows)
    k %= len(lines)
    if kind != "none":
        lines[k] = plant(lines[k], kind)
    result = read_table(HEADER + "\n".join(lines) + "\n", COLUMNS, REQUIRED)
    loaded = [(r["kpi"], r["period"], r["value"], r["note"]) for _, r in result.rows]
    expected = [(kpi, f"2025-{m:02d}", v, note.strip()) for kpi, m, v, note in rows]
    if kind == "none":
        assert result.problems == [] and loaded == expected
    else:
        assert [p.line for p in result.problems] == [k + 2]
        assert loaded == expected[:k] + expected[k + 1 :]


_SCRATCH: dict[str, Path] = {}


@settings(max_examples=40, deadline=None)
@given(rows=table, k=st.integers(0, 11), kind=st.sampled_from(KINDS))
def test_the_loader_never_drops_a_row_in_silence(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, int, str, str]],
    k: int,
    kind: str,
) -> None:
    unique = {(kpi, month): (kpi, month, v, n) for kpi, month, v, n in rows}  # no duplicates
    lines = write_csv(list(unique.values()))
    k %= len(lines)
    if kind != "none":
        lines[k] = plant(lines[k], kind)
    root = tmp_path_factory.mktemp("csv")
    files = dict(project_files())
    files[CSV] = HEADER + "\n".join(lines) + "\n"
    loaded = load_vendor(write_project(root, files), "acme")
    assert loaded.vendor is not None
    from_csv = [m for m in loaded.vendor.measurements if m.source and m.source.file == CSV]
    errors = [p for p in loaded.problems.errors if p.location.file == CSV]
    if kind == "none":
        assert errors == [] and len(from_csv) == len(lines)
    else:
        assert [p.location.line for p in errors] == [k + 2]
        assert len(from_csv) == len(lines) - 1


# -- the same class in YAML measurement lists and in the folders ------------------------------

ROW = "- kpi: csat\n  period: 2025-Q2\n  value: 86\n"


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [
        ({YML: "- fcr\n" + ROW}, f"{YML}:1:3", "expected a mapping of keys to values, got text"),
        ({YML: "-\n" + ROW}, f"{YML}:1:2", "got an empty item"),
        ({YML: "- - kpi: fcr\n" + ROW}, f"{YML}:1:3", "got a list"),
        ({YML: "- kpi: ''\n  period: 2025-Q2\n  value: 86\n"}, f"{YML}:1:8", "'kpi' is ''"),
        ({YML: "- kpi: csat\n  period: 2025-Q2\n"}, f"{YML}:1:3", "missing required key 'value'"),
        ({YML: ROW + "- kpi: csat\n  kpi: fcr\n"}, f"{YML}:5:3", "duplicate key 'kpi'"),
        (
            {YML: ROW + "---\n" + ROW},
            f"{YML}:4:1",
            "expected a single document in the stream, but found another",
        ),
        ({CSV: HEADER + ",2025-04,80,\n"}, f"{CSV}:2:1", "'kpi' is ''"),
        ({CSV: HEADER + "fcr,,80,\n"}, f"{CSV}:2:2", "'' is not a period"),
        ({f"{V}/measurements/more.xlsx": "PK"}, f"{V}/measurements/more.xlsx", "is not read"),
        (
            {f"{V}/measurement/a.csv": HEADER},
            f"{V}/measurement",
            "hint: did you mean 'measurements'?",
        ),
    ],
    ids=[
        "scalar-item",
        "empty-item",
        "list-item",
        "empty-kpi",
        "no-value",
        "duplicate-key",
        "two-documents",
        "csv-empty-kpi",
        "csv-empty-period",
        "spreadsheet",
        "misspelt-folder",
    ],
)
def test_nothing_that_looks_like_rows_is_skipped_in_silence(
    make_project: Callable[..., Path], changes: dict[str, str], where: str, words: str
) -> None:
    result = run_cli("-C", str(make_project(changes)), "check")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    [at] = [i for i, x in enumerate(lines) if x.startswith(f"{where}: error:")]
    hint = lines[at + 1] if lines[at + 1].startswith("    hint:") else ""
    assert words in lines[at] + hint
    assert "Traceback" not in result.output


def test_a_measurement_file_with_an_upper_case_suffix_is_read(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({f"{V}/measurements/more.CSV": "kpi,period,value\nqa,2025-05,91\n"})
    loaded = load_vendor(root, "acme")
    assert loaded.vendor is not None
    assert ("qa", "2025-05") in {(m.kpi, m.period) for m in loaded.vendor.measurements}
