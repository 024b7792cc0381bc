"""Small in-memory projects for the scoring tests, built straight from the content models.

Defaults describe one vendor ``acme`` with one contract ``main`` running 2024-2026; each
helper takes only what a test needs to say.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from scorecardgen.model import (
    Bands,
    Benchmark,
    Certification,
    Contract,
    Direction,
    Kpi,
    Measurement,
    Money,
    Note,
    Project,
    Scoring,
    ServiceLevel,
    Site,
    Vendor,
    VendorContent,
    Window,
)
from scorecardgen.scoring import VendorScorecard, score_project


def kpi(
    kpi_id: str,
    direction: Direction = "higher",
    benchmark: tuple[float, float] | None = None,
    unit: str = "%",
) -> Kpi:
    """A KPI; ``benchmark`` is (top_quartile, bottom_quartile)."""
    bench = None
    if benchmark is not None:
        bench = Benchmark(
            top_quartile=benchmark[0], bottom_quartile=benchmark[1], source="Industry survey"
        )
    return Kpi.model_validate(
        {
            "id": kpi_id,
            "name": kpi_id.upper(),
            "unit": unit,
            "direction": direction,
            "benchmark": bench,
        }
    )


def level(
    kpi_id: str,
    expected: float,
    minimum: float,
    weight: float = 100.0,
    window: Window = "monthly",
    credit_allocation: float | None = None,
    owner: str | None = "Ops lead",
) -> ServiceLevel:
    """A service level of a contract."""
    return ServiceLevel(
        kpi=kpi_id,
        expected=expected,
        minimum=minimum,
        weight=weight,
        window=window,
        credit_allocation=credit_allocation,
        owner=owner,
    )


def contract(
    contract_id: str,
    levels: Iterable[ServiceLevel],
    *,
    start: date = date(2024, 1, 1),
    end: date = date(2026, 12, 31),
    notice_days: int = 90,
    annual_value: float | None = None,
    value_currency: str = "GBP",
    monthly_charge: float | None = None,
    at_risk_percent: float | None = None,
    currency: str | None = None,
) -> Contract:
    """A contract holding the given service levels."""
    money = None
    if annual_value is not None:
        money = Money(amount=annual_value, currency=value_currency)
    return Contract(
        id=contract_id,
        title=contract_id.title(),
        start=start,
        end=end,
        notice_days=notice_days,
        annual_value=money,
        monthly_charge=monthly_charge,
        at_risk_percent=at_risk_percent,
        currency=currency,
        service_levels=list(levels),
    )


def m(
    kpi_id: str,
    period: str,
    value: float | None,
    contract_id: str = "main",
    vendor_id: str = "acme",
    note: str | None = None,
) -> Measurement:
    """A measurement with its contract and vendor filled in, as the loader leaves it."""
    return Measurement(
        kpi=kpi_id, period=period, value=value, contract=contract_id, vendor=vendor_id, note=note
    )


def action(note_id: str, due: date, status: str = "open", kind: str = "action") -> Note:
    """An action note (or another kind, to check it is ignored)."""
    return Note.model_validate(
        {
            "id": note_id,
            "title": f"Do {note_id}",
            "date": date(2025, 1, 1),
            "kind": kind,
            "owner": "Pat",
            "due": due,
            "status": status,
        }
    )


def vendor(
    vendor_id: str = "acme",
    contracts: Iterable[Contract] = (),
    measurements: Iterable[Measurement] = (),
    notes: Iterable[Note] = (),
    certifications: Iterable[tuple[str, date]] = (),
    name: str | None = None,
) -> VendorContent:
    """A vendor with its contracts, measurements, notes and certifications."""
    profile = Vendor(
        id=vendor_id,
        name=name or vendor_id.title(),
        function="customer-support",
        certifications=[Certification(name=n, expires=d) for n, d in certifications],
    )
    return VendorContent(
        vendor=profile,
        contracts={c.id: c for c in contracts},
        measurements=list(measurements),
        notes={n.id: n for n in notes},
    )


def project(
    *vendors: VendorContent,
    kpis: Iterable[Kpi] = (),
    as_of: date | None = None,
    bands: tuple[float, float] | None = None,
    currency: str | None = None,
    exchange_rates: dict[str, float] | None = None,
) -> Project:
    """A project; KPIs default to ``fcr`` (higher), ``asa`` (lower) and ``csat`` (higher)."""
    catalogue = list(kpis) or [kpi("fcr"), kpi("asa", "lower"), kpi("csat")]
    scoring = Scoring(bands=Bands(green=bands[0], amber=bands[1])) if bands else Scoring()
    site = Site(
        title="Test",
        organisation="Test Org",
        as_of=as_of,
        scoring=scoring,
        currency=currency,
        exchange_rates=exchange_rates or {},
    )
    return Project(
        root=Path("."),
        site=site,
        kpis={k.id: k for k in catalogue},
        vendors={v.vendor.id: v for v in vendors},
    )


def card(prj: Project, vendor_id: str = "acme") -> VendorScorecard:
    """Score a project and return one vendor's scorecard."""
    return score_project(prj).vendors[vendor_id]
