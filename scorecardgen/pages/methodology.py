"""The methodology page: SCORING.md told with this site's own numbers.

The worked examples are scored live by the scoring stage, so the page can never disagree with
the code; bands, reporting currency, exchange rates, as_of and the lints are this site's, and
the contract mechanics are shown on the site's own exclusions, restatements, steps, credits
and defaults where it has them (``methodology_mechanics``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import N_, _
from scorecardgen.model import Bands, Lints, Measurement, Project, ServiceLevel
from scorecardgen.pages import urls
from scorecardgen.pages.catalogue import visible_cards
from scorecardgen.pages.common import Audience, Page, badge, period_label
from scorecardgen.pages.methodology_mechanics import mechanics
from scorecardgen.pages.working_text import reason
from scorecardgen.periods import Period
from scorecardgen.scoring import Portfolio, score_measurement
from scorecardgen.scoring.breaches import PERSISTENT_MONTHLY, PERSISTENT_QUARTERLY
from scorecardgen.scoring.currency import Currencies
from scorecardgen.scoring.dates import EXPIRY_HORIZON_DAYS, RENEWAL_HORIZON_DAYS
from scorecardgen.scoring.explain import operand
from scorecardgen.scoring.quarters import MIN_COVERAGE, TREND_THRESHOLD, contract_quarter
from scorecardgen.scoring.series import Series

# SCORING.md's worked examples 1 and 2
_EXAMPLES = (
    (
        N_("First contact resolution (%), higher is better"),
        75.0,
        65.0,
        "higher",
        (80.0, 75.0, 70.0, 65.0, 60.0, 50.0),
        "%",
    ),
    (
        N_("Average speed of answer (s), lower is better"),
        28.0,
        40.0,
        "lower",
        (25.0, 34.0, 40.0, 46.0, 60.0),
        "s",
    ),
)

# Worked example 3: SL A (weight 60) scores 100, 75 and a missing month; SL B (weight 40)
# reports nothing, or 50 in each month. FCR levels (expected 75, minimum 65) give those scores.
_QUARTER = Period.parse("2026-Q1")
_A_VALUES = (80.0, 70.0, None)
_B_VALUES = (65.0, 65.0, 65.0)


def _examples() -> list[dict[str, Any]]:
    out = []
    for name, expected, minimum, direction, values, unit in _EXAMPLES:
        rows = []
        for v in values:
            r = score_measurement(v, expected, minimum, direction)
            rows.append(
                {
                    "value": fmt.number(v, unit),
                    "status": fmt.status(r.status).word,
                    "score": fmt.score(r.score),
                    "formula": r.formula,
                }
            )
        out.append(
            {
                "name": _(name),
                "expected": fmt.number(expected, unit),
                "minimum": fmt.number(minimum, unit),
                "rows": rows,
            }
        )
    return out


def _series(name: str, weight: float, values: tuple[float | None, ...]) -> Series:
    months = _QUARTER.months()
    level = ServiceLevel(kpi=name, expected=75.0, minimum=65.0, weight=weight)
    measured = {
        p: Measurement(kpi=name, period=str(p), value=v)
        for p, v in zip(months, values, strict=True)
        if v is not None
    }
    return Series("example", level, "higher", measured, frozenset(months))


def _coverage_example(bands: Bands) -> list[dict[str, str]]:
    """Worked example 3 scored with this site's bands: nothing from SL B, then 50 a month."""
    out = []
    for label, b_values in (
        (_("SL B reports nothing"), (None, None, None)),
        (_("SL B scores 50"), _B_VALUES),
    ):
        cq = contract_quarter(
            "example",
            [_series("a", 60.0, _A_VALUES), _series("b", 40.0, b_values)],
            _QUARTER,
            bands,
        )
        a = cq.service_levels[0]
        out.append(
            {
                "case": label,
                "a": a.formula,
                "a_coverage": _("%(with_data)s of %(n)s months")
                % {"with_data": a.with_data, "n": len(a.expected)},
                "score": cq.formula,
                "coverage": cq.coverage_formula,
                "status": fmt.status(cq.status).word,
            }
        )
    return out


def _currencies(project: Project, currencies: Currencies) -> dict[str, Any]:
    """This site's reporting currency, its rates and one conversion with them."""
    rates = [
        {
            "currency": code,
            "rate": operand(rate),
            "text": f"1 {code} = {operand(rate)} {currencies.reporting}",
        }
        for code, rate in sorted(currencies.rates.items())
    ]
    example = ""
    if rates and currencies.reporting:
        code = rates[0]["currency"]
        converted = currencies.convert(1_000_000, code) or 0.0
        locale = project.site.language
        example = _("a contract worth %(locale)s a year weighs %(locale2)s beside the others") % {
            "locale": fmt.money(1_000_000, code, locale=locale),
            "locale2": fmt.money(converted, currencies.reporting, locale=locale),
        }
    return {
        "reporting": currencies.reporting or "",
        "stated": bool(project.site.currency),
        "rates": rates,
        "example": example,
    }


def _level_word(level: str) -> str:
    return {"off": _("off (muted)"), "warning": "warning", "error": "error"}[level]


def _lints(lints: Lints) -> list[dict[str, str]]:
    """SCORING.md section 10 as this site's site.yaml ``lints`` tunes it."""
    count = lints.sl_count
    return [
        {
            "code": "sl_count",
            "what": _("a contract with fewer than %(min)s or more than %(max)s service levels")
            % {"min": count.min, "max": count.max},
            "level": _level_word(count.level),
        },
        {
            "code": "no_owner",
            "what": _("a service level without an owner"),
            "level": _level_word(lints.no_owner),
        },
        {
            "code": "outside_term",
            "what": _("a measurement outside its contract's term"),
            "level": _level_word(lints.outside_term),
        },
        {
            "code": "unused_kpi",
            "what": _("a KPI used by no contract"),
            "level": _level_word(lints.unused_kpi),
        },
        {
            "code": "missing_periods",
            "what": _("missing periods in the rolling 12 months, one warning per service level"),
            "level": _level_word(lints.missing_periods),
        },
    ]


def _as_of_quarter(as_of: date) -> dict[str, Any]:
    """The quarter of as_of: closed, or in progress with its months so far; ``example`` is
    how a quarter in progress reads (this one, or the next when this one is closed)."""
    quarter = Period.quarter_of(as_of.year, as_of.month)
    ended = sum(1 for m in quarter.months() if m.end <= as_of)
    closed = quarter.end <= as_of
    following = quarter.end + timedelta(days=1)
    example = (
        f"{period_label(str(Period.quarter_of(following.year, following.month)))} "
        f"{fmt.months_to_date(1)}"
        if closed
        else f"{period_label(str(quarter))} {fmt.months_to_date(ended)}"
    )
    return {
        "label": period_label(str(quarter)),
        "closed": closed,
        "months": fmt.months_to_date(ended),
        "previous": period_label(str(quarter.previous())),
        "example": example,
    }


def methodology_page(
    project: Project, portfolio: Portfolio, audience: Audience | None = None
) -> Page:
    """How scores are calculated, with this site's bands, currencies, as_of and lints.

    The mechanics' examples come from the scorecards ``audience`` sees (on a vendor's site,
    its own only); without an audience, from SCORING.md's worked examples alone, so no
    vendor's figures can reach a page whose readers are unknown.
    """
    bands = project.site.scoring.bands
    cards = visible_cards(portfolio, audience) if audience is not None else []
    context = {
        "green": f"{bands.green:g}",
        "amber": f"{bands.amber:g}",
        "min_coverage": f"{MIN_COVERAGE:g}",
        "trend_threshold": f"{TREND_THRESHOLD:.1f}",
        "persistent_monthly": PERSISTENT_MONTHLY,
        "persistent_quarterly": PERSISTENT_QUARTERLY,
        "renewal_days": RENEWAL_HORIZON_DAYS,
        "expiry_days": EXPIRY_HORIZON_DAYS,
        "as_of": fmt.day(portfolio.as_of),
        "as_of_detail": reason(portfolio.as_of_detail.explanation),
        "as_of_quarter": _as_of_quarter(portfolio.as_of),
        "examples": _examples(),
        "coverage_example": _coverage_example(bands),
        "missing": badge("missing"),
        "currencies": _currencies(project, portfolio.currencies),
        "lints": _lints(project.site.lints),
        "mechanics": mechanics(project, cards),
        "excluded": badge("excluded"),
        "default": badge("default"),
    }
    return Page(urls.METHODOLOGY, "methodology.html", _("How scores are calculated"), context)
