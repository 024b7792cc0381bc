"""The one place that knows the output layout: every page and export path of a site.

Paths are relative to the site root and name files (``vendors/acme/index.html``), so links
made from them with ``theme.relative_url`` work from file:// and at any sub-path of a host.
"""

from __future__ import annotations

PORTFOLIO = "index.html"
KPIS = "kpis/index.html"
METHODOLOGY = "methodology/index.html"
NOT_FOUND = "404.html"
SCORECARDS_JSON = "scorecards.json"
SEARCH_INDEX = "search-index.js"
SITEMAP = "sitemap.xml"


def vendor(vendor_id: str) -> str:
    return f"vendors/{vendor_id}/index.html"


def review(vendor_id: str, period: str) -> str:
    return f"vendors/{vendor_id}/reviews/{period}/index.html"


def note(vendor_id: str, note_id: str) -> str:
    return f"vendors/{vendor_id}/notes/{note_id}/index.html"


def kpi(kpi_id: str) -> str:
    return f"kpis/{kpi_id}/index.html"


def scorecard_json(vendor_id: str) -> str:
    return f"vendors/{vendor_id}/scorecard.json"


def measurements_csv(vendor_id: str) -> str:
    return f"vendors/{vendor_id}/measurements.csv"


def pretty(path: str) -> str:
    """The public url of a page: ``vendors/acme/`` for ``vendors/acme/index.html``."""
    if path == PORTFOLIO:
        return ""
    return path.removesuffix("index.html")
