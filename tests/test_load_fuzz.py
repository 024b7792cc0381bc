"""Random YAML documents and random bytes thrown at the loader: only located problems."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scorecardgen.check import check_project
from tests.minimal_project import project_files, write_project

TARGETS = [
    "content/site.yaml",
    "content/kpis/fcr.yaml",
    "content/vendors/acme/vendor.yaml",
    "content/vendors/acme/contracts/voice.yaml",
    "content/vendors/acme/measurements/extra.yaml",
    "content/vendors/acme/measurements/2025.csv",
    "content/vendors/acme/notes/fix-fcr.md",
]

KEYS = [
    "title",
    "kpi",
    "period",
    "value",
    "expected",
    "minimum",
    "weight",
    "service_levels",
    "name",
    "unit",
    "direction",
    "start",
    "end",
    "scoring",
    "bands",
    "date",
    "kind",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["2025-03", "2025-Q1", "2025-02-30", "higher", "%"]),
)
documents: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), children, max_size=6
        ),
    ),
    max_leaves=25,
)


_SCRATCH = tempfile.TemporaryDirectory(prefix="scorecardgen-fuzz-")
_COUNTER = iter(range(10**9))


def _project_with(target: str, data: str | bytes) -> Path:
    root = Path(_SCRATCH.name) / str(next(_COUNTER))
    files: dict[str, str | bytes] = dict(project_files())
    files[target] = data
    return write_project(root, files)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(TARGETS), doc=documents)
def test_random_yaml_documents_give_located_errors(target: str, doc: Any) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    if target.endswith(".md"):
        text = f"---\n{text}---\nbody\n"
    root = _project_with(target, text)
    checked = check_project(root)
    for problem in checked.problems:
        assert problem.location.file
        if problem.severity == "error" and problem.location.file == target:
            assert problem.location.line >= 1, problem


def _lines(data: bytes) -> int:
    """How many lines an editor could show for ``data``, counting every kind of line break."""
    text = data.decode("utf-8", "replace")
    return max(data.count(b"\n"), len(text.splitlines())) + 1


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(TARGETS), data=st.binary(min_size=1, max_size=400))
@example(target=TARGETS[5], data=project_files()[TARGETS[5]].encode())  # unchanged: it loads
@example(target=TARGETS[0], data=b"title: Scores\nname: \xff\n")  # not UTF-8 on line 2
@example(target=TARGETS[6], data="---\ntitle: \u00e9\n---\n\x00\n".encode())  # a NUL
def test_random_bytes_give_located_errors(target: str, data: bytes) -> None:
    """Bytes the loader cannot use are blamed on the file that holds them, at a line inside
    it; bytes that are not UTF-8 at the line of the first bad byte; clean bytes load."""
    checked = check_project(_project_with(target, data))
    if not checked.errors:
        assert checked.project is not None, [p.format() for p in checked.problems]
        return
    mine = [p for p in checked.errors if p.location.file == target]
    assert mine, [p.format() for p in checked.errors]  # not only a knock-on error elsewhere
    for problem in mine:
        assert 1 <= problem.location.line <= _lines(data), problem.format()
        assert problem.code, problem.format()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        line = data[: bad.start].count(b"\n") + 1
        found = [(p.code, p.message, p.location.line) for p in mine]
        assert ("encoding", "file is not UTF-8 text", line) in found, found


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("{}[]:-,'\"&*!|>#%@` \n\tab1")), max_size=80))
def test_yaml_punctuation_soup_is_located(text: str) -> None:
    root = _project_with("content/vendors/acme/contracts/voice.yaml", text)
    checked = check_project(root)
    assert checked.errors
    for problem in checked.errors:
        assert problem.location.file


def test_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    root = _project_with("content/vendors/acme/contracts/voice.yaml", bomb)
    checked = check_project(root)
    assert any("too large" in p.message for p in checked.errors)


def test_deep_nesting_is_located() -> None:
    root = _project_with("content/kpis/fcr.yaml", "[" * 5000 + "]" * 5000)
    checked = check_project(root)
    errors = [p for p in checked.errors if p.location.file == "content/kpis/fcr.yaml"]
    assert errors and errors[0].location.line == 1
