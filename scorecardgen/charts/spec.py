"""Fill a chart template with one chart's rows and parameters: plain dicts, no Altair.

Shapes, the row fields each reads, and the parameters each takes (beyond the common
``key``, ``title``, ``description``, ``width``, ``height``):

- ``sl_timeseries``: rows {period, value, status, label, missing?, excluded?, restated?,
  expected?, minimum?}; params ``expected``, ``minimum`` (required numbers: the levels the
  margin labels name, the latest), ``y_title``, ``y_format``, ``value_title``,
  ``expected_label``, ``minimum_label``. A null value breaks the line (its period stays on
  the axis); ``missing: true`` also marks the period with the missing-report symbol;
  ``excluded: true`` (status ``excluded``) draws a grey ring and the excluded symbol at its
  foot; ``restated: true`` rings the point ("Restated" in the legend). Rows whose
  ``expected``/``minimum`` (the levels in force in their period) differ draw the levels as
  steps; otherwise straight lines at the parameters.
- ``score_trend``: rows {period, score, status, label, in_progress?}; params ``green``,
  ``amber`` (band thresholds, default 85 and 65), ``green_label``, ``amber_label``,
  ``red_label``. ``in_progress: true`` draws the point hollow (a quarter not yet closed).
- ``status_heatmap``: rows {sl, period, status, label, missing?}; status ``missing`` is a
  hatched cell; ``missing: true`` prints the missing symbol (on a ``breached`` cell too);
  status ``excluded`` a slate cell with its own symbol.
- ``kpi_across_vendors``: rows {vendor, value, status, label, expected?, period?}; params
  ``x_title``, ``x_format``, ``value_title``, ``top_quartile``, ``bottom_quartile``
  (optional numbers), ``top_label``, ``bottom_label``.
- ``portfolio``: rows {vendor, score, status, value, score_label, value_label,
  in_progress?}; params ``x_title``, ``x_format``, ``green``, ``amber`` and band labels as
  in ``score_trend``.

Statuses are SCORING.md's words: met, at-risk, breached, missing, excluded, no-data for
measurements; green, amber, red, insufficient-data for scores. A legend lists "excluded"
(and "restated", for rows with ``restated: true``) only when a row has it. ``label`` fields
are display strings, already formatted by the caller; values are numbers or None. Each
chart's padding leaves room for its edge labels drawn in a wider face than the one that
measured them (``charts/label_room.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from scorecardgen import i18n
from scorecardgen.charts import label_room, style
from scorecardgen.charts.chart_locale import d3_locales
from scorecardgen.charts.fill import filler
from scorecardgen.charts.shapes import TEMPLATES

Row = Mapping[str, Any]
JSONValue = str | int | float | bool | None


_COMMON: dict[str, Any] = {
    "key": "",
    "title": "",
    "description": "",
    "width": None,
    "height": None,
}

# Parameters each shape accepts, with their defaults; anything else is a caller's typo.
DEFAULTS: dict[str, dict[str, Any]] = {
    "sl_timeseries": {
        "expected": None,
        "minimum": None,
        "y_title": "",
        "y_format": ",.4~f",
        "value_title": "Value",
        "expected_label": "",
        "minimum_label": "",
    },
    "score_trend": {
        "green": 85,
        "amber": 65,
        "green_label": "",
        "amber_label": "",
        "red_label": "",
    },
    "status_heatmap": {},
    "kpi_across_vendors": {
        "x_title": "",
        "x_format": ",.4~f",
        "value_title": "Value",
        "top_quartile": None,
        "bottom_quartile": None,
        "top_label": "",
        "bottom_label": "",
    },
    "portfolio": {
        "x_title": "Annual contract value",
        "x_format": "~s",
        "green": 85,
        "amber": 65,
        "green_label": "",
        "amber_label": "",
        "red_label": "",
    },
}

ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "sl_timeseries": ("period", "value", "status", "label"),
    "score_trend": ("period", "score", "status", "label"),
    "status_heatmap": ("sl", "period", "status", "label"),
    "kpi_across_vendors": ("vendor", "value", "status", "label"),
    "portfolio": ("vendor", "score", "status", "value", "score_label", "value_label"),
}

SHAPES = tuple(TEMPLATES)


def _plain(value: Any) -> JSONValue:
    """A JSON-safe scalar; non-finite numbers become None (Vega treats null as missing)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.date):
        return value.isoformat()
    raise ValueError(f"chart rows hold numbers, strings or None, not {type(value).__name__}")


def _rows(shape: str, rows: Iterable[Row]) -> list[dict[str, JSONValue]]:
    out = []
    for i, row in enumerate(rows):
        missing = [f for f in ROW_FIELDS[shape] if f not in row]
        if missing:
            raise ValueError(f"{shape} row {i} lacks {', '.join(missing)}")
        out.append({str(k): _plain(v) for k, v in row.items()})
    return out


def _number(text: float) -> str:
    return f"{text:g}"


def _levels(table: list[dict[str, JSONValue]]) -> list[dict[str, JSONValue]]:
    """One row per period and level when the rows' levels in force change over the chart
    (a stepped target), flagging the first and last period; none when they stay the same."""
    periods = sorted({str(r["period"]): r for r in table}.items())
    found = [
        (period, {kind: row.get(kind) for kind in ("expected", "minimum")})
        for period, row in periods
        if isinstance(row.get("expected"), int | float)
        and isinstance(row.get("minimum"), int | float)
    ]
    if len({tuple(levels.values()) for _, levels in found}) < 2:
        return []
    last = len(found) - 1
    return [
        {"period": period, "kind": kind, "value": value, "first": i == 0, "last": i == last}
        for i, (period, levels) in enumerate(found)
        for kind, value in levels.items()
    ]


def _sl_datasets(
    p: dict[str, Any], table: list[dict[str, JSONValue]]
) -> dict[str, list[dict[str, JSONValue]]]:
    expected, minimum = p["expected"], p["minimum"]
    if expected is None or minimum is None:
        raise ValueError("sl_timeseries needs the expected and minimum parameters")
    expected, minimum = float(expected), float(minimum)
    levels = _levels(table)
    # Labels sit on the outer side of each line so that they never overlap each other; when
    # the levels are one line (expected equals minimum) one label names both.
    high, low = ("above", "below") if expected >= minimum else ("below", "above")
    expected_label = p["expected_label"] or f"Expected {_number(expected)}"
    minimum_label = p["minimum_label"] or f"Minimum {_number(minimum)}"
    if expected == minimum and not levels:
        expected_label, minimum_label = f"{expected_label} = minimum", ""
    return {
        "refs": [
            {
                "kind": "expected",
                "value": expected,
                "side": high,
                "flat": not levels,
                "label": expected_label,
            },
            {
                "kind": "minimum",
                "value": minimum,
                "side": low,
                "flat": not levels,
                "label": minimum_label,
            },
        ],
        "levels": levels,
    }


def _band_datasets(p: dict[str, Any], _: object = None) -> dict[str, list[dict[str, JSONValue]]]:
    green, amber = float(p["green"]), float(p["amber"])
    if not 0 <= amber <= green <= 100:
        raise ValueError("band thresholds need 0 <= amber <= green <= 100")
    return {
        "bands": [
            {
                "band": "green",
                "from": green,
                "to": 100.0,
                "label": p["green_label"] or i18n._("Green \u2265 %(n)s") % {"n": _number(green)},
            },
            {
                "band": "amber",
                "from": amber,
                "to": green,
                "label": p["amber_label"] or i18n._("Amber \u2265 %(n)s") % {"n": _number(amber)},
            },
            {
                "band": "red",
                "from": 0.0,
                "to": amber,
                "label": p["red_label"] or i18n._("Red < %(n)s") % {"n": _number(amber)},
            },
        ]
    }


def _kpi_datasets(p: dict[str, Any], _: object = None) -> dict[str, list[dict[str, JSONValue]]]:
    marks: list[dict[str, JSONValue]] = []
    for kind, name in (("top", i18n._("Top quartile")), ("bottom", i18n._("Bottom quartile"))):
        value = p[f"{kind}_quartile"]
        if value is not None:
            label = p[f"{kind}_label"] or f"{name} {_number(float(value))}"
            marks.append({"kind": kind, "value": float(value), "label": label})
    band: list[dict[str, JSONValue]] = []
    if len(marks) == 2:
        low, high = sorted(float(m["value"] or 0) for m in marks)
        band.append({"low": low, "high": high})
    return {"benchmark": marks, "band": band}


_Datasets = dict[str, list[dict[str, JSONValue]]]
# Each shape's reference datasets, from its parameters and its ``table`` rows.
_EXTRA: dict[str, Callable[[dict[str, Any], list[dict[str, JSONValue]]], _Datasets]] = {
    "sl_timeseries": _sl_datasets,
    "score_trend": _band_datasets,
    "kpi_across_vendors": _kpi_datasets,
    "portfolio": _band_datasets,
}


# The statuses each shape's status legend can list, in legend order.
_LEGEND: dict[str, list[str]] = {
    "sl_timeseries": style.MEASURED.statuses,
    "kpi_across_vendors": style.MEASURED.statuses,
    "status_heatmap": style.SL_STATUSES,
}


def _legend_values(shape: str, table: list[dict[str, JSONValue]]) -> str:
    """The Vega expression listing the legend's entries: every status of the shape, less
    those listed only when present (``excluded``) that no row has."""
    present = {r.get("status") for r in table}
    if any(r.get("restated") is True for r in table):
        present.add(style.RESTATED)
    shown = [k for k in _LEGEND.get(shape, []) if k not in style.SHOWN_WHEN_PRESENT or k in present]
    return json.dumps(shown)


_BUILT: dict[tuple[str, str], dict[str, Any]] = {}  # (shape, language key) -> its template


def _template(shape: str, language: str) -> dict[str, Any]:
    """A shape's template, built once per language (its titles and month names are words)."""
    found = _BUILT.get((shape, language))
    if found is None:
        found = _BUILT[(shape, language)] = TEMPLATES[shape]()
    return found


_FILLERS: dict[tuple[str, str], tuple[dict[str, Any], Callable[..., dict[str, Any]]]] = {}


def _filler(shape: str, language: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    """The filler of a shape's template (``charts.fill``), made once per template."""
    template = _template(shape, language)
    found = _FILLERS.get((shape, language))
    if found is None or found[0] is not template:  # adopted templates replace built ones
        found = _FILLERS[(shape, language)] = (template, filler(template))
    return found[1]


def built_templates(language: str) -> dict[str, dict[str, Any]]:
    """The templates built (or adopted) so far for ``language``, by shape."""
    return {shape: t for (shape, lang), t in sorted(_BUILT.items()) if lang == language}


def adopt_templates(language: str, templates: Mapping[str, dict[str, Any]]) -> None:
    """Take templates built by an earlier run of the same code (``chart_templates``) instead
    of building them again with Altair (~0.3 s for the summary pages' two)."""
    for shape, template in templates.items():
        if shape in TEMPLATES:
            _BUILT.setdefault((shape, language), template)


def chart_spec(
    shape: str, rows: Iterable[Row], params: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A complete, self-contained Vega-Lite spec for one chart of ``shape``.

    Copies the shape's cached template, puts ``rows`` in the ``table`` dataset (plus the
    shape's reference datasets built from ``params``) and fills in the strings. The result
    references no remote data, font or image, and carries ``usermeta.key`` when given.
    """
    if shape not in TEMPLATES:
        raise ValueError(f"unknown chart shape {shape!r}; expected one of {', '.join(SHAPES)}")
    merged = {**_COMMON, **DEFAULTS[shape]}
    unknown = sorted(set(params or {}) - set(merged))
    if unknown:
        raise ValueError(f"{shape} takes no parameter {', '.join(unknown)}")
    merged.update(params or {})

    table = _rows(shape, rows)
    merged["legend_values"] = _legend_values(shape, table)
    # a new top level; below it, what holds no placeholder is the cached template's own
    spec = _filler(shape, i18n.active().key)(merged)
    spec.pop("$schema", None)
    if spec.get("title", {}).get("text") is None:
        spec.pop("title", None)
    if not merged["description"]:
        spec.pop("description", None)
    for size in ("width", "height"):
        if merged[size] is not None:
            spec[size] = int(merged[size])
    datasets: dict[str, Any] = {"table": table}
    if shape in _EXTRA:
        datasets.update(_EXTRA[shape](merged, table))
    spec["datasets"] = datasets
    spec["padding"] = label_room.padding(shape, datasets, merged)
    meta: dict[str, Any] = {"key": str(merged["key"])} if merged["key"] else {}
    locales = d3_locales(i18n.locale_tag())
    if locales is not None:  # the site's number formats and month names
        meta.update(locales)
    if meta:
        spec["usermeta"] = meta
    return spec


def spec_json(spec: Mapping[str, Any]) -> str:
    """The spec as JSON safe to inline in ``<script type="application/json">``.

    Keys are sorted (byte-identical builds), ``<``, ``>`` and ``&`` are escaped so no text
    can close the script element, and the browser draws with the system font stack.
    """
    live = dict(spec)
    live["config"] = {**spec.get("config", {}), "font": style.DISPLAY_FONT}
    text = json.dumps(
        live, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
