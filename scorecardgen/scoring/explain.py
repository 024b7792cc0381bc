"""How numbers are written inside explanation formulas.

Scores keep full precision everywhere; these helpers only write the formula strings that
travel with each score, so a page can show how a number was reached ("50 + 50 × (70 − 65) /
(75 − 65) = 75.0"). Inputs are written as given, results with one decimal, as SCORING.md
rounds for display.
"""

from __future__ import annotations

from collections.abc import Iterable

MINUS = "\u2212"
TIMES = "\u00d7"


def operand(x: float) -> str:
    """An input as given: ``65``, ``99.5``, ``(−5)`` (negatives bracketed inside formulas)."""
    text = f"{int(x)}" if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))
    if text.startswith("-"):
        return f"({MINUS}{text[1:]})"
    return text


def result(x: float) -> str:
    """A computed result with one decimal: ``75.0``, ``−33.3``."""
    return f"{x:.1f}".replace("-", MINUS)


def money(x: float) -> str:
    """An amount of money: ``4000``, or ``3333.33`` when it has a fraction."""
    return operand(x) if float(x).is_integer() else f"{x:.2f}"


def weighted_mean(terms: Iterable[tuple[float, float]], score: float) -> str:
    """``(60 × 87.5 + 40 × 50.0) / (60 + 40) = 72.5`` for (weight, score) pairs."""
    pairs = list(terms)
    top = " + ".join(f"{operand(w)} {TIMES} {result(s)}" for w, s in pairs)
    bottom = " + ".join(operand(w) for w, _ in pairs)
    if len(pairs) > 1:
        top, bottom = f"({top})", f"({bottom})"
    return f"{top} / {bottom} = {result(score)}"
