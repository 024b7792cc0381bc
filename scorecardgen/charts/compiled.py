"""Vega-Lite compiled to Vega once per chart skeleton, each chart's data put in afterwards.

Compiling Vega-Lite to Vega costs a good share of a chart's render and does not depend on
the chart's rows: charts of one shape differ in their datasets and a few strings. So a
chart's *skeleton* is compiled once per process and kept: its spec with every dataset
emptied, the description, padding and ``usermeta`` set aside (Vega takes them over as they
are), and each title and legend's value list replaced by a placeholder (one per distinct string,
so that Vega-Lite still merges equal axis titles). Each chart's Vega spec is then the
compiled skeleton with its strings put back (escaped as Vega-Lite escapes them where it
wrote them into an expression) and its rows put into the named data. vl-convert draws the
result to the same bytes as rendering the Vega-Lite spec directly
(tests/test_chart_compile.py checks every chart of the example site and hostile strings).

Compiled skeletons are keyed by their full JSON, so an entry can never serve a spec it was
not compiled from; vl-convert's version cannot change within a process.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

import vl_convert

# Top-level Vega-Lite properties Vega takes over as they are.
_AS_IS = ("description", "padding", "usermeta")
# Properties whose strings Vega-Lite only copies (titles) or quotes into an expression
# (tooltip titles): each becomes a placeholder in the skeleton. Number formats stay:
# Vega-Lite reads them (an integer format gives the axis a minimum tick step of 1).
_STRINGS = ("title", "text")
_TOKEN = re.compile(r'"@@vlc(\d+)@@"|@@vlc(\d+)@@')
# Only strings that no quoting changes are set aside: Vega-Lite quotes a tooltip's title
# into an expression its own way (it escapes ``"`` but not ``\``), which is not copied here;
# a title with quotes, backslashes or control characters stays in its skeleton.
_PLAIN = re.compile(r"[^\"'\\\x00-\x1f\x7f\u2028\u2029]+")

# Distinct skeletons in one build: a few per shape (axis titles and number formats differ
# by unit, legends by the statuses present); the bound only caps a long-running server.
CACHE_SIZE = 512


@functools.lru_cache(maxsize=CACHE_SIZE)
def _compile(skeleton: str) -> str:
    """The Vega spec, as JSON text, of one skeleton (Vega-Lite JSON)."""
    return json.dumps(vl_convert.vegalite_to_vega(json.loads(skeleton)), ensure_ascii=False)


class _Strings:
    """The strings a skeleton leaves out, one placeholder per distinct string."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.tokens = 0  # placeholders written into the skeleton
        self._index: dict[str, int] = {}

    def token(self, value: str) -> str:
        if value not in self._index:
            self._index[value] = len(self.values)
            self.values.append(value)
        self.tokens += 1
        return f"@@vlc{self._index[value]}@@"

    def hollow(self, node: Any, key: str = "") -> Any:
        """``node`` with its titles, formats and legend value lists as placeholders."""
        if isinstance(node, dict):
            if key == "values" and set(node) == {"expr"} and _PLAIN.fullmatch(node["expr"]):
                return {"expr": self.token(node["expr"])}
            return {k: self.hollow(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [self.hollow(v, key) for v in node]
        if isinstance(node, str) and key in _STRINGS and _PLAIN.fullmatch(node):
            return self.token(node)
        return node


def _filled(text: str, values: list[str]) -> str:
    """Compiled Vega JSON with each placeholder replaced, in one pass (a value that looks
    like a placeholder is never replaced again)."""

    def put(match: re.Match[str]) -> str:
        whole, inside = match.group(1), match.group(2)
        if whole is not None:  # the whole JSON string: the value itself
            return json.dumps(values[int(whole)], ensure_ascii=False)
        # inside an expression Vega-Lite wrote: plain values need no escaping there
        return values[int(inside)]

    return _TOKEN.sub(put, text)


def vega_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The Vega spec of one Vega-Lite chart spec, compiling its skeleton only once."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, Mapping):
        return vl_convert.vegalite_to_vega(dict(spec))
    strings = _Strings()
    skeleton = {
        k: strings.hollow(v, k) for k, v in spec.items() if k not in _AS_IS and k != "datasets"
    }
    skeleton["datasets"] = {name: [] for name in datasets}
    key = json.dumps(skeleton, sort_keys=True, ensure_ascii=False)
    if key.count("@@vlc") != strings.tokens:  # a chart's own text looks like a placeholder
        return vl_convert.vegalite_to_vega(dict(spec))
    text = _compile(key)
    vega: dict[str, Any] = json.loads(_filled(text, strings.values))
    for name in _AS_IS:
        if name in spec:
            vega[name] = spec[name]
    placed = set()
    for entry in vega.get("data", []):
        name = entry.get("name")
        if name in datasets and "values" in entry:
            entry["values"] = datasets[name]
            placed.add(name)
    if placed != set(datasets):  # a dataset Vega-Lite folded away: compile this one whole
        return vl_convert.vegalite_to_vega(dict(spec))
    return vega


def compiled_count() -> int:
    """How many distinct skeletons this process has compiled (for the benchmarks)."""
    return _compile.cache_info().currsize
