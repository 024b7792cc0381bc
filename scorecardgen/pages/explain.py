"""How a headline score was reached, as rows a template can lay out (no arithmetic there).

Told with the site's own numbers (SCORING.md sections 1a, 1b, 3 and 5): each service level's
coverage ("2 of 3 months") and its missing months by name, excluded months with their reason
and restated figures with what was first reported, the contract coverage formula, the vendor's
weighting with annual values converted at the site's rates, and whether the quarter is in
progress.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.model import Project
from scorecardgen.pages.common import badge, period_label
from scorecardgen.pages.measurement_marks import by_period
from scorecardgen.pages.missing import coverage_count, period_list
from scorecardgen.pages.working_text import formula, reason
from scorecardgen.periods import Period
from scorecardgen.scoring import (
    ContractQuarter,
    PeriodScore,
    ScoredMeasurement,
    ServiceLevelQuarter,
    VendorQuarter,
)
from scorecardgen.scoring.currency import Currencies

Measured = Mapping[tuple[str, str, str], ScoredMeasurement]


def _period_text(
    p: PeriodScore,
    expected: tuple[str, ...],
    as_of: date | None,
    m: ScoredMeasurement | None = None,
    unit: str = "",
) -> str:
    """``Apr 2026: 75.0``, ``Jun 2026: missing``, ``Mar 2026: excluded (flood), not scored``,
    ``May 2026: 75.0 (70.0% restated, first reported 60.0%)``, ``Aug 2026: not due by as_of``."""
    label = period_label(p.period)
    if p.result.status == "excluded":
        reason = m.reason if m is not None and m.reason else "excluded"
        return _("%(label)s: excluded (%(reason)s), not scored") % {
            "label": label,
            "reason": reason,
        }
    if p.result.missing:
        if p.score is None:
            return _("%(label)s: missing") % {"label": label}
        return _("%(label)s: missing, counted as breached (%(score)s)") % {
            "label": label,
            "score": fmt.score(p.score),
        }
    if p.score is not None:
        if m is not None and m.restated is not None:
            now, first = fmt.number(m.value, unit), fmt.number(m.restated.value, unit)
            return _("%(label)s: %(score)s (%(now)s restated, first reported %(first)s)") % {
                "label": label,
                "score": fmt.score(p.score),
                "now": now,
                "first": first,
            }
        return f"{label}: {fmt.score(p.score)}"
    if p.period not in expected and as_of is not None and Period.parse(p.period).end > as_of:
        return _("%(label)s: not due by as_of") % {"label": label}
    if p.period not in expected and p.result.value is None:
        return _("%(label)s: not expected") % {"label": label}
    return _("%(label)s: no data") % {"label": label}


def _level_row(
    name: str,
    slq: ServiceLevelQuarter,
    cq: ContractQuarter,
    as_of: date | None,
    measured: Measured,
    unit: str,
) -> dict[str, Any]:
    term = next((t for t in cq.terms if t.id == slq.kpi), None)
    texts = [
        _period_text(p, slq.expected, as_of, measured.get((slq.contract, slq.kpi, p.period)), unit)
        for p in slq.periods
    ]
    return {
        "name": name,
        "weight": f"{slq.weight:g}",
        "score": fmt.score(slq.score),
        "effective_weight": fmt.percent(round(term.effective_weight, 1)) if term else fmt.DASH,
        "contribution": fmt.score(term.contribution) if term else fmt.DASH,
        "left_out": term is None,
        "coverage": coverage_count(slq),
        "coverage_percent": fmt.percent(slq.coverage),
        "missing": period_list(slq.missing),
        "months": ", ".join(texts),
        "formula": slq.formula,
    }


def _left_out_reason(slq: ServiceLevelQuarter) -> str:
    """Why a service level has no quarter score: missing reports, excluded periods, or none
    expected yet."""
    if slq.missing:
        return "missing"
    if any(p.result.status == "excluded" for p in slq.periods):
        return "excluded"
    return _("no data") if slq.expected else _("nothing expected")


def _contract_part(
    project: Project, vendor_id: str, cq: ContractQuarter, as_of: date | None, measured: Measured
) -> dict[str, Any]:
    contract = project.vendors[vendor_id].contracts[cq.contract]
    names = {
        sl.kpi: project.kpis[sl.kpi].name
        for sl in contract.service_levels
        if sl.kpi in project.kpis
    }
    units = {k: kpi.unit for k, kpi in project.kpis.items()}
    rows = [
        _level_row(names.get(s.kpi, s.kpi), s, cq, as_of, measured, units.get(s.kpi, ""))
        for s in cq.service_levels
    ]
    return {
        "id": cq.contract,
        "title": contract.title,
        "score": fmt.score(cq.score),
        "status": badge(cq.status),
        "coverage": fmt.percent(cq.coverage),
        "terms": rows,
        "missing": [{"name": r["name"], "periods": r["missing"]} for r in rows if r["missing"]],
        "missing_breached": contract.missing_data == "breached",
        "excluded": [
            f"{r['name']} ({_left_out_reason(s)})"
            for r, s in zip(rows, cq.service_levels, strict=True)
            if r["left_out"]
        ],
        "formula": cq.formula,
        "coverage_formula": cq.coverage_formula,
    }


def _vendor_weights(
    project: Project, vendor_id: str, q: VendorQuarter, currencies: Currencies
) -> list[dict[str, Any]]:
    """Each scored contract's weight in the vendor score: its annual value in its own
    currency, the same converted to the reporting currency, its share and contribution."""
    contracts = project.vendors[vendor_id].contracts
    locale = project.site.language
    values = {t.id: contracts[t.id].annual_value for t in q.terms}
    # the weights are in the contracts' one currency, else converted to the reporting one
    own_currencies = {v.currency for v in values.values() if v is not None}
    unit = next(iter(own_currencies)) if len(own_currencies) == 1 else currencies.reporting
    rows = []
    for t in q.terms:
        contract, value = contracts[t.id], values[t.id]
        if q.weighting == "annual-value" and value is not None:
            weight = fmt.money(t.weight, unit, locale=locale)
            rate = "" if value.currency == unit else formula(currencies.rate_text(value.currency))
        else:
            weight, rate = "equal", ""
        rows.append(
            {
                "title": contract.title,
                "annual_value": (
                    fmt.money(value.amount, value.currency, locale=locale) if value else fmt.DASH
                ),
                "weight": weight,
                "rate": rate,
                "share": fmt.percent(round(t.effective_weight, 1)),
                "score": fmt.score(t.score),
                "contribution": fmt.score(t.contribution),
            }
        )
    return rows


def _progress(q: VendorQuarter, to_date: VendorQuarter | None, is_headline: bool) -> str:
    """Whether the explained quarter is in progress, or a quarter after it is (section 5)."""
    label = period_label(q.period)
    if not q.closed and is_headline:
        return _(
            "%(label)s is still in progress (%(months_to_date)s): no closed "
            "quarter has data yet, so it stands as the headline until one "
            "has, and its score will change as the remaining months are "
            "reported."
        ) % {"label": label, "months_to_date": fmt.months_to_date(q.months_to_date)}
    if not q.closed:
        return _(
            "%(label)s is still in progress (%(months_to_date)s): its score "
            "will change as the remaining months are reported, and it is not "
            "the headline, which is the latest closed quarter."
        ) % {"label": label, "months_to_date": fmt.months_to_date(q.months_to_date)}
    if to_date is not None:
        return _(
            "%(period)s is in progress (%(months_to_date)s, %(score)s so "
            "far): it is not the headline, which is the latest closed "
            "quarter, %(label)s."
        ) % {
            "period": period_label(to_date.period),
            "months_to_date": fmt.months_to_date(to_date.months_to_date),
            "score": fmt.score(to_date.score),
            "label": label,
        }
    return ""


def explain_quarter(
    project: Project,
    vendor_id: str,
    q: VendorQuarter | None,
    *,
    as_of: date | None = None,
    currencies: Currencies | None = None,
    to_date: VendorQuarter | None = None,
    is_headline: bool = True,
    measurements: Sequence[ScoredMeasurement] = (),
) -> dict[str, Any] | None:
    """The working behind one vendor quarter score, or None when there is no score.

    ``as_of`` tells months not due yet from months not expected; ``currencies`` (the
    portfolio's) converts several contracts' annual values; ``to_date`` is the quarter in
    progress after ``q`` (the headline's), told apart from it; ``is_headline``: ``q`` is the
    vendor's headline quarter (a review page may explain another); ``measurements`` (the
    scorecard's) tell which figures were restated.
    """
    if q is None or q.score is None:
        return None
    bands = project.site.scoring.bands
    currencies = currencies or Currencies(None)
    several = len(q.terms) > 1
    return {
        "period": period_label(q.period),
        "score": fmt.score(q.score),
        "status": badge(q.status),
        "coverage": fmt.percent(q.coverage),
        "formula": q.formula,
        "weighting": q.weighting,
        "weighting_reason": reason(q.weighting_reason),
        "several_contracts": several,
        "weights": _vendor_weights(project, vendor_id, q, currencies) if several else [],
        "contracts": [
            _contract_part(project, vendor_id, cq, as_of, by_period(measurements))
            for cq in q.contracts
        ],
        "excluded_contracts": list(q.excluded),
        "bands": _("green ≥ %(g)s, amber ≥ %(g2)s, else red; insufficient data below 50%% coverage")
        % {"g": format(bands.green, "g"), "g2": format(bands.amber, "g")},
        "trend": (
            _("%(word)s: %(change)s points against %(previous_score)s the quarter before")
            % {
                "word": fmt.trend(q.trend).word,
                "change": fmt.signed(q.change),
                "previous_score": fmt.score(q.previous_score),
            }
            if q.previous_score is not None
            else _("no previous quarter score to compare")
        ),
        "in_progress": not q.closed,
        "progress": _progress(q, to_date, is_headline),
    }
