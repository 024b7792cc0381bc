"""``vendors/<id>/measurements.csv`` (SPEC.md): one row per measurement, the columns of
``CSV_COLUMNS``, for a spreadsheet.

The KPI's name and unit come from the scorecard's service level, and ``expected``/``minimum``
are the levels in force for that row (``levels_in_force``). A missing period is a row too,
with an empty value (status ``missing``, or ``breached`` with score 0 under ``missing_data:
breached``). An excluded period (SCORING.md 1a) is a row with its value, status
``excluded``, an empty score and its ``reason``; a restated row (1b) carries
``restated_from`` (what was first reported), ``restated_on`` and ``restated_reason``, and its
``value`` is the agreed figure, the one scored. These four columns come last, after ``note``,
so a sheet or script that reads the earlier columns by position keeps working.

Scores are rounded to 6 decimal places (``clean_figures.figure``); figures the project states
(values, levels) are written as given; anything missing is an empty cell. The text starts with
a UTF-8 byte order mark (``CSV_BOM``) so Excel opens non-ASCII names correctly; read it back
with the ``utf-8-sig`` encoding.

CSV cells are safe to open in a spreadsheet ("CSV injection", OWASP): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run as a formula,
so it gets a single quote in front (``'=HYPERLINK(...)``), as OWASP recommends. Every text
cell (contract, kpi, kpi_name, unit, period, status, note, reason, restated_on,
restated_reason) goes through ``csv_text``; numbers are written by this module and stay
numbers, negative ones included.
"""

from __future__ import annotations

import csv
import io

from scorecardgen.clean_figures import figure
from scorecardgen.scoring import ScoredMeasurement, VendorScorecard

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
    "reason",
    "restated_from",
    "restated_on",
    "restated_reason",
)
CSV_BOM = "\ufeff"  # UTF-8 byte order mark: Excel then reads the file as UTF-8
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_number(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def levels_in_force(measurement: ScoredMeasurement) -> tuple[float, float]:
    """``(expected, minimum)`` in force for one measurement row: the levels it was scored
    against (SCORING.md 1c: a stepped target's levels from its month on)."""
    return measurement.result.expected, measurement.result.minimum


def csv_text(value: str | None) -> str:
    """A text cell a spreadsheet shows as text: a leading quote on what could be a formula."""
    if not value:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _restated(m: ScoredMeasurement) -> list[str]:
    """``restated_from``, ``restated_on``, ``restated_reason``: empty when not restated."""
    if m.restated is None:
        return ["", "", ""]
    r = m.restated
    return [_csv_number(r.value), csv_text(r.on.isoformat()), csv_text(r.reason)]


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
                csv_text(m.reason),
                *_restated(m),
            ]
        )
    return out.getvalue()
