"""SCORING.md's worked examples of the contract mechanics, scored live by the scoring stage.

The methodology page falls back on these when a site's own content has no exclusion,
restatement, step, capped month, earn-back or default to show: worked examples 4 (the shared
cap), 5 (earn-back), 6 (a stepped target) and 9 (default), and an exclusion and a restatement
on worked example 1's levels (first contact resolution, expected 75%, minimum 65%). Scoring
them here, not copying their numbers, means the page can never disagree with the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.model import Contract, Measurement, ServiceLevel, Step
from scorecardgen.pages.common import badge, period_label
from scorecardgen.pages.credits_ledger import working
from scorecardgen.pages.working_text import reason
from scorecardgen.periods import Period
from scorecardgen.scoring import score_measurement
from scorecardgen.scoring.breaches import rolling_window
from scorecardgen.scoring.credits import contract_credits
from scorecardgen.scoring.default import default_record
from scorecardgen.scoring.measurement import MeasurementScore
from scorecardgen.scoring.quarters import service_level_quarter
from scorecardgen.scoring.series import Series

Example = dict[str, Any]
FCR = "First contact resolution"
_EXCLUSION_REASON = "force majeure: a flood closed the delivery centre"


def line(text: str, code: str = "", status: str | None = None) -> dict[str, Any]:
    """One line of an example: a sentence, its working (``code``) and a status chip."""
    return {"text": text, "code": code, "status": badge(status) if status else None}


def scored_text(r: MeasurementScore) -> str:
    """``at risk, 75.0``: a status and score as a sentence reads them."""
    return f"{fmt.status(r.status).word.lower()}, {fmt.score(r.score)}"


def _series(
    level: ServiceLevel,
    values: Mapping[str, float | None],
    excluded: Mapping[str, str] | None = None,
) -> Series:
    """A service level's measurements by month; every measured month not excluded is expected."""
    excluded = excluded or {}
    rows = {
        Period.parse(p): Measurement(
            kpi=level.kpi,
            period=p,
            value=v,
            excluded=p in excluded,
            reason=excluded.get(p),
        )
        for p, v in values.items()
    }
    expected = frozenset(p for p in rows if str(p) not in excluded)
    return Series("example", level, "higher", rows, expected)


def _contract(levels: list[ServiceLevel], **terms: Any) -> Contract:
    """At-risk 10,000 a month: monthly charge 100,000, 10% at risk."""
    return Contract(
        id="example",
        title=_("Example"),
        start=date(2026, 1, 1),
        end=date(2027, 12, 31),
        monthly_charge=100_000,
        at_risk_percent=10,
        service_levels=levels,
        **terms,
    )


def exclusion() -> Example:
    """Jan 80, Feb 70 and an excluded Mar 50: the quarter scores its two expected months."""
    level = ServiceLevel(kpi="fcr", expected=75, minimum=65, weight=100, credit_allocation=40)
    series = _series(
        level, {"2026-01": 80, "2026-02": 70, "2026-03": 50}, {"2026-03": _EXCLUSION_REASON}
    )
    march = series.score(Period.parse("2026-03"))
    slq = service_level_quarter(series, Period.parse("2026-Q1"))
    unexcused = score_measurement(50, 75, 65, "higher")
    return {
        "source": _(
            "An example on worked example 1's levels (%(fcr)s, expected 75%%, minimum 65%%)"
        )
        % {"fcr": FCR},
        "lines": [
            line(
                _("Mar 2026: 50.0%% excluded (%(_exclusion_reason)s): not scored, not expected")
                % {"_exclusion_reason": _EXCLUSION_REASON},
                status=march.status,
            ),
            line(
                _("Without the exclusion it would be %(unexcused)s and earn a credit")
                % {"unexcused": scored_text(unexcused)},
                unexcused.formula,
            ),
            line(
                _("Q1 2026 scores the two expected months, coverage %(with_data)s of %(n)s months")
                % {"with_data": slq.with_data, "n": len(slq.expected)},
                slq.formula,
            ),
        ],
    }


def restatement() -> Example:
    """First reported 60 (breached), restated to 70 (at risk)."""
    first = score_measurement(60, 75, 65, "higher")
    agreed = score_measurement(70, 75, 65, "higher")
    return {
        "source": _(
            "An example on worked example 1's levels (%(fcr)s, expected 75%%, minimum 65%%)"
        )
        % {"fcr": FCR},
        "lines": [
            line(
                _(
                    "May 2026: 70.0% restated, first reported 60.0%, restated"
                    " on 12 Jun 2026: tickets closed without the customer's "
                    "confirmation were reclassified"
                ),
            ),
            line(
                _("Scored at the agreed figure: %(agreed)s") % {"agreed": scored_text(agreed)},
                agreed.formula,
                "at-risk",
            ),
            line(
                _("The first figure would have scored %(first)s, and earned a credit")
                % {"first": scored_text(first)},
                first.formula,
            ),
        ],
    }


def step() -> Example:
    """Worked example 6: base 75/65, from Jan 2026 78/68; 76 in Dec 2025 and Jan 2026."""
    level = ServiceLevel(
        kpi="fcr",
        expected=75,
        minimum=65,
        weight=100,
        steps=[Step(start="2026-01", expected=78, minimum=68)],
    )
    lines = [
        line(
            _("%(fcr)s: expected 75.0%%, minimum 65.0%%; from Jan 2026: 78.0%% and 68.0%%")
            % {"fcr": FCR}
        )
    ]
    for month in ("2025-12", "2026-01"):
        expected, minimum = level.levels_for(Period.parse(month))
        r = score_measurement(76, expected, minimum, "higher")
        lines.append(
            line(
                _("%(month)s: 76.0%% against expected %(expected)s, minimum %(minimum)s: %(r)s")
                % {
                    "month": period_label(month),
                    "expected": fmt.number(expected, "%"),
                    "minimum": fmt.number(minimum, "%"),
                    "r": scored_text(r),
                },
                r.formula,
                r.status,
            )
        )
    return {"source": _("SCORING.md worked example 6, scored by this build"), "lines": lines}


def cap() -> Example:
    """Worked example 4: A (40%) and B (80%) breached in March, 12,000 capped to 10,000."""
    a = ServiceLevel(kpi="a", expected=75, minimum=65, weight=50, credit_allocation=40)
    b = ServiceLevel(kpi="b", expected=75, minimum=65, weight=50, credit_allocation=80)
    contract = _contract([a, b])
    series = [_series(a, {"2026-03": 60}), _series(b, {"2026-03": 60})]
    (credit,) = contract_credits(contract, series, rolling_window(date(2026, 3, 31)))
    lines = [line(_("March: service levels A (allocation 40%) and B (80%) both breached"))]
    lines.append(line(_("The month's credits, capped at the at-risk amount"), credit.formula))
    for item in credit.items:
        lines.append(line(_("SL %(upper)s") % {"upper": item.kpi.upper()}, item.formula))
    return {"source": _("SCORING.md worked example 4, computed by this build"), "lines": lines}


def earn_back() -> Example:
    """Worked example 5: April waived, July payable, November pending (as of 30 Nov)."""
    level = ServiceLevel(kpi="fcr", expected=75, minimum=65, weight=100, credit_allocation=50)
    values: dict[str, float | None] = {
        "2026-04": 60,
        "2026-05": 80,
        "2026-06": 80,
        "2026-07": 60,
        "2026-08": 80,
        "2026-09": 70,
        "2026-10": 80,
        "2026-11": 60,
    }
    contract = _contract([level], earn_back_periods=2)
    credits = contract_credits(
        contract, [_series(level, values)], rolling_window(date(2026, 11, 30))
    )
    lines = [
        line(
            _(
                "At-risk amount 10,000 a month, allocation 50%, "
                "earn_back_periods: 2. Breached in April, July and November; "
                "met in May, June, August and October; at risk in September; "
                "as of 30 Nov 2026"
            )
        )
    ]
    for credit in credits:
        for item in credit.items:
            lines.append(
                line(
                    _("%(period)s: earned %(none)s; %(state_reason)s")
                    % {
                        "period": period_label(item.period),
                        "none": fmt.money(item.amount, None),
                        "state_reason": working(item.state_reason),
                    },
                    item.formula,
                    item.state,
                )
            )
    return {"source": _("SCORING.md worked example 5, computed by this build"), "lines": lines}


def default() -> Example:
    """Worked example 9: breached May, June, July is a default; a met July breaks the run."""
    level = ServiceLevel(kpi="fcr", expected=75, minimum=65, weight=100, credit_allocation=50)
    contract = _contract([level], default_after=3)
    cases = (
        (_("Breached in May, June and July"), {"2026-05": 60, "2026-06": 60, "2026-07": 60}),
        (
            _("Breached in May and June, met in July, breached in August"),
            {"2026-05": 60, "2026-06": 60, "2026-07": 80, "2026-08": 60},
        ),
    )
    lines = [line(_("default_after: 3, a critical service level (credit allocation 50%)"))]
    for text, values in cases:
        last = max(Period.parse(p) for p in values)
        record = default_record(contract, _series(level, values), rolling_window(last.end))
        word = "default" if record.default else None
        lines.append(line(f"{text}: {reason(record.explanation)}", status=word))
    return {"source": _("SCORING.md worked example 9, computed by this build"), "lines": lines}
