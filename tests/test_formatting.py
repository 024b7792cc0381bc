"""scorecardgen/formatting.py: how numbers, money, dates and status words read on the pages."""

from __future__ import annotations

from datetime import date

import pytest

from scorecardgen import formatting as fmt

DASH = "\u2014"
MECHANICS = ("excluded", "payable", "waived", "pending", "default")
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (75.0, "%", "75.0%"),  # a percentage always keeps its decimal
        (97.26, "%", "97.26%"),  # a level agreed to two decimals reads as agreed
        (99.38, "%", "99.38%"),
        (99.3, "%", "99.3%"),
        (99.996, "%", "100.0%"),  # beyond two decimals: rounded to two, zeros dropped
        (97.254, "%", "97.25%"),
        (28, "s", "28 s"),
        (28.44, "s", "28.44 s"),
        (28.5, "s", "28.5 s"),
        (5, "min", "5 min"),
        (2, "h", "2 h"),
        (2, "days", "2 days"),
        (1, "days", "1 day"),
        (1.0, "days", "1 day"),
        (0.5, "days", "0.5 days"),
        (1.25, "", "1.25"),  # was "1.2": a level of 1.25 is not 1.2
        (1.25, "kWh/ft²", "1.25 kWh/ft²"),
        (13.5, "kWh/m²", "13.5 kWh/m²"),
        (1.005, "", "1.0"),
        (-0.004, "", "0.0"),  # never a negative zero
        (1234, "", "1,234"),
        (1234.5, "", "1,234.5"),
        (1234567, "count", "1,234,567"),  # an unknown unit adds no suffix
        (0.8765, "ratio", "0.88"),
        (0.9, "ratio", "0.90"),  # a ratio always has two
        (3, "score", "3.0"),
        (4.25, "score", "4.25"),
        (12000, "currency", "12,000"),  # the currency sign is money()'s job
    ],
)
def test_number_reads_with_its_unit(value: float, unit: str, shown: str) -> None:
    assert fmt.number(value, unit) == shown


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf"), float("-inf")])
def test_a_missing_or_broken_number_is_a_dash(missing: float | None) -> None:
    assert fmt.number(missing, "%") == DASH


def test_number_with_fixed_decimals() -> None:
    assert fmt.number(75.456, "%", decimals=2) == "75.46%"
    assert fmt.number(1, "days", decimals=1) == "1.0 days"  # "1 day" only for the plain 1
    assert fmt.number(2.6, "s", decimals=0) == "3 s"


def test_score_has_one_decimal() -> None:
    assert [fmt.score(v) for v in (87.26, 87.24, 100, 0, None)] == [
        "87.3",
        "87.2",
        "100.0",
        "0.0",
        DASH,
    ]


def test_percent_drops_a_zero_decimal_only() -> None:
    assert [fmt.percent(v) for v in (60, 60.0, 87.5, 33.333, 0, None)] == [
        "60%",
        "60%",
        "87.5%",
        "33.3%",
        "0%",
        DASH,
    ]


NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (12000, "GBP", "\u00a312,000"),  # a whole amount drops its decimals
        (12000.5, "USD", "$12,000.50"),  # otherwise the currency's own: cents as two digits
        (1234567.891, "EUR", "\u20ac1,234,567.89"),
        (12000.004, "GBP", "\u00a312,000"),  # whole once rounded to pence
        (1234, "JPY", "\u00a51,234"),  # the yen has no minor unit
        (1234.56, "JPY", "\u00a51,235"),
        (5.125, "KWD", f"KWD{NBSP}5.125"),  # the dinar has three decimals
        (12000, "CHF", f"CHF{NBSP}12,000"),  # a letter symbol keeps its distance (CLDR)
        (-12000, "CHF", f"-CHF{NBSP}12,000"),
        (12000, "CAD", "CA$12,000"),  # a symbol ending in a sign does not
        (12000, None, "12,000"),
        (12.5, None, "12.50"),
        (0, "GBP", "\u00a30"),
        (-0.001, "GBP", "\u00a30"),  # never "-£0"
        (None, "GBP", DASH),
        (float("nan"), "GBP", DASH),
    ],
)
def test_money(amount: float | None, currency: str | None, shown: str) -> None:
    assert fmt.money(amount, currency) == shown


@pytest.mark.parametrize(
    ("locale", "amount", "currency", "shown"),
    [
        ("de", 12000.5, "EUR", f"12.000,50{NBSP}\u20ac"),  # the symbol after, comma decimals
        ("de", 12000, "GBP", f"12.000{NBSP}\u00a3"),
        ("en-GB", 12000, "USD", "US$12,000"),  # a British reader is told which dollar
        ("en-GB", 1234, "JPY", "JP\u00a51,234"),
        ("fr", 1234.5, "EUR", f"1\u202f234,50{NBSP}\u20ac"),
        ("de-CH", 12000, "CHF", f"CHF{NBSP}12'000"),
        ("de", 12000, None, "12.000"),
        ("tlh", 12000, "GBP", "\u00a312,000"),  # a language CLDR lacks reads as English
    ],
)
def test_money_follows_the_site_language(
    locale: str, amount: float, currency: str | None, shown: str
) -> None:
    assert fmt.money(amount, currency, locale=locale) == shown


def test_money_in_one_language_does_not_leak_into_the_next() -> None:
    assert fmt.money(12000.5, "EUR", locale="de") == f"12.000,50{NBSP}\u20ac"
    assert fmt.money(12000.5, "EUR") == "\u20ac12,000.50"
    assert fmt.money_short(4_860_000, "EUR", locale="de") == f"4,86{NBSP}Mio.{NBSP}\u20ac"
    assert fmt.money_short(4_860_000, "EUR") == "\u20ac4.86M"


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (4_860_000, "USD", "$4.86M"),
        (48_630_000, "USD", "$48.6M"),
        (486_300_000, "USD", "$486M"),
        (820_000, "GBP", "\u00a3820K"),
        (1_234_567_890, "EUR", "\u20ac1.23B"),
        (999_999, "USD", "$1M"),  # not $1e+03K
        (999.6, "GBP", "\u00a31K"),
        (999.4, "GBP", "\u00a3999"),
        (12_000, "CHF", f"CHF{NBSP}12K"),
        (123_456, "JPY", "\u00a5123K"),
        (-4_860_000, "USD", "-$4.86M"),
        (500, None, "500"),
        (1_234_567, None, "1.23M"),
        (0, "USD", "$0"),
        (None, "GBP", DASH),
    ],
)
def test_money_short_has_three_significant_figures(
    amount: float | None, currency: str | None, shown: str
) -> None:
    assert fmt.money_short(amount, currency) == shown


def test_money_short_in_full_where_the_language_has_no_short_form() -> None:
    # German abbreviates millions (Mio.) but writes thousands in full
    assert fmt.money_short(820_000, "GBP", locale="de") == f"820.000{NBSP}\u00a3"
    assert fmt.money_short(48_630_000, "USD", locale="de") == f"48,6{NBSP}Mio.{NBSP}$"


def test_count_agrees_with_its_noun() -> None:
    assert fmt.count(1, "renewal") == "1 renewal"
    assert fmt.count(3, "renewal") == "3 renewals"
    assert fmt.count(0, "month") == "0 months"
    assert fmt.count(2, "breach", "breaches") == "2 breaches"
    assert fmt.count(1, "breach", "breaches") == "1 breach"


@pytest.mark.parametrize(
    ("slug", "shown"),
    [
        ("it-helpdesk", "IT helpdesk"),
        ("hr", "HR"),
        ("finance-accounting", "Finance and accounting"),
        ("software", "Software delivery"),
        ("payroll", "Payroll"),
        ("ai-labelling", "AI labelling"),
        ("qa-and-ux", "QA and UX"),
        ("per-fte", "Per FTE"),
        (None, DASH),
        ("", DASH),
    ],
)
def test_label_of_a_slug(slug: str | None, shown: str) -> None:
    assert fmt.label(slug) == shown


def test_day_is_day_month_year_without_a_leading_zero() -> None:
    assert fmt.day(date(2026, 9, 30)) == "30 Sep 2026"
    assert fmt.day(date(2026, 1, 5)) == "5 Jan 2026"
    assert fmt.day(None) == DASH


def test_signed_change_uses_a_true_minus() -> None:
    assert fmt.signed(2.5) == "+2.5"
    assert fmt.signed(-1.0) == f"{MINUS}1.0"
    assert fmt.signed(0) == "\u00b10.0"
    assert fmt.signed(None) == DASH


def test_contract_mechanics_have_their_own_words_and_icons() -> None:
    looks = {w: (fmt.status(w).word, fmt.status(w).icon, fmt.status(w).css) for w in MECHANICS}
    assert looks == {
        "excluded": ("Excluded", "\u2296", "st-excluded"),
        "payable": ("Payable", "\u25cf", "st-red"),
        "waived": ("Waived", "\u21ba", "st-green"),
        "pending": ("Pending", "\u25d4", "st-amber"),
        "default": ("In default", "\u26a0", "st-default"),
    }
    # each reads apart from the others and from every other status, not by colour alone
    icons = [look[1] for look in looks.values()]
    assert len(set(icons)) == len(icons)
    others = {look.icon for word, look in fmt.STATUS.items() if word not in MECHANICS}
    assert not others & {looks["excluded"][1], looks["default"][1], looks["pending"][1]}
    assert "termination" in fmt.status("default").meaning


def test_status_words_have_a_word_and_an_icon_not_colour_alone() -> None:
    breached = fmt.status("breached")
    assert (breached.word, breached.icon, breached.css) == ("Breached", "\u2715", "st-red")
    assert fmt.status(None).word == "No data"
    for word, look in fmt.STATUS.items():
        assert look.word and look.icon and look.css.startswith("st-"), word


def test_an_unknown_status_reads_as_itself() -> None:
    look = fmt.status("on-hold")
    assert (look.word, look.css) == ("On hold", "st-neutral")


def test_trend_words() -> None:
    assert (fmt.trend("up").word, fmt.trend("up").icon) == ("Up", "\u25b2")
    assert fmt.trend("down").css == "tr-down"
    assert fmt.trend(None).word == "No trend"
    assert fmt.trend("sideways").word == "No trend"


@pytest.mark.parametrize("amount", [1e28, 1e308, -1e308])
def test_money_near_the_float_limits_is_written_not_raised(amount: float) -> None:
    assert fmt.money(amount, "GBP").lstrip("-").startswith("£1")
    assert fmt.money_short(amount, "GBP") != ""
