"""Sums of money in several currencies: one figure in the reporting currency when the site's
exchange rates convert every amount (SCORING.md section 5), else one figure per currency.

Pages never add amounts in different currencies as if they were one: a total is either
converted, with its currency named, or written per currency with the reason it is not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.pages.working_text import formula
from scorecardgen.scoring.currency import Currencies


@dataclass(frozen=True)
class MoneyTotal:
    """A sum of amounts: ``amount`` in ``currency`` when one figure says it, else None.

    ``parts`` are the sums per currency, largest first; ``rates`` the conversions used
    (``EUR at 1.1``); ``unconverted`` the currencies no rate converts.
    """

    amount: float | None
    currency: str | None
    parts: tuple[tuple[str | None, float], ...]
    rates: tuple[str, ...] = ()
    unconverted: tuple[str, ...] = ()

    @property
    def converted(self) -> bool:
        """One figure in ``currency`` from amounts in other currencies."""
        return self.amount is not None and any(c != self.currency for c, _ in self.parts)


def money_total(
    amounts: Iterable[tuple[float, str | None]], currencies: Currencies, *, report: bool = False
) -> MoneyTotal:
    """Add ``(amount, currency)`` pairs: in their one currency, converted into the reporting
    currency when every other currency has a rate, else per currency.

    ``report``: amounts all in one other currency are converted too, when a rate allows
    (portfolio totals speak the reporting currency; a vendor's own total its own currency).
    """
    found: dict[str | None, list[float]] = {}
    for amount, currency in amounts:
        found.setdefault(currency, []).append(amount)
    sums = {c: math.fsum(found[c]) for c in found}
    parts = tuple(sorted(sums.items(), key=lambda kv: (-kv[1], kv[0] or "")))
    if not parts:
        return MoneyTotal(0.0, currencies.reporting, ())
    if len(parts) == 1:
        currency, amount = parts[0]
        own = currency in (None, currencies.reporting) or currencies.reporting is None
        if not report or own or currencies.rate(currency) is None:
            return MoneyTotal(amount, currency, parts)
    if currencies.reporting is None:  # nothing to convert into
        named = tuple(sorted(c for c, _ in parts if c))
        return MoneyTotal(None, None, parts, unconverted=named)
    converted = [currencies.convert(a, c) for c, a in parts]
    unconverted = tuple(
        sorted(c for (c, _), x in zip(parts, converted, strict=True) if x is None and c)
    )
    if unconverted:
        return MoneyTotal(None, None, parts, unconverted=unconverted)
    rates = tuple(sorted({currencies.rate_text(c) for c, _ in parts} - {""}))
    total = math.fsum(x for x in converted if x is not None)
    return MoneyTotal(total, currencies.reporting, parts, rates)


def total_text(total: MoneyTotal, *, short: bool = True, locale: str = fmt.DEFAULT_LOCALE) -> str:
    """``$1.2M`` (one figure) or ``$1.2M + €80K`` (per currency); in full when not ``short``.
    A converted total is written in whole units (``$32,707``, not ``$32,707.40``): a rate
    gives an estimate, not cents anyone will pay; the exports keep the exact figure."""
    write = fmt.money_short if short else fmt.money
    if total.amount is not None:
        amount = math.floor(total.amount + 0.5) if total.converted else total.amount
        return write(amount, total.currency, locale=locale)
    return " + ".join(write(a, c, locale=locale) for c, a in total.parts)


def total_working(total: MoneyTotal, *, locale: str = fmt.DEFAULT_LOCALE) -> str:
    """How a converted total was reached: ``$1,330,000 = £800,000 + €300,000 (EUR at 1.1,
    GBP at 1.25)``; the amount alone otherwise."""
    full = total_text(total, short=False, locale=locale)
    if not total.converted:
        return full
    parts = " + ".join(fmt.money(a, c, locale=locale) for c, a in total.parts)
    return f"{full} = {parts} ({rates_text(total)})"


def rates_text(total: MoneyTotal) -> str:
    """The rates a total was converted at, in the site's language: ``EUR at 1.17, GBP at 1.34``."""
    return formula(", ".join(total.rates))


def unconverted_reason(total: MoneyTotal, reporting: str | None) -> str:
    """Why a total is written per currency (``no exchange rate converts EUR to USD``); empty
    when it is one figure."""
    if total.amount is not None:
        return ""
    named = ", ".join(total.unconverted)
    if reporting is None:
        return _(
            "site.yaml names no reporting currency (currency, exchange_rates) for %(named)s"
        ) % {"named": named}
    return _("no exchange rate converts %(named)s to %(reporting)s") % {
        "named": named,
        "reporting": reporting,
    }
