"""Missing reports and coverage in display form (SCORING.md section 3), for every page kind.

A missing period reads "Missing" with its own hatched look; under ``missing_data: breached``
it is scored as a breach and reads "Breached (missing)", so nobody takes it for a reported
value. Coverage of one service level reads "2 of 3 months".
"""

from __future__ import annotations

from collections.abc import Sequence

from scorecardgen.i18n import _, ngettext
from scorecardgen.pages.common import badge, period_label
from scorecardgen.scoring import MeasurementScore, ServiceLevelQuarter


def measurement_badge(result: MeasurementScore | None, due: bool = True) -> dict[str, str]:
    """The status chip of one period: its status, "Breached (missing)" for a missing report
    that the contract counts as a breach, or "Not due" for a period without a value that
    ends after as_of (``due`` False)."""
    if (result is None or result.value is None) and not due:
        return {**badge("no-data"), "word": _("Not due"), "meaning": _("ends after the as-of date")}
    if result is None:
        return badge("no-data")
    if result.missing and result.status == "breached":
        look = badge("breached")
        return {
            **look,
            "word": _("Breached (missing)"),
            "css": f"{look['css']} st-missing-breached",
            "meaning": _("expected report not received: counted as breached (missing_data)"),
        }
    return badge(result.status)


def period_list(periods: Sequence[str]) -> str:
    """``Apr 2026, May 2026``: periods by name, in the order given."""
    return ", ".join(period_label(p) for p in periods)


def missing_badge(periods: Sequence[str]) -> dict[str, str] | None:
    """A "Missing: Apr 2026" chip naming each missing period, or None when none is."""
    if not periods:
        return None
    look = badge("missing")
    return {**look, "word": _("Missing: %(periods)s") % {"periods": period_list(periods)}}


def coverage_count(slq: ServiceLevelQuarter) -> str:
    """``2 of 3 months`` (``1 of 1 quarter``): a service level's periods with data over the
    periods it expects in a quarter; ``nothing expected`` when it expects none."""
    if not slq.expected:
        return _("nothing expected")
    total = len(slq.expected)
    if slq.window == "monthly":
        text = ngettext("%(n)s of %(total)s month", "%(n)s of %(total)s months", total)
    else:
        text = ngettext("%(n)s of %(total)s quarter", "%(n)s of %(total)s quarters", total)
    return text % {"n": slq.with_data, "total": total}
