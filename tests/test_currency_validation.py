"""Currencies (SCORING.md section 5): real ISO 4217 codes, one currency per contract, a rate
for each currency a vendor's contracts mix, and a warning when portfolio totals cannot be
converted. Each problem located in the file a user edits, through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen.check import check_project
from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, SITE, project_files, write_project
from tests.no_gaps import NO_GAPS

SITE_YAML = "content/site.yaml"
VOICE = "content/vendors/acme/contracts/voice.yaml"
EMAIL = "content/vendors/acme/contracts/email.yaml"

# a second contract of acme in EUR, starting after as_of so it expects no reports yet
EMAIL_CONTRACT = """\
title: Acme email support
start: 2025-07-01
end: 2027-12-31
annual_value: {amount: 500000, currency: EUR}
service_levels:
  - kpi: nps
    expected: 40
    minimum: 20
    weight: 100
    owner: Ben CX
"""
NPS = {"content/kpis/nps.yaml": "name: NPS\nunit: score\ndirection: higher\n"}
TWO_CURRENCIES = {**NO_GAPS, **NPS, EMAIL: EMAIL_CONTRACT}


def problems(root: Path, *options: str) -> tuple[int, list[tuple[object, ...]]]:
    """Exit code and the currency problems of `check --format json`: (file, line, column,
    severity, message, hint)."""
    result = run_cli("-C", str(root), "check", "--format", "json", *options)
    assert "Traceback" not in result.output
    return result.exit_code, [
        (p["file"], p["line"], p["column"], p["severity"], p["message"], p["hint"])
        for p in json.loads(result.stdout)
        if str(p["code"]).startswith("currency")
    ]


def errors(found: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    return [f for f in found if f[3] == "error"]


def site(extra: str) -> dict[str, str | bytes | None]:
    return {SITE_YAML: SITE + extra}


@pytest.mark.parametrize(
    ("changes", "where", "message", "hint"),
    [
        (
            {VOICE: CONTRACT.replace("notice_days: 90\n", "notice_days: 90\ncurrency: GPB\n")},
            (VOICE, 5, 11),
            "currency 'GPB' is not an ISO 4217 currency code",
            "did you mean 'GBP'?",
        ),
        (
            {VOICE: CONTRACT.replace("currency: GBP", "currency: EUX")},
            (VOICE, 5, 43),
            "annual value currency 'EUX' is not an ISO 4217 currency code",
            "did you mean 'EUR'?",
        ),
        (
            site("currency: XYZ\n"),
            (SITE_YAML, 4, 11),
            "currency 'XYZ' is not an ISO 4217 currency code",
            "write the currency's ISO 4217 code, such as GBP, EUR or USD",
        ),
        (
            site("currency: GBP\nexchange_rates:\n  EUR: 1.17\n  USB: 0.79\n"),
            (SITE_YAML, 7, 3),
            "exchange rate currency 'USB' is not an ISO 4217 currency code",
            "did you mean 'USD'?",
        ),
    ],
    ids=["contract", "annual-value", "site", "exchange-rate"],
)
def test_a_code_that_is_no_currency_is_located(
    make_project: Callable[..., Path],
    changes: dict[str, str | bytes | None],
    where: tuple[str, int, int],
    message: str,
    hint: str,
) -> None:
    code, found = problems(make_project({**NO_GAPS, **changes}))
    assert code == 1
    assert found == [(*where, "error", message, hint)]


def test_a_historic_iso_code_is_still_a_currency(make_project: Callable[..., Path]) -> None:
    root = make_project({**NO_GAPS, VOICE: CONTRACT.replace("currency: GBP", "currency: DEM")})
    assert problems(root, "--strict") == (0, [])


def test_contract_and_annual_value_currencies_must_agree(
    make_project: Callable[..., Path],
) -> None:
    contract = CONTRACT.replace("notice_days: 90\n", "notice_days: 90\ncurrency: EUR\n")
    code, found = problems(make_project({**NO_GAPS, VOICE: contract}))
    assert code == 1
    assert found == [
        (VOICE, 6, 43, "error", "the annual value is in GBP but the contract's currency is EUR",
         "a contract has one currency: write the annual value in EUR, or leave out the "
         "contract's currency"),
    ]  # fmt: skip


def test_a_vendor_in_two_currencies_needs_a_reporting_currency(
    make_project: Callable[..., Path],
) -> None:
    code, found = problems(make_project(TWO_CURRENCIES))
    assert code == 1
    assert (
        VOICE, 5, 43, "error",
        "vendor 'acme' has contracts in EUR and GBP, and site.yaml names no reporting currency "
        "to convert them into",
        "add currency: EUR and exchange_rates: {GBP: <value of 1 GBP in EUR>} to "
        "content/site.yaml",
    ) in found  # fmt: skip


def test_a_missing_rate_is_located_at_the_annual_value_currency(
    make_project: Callable[..., Path],
) -> None:
    code, found = problems(make_project({**TWO_CURRENCIES, **site("currency: GBP\n")}))
    assert code == 1
    assert errors(found) == [(
        EMAIL, 4, 42, "error",
        "no exchange rate for EUR: contract 'email' is in EUR and vendor 'acme' has contracts "
        "in GBP",
        "add exchange_rates: {EUR: <value of 1 EUR in GBP>} to content/site.yaml",
    )]  # fmt: skip
    # the same missing rate leaves the portfolio totals in two currencies: said once
    assert [f[3] for f in found] == ["warning", "error"]


def test_a_missing_rate_is_located_at_the_contract_currency(
    make_project: Callable[..., Path],
) -> None:
    # the currency comes from the contract's own `currency` (it has no annual value)
    email = EMAIL_CONTRACT.replace("annual_value: {amount: 500000, currency: EUR}", "currency: JPY")
    code, found = problems(
        make_project({**TWO_CURRENCIES, **site("currency: GBP\n"), EMAIL: email})
    )
    assert code == 1
    assert errors(found)[0][:5] == (
        EMAIL, 4, 11, "error",
        "no exchange rate for JPY: contract 'email' is in JPY and vendor 'acme' has contracts "
        "in GBP",
    )  # fmt: skip


def test_with_its_rate_the_vendor_checks_clean_and_is_converted(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({**TWO_CURRENCIES, **site("currency: GBP\nexchange_rates: {EUR: 0.85}\n")})
    assert problems(root) == (0, [])
    portfolio = check_project(root).portfolio
    assert portfolio is not None
    assert (portfolio.currencies.reporting, portfolio.currencies.rate("EUR")) == ("GBP", 0.85)


def test_a_rate_for_the_reporting_currency_is_an_error(make_project: Callable[..., Path]) -> None:
    code, found = problems(
        make_project({**NO_GAPS, **site("currency: GBP\nexchange_rates: {GBP: 1}\n")})
    )
    assert code == 1
    assert found == [
        (SITE_YAML, 5, 18, "error", "an exchange rate for GBP, the reporting currency itself",
         "remove it: amounts in GBP are not converted (rates give the value of one unit of "
         "each other currency in GBP)"),
    ]  # fmt: skip


def test_rates_without_a_reporting_currency_are_an_error(
    make_project: Callable[..., Path],
) -> None:
    code, found = problems(make_project({**NO_GAPS, **site("exchange_rates: {EUR: 0.85}\n")}))
    assert code == 1
    assert found == [
        (SITE_YAML, 4, 18, "error",
         "an exchange rate for EUR, but site.yaml names no reporting currency",
         "add currency: <code> to content/site.yaml: each rate is the value of one unit in "
         "that reporting currency"),
    ]  # fmt: skip


def portfolio(tmp_path: Path, currencies: dict[str, str], site_extra: str = "") -> Path:
    """One vendor like acme per entry, its contract's annual value in that currency."""
    files: dict[str, str | bytes] = {SITE_YAML: SITE + site_extra}
    for path, text in {**project_files(), **NO_GAPS}.items():
        if text is None or path == SITE_YAML:
            continue
        if not path.startswith("content/vendors/acme/"):
            files[path] = text
            continue
        for vid, currency in currencies.items():
            own = (
                CONTRACT.replace("currency: GBP", f"currency: {currency}")
                if path == VOICE
                else text
            )
            files[path.replace("/acme/", f"/{vid}/")] = own
    return write_project(tmp_path / "p", files)


def test_unconvertible_portfolio_totals_warn_once(tmp_path: Path) -> None:
    root = portfolio(tmp_path, {"acme": "GBP", "beta": "EUR", "gamma": "USD"})
    code, found = problems(root)
    assert code == 0
    assert found == [
        (SITE_YAML, 1, 1, "warning",
         "contracts are in EUR, GBP and USD and no exchange rate converts EUR, GBP and USD into "
         "one reporting currency: portfolio totals will be shown per currency",
         "add currency: <code> and exchange_rates to content/site.yaml to total them in one "
         "currency"),
    ]  # fmt: skip
    assert problems(root, "--strict")[0] == 1


def test_the_totals_warning_names_the_missing_rate(tmp_path: Path) -> None:
    root = portfolio(tmp_path, {"acme": "GBP", "beta": "EUR"}, "currency: GBP\n")
    code, found = problems(root)
    assert code == 0
    assert found == [
        (SITE_YAML, 4, 1, "warning",
         "contracts are in EUR and GBP and no exchange rate converts EUR into GBP: portfolio "
         "totals will be shown per currency",
         "add exchange_rates: {EUR: <value of 1 EUR in GBP>} to content/site.yaml"),
    ]  # fmt: skip


def test_converted_portfolio_totals_do_not_warn(tmp_path: Path) -> None:
    root = portfolio(
        tmp_path, {"acme": "GBP", "beta": "EUR"}, "currency: GBP\nexchange_rates: {EUR: 0.85}\n"
    )
    assert problems(root, "--strict") == (0, [])
