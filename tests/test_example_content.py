"""The example project in content/ and the `new` scaffold: clean, and telling the intended story.

content/ is what users read to learn the format, so these tests pin the facts its notes and
summaries describe (statuses, trends, persistent failures, renewals, certificates, actions).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen.pipeline import Checked, check_project
from scorecardgen.scaffold import create_project

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def example() -> Checked:
    return check_project(REPO)


def test_example_content_is_clean(example: Checked) -> None:
    assert [p.format() for p in example.problems] == []
    assert example.portfolio is not None


def test_scaffold_creates_a_clean_project(tmp_path: Path) -> None:
    target = tmp_path / "project"
    create_project(target)
    assert (target / ".gitignore").read_text().split() == ["output/", ".scorecardgen-cache/"]
    checked = check_project(target)
    assert [p.format() for p in checked.problems] == []
    assert checked.portfolio is not None
    card = checked.portfolio.vendors["brightpath"]
    assert card.headline.period == "2026-Q2"
    assert card.headline.status == "green"


def test_example_covers_the_format(example: Checked) -> None:
    project = example.project
    assert project is not None
    functions = {v.vendor.function for v in project.vendors.values()}
    assert {
        "customer-support",
        "it-helpdesk",
        "finance-accounting",
        "software",
        "hr",
        "content-moderation",
    } <= functions
    assert {v.vendor.delivery for v in project.vendors.values()} == {
        "onshore",
        "nearshore",
        "offshore",
    }
    used = set()
    for content in project.vendors.values():
        for contract in content.contracts.values():
            assert 5 <= len(contract.service_levels) <= 9
            assert sum(s.weight for s in contract.service_levels) == 100
            assert all(s.owner for s in contract.service_levels)
            used |= {s.kpi for s in contract.service_levels}
    assert used == set(project.kpis)
    windows = {
        s.window
        for c in project.vendors.values()
        for k in c.contracts.values()
        for s in k.service_levels
    }
    assert windows == {"monthly", "quarterly"}
    kinds = {n.kind for c in project.vendors.values() for n in c.notes.values()}
    assert kinds == {"review", "action", "incident", "note"}


def test_two_contracts_share_kpis(example: Checked) -> None:
    project = example.project
    assert project is not None
    meridian = project.vendors["meridian-contact"]
    assert set(meridian.contracts) == {"voice-care", "email-backoffice"}
    shared = {s.kpi for s in meridian.contracts["voice-care"].service_levels} & {
        s.kpi for s in meridian.contracts["email-backoffice"].service_levels
    }
    assert shared == {"first-contact-resolution", "quality-score", "customer-satisfaction"}
    for m in meridian.measurements:
        if m.kpi in shared:
            assert m.contract is not None


@pytest.mark.parametrize(
    ("vendor", "status", "trend"),
    [
        ("kestrel-infotech", "green", "flat"),
        ("ledgerline", "green", "up"),
        ("meridian-contact", "amber", "flat"),
        ("northbridge-labs", "green", "up"),
        ("summit-people", "amber", "down"),
        ("clearwater-trust-safety", "red", "up"),
    ],
)
def test_headlines(example: Checked, vendor: str, status: str, trend: str) -> None:
    assert example.portfolio is not None
    headline = example.portfolio.vendors[vendor].headline
    assert headline.period == "2026-Q3"
    assert (headline.status, headline.trend) == (status, trend)


def test_dates_and_flags(example: Checked) -> None:
    assert example.portfolio is not None
    cards = example.portfolio.vendors
    assert str(example.portfolio.as_of) == "2026-09-30"
    renewals = {(v, c.id) for v, card in cards.items() for c in card.renewals_due}
    assert renewals == {("ledgerline", "finance-operations")}
    certs = {(v, c.name, c.state) for v, card in cards.items() for c in card.certifications_due}
    assert certs == {
        ("ledgerline", "ISO/IEC 27001:2013", "expired"),
        ("meridian-contact", "PCI DSS v4.0 (service provider, level 1)", "expiring"),
        ("summit-people", "SOC 2 Type II", "expiring"),
    }
    overdue = {(v, a.id) for v, card in cards.items() for a in card.overdue_actions}
    assert overdue == {
        ("clearwater-trust-safety", "turnaround-recovery-plan"),
        ("ledgerline", "iso-27001-recertification"),
        ("summit-people", "payroll-error-root-cause"),
    }
    failures = {(s.contract, s.kpi) for s in cards["clearwater-trust-safety"].persistent_failures}
    assert ("marketplace-moderation", "moderation-turnaround-time") in failures
    assert cards["kestrel-infotech"].persistent_failures == ()
