"""The methodology page tells the second-edition rules with the site's own numbers: bands,
reporting currency and rates, as_of and its quarter, lints as site.yaml tunes them (issue 14)."""

from __future__ import annotations

from pathlib import Path

from scorecardgen import formatting as fmt
from tests.conftest import run_cli
from tests.minimal_project import SITE, project_files, write_project
from tests.page_text import page_text

PAGE = "methodology/index.html"
TUNED = """\
currency: USD
exchange_rates: {EUR: 1.10, GBP: 1.25}
scoring:
  bands: {green: 84, amber: 60}
lints:
  sl_count: {min: 3, max: 4}
  no_owner: error
  unused_kpi: off
"""


def methodology(tmp_path: Path, site_yaml: str) -> str:
    root = write_project(tmp_path / "project", {**project_files(), "content/site.yaml": site_yaml})
    result = run_cli("-C", str(root), "build", "-o", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    return page_text(tmp_path / "site" / PAGE)


def test_reporting_currency_and_rates_are_the_sites(tmp_path: Path) -> None:
    text = methodology(tmp_path, SITE + TUNED)
    assert "This site reports in USD. Its exchange rates: 1 EUR = 1.1 USD 1 GBP = 1.25 USD" in text
    worth, weighs = fmt.money(1_000_000, "EUR"), fmt.money(1_100_000, "USD")
    assert f"So a contract worth {worth} a year weighs {weighs} beside the others." in text


def test_currency_shared_by_every_contract_when_site_names_none(tmp_path: Path) -> None:
    text = methodology(tmp_path, SITE)
    assert "This site reports in GBP (the currency every contract shares; site.yaml names" in text
    assert "It sets no exchange rates." in text


def test_bands_and_lints_are_the_sites(tmp_path: Path) -> None:
    text = methodology(tmp_path, SITE + TUNED)
    assert "green at 84 or above, amber at 60 or above" in text
    assert "sl_count a contract with fewer than 3 or more than 4 service levels warning" in text
    assert "no_owner a service level without an owner error" in text
    assert "unused_kpi a KPI used by no contract off (muted)" in text
    assert "missing_periods missing periods in the rolling 12 months" in text


def test_missing_data_is_worked_example_3(tmp_path: Path) -> None:
    text = methodology(tmp_path, SITE)
    assert "(60 × 2/3 + 40 × 0/3) / (60 + 40) × 100 = 40.0 Insufficient data" in text
    assert "(60 × 87.5 + 40 × 50.0) / (60 + 40) = 72.5" in text
    assert "(60 × 2/3 + 40 × 3/3) / (60 + 40) × 100 = 80.0 Amber" in text
    assert "missing_data: breached" in text


def test_as_of_and_its_quarter(tmp_path: Path) -> None:
    closed = methodology(tmp_path / "closed", SITE)
    assert "On this site it is 30 Jun 2025 (as_of set in site.yaml)" in closed
    assert "On this site's as-of date Q2 2025 is closed." in closed
    assert '(for example "Q3 2025 to date, 1 of 3 months")' in closed
    early = methodology(tmp_path / "early", SITE.replace("2025-06-30", "2025-07-31"))
    assert "Q3 2025 is in progress (to date, 1 of 3 months)" in early
    assert '(for example "Q3 2025 to date, 1 of 3 months")' in early
    assert "headlines speak for Q2 2025 or earlier" in early
