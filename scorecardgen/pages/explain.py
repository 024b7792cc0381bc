"""How a headline score was reached, as rows a template can lay out (no arithmetic there)."""

from __future__ import annotations

from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.model import Project
from scorecardgen.pages.common import badge, period_label
from scorecardgen.scoring import ContractQuarter, VendorQuarter


def _contract_part(project: Project, vendor_id: str, cq: ContractQuarter) -> dict[str, Any]:
    contract = project.vendors[vendor_id].contracts[cq.contract]
    names = {
        sl.kpi: project.kpis[sl.kpi].name
        for sl in contract.service_levels
        if sl.kpi in project.kpis
    }
    quarters = {slq.kpi: slq for slq in cq.service_levels}
    terms = []
    for term in cq.terms:
        slq = quarters.get(term.id)
        months = []
        if slq is not None:
            months = [f"{period_label(p.period)}: {fmt.score(p.score)}" for p in slq.periods]
            months += [f"{period_label(p)}: no data" for p in slq.no_data_periods]
        terms.append(
            {
                "name": names.get(term.id, term.id),
                "weight": f"{term.weight:g}",
                "score": fmt.score(term.score),
                "effective_weight": fmt.percent(round(term.effective_weight, 1)),
                "contribution": fmt.score(term.contribution),
                "months": ", ".join(months),
                "formula": slq.formula if slq is not None else "",
            }
        )
    return {
        "id": cq.contract,
        "title": contract.title,
        "score": fmt.score(cq.score),
        "status": badge(cq.status),
        "coverage": fmt.percent(cq.coverage),
        "terms": terms,
        "excluded": [names.get(k, k) for k in cq.excluded],
        "formula": cq.formula,
        "coverage_formula": cq.coverage_formula,
    }


def explain_quarter(
    project: Project, vendor_id: str, q: VendorQuarter | None
) -> dict[str, Any] | None:
    """The working behind one vendor quarter score, or None when there is no score."""
    if q is None or q.score is None:
        return None
    bands = project.site.scoring.bands
    return {
        "period": period_label(q.period),
        "score": fmt.score(q.score),
        "status": badge(q.status),
        "coverage": fmt.percent(q.coverage),
        "formula": q.formula,
        "weighting": q.weighting,
        "weighting_reason": q.weighting_reason,
        "several_contracts": len(q.contracts) > 1,
        "contracts": [_contract_part(project, vendor_id, cq) for cq in q.contracts],
        "excluded_contracts": list(q.excluded),
        "bands": f"green \u2265 {bands.green:g}, amber \u2265 {bands.amber:g}, else red; "
        "insufficient data below 50% coverage",
        "trend": (
            f"{fmt.trend(q.trend).word}: {fmt.signed(q.change)} points against "
            f"{fmt.score(q.previous_score)} the quarter before"
            if q.previous_score is not None
            else "no previous quarter score to compare"
        ),
    }
