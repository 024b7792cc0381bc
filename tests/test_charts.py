"""Charts: templates valid Vega-Lite, specs filled without Altair, SVG offline and stable."""

from __future__ import annotations

import json
import math
import multiprocessing
import re
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import jsonschema
import pytest

from scorecardgen import i18n
from scorecardgen.charts import bundle, bundle_cached, queue, shapes, spec, style
from scorecardgen.charts.queue import render_svgs
from scorecardgen.charts.render import postprocess_svg, render_svg
from scorecardgen.charts.spec import SHAPES, chart_spec, spec_json

NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


@cache
def validator() -> jsonschema.protocols.Validator:
    schema_file = Path(alt.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def errors(document: dict[str, Any]) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator().iter_errors(document)
    ]


MONTHS = [f"2025-{m:02d}" for m in range(1, 7)]

EXAMPLES: dict[str, tuple[list[dict[str, Any]], dict[str, Any]]] = {
    "sl_timeseries": (
        [
            {"period": p, "value": v, "status": s, "label": f"{v} %", "missing": v is None}
            for p, v, s in zip(
                MONTHS,
                [80, 72, None, 60, 76, 70],
                ["met", "at-risk", "missing", "breached", "met", "at-risk"],
                strict=True,
            )
        ],
        {"key": "sl-main-fcr", "title": "FCR", "expected": 75, "minimum": 65, "y_title": "%"},
    ),
    "score_trend": (
        [
            {"period": "2025-Q1", "score": 62.5, "status": "red", "label": "62.5"},
            {"period": "2025-Q2", "score": 88.0, "status": "green", "label": "88.0"},
            {
                "period": "2025-Q3",
                "score": 90.0,
                "status": "green",
                "label": "90.0 to date",
                "in_progress": True,
            },
        ],
        {"key": "trend", "title": "Quarter score", "green": 85, "amber": 65},
    ),
    "status_heatmap": (
        [
            {"sl": sl, "period": p, "status": st, "label": st, "missing": st == "missing"}
            for sl in ("FCR", "ASA")
            for p, st in zip(
                MONTHS, ["met", "at-risk", "breached", "missing", "no-data", "met"], strict=True
            )
        ],
        {"key": "heatmap", "title": "Status by month"},
    ),
    "kpi_across_vendors": (
        [
            {"vendor": "Acme", "value": 81.0, "status": "met", "label": "81 %", "expected": 75},
            {"vendor": "Globex", "value": 60.2, "status": "breached", "label": "60.2 %"},
        ],
        {"key": "kpi-fcr", "title": "FCR", "top_quartile": 78, "bottom_quartile": 66},
    ),
    "portfolio": (
        [
            {
                "vendor": "Acme",
                "score": 91.0,
                "status": "green",
                "value": 1.2e6,
                "score_label": "91.0",
                "value_label": "€1.2m",
            },
            {
                "vendor": "Globex",
                "score": 58.0,
                "status": "red",
                "value": 3.4e6,
                "score_label": "58.0",
                "value_label": "€3.4m",
            },
        ],  # fmt: skip
        {"key": "portfolio", "title": "Score against value", "x_title": "Annual value (EUR)"},
    ),
}


def example(shape: str) -> dict[str, Any]:
    rows, params = EXAMPLES[shape]
    return chart_spec(shape, rows, params)


def test_every_shape_has_an_example() -> None:
    assert set(EXAMPLES) == set(SHAPES) == set(shapes.TEMPLATES)


@pytest.mark.parametrize("shape", SHAPES)
def test_template_validates_against_vega_lite_schema(shape: str) -> None:
    assert errors(shapes.TEMPLATES[shape]()) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_filled_spec_validates_and_is_self_contained(shape: str) -> None:
    filled = example(shape)
    assert errors(filled) == []
    text = json.dumps(filled)
    assert "@@" not in text  # every placeholder filled
    assert "http" not in text  # no $schema, no remote data, fonts or images
    assert "url" not in filled.get("data", {})
    assert filled["datasets"]["table"]
    assert filled["usermeta"] == {"key": EXAMPLES[shape][1]["key"]}


def test_templates_are_built_once_per_language_and_never_mutated() -> None:
    language = i18n.active().key
    before = json.dumps(spec._template("sl_timeseries", language), sort_keys=True)
    first = example("sl_timeseries")
    first["datasets"]["table"].clear()
    first["title"]["text"] = "changed"
    template = spec._template("sl_timeseries", language)
    assert template is spec._template("sl_timeseries", language)
    assert json.dumps(template, sort_keys=True) == before


def test_line_charts_share_one_look_for_line_and_points() -> None:
    for shape in ("sl_timeseries", "score_trend"):
        marks = [layer["mark"] for layer in shapes.TEMPLATES[shape]()["layer"]]
        # The values' line (the steps of a stepped target are lines too, interpolated).
        line = next(m for m in marks if m["type"] == "line" and "interpolate" not in m)
        assert (line["color"], line["strokeWidth"]) == (style.LINE, style.LINE_WIDTH)
        point = next(m for m in marks if m["type"] == "point")
        assert (point["stroke"], point["strokeWidth"]) == (style.WHITE, style.POINT_OUTLINE)
    assert shapes.TEMPLATES["sl_timeseries"]()["config"]["point"]["size"] == style.POINT_SIZE


def test_empty_params_drop_title_and_axis_title() -> None:
    filled = chart_spec("sl_timeseries", [], {"expected": 1, "minimum": 0})
    assert "title" not in filled and "description" not in filled
    assert '"title": null' in json.dumps(filled)


def test_reference_lines_and_bands_come_from_params() -> None:
    sl = example("sl_timeseries")["datasets"]["refs"]
    assert [(r["kind"], r["value"], r["side"]) for r in sl] == [
        ("expected", 75.0, "above"),
        ("minimum", 65.0, "below"),
    ]
    lower = chart_spec("sl_timeseries", [], {"expected": 28, "minimum": 40})["datasets"]["refs"]
    assert [r["side"] for r in lower] == ["below", "above"]  # labels still point apart
    one = chart_spec("sl_timeseries", [], {"expected": 0, "minimum": 0})["datasets"]["refs"]
    assert [r["label"] for r in one] == ["Expected 0 = minimum", ""]  # one line, one label
    bands = example("score_trend")["datasets"]["bands"]
    assert [(b["band"], b["from"], b["to"]) for b in bands] == [
        ("green", 85.0, 100.0),
        ("amber", 65.0, 85.0),
        ("red", 0.0, 65.0),
    ]
    kpi = example("kpi_across_vendors")["datasets"]
    assert kpi["band"] == [{"low": 66.0, "high": 78.0}]
    no_benchmark = chart_spec("kpi_across_vendors", [], {})["datasets"]
    assert no_benchmark["band"] == [] and no_benchmark["benchmark"] == []


def test_rows_become_plain_json() -> None:
    rows = [{"period": "2025-01", "value": math.nan, "status": "no-data", "label": "–"}]
    filled = chart_spec("sl_timeseries", rows, {"expected": 1, "minimum": 0})
    assert filled["datasets"]["table"][0]["value"] is None
    json.dumps(filled, allow_nan=False)


@pytest.mark.parametrize(
    ("shape", "rows", "params", "message"),
    [
        ("pie", [], {}, "unknown chart shape"),
        ("score_trend", [], {"colour": "red"}, "takes no parameter colour"),
        ("score_trend", [{"period": "2025-Q1"}], {}, "lacks score, status, label"),
        ("sl_timeseries", [], {"expected": 75}, "expected and minimum"),
        ("score_trend", [], {"green": 50, "amber": 70}, "amber <= green"),
        (
            "score_trend",
            [{"period": "x", "score": object(), "status": "", "label": ""}],
            {},
            "not object",
        ),
    ],  # fmt: skip
)
def test_bad_input_is_refused(
    shape: str, rows: list[dict[str, Any]], params: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        chart_spec(shape, rows, params)


def test_spec_json_cannot_close_its_script_and_is_stable() -> None:
    rows = [{"period": "</script><script>alert(1)", "score": 1, "status": "red", "label": "&"}]
    filled = chart_spec("score_trend", rows, {"title": "<b>"})
    text = spec_json(filled)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["datasets"]["table"][0]["period"].startswith("</script>")
    assert text == spec_json(json.loads(json.dumps(filled)))
    assert "Liberation" not in json.loads(text)["config"]["font"].split(",")[0]


@pytest.mark.parametrize("shape", SHAPES)
def test_rendered_svg_is_offline_and_page_ready(shape: str) -> None:
    svg = render_svg(example(shape))
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg
    assert set(re.findall(r"https?://[^\s\"'<>)]+", svg)) <= NAMESPACES
    opening = svg[: svg.index(">") + 1]
    assert 'class="chart-image"' in opening and 'role="img"' in opening
    assert 'aria-label="' in opening and "viewBox=" in opening
    assert 'Liberation Sans"' not in svg and "system-ui" in svg  # system fonts in the page


def test_renders_are_byte_identical_whatever_came_before() -> None:
    sl, heat = example("sl_timeseries"), example("status_heatmap")
    first = [render_svg(sl), render_svg(heat)]
    second = [render_svg(heat), render_svg(sl), render_svg(sl)]
    assert first[0] == second[1] == second[2]
    assert first[1] == second[0]


CLIPPED = {
    "width": 120,
    "height": 60,
    "data": {"values": [{"a": i, "b": i * i} for i in range(6)]},
    "mark": {"type": "line", "clip": True},
    "encoding": {
        "x": {"field": "a", "type": "quantitative", "scale": {"domain": [0, 3]}},
        "y": {"field": "b", "type": "quantitative"},
        "color": {"field": "b", "type": "quantitative"},
    },
}


def test_ids_are_prefixed_per_chart_and_renumbered() -> None:
    one, two, again = (render_svg(CLIPPED, key) for key in ("one", "two", "one"))
    ids_one = re.findall(r'id="([^"]+)"', one)
    ids_two = re.findall(r'id="([^"]+)"', two)
    assert ids_one and all(i.startswith("one-") for i in ids_one)
    assert all(i.startswith("two-") for i in ids_two)
    assert not set(ids_one) & set(ids_two)  # two charts inline in one page never collide
    assert one == again  # Vega's process-wide counters do not leak into the output
    for ref in re.findall(r"url\(#([^)]+)\)", one):
        assert ref in ids_one
    assert render_svgs([CLIPPED, CLIPPED], processes=1, keys=["a", "b"])[1].count('id="b-') > 1


def test_postprocess_handles_prolog_keys_and_labels() -> None:
    raw = '<?xml version="1.0"?>\n<svg width="10" class="marks"><clipPath id="clip7"/>' \
          '<g clip-path="url(#clip7)"/></svg>'  # fmt: skip
    svg = postprocess_svg(raw, "12 weird/key", 'A "quoted" <title>')
    assert svg.startswith('<svg width="10" class="chart-image" role="img"')
    assert 'aria-label="A &quot;quoted&quot; &lt;title&gt;"' in svg
    assert 'id="c-12-weird-key-clip1"' in svg and "url(#c-12-weird-key-clip1)" in svg


def test_svg_linking_out_is_refused() -> None:
    with pytest.raises(ValueError, match="may not link out"):
        postprocess_svg('<svg><image href="https://example.com/a.png"/></svg>', "k")


def test_remote_data_is_never_fetched() -> None:
    with pytest.raises(ValueError, match="not allowed"):
        render_svg({"data": {"url": "https://example.com/x.csv"}, "mark": "point"}, "k")


def test_keys_default_to_usermeta_then_position() -> None:
    assert queue._keys([example("portfolio"), {"mark": "point"}], None) == ["portfolio", "chart-1"]
    with pytest.raises(ValueError, match="one key per spec"):
        render_svgs([CLIPPED], keys=["a", "b"])


def test_process_pool_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    specs = [example(shape) for shape in SHAPES]
    monkeypatch.setattr(queue, "MIN_POOL_BATCH", 1)
    pooled = render_svgs(specs, processes=2)
    assert pooled == [render_svg(s) for s in specs]


def test_a_kept_pool_shares_each_ticket_between_its_workers_and_outlives_the_queue() -> None:
    specs = [example(shape) for shape in SHAPES]
    before = set(multiprocessing.active_children())
    pool = queue.chart_pool(2, specs[:1])
    try:
        assert len(set(multiprocessing.active_children()) - before) == 2  # both up already
        with queue.ChartQueue(2, kept=pool) as charts:
            ticket = charts.submit(specs, [f"chart-{i}" for i in range(len(specs))])
            assert len(ticket.futures) == 2  # not one after another in one worker
            assert charts.result(ticket) == [
                render_svg(s, f"chart-{i}") for i, s in enumerate(specs)
            ]
        assert pool.executor.submit(len, "still running").result(30) == 13  # left open
    finally:
        pool.close()


def test_a_kept_pool_has_a_few_workers_and_a_big_build_gets_a_pool_of_its_own() -> None:
    specs = [example(shape) for shape in SHAPES]
    before = set(multiprocessing.active_children())
    pool = queue.chart_pool(64)  # a large machine: not 64 runtimes kept for the server's life
    try:
        kept = set(multiprocessing.active_children()) - before
        assert len(kept) == queue.KEPT_WORKERS
        with queue.ChartQueue(6, min_pool=len(specs) + 1, kept=pool) as charts:
            small = charts.submit(specs, [f"a-{i}" for i in range(len(specs))])
            assert set(multiprocessing.active_children()) - before == kept  # an edit's few
            big = charts.submit(specs, [f"b-{i}" for i in range(len(specs))])
            assert charts.result(small) + charts.result(big) == [
                render_svg(s, f"{p}-{i}") for p in "ab" for i, s in enumerate(specs)
            ]
            # a pool of every core (its workers start as work comes), not the kept few
            assert set(multiprocessing.active_children()) - before - kept
        assert set(multiprocessing.active_children()) - before == kept  # its own pool went
    finally:
        pool.close()


def test_javascript_bundle_is_offline_classic_script() -> None:
    code = bundle.javascript_bundle()
    assert code is bundle.javascript_bundle()  # built once per process
    assert "window.vegaEmbed" in code
    assert code.startswith("/*! vega ") and code.rstrip().endswith("})();")
    assert not re.search(r"^\s*(import|export)\s", code, re.MULTILINE)
    assert set(bundle.versions()) == {"vega", "vega-lite", "vega-embed"}


def test_a_build_assembles_the_bundle_in_a_process_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Assembling the bundle starts vl-convert's JavaScript runtime (~90 MB), which a build's
    own process would then hold to its end: it is assembled in a child process instead."""

    def refused(*args: object) -> str:
        raise AssertionError("the bundle was assembled in the build's process")

    monkeypatch.setattr(bundle, "javascript_bundle", refused)  # in this process only
    with queue.jobs(2):  # with --jobs 1 (no worker processes) it is assembled here
        assembled = bundle_cached._assemble().result()
    assert assembled.startswith(b"/*! vega ") and b"window.vegaEmbed" in assembled


def test_spec_module_has_no_altair() -> None:
    assert "altair" not in Path(spec.__file__).read_text(encoding="utf-8")
