"""Where a value sits against its KPI's industry benchmark (SCORING.md section 9).

Positions: ``top-quartile`` at or beyond ``top_quartile``, ``bottom-quartile`` at or worse
than ``bottom_quartile``, ``middle`` between; None without a benchmark or a value.
"""

from __future__ import annotations

from typing import Literal

from scorecardgen.model import Benchmark, Direction

BenchmarkPosition = Literal["top-quartile", "middle", "bottom-quartile"]


def benchmark_position(
    value: float | None, benchmark: Benchmark | None, direction: Direction
) -> BenchmarkPosition | None:
    """The quartile a value falls in, reading 'beyond' and 'worse' by the KPI's direction."""
    if value is None or benchmark is None:
        return None
    if direction == "higher":
        if value >= benchmark.top_quartile:
            return "top-quartile"
        return "bottom-quartile" if value <= benchmark.bottom_quartile else "middle"
    if value <= benchmark.top_quartile:
        return "top-quartile"
    return "bottom-quartile" if value >= benchmark.bottom_quartile else "middle"
