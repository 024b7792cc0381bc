"""What the example in content/ teaches about the second edition of the scoring method.

Harborpoint (facilities) never sent its April 2026 report: Q2 2026 coverage falls to 70.
Calder Maas (logistics) has a GBP and a EUR contract: its score weights them by annual value
converted to USD at site.yaml's rates, and its EU contract counts a missing report as breached.
Summit People holds a 1-5 survey KPI. Every number below is worked by hand from the content
files, as SCORING.md's worked examples are.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen.check import Checked
from scorecardgen.model import Project
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.scoring.quarters import VendorQuarter

REPO = Path(__file__).resolve().parent.parent
KNOWN_UNITS = {"%", "s", "min", "h", "days", "count", "score", "currency", "ratio"}


@pytest.fixture(scope="module")
def example(example_checked: Checked) -> Checked:
    return example_checked


@pytest.fixture(scope="module")
def project(example: Checked) -> Project:
    assert example.project is not None
    return example.project


@pytest.fixture(scope="module")
def portfolio(example: Checked) -> Portfolio:
    assert example.portfolio is not None
    return example.portfolio


def quarter(card: VendorScorecard, period: str) -> VendorQuarter:
    return next(q for q in card.quarters if q.period == period)


def test_the_facilities_vendor_missing_april_lowers_q2_coverage(portfolio: Portfolio) -> None:
    card = portfolio.vendors["harborpoint-facilities"]
    q2 = quarter(card, "2026-Q2")
    assert q2.closed
    # Six monthly service levels (weight 90) have May and June only; the quarterly statutory
    # inspections (weight 10) reported Q2.
    assert q2.coverage is not None
    assert q2.coverage == pytest.approx((90 * 2 / 3 + 10 * 1 / 1) / 100 * 100)
    assert round(q2.coverage, 6) == 70.0
    (contract,) = q2.contracts
    assert contract.coverage_formula.endswith("= 70.0")
    for sl in contract.service_levels:
        if sl.window == "monthly":
            assert sl.expected == ("2026-04", "2026-05", "2026-06")
            assert (sl.missing, sl.with_data) == (("2026-04",), 2)
        else:
            assert (sl.kpi, sl.missing, sl.coverage) == ("statutory-inspections-on-time", (), 100)
    # The score rests on May and June: critical repairs 94.2% in May against 95 (minimum 90)
    # scores 50 + 50 × 4.2 / 5 = 92, so that service level's quarter is (92 + 100) / 2.
    assert round(q2.score or 0, 6) == round((20 * (92 + 100) / 2 + 80 * 100) / 100, 6) == 99.2
    assert q2.status == "green"  # coverage of 50 or more keeps the colour
    assert quarter(card, "2026-Q1").coverage == 100.0
    april = [m for m in card.measurements if m.period == "2026-04"]
    assert len(april) == 6
    assert {(m.result.status, m.result.score, m.result.missing) for m in april} == {
        ("missing", None, True)
    }
    assert {s.missing_12m for s in card.service_levels if s.window == "monthly"} == {("2026-04",)}


def test_the_two_currency_vendor_is_weighted_by_converted_annual_value(
    project: Project, portfolio: Portfolio
) -> None:
    card = portfolio.vendors["calder-maas-logistics"]
    contracts = project.vendors["calder-maas-logistics"].contracts
    assert {cid: portfolio.currencies.of(c) for cid, c in contracts.items()} == {
        "uk-returns": "GBP",
        "eu-returns": "EUR",
    }
    # Q3 2026, each month's score by SCORING.md section 2: 50 + 50 × (v - M) / (E - M).
    # UK: returns processing time (E 2, M 3, weight 25) 2.0, 2.3 (scores 85), 1.9; all else met.
    uk = (25 * (100 + 85 + 100) / 3 + 75 * 100) / 100
    # EU: processing time (E 2.5, M 3.5) 3.2, 2.9, 2.4 -> 65, 80, 100;
    # grading accuracy (E 97.5, M 95.5) 96.3, 96.9, 97.7 -> 70, 85, 100;
    # dispatch on time (E 98.5, M 97) 98.1, 98.6, 98.9 -> 50 + 50 × 1.1 / 1.5, 100, 100;
    # inventory accuracy (E 99.3, M 98.8) 98.6, 98.9, 99.3 -> 30, 60, 100;
    # safety incidents (E 0, M 1) 0, 1, 0 -> 100, 50, 100; data protection: all met.
    eu = (
        25 * (65 + 80 + 100) / 3
        + 20 * (70 + 85 + 100) / 3
        + 20 * (50 + 50 * 1.1 / 1.5 + 100 + 100) / 3
        + 15 * (30 + 60 + 100) / 3
        + 10 * (100 + 50 + 100) / 3
        + 10 * 100
    ) / 100
    assert card.headline.quarter is not None
    by_contract = {c.contract: c.score for c in card.headline.quarter.contracts}
    assert {k: round(v or 0, 6) for k, v in by_contract.items()} == {
        "uk-returns": round(uk, 6),
        "eu-returns": round(eu, 6),
    }
    gbp, eur = 1_848_000 * 1.34, 2_280_000 * 1.17  # annual values in USD
    expected = (uk * gbp + eu * eur) / (gbp + eur)
    headline = card.headline
    assert headline.period == "2026-Q3"
    assert headline.score is not None
    assert round(headline.score, 6) == round(expected, 6) == 91.288025
    assert headline.quarter is not None
    assert headline.quarter.weighting == "annual-value"
    assert {t.id: t.weight for t in headline.quarter.terms} == pytest.approx(
        {"uk-returns": 2_476_320, "eu-returns": 2_667_600}
    )
    assert "EUR at 1.17, GBP at 1.34" in headline.quarter.weighting_reason
    # Green overall, and the headline says the EU contract is amber.
    assert headline.status == "green"
    assert headline.mix is not None
    assert (headline.mix.total, headline.mix.counts) == (2, (("amber", 1),))


def test_credits_stay_in_each_contracts_currency(portfolio: Portfolio) -> None:
    card = portfolio.vendors["calder-maas-logistics"]
    credits = {(c.contract, c.period, c.currency): c.amount for c in card.credits}
    # At risk: UK 154,000 × 10% = 15,400 GBP; EU 190,000 × 10% = 19,000 EUR a month.
    assert credits == pytest.approx(
        {
            ("uk-returns", "2025-12", "GBP"): 15_400 * 0.40,  # dispatch on time breached
            ("eu-returns", "2025-10", "EUR"): 19_000 * (0.40 + 0.30),  # go-live breaches
            ("eu-returns", "2026-02", "EUR"): 19_000 * 0.20,  # unreported, so breached
            ("eu-returns", "2026-07", "EUR"): 19_000 * 0.20,  # inventory accuracy breached
        }
    )


def test_one_contract_counts_a_missing_report_as_breached(
    project: Project, portfolio: Portfolio
) -> None:
    modes = {
        (vid, cid): c.missing_data
        for vid, v in project.vendors.items()
        for cid, c in v.contracts.items()
    }
    assert {k for k, mode in modes.items() if mode == "breached"} == {
        ("calder-maas-logistics", "eu-returns")
    }
    card = portfolio.vendors["calder-maas-logistics"]
    (february,) = [
        m
        for m in card.measurements
        if (m.contract, m.kpi, m.period) == ("eu-returns", "inventory-accuracy", "2026-02")
    ]
    assert (february.result.status, february.result.score, february.result.missing) == (
        "breached",
        0.0,
        True,
    )
    eu_q1 = next(c for c in quarter(card, "2026-Q1").contracts if c.contract == "eu-returns")
    # Scored as 0, so it counts as data: coverage stays 100 and the score carries the zero.
    assert eu_q1.coverage == 100.0
    inventory = next(s for s in eu_q1.service_levels if s.kpi == "inventory-accuracy")
    assert inventory.missing == ("2026-02",)
    assert inventory.score == pytest.approx((100 + 0 + 100) / 3)


def test_a_survey_kpi_on_a_1_to_5_scale(project: Project, portfolio: Portfolio) -> None:
    kpi = project.kpis["hr-service-rating"]
    assert (kpi.unit, kpi.bounds, kpi.direction) == ("score", (1, 5), "higher")
    holders = [
        (vid, cid, sl.window)
        for vid, v in project.vendors.items()
        for cid, c in v.contracts.items()
        for sl in c.service_levels
        if sl.kpi == "hr-service-rating"
    ]
    assert holders == [("summit-people", "hr-operations", "quarterly")]
    rows = [m for m in portfolio.vendors["summit-people"].measurements if m.kpi == kpi.id]
    assert len(rows) == 7
    assert all(1 <= (m.result.value or 0) <= 5 for m in rows)
    latest = rows[-1]
    # 3.9 against expected 4.2, minimum 3.8: 50 + 50 × 0.1 / 0.4 = 62.5, at risk.
    assert (latest.period, latest.result.status) == ("2026-Q3", "at-risk")
    assert latest.result.score == pytest.approx(62.5)


def test_every_contract_currency_is_convertible(project: Project, portfolio: Portfolio) -> None:
    currencies = portfolio.currencies
    assert currencies.reporting == "USD"
    assert dict(currencies.rates) == {"GBP": 1.34, "EUR": 1.17}
    found = set()
    for vendor in project.vendors.values():
        for contract in vendor.contracts.values():
            currency = currencies.of(contract)
            assert currency is not None
            assert currencies.rate(currency) is not None, currency
            if contract.currency and contract.annual_value:
                assert contract.currency == contract.annual_value.currency
            found.add(currency)
    assert found == {"USD", "GBP", "EUR"}
    # So every vendor with several contracts is weighted by converted value, never equally.
    for card in portfolio.vendors.values():
        for q in card.quarters:
            if len(q.terms) > 1:
                assert q.weighting == "annual-value", (card.vendor_id, q.period)


def test_a_kpi_with_its_own_unit_label(project: Project) -> None:
    labels = {k: kpi.unit for k, kpi in project.kpis.items() if kpi.unit not in KNOWN_UNITS}
    assert labels == {"energy-use-intensity": "kWh/m²"}
