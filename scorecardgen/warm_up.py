"""Ready, ahead of the first edit, what drawing a vendor's pages needs.

A dev server that starts from a remembered build, or from cached pages, draws nothing: its
first edit would compile the theme's templates (~0.2 s) and the Vega skeletons of the edited
vendor's charts (~20 ms a shape) before its page could reload. ``compile_templates`` and
``rehearse`` (one vendor's pages drawn and thrown away; its charts, whose shapes every
vendor's share, then drawn once by each chart worker) let the dev server do both once, in
the background, after the project is loaded.
"""

from __future__ import annotations

import contextlib
from typing import Any

from markupsafe import Markup

from scorecardgen import i18n
from scorecardgen.model import Project
from scorecardgen.pages.catalogue import visible_cards
from scorecardgen.pages.common import Audience
from scorecardgen.pages.plan import vendor_pages
from scorecardgen.render import render_pages
from scorecardgen.scoring import Portfolio
from scorecardgen.theme import DEFAULT_PREFIX, Theme


def compile_templates(theme: Theme, catalog: i18n.Catalog) -> None:
    """Compile every template of the theme; one that fails is left for the build that
    draws with it to report, located."""
    with i18n.use(catalog):
        for name in theme.env.list_templates():
            if name.startswith(f"{DEFAULT_PREFIX}/"):  # the same templates, by another name
                continue
            with contextlib.suppress(Exception):
                theme.env.get_template(name)


def rehearse(
    project: Project,
    portfolio: Portfolio,
    audience: Audience,
    theme: Theme,
    catalog: i18n.Catalog,
    site: dict[str, Any],
) -> list[dict[str, Any]]:
    """Plan and draw the first visible vendor's pages, charts left blank, and throw them
    away: every code path an edit takes (scoring as of each review's quarter, the locale's
    formats, Markdown, the templates' filters) has run once. Returns the Vega-Lite specs of
    its charts (none without vendors), for the chart workers to draw once."""
    cards = visible_cards(portfolio, audience)
    if not cards:
        return []
    with i18n.use(catalog):
        pages = vendor_pages(project, portfolio, cards[0], audience)
        blank = {(f.key, f.spec_json): Markup("") for page in pages for f in page.figures}
        with contextlib.suppress(Exception):  # a rehearsal: the build reports what fails
            render_pages(pages, theme.env, site, theme.assets.names, blank)
    return [figure.spec for page in pages for figure in page.figures]
