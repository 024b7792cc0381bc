"""The KPI catalogue, and one KPI across every vendor that holds it."""

from __future__ import annotations

from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.model import Kpi, Project
from scorecardgen.pages import urls
from scorecardgen.pages.common import Audience, Page, badge, markdown, period_label
from scorecardgen.pages.figures import kpi_figure
from scorecardgen.pages.measurement_marks import marks
from scorecardgen.pages.missing import missing_badge
from scorecardgen.pages.portfolio import CHART_VENDORS
from scorecardgen.scoring import Portfolio, VendorScorecard


def _kpi_summary(kpi: Kpi, holders: int) -> dict[str, Any]:
    b = kpi.benchmark
    return {
        "id": kpi.id,
        "name": kpi.name,
        "url": urls.kpi(kpi.id),
        "unit": kpi.unit,
        "direction": _("%(direction)s is better") % {"direction": kpi.direction},
        "category": fmt.label(kpi.category),
        "kind": fmt.label(kpi.kind),
        "indicator": fmt.label(kpi.indicator),
        "cadence": fmt.label(kpi.cadence),
        "description": markdown(kpi.description),
        "formula": kpi.formula or "",
        "benchmark": {
            "top": fmt.number(b.top_quartile, kpi.unit),
            "bottom": fmt.number(b.bottom_quartile, kpi.unit),
            "source": b.source,
        }
        if b
        else None,
        "holders": holders,
    }


def _holders(portfolio: Portfolio, kpi_id: str, audience: Audience) -> list[Any]:
    return [
        (card, sl)
        for card in visible_cards(portfolio, audience)
        for sl in card.service_levels
        if sl.kpi == kpi_id
    ]


def visible_cards(portfolio: Portfolio, audience: Audience) -> list[VendorScorecard]:
    """The scorecards a site shows: all on the internal site, one on a vendor's site."""
    return [
        c for vid, c in portfolio.vendors.items() if audience.internal or vid == audience.vendor
    ]


def visible_kpis(project: Project, portfolio: Portfolio, audience: Audience) -> list[Kpi]:
    """Every KPI on the internal site; on a vendor's site only the KPIs its contracts hold."""
    return [
        k
        for _, k in sorted(project.kpis.items())
        if audience.internal or _holders(portfolio, k.id, audience)
    ]


def catalogue_page(project: Project, portfolio: Portfolio, audience: Audience) -> Page:
    kpis = visible_kpis(project, portfolio, audience)
    groups: dict[str, list[dict[str, Any]]] = {}
    for kpi in kpis:
        groups.setdefault(fmt.label(kpi.category) if kpi.category else _("Other"), []).append(
            _kpi_summary(kpi, len(_holders(portfolio, kpi.id, audience)))
        )
    context = {
        "groups": [{"name": name, "kpis": items} for name, items in sorted(groups.items())],
        "count": len(kpis),
    }
    return Page(urls.KPI_INDEX, "kpis.html", _("KPI catalogue"), context)


def kpi_rows(project: Project, card: VendorScorecard) -> dict[str, list[dict[str, Any]]]:
    """One vendor's rows on the KPI pages, by KPI id: its own data only."""
    out: dict[str, list[dict[str, Any]]] = {}
    several = len(project.vendors[card.vendor_id].contracts) > 1
    for sl in card.service_levels:
        kpi = project.kpis[sl.kpi]
        latest = sl.latest
        contract = project.vendors[card.vendor_id].contracts[sl.contract]
        label = fmt.number(latest.value if latest else None, kpi.unit)
        out.setdefault(sl.kpi, []).append(
            {
                "vendor": card.name,
                "url": urls.service_level(card.vendor_id, sl.contract, kpi.id),
                "contract": contract.title,
                "expected": fmt.number(sl.expected, kpi.unit),
                "minimum": fmt.number(sl.minimum, kpi.unit),
                "latest": label,
                "latest_marks": marks(latest, kpi.unit),
                "period": period_label(latest.period if latest else None),
                "status": badge(latest.status if latest else "no-data"),
                "benchmark": badge(sl.benchmark_position) if sl.benchmark_position else None,
                "owner": sl.owner or fmt.DASH,
                "persistent_failure": sl.persistent_failure,
                "missing": missing_badge(sl.missing_12m),
                "chart": None
                if latest is None
                else {
                    "vendor": f"{card.name} ({sl.contract})" if several else card.name,
                    "value": latest.value,
                    "status": latest.status,
                    "label": label,
                    "expected": sl.expected,
                    "period": latest.period,
                },
            }
        )
    return out


_WORST_FIRST = {"breached": 0, "at-risk": 1, "met": 2}


def kpi_page(
    project: Project,
    portfolio: Portfolio,
    kpi: Kpi,
    audience: Audience,
    rows: list[dict[str, Any]] | None = None,
) -> Page:
    """One KPI: its definition, benchmark, and every holding vendor's latest value.

    ``rows`` are the holders' ``kpi_rows`` for this KPI, in vendor order.
    """
    if rows is None:
        rows = [
            r
            for card in visible_cards(portfolio, audience)
            for r in kpi_rows(project, card).get(kpi.id, [])
        ]
    charted = [r["chart"] for r in rows if r["chart"] is not None]
    if len(charted) > CHART_VENDORS:  # many vendors: chart those furthest from target
        charted = sorted(charted, key=lambda c: _WORST_FIRST.get(c["status"], 3))
        charted = charted[:CHART_VENDORS]
    chart_rows = charted
    b = kpi.benchmark
    figure = kpi_figure(
        kpi.id,
        kpi.name,
        kpi.unit,
        chart_rows,
        b.top_quartile if b else None,
        b.bottom_quartile if b else None,
    )
    summary = _kpi_summary(kpi, len(rows))
    facts = [
        {"label": _("Unit"), "value": kpi.unit, "note": summary["direction"], "css": ""},
        {
            "label": _("Held by"),
            "value": str(len(rows)),
            "note": _("service level") if len(rows) == 1 else _("service levels"),
            "css": "",
        },
    ]
    if b is not None:
        facts += [
            {
                "label": _("Top quartile"),
                "value": summary["benchmark"]["top"],
                "note": _("industry benchmark"),
                "css": "",
            },
            {
                "label": _("Bottom quartile"),
                "value": summary["benchmark"]["bottom"],
                "note": _("industry benchmark"),
                "css": "",
            },
        ]
    context = {"kpi": summary, "rows": rows, "chart": figure, "facts": facts}
    search = [
        {
            "title": kpi.name,
            "kind": _("KPI"),
            "url": urls.kpi(kpi.id),
            "text": f"{kpi.description[:200]} {fmt.label(kpi.category)}",
        }
    ]
    return Page(
        urls.kpi(kpi.id),
        "kpi.html",
        kpi.name,
        context,
        [figure],
        search,
        rows=rows,
        row_macro="kpi_row",
    )
