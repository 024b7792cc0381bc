"""The portfolio page: every vendor's headline, and what needs attention across them."""

from __future__ import annotations

from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _, ngettext
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.common import Page, badge, defaults_text, headline, period_label
from scorecardgen.pages.figures import portfolio_figure
from scorecardgen.pages.money_totals import MoneyTotal, money_total, total_text, total_working
from scorecardgen.pages.portfolio_credits import credit_split, credits_working, payable_of_earned
from scorecardgen.pages.portfolio_tally import any_contract_sets, expired_certificates, tally
from scorecardgen.pages.working_text import reason
from scorecardgen.scoring import Portfolio, ServiceLevelSummary, VendorScorecard
from scorecardgen.scoring.currency import Currencies

STATUS_ORDER = ("red", "amber", "insufficient-data", "no-data", "green")
_MIX_FLAG = {"red": "flag-red", "amber": "flag-amber"}  # other statuses: a neutral flag
DEFAULT_ICON = "\u26a0"  # ⚠ beside the words "in default", never colour alone
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


def _same(a: MoneyTotal, b: MoneyTotal) -> bool:
    """Two totals of the same amounts in the same currencies (to the cent)."""
    pairs = zip(sorted(a.parts, key=str), sorted(b.parts, key=str), strict=False)
    return len(a.parts) == len(b.parts) and all(
        ca == cb and round(x, 2) == round(y, 2) for (ca, x), (cb, y) in pairs
    )


def _credits_12m(project: Project, card: VendorScorecard) -> dict[str, str]:
    """The vendor's credits of the last 12 months: ``£4,000 payable of £12,000 earned`` (in
    the site's reporting currency when its contracts' currencies differ and the rates allow,
    as its annual value), in two parts (``credits_payable``, ``credits_earned``) for a cell
    that breaks the line between them, and the working in full with the waived and pending
    parts; "of ... earned" is left out when all of it is payable."""
    locale = project.site.language
    split = credit_split([card], _site_currencies(project))
    working = credits_working(split, locale=locale)
    if not split.any_earned:  # a dash when no contract has earned anything, ever
        currency = card.credit_totals[0].currency if card.credit_totals else None
        text = fmt.money(0, currency, locale=locale) if card.credit_totals else fmt.DASH
        return {
            "credits": text,
            "credits_payable": text,
            "credits_earned": "",
            "credits_working": working,
        }
    payable, earned = payable_of_earned(split, locale=locale)
    if _same(split.payable, split.earned):
        earned = ""  # all of it payable: "of the same earned" says nothing
    return {
        "credits": f"{payable} {earned}".strip(),
        "credits_payable": payable,
        "credits_earned": earned,
        "credits_working": working,
    }


def _default_flag(card: VendorScorecard) -> dict[str, str]:
    """Service levels in default (SCORING.md section 7b), a possible termination right."""
    return {
        "text": _("%(n)s in default") % {"n": len(card.defaults)},
        "css": "flag-red",
        "icon": DEFAULT_ICON,
        "title": defaults_text(card),
    }


def _issues(card: VendorScorecard) -> list[dict[str, str]]:
    """Defaults, open breaches, persistent failures and a contract mix as short flags, worst
    first; empty when there are none."""
    out = [_default_flag(card)] if card.defaults else []
    if card.open_breaches:
        out.append(
            {
                "text": ngettext("%(n)s breach", "%(n)s breaches", len(card.open_breaches))
                % {"n": len(card.open_breaches)},
                "css": "flag-red",
                "icon": "\u2715",
            }
        )
    if card.persistent_failures:
        out.append(
            {
                "text": _("%(n)s persistent") % {"n": len(card.persistent_failures)},
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
            {
                "text": ngettext("%(n)s renewal", "%(n)s renewals", len(card.renewals_due))
                % {"n": len(card.renewals_due)},
                "css": "flag-amber",
                "icon": "!",
            }
        )
    expired = expired_certificates(card)
    if expired:  # past its date: not coming due but gone, red as on the vendor page
        out.append(
            {
                "text": ngettext("%(n)s certificate expired", "%(n)s certificates expired", expired)
                % {"n": expired},
                "css": "flag-red",
                "icon": "\u2715",
            }
        )
    expiring = len(card.certifications_due) - expired
    if expiring:
        out.append(
            {
                "text": ngettext("%(n)s certificate", "%(n)s certificates", expiring)
                % {"n": expiring},
                "css": "flag-amber",
                "icon": "!",
            }
        )
    if card.overdue_actions:
        out.append(
            {
                "text": _("%(n)s overdue") % {"n": len(card.overdue_actions)},
                "css": "flag-red",
                "icon": "\u2715",
            }
        )
    return out


def _chart_value_label(value: MoneyTotal | None, short: str, card: VendorScorecard) -> str:
    """The chart's right-hand label: the annual value, and the defaults that put a vendor
    ahead of lower scores (the chart keeps the table's order)."""
    text = _("%(short)s a year") % {"short": short} if value else _("value not recorded")
    return (
        _("%(text)s · %(n)s in default") % {"text": text, "n": len(card.defaults)}
        if card.defaults
        else text
    )


def _progress(row: dict[str, Any]) -> dict[str, str]:
    """Ready-made words for the score cell: the headline marked when it is itself in progress,
    and the quarter in progress beside a closed headline (shown, never ranked)."""
    to_date = row["to_date"]
    return {
        "headline_note": _("in progress, %(in_progress_text)s")
        % {"in_progress_text": row["in_progress_text"]}
        if row["in_progress"]
        else "",
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
        "defaults": len(card.defaults),
        **_credits_12m(project, card),
        "annual_value": total_working(value, locale=locale) if value else fmt.DASH,
        "annual_value_short": short,
        "renewals": len(card.renewals_due),
        "certifications_due": len(card.certifications_due),
        "overdue": len(card.overdue_actions),
        "coming_due": _coming_due(card),
        "sort": [
            h.in_progress,  # no closed quarter yet: listed after the ranked vendors
            not card.defaults,  # a service level in default: act first, whatever the score
            STATUS_ORDER.index(h.status) if h.status in STATUS_ORDER else 9,
            h.score if h.score is not None else 0.0,
            card.name,
        ],
        "score_value": h.score,
        "status_id": h.status,
        "chart_value": value.amount if value else None,
        "chart_value_label": _chart_value_label(value, short, card),
    }


def _default_item(card: VendorScorecard, sl: ServiceLevelSummary) -> dict[str, Any]:
    """A service level in default as the "Needs attention" list shows it, with its run."""
    contract = next((c.title for c in card.contracts if c.id == sl.contract), sl.contract)
    run = ", ".join(period_label(p) for p in sl.default.run)
    return {
        "vendor": card.name,
        "url": urls.service_level(card.vendor_id, sl.contract, sl.kpi),
        "kpi": sl.kpi_name,
        "contract": contract,
        "flag": {
            "css": "flag-red",
            "icon": DEFAULT_ICON,
            "text": _("In default since %(since)s") % {"since": period_label(sl.default.since)},
        },
        "working": _("breached in %(run)s; default_after %(after)s")
        % {"run": run, "after": sl.default.after},
    }


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
                "expires_text": (
                    _("expired %(day)s") if x.state == "expired" else _("expires %(day)s")
                )
                % {"day": fmt.day(x.expires)},
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
                "late": ngettext("%(n)s day late", "%(n)s days late", a.days_overdue)
                % {"n": a.days_overdue},
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
    defaults = sorted(
        (_default_item(c, s) for c in cards for s in c.defaults),
        key=lambda d: (d["vendor"], d["kpi"]),
    )
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
    score_head = (
        _("%(period)s score") % {"period": rows[0]["period"]} if len(periods) == 1 else _("Score")
    )
    stats, currency_notes = tally(project, cards, portfolio.currencies)
    context = {
        "vendors": rows,
        "score_head": score_head,
        "counts": [{"status": badge(s), "count": counts[s]} for s in STATUS_ORDER if counts[s]],
        "tally": stats,
        "currency_notes": currency_notes,
        "period": rows[0]["period"] if rows and len({r["period"] for r in rows}) == 1 else "",
        "total": len(cards),
        "total_text": ngettext("%(n)s vendor", "%(n)s vendors", len(cards)) % {"n": len(cards)},
        "renewals": renewals,
        "certificates": certificates,
        "certificates_head": (
            _("Certificates expired or coming due")
            if any(expired_certificates(c) for c in cards)
            else _("Certificates coming due")
        ),
        "overdue": overdue,
        "persistent": persistent,
        "defaults": defaults,
        "default_flag": {"css": "flag-red", "icon": DEFAULT_ICON, "text": _("In default")},
        "shows_defaults": bool(defaults) or any_contract_sets(project, cards, "default_after"),
        "chart": figure,
        "as_of": fmt.day(portfolio.as_of),
        "as_of_detail": reason(portfolio.as_of_detail.explanation),
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
