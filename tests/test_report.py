"""scorecardgen/report.py: problems as `check --format text|json|github` prints them."""

from __future__ import annotations

import json

from scorecardgen.errors import Location, Problem, grouped
from scorecardgen.report import format_problems, summary

PROBLEMS = [
    Problem(
        Location("content/vendors/acme/vendor.yaml", 12, 3),
        "unknown key 'nmae'",
        "did you mean 'name'?",
        code="unknown-key",
    ),
    Problem(Location("site.yaml"), "100% done, a:b\nnext", severity="warning", code="lint"),
    Problem(Location("data/a,b:c.csv", 4), "not a number: 'x'", code="bad-value"),
]


def test_text_is_one_compiler_style_line_per_problem_in_the_order_given() -> None:
    assert format_problems(PROBLEMS, "text") == (
        "content/vendors/acme/vendor.yaml:12:3: error: unknown key 'nmae'\n"
        "    hint: did you mean 'name'?\n"
        "site.yaml: warning: 100% done, a:b\\nnext\n"
        "data/a,b:c.csv:4: error: not a number: 'x'"
    )


def test_json_has_every_field_with_null_for_what_is_unknown() -> None:
    assert json.loads(format_problems(PROBLEMS, "json")) == [
        {
            "file": "content/vendors/acme/vendor.yaml",
            "line": 12,
            "column": 3,
            "severity": "error",
            "code": "unknown-key",
            "message": "unknown key 'nmae'",
            "hint": "did you mean 'name'?",
            "count": 1,
            "locations": [{"file": "content/vendors/acme/vendor.yaml", "line": 12, "column": 3}],
        },
        {
            "file": "site.yaml",
            "line": None,
            "column": None,
            "severity": "warning",
            "code": "lint",
            "message": "100% done, a:b\nnext",
            "hint": None,
            "count": 1,
            "locations": [{"file": "site.yaml", "line": None, "column": None}],
        },
        {
            "file": "data/a,b:c.csv",
            "line": 4,
            "column": None,
            "severity": "error",
            "code": "bad-value",
            "message": "not a number: 'x'",
            "hint": None,
            "count": 1,
            "locations": [{"file": "data/a,b:c.csv", "line": 4, "column": None}],
        },
    ]


def test_json_keeps_non_ascii_text_readable() -> None:
    problem = Problem(Location("content/vendors/café/vendor.yaml"), "nom inconnu: «x»")
    assert "café" in format_problems([problem], "json")
    assert "«x»" in format_problems([problem], "json")


def test_no_problems_is_an_empty_json_list_and_empty_text() -> None:
    assert json.loads(format_problems([], "json")) == []
    assert format_problems([], "text") == ""
    assert format_problems([], "github") == ""


def test_github_annotations_escape_what_the_workflow_syntax_would_misread() -> None:
    assert format_problems(PROBLEMS, "github").split("\n") == [
        "::error file=content/vendors/acme/vendor.yaml,line=12,col=3::"
        "unknown key 'nmae' (did you mean 'name'?)",
        "::warning file=site.yaml::100%25 done, a:b%0Anext",
        "::error file=data/a%2Cb%3Ac.csv,line=4::not a number: 'x'",
    ]


def test_summary_counts_errors_and_warnings() -> None:
    assert summary(PROBLEMS) == "2 errors, 1 warning"
    assert summary(PROBLEMS[:1]) == "1 error, 0 warnings"
    assert summary([]) == "0 errors, 0 warnings"


GROUPED = grouped(
    Problem(Location("content/vendors/acme/measurements/a.csv", line, 1), "unknown KPI 'x'")
    for line in range(2, 7)
)


def test_the_summary_counts_a_grouped_problem_once_and_says_in_how_many_places() -> None:
    assert summary(GROUPED) == "1 error in 5 places, 0 warnings"
    assert summary([*GROUPED, PROBLEMS[0], PROBLEMS[1]]) == "2 errors in 6 places, 1 warning"
    assert summary(PROBLEMS) == "2 errors, 1 warning"


def test_json_lists_every_place_of_a_grouped_problem_and_github_annotates_it_once() -> None:
    (item,) = json.loads(format_problems(GROUPED, "json"))
    assert item["count"] == 5
    assert item["message"] == "unknown KPI 'x' (in 5 rows: lines 2, 3, 4 and 2 more)"
    assert [(loc["line"], loc["column"]) for loc in item["locations"]] == [
        (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)
    ]  # fmt: skip
    assert format_problems(GROUPED, "github") == (
        "::error file=content/vendors/acme/measurements/a.csv,line=2,col=1::"
        "unknown KPI 'x' (in 5 rows: lines 2, 3, 4 and 2 more)"
    )
