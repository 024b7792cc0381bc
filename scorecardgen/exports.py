"""Machine-readable exports of a scorecard: ``scorecard.json``, ``measurements.csv`` and the
root ``scorecards.json`` (SPEC.md). Pure functions returning text; the writer puts it on disk.

Keys come in the documented order and anything missing is null (an empty cell in CSV).
Lists keep the scorecard's fixed order, so the same content always gives byte-identical files.

Second-edition fields (SCORING.md sections 3 and 5). SPEC.md names ``in_progress``,
``closed``, ``expected``, ``minimum``, ``critical`` and ``missing_12m``; the rest are ours:

- ``headline``: ``in_progress`` (the headline quarter is still running: no closed quarter
  has data), ``months_to_date`` (months of the headline quarter ended by as_of, 3 when
  closed), ``to_date`` (the quarter in progress after a closed headline, as ``{period, score,
  status, coverage, months_to_date}``, or null) and ``contract_mix`` (when the headline
  quarter's contracts differ in status: ``{"total": 2, "counts": {"amber": 1}}``, the number
  of scored contracts and how many have each status other than the vendor's, worst first;
  else null). ``scorecards.json`` carries the same headline.
- ``quarters[]``: ``closed`` and ``months_to_date``; each contract's service levels carry
  their ``coverage`` (percent, null when the quarter expects nothing) and ``missing`` periods.
- ``measurements[]``: ``expected`` and ``minimum`` in force, and ``missing`` (true on an
  expected period without a value: status ``missing`` with value and score null, or
  ``breached`` with score 0 under ``missing_data: breached``).
- ``service_levels[]``: ``critical`` (a ``credit_allocation`` is set) and ``missing_12m``
  (the missing periods in the rolling 12 months).

Contract mechanics (SCORING.md sections 1a-1c, 7-7b). SPEC.md names ``excluded``,
``reason``, ``restated_from``, ``critical``, ``default`` and the credit ``state``; the rest
are ours:

- ``measurements[]``: status ``excluded`` with its ``reason`` (null otherwise; an excluded
  row keeps its value, its score is null); ``restated_from`` (what was first reported),
  ``restated_on`` and ``restated_reason``, all null when the figure was not restated (the
  row's ``value`` is the agreed figure, the one scored).
- ``service_levels[]``: ``expected``/``minimum`` are the levels in force in as_of's month;
  ``steps`` (``[{from, expected, minimum}]``, ``from`` a month), ``next_step`` (the first
  step after as_of's month, or null), ``default`` (in default: a possible termination right)
  and ``default_since`` (the period the run of breaches reached ``default_after``, or null).
- ``credits[]`` and the top-level ``credit_totals[]``: the earn-back ledger, see
  ``export_credits``.
- ``contracts[]``: ``default`` (any of its service levels is in default).

Clean figures (SCORING.md section 11): every computed figure -- scores, coverage and credit
amounts -- is rounded to 6 decimal places by ``figure`` (``clean_figures``) and stays a
number (a JSON number, a plain number in CSV): ``90.21666666666673`` is written
``90.216667`` and ``62.00000000000003`` ``62.0``; a rounded negative zero is written
``0.0``, never ``-0.0``. Figures the project states itself (measured values, expected and
minimum levels, weights) are written as given. Pages round again for display
(``formatting.score``: one decimal).

``measurements.csv`` is written by ``export_csv`` (its columns, BOM and CSV-injection guard);
the credits and credit totals by ``export_credits``.

Provenance (SPEC.md ``source``): ``scorecard.json`` has ``source`` after ``as_of``, and each
entry of ``scorecards.json`` after ``name`` (the root file stays a list): ``{commit,
committed, dirty}`` when the project is a git repository (``provenance.Source``), else null.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from scorecardgen.clean_figures import DECIMALS, figure
from scorecardgen.export_credits import credit_data, credit_totals_data
from scorecardgen.export_csv import CSV_COLUMNS, csv_text, levels_in_force, measurements_csv
from scorecardgen.model import Step
from scorecardgen.provenance import Source
from scorecardgen.scoring import (
    ContractQuarter,
    Headline,
    ScoredMeasurement,
    ServiceLevelSummary,
    VendorQuarter,
    VendorScorecard,
)
from scorecardgen.scoring.scorecard import ContractMix

Json = dict[str, object]

__all__ = [
    "CSV_COLUMNS",
    "DECIMALS",
    "csv_text",
    "figure",
    "levels_in_force",
    "measurements_csv",
    "scorecard_json",
    "scorecards_json",
]


def _number(x: float | None) -> float | None:
    """A figure the project states (value, level, weight), written as given."""
    return None if x is None else float(x)


def _date(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _dumps(data: object) -> str:
    return json.dumps(data, sort_keys=False, indent=2, ensure_ascii=False) + "\n"


def headline_data(headline: Headline) -> Json:
    """The headline: ``{period, score, status, trend, coverage, in_progress, months_to_date,
    to_date, contract_mix}`` (see the module docstring)."""
    quarter = headline.quarter
    return {
        "period": headline.period,
        "score": figure(headline.score),
        "status": headline.status,
        "trend": headline.trend,
        "coverage": figure(headline.coverage),
        "in_progress": headline.in_progress,
        "months_to_date": quarter.months_to_date if quarter is not None else None,
        "to_date": _to_date(headline.to_date),
        "contract_mix": _contract_mix(headline.mix),
    }


def _to_date(quarter: VendorQuarter | None) -> Json | None:
    """The quarter in progress after the headline: never the headline, shown "to date"."""
    if quarter is None:
        return None
    return {
        "period": quarter.period,
        "score": figure(quarter.score),
        "status": quarter.status,
        "coverage": figure(quarter.coverage),
        "months_to_date": quarter.months_to_date,
    }


def _contract_mix(mix: ContractMix | None) -> Json | None:
    """``{"total": 2, "counts": {"amber": 1}}``: contracts whose status differs from the
    vendor's, worst first, so a weighted mean never hides a failing contract."""
    if mix is None:
        return None
    return {"total": mix.total, "counts": dict(mix.counts)}


def _contract(quarter: ContractQuarter) -> Json:
    return {
        "id": quarter.contract,
        "score": figure(quarter.score),
        "coverage": figure(quarter.coverage),
        "service_levels": [
            {
                "kpi": sl.kpi,
                "weight": _number(sl.weight),
                "score": figure(sl.score),
                "coverage": figure(sl.coverage),
                "missing": list(sl.missing),
            }
            for sl in quarter.service_levels
        ],
    }


def _quarter(quarter: VendorQuarter) -> Json:
    return {
        "period": quarter.period,
        "score": figure(quarter.score),
        "status": quarter.status,
        "coverage": figure(quarter.coverage),
        "closed": quarter.closed,
        "months_to_date": quarter.months_to_date,
        "contracts": [_contract(c) for c in quarter.contracts],
    }


def _measurement(m: ScoredMeasurement) -> Json:
    expected, minimum = levels_in_force(m)
    return {
        "contract": m.contract,
        "kpi": m.kpi,
        "period": m.period,
        "value": _number(m.value),
        "expected": _number(expected),
        "minimum": _number(minimum),
        "status": m.status,
        "score": figure(m.score),
        "missing": m.result.missing,
        "reason": m.reason,
        "restated_from": _number(m.restated_from),
        "restated_on": _date(m.restated.on) if m.restated else None,
        "restated_reason": m.restated.reason if m.restated else None,
    }


def _step(step: Step | None) -> Json | None:
    if step is None:
        return None
    return {
        "from": step.start,
        "expected": _number(step.expected),
        "minimum": _number(step.minimum),
    }


def _service_level(s: ServiceLevelSummary) -> Json:
    return {
        "contract": s.contract,
        "kpi": s.kpi,
        "expected": _number(s.expected),
        "minimum": _number(s.minimum),
        "weight": _number(s.weight),
        "owner": s.owner,
        "window": s.window,
        "critical": s.critical,
        "missed_12m": s.missed_12m,
        "breached_12m": s.breached_12m,
        "persistent_failure": s.persistent_failure,
        "missing_12m": list(s.missing_12m),
        "steps": [_step(x) for x in s.steps],
        "next_step": _step(s.next_step),
        "default": s.in_default,
        "default_since": s.default.since if s.in_default else None,
    }


def _source(source: Source | None) -> Json | None:
    return None if source is None else source.data()


def scorecard_data(card: VendorScorecard, source: Source | None = None) -> Json:
    """The ``scorecard.json`` document of SPEC.md as plain dicts and lists."""
    in_default = {s.contract for s in card.defaults}
    return {
        "vendor": {"id": card.vendor_id, "name": card.name},
        "as_of": card.as_of.isoformat(),
        "source": _source(source),
        "headline": headline_data(card.headline),
        "quarters": [_quarter(q) for q in card.quarters],
        "measurements": [_measurement(m) for m in card.measurements],
        "service_levels": [_service_level(s) for s in card.service_levels],
        "credits": [credit_data(c) for c in card.credits],
        "credit_totals": credit_totals_data(card.credit_totals),
        "contracts": [
            {
                "id": c.id,
                "end": _date(c.end),
                "cancel_by": _date(c.cancel_by),
                "state": c.state,
                "default": c.id in in_default,
            }
            for c in card.contracts
        ],
        "certifications": [
            {"name": c.name, "expires": _date(c.expires), "state": c.state}
            for c in card.certifications
        ],
        "actions": [
            {
                "id": a.id,
                "title": a.title,
                "owner": a.owner,
                "due": _date(a.due),
                "status": a.status,
                "overdue": a.overdue,
            }
            for a in card.actions
        ],
    }


def scorecard_json(card: VendorScorecard, source: Source | None = None) -> str:
    """``vendors/<id>/scorecard.json``: indented JSON, UTF-8 text, trailing newline."""
    return _dumps(scorecard_data(card, source))


def scorecards_data(cards: Iterable[VendorScorecard], source: Source | None = None) -> list[Json]:
    """Every vendor's ``{id, name, source, headline}``, sorted by vendor id."""
    return [
        {
            "id": c.vendor_id,
            "name": c.name,
            "source": _source(source),
            "headline": headline_data(c.headline),
        }
        for c in sorted(cards, key=lambda c: c.vendor_id)
    ]


def scorecards_json(cards: Iterable[VendorScorecard], source: Source | None = None) -> str:
    """The root ``scorecards.json``: every vendor's headline, sorted by vendor id."""
    return _dumps(scorecards_data(cards, source))
