"""Excluded and restated measurements in display form (SCORING.md sections 1a and 1b).

Every page that shows a measured value uses these, so an excluded period always reads with its
value, the "Excluded" badge and its reason, and a restated figure always says what was first
reported, when it was restated and why, in words on the page (never only in a tooltip).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.pages.common import badge, period_label
from scorecardgen.periods import Period
from scorecardgen.scoring import ScoredMeasurement

RESTATED = "restated"  # the word after a restated figure: "70.0% restated"
_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_PERIOD = re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])\b(?!-\d)")


def period_words(text: str) -> str:
    """Scoring's workings name periods and days as ids (``2026-05``, ``2027-12-31``); pages
    name them ``May 2026`` and ``31 Dec 2027``."""
    text = _DAY.sub(lambda m: fmt.day(date.fromisoformat(m.group())), text)
    return _PERIOD.sub(lambda m: Period.parse(m.group()).label, text)


def restated_text(m: ScoredMeasurement | None, unit: str) -> str:
    """``first reported 60.0%, restated on 12 Aug 2026: <reason>``; "" when not restated."""
    if m is None or m.restated is None:
        return ""
    r = m.restated
    return _("first reported %(unit)s, restated on %(on)s: %(reason)s") % {
        "unit": fmt.number(r.value, unit),
        "on": fmt.day(r.on),
        "reason": r.reason,
    }


def excluded_text(m: ScoredMeasurement | None) -> str:
    """``not scored: <reason>`` (beside the "Excluded" badge); "" when the period is not
    excluded."""
    if m is None or m.status != "excluded":
        return ""
    return _("not scored: %(given)s") % {"given": m.reason or "no reason given"}


def marks(m: ScoredMeasurement | None, unit: str) -> dict[str, Any]:
    """A measured value as the ``measured`` macro shows it: the value, "restated" after a
    restated figure, and the sentences saying what was first reported or why it was excluded."""
    return {
        "value": fmt.number(m.value if m else None, unit),
        "restated": bool(m and m.restated is not None),
        "restated_word": RESTATED,
        "restated_text": restated_text(m, unit),
        "excluded": bool(m and m.status == "excluded"),
        "excluded_text": excluded_text(m),
    }


def by_period(
    measurements: Sequence[ScoredMeasurement],
) -> Mapping[tuple[str, str, str], ScoredMeasurement]:
    """Measurements keyed by (contract, kpi, period), for the tables that look them up."""
    return {(m.contract, m.kpi, m.period): m for m in measurements}


def adjusted_rows(
    measurements: Sequence[ScoredMeasurement],
    names: Mapping[tuple[str, str], str],
    units: Mapping[tuple[str, str], str],
) -> list[dict[str, Any]]:
    """Every excluded or restated measurement, latest period first: the period, the service
    level (``names`` by (contract, kpi)), the value with its badge and what happened to it."""
    found = [m for m in measurements if m.status == "excluded" or m.restated is not None]
    found.sort(key=lambda m: (Period.parse(m.period).start, m.contract, m.kpi), reverse=True)
    rows = []
    for m in found:
        unit = units.get((m.contract, m.kpi), "")
        rows.append(
            {
                "period": period_label(m.period),
                "name": names.get((m.contract, m.kpi), m.kpi),
                "status": badge(m.status),
                **marks(m, unit),
            }
        )
    return rows
