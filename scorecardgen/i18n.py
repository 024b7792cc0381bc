"""The reader's language: gettext catalogs, locale negotiation and the locale a build writes in.

Catalogs are ``.po`` sources shipped in the package (``scorecardgen/locales/<lang>/LC_MESSAGES/
messages.po``) and, optionally, in a project theme (``themes/<name>/locales/...``, which adds or
overrides messages). They are compiled with Babel in memory, once per content digest.

A site.yaml ``language`` such as ``de-DE`` is negotiated ``de_DE`` -> ``de`` -> English: a
message the catalog lacks is shown in English. Page planning and rendering read the active
catalog (``use``), so templates and Python-side words (status words, headings, chart titles)
and the locale-aware formatters agree on one language per build.
"""

from __future__ import annotations

import gettext as _gettext
import hashlib
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"
ENGLISH = "en"  # the language of every msgid: no catalog needed
# written as the project always wrote them: "28 Feb 2026", "1,234.5", "Mar 2025"
ENGLISH_TAGS = ("en", "en-gb", "en-us", "en_gb", "en_us")
PACKAGE_LOCALES = Path(__file__).parent / "locales"
CATALOG_PATH = "{locale}/LC_MESSAGES/" + DOMAIN + ".po"  # under a locales/ folder


class CatalogError(ValueError):
    """A ``.po`` file that cannot be read as a catalog; ``file`` (and ``line``) locate it."""

    def __init__(self, file: str, message: str, line: int | None = None):
        super().__init__(message)
        self.file = file
        self.line = line


def N_(message: str) -> str:  # noqa: N802 - the gettext convention, found by the extractor
    """Mark a module-level string for extraction; translate it where it is used with ``_``."""
    return message


def candidates(tag: str) -> list[str]:
    """Catalog names to try for a BCP 47 tag, most specific first: ``de-DE`` -> ``de_DE``,
    ``de``; ``zh-Hant-TW`` -> ``zh_Hant_TW``, ``zh_Hant``, ``zh``."""
    parts = [p for p in tag.replace("_", "-").split("-") if p]
    if not parts:
        return []
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        fixed.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return ["_".join(fixed[:n]) for n in range(len(fixed), 0, -1)]


def babel_locale(tag: str) -> Locale:
    """The Babel locale of a BCP 47 tag; English when CLDR has no data for it."""
    for name in candidates(tag):
        try:
            return Locale.parse(name)
        except (ValueError, UnknownLocaleError):
            continue
    return Locale.parse(ENGLISH)


@lru_cache(maxsize=64)
def _compiled(data: bytes, where: str) -> bytes:
    """A ``.po`` source as ``.mo`` bytes (only translated, non-fuzzy messages)."""
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except UnicodeDecodeError:
        raise CatalogError(where, "not a gettext catalog: the file is not UTF-8 text") from None
    except Exception as exc:  # Babel's PoFileError, and others for a malformed file
        line = getattr(exc, "lineno", None)
        message = str(exc).split(" on ")[0] if line is not None else str(exc)
        raise CatalogError(
            where, f"not a gettext catalog: {message}", line + 1 if line is not None else None
        ) from None
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


@dataclass(frozen=True)
class Catalog:
    """The translations of one site: the tag site.yaml gave, and the digest of every catalog
    byte read (part of the key of every page drawn with it)."""

    tag: str
    translations: _gettext.NullTranslations
    digest: str
    sources: tuple[str, ...] = ()  # the .po files merged, least specific first

    @property
    def key(self) -> str:
        """The language as part of a cache key: the tag and the catalogs' digest."""
        return f"{self.tag}:{self.digest}"

    @property
    def locale(self) -> Locale:
        return babel_locale(self.tag)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def translated(self, message: str) -> bool:
        """Whether the catalog has its own text for ``message`` (English needs none)."""
        if self.tag.lower().split("-")[0] == ENGLISH:
            return True
        marker = object()
        catalog = getattr(self.translations, "_catalog", {})
        return catalog.get(message, marker) is not marker or any(
            isinstance(k, tuple) and k[0] == message for k in catalog
        )


def _package_files() -> dict[str, tuple[bytes, str]]:
    """The package's catalogs: ``<locale>`` -> (bytes, where)."""
    found = {}
    if PACKAGE_LOCALES.is_dir():
        for po in sorted(PACKAGE_LOCALES.glob("*/LC_MESSAGES/" + DOMAIN + ".po")):
            name = po.parent.parent.name
            found[name] = (po.read_bytes(), f"scorecardgen/locales/{name}/LC_MESSAGES/{po.name}")
    return found


def load_catalog(tag: str, theme_files: Mapping[str, tuple[bytes, str]] | None = None) -> Catalog:
    """The catalog for site.yaml ``language`` ``tag``: the package's, with the project
    theme's ``locales/`` (``theme_files``: path inside it -> (bytes, where)) over it.

    Raises CatalogError for a ``.po`` file that is not a catalog.
    """
    package = _package_files()
    theme = {}
    for name, (data, where) in (theme_files or {}).items():
        parts = name.split("/")
        if len(parts) == 3 and parts[1] == "LC_MESSAGES" and parts[2] == DOMAIN + ".po":
            theme[parts[0]] = (data, where)
    merged: Translations | None = None
    digest = hashlib.sha256(tag.encode())
    used = []
    for name in reversed(candidates(tag)):  # least specific first: the specific one wins
        for source in (package, theme):
            if name not in source:
                continue
            data, where = source[name]
            for part in (where.encode(), data):
                digest.update(len(part).to_bytes(8, "big"))
                digest.update(part)
            translations = Translations(io.BytesIO(_compiled(data, where)), domain=DOMAIN)
            if merged is None:
                merged = translations
            else:
                merged.merge(translations)
            used.append(where)
    return Catalog(tag, merged or _gettext.NullTranslations(), digest.hexdigest(), tuple(used))


ENGLISH_CATALOG = Catalog(ENGLISH, _gettext.NullTranslations(), hashlib.sha256(b"en").hexdigest())
_ACTIVE: ContextVar[Catalog] = ContextVar("scorecardgen_catalog", default=ENGLISH_CATALOG)


def active() -> Catalog:
    """The catalog pages are being planned and drawn in (English outside a build)."""
    return _ACTIVE.get()


@contextmanager
def use(catalog: Catalog) -> Iterator[Catalog]:
    """Plan and draw in ``catalog``'s language inside the ``with`` block."""
    token = _ACTIVE.set(catalog)
    try:
        yield catalog
    finally:
        _ACTIVE.reset(token)


def _(message: str) -> str:
    """``message`` in the active language (English when it has no translation)."""
    return _ACTIVE.get().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the active language (a count that arrives
    as text, ``"3"``, is read as the number it writes)."""
    if isinstance(n, str) and n.isdigit():
        n = int(n)
    return _ACTIVE.get().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language, told apart from the same English word by
    ``context`` (``"status"`` Open vs a verb)."""
    return _ACTIVE.get().pgettext(context, message)


def locale_tag() -> str:
    """The active site's BCP 47 tag (``de-DE``)."""
    return _ACTIVE.get().tag


def install(env: jinja2.Environment) -> None:
    """Jinja's i18n extension, reading the active catalog whenever a page is drawn: one
    compiled template serves every language."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True  # {% trans %} text reads as one line
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, newstyle=True, pgettext=pgettext
    )
