"""The one place that turns values into display text: numbers, money, dates, status words.

Templates receive these ready-made strings; they never format or compute anything.
"""

from __future__ import annotations

import decimal
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
)

from scorecardgen.i18n import ENGLISH_TAGS, N_, _, babel_locale, locale_tag, ngettext

if TYPE_CHECKING:
    from scorecardgen.scoring.scorecard import ContractMix

DASH = "\u2014"  # shown for a missing value

_UNIT_SUFFIX = {"%": "%", "s": " s", "min": " min", "h": " h", "days": " days"}
_PLAIN_UNITS = ("count", "score", "currency", "ratio")  # written as bare numbers
DEFAULT_LOCALE = "en"  # site.yaml ``language`` when it names none
MAX_DECIMALS = 2  # a measured value or level is shown with at most this many decimals


def number(value: float | None, unit: str = "", decimals: int | None = None) -> str:
    """A measured value with its unit, in the site's language: ``75.0%``, ``99.38%``,
    ``28 s``, ``1,234`` (``75,0 %``, ``1.234`` in ``de``); a dash when missing.

    A value is shown with the decimals it has, up to two (``1.25``, ``99.38%``, ``4.2``), so a
    contract's levels read as agreed; more are rounded to two. Whole numbers stay bare
    (``28 s``), except a percentage or a score, which keep one decimal (``75.0%``); a ratio
    always has two (``0.88``). Any other unit is a KPI's free label, written after the number
    with a space: ``12 kWh/m²``, ``1.25 kWh/ft²``.
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return DASH
    if decimals is None:
        decimals = _decimals(float(value), unit)
    text = decimal_text(float(value), decimals)
    if unit == "currency":
        return text
    if unit == "days":
        return ngettext("%(n)s day", "%(n)s days", 1 if text == "1" else 2) % {"n": text}
    if unit == "%":
        return _percent_sign(text)
    if unit in _UNIT_SUFFIX or unit in _PLAIN_UNITS or not unit:
        return text + _UNIT_SUFFIX.get(unit, "")
    return f"{text} {unit}"


def decimal_text(value: float, decimals: int, tag: str | None = None) -> str:
    """``value`` with exactly ``decimals`` places and the locale's separators: ``1,234.5``,
    ``1.234,5`` in ``de``, ``1\u202f234,5`` in ``fr``."""
    tag = tag or locale_tag()
    rounded = round(value, decimals) + 0.0  # + 0.0: never "-0.0"
    if tag.lower() in ENGLISH_TAGS:
        return f"{rounded:,.{decimals}f}"
    return str(format_decimal(rounded, _pattern(tag, False, decimals), locale=_locale(tag)))


@lru_cache(maxsize=16)
def _percent_spacing(tag: str) -> str:
    """What stands between a number and ``%`` in ``tag``: nothing, or a no-break space."""
    pattern = str(_locale(tag).percent_formats[None].pattern)
    match = re.search(r"0([\s\u00a0\u202f]*)%", pattern)
    return "\u00a0" if match and match.group(1) else ""


def _percent_sign(text: str) -> str:
    return f"{text}{_percent_spacing(locale_tag())}%"


def _decimals(value: float, unit: str) -> int:
    """The decimals ``value`` has once rounded to two (``99.38`` 2, ``99.30`` 1, ``99.996``
    0), at least one for a percentage or a score and exactly two for a ratio."""
    if unit == "ratio":
        return 2
    fraction = f"{abs(value):.{MAX_DECIMALS}f}".split(".")[1].rstrip("0")
    least = 1 if unit in ("%", "score") or not value.is_integer() else 0
    return max(len(fraction), least)


def score(value: float | None) -> str:
    """A 0-100 score rounded to one decimal for display (computations keep full precision):
    ``82.4``, ``82,4`` in ``de``."""
    return DASH if value is None else decimal_text(float(value), 1)


def percent(value: float | None) -> str:
    """A coverage or share: ``60%``, ``87.5%`` (``87,5 %`` in ``de``)."""
    if value is None:
        return DASH
    return _percent_sign(decimal_text(float(value), 0 if float(value).is_integer() else 1))


@lru_cache(maxsize=64)
def _locale(tag: str) -> Locale:
    """A BCP 47 tag (``en``, ``en-GB``, ``de-CH``) as a Babel locale: the nearest CLDR knows
    (``de-XX`` as ``de``), else English (site.yaml's pattern admits tags CLDR does not know)."""
    return babel_locale(tag)


@lru_cache(maxsize=256)
def _pattern(tag: str, currency: bool, decimals: int) -> str:
    """The locale's standard currency (or decimal) pattern with exactly ``decimals`` places."""
    loc = _locale(tag)
    pattern = loc.currency_formats["standard"] if currency else loc.decimal_formats[None]
    places = "." + "0" * decimals if decimals else ""
    return re.sub(r"\.[0#]+", places, str(pattern.pattern))


def _keeps_apart(char: str) -> bool:
    return not unicodedata.category(char).startswith(("S", "Z"))


def _spaced(text: str, symbol: str) -> str:
    """CLDR currency spacing, which Babel leaves out: a symbol that ends in a letter stands a
    no-break space from the digits (``CHF 12,000``, not ``CHF12,000``); ``$12`` is unchanged."""
    at = text.find(symbol)
    if not symbol or at < 0:
        return text
    end = at + len(symbol)
    if end < len(text) and text[end].isdigit() and _keeps_apart(symbol[-1]):
        text = text[:end] + "\u00a0" + text[end:]
    if at > 0 and text[at - 1].isdigit() and _keeps_apart(symbol[0]):
        text = text[:at] + "\u00a0" + text[at:]
    return text


def _wide_decimals(write: Callable[..., str]) -> Callable[..., str]:
    """Babel rounds in Python's decimal context (28 digits by default), which raises for
    amounts near the float limits: give it room for any finite float."""

    @functools.wraps(write)
    def wrapped(*args: Any, **kwargs: Any) -> str:
        with decimal.localcontext() as context:
            context.prec = 400
            return write(*args, **kwargs)

    return wrapped


@_wide_decimals
def money(amount: float | None, currency: str | None, *, locale: str = DEFAULT_LOCALE) -> str:
    """An amount in an ISO 4217 currency, written for ``locale`` (site.yaml ``language``) by
    Babel: ``£12,000.50``, ``¥1,234``, ``CHF 12,000``, ``12.000,50 €`` in ``de``.

    Decimals are the currency's own (two for GBP, none for JPY), dropped when the amount is
    whole at that precision (``£12,000``), so columns of round figures stay easy to read.
    A bare number without a currency; a dash when missing.
    """
    if amount is None or not math.isfinite(amount):
        return DASH
    digits = get_currency_precision(currency) if currency else 2
    rounded = round(float(amount), digits) + 0.0  # + 0.0: never "-£0"
    places = 0 if rounded.is_integer() else digits
    if not currency:
        return str(format_decimal(rounded, _pattern(locale, False, places), locale=_locale(locale)))
    text = format_currency(
        rounded,
        currency,
        _pattern(locale, True, places),
        locale=_locale(locale),
        currency_digits=False,
    )
    return _spaced(str(text), str(get_currency_symbol(currency, locale=_locale(locale))))


@_wide_decimals
def money_short(amount: float | None, currency: str | None, *, locale: str = DEFAULT_LOCALE) -> str:
    """Money to three significant figures, for tallies and labels: ``$4.86M``, ``£820K``,
    ``4,86 Mio. €`` in ``de`` (Babel's compact forms and symbols); a dash when missing."""
    if amount is None or not math.isfinite(amount):
        return DASH
    loc = _locale(locale)
    value = float(amount) if abs(amount) >= 1000 else float(round(amount))  # £999.6 is £1K

    def write(places: int) -> str:
        if currency:
            return str(format_compact_currency(value, currency, locale=loc, fraction_digits=places))
        return str(format_compact_decimal(value, locale=loc, fraction_digits=places))

    whole = re.search(r"\d+", write(0))  # digits before the point decide the decimals
    text = write(max(0, 3 - len(whole.group())) if whole else 0)
    if re.search(r"\d{4}", text):  # no compact form at this size (de thousands): in full
        return money(round(value), currency, locale=locale)
    return _spaced(text, str(get_currency_symbol(currency, locale=loc))) if currency else text


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 renewal``, ``3 renewals``: a number with its noun (English nouns; translated
    callers use ``ngettext`` with the number in the message)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


# Words that lose their capitals when a slug is merely capitalised.
_FUNCTION_LABELS = {
    "hr": N_("HR"),
    "it-helpdesk": N_("IT helpdesk"),
    "customer-support": N_("Customer support"),
    "finance-accounting": N_("Finance and accounting"),
    "software": N_("Software delivery"),
    "content-moderation": N_("Content moderation"),
}
# The labels of the fixed vocabularies (delivery, pricing, KPI category, kind, indicator,
# cadence) and common functions, marked for translation; label() translates any label.
_VOCABULARY = (
    N_("Onshore"), N_("Nearshore"), N_("Offshore"),
    N_("Per FTE"), N_("Per transaction"), N_("Fixed"), N_("Outcome"), N_("Hybrid"),
    N_("Success"), N_("Cost"), N_("Time"),
    N_("Input"), N_("Process"), N_("Output"),
    N_("Leading"), N_("Lagging"),
    N_("Weekly"), N_("Monthly"), N_("Quarterly"),
    N_("Logistics"), N_("Facilities"),
)  # fmt: skip
_ACRONYMS = {"hr", "it", "qa", "ai", "bpo", "kyc", "aml", "ux", "sre", "noc", "soc", "fte"}


def label(slug: str | None) -> str:
    """A slug as a reader expects it: ``it-helpdesk`` -> ``IT helpdesk``, ``hr`` -> ``HR``.

    Known vendor functions have their own wording; other slugs are capitalised, keeping
    common acronyms in capitals.
    """
    if not slug:
        return DASH
    if slug in _FUNCTION_LABELS:
        return _(_FUNCTION_LABELS[slug])
    words = [w.upper() if w in _ACRONYMS else w for w in slug.split("-")]
    text = " ".join(words)
    return _(text[0].upper() + text[1:])  # in the site's language when the catalog has it


def day(value: date | None) -> str:
    """``30 Sep 2026`` (``30. Sept. 2026`` in ``de``); a dash when missing."""
    if value is None:
        return DASH
    tag = locale_tag()
    if tag.lower() in ENGLISH_TAGS:
        return f"{value.day} {value:%b %Y}"
    return str(format_skeleton("yMMMd", value, locale=_locale(tag)))


def signed(value: float | None) -> str:
    """A change in points: ``+2.5``, ``\u22121.0``."""
    if value is None:
        return DASH
    sign = "+" if value > 0 else "\u2212" if value < 0 else "\u00b1"
    return f"{sign}{decimal_text(abs(value), 1)}"


@dataclass(frozen=True)
class StatusLook:
    """How a status reads: a word, an icon glyph and a CSS class (never colour alone)."""

    word: str
    icon: str
    css: str
    meaning: str


STATUS: dict[str, StatusLook] = {
    "green": StatusLook(N_("Green"), "\u2713", "st-green", N_("score at or above the green band")),
    "amber": StatusLook(N_("Amber"), "!", "st-amber", N_("score in the amber band")),
    "red": StatusLook(N_("Red"), "\u2715", "st-red", N_("score below the amber band")),
    "insufficient-data": StatusLook(
        N_("Insufficient data"),
        "?",
        "st-none",
        N_("coverage below 50%: too many reports missing"),
    ),
    "missing": StatusLook(
        N_("Missing"), "\u2205", "st-missing", N_("expected report not received")
    ),
    "no-data": StatusLook(N_("No data"), "\u2013", "st-none", N_("nothing measured")),
    "met": StatusLook(N_("Met"), "\u2713", "st-green", N_("at or beyond expected")),
    "at-risk": StatusLook(N_("At risk"), "!", "st-amber", N_("between minimum and expected")),
    "breached": StatusLook(N_("Breached"), "\u2715", "st-red", N_("worse than the minimum")),
    "excluded": StatusLook(
        N_("Excluded"),
        "\u2296",
        "st-excluded",
        N_("excused period: not expected, not scored, no credit"),
    ),
    "payable": StatusLook(N_("Payable"), "\u25cf", "st-red", N_("credit owed: not earned back")),
    "waived": StatusLook(
        N_("Waived"), "\u21ba", "st-green", N_("credit earned back by meeting the level")
    ),
    "pending": StatusLook(
        N_("Pending"), "\u25d4", "st-amber", N_("earn-back periods still to come")
    ),
    "default": StatusLook(
        N_("In default"),
        "\u26a0",
        "st-default",
        N_("breached in consecutive periods: a possible termination right"),
    ),
    "active": StatusLook(N_("Active"), "\u2713", "st-green", N_("in term")),
    "renewal-due": StatusLook(
        N_("Renewal due"), "!", "st-amber", N_("cancel-by date within 120 days")
    ),
    "expired": StatusLook(N_("Expired"), "\u2715", "st-red", N_("past its end date")),
    "valid": StatusLook(N_("Valid"), "\u2713", "st-green", N_("more than 90 days to expiry")),
    "expiring": StatusLook(N_("Expiring"), "!", "st-amber", N_("expires within 90 days")),
    "open": StatusLook(N_("Open"), "\u25cb", "st-neutral", N_("not yet done")),
    "overdue": StatusLook(N_("Overdue"), "\u2715", "st-red", N_("open past its due date")),
    "done": StatusLook(N_("Done"), "\u2713", "st-green", N_("completed")),
    "dropped": StatusLook(N_("Dropped"), "\u2013", "st-none", N_("no longer pursued")),
    "top-quartile": StatusLook(
        N_("Top quartile"), "\u2605", "st-green", N_("at or beyond top quartile")
    ),
    "middle": StatusLook(N_("Middle"), "\u25c6", "st-neutral", N_("between the quartiles")),
    "bottom-quartile": StatusLook(
        N_("Bottom quartile"), "\u25bc", "st-red", N_("at or worse than bottom quartile")
    ),
}

TREND: dict[str, StatusLook] = {
    "up": StatusLook(N_("Up"), "\u25b2", "tr-up", N_("rose by more than 1 point")),
    "down": StatusLook(N_("Down"), "\u25bc", "tr-down", N_("fell by more than 1 point")),
    "flat": StatusLook(N_("Flat"), "\u25ba", "tr-flat", N_("within 1 point of last quarter")),
    "none": StatusLook(N_("No trend"), "\u2013", "tr-none", N_("no score to compare")),
}


_WINDOWS = {"monthly": N_("monthly"), "quarterly": N_("quarterly")}
_NOTE_KINDS = {
    "review": N_("Review"),
    "action": N_("Action"),
    "incident": N_("Incident"),
    "note": N_("Note"),
    "response": N_("Response"),
}


def note_kind(kind: str) -> str:
    """A note's kind as its tag reads: ``Action`` (``Maßnahme`` in ``de``)."""
    return _(_NOTE_KINDS[kind]) if kind in _NOTE_KINDS else kind.capitalize()


def window_word(window: str) -> str:
    """A service level's window as a reader sees it: ``monthly`` (``monatlich`` in ``de``)."""
    return _(_WINDOWS[window]) if window in _WINDOWS else window


def months_to_date(months: int) -> str:
    """A quarter in progress: ``to date, 1 of 3 months``."""
    return _("to date, %(n)s of 3 months") % {"n": months}


def contract_mix(mix: ContractMix | None) -> str:
    """``1 of 2 contracts amber``; ``1 of 3 contracts red, 1 of 3 amber``; empty for None."""
    if mix is None or not mix.counts:
        return ""
    words = [(n, status(s).word.lower() if s in STATUS else s) for s, n in mix.counts]
    (n, word), *rest = words
    head = ngettext(
        "%(n)s of %(total)s contract %(status)s",
        "%(n)s of %(total)s contracts %(status)s",
        mix.total,
    ) % {"n": n, "total": mix.total, "status": word}
    tail = [_("%(n)s of %(total)s %(status)s") % {"n": k, "total": mix.total, "status": w}
            for k, w in rest]  # fmt: skip
    return ", ".join([head, *tail])


def _translated(look: StatusLook) -> StatusLook:
    """A look with its word and meaning in the site's language."""
    return StatusLook(_(look.word), look.icon, look.css, _(look.meaning))


def status(word: str | None) -> StatusLook:
    """The look of a status word, in the site's language (an unknown word reads as itself,
    neutral)."""
    if word is None:
        return _translated(STATUS["no-data"])
    if word in STATUS:
        return _translated(STATUS[word])
    return StatusLook(word.replace("-", " ").capitalize(), "\u2022", "st-neutral", word)


def trend(word: str | None) -> StatusLook:
    """The look of a trend word, in the site's language."""
    return _translated(TREND.get(word or "none", TREND["none"]))
