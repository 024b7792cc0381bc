"""The vendor page's headline: the latest closed quarter, the quarter in progress beside it,
the contract mix, and a vendor weighted across currencies (SCORING.md section 5, worked
examples 7 and 8; issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen import formatting as fmt
from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, SITE, project_files, write_project
from tests.page_text import page_text

VENDOR_PAGE = "vendors/acme/index.html"
VOICE = "content/vendors/acme/contracts/voice.yaml"
CSV = "content/vendors/acme/measurements/2025.csv"
YAML = "content/vendors/acme/measurements/extra.yaml"

# Q2 2026 fully reported (every service level met), and one FCR row for July loaded early.
Q2_2026 = "kpi,period,value\n" + "".join(
    f"{kpi},2026-{m:02d},{v}\n"
    for kpi, v in (("fcr", 80), ("asa", 25), ("abandon", 4.5), ("qa", 91))
    for m in (4, 5, 6)
)
CSAT_Q2 = "- kpi: csat\n  period: 2026-Q2\n  value: 86\n"
EARLY_JULY = "- kpi: fcr\n  period: 2026-07\n  value: 70\n"
NO_AS_OF = SITE.replace("as_of: 2025-06-30\n", "")  # as_of: the end of the latest period


def build(files: dict[str, str], root: Path) -> Path:
    write_project(root / "project", files)
    out = root / "site"
    result = run_cli("-C", str(root / "project"), "build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def early_row(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Worked example 7: as_of becomes 31 July 2026 through one early July row."""
    files = {
        **project_files(),
        "content/site.yaml": NO_AS_OF,
        VOICE: CONTRACT.replace("start: 2025-01-01", "start: 2026-01-01"),
        CSV: Q2_2026,
        YAML: CSAT_Q2 + EARLY_JULY,
    }
    return build(files, tmp_path_factory.mktemp("early"))


def test_early_row_keeps_the_closed_quarter_as_headline(early_row: Path) -> None:
    head = page_text(early_row / VENDOR_PAGE, css_class="headline")
    assert head.startswith("Q2 2026 score 100.0 Green")
    assert "as of 31 Jul 2026" in head
    assert "in progress" not in head.lower()


def test_quarter_in_progress_shows_beside_the_headline(early_row: Path) -> None:
    # July: FCR 70 (75.0) alone; the other monthly levels miss July: coverage 30/80 = 37.5
    to_date = page_text(early_row / VENDOR_PAGE, css_class="to-date")
    assert to_date.startswith("Q3 2026 to date, 1 of 3 months: 75.0 Insufficient data")
    assert "not the headline" in to_date
    how = page_text(early_row / VENDOR_PAGE, within="how")
    assert "The Q2 2026 score is 100.0" in how
    assert (
        "Q3 2026 is in progress (to date, 1 of 3 months, 75.0 so far): it is not the headline"
        in how
    )


def test_a_headline_in_progress_says_so(tmp_path: Path) -> None:
    """When no closed quarter has data, the quarter in progress is the headline, marked."""
    files = {
        **project_files(),
        "content/site.yaml": SITE.replace("2025-06-30", "2025-05-31"),
        CSV: "kpi,period,value\nfcr,2025-04,80\nfcr,2025-05,70\n",
        YAML: "[]\n",
    }
    site = build(files, tmp_path)
    head = page_text(site / VENDOR_PAGE, css_class="headline")
    assert head.startswith("Q2 2025 score · in progress")
    assert "In progress, to date, 2 of 3 months: no closed quarter has data yet" in head
    assert page_text(site / VENDOR_PAGE, css_class="to-date") == ""
    how = page_text(site / VENDOR_PAGE, within="how")
    assert "Q2 2025 is still in progress (to date, 2 of 3 months): no closed quarter" in how


# Worked example 8 on two one-level contracts: voice (GBP 1,000,000) scores 80 with FCR 71,
# chat (EUR 1,000,000) scores 90 with FCR 73; reporting USD, EUR at 1.10, GBP at 1.25.
# Vendor = (80 × 1.25 + 90 × 1.10) / 2.35 = 84.680851. With green at 84, the vendor is green
# and voice amber. Both breach in March (FCR 60): credits of 40% of the at-risk amount.
TWO_CURRENCY_SITE = """\
title: Test scorecards
organisation: Test Org
as_of: 2025-06-30
currency: USD
exchange_rates: {EUR: 1.10, GBP: 1.25}
scoring:
  bands: {green: 84, amber: 65}
lints:
  sl_count: off
"""
ONE_LEVEL = """\
title: {title}
start: 2025-01-01
end: 2027-12-31
notice_days: 90
annual_value: {{amount: 1000000, currency: {currency}}}
monthly_charge: {charge}
at_risk_percent: 10
service_levels:
  - kpi: fcr
    expected: 75
    minimum: 65
    weight: 100
    owner: Ana Ops
    credit_allocation: 40
"""
TWO_CONTRACT_ROWS = "kpi,contract,period,value\n" + "".join(
    f"fcr,{c},2025-{m:02d},{v if m > 3 else 60}\n"
    for c, v in (("voice", 71), ("chat", 73))
    for m in (3, 4, 5, 6)
)


@pytest.fixture(scope="module")
def two_currencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        k: v
        for k, v in project_files().items()
        if not k.startswith("content/vendors/acme/measurements/")
    }
    files.update(
        {
            "content/site.yaml": TWO_CURRENCY_SITE,
            VOICE: ONE_LEVEL.format(title="Voice support", currency="GBP", charge=100000),
            "content/vendors/acme/contracts/chat.yaml": ONE_LEVEL.format(
                title="Chat support", currency="EUR", charge=50000
            ),
            CSV: TWO_CONTRACT_ROWS,
        }
    )
    return build(files, tmp_path_factory.mktemp("currencies"))


def test_green_vendor_with_an_amber_contract_says_so(two_currencies: Path) -> None:
    head = page_text(two_currencies / VENDOR_PAGE, css_class="headline")
    assert head.startswith("Q2 2025 score 84.7 Green")
    assert "1 of 2 contracts amber" in head


def test_explanation_converts_each_contract_weight(two_currencies: Path) -> None:
    how = page_text(two_currencies / VENDOR_PAGE, within="how")
    assert "weighted by annual value in USD (EUR at 1.1, GBP at 1.25)" in how
    voice = f"Voice support {fmt.money(1_000_000, 'GBP')} {fmt.money(1_250_000, 'USD')} GBP at 1.25"
    chat = f"Chat support {fmt.money(1_000_000, 'EUR')} {fmt.money(1_100_000, 'USD')} EUR at 1.1"
    assert voice + " 53.2% 80.0 42.6" in how
    assert chat + " 46.8% 90.0 42.1" in how
    assert "(1,100,000 × 90.0 + 1,250,000 × 80.0) / (1,100,000 + 1,250,000) = 84.7" in how


def test_credits_are_in_each_contracts_currency(two_currencies: Path) -> None:
    """Each contract has its own ledger, in its own currency (issue 15: not one list whose
    months jump between contracts)."""
    ledgers = page_text(two_currencies / VENDOR_PAGE, css_class="ledger")
    chat, voice = ledgers.split("Voice support GBP")
    # at-risk 10% of the monthly charge, 40% of it for the FCR breach in March
    line = "Mar 2025 First contact resolution (40%) {} Payable"
    assert chat.startswith("Chat support EUR")
    assert line.format(fmt.money(2000, "EUR")) in chat
    assert line.format(fmt.money(4000, "GBP")) in voice
    assert f"Earned {fmt.money(4000, 'GBP')} Waived {fmt.money(0, 'GBP')}" in voice


def test_credits_are_written_for_the_sites_language(tmp_path: Path) -> None:
    """The minimal project's FCR breach in June earns 4000 GBP; site.yaml language: de."""
    files = {**project_files(), "content/site.yaml": SITE + "language: de\n"}
    site = build(files, tmp_path)
    german = " ".join(fmt.money(4000, "GBP", locale="de").split())  # as page_text spaces it
    assert german != fmt.money(4000, "GBP")  # 4.000 £ against £4,000
    assert german in page_text(site / VENDOR_PAGE, css_class="credits-table")
    review = page_text(site / "vendors/acme/reviews/2025-Q2/index.html", css_class="facts")
    assert german in review


def test_review_of_the_quarter_in_progress(early_row: Path) -> None:
    review = early_row / "vendors/acme/reviews/2026-Q3/index.html"
    table = page_text(review, css_class="review-table")
    # July is due and missing for ASA; August and September end after as_of
    assert "Jul 2026 — Missing Aug 2026 — Not due Sep 2026 — Not due" in table
    how = page_text(review, css_class="explain-plain")
    assert "Customer satisfaction (nothing expected)" in how
    assert "Average speed of answer (missing)" in how
    assert "Q3 2026 is still in progress (to date, 1 of 3 months)" in how
    assert "it is not the headline" in how
