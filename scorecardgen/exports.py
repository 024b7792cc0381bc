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

Clean figures (SCORING.md section 11): every computed figure -- scores, coverage and credit
amounts -- is rounded to 6 decimal places by ``figure`` and stays a number (a JSON number, a
plain number in CSV): ``90.21666666666673`` is written ``90.216667`` and ``62.00000000000003``
``62.0``; a rounded negative zero is written ``0.0``, never ``-0.0``. Figures the project
states itself (measured values, expected and minimum levels, weights) are written as given.
Pages round again for display (``formatting.score``: one decimal).

``measurements.csv`` has one row per measurement with the columns of ``CSV_COLUMNS``: the
KPI's name and unit come from the scorecard's service level, and ``expected``/``minimum`` are
the levels in force for that row (``levels_in_force``). A missing period is a row too, with an
empty value (status ``missing``, or ``breached`` with score 0 under ``missing_data:
breached``). The text starts with a UTF-8 byte order mark (``CSV_BOM``) so Excel opens
non-ASCII names correctly; read it back with the ``utf-8-sig`` encoding.

CSV cells are safe to open in a spreadsheet ("CSV injection", OWASP): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run as a formula,
so it gets a single quote in front (``'=HYPERLINK(...)``), as OWASP recommends. Every text
cell (contract, kpi, kpi_name, unit, period, status, note) goes through ``csv_text``; numbers
are written by this module and stay numbers, negative ones included.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date

from scorecardgen.scoring import (
    ContractQuarter,
    Credit,
    Headline,
    ScoredMeasurement,
    ServiceLevelSummary,
    VendorQuarter,
    VendorScorecard,
)
from scorecardgen.scoring.scorecard import ContractMix

Json = dict[str, object]

CSV_COLUMNS = (
    "contract",
    "kpi",
    "kpi_name",
    "unit",
    "period",
    "value",
    "expected",
    "minimum",
    "status",
    "score",
    "note",
)
CSV_BOM = "\ufeff"  # UTF-8 byte order mark: Excel then reads the file as UTF-8
DECIMALS = 6


def _number(x: float | None) -> float | None:
    """A figure the project states (value, level, weight), written as given."""
    return None if x is None else float(x)


def figure(x: float | None) -> float | None:
    """A computed figure (score, coverage, amount) rounded to 6 decimal places; never -0.0."""
    if x is None:
        return None
    return round(float(x), DECIMALS) + 0.0  # -0.0 + 0.0 is 0.0


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
        "critical": s.credit_allocation is not None,
        "missed_12m": s.missed_12m,
        "breached_12m": s.breached_12m,
        "persistent_failure": s.persistent_failure,
        "missing_12m": list(s.missing_12m),
    }


def _credit(c: Credit) -> Json:
    return {
        "contract": c.contract,
        "period": c.period,
        "amount": figure(c.amount),
        "currency": c.currency,
        "capped": c.capped,
    }


def scorecard_data(card: VendorScorecard) -> Json:
    """The ``scorecard.json`` document of SPEC.md as plain dicts and lists."""
    return {
        "vendor": {"id": card.vendor_id, "name": card.name},
        "as_of": card.as_of.isoformat(),
        "headline": headline_data(card.headline),
        "quarters": [_quarter(q) for q in card.quarters],
        "measurements": [_measurement(m) for m in card.measurements],
        "service_levels": [_service_level(s) for s in card.service_levels],
        "credits": [_credit(c) for c in card.credits],
        "contracts": [
            {"id": c.id, "end": _date(c.end), "cancel_by": _date(c.cancel_by), "state": c.state}
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


def scorecard_json(card: VendorScorecard) -> str:
    """``vendors/<id>/scorecard.json``: indented JSON, UTF-8 text, trailing newline."""
    return _dumps(scorecard_data(card))


def _csv_number(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def levels_in_force(measurement: ScoredMeasurement) -> tuple[float, float]:
    """``(expected, minimum)`` in force for one measurement row: the levels it was scored
    against, today its service level's. The one place a stepped target (SCORING.md 1c) has
    to reach the exports."""
    return measurement.result.expected, measurement.result.minimum


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str | None) -> str:
    """A text cell a spreadsheet shows as text: a leading quote on what could be a formula."""
    if not value:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def measurements_csv(card: VendorScorecard) -> str:
    """``vendors/<id>/measurements.csv``: a UTF-8 BOM, the header, one row per measurement."""
    levels = {(s.contract, s.kpi): s for s in card.service_levels}
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for m in card.measurements:
        level = levels.get((m.contract, m.kpi))
        expected, minimum = levels_in_force(m)
        writer.writerow(
            [
                csv_text(m.contract),
                csv_text(m.kpi),
                csv_text(level.kpi_name if level else m.kpi),
                csv_text(level.unit if level else ""),
                csv_text(m.period),
                _csv_number(m.value),
                _csv_number(expected),
                _csv_number(minimum),
                csv_text(m.status),
                _csv_number(figure(m.score)),
                csv_text(m.note),
            ]
        )
    return out.getvalue()


def scorecards_data(cards: Iterable[VendorScorecard]) -> list[Json]:
    """Every vendor's ``{id, name, headline}``, sorted by vendor id."""
    return [
        {"id": c.vendor_id, "name": c.name, "headline": headline_data(c.headline)}
        for c in sorted(cards, key=lambda c: c.vendor_id)
    ]


def scorecards_json(cards: Iterable[VendorScorecard]) -> str:
    """The root ``scorecards.json``: every vendor's headline, sorted by vendor id."""
    return _dumps(scorecards_data(cards))
