"""The example in content/ uses each contract mechanism of SCORING.md (issue 15), and each one
produces the outcome its notes describe. Every number is worked by hand from the content files.

- Kestrel: September 2026 speed of answer excluded as force majeure (floods in Pune), 1a.
- Ledgerline: January 2026 days to close restated from 6 to 8, 1b.
- Harborpoint: the energy target steps down in January 2026 and again in January 2027, 1c.
- Clearwater: earn-back over two months, so credits are waived, payable and pending (7a), and
  a pool_percent of 200 (7).
- Meridian voice: default_after 3; speed of answer breached June to September 2026 (7b).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scorecardgen.check import Checked
from scorecardgen.model import Project
from scorecardgen.scoring import Portfolio, VendorScorecard
from scorecardgen.scoring.credits import CreditItem
from scorecardgen.scoring.scorecard import ScoredMeasurement, ServiceLevelSummary

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example(example_checked: Checked) -> Checked:
    return example_checked


@pytest.fixture(scope="module")
def project(example: Checked) -> Project:
    assert example.project is not None
    return example.project


@pytest.fixture(scope="module")
def portfolio(example: Checked) -> Portfolio:
    assert [p.format() for p in example.errors] == []
    assert example.portfolio is not None
    return example.portfolio


def row(card: VendorScorecard, kpi: str, period: str, contract: str = "") -> ScoredMeasurement:
    (found,) = [
        m
        for m in card.measurements
        if (m.kpi, m.period) == (kpi, period) and contract in ("", m.contract)
    ]
    return found


def level(card: VendorScorecard, kpi: str, contract: str = "") -> ServiceLevelSummary:
    (found,) = [s for s in card.service_levels if s.kpi == kpi and contract in ("", s.contract)]
    return found


def items(card: VendorScorecard) -> dict[tuple[str, str], CreditItem]:
    return {(i.kpi, i.period): i for c in card.credits for i in c.items}


def note_text(project: Project, vendor: str, note: str) -> str:
    return " ".join(project.vendors[vendor].notes[note].body.split())


# -- 1a. exclusion ---------------------------------------------------------------------------


def test_the_flooded_month_is_excluded_not_scored_and_earns_no_credit(
    project: Project, portfolio: Portfolio
) -> None:
    card = portfolio.vendors["kestrel-infotech"]
    september = row(card, "average-speed-of-answer", "2026-09")
    # 78 s is beyond the 60-second minimum: without the exclusion, a breach.
    assert (september.value, september.minimum) == (78, 60)
    assert (september.status, september.score) == ("excluded", None)
    assert september.reason is not None and september.reason.startswith("Force majeure")
    assert september.result.formula.startswith("excluded (Force majeure")
    # No credit: it would have been 15% of USD 180,000 × 20% = USD 5,400.
    assert ("average-speed-of-answer", "2026-09") not in items(card)
    assert not any(c.period == "2026-09" for c in card.credits)
    assert "USD 5,400" in note_text(project, "kestrel-infotech", "pune-floods-september-2026")
    # Not expected, so neither missed nor missing: the 12 months hold only December's miss.
    speed = level(card, "average-speed-of-answer")
    assert "2026-09" not in speed.breaches.assessed
    assert len(speed.breaches.assessed) == 11
    assert speed.missed_12m == 1
    assert speed.missing_12m == ()
    # Q3 rests on July and August, with full coverage; the headline is unchanged.
    q3 = card.headline.quarter
    assert q3 is not None and q3.period == "2026-Q3"
    (contract,) = q3.contracts
    quarter = next(s for s in contract.service_levels if s.kpi == "average-speed-of-answer")
    assert quarter.expected == ("2026-07", "2026-08")
    assert (quarter.coverage, quarter.score) == (100, 100)
    assert (card.headline.score, card.headline.coverage) == (100, 100)


# -- 1b. restatement -------------------------------------------------------------------------


def test_the_restated_close_is_scored_at_its_agreed_figure(
    project: Project, portfolio: Portfolio
) -> None:
    card = portfolio.vendors["ledgerline"]
    january = row(card, "days-to-close", "2026-01")
    assert (january.value, january.restated_from) == (8, 6)
    assert january.restated is not None
    assert january.restated.on == date(2026, 2, 17)
    assert "reopened" in january.restated.reason
    # Scored at 8 (E 5, M 7, lower is better): 50 + 50 × (8 - 7) / (5 - 7) = 25, breached.
    # The first-reported 6 would have been at risk, 75.
    assert january.status == "breached"
    assert january.score == pytest.approx(25)
    # So January earns 10% of USD 145,000 × 40% = USD 5,800, as the note says.
    credit = items(card)[("days-to-close", "2026-01")]
    assert (round(credit.amount, 6), credit.state) == (5_800, "payable")
    text = note_text(project, "ledgerline", "january-2026-close-restated")
    assert "USD 5,800" in text and "restated" in text
    assert {m.period for m in card.measurements if m.restated is not None} == {"2026-01"}


# -- 1c. stepped target ----------------------------------------------------------------------


def test_the_energy_target_steps_down_in_2026(portfolio: Portfolio) -> None:
    card = portfolio.vendors["harborpoint-facilities"]
    energy = [m for m in card.measurements if m.kpi == "energy-use-intensity"]
    levels: dict[str, set[tuple[float, float]]] = {m.period[:4]: set() for m in energy}
    for m in energy:
        levels[m.period[:4]].add((m.expected, m.minimum))
    assert levels == {"2025": {(13.5, 15.0)}, "2026": {(13.0, 14.5)}}
    # The same 13.2 kWh/m² met 2025's target but is at risk against 2026's.
    april_2025 = row(card, "energy-use-intensity", "2025-04")
    july_2026 = row(card, "energy-use-intensity", "2026-07")
    assert april_2025.value == july_2026.value == 13.2
    assert (april_2025.status, april_2025.score) == ("met", 100)
    assert july_2026.status == "at-risk"
    assert july_2026.score == pytest.approx(50 + 50 * (13.2 - 14.5) / (13.0 - 14.5))
    august = row(card, "energy-use-intensity", "2026-08")
    assert august.score == pytest.approx(50 + 50 * (13.1 - 14.5) / (13.0 - 14.5))
    # The table shows the levels in force at as_of, and the next step to come.
    summary = level(card, "energy-use-intensity")
    assert (summary.expected, summary.minimum) == (13.0, 14.5)
    assert summary.next_step is not None
    assert (summary.next_step.start, summary.next_step.expected) == ("2027-01", 12.6)
    assert summary.missed_12m == 3  # December 2025, July and August 2026
    # Q3 2026: cleaning (89.4 in July: 94, then 100, 100) and energy are below 100.
    energy_q3 = (50 + 50 * 1.3 / 1.5 + 50 + 50 * 1.4 / 1.5 + 100) / 3
    expected = (10 * (94 + 100 + 100) / 3 + 10 * energy_q3 + 80 * 100) / 100
    assert card.headline.score == pytest.approx(expected)
    assert round(expected, 1) == 99.5


# -- 7 and 7a. pool and earn-back ------------------------------------------------------------


def test_the_pool_holds_each_contracts_allocations(project: Project) -> None:
    pools = {
        (vid, cid): (c.pool_percent, sum(s.credit_allocation or 0 for s in c.service_levels))
        for vid, v in project.vendors.items()
        for cid, c in v.contracts.items()
        if c.pool_percent is not None
    }
    assert pools == {
        ("clearwater-trust-safety", "marketplace-moderation"): (200, 200),
        ("meridian-contact", "voice-care"): (200, 170),
    }


def test_clearwater_credits_are_waived_payable_or_pending(portfolio: Portfolio) -> None:
    """At risk: 15% of USD 130,000 = 19,500 a month; earn_back_periods: 2."""
    card = portfolio.vendors["clearwater-trust-safety"]
    found = {k: (round(i.amount, 6), i.state) for k, i in items(card).items()}
    assert found == {
        # escalations met in May and June: earned back
        ("critical-escalation-timeliness", "2026-04"): (11_700, "waived"),
        ("moderation-turnaround-time", "2026-04"): (7_800, "payable"),  # May
        ("appeal-overturn-rate", "2026-05"): (3_900, "payable"),  # June at risk
        ("moderation-turnaround-time", "2026-05"): (7_800, "payable"),
        # no incident in August or September: earned back
        ("data-protection-incidents", "2026-07"): (7_800, "waived"),
        ("moderation-turnaround-time", "2026-07"): (7_800, "payable"),
        ("moderation-turnaround-time", "2026-08"): (7_800, "payable"),
        # October and November are not yet reported at as_of 2026-09-30
        ("moderation-turnaround-time", "2026-09"): (7_800, "pending"),
    }
    waived = items(card)[("critical-escalation-timeliness", "2026-04")]
    assert waived.following == ("2026-05", "2026-06")
    assert waived.state_reason == "met in 2026-05, 2026-06: earned back, waived"
    pending = items(card)[("moderation-turnaround-time", "2026-09")]
    assert pending.following == ("2026-10", "2026-11")
    payable = items(card)[("moderation-turnaround-time", "2026-04")]
    assert payable.state_reason == "2026-05 was breached: payable"
    (total,) = card.credit_totals
    assert total.currency == "USD"
    assert total.amount == pytest.approx(62_400)  # earned
    assert (round(total.waived, 6), round(total.pending, 6)) == (19_500, 7_800)
    assert total.payable == pytest.approx(35_100)
    assert total.payable + total.waived + total.pending == pytest.approx(total.amount)


def test_only_clearwater_has_earn_back(project: Project, portfolio: Portfolio) -> None:
    with_earn_back = {
        vid
        for vid, v in project.vendors.items()
        for c in v.contracts.values()
        if c.earn_back_periods
    }
    assert with_earn_back == {"clearwater-trust-safety"}
    states = {
        i.state
        for vid, card in portfolio.vendors.items()
        if vid not in with_earn_back
        for c in card.credits
        for i in c.items
    }
    assert states == {"payable"}


def test_the_review_quotes_the_earn_back_as_scored(project: Project) -> None:
    text = note_text(project, "clearwater-trust-safety", "2026-q2-review")
    for figure in ("USD 19,500", "USD 11,700", "USD 7,800", "USD 3,900"):
        assert figure in text
    assert "earned back" in text


# -- 7b. default -----------------------------------------------------------------------------


def test_voice_speed_of_answer_is_in_default_from_august(
    project: Project, portfolio: Portfolio
) -> None:
    card = portfolio.vendors["meridian-contact"]
    speed = level(card, "average-speed-of-answer", "voice-care")
    assert speed.critical
    assert speed.in_default
    assert (speed.default.after, speed.default.since) == (3, "2026-08")
    assert speed.default.run == ("2026-06", "2026-07", "2026-08", "2026-09")
    # April was breached too, but May (45 s, at the minimum) was only at risk: the run restarts.
    assert row(card, "average-speed-of-answer", "2026-05", "voice-care").status == "at-risk"
    assert [(s.contract, s.kpi) for s in card.defaults] == [
        ("voice-care", "average-speed-of-answer")
    ]
    # First contact resolution breached twice in a row (Nov and Dec 2025): short of three.
    assert not level(card, "first-contact-resolution", "voice-care").in_default
    text = note_text(project, "meridian-contact", "speed-of-answer-default")
    assert "service-level default" in text and "from August" in text


def test_the_default_is_the_only_one_in_the_portfolio(portfolio: Portfolio) -> None:
    defaults = {(v, s.kpi) for v, card in portfolio.vendors.items() for s in card.defaults}
    assert defaults == {("meridian-contact", "average-speed-of-answer")}
    # Clearwater's turnaround breached July to September too, but its contract has no
    # default_after, so it is not assessed for default.
    turnaround = level(portfolio.vendors["clearwater-trust-safety"], "moderation-turnaround-time")
    assert not turnaround.in_default
    assert turnaround.default.explanation == "not assessed: no default_after"


def test_every_mechanism_is_in_the_example(project: Project, portfolio: Portfolio) -> None:
    measurements = [m for v in project.vendors.values() for m in v.measurements]
    contracts = [c for v in project.vendors.values() for c in v.contracts.values()]
    levels = [s for c in contracts for s in c.service_levels]
    assert any(m.excluded for m in measurements)
    assert any(m.restated for m in measurements)
    assert any(s.steps for s in levels)
    assert any(c.pool_percent for c in contracts)
    assert any(c.earn_back_periods for c in contracts)
    assert any(c.default_after for c in contracts)
    states = {i.state for card in portfolio.vendors.values() for c in card.credits for i in c.items}
    assert states == {"payable", "waived", "pending"}
