"""Service credits, per contract and month, capped at the at-risk amount (SCORING.md section 7).

At-risk amount = monthly_charge × at_risk_percent / 100. Each ``breached`` measurement of a
service level with a ``credit_allocation`` earns at-risk × allocation / 100 in its month (a
quarterly breach in its quarter's last month); one contract's credits in one month are capped
at the at-risk amount, each service level's credit scaled by cap / (sum before the cap) so the
parts add up. With ``earn_back_periods`` each credit is waived, payable or pending (7a).
A contract without monthly_charge or at_risk_percent earns no credits, nor does a service
level without an allocation (or with 0). Credits are computed for every
period judged by as_of (months up to as_of's month, quarters ended on or before as_of, as in
``breaches``), including those before the rolling 12 months; ``CreditTotal`` adds both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from scorecardgen.model import Contract
from scorecardgen.periods import Period
from scorecardgen.scoring.breaches import RollingWindow
from scorecardgen.scoring.explain import TIMES, money, operand
from scorecardgen.scoring.series import Series

CreditState = Literal["payable", "waived", "pending"]


@dataclass(frozen=True)
class CreditItem:
    """One breach that earns a credit: ``period`` is the measurement's own period.

    ``earned`` is at-risk × allocation; ``amount`` is the item's share after the month's cap
    (``earned`` × cap / sum before the cap when capped). ``state`` is its earn-back state.
    """

    kpi: str
    period: str
    allocation: float
    amount: float
    formula: str
    earned: float = 0.0
    state: CreditState = "payable"
    following: tuple[str, ...] = ()
    state_reason: str = "no earn-back: payable at once"


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

    def total(self, state: CreditState) -> float:
        """The part of this month's credit in one earn-back state."""
        return math.fsum(i.amount for i in self.items if i.state == state)


@dataclass(frozen=True)
class CreditTotal:
    """Credits summed per currency: all months, and the rolling 12 months.

    ``amount`` is what was earned (after the cap); ``payable``, ``waived`` and ``pending``
    split it by earn-back state (they add up to ``amount``).
    """

    currency: str | None
    amount: float
    amount_12m: float
    payable: float = 0.0
    waived: float = 0.0
    pending: float = 0.0
    payable_12m: float = 0.0
    waived_12m: float = 0.0
    pending_12m: float = 0.0


def at_risk_amount(contract: Contract) -> float | None:
    """monthly_charge × at_risk_percent / 100, or None when the contract lacks either."""
    if contract.monthly_charge is None or contract.at_risk_percent is None:
        return None
    return contract.monthly_charge * contract.at_risk_percent / 100


def following_periods(contract: Contract, series: Series, period: Period, n: int) -> list[Period]:
    """The next ``n`` periods of the window after ``period`` that the contract's term holds,
    excluded periods skipped (section 7a); fewer when the term ends first."""
    found: list[Period] = []
    step = 1 if series.level.window == "monthly" else 3
    current = period
    while len(found) < n:
        index = current.year * 12 + current.first_month - 1 + step
        current = Period(index // 12, index % 12 + 1, current.kind)
        if current.start > contract.end:
            break
        if not series.excluded(current):
            found.append(current)
    return found


def earn_back(
    contract: Contract, series: Series, period: Period, as_of: date
) -> tuple[CreditState, tuple[str, ...], str]:
    """Section 7a: waived when met in each of the N following periods, payable as soon as one is
    not met or missing (or when the term ends before N exist), pending while waiting."""
    n = contract.earn_back_periods
    if not n:
        return "payable", (), "no earn-back: payable at once"
    following = following_periods(contract, series, period, n)
    names = tuple(str(p) for p in following)
    for p in following:
        if p.end > as_of:
            break
        status = series.score(p).status
        if status != "met":
            word = "missing" if series.value(p) is None else status
            return "payable", names, f"{p} was {word}: payable"
    ended = [p for p in following if p.end <= as_of]
    if len(ended) == n:
        return "waived", names, f"met in {', '.join(names)}: earned back, waived"
    if len(following) < n and contract.end <= as_of:
        return "payable", names, f"the term ended before {n} following periods: payable"
    waiting = ", ".join(str(p) for p in following if p.end > as_of)
    if not waiting:
        waiting = f"the term to end on {contract.end}"
    if not ended:
        return "pending", names, f"waiting for {waiting}: pending"
    return (
        "pending",
        names,
        f"met so far in {len(ended)} of {n} following periods, waiting for {waiting}: pending",
    )


def contract_credits(
    contract: Contract,
    series: Sequence[Series],
    window: RollingWindow,
    currency: str | None = None,
) -> list[Credit]:
    """A contract's credits up to as_of, one per month with a credit-earning breach, in order.

    ``currency`` is the contract's currency (section 5); by default its own or its annual
    value's. A capped month shares the cap among its items in proportion to what each earned.
    """
    currency = currency or contract.credit_currency
    cap = at_risk_amount(contract)
    if cap is None:
        return []
    earned: dict[Period, list[tuple[Series, Period, float]]] = {}
    for s in series:
        allocation = s.level.credit_allocation
        if not allocation:
            continue
        for period in s.periods():
            if not window.reached(period) or s.score(period).status != "breached":
                continue
            month = Period.month(period.year, period.last_month)
            earned.setdefault(month, []).append((s, period, cap * allocation / 100))
    credits = []
    for month in sorted(earned):
        found = sorted(earned[month], key=lambda x: (x[0].kpi, x[1]))
        uncapped = math.fsum(x[2] for x in found)
        capped = uncapped > cap
        scale = cap / uncapped if capped else 1.0
        items = []
        for s, period, amount in found:
            allocation = s.level.credit_allocation or 0.0
            formula = f"{money(cap)} {TIMES} {operand(allocation)}% = {money(amount)}"
            share = amount * scale
            if capped:
                formula += f"; share of the cap {money(amount)} {TIMES} {money(cap)} / "
                formula += f"{money(uncapped)} = {money(share)}"
            state, following, reason = earn_back(contract, s, period, window.as_of)
            items.append(
                CreditItem(
                    s.kpi,
                    str(period),
                    allocation,
                    share,
                    formula,
                    amount,
                    state,
                    following,
                    reason,
                )
            )
        amount = cap if capped else uncapped
        formula = " + ".join(money(x[2]) for x in found)
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
                tuple(items),
                formula,
            )
        )
    return credits


def credit_totals(credits: Sequence[Credit], window: RollingWindow) -> tuple[CreditTotal, ...]:
    """Credits summed per currency (sorted, no currency last), overall and in the window."""
    by_currency: dict[str | None, list[Credit]] = {}
    for credit in credits:
        by_currency.setdefault(credit.currency, []).append(credit)
    keys = sorted(by_currency, key=lambda c: (c is None, c or ""))
    totals = []
    for c in keys:
        every = by_currency[c]
        recent = [x for x in every if window.contains(Period.parse(x.period))]
        totals.append(
            CreditTotal(
                c,
                math.fsum(x.amount for x in every),
                math.fsum(x.amount for x in recent),
                math.fsum(x.total("payable") for x in every),
                math.fsum(x.total("waived") for x in every),
                math.fsum(x.total("pending") for x in every),
                math.fsum(x.total("payable") for x in recent),
                math.fsum(x.total("waived") for x in recent),
                math.fsum(x.total("pending") for x in recent),
            )
        )
    return tuple(totals)
