"""Service credits, per contract and month, capped at the at-risk amount (SCORING.md section 7).

At-risk amount = monthly_charge × at_risk_percent / 100. Each ``breached`` measurement of a
service level with a ``credit_allocation`` earns at-risk × allocation / 100 in its month (a
quarterly breach in its quarter's last month); one contract's credits in one month are capped
at the at-risk amount. A contract without monthly_charge or at_risk_percent earns no credits,
nor does a service level without an allocation (or with 0). Credits are computed for every
period judged by as_of (months up to as_of's month, quarters ended on or before as_of, as in
``breaches``), including those before the rolling 12 months; ``CreditTotal`` adds both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scorecardgen.model import Contract
from scorecardgen.periods import Period
from scorecardgen.scoring.breaches import RollingWindow
from scorecardgen.scoring.explain import TIMES, money, operand
from scorecardgen.scoring.series import Series


@dataclass(frozen=True)
class CreditItem:
    """One breach that earns a credit: ``period`` is the measurement's own period."""

    kpi: str
    period: str
    allocation: float
    amount: float
    formula: str


@dataclass(frozen=True)
class Credit:
    """The credit one contract owes for one month, after the cap."""

    contract: str
    period: str
    amount: float
    currency: str | None
    capped: bool
    uncapped_amount: float
    cap: float
    items: tuple[CreditItem, ...]
    formula: str


@dataclass(frozen=True)
class CreditTotal:
    """Credits summed per currency: all months, and the rolling 12 months."""

    currency: str | None
    amount: float
    amount_12m: float


def at_risk_amount(contract: Contract) -> float | None:
    """monthly_charge × at_risk_percent / 100, or None when the contract lacks either."""
    if contract.monthly_charge is None or contract.at_risk_percent is None:
        return None
    return contract.monthly_charge * contract.at_risk_percent / 100


def contract_credits(
    contract: Contract,
    series: Sequence[Series],
    window: RollingWindow,
    currency: str | None = None,
) -> list[Credit]:
    """A contract's credits up to as_of, one per month with a credit-earning breach, in order.

    ``currency`` is the contract's currency (section 5); by default its own or its annual
    value's.
    """
    currency = currency or contract.credit_currency
    cap = at_risk_amount(contract)
    if cap is None:
        return []
    items: dict[Period, list[CreditItem]] = {}
    for s in series:
        allocation = s.level.credit_allocation
        if not allocation:
            continue
        for period in s.periods():
            if not window.reached(period) or s.score(period).status != "breached":
                continue
            amount = cap * allocation / 100
            formula = f"{money(cap)} {TIMES} {operand(allocation)}% = {money(amount)}"
            month = Period.month(period.year, period.last_month)
            items.setdefault(month, []).append(
                CreditItem(s.kpi, str(period), allocation, amount, formula)
            )
    credits = []
    for month in sorted(items):
        found = tuple(sorted(items[month], key=lambda i: (i.kpi, i.period)))
        uncapped = math.fsum(i.amount for i in found)
        capped = uncapped > cap
        amount = cap if capped else uncapped
        formula = " + ".join(money(i.amount) for i in found)
        if len(found) > 1:
            formula += f" = {money(uncapped)}"
        if capped:
            formula += f", capped to {money(cap)}"
        credits.append(
            Credit(
                contract.id,
                str(month),
                amount,
                currency,
                capped,
                uncapped,
                cap,
                found,
                formula,
            )
        )
    return credits


def credit_totals(credits: Sequence[Credit], window: RollingWindow) -> tuple[CreditTotal, ...]:
    """Credits summed per currency (sorted, no currency last), overall and in the window."""
    by_currency: dict[str | None, tuple[list[float], list[float]]] = {}
    for credit in credits:
        every, recent = by_currency.setdefault(credit.currency, ([], []))
        every.append(credit.amount)
        if window.contains(Period.parse(credit.period)):
            recent.append(credit.amount)
    keys = sorted(by_currency, key=lambda c: (c is None, c or ""))
    return tuple(
        CreditTotal(c, math.fsum(by_currency[c][0]), math.fsum(by_currency[c][1])) for c in keys
    )
