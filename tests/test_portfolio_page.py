"""The portfolio's rows (issue 14, SCORING.md section 5): ranked and coloured by the latest
closed quarter, a quarter in progress shown beside it "to date" and never ranked, and a
vendor whose contracts differ in status saying so on its row."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.minimal_project import SITE, VENDOR, project_files, vendors_like_acme
from tests.portfolio_pages import build_index, chat_contract, row, vendor_order

JULY_SITE = SITE.replace("as_of: 2025-06-30", "as_of: 2025-07-31")
BETA = "content/vendors/beta"
# every monthly service level at or beyond expected in 2025-Q2 (score 100), then breached
# in July: a closed green quarter followed by a red month
BETA_MONTHS = """\
kpi,period,value
fcr,2025-04,80
fcr,2025-05,80
fcr,2025-06,80
asa,2025-04,25
asa,2025-05,25
asa,2025-06,25
abandon,2025-04,4
abandon,2025-05,4
abandon,2025-06,4
qa,2025-04,95
qa,2025-05,95
qa,2025-06,95
fcr,2025-07,40
asa,2025-07,90
abandon,2025-07,15
qa,2025-07,50
"""
BETA_QUARTERS = "- kpi: csat\n  period: 2025-Q2\n  value: 90\n"


def two_vendors() -> dict[str, str | bytes]:
    """Acme (2025-Q2 87.5 green, nothing in July) and Beta (2025-Q2 100 green, July red),
    scored on 31 July 2025, when 2025-Q3 is one month in."""
    files = vendors_like_acme(["acme", "beta"])
    files["content/site.yaml"] = JULY_SITE
    files[f"{BETA}/vendor.yaml"] = VENDOR.replace("Acme Support", "Beta Services")
    files[f"{BETA}/measurements/2025.csv"] = BETA_MONTHS
    files[f"{BETA}/measurements/extra.yaml"] = BETA_QUARTERS
    return files


@pytest.fixture(scope="module")
def july_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_index(tmp_path_factory.mktemp("july"), two_vendors())


def test_ranking_ignores_the_quarter_in_progress(july_page: str) -> None:
    # worst first by 2025-Q2: Acme 87.5 before Beta 100, though Beta's July is red
    assert vendor_order(july_page) == ["Acme Support", "Beta Services"]
    beta = row(july_page, "Beta Services")
    assert beta.startswith("Beta Services Customer support \u00b7 Offshore 100.0 \u2713 Green")
    assert "Q2 2025 score" in july_page  # the column head names the closed quarter


def test_a_quarter_in_progress_is_shown_to_date_beside_the_headline(july_page: str) -> None:
    beta = row(july_page, "Beta Services")
    assert "Q3 2025 to date, 1 of 3 months: " in beta
    assert "Red" in beta.split("to date, 1 of 3 months")[1]
    assert "to date" not in row(july_page, "Acme Support")  # nothing measured in July


def with_gamma(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """``files`` and Gamma, whose contract starts in July 2025: no closed quarter, its
    headline is 2025-Q3 so far (and red: July's figures are Beta's breaches)."""
    files = dict(files)
    gamma = "content/vendors/gamma"
    for path, content in list(files.items()):
        if path.startswith(f"{BETA}/"):
            files[path.replace("/beta/", "/gamma/")] = content
    files[f"{gamma}/vendor.yaml"] = VENDOR.replace("Acme Support", "Gamma Care")
    files[f"{gamma}/contracts/voice.yaml"] = str(files[f"{gamma}/contracts/voice.yaml"]).replace(
        "start: 2025-01-01", "start: 2025-07-01"
    )
    july = "".join(line + "\n" for line in BETA_MONTHS.splitlines() if "2025-07" in line)
    files[f"{gamma}/measurements/2025.csv"] = "kpi,period,value\n" + july
    del files[f"{gamma}/measurements/extra.yaml"]
    return files


@pytest.fixture(scope="module")
def gamma_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_index(tmp_path_factory.mktemp("gamma"), with_gamma(two_vendors()))


def test_a_vendor_without_a_closed_quarter_comes_after_the_ranked(gamma_page: str) -> None:
    # Gamma's July is red, worse than anyone's closed quarter, yet it is not ranked above them
    assert vendor_order(gamma_page) == ["Acme Support", "Beta Services", "Gamma Care"]
    assert "\u2715 Red" in row(gamma_page, "Gamma Care")


def test_a_headline_still_in_progress_is_marked(gamma_page: str) -> None:
    assert "in progress, to date, 1 of 3 months" in row(gamma_page, "Gamma Care")
    assert "in progress" not in row(gamma_page, "Beta Services")


def test_a_contract_of_another_status_is_named_on_the_row(tmp_path: Path) -> None:
    # voice green at £1.2M outweighs chat, 70 amber at £100K: the vendor is green
    files = {**project_files(), **chat_contract(100_000, "GBP")}
    page = build_index(tmp_path, files)
    acme = row(page, "Acme Support")
    assert "\u2713 Green" in acme
    assert "! 1 of 2 contracts amber" in acme
    assert 'class="flag flag-amber"><span class="icon" aria-hidden="true">!</span> 1 of 2' in page


def test_a_vendor_whose_contracts_agree_has_no_mix(july_page: str) -> None:
    assert "contracts" not in row(july_page, "Acme Support")
    assert "contracts" not in row(july_page, "Beta Services")
