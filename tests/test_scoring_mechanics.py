"""Contract mechanics: exclusions, restatements, stepped targets, the shared cap, earn-back and
default (SCORING.md second edition sections 1a-1c, 7, 7a, 7b; worked examples 4, 5, 6, 9)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from scorecardgen.model import Measurement, Restatement, ServiceLevel, Step
from scorecardgen.scoring import VendorScorecard
from tests.scoring_factories import card, contract, level, m, project, vendor


def excluded(kpi_id: str, period: str, value: float | None, reason: str) -> Measurement:
    row = m(kpi_id, period, value)
    return row.model_copy(update={"excluded": True, "reason": reason})


def scored(
    rows: list[Measurement],
    as_of: date,
    levels: list[ServiceLevel] | None = None,
    **terms: Any,
) -> VendorScorecard:
    """One contract ``main``, at-risk 10000 a month, with the given contract terms."""
    sl = levels or [level("fcr", 75, 65, credit_allocation=50)]
    main = contract("main", sl, monthly_charge=100_000, at_risk_percent=10, currency="GBP")
    main = main.model_copy(update=terms)
    return card(project(vendor(contracts=[main], measurements=rows), as_of=as_of))


# -- 1a exclusions ---------------------------------------------------------------------------


def test_an_excluded_breach_earns_nothing_and_is_not_missed_or_expected() -> None:
    rows = [m("fcr", "2026-01", 80), excluded("fcr", "2026-02", 40, "Storm: force majeure")]
    rows.append(m("fcr", "2026-03", 80))
    c = scored(rows, date(2026, 3, 31))
    feb = c.measurements[1]
    assert (feb.period, feb.status, feb.score, feb.value) == ("2026-02", "excluded", None, 40)
    assert feb.reason == "Storm: force majeure"
    assert c.credits == ()
    sl = c.service_levels[0]
    assert (sl.missed_12m, sl.breached_12m, sl.missing_12m) == (0, 0, ())
    q = c.headline.quarter
    assert q is not None and (q.score, q.coverage) == (100.0, 100.0)  # 2 of 2 expected months


def test_an_exclusion_without_a_value_is_not_missing() -> None:
    rows = [m("fcr", "2026-01", 80), excluded("fcr", "2026-02", None, "Client outage")]
    c = scored(rows, date(2026, 2, 28))
    assert [x.status for x in c.measurements] == ["met", "excluded"]
    assert c.service_levels[0].missing_12m == ()


# -- 1b restatements -------------------------------------------------------------------------


def test_a_restated_value_is_scored_at_its_new_value() -> None:
    row = m("fcr", "2026-01", 70).model_copy(
        update={"restated": Restatement(value=60, on=date(2026, 2, 10), reason="Recount by vendor")}
    )
    c = scored([row], date(2026, 1, 31))
    (x,) = c.measurements
    assert (x.value, x.status, x.score, x.restated_from) == (70, "at-risk", 75.0, 60)
    assert x.restated is not None and x.restated.reason == "Recount by vendor"
    assert c.credits == ()  # first reported 60 would have been a breach


# -- 1c stepped targets ----------------------------------------------------------------------


def test_worked_example_6_a_step_changes_the_levels_from_its_month() -> None:
    fcr = ServiceLevel(
        kpi="fcr",
        expected=75,
        minimum=65,
        weight=100,
        steps=[Step.model_validate({"from": "2026-01", "expected": 78, "minimum": 68})],
    )
    c = scored([m("fcr", "2025-12", 76), m("fcr", "2026-01", 76)], date(2026, 1, 31), [fcr])
    dec, jan = c.measurements
    assert (dec.status, dec.score, dec.expected, dec.minimum) == ("met", 100.0, 75, 65)
    assert (jan.status, jan.expected, jan.minimum) == ("at-risk", 78, 68)
    assert jan.score == pytest.approx(90.0)
    assert jan.result.formula == "50 + 50 \u00d7 (76 \u2212 68) / (78 \u2212 68) = 90.0"
    sl = c.service_levels[0]
    assert (sl.expected, sl.minimum, sl.next_step) == (78, 68, None)


def test_the_next_step_to_come_is_named() -> None:
    fcr = ServiceLevel(
        kpi="fcr",
        expected=75,
        minimum=65,
        weight=100,
        steps=[Step.model_validate({"from": "2027-01", "expected": 80, "minimum": 70})],
    )
    sl = scored([m("fcr", "2026-09", 76)], date(2026, 9, 30), [fcr]).service_levels[0]
    assert (sl.expected, sl.minimum) == (75, 65)
    assert sl.next_step is not None and (sl.next_step.start, sl.next_step.expected) == (
        "2027-01",
        80,
    )


def test_a_quarterly_window_takes_a_step_from_quarters_starting_on_or_after_it() -> None:
    csat = ServiceLevel(
        kpi="csat",
        expected=80,
        minimum=70,
        weight=100,
        window="quarterly",
        steps=[Step.model_validate({"from": "2026-02", "expected": 90, "minimum": 85})],
    )
    rows = [m("csat", "2026-Q1", 82), m("csat", "2026-Q2", 82)]
    q1, q2 = scored(rows, date(2026, 6, 30), [csat]).measurements
    assert (q1.status, q1.expected) == ("met", 80)  # Q1 starts in January, before the step
    assert (q2.status, q2.expected) == ("breached", 90)


# -- 7 the cap shared in proportion ----------------------------------------------------------


def test_a_capped_months_shares_add_up_to_the_cap() -> None:
    levels = [
        level("fcr", 75, 65, 50, credit_allocation=60),
        level("csat", 80, 70, 30, credit_allocation=50),
        level("asa", 28, 40, 20, credit_allocation=30),
    ]
    rows = [m("fcr", "2026-03", 50), m("csat", "2026-03", 50), m("asa", "2026-03", 99)]
    (credit,) = scored(rows, date(2026, 3, 31), levels).credits
    assert credit.capped and credit.uncapped_amount == 14_000
    assert sum(i.amount for i in credit.items) == pytest.approx(10_000)
    assert [round(i.amount, 6) for i in credit.items] == [2142.857143, 3571.428571, 4285.714286]


# -- 7a earn-back ----------------------------------------------------------------------------


def example_5() -> VendorScorecard:
    values = {
        "2026-04": 60,  # breached: credit 5000
        "2026-05": 80,
        "2026-06": 80,  # met twice: waived
        "2026-07": 60,  # breached
        "2026-08": 80,
        "2026-09": 70,  # at-risk: payable
        "2026-10": 80,
        "2026-11": 60,  # breached, as_of 30 November: pending
    }
    rows = [m("fcr", p, v) for p, v in values.items()]
    return scored(rows, date(2026, 11, 30), earn_back_periods=2)


def test_worked_example_5_earn_back_waived_payable_pending() -> None:
    c = example_5()
    states = [(x.period, x.amount, x.items[0].state) for x in c.credits]
    assert states == [
        ("2026-04", 5000.0, "waived"),
        ("2026-07", 5000.0, "payable"),
        ("2026-11", 5000.0, "pending"),
    ]
    assert c.credits[0].items[0].following == ("2026-05", "2026-06")
    assert "2026-09 was at-risk" in c.credits[1].items[0].state_reason
    # the term ends in December, so one following period is all November's credit can have
    assert c.credits[2].items[0].state_reason == "waiting for 2026-12: pending"
    (total,) = c.credit_totals
    assert (total.waived_12m, total.payable_12m, total.pending_12m) == (5000, 5000, 5000)
    assert (total.amount, total.waived, total.payable, total.pending) == (
        15_000,
        5000,
        5000,
        5000,
    )


def test_earn_back_across_a_quarter_boundary_and_a_missing_month() -> None:
    rows = [m("fcr", "2026-03", 60), m("fcr", "2026-04", 80), m("fcr", "2026-06", 80)]
    c = scored(rows, date(2026, 6, 30), earn_back_periods=2)
    (credit,) = c.credits
    item = credit.items[0]
    assert item.following == ("2026-04", "2026-05")  # Q1 March earns back in Q2
    assert (item.state, item.state_reason) == ("payable", "2026-05 was missing: payable")


def test_earn_back_skips_excluded_periods() -> None:
    rows = [m("fcr", "2026-03", 60), excluded("fcr", "2026-04", 10, "Client outage")]
    rows += [m("fcr", "2026-05", 80), m("fcr", "2026-06", 80)]
    (credit,) = scored(rows, date(2026, 6, 30), earn_back_periods=2).credits
    assert (credit.items[0].following, credit.items[0].state) == (("2026-05", "2026-06"), "waived")


def test_a_credit_is_payable_once_the_term_ends_before_its_following_periods() -> None:
    rows = [m("fcr", "2026-11", 80), m("fcr", "2026-12", 60)]
    c = scored(rows, date(2026, 12, 31), earn_back_periods=2)  # the term ends 2026-12-31
    assert c.credits[0].items[0].state == "payable"


# -- 7b default ------------------------------------------------------------------------------


def test_worked_example_9_three_consecutive_breaches_are_a_default() -> None:
    rows = [m("fcr", p, 50) for p in ("2026-05", "2026-06", "2026-07")]
    sl = scored(rows, date(2026, 7, 31), default_after=3).service_levels[0]
    assert (sl.in_default, sl.default.since) == (True, "2026-07")
    assert sl.default.run == ("2026-05", "2026-06", "2026-07")


def test_worked_example_9_a_met_month_breaks_the_run() -> None:
    values = {"2026-05": 50, "2026-06": 50, "2026-07": 80, "2026-08": 50}
    rows = [m("fcr", p, v) for p, v in values.items()]
    sl = scored(rows, date(2026, 8, 31), default_after=3).service_levels[0]
    assert sl.in_default is False


def test_a_missing_month_breaks_the_run_unless_counted_as_breached() -> None:
    rows = [m("fcr", "2026-05", 50), m("fcr", "2026-07", 50)]
    kept = scored(rows, date(2026, 7, 31), default_after=3).service_levels[0]
    assert kept.in_default is False
    strict = scored(rows, date(2026, 7, 31), default_after=3, missing_data="breached")
    assert strict.service_levels[0].in_default is True


def test_a_key_measurement_is_never_in_default() -> None:
    rows = [m("fcr", p, 50) for p in ("2026-05", "2026-06", "2026-07")]
    c = scored(rows, date(2026, 7, 31), [level("fcr", 75, 65)], default_after=3)
    assert (c.service_levels[0].critical, c.service_levels[0].in_default) == (False, False)
