"""Small helpers shared by the page builders: status badges, Markdown, page records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.markdown_render import render_markdown
from scorecardgen.model import Project
from scorecardgen.pages.figures import Figure
from scorecardgen.periods import Period
from scorecardgen.scoring import VendorScorecard


@dataclass
class Page:
    """One HTML page of the site: where it goes, which template renders it, with what."""

    path: str
    template: str
    title: str
    context: dict[str, Any]
    figures: list[Figure] = field(default_factory=list)
    search: list[dict[str, str]] = field(default_factory=list)  # entries for the search index
    # table rows drawn one by one with a macro of _rows.html and joined (see render.py):
    # each row dict gets its "html", kept with the vendor so an unchanged row is not redrawn
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_macro: str = ""
    row_args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Audience:
    """Who a site is for: the internal portfolio, or one vendor's own standalone site."""

    vendor: str | None = None  # None: the internal site with every vendor

    @property
    def internal(self) -> bool:
        return self.vendor is None

    def sees_note(self, visibility: str) -> bool:
        """Internal sites show every note; a vendor's site only notes marked for vendors."""
        return self.internal or visibility == "vendor"


def badge(word: str | None) -> dict[str, str]:
    """A status or state word as a template shows it (the ``chip`` macro): its word, icon,
    css class and meaning."""
    s = fmt.status(word)
    return {"word": s.word, "icon": s.icon, "css": s.css, "meaning": s.meaning}


def internal_badge(visibility: str) -> dict[str, str] | None:
    """The "Internal" flag (the ``flag`` macro) for a note not shared with the vendor, so no
    one prints or forwards it by mistake; None for a note the vendor may see."""
    if visibility == "vendor":
        return None
    return {
        "text": _("Internal"),
        "icon": "\u2298",  # ⊘ in the system fonts; a lock emoji shows as a box without one
        "css": "flag-internal",
        "title": _("Internal note: not shared with the vendor"),
    }


def trend_badge(word: str | None) -> dict[str, str]:
    """A trend word (up, down, flat) as a template shows it: word, icon, css class, meaning."""
    s = fmt.trend(word)
    return {"word": s.word, "icon": s.icon, "css": s.css, "meaning": s.meaning}


def headline(card: VendorScorecard) -> dict[str, Any]:
    """A vendor's headline quarter in display form: period, score, status, trend, coverage.

    ``in_progress``: the headline is a quarter still running (no closed quarter has data);
    ``to_date``: the quarter in progress after the headline, or None; ``mix``: "1 of 2
    contracts amber" when the headline quarter's contracts differ in status, else "";
    ``defaults``: "In default: First contact resolution (since Jul 2026)" naming the service
    levels in default (SCORING.md section 7b), else "".
    """
    h = card.headline
    to_date = None
    if h.to_date is not None:
        q = h.to_date
        to_date = {
            "period": period_label(q.period),
            "score": fmt.score(q.score),
            "status": badge(q.status),
            "coverage": fmt.percent(q.coverage),
            "months": fmt.months_to_date(q.months_to_date),
        }
    return {
        "period": period_label(h.period),
        "score": fmt.score(h.score),
        "status": badge(h.status),
        "trend": trend_badge(h.trend),
        "change": fmt.signed(h.change),
        "coverage": fmt.percent(h.coverage),
        "in_progress": h.in_progress,
        "in_progress_text": (
            fmt.months_to_date(h.quarter.months_to_date) if h.in_progress and h.quarter else ""
        ),
        "to_date": to_date,
        "mix": fmt.contract_mix(h.mix),
        "defaults": defaults_text(card),
    }


def defaults_text(card: VendorScorecard) -> str:
    """The service levels in default and the month each default dates from, their contract
    named when the vendor has several: ``In default: First contact resolution (since Jul
    2026)``; empty when none is."""
    if not card.defaults:
        return ""
    titles = {c.id: c.title for c in card.contracts}
    several = len(titles) > 1
    parts = []
    for s in card.defaults:
        name = f"{s.kpi_name}, {titles.get(s.contract, s.contract)}" if several else s.kpi_name
        parts.append(
            _("%(name)s (since %(since)s)") % {"name": name, "since": period_label(s.default.since)}
        )
    return _("In default: %(parts)s") % {"parts": "; ".join(parts)}


def markdown(text: str, id_prefix: str = "") -> Markup:
    """Sanitised HTML from Markdown text, safe to place in a page as-is (``id_prefix``: see
    render_markdown)."""
    return Markup(render_markdown(text, id_prefix)) if text.strip() else Markup("")


def period_label(period: str | None) -> str:
    return fmt.DASH if period is None else Period.parse(period).label


def kpi_name(project: Project, kpi_id: str) -> str:
    kpi = project.kpis.get(kpi_id)
    return kpi.name if kpi else kpi_id
