"""The vendor page, its explanation and the reviews under the contract mechanics (SCORING.md
sections 1a-1c, 7, 7a, 7b; issue 15), read as the text a user sees on the built pages.

Two small projects from the minimal one (tests/mechanics_project.py): ``mechanics`` has an
exclusion, a restatement, a stepped target and a default (worked example 9); ``earn_back`` is
worked example 5.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen import formatting as fmt
from tests.conftest import run_cli
from tests.mechanics_project import (
    CONTRACT_FILE,
    CSV_FILE,
    EARN_BACK,
    EARN_BACK_CONTRACT,
    MECHANICS,
    OUTAGE,
    RECOUNT,
    STORM,
    YAML_FILE,
    contract,
)
from tests.minimal_project import SITE, project_files, write_project
from tests.page_text import page_text

VENDOR_PAGE = "vendors/acme/index.html"


def build(files: dict[str, str], root: Path) -> Path:
    write_project(root / "project", {**project_files(), **files})
    out = root / "site"
    result = run_cli("-C", str(root / "project"), "build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


# -- an exclusion, a restatement, a step and a default ----------------------------------------


@pytest.fixture(scope="module")
def mechanics(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MECHANICS, tmp_path_factory.mktemp("mechanics"))


NAMES = (
    "First contact resolution",
    "Average speed of answer",
    "Customer satisfaction",
    "Abandonment rate",
    "Quality score",
)


def sl_row(site: Path, name: str) -> str:
    """The text of one service level's row of the vendor page's table."""
    table = page_text(site / VENDOR_PAGE, css_class="sl-table")
    following = table.split(name, 1)[1]
    for other in NAMES:
        following = following.split(other, 1)[0]
    return following


def test_each_service_level_is_critical_or_a_key_measurement(mechanics: Path) -> None:
    assert f"Critical · 40% allocation, {fmt.money(4000, 'GBP')} a breach" in sl_row(
        mechanics, "First contact resolution"
    )
    assert "Key measurement · earns no credits" in sl_row(mechanics, "Average speed of answer")
    assert "Key measurement" not in sl_row(mechanics, "First contact resolution")


def test_levels_in_force_and_the_next_step(mechanics: Path) -> None:
    row = sl_row(mechanics, "First contact resolution")
    # as of Sep 2026 the July step is in force: 78/68, not the contracted 75/65
    assert "Levels in force since Jul 2026; next step from Jan 2027: expected 80.0%, " in row
    assert "minimum 70.0% 78.0% 68.0% 80.0%" in row
    assert "next step" not in sl_row(mechanics, "Average speed of answer")


def test_a_service_level_in_default_is_flagged_with_its_run(mechanics: Path) -> None:
    row = sl_row(mechanics, "Abandonment rate")
    assert "In default since Jul 2026: possible termination right" in row
    assert "breached in 3 consecutive months (May 2026, Jun 2026, Jul 2026); default after 3" in row
    html = (mechanics / VENDOR_PAGE).read_text(encoding="utf-8")
    assert 'class="flag flag-default"' in html  # a word and an icon, not a colour alone
    assert '<span class="icon" aria-hidden="true">\u26a0</span> In default since' in html
    # worked example 9's other case: FCR breached May, June, met July, breached August
    assert "In default" not in sl_row(mechanics, "First contact resolution")


def test_the_contract_in_default_is_flagged_in_the_table_and_by_the_headline(
    mechanics: Path,
) -> None:
    contracts = page_text(mechanics / VENDOR_PAGE, css_class="contracts-table")
    assert "Active In default: possible termination right Abandonment rate since Jul 2026" in (
        contracts
    )
    head = page_text(mechanics / VENDOR_PAGE, css_class="default-alert")
    assert head == (
        "Acme voice support in default: possible termination right "
        "Abandonment rate since Jul 2026: see the service levels below"
    )


def test_excluded_and_restated_figures_are_listed_with_reason_and_origin(mechanics: Path) -> None:
    listed = page_text(mechanics / VENDOR_PAGE, css_class="adjusted")
    assert listed == (
        "Sep 2026 Quality score 92.0 restated Met first reported 85.0, restated on "
        "30 Sep 2026: Sampling error corrected "
        f"Jul 2026 Quality score 70.0 Excluded not scored: {OUTAGE} "
        "May 2026 Average speed of answer 34 s restated At risk first reported 46 s, restated on "
        f"20 Jun 2026: {RECOUNT} "
        f"Apr 2026 Average speed of answer 55 s Excluded not scored: {STORM}"
    )


def test_the_latest_value_is_marked_restated_in_the_table(mechanics: Path) -> None:
    assert "92.0 restated Sep 2026 Met" in sl_row(mechanics, "Quality score")


def test_the_kpi_page_marks_a_restated_latest_value(mechanics: Path) -> None:
    row = page_text(mechanics / "kpis/qa/index.html", css_class="data")
    assert (
        "92.0 restated first reported 85.0, restated on 30 Sep 2026: Sampling error corrected "
        "Sep 2026 Met"
    ) in row


def test_the_explanation_names_the_excluded_and_restated_months(mechanics: Path) -> None:
    how = page_text(mechanics / VENDOR_PAGE, within="how")
    # the headline is Q3 2026: quality's July excused, its September restated
    assert (
        f"Jul 2026: excluded ({OUTAGE}), not scored, Aug 2026: 100.0, "
        "Sep 2026: 100.0 (92.0 restated, first reported 85.0)"
    ) in how
    assert "2 of 2 months" in how.split("Quality score")[1]  # July is not expected


def test_the_review_shows_excluded_and_restated_periods(mechanics: Path) -> None:
    review = mechanics / "vendors/acme/reviews/2026-Q2/index.html"
    table = page_text(review, css_class="review-table")
    assert (
        "Apr 2026 55 s Excluded May 2026 34 s restated At risk Jun 2026 25 s Met "
        f"Apr 2026 excluded, not scored: {STORM} "
        f"May 2026: first reported 46 s, restated on 20 Jun 2026: {RECOUNT}"
    ) in table
    # Q2's ASA averages May (at risk, 75.0) and June (100.0): the two months it expected
    assert "87.5 coverage 2 of 2 months" in table.split("Average speed of answer")[1]


def test_the_review_shows_the_levels_in_force_that_quarter(mechanics: Path) -> None:
    q2 = page_text(mechanics / "vendors/acme/reviews/2026-Q2/index.html", css_class="review-table")
    q3 = page_text(mechanics / "vendors/acme/reviews/2026-Q3/index.html", css_class="review-table")
    fcr = "First contact resolution monthly · weight 30 · critical, 40% credit allocation "
    assert fcr + "75.0% 65.0%" in q2
    assert fcr + "78.0% 68.0%" in q3


# -- worked example 5: earn-back -----------------------------------------------------------


@pytest.fixture(scope="module")
def earn_back(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(EARN_BACK, tmp_path_factory.mktemp("earn-back"))


def gbp(amount: float) -> str:
    return fmt.money(amount, "GBP")


def test_the_ledger_shows_each_credit_earned_and_its_state_with_the_working(
    earn_back: Path,
) -> None:
    ledger = page_text(earn_back / VENDOR_PAGE, css_class="credits-table")
    line = "First contact resolution (50%) {} {} 10,000 × 50% = 5,000 {}"
    waived = line.format(gbp(5000), "Waived", "met in May 2026, Jun 2026: earned back, waived")
    payable = line.format(gbp(5000), "Payable", "Sep 2026 was at risk: payable")
    pending = line.format(gbp(5000), "Pending", "waiting for Dec 2026, Jan 2027: pending")
    assert f"Apr 2026 {waived} Jul 2026 {payable} Nov 2026 {pending}" in ledger


def test_the_ledger_totals_earned_waived_pending_and_payable(earn_back: Path) -> None:
    ledger = page_text(earn_back / VENDOR_PAGE, css_class="ledger")
    assert ledger.startswith(
        f"At risk each month: {gbp(10000)} (10% of the monthly charge of {gbp(100000)})"
    )
    assert "earn-back: a credit is waived when the service level is met in its 2 following" in (
        ledger
    )
    assert (
        f"Earned {gbp(15000)} Waived {gbp(5000)} Pending {gbp(5000)} Payable {gbp(5000)}"
    ) in ledger


def test_the_glance_shows_credits_payable_with_earned_beside(earn_back: Path) -> None:
    value = page_text(earn_back / VENDOR_PAGE, css_class="stat-value")
    note = page_text(earn_back / VENDOR_PAGE, css_class="stat-note")
    stats = page_text(earn_back / VENDOR_PAGE, css_class="stats")
    assert f"Credits payable, last 12 months {gbp(5000)}" in stats
    assert gbp(5000) in value.split()
    assert f"{gbp(15000)} earned, {gbp(5000)} waived, {gbp(5000)} pending" in note


def test_the_review_shows_each_credits_state(earn_back: Path) -> None:
    card = page_text(
        earn_back / "vendors/acme/reviews/2026-Q2/index.html", css_class="credit-lines"
    )
    assert card == (
        f"First contact resolution: {gbp(5000)} Waived 10,000 × 50% = 5,000 met in May 2026, "
        "Jun 2026: earned back, waived"
    )


# -- a vendor with two contracts: credit rows by month within each contract -----------------

CHAT = "content/vendors/acme/contracts/chat.yaml"


def test_two_contracts_each_list_their_credits_by_month(tmp_path: Path) -> None:
    """Before issue 15 one list mixed them: Dec 2025, Jul 2026, Feb 2026."""
    voice_rows = "kpi,period,value,contract\n" + "".join(
        f"fcr,{p},{v},voice\n" for p, v in (("2026-02", 60), ("2026-07", 60), ("2026-08", 80))
    )
    chat_rows = "".join(f"fcr,{p},{v},chat\n" for p, v in (("2025-12", 60), ("2026-05", 60)))
    chat = EARN_BACK_CONTRACT.replace("Acme voice support", "Acme chat support").replace(
        "start: 2026-01-01", "start: 2025-10-01"
    )
    files = {
        "content/site.yaml": SITE.replace("as_of: 2025-06-30", "as_of: 2026-08-31"),
        CONTRACT_FILE: contract(fcr="    credit_allocation: 40\n", abandon="", terms=""),
        CHAT: chat,
        CSV_FILE: voice_rows + chat_rows,
        YAML_FILE: "[]\n",
    }
    site = build(files, tmp_path)
    ledgers = page_text(site / VENDOR_PAGE, css_class="ledger")
    chat_part, voice_part = ledgers.split("Acme voice support GBP")
    assert chat_part.startswith("Acme chat support GBP")
    assert chat_part.index("Dec 2025") < chat_part.index("May 2026")
    assert voice_part.index("Feb 2026") < voice_part.index("Jul 2026")
    assert "Dec 2025" not in voice_part and "Feb 2026" not in chat_part
