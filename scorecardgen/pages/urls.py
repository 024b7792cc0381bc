"""The one place that knows the output layout: every page and export path of a site, and every
anchor that a link points at.

Paths are relative to the site root and name files (``vendors/acme/index.html``), so links
made from them with ``theme.relative_url`` work from file:// and at any sub-path of a host.
Templates reach these names as the ``urls`` global: ``url(urls.KPI_INDEX)``,
``url(urls.kpi(k.id))``, ``'#' ~ urls.service_level_anchor(contract, kpi)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "KPIS_FOLDER",
    "KPI_INDEX",
    "MAIN_ANCHOR",
    "METHODOLOGY",
    "METHODOLOGY_FOLDER",
    "NOT_FOUND",
    "PORTFOLIO",
    "SCORECARDS_JSON",
    "SEARCH_INDEX",
    "SITEMAP",
    "kpi",
    "measurements_csv",
    "note",
    "pretty",
    "review",
    "review_json",
    "scorecard_json",
    "service_level",
    "service_level_anchor",
    "vendor",
]

PORTFOLIO = "index.html"  # the site's home: the portfolio, or a vendor site's scorecard
KPIS_FOLDER = "kpis/"  # the catalogue and every KPI's page (the "KPIs" part of the site)
KPI_INDEX = f"{KPIS_FOLDER}index.html"
METHODOLOGY_FOLDER = "methodology/"
METHODOLOGY = f"{METHODOLOGY_FOLDER}index.html"
NOT_FOUND = "404.html"
SCORECARDS_JSON = "scorecards.json"
SEARCH_INDEX = "search-index.js"
SITEMAP = "sitemap.xml"

MAIN_ANCHOR = "main"  # every page's main content: the skip link's target


def vendor(vendor_id: str) -> str:
    """A vendor's scorecard page."""
    return f"vendors/{vendor_id}/index.html"


def review(vendor_id: str, period: str) -> str:
    """A vendor's business review of one quarter (``2025-Q2``)."""
    return f"vendors/{vendor_id}/reviews/{period}/index.html"


def review_json(vendor_id: str, period: str) -> str:
    """A business review's figures and changes as JSON, beside its page."""
    return f"vendors/{vendor_id}/reviews/{period}/review.json"


def note(vendor_id: str, note_id: str) -> str:
    """One note's own page."""
    return f"vendors/{vendor_id}/notes/{note_id}/index.html"


def kpi(kpi_id: str) -> str:
    """One KPI's page: its definition and every vendor that holds it."""
    return f"{KPIS_FOLDER}{kpi_id}/index.html"


def scorecard_json(vendor_id: str) -> str:
    return f"vendors/{vendor_id}/scorecard.json"


def measurements_csv(vendor_id: str) -> str:
    return f"vendors/{vendor_id}/measurements.csv"


def service_level_anchor(contract_id: str, kpi_id: str) -> str:
    """The id of a service level's chart on its vendor's scorecard page."""
    return f"sl-{contract_id}-{kpi_id}"


def service_level(vendor_id: str, contract_id: str, kpi_id: str) -> str:
    """A service level's chart on its vendor's scorecard page."""
    return f"{vendor(vendor_id)}#{service_level_anchor(contract_id, kpi_id)}"


def pretty(path: str) -> str:
    """The public url of a page: ``vendors/acme/`` for ``vendors/acme/index.html``."""
    if path == PORTFOLIO:
        return ""
    return path.removesuffix("index.html")


def for_templates() -> Mapping[str, object]:
    """This module's public names, read-only, as templates see them (the ``urls`` global)."""
    return MappingProxyType({name: globals()[name] for name in __all__})
