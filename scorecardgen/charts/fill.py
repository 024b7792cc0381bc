"""A chart template's ``@@name@@`` strings filled in, the template walked once, not per chart.

A template is a Vega-Lite spec of a few hundred nodes of which a handful hold a placeholder.
``filler`` walks it once and returns a function that rebuilds only the dicts and lists on the
way to a placeholder; every other part of the filled spec is the template's own, shared by
every chart of the shape. Nothing changes a spec once it is made (``chart_spec`` sets and
removes top-level keys only, and the top level is always a new dict), so sharing is safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Filler = Callable[[Mapping[str, Any]], Any]

PLACEHOLDER = re.compile(r"@@(\w+)@@")


def filler(template: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    """A function of the parameters giving ``template`` with every placeholder replaced by
    its parameter (an empty string means "none": None), as a new top-level dict."""
    parts = [(key, value, _filler(value)) for key, value in template.items()]

    def fill(params: Mapping[str, Any]) -> dict[str, Any]:
        return {key: value if f is None else f(params) for key, value, f in parts}

    return fill


def _filler(node: Any) -> Filler | None:
    """How to fill ``node``; None when it holds no placeholder (it is then used as it is)."""
    if isinstance(node, dict):
        items = [(key, value, _filler(value)) for key, value in node.items()]
        if all(f is None for _, _, f in items):
            return None
        return lambda params: {key: value if f is None else f(params) for key, value, f in items}
    if isinstance(node, list):
        elements = [(value, _filler(value)) for value in node]
        if all(f is None for _, f in elements):
            return None
        return lambda params: [value if f is None else f(params) for value, f in elements]
    if isinstance(node, str):
        match = PLACEHOLDER.fullmatch(node)
        if match:
            name = match.group(1)
            return lambda params: None if params[name] == "" else params[name]
    return None
