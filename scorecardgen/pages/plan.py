"""Which pages a site has: the internal portfolio site, or one vendor's standalone site."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scorecardgen.i18n import _
from scorecardgen.model import Project
from scorecardgen.pages import urls
from scorecardgen.pages.catalogue import (
    catalogue_page,
    kpi_page,
    kpi_rows,
    visible_cards,
    visible_kpis,
)
from scorecardgen.pages.common import Audience, Page
from scorecardgen.pages.methodology import methodology_page
from scorecardgen.pages.portfolio import portfolio_page, portfolio_row
from scorecardgen.pages.review import note_page, review_pages
from scorecardgen.pages.vendor import review_periods, vendor_page
from scorecardgen.scoring import Portfolio, VendorScorecard


def not_found_page() -> Page:
    return Page(urls.NOT_FOUND, "404.html", _("Page not found"), {})


def vendor_pages(
    project: Project, portfolio: Portfolio, card: VendorScorecard, audience: Audience
) -> list[Page]:
    """The pages that depend on one vendor's content alone: scorecard, reviews, notes."""
    vc = project.vendors[card.vendor_id]
    pages = [vendor_page(project, portfolio, card, audience)]
    if not audience.internal:  # a vendor's own site opens on its scorecard
        landing = vendor_page(project, portfolio, card, audience)
        landing.path = urls.PORTFOLIO
        landing.search = []
        pages.append(landing)
    pages.extend(review_pages(project, portfolio, card, review_periods(card, vc), audience))
    for note in sorted(vc.notes.values(), key=lambda n: n.id):
        if audience.sees_note(note.visibility):
            pages.append(note_page(project, card, note))
    return pages


@dataclass
class SummaryRows:
    """The vendors' rows of the summary pages' tables, gathered in vendor order."""

    portfolio: list[dict[str, Any]] = field(default_factory=list)
    kpis: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, portfolio_row: dict[str, Any], kpis: dict[str, list[dict[str, Any]]]) -> None:
        self.portfolio.append(portfolio_row)
        for kpi_id, rows in kpis.items():
            self.kpis.setdefault(kpi_id, []).extend(rows)


def vendor_rows(
    project: Project, card: VendorScorecard
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """One vendor's rows on the portfolio and on each KPI page it holds."""
    return portfolio_row(project, card), kpi_rows(project, card)


def summary_pages(
    project: Project, portfolio: Portfolio, audience: Audience, rows: SummaryRows | None = None
) -> list[Page]:
    """The pages that summarise vendors or none: portfolio, KPIs, methodology, 404."""
    if rows is None:
        rows = SummaryRows()
        for card in visible_cards(portfolio, audience):
            rows.add(*vendor_rows(project, card))
    pages: list[Page] = []
    if audience.internal:
        pages.append(portfolio_page(project, portfolio, rows.portfolio))
    pages.append(catalogue_page(project, portfolio, audience))
    pages.extend(
        kpi_page(project, portfolio, kpi, audience, rows.kpis.get(kpi.id, []))
        for kpi in visible_kpis(project, portfolio, audience)
    )
    pages.append(methodology_page(project, portfolio, audience))
    pages.append(not_found_page())
    return pages
