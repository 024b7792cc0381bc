"""Clean figures (SCORING.md section 11): every computed figure an export writes -- scores,
coverage, credit amounts -- is rounded to 6 decimal places and stays a number, so
``90.21666666666673`` is written ``90.216667`` and ``62.00000000000003`` ``62.0``; a rounded
negative zero is written ``0.0``, never ``-0.0``. Pages round again for display."""

from __future__ import annotations

DECIMALS = 6


def figure(x: float | None) -> float | None:
    """A computed figure (score, coverage, amount) rounded to 6 decimal places; never -0.0."""
    if x is None:
        return None
    return round(float(x), DECIMALS) + 0.0  # -0.0 + 0.0 is 0.0
