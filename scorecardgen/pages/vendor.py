"""The vendor scorecard page: headline, service levels, charts, credits, dates and notes."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from scorecardgen import formatting as fmt
from scorecardgen.model import Project, VendorContent
from scorecardgen.pages import urls
from scorecardgen.pages.common import (
    Audience,
    Page,
    badge,
    headline,
    internal_badge,
    kpi_name,
    markdown,
    period_label,
)
from scorecardgen.pages.explain import explain_quarter
from scorecardgen.pages.figures import Figure, heatmap_figure, sl_figure, trend_figure
from scorecardgen.pages.missing import missing_badge
from scorecardgen.periods import Period
from scorecardgen.scoring import Credit, Portfolio, ServiceLevelSummary, VendorScorecard

HEATMAP_MONTHS = 12
RECENT_NOTES = 6


def _sl_row(
    project: Project, vc: VendorContent, sl: ServiceLevelSummary, figure: Figure
) -> dict[str, Any]:
    latest = sl.latest
    return {
        "kpi": sl.kpi,
        "name": sl.kpi_name,
        "url": urls.kpi(sl.kpi),
        "contract": vc.contracts[sl.contract].title,
        "contract_id": sl.contract,
        "direction": "higher is better" if sl.direction == "higher" else "lower is better",
        "expected": fmt.number(sl.expected, sl.unit),
        "minimum": fmt.number(sl.minimum, sl.unit),
        "weight": f"{sl.weight:g}",
        "window": sl.window,
        "latest": fmt.number(latest.value if latest else None, sl.unit),
        "latest_period": period_label(latest.period if latest else None),
        "status": badge(latest.status if latest else "no-data"),
        "score": fmt.score(latest.score if latest else None),
        "benchmark": badge(sl.benchmark_position) if sl.benchmark_position else None,
        "benchmark_text": (
            f"top {fmt.number(sl.benchmark.top_quartile, sl.unit)} \u00b7 "
            f"bottom {fmt.number(sl.benchmark.bottom_quartile, sl.unit)}"
            if sl.benchmark
            else ""
        ),
        "owner": sl.owner or fmt.DASH,
        "missing": missing_badge(sl.missing_12m),
        "missed_12m": sl.missed_12m,
        "breached_12m": sl.breached_12m,
        "persistent_failure": sl.persistent_failure,
        "persistent_text": (
            f"missed expected in {sl.missed_12m} of the last "
            f"{len(sl.breaches.assessed)} {sl.window} periods"
        ),
        "record_12m": (
            f"missed {sl.missed_12m} of {len(sl.breaches.assessed)}, breached {sl.breached_12m}"
        ),
        "figure": figure,
        "anchor": urls.service_level_anchor(sl.contract, sl.kpi),
    }


def _sl_groups(
    card: VendorScorecard, vc: VendorContent, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Service-level rows under their contract, with the contract's headline-quarter score."""
    quarter = card.headline.quarter
    scored = {cq.contract: cq for cq in (quarter.contracts if quarter else ())}
    groups = []
    for cid in dict.fromkeys(r["contract_id"] for r in rows):  # in the scorecard's order
        cq = scored.get(cid)
        members = [r for r in rows if r["contract_id"] == cid]
        groups.append(
            {
                "id": cid,
                "title": vc.contracts[cid].title,
                "score": fmt.score(cq.score if cq else None),
                "status": badge(cq.status if cq else "no-data"),
                "period": period_label(cq.period if cq else None),
                "coverage": fmt.percent(cq.coverage if cq else None),
                "count": fmt.count(len(members), "service level"),
                "rows": members,
            }
        )
    return groups


def _mix_look(card: VendorScorecard) -> dict[str, str]:
    """The flag look of "1 of 2 contracts amber": the icon and colour of the worst status
    among the vendor's other contracts."""
    mix = card.headline.mix
    worst = mix.counts[0][0] if mix and mix.counts else "no-data"
    css = {"red": "flag-red", "amber": "flag-amber"}.get(worst, "")
    return {"css": css, "icon": fmt.status(worst).icon}


def _credits_note(card: VendorScorecard, locale: str) -> str:
    if not any(t.amount for t in card.credit_totals):
        return "none earned"
    earlier = [t for t in card.credit_totals if t.amount != t.amount_12m]
    if earlier:
        return (
            ", ".join(fmt.money(t.amount, t.currency, locale=locale) for t in earlier) + " in all"
        )
    return "none before that"


def _glance(
    card: VendorScorecard,
    rows: list[dict[str, Any]],
    open_actions: list[dict[str, Any]],
    locale: str,
    currency: str | None,
) -> list[dict[str, str]]:
    """A row of headline facts under the title: service levels, failures, money, dates."""
    by_status: dict[str, int] = {}
    for sl in card.service_levels:
        word = sl.latest.status if sl.latest else "no-data"
        by_status[word] = by_status.get(word, 0) + 1
    parts = [
        f"{by_status[w]} {fmt.status(w).word.lower()}"
        for w in ("met", "at-risk", "breached", "no-data")
        if by_status.get(w)
    ]
    persistent = len(card.persistent_failures)
    credits = ", ".join(
        fmt.money(t.amount_12m, t.currency, locale=locale) for t in card.credit_totals
    ) or fmt.money(0, currency, locale=locale)
    upcoming = sorted(
        (c for c in card.contracts if c.state != "expired"), key=lambda c: c.cancel_by
    )
    overdue = sum(1 for a in open_actions if a["overdue"])
    return [
        {"label": "Service levels", "value": str(len(rows)), "note": ", ".join(parts), "css": ""},
        {
            "label": "Persistent failures",
            "value": str(persistent),
            "note": "missed in most of the last 12 months" if persistent else "none",
            "css": "stat-alert" if persistent else "",
        },
        {
            "label": "Credits, last 12 months",
            "value": credits,
            "note": _credits_note(card, locale),
            "css": "",
        },
        {
            "label": "Next cancel-by date",
            "value": fmt.day(upcoming[0].cancel_by) if upcoming else fmt.DASH,
            "note": upcoming[0].title if upcoming else "no contract in term",
            "css": "stat-warn" if upcoming and upcoming[0].state == "renewal-due" else "",
        },
        {
            "label": "Open actions",
            "value": str(len(open_actions)),
            "note": f"{overdue} overdue" if overdue else "none overdue",
            "css": "stat-alert" if overdue else "",
        },
    ]


def _first_currency(portfolio: Portfolio, vc: VendorContent) -> str | None:
    """The currency "no credits" is written in: the vendor's first contract's."""
    first = min(vc.contracts, default=None)
    return portfolio.currencies.of(vc.contracts[first]) if first else None


def _heatmap_months(card: VendorScorecard) -> list[str]:
    end = Period.month(card.as_of.year, card.as_of.month)
    months = [end]
    while len(months) < HEATMAP_MONTHS:
        months.append(months[-1].previous())
    return [str(m) for m in reversed(months)]


def credit_row(
    project: Project, vc: VendorContent, credit: Credit, allocations: bool = True
) -> dict[str, Any]:
    """One month's service credit in display form; ``allocations``: each breach with its share."""
    breaches = [kpi_name(project, i.kpi) for i in credit.items]
    if allocations:
        breaches = [f"{b} ({i.allocation:g}%)" for b, i in zip(breaches, credit.items, strict=True)]
    return {
        "period": period_label(credit.period),
        "contract": vc.contracts[credit.contract].title,
        "amount": fmt.money(credit.amount, credit.currency, locale=project.site.language),
        "capped": credit.capped,
        "formula": credit.formula,
        "breaches": ", ".join(breaches),
    }


def _credits(project: Project, card: VendorScorecard, vc: VendorContent) -> dict[str, Any]:
    rows = [credit_row(project, vc, c) for c in reversed(card.credits)]
    locale = project.site.language
    totals = [
        {
            "all": fmt.money(t.amount, t.currency, locale=locale),
            "last_12m": fmt.money(t.amount_12m, t.currency, locale=locale),
        }
        for t in card.credit_totals
    ]
    return {"rows": rows, "totals": totals}


def contracts(card: VendorScorecard, vc: VendorContent, locale: str) -> list[dict[str, Any]]:
    """Each contract's dates, value and its coverage in the headline quarter."""
    quarter = card.headline.quarter
    covered = {cq.contract: cq.coverage for cq in (quarter.contracts if quarter else ())}
    out = []
    for c in card.contracts:
        contract = vc.contracts[c.id]
        value = contract.annual_value
        out.append(
            {
                "id": c.id,
                "title": c.title,
                "start": fmt.day(c.start),
                "end": fmt.day(c.end),
                "notice_days": c.notice_days,
                "cancel_by": fmt.day(c.cancel_by),
                "state": badge(c.state),
                "explanation": c.explanation,
                "annual_value": (
                    fmt.money(value.amount, value.currency, locale=locale) if value else fmt.DASH
                ),
                "pricing": fmt.label(contract.pricing),
                "coverage": fmt.percent(covered.get(c.id)),
                "missing_data": (
                    "a missing report counts as breached"
                    if contract.missing_data == "breached"
                    else "a missing report is not scored"
                ),
                "service_levels": len(contract.service_levels),
            }
        )
    return out


def certifications(card: VendorScorecard) -> list[dict[str, Any]]:
    return [
        {
            "name": c.name,
            "expires": fmt.day(c.expires),
            "state": badge(c.state),
            "evidence": c.evidence or "",
        }
        for c in card.certifications
    ]


def actions(
    project: Project, card: VendorScorecard, audience: Audience, open_only: bool
) -> list[dict[str, Any]]:
    vc = project.vendors[card.vendor_id]
    out = []
    for a in card.actions:
        if not audience.sees_note(a.visibility) or (open_only and a.status != "open"):
            continue
        out.append(
            {
                "title": a.title,
                "url": urls.note(card.vendor_id, a.id),
                "owner": a.owner or "",
                "due": fmt.day(a.due),
                "status": badge("overdue" if a.overdue else a.status),
                "overdue": a.overdue,
                "days_overdue": a.days_overdue,
                "kpi": kpi_name(project, a.kpi) if a.kpi else "",
                "note": vc.notes[a.id].title,
                "internal": internal_badge(a.visibility),
            }
        )
    return out


def notes(vc: VendorContent, audience: Audience, limit: int | None = None) -> list[dict[str, Any]]:
    visible = sorted(
        (n for n in vc.notes.values() if audience.sees_note(n.visibility)),
        key=lambda n: (n.date, n.id),
        reverse=True,
    )
    return [
        {
            "title": n.title,
            "date": fmt.day(n.date),
            "kind": badge(n.kind)["word"],
            "kind_id": n.kind,
            "url": urls.note(vc.vendor.id, n.id),
            "visibility": n.visibility,
            "internal": internal_badge(n.visibility),
        }
        for n in visible[:limit]
    ]


def review_periods(card: VendorScorecard, vc: VendorContent) -> list[str]:
    """Quarters that get a review page: every scored quarter, and any a review note names."""
    periods = {q.period for q in card.quarters if q.score is not None}
    periods |= {n.period for n in vc.notes.values() if n.kind == "review" and n.period}
    return sorted(periods, key=Period.parse)


def vendor_profile(vc: VendorContent) -> dict[str, Any]:
    v = vc.vendor
    return {
        "id": v.id,
        "name": v.name,
        "function": fmt.label(v.function),
        "location": v.location or fmt.DASH,
        "delivery": fmt.label(v.delivery),
        "owner": v.relationship_owner or fmt.DASH,
        "tier": fmt.DASH if v.tier is None else str(v.tier),
        "summary": markdown(v.summary),
        "tags": list(v.tags),
        "contacts": [
            {
                "name": c.name,
                "role": c.role or "",
                "email": c.email or "",
                "mailto": mailto(c.email),
                "phone": c.phone or "",
            }
            for c in v.contacts
        ],
    }


_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+")


def mailto(email: str | None) -> str:
    """A mailto: link for what looks like an address ("" otherwise: shown as text only)."""
    if not email or not _EMAIL.fullmatch(email.strip()):
        return ""
    return "mailto:" + quote(email.strip(), safe="@.+-_~!$'*=,;:")


def vendor_page(
    project: Project, portfolio: Portfolio, card: VendorScorecard, audience: Audience
) -> Page:
    """The scorecard page of one vendor."""
    vc = project.vendors[card.vendor_id]
    locale = project.site.language
    names = {(s.contract, s.kpi): s.kpi_name for s in card.service_levels}
    several = len(vc.contracts) > 1
    if several:
        names = {k: f"{v} ({k[0]})" for k, v in names.items()}
    sl_figures = [sl_figure(card, sl) for sl in card.service_levels]
    rows = [
        _sl_row(project, vc, sl, f) for sl, f in zip(card.service_levels, sl_figures, strict=True)
    ]
    open_actions = actions(project, card, audience, open_only=True)
    trend = trend_figure(card, portfolio.bands)
    heatmap = heatmap_figure(card, _heatmap_months(card), names)
    periods = review_periods(card, vc)
    context = {
        "vendor": vendor_profile(vc),
        "headline": {
            **headline(card),
            "explanation": card.headline.explanation,
            "mix_look": _mix_look(card),
        },
        "coverage_period": period_label(card.headline.period),
        "explanation": explain_quarter(
            project,
            card.vendor_id,
            card.headline.quarter,
            as_of=card.as_of,
            currencies=portfolio.currencies,
            to_date=card.headline.to_date,
        ),
        "service_levels": rows,
        "sl_groups": _sl_groups(card, vc, rows),
        "glance": _glance(card, rows, open_actions, locale, _first_currency(portfolio, vc)),
        "several_contracts": several,
        "persistent": [r for r in rows if r["persistent_failure"]],
        "trend": trend,
        "heatmap": heatmap,
        "credits": _credits(project, card, vc),
        "contracts": contracts(card, vc, locale),
        "certifications": certifications(card),
        "actions": open_actions,
        "notes": notes(vc, audience, RECENT_NOTES),
        "reviews": [
            {"label": period_label(p), "url": urls.review(card.vendor_id, p)}
            for p in reversed(periods)
        ],
        "exports": {
            "json": urls.scorecard_json(card.vendor_id),
            "csv": urls.measurements_csv(card.vendor_id),
        },
        "as_of": fmt.day(card.as_of),
    }
    search = [
        {
            "title": vc.vendor.name,
            "kind": "Vendor",
            "url": urls.vendor(card.vendor_id),
            "text": " ".join(
                [fmt.label(vc.vendor.function), vc.vendor.location or "", *vc.vendor.tags]
            ),
        }
    ]
    return Page(
        urls.vendor(card.vendor_id),
        "vendor.html",
        vc.vendor.name,
        context,
        [*sl_figures, trend, heatmap],
        search,
    )
