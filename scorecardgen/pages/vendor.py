"""The vendor scorecard page: headline, service levels, charts, credits, dates and notes."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.model import Project, VendorContent
from scorecardgen.pages import credits_ledger, urls
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
from scorecardgen.pages.figures import heatmap_figure, sl_figure, trend_figure
from scorecardgen.pages.measurement_marks import adjusted_rows
from scorecardgen.pages.sl_table import (
    contract_default_flag,
    headline_defaults,
    sl_groups,
    sl_row,
)
from scorecardgen.pages.working_text import reason
from scorecardgen.periods import Period
from scorecardgen.scoring import Portfolio, VendorScorecard

HEATMAP_MONTHS = 12
RECENT_NOTES = 6


def _mix_look(card: VendorScorecard) -> dict[str, str]:
    """The flag look of "1 of 2 contracts amber": the icon and colour of the worst status
    among the vendor's other contracts."""
    mix = card.headline.mix
    worst = mix.counts[0][0] if mix and mix.counts else "no-data"
    css = {"red": "flag-red", "amber": "flag-amber"}.get(worst, "")
    return {"css": css, "icon": fmt.status(worst).icon}


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
        for w in ("met", "at-risk", "breached", "excluded", "no-data")
        if by_status.get(w)
    ]
    persistent = len(card.persistent_failures)
    upcoming = sorted(
        (c for c in card.contracts if c.state != "expired"), key=lambda c: c.cancel_by
    )
    overdue = sum(1 for a in open_actions if a["overdue"])
    return [
        {
            "label": _("Service levels"),
            "value": str(len(rows)),
            "note": ", ".join(parts),
            "css": "",
        },
        {
            "label": _("Persistent failures"),
            "value": str(persistent),
            "note": _("missed in most of the last 12 months") if persistent else "none",
            "css": "stat-alert" if persistent else "",
        },
        credits_ledger.glance(card, currency, locale),
        {
            "label": _("Next cancel-by date"),
            "value": fmt.day(upcoming[0].cancel_by) if upcoming else fmt.DASH,
            "note": upcoming[0].title if upcoming else _("no contract in term"),
            "css": "stat-warn" if upcoming and upcoming[0].state == "renewal-due" else "",
        },
        {
            "label": _("Open actions"),
            "value": str(len(open_actions)),
            "note": _("%(n)s overdue") % {"n": overdue} if overdue else _("none overdue"),
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


def contracts(card: VendorScorecard, vc: VendorContent, locale: str) -> list[dict[str, Any]]:
    """Each contract's dates, value, its coverage in the headline quarter and its service
    levels in default (a possible termination right)."""
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
                "explanation": reason(c.explanation),
                "annual_value": (
                    fmt.money(value.amount, value.currency, locale=locale) if value else fmt.DASH
                ),
                "pricing": fmt.label(contract.pricing),
                "coverage": fmt.percent(covered.get(c.id)),
                "missing_data": (
                    _("a missing report counts as breached")
                    if contract.missing_data == "breached"
                    else _("a missing report is not scored")
                ),
                "service_levels": len(contract.service_levels),
                "default": contract_default_flag(card, c.id),
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
            "kind": fmt.note_kind(n.kind),
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
    month = Period.month(card.as_of.year, card.as_of.month)
    rows = [
        sl_row(project, vc, sl, f, portfolio.currencies, month)
        for sl, f in zip(card.service_levels, sl_figures, strict=True)
    ]
    units = {(s.contract, s.kpi): s.unit for s in card.service_levels}
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
            "default_flags": headline_defaults(card, vc),
        },
        "coverage_period": period_label(card.headline.period),
        "explanation": explain_quarter(
            project,
            card.vendor_id,
            card.headline.quarter,
            as_of=card.as_of,
            currencies=portfolio.currencies,
            to_date=card.headline.to_date,
            measurements=card.measurements,
        ),
        "service_levels": rows,
        "sl_groups": sl_groups(card, vc, rows),
        "adjusted": adjusted_rows(card.measurements, names, units),
        "glance": _glance(card, rows, open_actions, locale, _first_currency(portfolio, vc)),
        "several_contracts": several,
        "persistent": [r for r in rows if r["persistent_failure"]],
        "trend": trend,
        "heatmap": heatmap,
        "ledgers": credits_ledger.contract_ledgers(project, card, portfolio.currencies),
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
            "kind": _("Vendor"),
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
