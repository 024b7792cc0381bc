"""What a diff reports: one ``Change`` per thing that moved, of a ``Kind`` that says how much
it matters (its rank: the order of the markdown table), how it is counted in the one-line
summary, and which ``--fail-on`` category it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

FailOn = Literal["status-change", "breach", "restatement"]
FAIL_ON: tuple[FailOn, ...] = ("status-change", "breach", "restatement")


@dataclass(frozen=True)
class Kind:
    """A kind of change: its words (singular, plural) and its ``--fail-on`` category."""

    one: str
    many: str
    fails: FailOn | None = None


# most important first: the order of the summary line and of the markdown table
KINDS: dict[str, Kind] = {
    "vendor-added": Kind("vendor added", "vendors added"),
    "vendor-removed": Kind("vendor removed", "vendors removed"),
    "status": Kind("status change", "status changes", "status-change"),
    "new-breach": Kind("new breach", "new breaches", "breach"),
    "default-started": Kind("new default", "new defaults", "breach"),
    "persistent-failure-started": Kind(
        "new persistent failure", "new persistent failures", "breach"
    ),
    "restated": Kind("restated value", "restated values", "restatement"),
    "credit": Kind("credit change", "credit changes"),
    "cleared-breach": Kind("cleared breach", "cleared breaches"),
    "default-ended": Kind("default ended", "defaults ended"),
    "persistent-failure-ended": Kind("persistent failure ended", "persistent failures ended"),
    "service-level-status": Kind("service-level status change", "service-level status changes"),
    "score": Kind("score change", "score changes"),
    "contract-added": Kind("contract added", "contracts added"),
    "contract-removed": Kind("contract removed", "contracts removed"),
    "service-level-added": Kind("service level added", "service levels added"),
    "service-level-removed": Kind("service level removed", "service levels removed"),
    "service-level-terms": Kind("service-level term changed", "service-level terms changed"),
    "contract-state": Kind("contract change", "contract changes"),
    "certification": Kind("certification change", "certification changes"),
    "action": Kind("action change", "action changes"),
    "new-values": Kind("new value", "new values"),
    "removed-values": Kind("removed value", "removed values"),
}
RANK = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Change:
    """One thing that moved between the two sides, for one vendor.

    ``before``/``after`` are JSON values (a number, a word, a small object; null when absent
    on that side); ``before_text``/``after_text`` the same as a reader sees them. ``count``
    is how many the summary counts (new values are one change per service level).
    """

    kind: str
    vendor: str
    vendor_name: str
    where: str  # "headline", "2026-Q3", "finance-operations · invoice-accuracy · 2026-05"
    before: Any
    after: Any
    before_text: str
    after_text: str
    contract: str | None = None
    kpi: str | None = None
    period: str | None = None
    note: str = ""  # the why: a restatement's reason, a credit's earn-back states
    count: int = 1

    @property
    def rank(self) -> int:
        return RANK[self.kind]

    @property
    def what(self) -> str:
        """The kind in words: ``new breach``."""
        return KINDS[self.kind].one

    def data(self) -> dict[str, Any]:
        """As ``diff --format json`` writes it."""
        return {
            "kind": self.kind,
            "contract": self.contract,
            "kpi": self.kpi,
            "period": self.period,
            "where": self.where,
            "before": self.before,
            "after": self.after,
            "note": self.note or None,
            "count": self.count,
        }


def ordered(changes: list[Change]) -> list[Change]:
    """Most important first; then by vendor and place (a vendor's headline before its
    quarters), so the same diff prints the same."""
    return sorted(changes, key=lambda c: (c.rank, c.vendor, c.where != "headline", c.where))


def counts(changes: list[Change]) -> dict[str, int]:
    """How many of each kind (in ``KINDS`` order), kinds with none left out."""
    found: dict[str, int] = {}
    for kind in KINDS:
        n = sum(c.count for c in changes if c.kind == kind)
        if n:
            found[kind] = n
    return found


def summary_line(changes: list[Change]) -> str:
    """``2 status changes, 1 new breach, 3 restated values``; ``no changes`` for none."""
    parts = [f"{n} {KINDS[k].one if n == 1 else KINDS[k].many}" for k, n in counts(changes).items()]
    return ", ".join(parts) or "no changes to scorecards"


def fails(changes: list[Change], categories: tuple[FailOn, ...]) -> list[FailOn]:
    """The ``--fail-on`` categories among ``categories`` that ``changes`` hold."""
    present = {KINDS[c.kind].fails for c in changes}
    return [c for c in categories if c in present]
