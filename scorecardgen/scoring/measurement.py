"""Status and score of one measured value (SCORING.md sections 1 and 2).

Statuses are ``met``, ``at-risk``, ``breached``, and ``no-data`` when the value is missing
(an explicit null counts as missing: it is not scored). A period the service level expects
(section 3) that has no value is ``missing`` instead: not scored either, unless its contract
says ``missing_data: breached``, when it is ``breached`` with score 0 and still flagged
``missing``. Scores run from 0 to 100 and keep full precision; the formula string carries the
numbers that produced them. An excluded period (section 1a) is ``excluded``: its value is
shown, never scored.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Literal

from scorecardgen.model import Direction
from scorecardgen.scoring.explain import MINUS, TIMES, operand, result

MeasurementStatus = Literal["met", "at-risk", "breached", "missing", "excluded", "no-data"]
ScoreRule = Literal[
    "at-or-beyond-expected",
    "linear",
    "expected-equals-minimum",
    "missing-breached",
    "excluded",
    "no-data",
]


@dataclass(frozen=True)
class MeasurementScore:
    """One value scored against its service level, with the working shown.

    ``rule`` names the branch of section 2 that applied; ``raw`` is the linear formula's
    result before clamping (None when the formula was not used); ``clamped`` says the raw
    result was pulled back into [0, 100].
    """

    value: float | None
    expected: float
    minimum: float
    direction: Direction
    status: MeasurementStatus
    score: float | None
    rule: ScoreRule
    raw: float | None
    clamped: bool
    formula: str
    missing: bool = False


def measurement_status(
    value: float | None, expected: float, minimum: float, direction: Direction
) -> MeasurementStatus:
    """``met``, ``at-risk`` or ``breached`` for a value; ``no-data`` when it is None."""
    if value is None:
        return "no-data"
    if direction == "higher":
        if value >= expected:
            return "met"
        return "at-risk" if value >= minimum else "breached"
    if value <= expected:
        return "met"
    return "at-risk" if value <= minimum else "breached"


# typed: 76 and 76.0 are equal as keys, but each is written as given (scorecard.json, charts)
@functools.lru_cache(maxsize=1 << 16, typed=True)  # results are frozen: same value, same score
def score_measurement(
    value: float | None, expected: float, minimum: float, direction: Direction
) -> MeasurementScore:
    """Score one value from 0 to 100: 100 at or beyond expected, 50 at minimum, linear between."""
    status = measurement_status(value, expected, minimum, direction)

    def scored(
        score: float | None,
        rule: ScoreRule,
        formula: str,
        raw: float | None = None,
        clamped: bool = False,
    ) -> MeasurementScore:
        return MeasurementScore(
            value, expected, minimum, direction, status, score, rule, raw, clamped, formula
        )

    if value is None:
        return scored(None, "no-data", "no value: not scored")
    v, e, m = operand(value), operand(expected), operand(minimum)
    if expected == minimum:
        score = 100.0 if status == "met" else 0.0
        return scored(
            score,
            "expected-equals-minimum",
            f"expected equals minimum ({e}): {status} scores {result(score)}",
        )
    if status == "met":
        sign = "\u2265" if direction == "higher" else "\u2264"
        return scored(100.0, "at-or-beyond-expected", f"{v} {sign} {e} (expected): 100.0")
    raw = 50.0 + 50.0 * (value - minimum) / (expected - minimum)
    if math.isnan(raw):  # only with values near the float limits: fall back on the status
        raw = 0.0 if status == "breached" else 50.0
    score = min(100.0, max(0.0, raw))
    formula = f"50 + 50 {TIMES} ({v} {MINUS} {m}) / ({e} {MINUS} {m}) = {result(raw)}"
    if score != raw:
        formula += f", clamped to {result(score)}"
    return scored(score, "linear", formula, raw, score != raw)


def missing_score(
    expected: float, minimum: float, direction: Direction, breached: bool
) -> MeasurementScore:
    """An expected period without a value: ``missing``, or ``breached`` scoring 0 when the
    contract says ``missing_data: breached``."""
    if breached:
        return MeasurementScore(
            None,
            expected,
            minimum,
            direction,
            "breached",
            0.0,
            "missing-breached",
            None,
            False,
            "missing report, counted as breached (missing_data: breached): 0.0",
            missing=True,
        )
    return MeasurementScore(
        None,
        expected,
        minimum,
        direction,
        "missing",
        None,
        "no-data",
        None,
        False,
        "missing report: not scored",
        missing=True,
    )


def excluded_score(
    value: float | None, expected: float, minimum: float, direction: Direction, reason: str
) -> MeasurementScore:
    """An excluded period (section 1a): shown with its value, not scored, earns no credit."""
    return MeasurementScore(
        value,
        expected,
        minimum,
        direction,
        "excluded",
        None,
        "excluded",
        None,
        False,
        f"excluded ({reason}): not scored",
    )
