"""Random YAML documents and random bytes thrown at the loader: only located problems."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecardgen.pipeline import check_project
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


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(TARGETS), data=st.binary(min_size=1, max_size=400))
def test_random_bytes_give_located_errors(target: str, data: bytes) -> None:
    root = _project_with(target, data)
    checked = check_project(root)
    for problem in checked.problems:
        assert problem.location.file


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
