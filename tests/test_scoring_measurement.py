"""Status and score of one value (SCORING.md sections 1, 2, 9 and worked examples 1 and 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen.build import Builder, BuildOptions
from scorecardgen.model import Benchmark, Direction
from scorecardgen.scoring import benchmark_position, measurement_status, score_measurement
from tests.minimal_project import project_files, write_project


@pytest.mark.parametrize(
    ("value", "status", "score"),
    [
        (80, "met", 100.0),
        (75, "met", 100.0),
        (70, "at-risk", 75.0),
        (65, "at-risk", 50.0),
        (60, "breached", 25.0),
        (50, "breached", 0.0),
    ],
)
def test_worked_example_1_first_contact_resolution(value: float, status: str, score: float) -> None:
    result = score_measurement(value, 75, 65, "higher")
    assert result.status == status
    assert result.score == score


@pytest.mark.parametrize(
    ("value", "status", "score"),
    [
        (25, "met", 100.0),
        (34, "at-risk", 75.0),
        (40, "at-risk", 50.0),
        (46, "breached", 25.0),
        (60, "breached", 0.0),
    ],
)
def test_worked_example_2_speed_of_answer_lower_is_better(
    value: float, status: str, score: float
) -> None:
    result = score_measurement(value, 28, 40, "lower")
    assert result.status == status
    assert result.score == score


@pytest.mark.parametrize("value", [50, 55, 60, 64.9, 65, 67.5, 70, 74.99, 75, 80, 120])
def test_lower_is_better_mirrors_higher(value: float) -> None:
    higher = score_measurement(value, 75, 65, "higher")
    lower = score_measurement(-value, -75, -65, "lower")
    assert lower.status == higher.status
    assert lower.score == pytest.approx(higher.score)


@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_expected_equal_to_minimum_scores_100_met_or_0_breached(direction: Direction) -> None:
    at = score_measurement(90, 90, 90, direction)
    worse = score_measurement(89 if direction == "higher" else 91, 90, 90, direction)
    better = score_measurement(95 if direction == "higher" else 85, 90, 90, direction)
    assert (at.status, at.score) == ("met", 100.0)
    assert (better.status, better.score) == ("met", 100.0)
    assert (worse.status, worse.score) == ("breached", 0.0)
    assert at.rule == "expected-equals-minimum"


def test_missing_value_is_no_data_not_scored() -> None:
    result = score_measurement(None, 75, 65, "higher")
    assert result.status == "no-data"
    assert result.score is None
    assert measurement_status(None, 28, 40, "lower") == "no-data"


def test_one_span_below_minimum_scores_zero() -> None:
    result = score_measurement(55, 75, 65, "higher")
    assert result.score == 0.0
    assert result.raw == 0.0
    assert not result.clamped


def test_explanation_shows_the_formula_with_numbers() -> None:
    result = score_measurement(70, 75, 65, "higher")
    assert result.rule == "linear"
    assert (result.value, result.expected, result.minimum) == (70, 75, 65)
    assert result.formula == "50 + 50 \u00d7 (70 \u2212 65) / (75 \u2212 65) = 75.0"
    assert result.raw == 75.0
    assert not result.clamped


def test_explanation_records_clamping() -> None:
    result = score_measurement(60, 28, 40, "lower")
    assert result.clamped
    assert result.raw == pytest.approx(-33.333333333)
    assert result.score == 0.0
    assert result.formula.endswith("= \u221233.3, clamped to 0.0")


def test_met_explanation_names_the_rule() -> None:
    result = score_measurement(80, 75, 65, "higher")
    assert result.rule == "at-or-beyond-expected"
    assert result.formula == "80 \u2265 75 (expected): 100.0"
    assert score_measurement(25, 28, 40, "lower").formula == "25 \u2264 28 (expected): 100.0"


def test_negative_operands_are_bracketed() -> None:
    result = score_measurement(0, 10, -10, "higher")
    assert result.score == 75.0
    assert "(0 \u2212 (\u221210))" in result.formula


BENCH = Benchmark(top_quartile=80, bottom_quartile=60, source="survey")
BENCH_LOWER = Benchmark(top_quartile=20, bottom_quartile=45, source="survey")


@pytest.mark.parametrize(
    ("value", "position"),
    [
        (90, "top-quartile"),
        (80, "top-quartile"),
        (79.9, "middle"),
        (60.1, "middle"),
        (60, "bottom-quartile"),
        (10, "bottom-quartile"),
    ],
)
def test_benchmark_position_higher_is_better(value: float, position: str) -> None:
    assert benchmark_position(value, BENCH, "higher") == position


@pytest.mark.parametrize(
    ("value", "position"),
    [
        (10, "top-quartile"),
        (20, "top-quartile"),
        (20.1, "middle"),
        (44.9, "middle"),
        (45, "bottom-quartile"),
        (90, "bottom-quartile"),
    ],
)
def test_benchmark_position_lower_is_better(value: float, position: str) -> None:
    assert benchmark_position(value, BENCH_LOWER, "lower") == position


def test_no_benchmark_or_no_value_has_no_position() -> None:
    assert benchmark_position(70, None, "higher") is None
    assert benchmark_position(None, BENCH, "higher") is None


def test_a_value_keeps_the_form_it_was_given_whatever_was_scored_before() -> None:
    score_measurement.cache_clear()
    first = score_measurement(76, 75.0, 65.0, "higher")
    later = score_measurement(76.0, 75.0, 65.0, "higher")  # equal as a key, not as written
    assert type(first.value) is int and type(later.value) is float


def test_a_chart_shows_the_value_as_read_whatever_the_process_scored_before(
    tmp_path: Path,
) -> None:
    root = write_project(tmp_path / "p", dict(project_files()))
    score_measurement.cache_clear()
    score_measurement(70, 75.0, 65.0, "higher")  # an int scored first (a worked example)
    result = Builder(root, BuildOptions(use_cache=False), keep=False).build()
    page = result.files["vendors/acme/index.html"].decode()
    assert '"period":"2025-05","restated":false,"status":"at-risk","value":70.0' in page
