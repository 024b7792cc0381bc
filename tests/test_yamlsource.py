"""Unit tests for scorecardgen.yamlsource: the YAML loader that keeps line and column marks.

Each test pins something a user sees: the message, line and column of a refused file, dates
kept as text (so the model reports an impossible one, located), and the marks that later
validation errors point at.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from scorecardgen import yamlsource
from scorecardgen.reader import FAILED, Reader
from scorecardgen.yamlsource import (
    Locator,
    Mark,
    SourceMap,
    YamlProblem,
    not_xml_message,
    parse_yaml,
)

CONTROL_HINT = "remove it, or write it as an escape in a double-quoted string"
ESCAPE_HINT = "remove it (check escapes such as \\0 or \\x01)"


def problem(text: str, line_offset: int = 0) -> YamlProblem:
    """The YamlProblem ``parse_yaml`` raises for ``text``."""
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text, line_offset)
    return caught.value


def where(exc: YamlProblem) -> tuple[int, int]:
    return (exc.mark.line, exc.mark.column)


def test_uses_the_c_loader_when_libyaml_is_present() -> None:
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    assert issubclass(yamlsource._Loader, yaml.CSafeLoader)


# -- a clean document ----------------------------------------------------------------------

CLEAN = """\
title: Acme support scorecard
published: true
draft: no
weight: 3
ratio: 0.25
missing: ~
since: 2024-07-01
quoted: "2024-07-01"
tags: [support, "sla", 'uptime']
2025: a year key
vendors:
  - name: Acme Ltd
    score: 97.5
    notes: |
      line one
      line two
  - name: Émile & Co
    score: -1
folded: >
  joined
  text
"""


def test_clean_document_round_trips_to_python_values() -> None:
    data, _ = parse_yaml(CLEAN)
    assert data == {
        "title": "Acme support scorecard",
        "published": True,
        "draft": False,
        "weight": 3,
        "ratio": 0.25,
        "missing": None,
        "since": "2024-07-01",
        "quoted": "2024-07-01",
        "tags": ["support", "sla", "uptime"],
        "2025": "a year key",  # keys are always text, so a model sees "2025"
        "vendors": [
            {"name": "Acme Ltd", "score": 97.5, "notes": "line one\nline two\n"},
            {"name": "Émile & Co", "score": -1},
        ],
        "folded": "joined text\n",
    }
    assert list(data) == [
        "title",
        "published",
        "draft",
        "weight",
        "ratio",
        "missing",
        "since",
        "quoted",
        "tags",
        "2025",
        "vendors",
        "folded",
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_document_is_none_and_locates_at_its_start(text: str) -> None:
    data, locator = parse_yaml(text, line_offset=4)
    assert data is None
    assert locator.find(("anything",)) == Mark(5, 1)


def test_explicit_document_start_is_one_document() -> None:
    data, locator = parse_yaml("---\na: 1\n")
    assert data == {"a": 1}
    assert locator.find(("a",), prefer_key=True) == Mark(2, 1)


def test_anchor_and_alias_within_bounds_expand_to_equal_values() -> None:
    data, _ = parse_yaml("base: &b {x: 1, y: [2, 3]}\ncopy: *b\nmerged:\n  <<: *b\n  z: 4\n")
    assert data["copy"] == {"x": 1, "y": [2, 3]}
    assert data["merged"] == {"x": 1, "y": [2, 3], "z": 4}


# -- dates stay text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["2025-02-30", "2025-13-01", "2024-02-29", "2025-01-01 10:00:00", "2025-01-01T10:00:00Z"],
)
def test_dates_stay_text_exactly_as_written(written: str) -> None:
    data, locator = parse_yaml(f"notes:\n  - date: {written}\n")
    assert data == {"notes": [{"date": written}]}
    assert type(data["notes"][0]["date"]) is str
    # so a model error about an impossible date can point at the value itself
    assert locator.find(("notes", 0, "date")) == Mark(2, 11)


def test_date_key_is_text() -> None:
    data, _ = parse_yaml("2025-02-30: impossible\n")
    assert data == {"2025-02-30": "impossible"}


# -- duplicate keys ------------------------------------------------------------------------


def test_duplicate_top_level_key_is_located_at_its_second_occurrence() -> None:
    exc = problem("a: 1\nb: 2\na: 3\n")
    assert exc.message == "duplicate key 'a'"
    assert exc.hint == "each key may appear once in a mapping"
    assert where(exc) == (3, 1)


def test_duplicate_nested_key_is_located_at_its_second_occurrence() -> None:
    exc = problem("site:\n  vendors:\n    - name: a\n      score: 1\n      name: b\n")
    assert exc.message == "duplicate key 'name'"
    assert where(exc) == (5, 7)


def test_duplicate_key_in_flow_mapping_is_located_at_its_column() -> None:
    exc = problem("x: {k: 1, j: 2, k: 3}\n")
    assert exc.message == "duplicate key 'k'"
    assert where(exc) == (1, 17)


def test_number_key_and_its_quoted_text_are_the_same_key() -> None:
    exc = problem("1: a\n'1': b\n")
    assert exc.message == "duplicate key '1'"
    assert where(exc) == (2, 1)


def test_same_key_in_sibling_mappings_is_fine() -> None:
    data, _ = parse_yaml("- name: a\n- name: b\n")
    assert data == [{"name": "a"}, {"name": "b"}]


def test_duplicate_key_line_includes_the_front_matter_offset() -> None:
    exc = problem("title: A\ntitle: B\n", line_offset=1)
    assert exc.message == "duplicate key 'title'"
    assert where(exc) == (3, 1)


@pytest.mark.parametrize(
    ("text", "at"),
    [("~: a\n", (1, 1)), ("[a]: 1\n", (1, 1)), ("ok: 1\n? {a: 1}\n: 1\n", (2, 3))],
)
def test_key_that_is_not_plain_text_is_refused_where_written(
    text: str, at: tuple[int, int]
) -> None:
    exc = problem(text)
    assert exc.message == "a mapping key must be plain text"
    assert where(exc) == at


# -- malformed YAML, located -----------------------------------------------------------------


def test_tab_indentation_is_located_at_the_tab() -> None:
    exc = problem("title: A\nvendor:\n\tname: b\n")
    assert exc.message == "invalid YAML: found character that cannot start any token"
    assert where(exc) == (3, 1)


def test_tab_after_a_value_is_located_at_the_tab() -> None:
    exc = problem("a: 1\n\tb: 2\n")
    assert exc.message == "invalid YAML: found a tab character that violates indentation"
    assert where(exc) == (2, 1)


@pytest.mark.parametrize("quote", ["'", '"'])
def test_unclosed_quote_is_reported_where_it_opens(quote: str) -> None:
    exc = problem(f"a: 1\ntitle: {quote}open\nweight: 2\n", line_offset=1)
    assert exc.message == "invalid YAML: while scanning a quoted scalar that is never closed"
    assert where(exc) == (3, 8)


def test_a_lone_surrogate_is_refused_not_raised() -> None:
    exc = problem("a: \ud800\n")
    assert exc.message == "invalid YAML: the text is not valid Unicode"


def test_unclosed_flow_sequence_is_located() -> None:
    exc = problem("tags: [a, b\nnext: 1\n")
    assert exc.message == "invalid YAML: did not find expected ',' or ']'"
    assert where(exc) == (2, 5)


def test_over_indented_mapping_is_located_at_its_colon() -> None:
    exc = problem("a: 1\n  b: 2\n")
    assert exc.message == "invalid YAML: mapping values are not allowed in this context"
    assert where(exc) == (2, 4)


def test_second_document_is_refused_at_its_separator() -> None:
    exc = problem("a: 1\nb: 2\n---\nc: 3\n")
    assert exc.message == (
        "invalid YAML: expected a single document in the stream, but found another document"
    )
    assert where(exc) == (3, 1)


def test_second_document_after_end_marker_is_refused() -> None:
    exc = problem("a: 1\n...\n---\nb: 2\n", line_offset=2)
    assert "but found another document" in exc.message
    assert where(exc) == (5, 1)


@pytest.mark.parametrize(
    "tag", ["!!python/object/apply:os.system true", "!!python/name:os.system ''", "!custom x"]
)
def test_unsafe_or_unknown_tags_are_refused_where_written(tag: str) -> None:
    exc = problem(f"ok: 1\nvalue: {tag}\n")
    assert exc.message.startswith("invalid YAML: could not determine a constructor for the tag")
    assert where(exc) == (2, 8)


# -- alias bombs and runaway nesting ---------------------------------------------------------


def _laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_rather_than_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    # the real bound is 500,000 nodes (a second to reach); a small one walks the same path
    monkeypatch.setattr(yamlsource, "MAX_NODES", 2_000)
    exc = problem(_laughs(9))
    assert exc.message == "the YAML document is too large or expands too far"
    assert 1 <= exc.mark.line <= 10


def test_alias_bomb_used_as_a_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_NODES", 2_000)
    exc = problem(_laughs(9) + "? *a9\n: x\n")
    assert exc.message == "the YAML document is too large or expands too far"
    assert 1 <= exc.mark.line <= 11


def test_node_bound_counts_expanded_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    # three levels expand to 8,303 nodes (root, lists and scalars): 10,000 fits, 5,000 not
    monkeypatch.setattr(yamlsource, "MAX_NODES", 10_000)
    data, _ = parse_yaml(_laughs(3))
    assert len(data["a3"]) == 9 and len(data["a3"][0][0]) == 9
    monkeypatch.setattr(yamlsource, "MAX_NODES", 5_000)
    assert problem(_laughs(3)).message == "the YAML document is too large or expands too far"


def test_self_referencing_alias_is_refused_not_raised() -> None:
    exc = problem("a: &x [*x]\n", line_offset=1)
    assert exc.message == "the YAML is nested too deeply"
    assert where(exc) == (2, 1)


# -- control characters --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "at"),
    [
        ("a: \x00\n", "0000", (1, 4)),
        ("a: b\x01c\n", "0001", (1, 5)),
        ("a:\n  b: x\x07\n", "0007", (2, 7)),
        ("a: 1\nb: \x1b[31m\n", "001B", (2, 4)),
    ],
)
def test_raw_control_character_is_located(text: str, code: str, at: tuple[int, int]) -> None:
    exc = problem(text)
    assert exc.message == (
        f"invalid YAML: character U+{code} is not allowed (control characters are not allowed)"
    )
    assert exc.hint == CONTROL_HINT
    assert where(exc) == at


def test_raw_control_character_line_includes_the_offset() -> None:
    exc = problem("a: 1\nb: \x01\n", line_offset=1)
    assert where(exc) == (3, 4)


@pytest.mark.parametrize(
    ("text", "code", "at"),
    [
        ('a: "x\\0y"\n', "0000", (1, 4)),
        ('a:\n  - ok\n  - "x\\x01y"\n', "0001", (3, 5)),
        ('a: "\\uFFFF"\n', "FFFF", (1, 4)),
        ('"\\x02key": 1\n', "0002", (1, 1)),
    ],
)
def test_escaped_control_character_is_located_at_its_value(
    text: str, code: str, at: tuple[int, int]
) -> None:
    exc = problem(text)
    assert exc.message == f"text holds the character U+{code}, which no page can show"
    assert exc.hint == ESCAPE_HINT
    assert where(exc) == at


def test_tab_newline_and_escaped_tab_are_allowed() -> None:
    data, _ = parse_yaml('a: "x\\ty"\nb: "one\\ntwo"\nc: |\n  x\ty\n')
    assert data == {"a": "x\ty", "b": "one\ntwo", "c": "x\ty\n"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text, tab\t, newline\n, CR\r, é, 🙂", None),
        ("\x0b", "text holds the character U+000B, which no page can show"),
        ("ok\x1f", "text holds the character U+001F, which no page can show"),
        ("\ud800", "text holds the character U+D800, which no page can show"),
        ("\ufffe", "text holds the character U+FFFE, which no page can show"),
    ],
)
def test_not_xml_message(text: str, expected: str | None) -> None:
    assert not_xml_message(text) == expected


# -- marks: Locator and SourceMap ------------------------------------------------------------

NESTED = """\
site:
  title: Acme
  vendors:
    - name: alpha
      score: 3
    - beta
    -   name: gamma
        tags: [x, y]
"""


@pytest.fixture
def nested() -> Locator:
    return parse_yaml(NESTED)[1]


@pytest.mark.parametrize(
    ("path", "value_at"),
    [
        ((), (1, 1)),
        (("site",), (2, 3)),
        (("site", "title"), (2, 10)),
        (("site", "vendors"), (4, 5)),
        (("site", "vendors", 0), (4, 7)),
        (("site", "vendors", 0, "name"), (4, 13)),
        (("site", "vendors", 0, "score"), (5, 14)),
        (("site", "vendors", 1), (6, 7)),
        (("site", "vendors", 2), (7, 9)),
        (("site", "vendors", 2, "tags"), (8, 15)),
        (("site", "vendors", 2, "tags", 1), (8, 19)),
    ],
)
def test_values_are_marked_where_written(
    nested: Locator, path: tuple[str | int, ...], value_at: tuple[int, int]
) -> None:
    assert nested.find(path) == Mark(*value_at)


@pytest.mark.parametrize(
    ("path", "key_at"),
    [
        (("site",), (1, 1)),
        (("site", "title"), (2, 3)),
        (("site", "vendors"), (3, 3)),
        (("site", "vendors", 0, "score"), (5, 7)),
        (("site", "vendors", 2, "tags"), (8, 9)),
    ],
)
def test_keys_are_marked_where_written(
    nested: Locator, path: tuple[str | int, ...], key_at: tuple[int, int]
) -> None:
    assert nested.find(path, prefer_key=True) == Mark(*key_at)


def test_unknown_path_falls_back_to_its_longest_known_prefix(nested: Locator) -> None:
    # a missing required key is reported at the mapping that lacks it
    assert nested.find(("site", "vendors", 0, "missing")) == Mark(4, 7)
    assert nested.find(("site", "vendors", 0, "missing"), prefer_key=True) == Mark(4, 7)
    assert nested.find(("site", "vendors", 9, "name")) == Mark(4, 5)
    assert nested.find(("nowhere", "at", "all")) == Mark(1, 1)


def test_prefer_key_on_a_list_index_uses_the_item(nested: Locator) -> None:
    assert nested.find(("site", "vendors", 1), prefer_key=True) == Mark(6, 7)


def test_line_offset_shifts_every_mark_but_not_columns() -> None:
    _, locator = parse_yaml(NESTED, line_offset=1)
    assert locator.find(()) == Mark(2, 1)
    assert locator.find(("site", "vendors", 0, "score")) == Mark(6, 14)
    assert locator.find(("site", "vendors", 0, "score"), prefer_key=True) == Mark(6, 7)
    assert locator.find(("absent",)) == Mark(2, 1)


def test_keys_are_recorded_as_text() -> None:
    _, locator = parse_yaml("scores:\n  2024: 1\n  2025: 2\n")
    assert locator.find(("scores", "2025"), prefer_key=True) == Mark(3, 3)
    assert locator.find(("scores", "2025")) == Mark(3, 9)


def test_source_map_locates_a_path_in_a_file() -> None:
    sources = SourceMap()
    sources.files["vendors/acme.yaml"] = parse_yaml(NESTED)[1]
    assert sources.locate("vendors/acme.yaml", ("site", "vendors", 2, "tags", 0)) == (8, 16)
    assert sources.locate("vendors/acme.yaml", ("site", "title"), prefer_key=True) == (2, 3)
    assert sources.locate("vendors/acme.yaml") == (1, 1)


def test_source_map_gives_zero_for_a_file_never_read() -> None:
    sources = SourceMap()
    sources.files["a.yaml"] = parse_yaml("x: 1\n")[1]
    assert sources.locate("b.yaml", ("x",)) == (0, 0)


# -- through the reader, as notes' front matter is read ----------------------------------------


def test_reader_records_front_matter_problem_at_the_file_line(tmp_path: Path) -> None:
    reader = Reader(tmp_path)
    note = tmp_path / "vendors" / "acme" / "notes" / "outage.md"
    front = "title: Outage\ndate: 2025-02-30\ntitle: Again\n"
    assert reader.yaml(note, front, line_offset=1) is FAILED
    [found] = reader.problems.items
    assert found.message == "duplicate key 'title'"
    assert found.code == "yaml"
    assert (found.location.file, found.location.line, found.location.column) == (
        "vendors/acme/notes/outage.md",
        4,
        1,
    )
    assert "vendors/acme/notes/outage.md" in reader.unreadable
    assert "vendors/acme/notes/outage.md" not in reader.sources.files


def test_reader_keeps_the_locator_of_a_clean_front_matter(tmp_path: Path) -> None:
    reader = Reader(tmp_path)
    note = tmp_path / "notes" / "outage.md"
    data = reader.yaml(note, "title: Outage\ndate: 2025-02-30\n", line_offset=1)
    assert data == {"title": "Outage", "date": "2025-02-30"}
    assert reader.sources.locate("notes/outage.md", ("date",)) == (3, 7)
    assert reader.problems.items == []


def test_a_key_that_yaml_1_1_reads_as_a_boolean_stays_its_text() -> None:
    data, _ = parse_yaml("restated: {value: 80, on: 2025-07-02, reason: R}\nyes: 1\n")
    assert data == {"restated": {"value": 80, "on": "2025-07-02", "reason": "R"}, "yes": 1}


def test_a_pickled_locator_finds_every_mark_it_found_before() -> None:
    """Cached vendor states carry their locators packed; a warning found on a warm build
    must still name the line and column a cold build names."""
    _, locator = parse_yaml("a:\n  b: 1\n  c: [1, 2]\n  'd e': {f: x}\n", line_offset=3)
    again = pickle.loads(pickle.dumps(locator))
    for path in [(), ("a",), ("a", "b"), ("a", "c", 1), ("a", "d e", "f"), ("a", "zz", 9)]:
        for key in (False, True):
            assert again.find(path, prefer_key=key) == locator.find(path, prefer_key=key)
    assert again == locator and again.line_offset == 3
    assert pickle.loads(pickle.dumps(again)) == locator  # packed again after use
