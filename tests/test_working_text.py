"""Scoring's workings on a page: unchanged in English, in the site's language elsewhere."""

from __future__ import annotations

import pytest

from scorecardgen import i18n
from scorecardgen.pages.measurement_marks import period_words
from scorecardgen.pages.working_text import formula, reason

# One of each working sentence scoring writes (scoring/credits.py, quarters.py, dates.py,
# default.py), as it writes them.
SENTENCES = (
    "met in 2026-05, 2026-06: earned back, waived",
    "2026-05 was breached: payable",
    "2026-07 was at-risk: payable",
    "the term ended before 2 following periods: payable",
    "met so far in 1 of 2 following periods, waiting for 2026-11: pending",
    "waiting for 2026-10, 2026-11: pending",
    "waiting for the term to end on 2027-03-31: pending",
    "no earn-back: payable at once",
    "weighted by annual value (USD)",
    "weighted by annual value in USD (EUR at 1.17, GBP at 1.34)",
    "equal weights: no exchange rate for CHF",
    "equal weights: annual values total 0",
    "equal weights: no annual value on voice, email",
    "one contract: voice",
    "breached in 4 consecutive periods (2026-06, 2026-07, 2026-08, 2026-09): "
    "default from 2026-08 (default_after: 3)",
    "cancel-by = 2027-12-31 \u2212 180 days = 2027-07-04; "
    "cancel-by 2027-07-04 is after 2027-01-28 (as_of + 120 days)",
    "cancel-by 2026-12-31 is on or before 2027-01-28 (as_of + 120 days)",
    "ended 2026-03-31 before as_of 2026-09-30",
    "as_of set in site.yaml",
    "last day of 2026-09, the latest measured period",
)


@pytest.mark.parametrize("text", SENTENCES)
def test_english_workings_read_as_scoring_wrote_them(text: str) -> None:
    expected = period_words(text).replace("was at-risk", "was at risk")
    assert reason(text) == expected


@pytest.mark.parametrize("text", SENTENCES)
def test_german_workings_are_translated(text: str) -> None:
    with i18n.use(i18n.load_catalog("de-DE")):
        german = reason(text)
    assert german != period_words(text)
    for english in ("earned back", "payable", "pending", "weighted", "equal weights", "days"):
        assert english not in german, german


def test_formulas_are_unchanged_in_english_and_german_in_german() -> None:
    text = "9,804 × 60% = 5,882.40; share of the cap 5,882.40 × 9,804 / 11,764.80 = 4,902"
    assert formula(text) == text
    with i18n.use(i18n.load_catalog("de-DE")):
        assert formula(text) == (
            "9.804 × 60\u00a0% = 5.882,40; Anteil an der Obergrenze 5.882,40 × 9.804 / "
            "11.764,80 = 4.902"
        )
    with i18n.use(i18n.load_catalog("fr-FR")):
        assert formula("10,400 + 7,800 = 18,200, capped to 10,000") == (
            "10\u202f400 + 7\u202f800 = 18\u202f200, plafonné à 10\u202f000"
        )


def test_years_days_and_bare_counts_in_a_formula_are_left_alone() -> None:
    with i18n.use(i18n.load_catalog("de-DE")):
        assert formula("(25 × 3/3 + 2027) / 100 = 99.5") == "(25 × 3/3 + 2027) / 100 = 99,5"
