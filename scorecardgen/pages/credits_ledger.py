"""Service credits in display form: a small ledger per contract (SCORING.md sections 7, 7a).

Each line is one service level's credit in one month: what it earned (its share of the cap
when the month was capped), its earn-back state (waived, payable or pending) and the working
of both. Lines run by month within each contract, and each contract ends with its totals
earned, waived, pending and payable, in the contract's own currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _, ngettext
from scorecardgen.model import Contract, Project, VendorContent
from scorecardgen.pages.common import badge, kpi_name, period_label
from scorecardgen.pages.working_text import reason
from scorecardgen.periods import Period
from scorecardgen.scoring import Credit, CreditTotal, VendorScorecard, at_risk_amount
from scorecardgen.scoring.breaches import rolling_window
from scorecardgen.scoring.credits import credit_totals
from scorecardgen.scoring.currency import Currencies

STATES = ("waived", "pending", "payable")


def _month_key(credit: Credit) -> tuple[str, Any]:
    return credit.contract, Period.parse(credit.period).start


def working(text: str) -> str:
    """Scoring's earn-back working as a page says it: ``Jun 2026 was at risk: payable``."""
    return reason(text)


def credit_lines(
    project: Project, contract: Contract, credit: Credit, locale: str
) -> list[dict[str, Any]]:
    """One month's credit as ledger lines, one per service level that earned a part of it;
    the earn-back working only under a contract with earn-back (else every line would say
    "payable at once", which the contract's terms say once)."""
    earn_back = bool(contract.earn_back_periods)
    lines = []
    for n, item in enumerate(credit.items):
        lines.append(
            {
                "first": n == 0,
                "span": len(credit.items),
                "month": period_label(credit.period),
                "for_period": (
                    _("for %(period)s") % {"period": period_label(item.period)}
                    if item.period != credit.period
                    else ""
                ),
                "month_formula": credit.formula if n == 0 and len(credit.items) > 1 else "",
                "capped": credit.capped,
                "name": kpi_name(project, item.kpi),
                "allocation": f"{item.allocation:g}%",
                "earned": fmt.money(item.amount, credit.currency, locale=locale),
                "formula": item.formula,
                "state": badge(item.state),
                "state_id": item.state,
                "reason": working(item.state_reason) if earn_back else "",
            }
        )
    return lines


def credit_row(
    project: Project, vc: VendorContent, credit: Credit, allocations: bool = True
) -> dict[str, Any]:
    """One month's service credit in one line; ``allocations``: each breach with its share."""
    locale = project.site.language
    breaches = [kpi_name(project, i.kpi) for i in credit.items]
    if allocations:
        breaches = [f"{b} ({i.allocation:g}%)" for b, i in zip(breaches, credit.items, strict=True)]
    return {
        "period": period_label(credit.period),
        "contract": vc.contracts[credit.contract].title,
        "amount": fmt.money(credit.amount, credit.currency, locale=locale),
        "capped": credit.capped,
        "formula": credit.formula,
        "breaches": ", ".join(breaches),
        "lines": credit_lines(project, vc.contracts[credit.contract], credit, locale),
    }


def totals(total: CreditTotal | None, currency: str | None, locale: str) -> list[dict[str, str]]:
    """Earned, waived, pending and payable, in that order (earned = the other three)."""
    t = total or CreditTotal(currency, 0.0, 0.0)
    figures = (
        (_("Earned"), t.amount),
        (_("Waived"), t.waived),
        (_("Pending"), t.pending),
        (_("Payable"), t.payable),
    )
    return [
        {"label": label, "value": fmt.money(v, currency, locale=locale), "css": label.lower()}
        for label, v in figures
    ]


def _sentence(parts: Sequence[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _terms(contract: Contract, currency: str | None, locale: str) -> str:
    """What the contract puts at risk and how its credits are waived, in one sentence."""
    at_risk = at_risk_amount(contract)
    out = []
    if at_risk is not None:
        out.append(
            _(
                "at risk each month: %(locale)s (%(g)s%% of the monthly "
                "charge of %(locale2)s), the most one month's credits can add"
                " up to"
            )
            % {
                "locale": fmt.money(at_risk, currency, locale=locale),
                "g": format(contract.at_risk_percent, "g"),
                "locale2": fmt.money(contract.monthly_charge, currency, locale=locale),
            }
        )
    if contract.pool_percent is not None:
        out.append(
            _("credit allocations may add up to %(g)s%%")
            % {"g": format(contract.pool_percent, "g")}
        )
    n = contract.earn_back_periods
    if n:
        periods = ngettext("%(n)s following period", "%(n)s following periods", n) % {"n": n}
        out.append(
            _("earn-back: a credit is waived when the service level is met in its %(periods)s")
            % {"periods": periods}
        )
    else:
        out.append(_("no earn-back: each credit is payable at once"))
    return _sentence(out)


def contract_ledgers(
    project: Project, card: VendorScorecard, currencies: Currencies
) -> list[dict[str, Any]]:
    """A ledger per contract that can earn credits, or has: lines by month and service level,
    the contract's terms in words, and its totals in its own currency."""
    vc = project.vendors[card.vendor_id]
    locale = project.site.language
    window = rolling_window(card.as_of)
    out = []
    for c in card.contracts:
        contract = vc.contracts[c.id]
        own = sorted((x for x in card.credits if x.contract == c.id), key=_month_key)
        if not own and at_risk_amount(contract) is None:
            continue
        currency = currencies.of(contract)
        total = next(iter(credit_totals(own, window)), None)
        out.append(
            {
                "id": c.id,
                "title": contract.title,
                "currency": currency or "",
                "terms": _terms(contract, currency, locale),
                "lines": [line for x in own for line in credit_lines(project, contract, x, locale)],
                "months": ngettext("%(n)s month", "%(n)s months", len(own)) % {"n": len(own)},
                "totals": totals(total, currency, locale),
                "last_12m": _last_12m(total, currency, locale),
            }
        )
    return out


def _last_12m(total: CreditTotal | None, currency: str | None, locale: str) -> str:
    """``In the last 12 months: £15,000 earned, £5,000 waived, £5,000 pending, £5,000
    payable.``"""
    if total is None or not total.amount_12m:
        return _("Nothing earned in the last 12 months.")
    return _(
        "In the last 12 months: %(earned)s earned, %(waived)s waived, %(pending)s pending, "
        "%(payable)s payable."
    ) % {
        "earned": fmt.money(total.amount_12m, currency, locale=locale),
        "waived": fmt.money(total.waived_12m, currency, locale=locale),
        "pending": fmt.money(total.pending_12m, currency, locale=locale),
        "payable": fmt.money(total.payable_12m, currency, locale=locale),
    }


def glance(card: VendorScorecard, currency: str | None, locale: str) -> dict[str, str]:
    """The "credits payable" figure of the vendor page's glance strip, earned beside it."""
    ts: Sequence[CreditTotal] = card.credit_totals
    value = ", ".join(fmt.money(t.payable_12m, t.currency, locale=locale) for t in ts)
    value = value or fmt.money(0, currency, locale=locale)
    if not any(t.amount for t in ts):
        note = _("none earned")
    elif any(t.payable_12m != t.amount_12m for t in ts):
        note = "; ".join(
            _("%(locale)s earned, %(locale2)s waived, %(locale3)s pending")
            % {
                "locale": fmt.money(t.amount_12m, t.currency, locale=locale),
                "locale2": fmt.money(t.waived_12m, t.currency, locale=locale),
                "locale3": fmt.money(t.pending_12m, t.currency, locale=locale),
            }
            for t in ts
        )
    elif any(t.amount != t.amount_12m for t in ts):
        note = ", ".join(fmt.money(t.amount, t.currency, locale=locale) for t in ts)
        note += _(" earned in all")
    else:
        note = _("none waived or pending")
    return {"label": _("Credits payable, last 12 months"), "value": value, "note": note, "css": ""}
