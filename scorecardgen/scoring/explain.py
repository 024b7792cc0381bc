"""How numbers are written inside explanation formulas.

Scores keep full precision everywhere; these helpers only write the formula strings that
travel with each score, so a page can show how a number was reached ("50 + 50 × (70 − 65) /
(75 − 65) = 75.0"). Inputs are written as given, results with one decimal, as SCORING.md
rounds for display.

Large numbers read like money: from 1,000 on, the whole part carries thousands separators
("2,667,600 × 84.4", "5,700 + 7,600 = 13,300"); smaller ones stay as they are ("65",
"99.5"). An operand is rounded to 6 decimal places (SCORING.md section 11) before it is
written, so a converted weight never shows float noise ("994,500", not "994499.9999999999").
Formulas are English, like the rest of the working: a comma groups thousands, a point marks
the decimals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

MINUS = "\u2212"
TIMES = "\u00d7"
GROUPED_FROM = 1000  # numbers at least this large get thousands separators
DECIMALS = 6  # the most decimals an operand is written with


def _grouped(text: str) -> str:
    """``2667600.5`` -> ``2,667,600.5``; numbers below 1,000 (and non-finite ones) unchanged."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, point, fraction = digits.partition(".")
    if not whole.isdigit() or int(whole) < GROUPED_FROM:
        return text
    return f"{sign}{int(whole):,}{point}{fraction}"


def _bracketed(text: str) -> str:
    """A negative inside a formula: ``(−5)``."""
    return f"({MINUS}{text[1:]})" if text.startswith("-") else text


def operand(x: float) -> str:
    """An input as given: ``65``, ``99.5``, ``2,667,600``, ``(−5)`` (negatives bracketed)."""
    if not math.isfinite(x):
        return _bracketed(repr(float(x)))
    value = round(float(x), DECIMALS) + 0.0  # + 0.0: never "-0"
    if value.is_integer():
        text = f"{int(value)}"
    else:
        text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return _bracketed(_grouped(text))


def result(x: float) -> str:
    """A computed result with one decimal: ``75.0``, ``−33.3``, ``1,250.0``."""
    return _grouped(f"{x:.1f}").replace("-", MINUS)


def money(x: float) -> str:
    """An amount of money: ``4,000``, or ``3,333.33`` when it has a fraction."""
    return operand(x) if float(x).is_integer() else _grouped(f"{x:.2f}")


def weighted_mean(terms: Iterable[tuple[float, float]], score: float) -> str:
    """``(60 × 87.5 + 40 × 50.0) / (60 + 40) = 72.5`` for (weight, score) pairs."""
    pairs = list(terms)
    top = " + ".join(f"{operand(w)} {TIMES} {result(s)}" for w, s in pairs)
    bottom = " + ".join(operand(w) for w, _ in pairs)
    if len(pairs) > 1:
        top, bottom = f"({top})", f"({bottom})"
    return f"{top} / {bottom} = {result(score)}"
