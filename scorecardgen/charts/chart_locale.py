"""The site's locale as charts need it: d3's number and time format locales, which vl-convert
(the SVG) and vega-embed (the live chart) both take, carried in the spec's ``usermeta``."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import vl_convert
from babel.core import get_global

from scorecardgen.i18n import babel_locale

FALLBACK = "en-US"  # d3's own default


def _names(tag: str) -> list[str]:
    """d3 locale names to try for a BCP 47 tag: ``de-AT`` -> ``de-AT``, ``de-DE`` (CLDR's
    likely region for the language), then ``en-US``."""
    loc = babel_locale(tag)
    names = [f"{loc.language}-{loc.territory}"] if loc.territory else []
    likely = str(get_global("likely_subtags").get(loc.language, "")).split("_")
    if len(likely) > 1:
        names.append(f"{loc.language}-{likely[-1]}")
    return [*names, FALLBACK]


def _first(get: Callable[[Any], Any], names: list[str]) -> Any:
    for name in names:
        try:
            return get(name)
        except Exception:  # vl-convert knows a fixed list of names (d3-format, d3-time-format)
            continue
    return get(FALLBACK)


@lru_cache(maxsize=16)
def d3_locales(tag: str) -> dict[str, Any] | None:
    """``{"format_locale": ..., "time_format_locale": ...}`` for ``tag``; None for plain
    ``en`` (the charts' default, so English specs stay as they were)."""
    if tag.lower() == "en":
        return None
    names = _names(tag)
    return {
        "format_locale": _first(vl_convert.get_format_locale, names),
        "time_format_locale": _first(vl_convert.get_time_format_locale, names),
    }
