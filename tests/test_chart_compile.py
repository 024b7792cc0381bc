"""Charts drawn from a once-compiled Vega skeleton equal charts drawn from Vega-Lite directly.

charts/compiled.py compiles each chart skeleton to Vega once and puts every chart's strings
and rows back in; these tests hold it to the bytes ``vl_convert.vegalite_to_svg`` gives.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import vl_convert

from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.charts import compiled, queue
from scorecardgen.charts.render import _label, postprocess_svg, render_svg
from scorecardgen.charts.spec import chart_spec

EXAMPLE = Path(__file__).resolve().parent.parent
Chart = tuple[dict[str, Any], str]


@contextlib.contextmanager
def _recording(charts: list[Chart]) -> Iterator[None]:
    """Charts handed to the queue are recorded, not drawn (the pages get an empty SVG)."""
    original = queue._render_batch

    def record(jobs: Sequence[Chart]) -> list[str]:
        charts.extend(jobs)
        return ["<svg></svg>"] * len(jobs)

    queue._render_batch = record
    try:
        with queue.jobs(1):
            yield
    finally:
        queue._render_batch = original


@pytest.fixture(scope="module")
def example_charts(tmp_path_factory: pytest.TempPathFactory) -> list[Chart]:
    charts: list[Chart] = []
    out = tmp_path_factory.mktemp("compile") / "site"
    with _recording(charts):
        build_site(EXAMPLE, out, BuildOptions(use_cache=False))
    return charts


def _direct(spec: dict[str, Any], key: str) -> str:
    """How a chart was drawn before: the Vega-Lite spec straight to SVG."""
    raw = vl_convert.vegalite_to_svg(
        spec, allowed_base_urls=[], format_locale="en-US", time_format_locale="en-US"
    )
    return postprocess_svg(raw, key, _label(spec))


def _kind(key: str) -> str:
    return key.split("-", 1)[0]


def test_every_example_chart_compiles_to_the_same_vega(example_charts: list[Chart]) -> None:
    kinds = {_kind(key) for _, key in example_charts}
    assert len(example_charts) > 100 and len(kinds) >= 4, kinds
    before = compiled.compiled_count()
    for spec, key in example_charts:
        assert compiled.vega_spec(spec) == vl_convert.vegalite_to_vega(spec), key
    # the point of it: far fewer compiles than charts
    assert compiled.compiled_count() - before <= len(example_charts) // 5


def test_example_charts_of_every_kind_give_the_same_svg_bytes(
    example_charts: list[Chart],
) -> None:
    seen: dict[str, int] = {}
    for spec, key in example_charts:
        kind = _kind(key)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= 2:  # two of each kind: the Vega equality above covers the rest
            assert render_svg(spec, key) == _direct(spec, key), key
    assert len(seen) >= 4


HOSTILE = [
    'Say "hi" \\ back',
    "it's </script> <b>&amp;",
    "line\u2028sep\u2029para é 中文",
    "@@vlc0@@ and @@vlc1@@",
    'quoted "@@vlc0@@", so left in its skeleton',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_titles_survive_the_placeholders(text: str) -> None:
    rows = [
        {"period": f"2025-{m:02d}", "value": 90.0 + m, "status": "met", "label": f"{m}"}
        for m in range(1, 7)
    ]
    params = {
        "key": "hostile",
        "title": text,
        "y_title": text,
        "value_title": text + " value",
        "expected": 92,
        "minimum": 91,
    }
    spec = chart_spec("sl_timeseries", rows, params)
    assert compiled.vega_spec(spec) == vl_convert.vegalite_to_vega(spec)
    try:
        direct = _direct(spec, "hostile")
    except ValueError:  # Vega cannot parse a line separator Vega-Lite put in a tooltip
        with pytest.raises(ValueError, match="Expression parse error"):
            render_svg(spec, "hostile")
    else:
        assert render_svg(spec, "hostile") == direct


def test_charts_sharing_a_skeleton_keep_their_own_rows_and_titles() -> None:
    def spec(title: str, value: float) -> dict[str, Any]:
        rows = [{"period": "2025-01", "value": value, "status": "met", "label": str(value)}]
        return chart_spec("sl_timeseries", rows, {"title": title, "expected": 1, "minimum": 1})

    first, second = spec("First", 11.5), spec("Second", 22.5)
    vega_first, vega_second = compiled.vega_spec(first), compiled.vega_spec(second)
    assert vega_first["title"]["text"] == "First" and vega_second["title"]["text"] == "Second"
    tables = [next(d for d in v["data"] if d["name"] == "table") for v in (vega_first, vega_second)]
    assert [t["values"][0]["value"] for t in tables] == [11.5, 22.5]
    assert compiled.vega_spec(first) == vl_convert.vegalite_to_vega(first)
