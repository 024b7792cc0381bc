"""A template is filled by rebuilding only what leads to a placeholder: the spec is the one a
deep copy gives, and no chart ever changes the template the next chart is filled from."""

from __future__ import annotations

import copy
import json
from typing import Any

from scorecardgen import i18n
from scorecardgen.charts import spec as spec_module
from scorecardgen.charts.fill import filler
from scorecardgen.charts.spec import chart_spec


def _deep_fill(node: Any, params: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        return {k: _deep_fill(v, params) for k, v in node.items()}
    if isinstance(node, list):
        return [_deep_fill(v, params) for v in node]
    if isinstance(node, str) and node.startswith("@@") and node.endswith("@@"):
        value = params[node[2:-2]]
        return None if value == "" else value
    return node


def test_a_filled_template_is_the_deep_copy_with_each_placeholder_replaced() -> None:
    template = {
        "title": {"text": "@@title@@", "anchor": "start"},
        "layer": [{"mark": "line"}, {"mark": {"type": "rule", "color": "@@colour@@"}}],
        "config": {"axis": {"grid": False}},
        "description": "@@description@@",
    }
    before = copy.deepcopy(template)
    params = {"title": "Speed", "colour": "#123456", "description": ""}
    filled = filler(template)(params)
    assert filled == _deep_fill(template, params)
    assert filled["description"] is None  # an empty parameter means none
    assert filled is not template and filled["title"] is not template["title"]
    assert filled["config"] is template["config"]  # no placeholder inside: shared
    filled.pop("title")
    filled["width"] = 300
    assert template == before


def test_charts_of_one_shape_never_change_the_template_they_share() -> None:
    rows = [
        {"period": f"2025-{m:02d}", "value": 70 + m, "status": "met", "label": "x"}
        for m in range(1, 7)
    ]
    params = {"key": "a", "title": "First", "expected": 75, "minimum": 65}
    first = json.dumps(chart_spec("sl_timeseries", rows, params), sort_keys=True)
    language = i18n.active().key
    template = copy.deepcopy(spec_module._template("sl_timeseries", language))
    chart_spec("sl_timeseries", rows[:2], {**params, "key": "b", "title": "", "width": 200})
    assert spec_module._template("sl_timeseries", language) == template
    assert json.dumps(chart_spec("sl_timeseries", rows, params), sort_keys=True) == first
