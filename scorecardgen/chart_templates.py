"""The chart templates a build made with Altair, kept in the build cache for the next run.

Each chart shape's Vega-Lite template is built once per process and language
(``charts.spec``); building one with Altair and validating it takes ~0.15 s, so a no-change
build spent ~0.3 s on the summary pages' two before any page was drawn. They depend only on
scorecardgen's code (the salt of every key) and the site's language and catalogs
(``i18n.Catalog.key``), so one entry per language holds every template built so far.
"""

from __future__ import annotations

import json

from scorecardgen.cache import Cache, digest
from scorecardgen.charts.spec import adopt_templates, built_templates

KIND = "template"


def _key(language: str) -> str:
    return digest("chart-templates", language)


def load_templates(cache: Cache, language: str) -> set[str]:
    """Adopt the templates an earlier build of this code kept for ``language``; return the
    shapes the entry holds (none when there is none, or it is damaged)."""
    data = cache.get(KIND, _key(language))
    if data is None:
        return set()
    try:
        stored = json.loads(data)
    except ValueError:  # damaged: the templates are built again, and stored again
        return set()
    if not isinstance(stored, dict) or not all(isinstance(t, dict) for t in stored.values()):
        return set()
    adopt_templates(language, stored)
    cache.keep(KIND, _key(language))
    return set(stored)


def store_templates(cache: Cache, language: str, stored: set[str]) -> None:
    """Keep every template built for ``language`` when the entry (holding ``stored``, as
    ``load_templates`` found it) lacks one."""
    built = built_templates(language)
    if cache.folder is not None and not set(built) <= stored:
        # key order kept: a spec is written in its template's order
        cache.put(KIND, _key(language), json.dumps(built).encode())
