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


def load_templates(cache: Cache, language: str) -> None:
    """Adopt the templates an earlier build of this code kept for ``language``."""
    data = cache.get(KIND, _key(language))
    if data is None:
        return
    try:
        stored = json.loads(data)
    except ValueError:  # damaged: the templates are built again, and stored again
        return
    if isinstance(stored, dict) and all(isinstance(t, dict) for t in stored.values()):
        adopt_templates(language, stored)
        cache.keep(KIND, _key(language))


def store_templates(cache: Cache, language: str) -> None:
    """Keep every template built for ``language`` (when there is one the entry lacks)."""
    built = built_templates(language)
    if not built or cache.folder is None:
        return
    data = json.dumps(built).encode()  # key order kept: a spec is written in that order
    if cache.get(KIND, _key(language)) != data:
        cache.put(KIND, _key(language), data)
    else:
        cache.keep(KIND, _key(language))
