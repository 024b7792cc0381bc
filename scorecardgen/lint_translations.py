"""The lint for a site whose language lacks translations: the words shown in English.

A missing translation never stops a build (the English text is shown); ``check`` warns,
listing how many messages and a few of them, so ``check --strict`` fails until the
catalog is complete (``python -m scorecardgen.i18n_catalogs`` keeps it in step).
"""

from __future__ import annotations

from scorecardgen import i18n
from scorecardgen.errors import Problem
from scorecardgen.i18n_catalogs import read_template, untranslated
from scorecardgen.located import at
from scorecardgen.model import Project
from scorecardgen.theme import ThemeError, theme_locales

SITE = "content/site.yaml"
EXAMPLES = 3  # messages quoted in the warning


def untranslated_problems(project: Project) -> list[Problem]:
    """One warning at site.yaml ``language`` when its catalog misses messages; none for
    English, or when the theme or a catalog cannot be read (the build reports those)."""
    tag = project.site.language
    if tag.lower().split("-")[0] == i18n.ENGLISH:
        return []
    try:
        catalog = i18n.load_catalog(tag, theme_locales(project.root, project.site.theme))
    except (ThemeError, i18n.CatalogError):
        return []
    template = read_template()
    missing = untranslated(catalog, template)
    if not missing:
        return []
    total = sum(1 for m in template if m.id)
    quoted = ", ".join(repr(m) for m in missing[:EXAMPLES])
    more = f" and {len(missing) - EXAMPLES} more" if len(missing) > EXAMPLES else ""
    return [
        Problem(
            at(project, SITE, ("language",)),
            f"{len(missing)} of {total} messages have no translation for language '{tag}' "
            f"and are shown in English: {quoted}{more}",
            "translate them in a catalog: python -m scorecardgen.i18n_catalogs init|update "
            "for the built-in ones, or themes/<theme>/locales/<lang>/LC_MESSAGES/messages.po "
            "in the project (see the README, 'Languages')",
            severity="warning",
            code="untranslated",
        )
    ]
