"""Credits on the portfolio (SCORING.md sections 7 and 7a): the amount payable in the rolling 12
months is the figure, with what was earned beside it and the waived and pending parts in its
working, per vendor and across the portfolio, converted as every money total is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scorecardgen.i18n import _
from scorecardgen.pages.money_totals import MoneyTotal, money_total, total_text, total_working
from scorecardgen.scoring import VendorScorecard
from scorecardgen.scoring.currency import Currencies

_STATES = ("payable", "waived", "pending")


@dataclass(frozen=True)
class CreditSplit:
    """Credits of the rolling 12 months by earn-back state; ``earned`` is their sum."""

    earned: MoneyTotal
    payable: MoneyTotal
    waived: MoneyTotal
    pending: MoneyTotal

    @property
    def any_earned(self) -> bool:
        return any(a for _, a in self.earned.parts)


def _amounts(
    cards: Iterable[VendorScorecard], keep_zero: bool
) -> dict[str, list[tuple[float, str | None]]]:
    """Each state's (amount, currency) pairs over the rolling 12 months; a currency in which
    nothing was earned is left out unless ``keep_zero`` (then a total per currency says €0)."""
    out: dict[str, list[tuple[float, str | None]]] = {"earned": [], **{s: [] for s in _STATES}}
    for card in cards:
        for t in card.credit_totals:
            if t.amount_12m or keep_zero:
                out["earned"].append((t.amount_12m, t.currency))
                out["payable"].append((t.payable_12m, t.currency))
                out["waived"].append((t.waived_12m, t.currency))
                out["pending"].append((t.pending_12m, t.currency))
    return out


def credit_split(
    cards: Iterable[VendorScorecard],
    currencies: Currencies,
    *,
    report: bool = False,
    keep_zero: bool = False,
) -> CreditSplit:
    """The 12 months' credits of ``cards`` by state, each one figure when the rates allow
    (``report``: in the reporting currency, as the portfolio's totals are; see money_total)."""
    found = _amounts(cards, keep_zero)
    totals = {k: money_total(v, currencies, report=report) for k, v in found.items()}
    return CreditSplit(totals["earned"], totals["payable"], totals["waived"], totals["pending"])


def payable_of_earned(split: CreditSplit, *, short: bool = False, locale: str) -> tuple[str, str]:
    """``("£4,000 payable", "of £12,000 earned")``, read one after the other."""
    payable = total_text(split.payable, short=short, locale=locale)
    earned = total_text(split.earned, short=short, locale=locale)
    return _("%(payable)s payable") % {"payable": payable}, _("of %(earned)s earned") % {
        "earned": earned
    }


def waived_pending(split: CreditSplit, *, short: bool = False, locale: str) -> str:
    """``£4,000 waived, £4,000 pending``: the earned credits not payable (short: ``£4K``)."""
    return _("%(locale)s waived, %(locale2)s pending") % {
        "locale": total_text(split.waived, short=short, locale=locale),
        "locale2": total_text(split.pending, short=short, locale=locale),
    }


def credits_working(split: CreditSplit, *, locale: str) -> str:
    """The row's credit figure in full with its working: what was earned in the last 12
    months, and how much of it is payable, waived and pending."""
    if not split.any_earned:
        return _("No credits earned in the last 12 months")
    earned = total_working(split.earned, locale=locale)  # with its conversion, if any
    payable = total_text(split.payable, short=False, locale=locale)
    waived = total_text(split.waived, short=False, locale=locale)
    pending = total_text(split.pending, short=False, locale=locale)
    return _(
        "%(earned)s earned in the last 12 months: %(payable)s payable, "
        "%(waived)s waived (earned back), %(pending)s pending"
    ) % {"earned": earned, "payable": payable, "waived": waived, "pending": pending}
