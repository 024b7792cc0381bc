"""Contract currencies and conversion into the reporting currency (SCORING.md section 5).

A contract's currency is its ``currency``, else its ``annual_value.currency``, else the
reporting currency. The reporting currency is site.yaml ``currency``, else the one currency
every contract shares (None when they differ and site.yaml names none). ``exchange_rates``
gives the value of one unit of each other currency in the reporting currency.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scorecardgen.model import Contract, Project
from scorecardgen.scoring.explain import operand


@dataclass(frozen=True)
class Currencies:
    """The reporting currency and the rates into it."""

    reporting: str | None
    rates: Mapping[str, float] = field(default_factory=dict)

    def of(self, contract: Contract) -> str | None:
        """A contract's currency: its own, else its annual value's, else the reporting one."""
        return contract.credit_currency or self.reporting

    def rate(self, currency: str | None) -> float | None:
        """Value of one unit of ``currency`` in the reporting currency (1 for itself)."""
        if currency is None or currency == self.reporting:
            return 1.0
        return self.rates.get(currency)

    def convert(self, amount: float, currency: str | None) -> float | None:
        """``amount`` in the reporting currency, or None when no rate is known."""
        rate = self.rate(currency)
        return None if rate is None else amount * rate

    def rate_text(self, currency: str | None) -> str:
        """``GBP at 1.25`` for explanations; empty for the reporting currency itself."""
        rate = self.rate(currency)
        if currency is None or currency == self.reporting or rate is None:
            return ""
        return f"{currency} at {operand(rate)}"


def project_currencies(project: Project) -> Currencies:
    """The site's reporting currency (stated, else shared by every contract) and its rates."""
    site = project.site
    if site.currency:
        return Currencies(site.currency, dict(site.exchange_rates))
    found = {c.credit_currency for v in project.vendors.values() for c in v.contracts.values()}
    found.discard(None)
    reporting = next(iter(found)) if len(found) == 1 else None
    return Currencies(reporting, dict(site.exchange_rates))
