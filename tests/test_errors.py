"""scorecardgen/errors.py: problems as located values, and how each reads as one line."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecardgen.errors import Location, Problem, Problems, WithProblems, did_you_mean, grouped


def test_a_location_shows_only_what_it_knows() -> None:
    assert str(Location("content/site.yaml", 12, 3)) == "content/site.yaml:12:3"
    assert str(Location("content/site.yaml", 12)) == "content/site.yaml:12"
    assert str(Location("content/site.yaml")) == "content/site.yaml"
    assert str(Location("content/site.yaml", 0, 3)) == "content/site.yaml"  # no line, no column


def test_a_problem_reads_like_a_compiler_message_with_its_hint_below() -> None:
    problem = Problem(
        Location("content/vendors/acme/vendor.yaml", 4, 1),
        "unknown key 'nmae'",
        "did you mean 'name'?",
    )
    assert problem.format() == (
        "content/vendors/acme/vendor.yaml:4:1: error: unknown key 'nmae'\n"
        "    hint: did you mean 'name'?"
    )


def test_a_warning_without_a_hint_is_one_line() -> None:
    problem = Problem(Location("site.yaml"), "no vendors yet", severity="warning")
    assert problem.format() == "site.yaml: warning: no vendors yet"


def test_control_characters_from_content_stay_escaped_on_one_line() -> None:
    problem = Problem(
        Location("data/m\nx.csv", 2),
        "unknown column 'val\nue\x1b[31m'",
        "columns are\u2028kpi, period, value",
    )
    assert problem.format() == (
        "data/m\\nx.csv:2: error: unknown column 'val\\nue\\x1b[31m'\n"
        "    hint: columns are\\u2028kpi, period, value"
    )


def test_problems_sort_by_file_line_column_and_message_once_each() -> None:
    found = Problems()
    found.add(Location("b.yaml", 2), "second")
    found.add(Location("a.yaml", 10, 1), "late line")
    found.add(Location("a.yaml", 9, 5), "early line")
    found.add(Location("a.yaml", 9, 5), "another, same place")
    found.add(Location("a.yaml"), "whole file")
    found.add(Location("b.yaml", 2), "second")  # the same problem twice is reported once
    assert [p.format() for p in found.sorted()] == [
        "a.yaml: error: whole file",
        "a.yaml:9:5: error: another, same place",
        "a.yaml:9:5: error: early line",
        "a.yaml:10:1: error: late line",
        "b.yaml:2: error: second",
    ]


def test_errors_and_warnings_are_told_apart() -> None:
    found = Problems()
    found.add(Location("a.yaml", 1), "bad", code="invalid")
    found.add(Location("a.yaml", 2), "odd", severity="warning", code="lint")
    found.extend([Problem(Location("b.csv", 3), "worse", code="bad-value")])
    assert [p.message for p in found.errors] == ["bad", "worse"]
    assert [(p.message, p.code) for p in found.warnings] == [("odd", "lint")]


@dataclass
class _Result(WithProblems):
    problems: list[Problem] = field(default_factory=list)


def test_warnings_fail_only_under_strict() -> None:
    warning = Problem(Location("a.yaml"), "odd", severity="warning")
    error = Problem(Location("a.yaml"), "bad")
    assert not _Result([]).failed(strict=True)
    assert not _Result([warning]).failed()
    assert _Result([warning]).failed(strict=True)
    assert _Result([error]).failed()


def test_did_you_mean_names_the_closest_choice() -> None:
    assert did_you_mean("nmae", ["name", "location", "tier"]) == "did you mean 'name'?"


def test_did_you_mean_lists_a_few_choices_when_none_is_close() -> None:
    assert did_you_mean("zzz", ["tier", "name", "name"]) == "expected one of: name, tier"


def test_did_you_mean_is_silent_about_many_distant_choices() -> None:
    assert did_you_mean("zzz", [f"kpi-{i}" for i in range(13)]) == ""


def _rows(
    file: str, lines: range, message: str = "the KPI is held by several contracts"
) -> list[Problem]:
    return [Problem(Location(file, line, 1), message, "add a 'contract'") for line in lines]


def test_a_problem_in_more_than_three_places_is_one_problem_with_the_count() -> None:
    csv = "content/vendors/acme/measurements/2025.csv"
    found = grouped(_rows(csv, range(2, 50)))
    assert len(found) == 1
    (one,) = found
    assert one.location == Location(csv, 2, 1)
    assert [loc.line for loc in one.locations] == list(range(2, 50))
    assert one.format() == (
        f"{csv}:2:1: error: the KPI is held by several contracts "
        "(in 48 rows: lines 2, 3, 4 and 45 more)\n"
        "    hint: add a 'contract'"
    )
    assert grouped(found) == found  # reporting grouped problems again changes nothing


def test_three_places_stay_three_problems_and_others_stay_apart() -> None:
    csv = "content/vendors/acme/measurements/2025.csv"
    three = _rows(csv, range(2, 5))
    other = _rows(csv, range(10, 15), "unknown KPI 'x'")
    warning = Problem(Location(csv, 2, 1), three[0].message, three[0].hint, severity="warning")
    found = grouped([three[0], warning, *other, *three[1:], other[0]])  # in the order given
    assert [(p.location.line, p.severity, len(p.locations)) for p in found] == [
        (2, "error", 1),
        (2, "warning", 1),
        (10, "error", 5),
        (3, "error", 1),
        (4, "error", 1),
    ]
    assert found[2].message == "unknown KPI 'x' (in 5 rows: lines 10, 11, 12 and 2 more)"


def test_places_in_other_files_are_named_in_full_and_not_rows_outside_measurements() -> None:
    problems = [
        Problem(Location(f"content/vendors/{vid}/vendor.yaml", 3, 1), "unknown key 'nmae'")
        for vid in ("acme", "bravo", "cargo", "delta")
    ]
    (one,) = grouped(problems)
    assert one.message == (
        "unknown key 'nmae' (in 4 places: line 3, content/vendors/bravo/vendor.yaml:3:1, "
        "content/vendors/cargo/vendor.yaml:3:1 and 1 more)"
    )
