"""The portfolio page: every vendor's headline, and what needs attention across them."""

from __future__ import annotations

from typing import Any

from scorecardgen import format as fmt
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.common import Page, humanise, look, period_label, trend_look
from scorecardgen.pages.figures import portfolio_figure
from scorecardgen.scoring import Portfolio, VendorScorecard

STATUS_ORDER = ("red", "amber", "insufficient-data", "no-data", "green")


def _annual_value(project: Project, vendor_id: str) -> tuple[float | None, str | None]:
    values = [c.annual_value for c in project.vendors[vendor_id].contracts.values()
              if c.annual_value is not None]
    currencies = {v.currency for v in values}
    if not values or len(currencies) != 1:
        return None, None
    return sum(v.amount for v in values), currencies.pop()


def _credits_12m(card: VendorScorecard) -> str:
    totals = [t for t in card.credit_totals if t.amount_12m]
    if not totals:
        return fmt.money(0, card.credit_totals[0].currency) if card.credit_totals else fmt.DASH
    return ", ".join(fmt.money(t.amount_12m, t.currency) for t in totals)


def _row(project: Project, card: VendorScorecard) -> dict[str, Any]:
    vc = project.vendors[card.vendor_id]
    h = card.headline
    amount, currency = _annual_value(project, card.vendor_id)
    return {
        "id": card.vendor_id, "name": card.name, "url": urls.vendor(card.vendor_id),
        "function": humanise(vc.vendor.function), "delivery": humanise(vc.vendor.delivery),
        "period": period_label(h.period), "score": fmt.score(h.score),
        "status": look(h.status), "trend": trend_look(h.trend), "change": fmt.signed(h.change),
        "coverage": fmt.percent(h.coverage),
        "open_breaches": len(card.open_breaches),
        "persistent": len(card.persistent_failures),
        "credits": _credits_12m(card),
        "annual_value": fmt.money(amount, currency),
        "renewals": len(card.renewals_due),
        "certifications_due": len(card.certifications_due),
        "overdue": len(card.overdue_actions),
        "sort": (STATUS_ORDER.index(h.status) if h.status in STATUS_ORDER else 9,
                 h.score if h.score is not None else 0.0, card.name),
        "chart_value": amount,
    }


def portfolio_page(project: Project, portfolio: Portfolio) -> Page:
    """The internal site's landing page."""
    cards = list(portfolio.vendors.values())
    rows = sorted((_row(project, c) for c in cards), key=lambda r: r["sort"])
    counts = {s: sum(1 for c in cards if c.headline.status == s) for s in STATUS_ORDER}
    renewals = sorted(({"vendor": c.name, "url": urls.vendor(c.vendor_id), "contract": d.title,
                        "cancel_by": fmt.day(d.cancel_by), "end": fmt.day(d.end),
                        "state": look(d.state), "days": d.days_to_cancel_by, "key": d.cancel_by}
                       for c in cards for d in c.contracts if d.state != "active"),
                      key=lambda r: (r["key"], r["vendor"]))
    certificates = sorted(({"vendor": c.name, "url": urls.vendor(c.vendor_id), "name": x.name,
                            "expires": fmt.day(x.expires), "state": look(x.state),
                            "key": x.expires}
                           for c in cards for x in c.certifications if x.state != "valid"),
                          key=lambda r: (r["key"], r["vendor"]))
    overdue = sorted(({"vendor": c.name, "title": a.title, "url": urls.note(c.vendor_id, a.id),
                       "owner": a.owner or fmt.DASH, "due": fmt.day(a.due),
                       "days": a.days_overdue}
                      for c in cards for a in c.overdue_actions),
                     key=lambda r: (-int(str(r["days"])), str(r["vendor"])))
    persistent = [{"vendor": c.name, "url": urls.vendor(c.vendor_id) + f"#sl-{s.contract}-{s.kpi}",
                   "kpi": s.kpi_name, "missed": s.missed_12m, "breached": s.breached_12m,
                   "periods": len(s.breaches.assessed)}
                  for c in cards for s in c.persistent_failures]
    chart_rows = [{"vendor": r["name"], "score": c.headline.score, "status": c.headline.status,
                   "value": r["chart_value"], "score_label": f"{r['name']}: {r['score']}",
                   "value_label": r["annual_value"]}
                  for r, c in ((_row(project, c), c) for c in cards)
                  if c.headline.score is not None and r["chart_value"] is not None]
    figure = portfolio_figure(chart_rows, portfolio.bands)
    context = {
        "vendors": rows,
        "counts": [{"status": look(s), "count": counts[s]} for s in STATUS_ORDER if counts[s]],
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
    return Page(urls.PORTFOLIO, "portfolio.html", project.site.title, context, [figure])
