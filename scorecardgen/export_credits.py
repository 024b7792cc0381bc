"""The credits of ``scorecard.json``: each month's credit with its earn-back ledger, and the
totals per currency (SCORING.md sections 7 and 7a; SPEC.md names ``credits[]``,
``amount``, ``currency``, ``capped`` and ``service_levels[].state``).

Words, as SCORING.md uses them: a credit is **earned** by a breach of a critical service
level, after the month's cap; earn-back then makes it **waived**, **payable** or **pending**,
and these three add up to what was earned. What a breach earns before the cap (at-risk ×
allocation) is ``before_cap``, so a capped month shows both.

- ``credits[]``: ``{contract, period, amount, currency, capped, earned, before_cap, cap,
  payable, waived, pending, service_levels}``. ``amount`` (SPEC.md's name) and ``earned`` are
  the same figure, the month's credit after the cap; ``before_cap`` is the sum before it and
  ``cap`` the contract's at-risk amount; ``payable``, ``waived`` and ``pending`` split
  ``earned`` by earn-back state.
- ``credits[].service_levels[]``: one line per credit-earning breach, ``{kpi, period,
  allocation, before_cap, earned, amount, state, following, state_reason}``: ``period`` is the
  breach's own (a quarter for a quarterly window), ``earned``/``amount`` its share after the
  cap, ``state`` ``payable`` | ``waived`` | ``pending``, ``following`` the periods that decide
  its earn-back (empty without earn-back) and ``state_reason`` the working ("met in 2026-05,
  2026-06: earned back, waived").
- ``credit_totals[]`` (top level): one per currency, ``{currency, earned, waived, pending,
  payable, earned_12m, payable_12m}``, over every month judged by as_of and over the rolling
  12 months.

Amounts are computed figures, rounded to 6 decimal places (``clean_figures.figure``); each is
rounded on its own, so a sum of rounded parts may differ from the rounded total by 0.000001.
"""

from __future__ import annotations

from scorecardgen.clean_figures import figure as amount
from scorecardgen.scoring import Credit, CreditItem, CreditTotal

Json = dict[str, object]


def _line(item: CreditItem) -> Json:
    return {
        "kpi": item.kpi,
        "period": item.period,
        "allocation": float(item.allocation),
        "before_cap": amount(item.earned),
        "earned": amount(item.amount),
        "amount": amount(item.amount),
        "state": item.state,
        "following": list(item.following),
        "state_reason": item.state_reason,
    }


def credit_data(credit: Credit) -> Json:
    """One contract-month's credit with its lines (see the module docstring)."""
    return {
        "contract": credit.contract,
        "period": credit.period,
        "amount": amount(credit.amount),
        "currency": credit.currency,
        "capped": credit.capped,
        "earned": amount(credit.amount),
        "before_cap": amount(credit.uncapped_amount),
        "cap": amount(credit.cap),
        "payable": amount(credit.total("payable")),
        "waived": amount(credit.total("waived")),
        "pending": amount(credit.total("pending")),
        "service_levels": [_line(i) for i in credit.items],
    }


def credit_totals_data(totals: tuple[CreditTotal, ...]) -> list[Json]:
    """Per currency: earned, and how much of it is waived, pending and payable."""
    return [
        {
            "currency": t.currency,
            "earned": amount(t.amount),
            "waived": amount(t.waived),
            "pending": amount(t.pending),
            "payable": amount(t.payable),
            "earned_12m": amount(t.amount_12m),
            "payable_12m": amount(t.payable_12m),
        }
        for t in totals
    ]
