"""Keep the translation catalogs in step with the sources (Babel's extract, update, init).

    python -m scorecardgen.i18n_catalogs extract   # sources -> scorecardgen/locales/messages.pot
    python -m scorecardgen.i18n_catalogs update    # messages.pot -> every <lang>/.../messages.po
    python -m scorecardgen.i18n_catalogs update de # ... or only those named
    python -m scorecardgen.i18n_catalogs init nl   # a new language, from messages.pot
    python -m scorecardgen.i18n_catalogs check     # .pot up to date; untranslated per language

Messages come from the Python sources (``_``, ``N_``, ``ngettext``, ``pgettext``) and the
default theme's templates (``{{ _("...") }}``, ``{% trans %}``). Files carry no line numbers
and a fixed date, so a catalog changes only when its messages do.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from scorecardgen import i18n

PACKAGE = Path(__file__).parent
REPOSITORY = PACKAGE.parent
TEMPLATE = i18n.PACKAGE_LOCALES / f"{i18n.DOMAIN}.pot"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # byte-stable files
METHODS = [
    ("scorecardgen/**.py", "python"),
    ("themes/default/templates/**.html", "jinja2.ext:babel_extract"),
]
OPTIONS = {"themes/default/templates/**.html": {"trimmed": "true"}}


def extract() -> Catalog:
    """Every translatable message of the sources, as a template catalog."""
    catalog = Catalog(
        project="scorecardgen", creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False
    )
    found = extract_from_dir(REPOSITORY, METHODS, OPTIONS, strip_comment_tags=True)
    for filename, _lineno, message, comments, context in found:
        if "/scaffold/" in filename or filename.startswith("tests/"):
            continue
        catalog.add(message, None, [(filename, 0)], auto_comments=comments, context=context)
    return catalog


def _text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False)
    return out.getvalue()


def _ids(catalog: Catalog) -> set[object]:
    return {(m.context, m.id) for m in catalog if m.id}


def read_template() -> Catalog:
    """The committed messages.pot (read once per content)."""
    return _template(TEMPLATE.read_bytes())


@lru_cache(maxsize=2)
def _template(data: bytes) -> Catalog:
    return read_po(io.BytesIO(data))


def languages() -> list[str]:
    """The languages with a catalog in the package."""
    return sorted(
        p.parent.parent.name for p in i18n.PACKAGE_LOCALES.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po")
    )


def _po_path(language: str) -> Path:
    return i18n.PACKAGE_LOCALES / i18n.CATALOG_PATH.format(locale=language)


def update(only: Sequence[str] = ()) -> list[str]:
    """Bring every language's catalog (or those of ``only``) in step with messages.pot; the
    files written."""
    template = read_template()
    written = []
    for language in only or languages():
        path = _po_path(language)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()  # a message gone from the sources is gone from the catalog
        catalog.revision_date = FIXED_DATE
        path.write_bytes(_text(catalog))
        written.append(str(path))
    return written


def init(language: str) -> Path:
    """A new, empty catalog for ``language`` from messages.pot."""
    template = read_template()
    catalog = Catalog(locale=language, creation_date=FIXED_DATE, revision_date=FIXED_DATE)
    catalog.update(template, no_fuzzy_matching=True)
    path = _po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_text(catalog))
    return path


def untranslated(catalog: i18n.Catalog, template: Catalog | None = None) -> list[str]:
    """The messages of messages.pot that ``catalog`` shows in English, in order."""
    template = template if template is not None else read_template()
    missing = []
    for message in template:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if not catalog.translated(str(key)):
            missing.append(str(key))
    return sorted(missing)


def stale() -> bool:
    """Whether messages.pot lacks a message of the sources or has one they no longer use."""
    return _ids(extract()) != _ids(read_template())


def main(argv: Sequence[str], out: Mapping[str, object] | None = None) -> int:
    """The command line; see the module docstring."""
    command = argv[0] if argv else ""
    if command == "extract":
        TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
        TEMPLATE.write_bytes(_text(extract()))
        print(f"wrote {TEMPLATE}")
        return 0
    if command == "update":
        for path in update(argv[1:]):
            print(f"updated {path}")
        return 0
    if command == "init" and len(argv) == 2:
        print(f"wrote {init(argv[1])}")
        return 0
    if command == "check":
        failed = stale()
        if failed:
            print("messages.pot is out of date: run `python -m scorecardgen.i18n_catalogs extract`")
        for language in languages():
            missing = untranslated(i18n.load_catalog(language))
            print(f"{language}: {len(missing)} untranslated")
        return 1 if failed else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
