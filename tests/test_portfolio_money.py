"""The portfolio's money (issue 14, SCORING.md section 5): totals in the reporting currency
with the currency named when the site's rates convert everything, per currency with a
visible note when they do not, and every amount with its own currency's symbol and decimals.
"""

from __future__ import annotations

from pathlib import Path

from tests.minimal_project import SITE, VENDOR, project_files, vendors_like_acme
from tests.portfolio_pages import (
    ACME,
    annual_value_title,
    build_index,
    chat_contract,
    row,
    stat,
)

NBSP = "\u00a0"
GBP_SITE = SITE + "currency: GBP\nexchange_rates: {EUR: 0.85}\n"
VOICE = f"{ACME}/contracts/voice.yaml"


def test_a_two_currency_vendor_is_converted_at_the_sites_rates(tmp_path: Path) -> None:
    # voice £1,200,000 + chat €600,000 at 0.85 = £1,710,000
    files = {**project_files(), **chat_contract(600_000, "EUR"), "content/site.yaml": GBP_SITE}
    page = build_index(tmp_path, files)
    assert stat(page, "Annual contract value") == (
        "Annual contract value (GBP)",
        "\u00a31.71M",
        "1 vendor, converted: EUR at 0.85",
    )
    assert "\u00a31.71M" in row(page, "Acme Support")
    assert annual_value_title(page, "Acme Support") == (
        "\u00a31,710,000 = \u00a31,200,000 + \u20ac600,000 (EUR at 0.85)"
    )
    assert "shown per currency" not in page


def test_totals_in_currencies_no_rate_converts_are_shown_per_currency(tmp_path: Path) -> None:
    files = vendors_like_acme(["acme", "beta"])
    files["content/vendors/beta/vendor.yaml"] = VENDOR.replace("Acme Support", "Beta Services")
    files["content/vendors/beta/contracts/voice.yaml"] = project_files()[VOICE].replace(
        "amount: 1200000, currency: GBP", "amount: 80000, currency: EUR"
    )
    page = build_index(tmp_path, files)
    label, value, _ = stat(page, "Annual contract value")
    assert (label, value) == ("Annual contract value", "\u00a31.2M + \u20ac80K")
    assert (
        "Annual contract value and credits shown per currency: site.yaml names no reporting "
        "currency (currency, exchange_rates) for EUR, GBP." in page
    )
    # each vendor's own value stays in its own currency
    assert "\u20ac80K" in row(page, "Beta Services")
    assert "\u00a31.2M" in row(page, "Acme Support")

    # a reporting currency without a rate for EUR: still per currency, and the note says which
    files["content/site.yaml"] = SITE + "currency: GBP\n"
    page = build_index(tmp_path / "no-rate", files)
    assert stat(page, "Annual contract value")[1] == "\u00a31.2M + \u20ac80K"
    assert (
        "Annual contract value and credits shown per currency: "
        "no exchange rate converts EUR to GBP." in page
    )
    assert stat(page, "Credits, last 12 months")[:2] == (
        "Credits, last 12 months",
        "\u20ac4K + \u00a34K",
    )


def test_one_currency_is_named_and_never_converted_away(tmp_path: Path) -> None:
    page = build_index(tmp_path, dict(project_files()))
    assert stat(page, "Annual contract value")[:2] == ("Annual contract value (GBP)", "\u00a31.2M")
    # June's FCR breach: 100,000 x 10% x 40% = 4,000, a whole amount without pence
    assert stat(page, "Credits, last 12 months")[:2] == (
        "Credits, last 12 months (GBP)",
        "\u00a34K",
    )
    assert "\u00a34,000 " in row(page, "Acme Support") + " "
    assert "shown per currency" not in page


def test_yen_are_written_without_decimals(tmp_path: Path) -> None:
    files = dict(project_files())
    files[VOICE] = (
        files[VOICE]
        .replace("amount: 1200000, currency: GBP", "amount: 150000000, currency: JPY")
        .replace("monthly_charge: 100000", "monthly_charge: 333333")
    )
    page = build_index(tmp_path, files)
    # 333,333 x 10% x 40% = 13,333.32: no sen on a yen amount
    assert "\u00a513,333 " in row(page, "Acme Support") + " "
    assert "13,333.32" not in page
    assert annual_value_title(page, "Acme Support") == "\u00a5150,000,000"
    assert stat(page, "Annual contract value")[:2] == ("Annual contract value (JPY)", "\u00a5150M")


def test_money_follows_the_site_language(tmp_path: Path) -> None:
    files = {**project_files(), "content/site.yaml": SITE + "language: de\n"}
    page = build_index(tmp_path, files)
    assert f"4.000{NBSP}\u00a3" in row(page, "Acme Support")
    assert stat(page, "Jährlicher Vertragswert")[1] == f"1,2{NBSP}Mio.{NBSP}\u00a3"


def test_totals_speak_the_reporting_currency_a_vendor_its_own(tmp_path: Path) -> None:
    site = SITE + "currency: USD\nexchange_rates: {GBP: 1.25}\n"
    page = build_index(tmp_path, {**project_files(), "content/site.yaml": site})
    # £1,200,000 at 1.25 = $1,500,000; the vendor's row keeps its contract's pounds
    assert stat(page, "Annual contract value") == (
        "Annual contract value (USD)",
        "$1.5M",
        "1 vendor, converted: GBP at 1.25",
    )
    assert "\u00a31.2M" in row(page, "Acme Support")
    assert annual_value_title(page, "Acme Support") == "\u00a31,200,000"
