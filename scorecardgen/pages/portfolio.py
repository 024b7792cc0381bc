"""The portfolio page: every vendor's headline, and what needs attention across them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.common import Page, badge, headline
from scorecardgen.pages.figures import portfolio_figure
from scorecardgen.pages.money_totals import (
    MoneyTotal,
    money_total,
    total_text,
    total_working,
    unconverted_reason,
)
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.scoring.currency import Currencies

STATUS_ORDER = ("red", "amber", "insufficient-data", "no-data", "green")
_MIX_FLAG = {"red": "flag-red", "amber": "flag-amber"}  # other statuses: a neutral flag
CHART_VENDORS = 30  # the chart shows the worst vendors; the table lists every one


def _site_currencies(project: Project) -> Currencies:
    """The reporting currency and rates a vendor's row may use: site.yaml's alone.

    A row is kept with its vendor's pages, keyed by the vendor's files and site.yaml, so it
    must not depend on other vendors; it need not: a vendor with several currencies is
    converted only into a reporting currency site.yaml names (SCORING.md section 5).
    """
    return Currencies(project.site.currency, dict(project.site.exchange_rates))


def _annual_value(project: Project, vendor_id: str) -> MoneyTotal | None:
    """The vendor's contracts' annual values added up (converted when in several currencies)."""
    values = [
        (c.annual_value.amount, c.annual_value.currency)
        for c in project.vendors[vendor_id].contracts.values()
        if c.annual_value is not None
    ]
    return money_total(values, _site_currencies(project)) if values else None


def _credits_12m(card: VendorScorecard, locale: str) -> str:
    totals = [t for t in card.credit_totals if t.amount_12m]
    if not totals:
        currency = card.credit_totals[0].currency if card.credit_totals else None
        return fmt.money(0, currency, locale=locale) if card.credit_totals else fmt.DASH
    return ", ".join(fmt.money(t.amount_12m, t.currency, locale=locale) for t in totals)


def _issues(card: VendorScorecard) -> list[dict[str, str]]:
    """Open breaches and persistent failures as short flags; empty when there are none."""
    out = []
    if card.open_breaches:
        out.append(
            {
                "text": fmt.count(len(card.open_breaches), "breach", "breaches"),
                "css": "flag-red",
                "icon": "\u2715",
            }
        )
    if card.persistent_failures:
        out.append(
            {
                "text": f"{len(card.persistent_failures)} persistent",
                "css": "flag-red",
                "icon": "\u2691",
            }
        )
    mix = card.headline.mix
    if mix is not None and mix.counts:  # a weighted mean must not hide a failing contract
        worst = mix.counts[0][0]
        out.append(
            {
                "text": fmt.contract_mix(mix),
                "css": _MIX_FLAG.get(worst, ""),
                "icon": fmt.status(worst).icon,
            }
        )
    return out


def _coming_due(card: VendorScorecard) -> list[dict[str, str]]:
    """Renewal decisions, certificates and overdue actions that need someone's attention."""
    out = []
    if card.renewals_due:
        out.append(
            {"text": fmt.count(len(card.renewals_due), "renewal"), "css": "flag-amber", "icon": "!"}
        )
    if card.certifications_due:
        out.append(
            {
                "text": fmt.count(len(card.certifications_due), "certificate"),
                "css": "flag-amber",
                "icon": "!",
            }
        )
    if card.overdue_actions:
        out.append(
            {"text": f"{len(card.overdue_actions)} overdue", "css": "flag-red", "icon": "\u2715"}
        )
    return out


def _progress(row: dict[str, Any]) -> dict[str, str]:
    """Ready-made words for the score cell: the headline marked when it is itself in progress,
    and the quarter in progress beside a closed headline (shown, never ranked)."""
    to_date = row["to_date"]
    return {
        "headline_note": f"in progress, {row['in_progress_text']}" if row["in_progress"] else "",
        "to_date_text": (
            f"{to_date['period']} {to_date['months']}: {to_date['score']}" if to_date else ""
        ),
    }


def portfolio_row(project: Project, card: VendorScorecard) -> dict[str, Any]:
    """One vendor's row of the portfolio table (and of its chart): its own data only.

    Ranked by the headline, the latest closed quarter; a later quarter in progress is shown
    beside it, never ranked. A vendor with no closed quarter yet shows its quarter in progress,
    marked so, after every ranked vendor.
    """
    vc = project.vendors[card.vendor_id]
    h = card.headline
    locale = project.site.language
    value = _annual_value(project, card.vendor_id)
    short = total_text(value, locale=locale) if value else fmt.DASH
    row = {
        "id": card.vendor_id,
        "name": card.name,
        "url": urls.vendor(card.vendor_id),
        "function": fmt.label(vc.vendor.function),
        "delivery": fmt.label(vc.vendor.delivery),
        **headline(card),
    }
    return {
        **row,
        **_progress(row),
        "open_breaches": len(card.open_breaches),
        "persistent": len(card.persistent_failures),
        "issues": _issues(card),
        "credits": _credits_12m(card, locale),
        "annual_value": total_working(value, locale=locale) if value else fmt.DASH,
        "annual_value_short": short,
        "renewals": len(card.renewals_due),
        "certifications_due": len(card.certifications_due),
        "overdue": len(card.overdue_actions),
        "coming_due": _coming_due(card),
        "sort": [
            h.in_progress,  # no closed quarter yet: listed after the ranked vendors
            STATUS_ORDER.index(h.status) if h.status in STATUS_ORDER else 9,
            h.score if h.score is not None else 0.0,
            card.name,
        ],
        "score_value": h.score,
        "status_id": h.status,
        "chart_value": value.amount if value else None,
        "chart_value_label": f"{short} a year" if value else "value not recorded",
    }


def _money_stat(
    label: str, amounts: Sequence[tuple[float, str | None]], currencies: Currencies, locale: str
) -> tuple[dict[str, str], str]:
    """A money figure of the tally, its currency named, and the note when it is per currency."""
    total = money_total(amounts, currencies, report=True)
    named = f"{label} ({total.currency})" if total.amount is not None and total.currency else label
    stat = {"label": named, "value": total_text(total, locale=locale), "note": "", "css": ""}
    if total.converted:
        stat["note"] = f"converted: {', '.join(total.rates)}"
    return stat, unconverted_reason(total, currencies.reporting)


def _tally(
    project: Project, cards: list[VendorScorecard], currencies: Currencies
) -> tuple[list[dict[str, Any]], list[str]]:
    """The headline figures across the portfolio, each a label, a value and a remark; and
    the notes of money totals no exchange rate converts (shown under the figures)."""
    locale = project.site.language
    values = [
        (c.annual_value.amount, c.annual_value.currency)
        for card in cards
        for c in project.vendors[card.vendor_id].contracts.values()
        if c.annual_value is not None
    ]
    credits = [(t.amount_12m, t.currency) for c in cards for t in c.credit_totals]
    value, value_why = _money_stat("Annual contract value", values, currencies, locale)
    value["note"] = ", ".join(n for n in (fmt.count(len(cards), "vendor"), value["note"]) if n)
    credit, credit_why = _money_stat("Credits, last 12 months", credits, currencies, locale)
    credit["note"] = credit["note"] or "earned from breaches"
    breaches = sum(len(c.open_breaches) for c in cards)
    persistent = sum(len(c.persistent_failures) for c in cards)
    renewals = sum(len(c.renewals_due) for c in cards)
    certificates = sum(len(c.certifications_due) for c in cards)
    overdue = sum(len(c.overdue_actions) for c in cards)
    per_currency: dict[str, list[str]] = {}  # one note per reason
    for what, why in (("annual contract value", value_why), ("credits", credit_why)):
        if why:
            per_currency.setdefault(why, []).append(what)
    notes = [
        f"{' and '.join(whats).capitalize()} shown per currency: {why}."
        for why, whats in per_currency.items()
    ]
    stats = [
        value,
        {
            "label": "Open breaches",
            "value": str(breaches),
            "note": fmt.count(persistent, "persistent failure"),
            "css": "stat-alert" if breaches or persistent else "",
        },
        credit,
        {
            "label": "Coming due",
            "value": str(renewals + certificates),
            "note": f"{fmt.count(renewals, 'renewal')}, {fmt.count(certificates, 'certificate')}",
            "css": "stat-warn" if renewals or certificates else "",
        },
        {
            "label": "Overdue actions",
            "value": str(overdue),
            "note": "open past their due date",
            "css": "stat-alert" if overdue else "",
        },
    ]
    return stats, notes


def portfolio_page(
    project: Project, portfolio: Portfolio, rows: list[dict[str, Any]] | None = None
) -> Page:
    """The internal site's landing page; ``rows`` are the vendors' ``portfolio_row``s."""
    cards = list(portfolio.vendors.values())
    if rows is None:
        rows = [portfolio_row(project, c) for c in cards]
    rows = sorted(rows, key=lambda r: r["sort"])
    counts = {s: sum(1 for c in cards if c.headline.status == s) for s in STATUS_ORDER}
    renewals = sorted(
        (
            {
                "vendor": c.name,
                "url": urls.vendor(c.vendor_id),
                "contract": d.title,
                "cancel_by": fmt.day(d.cancel_by),
                "end": fmt.day(d.end),
                "state": badge(d.state),
                "days": d.days_to_cancel_by,
                "key": d.cancel_by,
            }
            for c in cards
            for d in c.contracts
            if d.state != "active"
        ),
        key=lambda r: (r["key"], r["vendor"]),
    )
    certificates = sorted(
        (
            {
                "vendor": c.name,
                "url": urls.vendor(c.vendor_id),
                "name": x.name,
                "expires": fmt.day(x.expires),
                "state": badge(x.state),
                "key": x.expires,
            }
            for c in cards
            for x in c.certifications
            if x.state != "valid"
        ),
        key=lambda r: (r["key"], r["vendor"]),
    )
    overdue = sorted(
        (
            {
                "vendor": c.name,
                "title": a.title,
                "url": urls.note(c.vendor_id, a.id),
                "owner": a.owner or fmt.DASH,
                "due": fmt.day(a.due),
                "days": a.days_overdue,
            }
            for c in cards
            for a in c.overdue_actions
        ),
        key=lambda r: (-int(str(r["days"])), str(r["vendor"])),
    )
    persistent = [
        {
            "vendor": c.name,
            "url": urls.service_level(c.vendor_id, s.contract, s.kpi),
            "kpi": s.kpi_name,
            "missed": s.missed_12m,
            "breached": s.breached_12m,
            "periods": len(s.breaches.assessed),
        }
        for c in cards
        for s in c.persistent_failures
    ]
    # The chart lists vendors in the table's order, worst first: the first few, where to act.
    chart_rows = [
        {
            "vendor": r["name"],
            "score": r["score_value"],
            "status": r["status_id"],
            "value": r["chart_value"],
            "score_label": r["score"],
            "value_label": r["chart_value_label"],
            "in_progress": r["in_progress"],
        }
        for r in rows[:CHART_VENDORS]
    ]
    figure = portfolio_figure(chart_rows, portfolio.bands, len(rows))
    periods = {r["period"] for r in rows}
    # the quarter goes in the column head when every vendor shares it
    score_head = f"{rows[0]['period']} score" if len(periods) == 1 else "Score"
    tally, currency_notes = _tally(project, cards, portfolio.currencies)
    context = {
        "vendors": rows,
        "score_head": score_head,
        "counts": [{"status": badge(s), "count": counts[s]} for s in STATUS_ORDER if counts[s]],
        "tally": tally,
        "currency_notes": currency_notes,
        "period": rows[0]["period"] if rows and len({r["period"] for r in rows}) == 1 else "",
        "total": len(cards),
        "renewals": renewals,
        "certificates": certificates,
        "overdue": overdue,
        "persistent": persistent,
        "chart": figure,
        "as_of": fmt.day(portfolio.as_of),
        "as_of_detail": portfolio.as_of_detail.explanation,
        "exports": urls.SCORECARDS_JSON,
    }
    return Page(
        urls.PORTFOLIO,
        "portfolio.html",
        project.site.title,
        context,
        [figure],
        rows=rows,
        row_macro="portfolio_row",
        row_args=(score_head, len(periods) == 1),
    )
