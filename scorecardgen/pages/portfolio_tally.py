"""The portfolio's figures at a glance: annual contract value, service levels in default, open
breaches, credits payable (earned beside them), renewals and certificates coming due, overdue
actions; and the notes of money totals no exchange rate converts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorecardgen.i18n import _, ngettext
from scorecardgen.model import Project
from scorecardgen.pages.money_totals import (
    money_total,
    rates_text,
    total_text,
    unconverted_reason,
)
from scorecardgen.pages.portfolio_credits import credit_split, waived_pending
from scorecardgen.scoring import VendorScorecard
from scorecardgen.scoring.currency import Currencies


def _money_stat(
    label: str, amounts: Sequence[tuple[float, str | None]], currencies: Currencies, locale: str
) -> tuple[dict[str, str], str]:
    """A money figure of the tally, its currency named, and the note when it is per currency."""
    total = money_total(amounts, currencies, report=True)
    named = f"{label} ({total.currency})" if total.amount is not None and total.currency else label
    stat = {"label": named, "value": total_text(total, locale=locale), "note": "", "css": ""}
    if total.converted:
        stat["note"] = _("converted: %(rates)s") % {"rates": rates_text(total)}
    return stat, unconverted_reason(total, currencies.reporting)


def any_contract_sets(project: Project, cards: Sequence[VendorScorecard], field: str) -> bool:
    """Whether any of the vendors' contracts sets ``field`` (earn_back_periods, default_after)."""
    return any(
        getattr(c, field) is not None
        for card in cards
        for c in project.vendors[card.vendor_id].contracts.values()
    )


def _credit_stat(
    project: Project, cards: Sequence[VendorScorecard], currencies: Currencies
) -> tuple[dict[str, str], str]:
    """Credits of the last 12 months: the payable amount, what was earned beside it, and the
    waived and pending parts when any contract has earn-back (SCORING.md section 7a)."""
    locale = project.site.language
    split = credit_split(cards, currencies, report=True, keep_zero=True)
    payable = split.payable
    named = _("Credits, last 12 months")
    if payable.amount is not None and payable.currency:
        named += f" ({payable.currency})"
    notes = []
    if split.any_earned:
        notes.append(
            _("payable of %(locale)s earned") % {"locale": total_text(split.earned, locale=locale)}
        )
        earn_back = any_contract_sets(project, cards, "earn_back_periods")
        if earn_back or split.waived.amount or split.pending.amount:
            notes.append(waived_pending(split, short=True, locale=locale))
    else:
        notes.append(_("none earned"))
    if payable.converted:
        notes.append(_("converted: %(rates)s") % {"rates": rates_text(payable)})
    stat = {
        "label": named,
        "value": total_text(payable, locale=locale),
        "note": "; ".join(notes),
        "css": "",
    }
    return stat, unconverted_reason(payable, currencies.reporting)


def expired_certificates(card: VendorScorecard) -> int:
    """How many of the vendor's certificates expired before as_of (the rest of
    ``certifications_due`` are still coming due)."""
    return sum(1 for c in card.certifications_due if c.state == "expired")


def _coming_due_stat(cards: Sequence[VendorScorecard]) -> dict[str, str]:
    """Renewals and certificates coming due; a certificate already expired is counted apart,
    in red, never as merely coming due."""
    renewals = sum(len(c.renewals_due) for c in cards)
    expired = sum(expired_certificates(c) for c in cards)
    expiring = sum(len(c.certifications_due) for c in cards) - expired
    parts = [
        ngettext("%(n)s renewal", "%(n)s renewals", renewals) % {"n": renewals},
        ngettext("%(n)s certificate", "%(n)s certificates", expiring) % {"n": expiring},
    ]
    if expired:
        parts.append(
            ngettext("%(n)s certificate expired", "%(n)s certificates expired", expired)
            % {"n": expired}
        )
    css = "stat-alert" if expired else "stat-warn" if renewals or expiring else ""
    return {
        "label": _("Coming due"),
        "value": str(renewals + expiring + expired),
        "note": ", ".join(parts),
        "css": css,
    }


def _default_stat(cards: Sequence[VendorScorecard]) -> dict[str, str]:
    """Service levels in default (section 7b): each a possible termination right."""
    n = sum(len(c.defaults) for c in cards)
    vendors = sum(1 for c in cards if c.defaults)
    note = (
        _("at %(vendor)s: a possible termination right")
        % {"vendor": ngettext("%(n)s vendor", "%(n)s vendors", vendors) % {"n": vendors}}
        if n
        else _("no service level in default")
    )
    return {
        "label": _("In default"),
        "value": str(n),
        "note": note,
        "css": "stat-alert" if n else "",
    }


def tally(
    project: Project, cards: list[VendorScorecard], currencies: Currencies
) -> tuple[list[dict[str, Any]], list[str]]:
    """The headline figures across the portfolio, each a label, a value and a remark; and
    the notes of money totals no exchange rate converts (shown under the figures).

    "In default" is listed when any contract sets default_after (or anything is in default).
    """
    locale = project.site.language
    values = [
        (c.annual_value.amount, c.annual_value.currency)
        for card in cards
        for c in project.vendors[card.vendor_id].contracts.values()
        if c.annual_value is not None
    ]
    value, value_why = _money_stat(_("Annual contract value"), values, currencies, locale)
    value["note"] = ", ".join(
        n
        for n in (
            ngettext("%(n)s vendor", "%(n)s vendors", len(cards)) % {"n": len(cards)},
            value["note"],
        )
        if n
    )
    credit, credit_why = _credit_stat(project, cards, currencies)
    breaches = sum(len(c.open_breaches) for c in cards)
    persistent = sum(len(c.persistent_failures) for c in cards)
    overdue = sum(len(c.overdue_actions) for c in cards)
    per_currency: dict[str, list[str]] = {}  # one note per reason
    for what, why in ((_("annual contract value"), value_why), ("credits", credit_why)):
        if why:
            per_currency.setdefault(why, []).append(what)
    notes = [
        _("%(capitalize)s shown per currency: %(why)s.")
        % {"capitalize": " and ".join(whats).capitalize(), "why": why}
        for why, whats in per_currency.items()
    ]
    defaults = _default_stat(cards)
    shows_defaults = any_contract_sets(project, cards, "default_after") or defaults["value"] != "0"
    stats = [
        value,
        *([defaults] if shows_defaults else []),
        {
            "label": _("Open breaches"),
            "value": str(breaches),
            "note": ngettext("%(n)s persistent failure", "%(n)s persistent failures", persistent)
            % {"n": persistent},
            "css": "stat-alert" if breaches or persistent else "",
        },
        credit,
        _coming_due_stat(cards),
        {
            "label": _("Overdue actions"),
            "value": str(overdue),
            "note": _("open past their due date"),
            "css": "stat-alert" if overdue else "",
        },
    ]
    return stats, notes
