"""The order a build draws vendors in: those an edit touched first.

The dev server shows an edit as soon as the vendors it touched are drawn (``Builder.early``),
before it looks at the others, which may all need drawing again (a commit, or the first edit
of a clean git checkout, moves every page footer's revision).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from scorecardgen.check import vendor_of
from scorecardgen.scoring import VendorScorecard


def touched_vendors(root: Path, changed: Iterable[Path] | None) -> frozenset[str] | None:
    """The vendors the ``changed`` paths lie in; None when one is shared (or any may be)."""
    if changed is None:
        return None
    found = {vendor_of(root, path) for path in changed}
    return None if None in found else frozenset(v for v in found if v)


def touched_first(
    cards: list[VendorScorecard], touched: frozenset[str] | None
) -> tuple[list[int], int]:
    """The order to draw ``cards`` in (their indices), and how many come first: the
    ``touched`` ones (0 when none is, or ``touched`` is None: every card in its order)."""
    first = [i for i, card in enumerate(cards) if touched and card.vendor_id in touched]
    if not first or len(first) == len(cards):
        return list(range(len(cards))), 0
    chosen = set(first)
    return first + [i for i in range(len(cards)) if i not in chosen], len(first)
