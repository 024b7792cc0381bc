"""Service credits per contract and month with the at-risk cap (SCORING.md section 7)."""

from __future__ import annotations

from datetime import date

from scorecardgen.model import Measurement, ServiceLevel
from scorecardgen.scoring import Credit, VendorScorecard
from tests.scoring_factories import card, contract, level, m, project, vendor


def credits_of(
    measurements: list[Measurement],
    *,
    levels: list[ServiceLevel] | None = None,
    monthly_charge: float | None = 100_000,
    at_risk_percent: float | None = 10,
    currency: str | None = "GBP",
    annual_value: float | None = None,
    as_of: date = date(2025, 3, 31),
) -> VendorScorecard:
    levels = levels or [
        level("fcr", 75, 65, 60, credit_allocation=40),
        level("csat", 80, 70, 40, credit_allocation=80),
    ]
    c = contract(
        "main",
        levels,
        monthly_charge=monthly_charge,
        at_risk_percent=at_risk_percent,
        currency=currency,
        annual_value=annual_value,
        value_currency="EUR",
    )
    return card(project(vendor(contracts=[c], measurements=measurements), as_of=as_of))


def test_worked_example_4_credits_capped_at_the_at_risk_amount() -> None:
    c = credits_of([m("fcr", "2025-03", 50), m("csat", "2025-03", 60)])
    (credit,) = c.credits
    assert (credit.contract, credit.period, credit.amount, credit.currency, credit.capped) == (
        "main",
        "2025-03",
        10_000.0,
        "GBP",
        True,
    )
    assert credit.uncapped_amount == 12_000.0
    assert credit.cap == 10_000.0
    assert [(i.kpi, i.allocation, i.earned) for i in credit.items] == [
        ("csat", 80.0, 8000.0),
        ("fcr", 40.0, 4000.0),
    ]
    # the cap is shared in proportion: B 6666.666667, A 3333.333333, adding up to the cap
    assert [round(i.amount, 6) for i in credit.items] == [6666.666667, 3333.333333]
    assert sum(i.amount for i in credit.items) == 10_000.0
    assert credit.formula == "8,000 + 4,000 = 12,000, capped to 10,000"
    assert credit.items[1].formula == (
        "10,000 \u00d7 40% = 4,000; share of the cap 4,000 \u00d7 10,000 / 12,000 = 3,333.33"
    )


def test_credit_below_the_cap_is_not_capped() -> None:
    (credit,) = credits_of([m("fcr", "2025-03", 50), m("csat", "2025-03", 75)]).credits
    assert (credit.amount, credit.capped) == (4000.0, False)


def test_only_breaches_earn_credits_and_each_month_is_capped_alone() -> None:
    c = credits_of(
        [
            m("fcr", "2025-01", 60),
            m("csat", "2025-01", 69),
            m("fcr", "2025-02", 70),
            m("csat", "2025-02", 75),
            m("fcr", "2025-03", None),
            m("csat", "2025-03", 60),
        ]
    )
    assert [(x.period, x.amount, x.capped) for x in c.credits] == [
        ("2025-01", 10_000.0, True),
        ("2025-03", 8000.0, False),
    ]


def test_quarterly_breach_is_assessed_in_the_quarters_last_month() -> None:
    levels = [
        level("fcr", 75, 65, 60, credit_allocation=40),
        level("csat", 80, 70, 40, "quarterly", credit_allocation=30),
    ]
    c = credits_of([m("csat", "2025-Q1", 60), m("fcr", "2025-03", 50)], levels=levels)
    (credit,) = c.credits
    assert credit.period == "2025-03"
    assert credit.amount == 7000.0
    assert [i.period for i in credit.items] == ["2025-Q1", "2025-03"]


def test_contract_without_monthly_charge_or_at_risk_percent_earns_nothing() -> None:
    breached = [m("fcr", "2025-03", 50)]
    assert credits_of(breached, monthly_charge=None).credits == ()
    assert credits_of(breached, at_risk_percent=None).credits == ()


def test_service_level_without_allocation_earns_nothing() -> None:
    c = credits_of([m("fcr", "2025-03", 50)], levels=[level("fcr", 75, 65)])
    assert c.credits == ()


def test_currency_falls_back_on_the_annual_value_currency() -> None:
    (credit,) = credits_of([m("fcr", "2025-03", 50)], currency=None, annual_value=1_000_000).credits
    assert credit.currency == "EUR"
    (none,) = credits_of([m("fcr", "2025-03", 50)], currency=None).credits
    assert none.currency is None


def test_credits_after_as_of_are_not_counted_yet() -> None:
    levels = [
        level("fcr", 75, 65, 60, credit_allocation=40),
        level("csat", 80, 70, 40, "quarterly", credit_allocation=30),
    ]
    c = credits_of(
        [
            m("fcr", "2025-05", 50),
            m("fcr", "2025-06", 50),
            m("csat", "2025-Q2", 50),
            m("fcr", "2025-07", 50),
        ],
        levels=levels,
        as_of=date(2025, 6, 15),
    )
    assert [(x.period, x.amount) for x in c.credits] == [("2025-05", 4000.0), ("2025-06", 4000.0)]


def test_credit_totals_overall_and_over_the_rolling_12_months() -> None:
    c = credits_of([m("fcr", "2024-02", 50), m("fcr", "2025-03", 50), m("csat", "2025-03", 60)])
    assert [(x.period, x.amount) for x in c.credits] == [("2024-02", 4000.0), ("2025-03", 10_000.0)]
    (total,) = c.credit_totals
    assert (total.currency, total.amount, total.amount_12m) == ("GBP", 14_000.0, 10_000.0)


def test_credits_are_sorted_by_contract_then_month() -> None:
    sl = [level("fcr", 75, 65, credit_allocation=50)]
    a = contract("a", sl, monthly_charge=1000, at_risk_percent=10, currency="GBP")
    b = contract("b", sl, monthly_charge=1000, at_risk_percent=10, currency="GBP")
    ms = [m("fcr", "2025-02", 50, "b"), m("fcr", "2025-01", 50, "b"), m("fcr", "2025-03", 50, "a")]
    c = card(project(vendor(contracts=[b, a], measurements=ms), as_of=date(2025, 3, 31)))
    got: list[Credit] = list(c.credits)
    assert [(x.contract, x.period, x.amount) for x in got] == [
        ("a", "2025-03", 50.0),
        ("b", "2025-01", 50.0),
        ("b", "2025-02", 50.0),
    ]
