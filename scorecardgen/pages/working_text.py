"""Scoring's workings in the site's language.

Scoring writes its workings once, in English and locale-free, because they also travel in the
JSON exports: formulas group thousands with a comma and mark decimals with a point
(``26,000 × 40% = 10,400``), and the sentences that say why a credit is waived or a contract is
due for renewal name periods and days as ids (``met in 2026-05, 2026-06: earned back,
waived``). Pages show them in the reader's language: ``formula`` writes a formula's numbers
the locale's way (``26.000 × 40 % = 10.400`` in ``de``) and translates its few words;
``reason`` translates a whole working sentence through the catalog, with its periods, days
and numbers written for the locale. In English both return their text as scoring wrote it
(periods and days in words).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from babel.numbers import get_decimal_symbol, get_group_symbol

from scorecardgen import formatting as fmt
from scorecardgen.i18n import ENGLISH_TAGS, N_, _, babel_locale, locale_tag
from scorecardgen.pages.measurement_marks import period_words

# A number as scoring writes it in a formula: grouped thousands or a decimal, maybe a percent.
# A bare integer (a weight, a year, a count of days) reads the same in every locale.
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+)(%?)(?![\w])")
_RATE = re.compile(r"\b([A-Z]{3}) at (\d[\d,.]*)")
_FORMULA_WORDS = (N_("share of the cap"), N_("capped to"), N_("clamped to"))


@lru_cache(maxsize=16)
def _symbols(tag: str) -> tuple[str, str, str]:
    """The locale's group and decimal symbols and what stands before ``%``."""
    loc = babel_locale(tag)
    pattern = str(loc.percent_formats[None].pattern)
    spaced = re.search(r"0[\s\u00a0\u202f]+%", pattern) is not None
    return str(get_group_symbol(loc)), str(get_decimal_symbol(loc)), "\u00a0" if spaced else ""


def numbers(text: str) -> str:
    """The grouped numbers, decimals and percentages of a formula in the locale's form."""
    tag = locale_tag()
    if tag.lower() in ENGLISH_TAGS:
        return text
    group, point, percent = _symbols(tag)

    def local(m: re.Match[str]) -> str:
        digits = m.group(1).replace(",", "\0").replace(".", point).replace("\0", group)
        return digits + (percent + "%" if m.group(2) else "")

    return _NUMBER.sub(local, text)


def _rates(text: str) -> str:
    return _RATE.sub(
        lambda m: _("%(currency)s at %(rate)s") % {"currency": m.group(1), "rate": m.group(2)},
        text,
    )


def formula(text: str) -> str:
    """A formula from scoring as the page shows it: ``26.000 × 40 % = 10.400; Anteil an der
    Obergrenze …`` in ``de``; unchanged in English."""
    if locale_tag().lower() in ENGLISH_TAGS:
        return text
    for word in _FORMULA_WORDS:
        if word in text:
            text = text.replace(word, _(word))
    return numbers(_rates(text))


def _status_word(word: str) -> str:
    return fmt.status(word).word.lower()


def _periods(text: str) -> str:
    """A list of periods, or ``the term to end on <day>``, in words."""
    m = re.fullmatch(r"the term to end on (\S+)", text)
    if m:
        return _("the term to end on %(day)s") % {"day": period_words(m.group(1))}
    return period_words(text)


# Each working sentence scoring writes: its pattern, its message (the English the pattern
# reads), and how each named part is written on a page.
_Part = Callable[[str], str]
_SENTENCES: tuple[tuple[re.Pattern[str], str, dict[str, _Part]], ...] = (
    (
        re.compile(r"met in (?P<periods>.+): earned back, waived"),
        N_("met in %(periods)s: earned back, waived"),
        {"periods": _periods},
    ),
    (
        re.compile(r"(?P<period>\S+) was (?P<status>[\w-]+): payable"),
        N_("%(period)s was %(status)s: payable"),
        {"period": period_words, "status": _status_word},
    ),
    (
        re.compile(r"the term ended before (?P<n>\d+) following periods: payable"),
        N_("the term ended before %(n)s following periods: payable"),
        {},
    ),
    (
        re.compile(
            r"met so far in (?P<n>\d+) of (?P<total>\d+) following periods, "
            r"waiting for (?P<waiting>.+): pending"
        ),
        N_("met so far in %(n)s of %(total)s following periods, waiting for %(waiting)s: pending"),
        {"waiting": _periods},
    ),
    (
        re.compile(r"waiting for (?P<waiting>.+): pending"),
        N_("waiting for %(waiting)s: pending"),
        {"waiting": _periods},
    ),
    (re.compile(r"no earn-back: payable at once"), N_("no earn-back: payable at once"), {}),
    (
        re.compile(r"weighted by annual value \((?P<currency>[A-Z]{3})\)"),
        N_("weighted by annual value (%(currency)s)"),
        {},
    ),
    (
        re.compile(r"weighted by annual value in (?P<currency>[A-Z]{3}) \((?P<rates>.+)\)"),
        N_("weighted by annual value in %(currency)s (%(rates)s)"),
        {"rates": formula},
    ),
    (
        re.compile(r"equal weights: no exchange rate for (?P<currencies>.+)"),
        N_("equal weights: no exchange rate for %(currencies)s"),
        {},
    ),
    (
        re.compile(r"equal weights: annual values total 0"),
        N_("equal weights: annual values total 0"),
        {},
    ),
    (
        re.compile(r"equal weights: no annual value on (?P<contracts>.+)"),
        N_("equal weights: no annual value on %(contracts)s"),
        {},
    ),
    (re.compile(r"one contract: (?P<contract>.+)"), N_("one contract: %(contract)s"), {}),
    (
        re.compile(
            r"breached in (?P<n>\d+) consecutive periods \((?P<periods>.+)\): "
            r"default from (?P<since>\S+) \(default_after: (?P<after>\d+)\)"
        ),
        N_(
            "breached in %(n)s consecutive periods (%(periods)s): default from %(since)s "
            "(default_after: %(after)s)"
        ),
        {"periods": period_words, "since": period_words},
    ),
    (
        re.compile(
            r"cancel-by = (?P<end>\S+) \u2212 (?P<days>\d+) days = (?P<cancel_by>\S+); "
            r"(?P<why>.+)"
        ),
        N_("cancel-by = %(end)s \u2212 %(days)s days = %(cancel_by)s; %(why)s"),
        {"end": period_words, "cancel_by": period_words, "why": lambda t: reason(t)},
    ),
    (
        re.compile(
            r"cancel-by (?P<cancel_by>\S+) is on or before (?P<horizon>\S+) "
            r"\(as_of \+ (?P<days>\d+) days\)"
        ),
        N_("cancel-by %(cancel_by)s is on or before %(horizon)s (as_of + %(days)s days)"),
        {"cancel_by": period_words, "horizon": period_words},
    ),
    (
        re.compile(
            r"cancel-by (?P<cancel_by>\S+) is after (?P<horizon>\S+) "
            r"\(as_of \+ (?P<days>\d+) days\)"
        ),
        N_("cancel-by %(cancel_by)s is after %(horizon)s (as_of + %(days)s days)"),
        {"cancel_by": period_words, "horizon": period_words},
    ),
    (re.compile(r"as_of set in site\.yaml"), N_("as_of set in site.yaml"), {}),
    (
        re.compile(r"last day of (?P<period>\S+), the latest measured period"),
        N_("last day of %(period)s, the latest measured period"),
        {"period": period_words},
    ),
    (
        re.compile(r"no measurements: the latest contract start or note date"),
        N_("no measurements: the latest contract start or note date"),
        {},
    ),
    (
        re.compile(r"empty project: no dates in the content"),
        N_("empty project: no dates in the content"),
        {},
    ),
    (
        re.compile(r"ended (?P<end>\S+) before as_of (?P<as_of>\S+)"),
        N_("ended %(end)s before as_of %(as_of)s"),
        {"end": period_words, "as_of": period_words},
    ),
)


def reason(text: str) -> str:
    """A working sentence from scoring in the site's language, its periods and days in words;
    a sentence scoring does not write this way is only given its periods and days in words."""
    for pattern, message, parts in _SENTENCES:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        values = {k: parts.get(k, numbers)(v) for k, v in m.groupdict().items()}
        return _(message) % values
    return period_words(text)
