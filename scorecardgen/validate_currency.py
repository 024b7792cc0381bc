"""The currency rules of SCORING.md section 5: real ISO 4217 codes, one currency per
contract, a rate for each currency a vendor's contracts mix, and portfolio totals that can be
converted (a warning, once, when they cannot).

Codes are checked against Babel's CLDR list of ISO 4217 codes, not a table of our own.
"""

from __future__ import annotations

import functools

from babel.core import get_global
from babel.numbers import is_currency

from scorecardgen.errors import Location, Problems
from scorecardgen.located import at, file_of
from scorecardgen.model import Contract, Project, VendorContent
from scorecardgen.scoring.currency import project_currencies

SITE = "content/site.yaml"


def _listed(codes: list[str]) -> str:
    """'EUR', 'EUR and GBP', 'EUR, GBP and USD'."""
    return codes[0] if len(codes) == 1 else f"{', '.join(codes[:-1])} and {codes[-1]}"


def _rates(codes: list[str], reporting: str) -> str:
    """The site.yaml line that converts ``codes`` into ``reporting``."""
    rates = ", ".join(f"{c}: <value of 1 {c} in {reporting}>" for c in codes)
    return f"exchange_rates: {{{rates}}}"


@functools.cache
def _in_use() -> tuple[str, ...]:
    """The codes some territory uses as legal tender today (CLDR, through Babel), sorted."""
    territories = get_global("territory_currencies").values()
    codes = {
        c for entries in territories for c, _, end, tender in entries if end is None and tender
    }
    return tuple(sorted(codes))


def _suggest(code: str) -> str:
    """A code in use with the same letters (GPB: GBP), else one letter away (EUX: EUR)."""
    close = [c for c in _in_use() if sorted(c) == sorted(code)] or [
        c for c in _in_use() if sum(a == b for a, b in zip(c, code, strict=True)) == 2
    ]
    if not close:
        return "write the currency's ISO 4217 code, such as GBP, EUR or USD"
    if len(close) == 1:
        return f"did you mean '{close[0]}'?"
    return f"did you mean one of {', '.join(close[:5])}?"


def _unknown(problems: Problems, where: Location, code: str, what: str) -> bool:
    """Report ``code`` when it is no ISO 4217 currency; True when it is one."""
    if is_currency(code):
        return True
    problems.add(
        where,
        f"{what} '{code}' is not an ISO 4217 currency code",
        _suggest(code),
        code="currency",
    )
    return False


def check_site_currencies(project: Project, problems: Problems) -> None:
    """site.yaml: a real reporting currency, and real rates into it (none for itself)."""
    site = project.site
    if site.currency:
        _unknown(problems, at(project, SITE, ("currency",)), site.currency, "currency")
    for code in site.exchange_rates:
        where = at(project, SITE, ("exchange_rates", code), key=True)
        if not _unknown(problems, where, code, "exchange rate currency"):
            continue
        if site.currency is None:
            problems.add(
                where,
                f"an exchange rate for {code}, but site.yaml names no reporting currency",
                "add currency: <code> to content/site.yaml: each rate is the value of one "
                "unit in that reporting currency",
                code="currency",
            )
        elif code == site.currency:
            problems.add(
                where,
                f"an exchange rate for {code}, the reporting currency itself",
                f"remove it: amounts in {code} are not converted (rates give the value of one "
                f"unit of each other currency in {code})",
                code="currency",
            )


def _currency_field(contract: Contract) -> tuple[str, tuple[str, ...]] | None:
    """The contract's stated currency and the path of the field it comes from, if any."""
    if contract.currency:
        return contract.currency, ("currency",)
    if contract.annual_value is not None:
        return contract.annual_value.currency, ("annual_value", "currency")
    return None


def check_vendor_currencies(project: Project, vc: VendorContent, problems: Problems) -> None:
    """Each contract: real codes that agree. A vendor mixing currencies: a rate for each."""
    reporting = project.site.currency
    stated: list[tuple[Contract, str, tuple[str, ...]]] = []
    for cid in sorted(vc.contracts):
        contract = vc.contracts[cid]
        file = file_of(contract.source)
        known = True
        if contract.currency:
            where = at(project, file, ("currency",))
            known = _unknown(problems, where, contract.currency, "currency")
        value = contract.annual_value
        if value is not None:
            where = at(project, file, ("annual_value", "currency"))
            known = _unknown(problems, where, value.currency, "annual value currency") and known
            if known and contract.currency and value.currency != contract.currency:
                problems.add(
                    where,
                    f"the annual value is in {value.currency} but the contract's currency is "
                    f"{contract.currency}",
                    f"a contract has one currency: write the annual value in "
                    f"{contract.currency}, or leave out the contract's currency",
                    code="currency",
                )
                known = False
        found = _currency_field(contract)
        if known and found is not None:
            stated.append((contract, *found))
        elif known and reporting:
            stated.append((contract, reporting, ()))
    codes = sorted({code for _, code, _ in stated})
    if len(codes) < 2:
        return
    vendor = vc.vendor.id
    if reporting is None:
        first = stated[0][1]
        contract, code, path = next(s for s in stated if s[1] != first)
        problems.add(
            at(project, file_of(contract.source), path),
            f"vendor '{vendor}' has contracts in {_listed(codes)}, and site.yaml names no "
            "reporting currency to convert them into",
            f"add currency: {first} and {_rates([c for c in codes if c != first], first)} "
            f"to {SITE}",
            code="currency-rate",
        )
        return
    for contract, code, path in stated:
        if code == reporting or code in project.site.exchange_rates:
            continue
        others = _listed([c for c in codes if c != code])
        problems.add(
            at(project, file_of(contract.source), path),
            f"no exchange rate for {code}: contract '{contract.id}' is in {code} and vendor "
            f"'{vendor}' has contracts in {others}",
            f"add {_rates([code], reporting)} to {SITE}",
            code="currency-rate",
        )


def check_portfolio_currencies(project: Project, problems: Problems) -> None:
    """Warn once when contracts are in currencies no rate converts into one for the totals."""
    if not project.contracts_complete:
        return  # a contract that failed to load may hold a currency
    currencies = project_currencies(project)
    found = {
        code
        for vc in project.vendors.values()
        for c in vc.contracts.values()
        if (code := currencies.of(c)) is not None and is_currency(code)
    }
    reporting = currencies.reporting  # None when they differ and site.yaml names none
    unconverted = sorted(c for c in found if reporting is None or currencies.rate(c) is None)
    if len(found) < 2 or not unconverted:
        return
    key = "currency" if reporting else "exchange_rates" if project.site.exchange_rates else None
    where = at(project, SITE, (key,) if key else (), key=bool(key))
    into = reporting or "one reporting currency"
    problems.add(
        where,
        f"contracts are in {_listed(sorted(found))} and no exchange rate converts "
        f"{_listed(unconverted)} into {into}: portfolio totals will be shown per currency",
        f"add {_rates(unconverted, reporting)} to {SITE}"
        if reporting
        else f"add currency: <code> and exchange_rates to {SITE} to total them in one currency",
        severity="warning",
        code="currency-totals",
    )
