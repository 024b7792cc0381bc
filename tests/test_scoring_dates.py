"""as_of, contract, certification and action dates (SCORING.md section 8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from scorecardgen.scoring import score_project
from scorecardgen.scoring.dates import contract_dates
from tests.scoring_factories import action, card, contract, level, m, project, vendor

AS_OF = date(2025, 6, 30)


def test_as_of_from_site_settings() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2025-03", 70)],
        ),
        as_of=date(2025, 5, 15),
    )
    portfolio = score_project(prj)
    assert portfolio.as_of == date(2025, 5, 15)
    assert portfolio.as_of_detail.source == "site"
    assert portfolio.vendors["acme"].as_of == date(2025, 5, 15)


def test_as_of_from_the_latest_measured_period_of_the_whole_project() -> None:
    acme = vendor(
        contracts=[contract("main", [level("fcr", 75, 65)])], measurements=[m("fcr", "2025-03", 70)]
    )
    zeta = vendor(
        "zeta",
        contracts=[contract("main", [level("csat", 80, 70, window="quarterly")])],
        measurements=[m("csat", "2025-Q2", 75, vendor_id="zeta")],
    )
    portfolio = score_project(project(acme, zeta))
    assert portfolio.as_of == date(2025, 6, 30)
    assert portfolio.as_of_detail.source == "measurements"
    assert portfolio.vendors["acme"].as_of == date(2025, 6, 30)
    assert [q.period for q in portfolio.vendors["acme"].quarters] == ["2025-Q1", "2025-Q2"]


def test_as_of_from_data_is_the_last_day_of_the_latest_month() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2024-02", 70), m("fcr", "2024-01", 70)],
        )
    )
    assert score_project(prj).as_of == date(2024, 2, 29)


def test_explicit_null_measurement_still_sets_as_of() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2025-03", 70), m("fcr", "2025-04", None)],
        )
    )
    assert score_project(prj).as_of == date(2025, 4, 30)


def test_as_of_without_measurements_never_reads_the_clock() -> None:
    prj = project(
        vendor(contracts=[contract("main", [level("fcr", 75, 65)], start=date(2024, 4, 1))])
    )
    assert score_project(prj).as_of == date(2024, 4, 1)
    assert score_project(project()).as_of == date(1970, 1, 1)


def dates_on(as_of: date, end: date = date(2026, 3, 31), notice_days: int = 90) -> str:
    c = contract("main", [level("fcr", 75, 65)], end=end, notice_days=notice_days)
    return contract_dates(c, as_of).state


def test_cancel_by_is_end_minus_notice_days() -> None:
    c = contract("main", [level("fcr", 75, 65)], end=date(2026, 3, 31), notice_days=90)
    dates = contract_dates(c, AS_OF)
    assert dates.cancel_by == date(2025, 12, 31)
    assert dates.days_to_cancel_by == 184
    assert "2025-12-31" in dates.explanation


def test_contract_states_around_the_120_day_horizon() -> None:
    cancel_by = date(2025, 12, 31)
    assert dates_on(cancel_by - timedelta(days=121)) == "active"
    assert dates_on(cancel_by - timedelta(days=120)) == "renewal-due"
    assert dates_on(cancel_by) == "renewal-due"
    assert dates_on(date(2026, 3, 31)) == "renewal-due"  # ends on as_of: not yet expired
    assert dates_on(date(2026, 4, 1)) == "expired"


def test_contract_dates_in_the_scorecard_sorted_by_id() -> None:
    b = contract("b", [level("fcr", 75, 65)], end=date(2025, 6, 1))
    a = contract("a", [level("fcr", 75, 65)], end=date(2027, 12, 31))
    c = card(project(vendor(contracts=[b, a]), as_of=AS_OF))
    assert [(x.id, x.state) for x in c.contracts] == [("a", "active"), ("b", "expired")]
    assert [x.id for x in c.renewals_due] == []


@pytest.mark.parametrize(
    ("expires", "state"),
    [
        (AS_OF - timedelta(days=1), "expired"),
        (AS_OF, "expiring"),
        (AS_OF + timedelta(days=90), "expiring"),
        (AS_OF + timedelta(days=91), "valid"),
    ],
)
def test_certification_states(expires: date, state: str) -> None:
    c = card(project(vendor(certifications=[("ISO 27001", expires)]), as_of=AS_OF))
    (cert,) = c.certifications
    assert (cert.name, cert.expires, cert.state) == ("ISO 27001", expires, state)


def test_certifications_sorted_by_expiry_then_name() -> None:
    certs = [
        ("SOC 2", date(2026, 1, 1)),
        ("PCI DSS", date(2025, 7, 1)),
        ("ISO 9001", date(2026, 1, 1)),
    ]
    c = card(project(vendor(certifications=certs), as_of=AS_OF))
    assert [x.name for x in c.certifications] == ["PCI DSS", "ISO 9001", "SOC 2"]
    assert [x.name for x in c.certifications_due] == ["PCI DSS"]


def test_overdue_actions() -> None:
    notes = [
        action("late", AS_OF - timedelta(days=3)),
        action("today", AS_OF),
        action("done", AS_OF - timedelta(days=30), status="done"),
        action("later", AS_OF + timedelta(days=30)),
        action("review", AS_OF - timedelta(days=30), kind="review"),
    ]
    c = card(project(vendor(notes=notes), as_of=AS_OF))
    assert [(a.id, a.overdue) for a in c.actions] == [
        ("done", False),
        ("late", True),
        ("today", False),
        ("later", False),
    ]
    (late,) = c.overdue_actions
    assert late.days_overdue == 3
