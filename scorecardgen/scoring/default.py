"""Service-level default (SCORING.md section 7b).

A contract may set ``default_after: K``. A critical service level (one with a credit
allocation) is in default when it is ``breached`` in K or more consecutive expected periods of
its window, the last of them inside the rolling 12 months. Excluded periods are not expected, so
they are skipped; a missing period breaks the run, unless ``missing_data: breached`` has made it
a breach. The default dates from the period in which the run reached K.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecardgen.model import Contract
from scorecardgen.scoring.breaches import RollingWindow
from scorecardgen.scoring.series import Series


@dataclass(frozen=True)
class DefaultRecord:
    """Whether a service level is in default, since when, and the run of breaches behind it."""

    default: bool
    after: int | None
    since: str | None
    run: tuple[str, ...]
    explanation: str


def default_record(contract: Contract, series: Series, window: RollingWindow) -> DefaultRecord:
    """The latest run of consecutive breached expected periods, judged against default_after."""
    after = contract.default_after
    if after is None or not series.level.critical:
        why = "no default_after" if after is None else "a key measurement (no credit allocation)"
        return DefaultRecord(False, after, None, (), f"not assessed: {why}")
    found: tuple[str, ...] = ()
    run: list[str] = []
    for period in sorted(series.expected):
        if not window.reached(period):
            continue
        if series.score(period).status == "breached":
            run.append(str(period))
            if len(run) >= after and window.contains(period):
                found = tuple(run)
        else:
            run = []
    if not found:
        return DefaultRecord(
            False,
            after,
            None,
            (),
            f"no run of {after} consecutive breaches ending in {window}",
        )
    since = found[after - 1]
    return DefaultRecord(
        True,
        after,
        since,
        found,
        f"breached in {len(found)} consecutive periods ({', '.join(found)}): "
        f"default from {since} (default_after: {after})",
    )
