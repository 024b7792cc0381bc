"""CPU seconds per chart, by shape, for each way of drawing a chart, in one process.

    python benchmarks/chart_cpu.py [--project content-folder's parent] [--rounds 3]

Collects every chart of a project's site (default: the example in this checkout) by
building it in this process with the chart queue replaced by a recorder, then renders each
chart with each method below, ``--rounds`` times, and prints the CPU seconds per chart
(``time.process_time``: this process and vl-convert's threads, which run in it):

  direct     vl_convert.vegalite_to_svg on the Vega-Lite spec, then post-processing
             (how charts were drawn before issue 20)
  compiled   the Vega-Lite skeleton compiled once (charts/compiled.py), each chart's data
             put in, vl_convert.vega_to_svg, then post-processing (how they are drawn now)
  raw vega   vega_to_svg alone on ready Vega specs: the part no change here can remove
  postproc   post-processing alone (ids, fonts, labels): the Python share of a chart

Methods alternate chart by chart so that load on a shared machine falls on all alike.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import vl_convert

from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.charts import compiled, queue
from scorecardgen.charts.render import _label, postprocess_svg, render_svg

REPO = Path(__file__).resolve().parent.parent
Chart = tuple[dict[str, Any], str]  # (Vega-Lite spec, key)


@contextlib.contextmanager
def _recording(charts: list[Chart]) -> Iterator[None]:
    original = queue._render_batch

    def record(jobs: Any) -> list[str]:
        charts.extend(jobs)
        return ["<svg></svg>"] * len(jobs)

    queue._render_batch = record
    try:
        with queue.jobs(1):
            yield
    finally:
        queue._render_batch = original


def site_charts(project: Path) -> list[Chart]:
    """Every distinct chart of the project's internal site, as the build hands them over."""
    charts: list[Chart] = []
    with tempfile.TemporaryDirectory() as out, _recording(charts):
        build_site(project, Path(out) / "site", BuildOptions(use_cache=False))
    return charts


def shape_of(key: str) -> str:
    """A chart's kind, from the start of its key: sl, trend, heatmap, kpi, portfolio."""
    return key.split("-", 1)[0]


def _direct(spec: dict[str, Any], key: str) -> str:
    raw = vl_convert.vegalite_to_svg(
        spec, allowed_base_urls=[], format_locale="en-US", time_format_locale="en-US"
    )
    return postprocess_svg(raw, key, _label(spec))


def _raw_vega(vega: dict[str, Any]) -> str:
    return vl_convert.vega_to_svg(
        vega, allowed_base_urls=[], format_locale="en-US", time_format_locale="en-US"
    )


def measure(charts: list[Chart], rounds: int) -> dict[str, dict[str, list[float]]]:
    """CPU seconds of each chart under each method: {method: {shape: [seconds, ...]}}."""
    vegas = [compiled.vega_spec(spec) for spec, _ in charts]
    raws = [_raw_vega(v) for v in vegas]
    methods: dict[str, Callable[[int], object]] = {
        "direct": lambda i: _direct(*charts[i]),
        "compiled": lambda i: render_svg(*charts[i]),
        "raw vega": lambda i: _raw_vega(vegas[i]),
        "postproc": lambda i: postprocess_svg(raws[i], charts[i][1], "Chart"),
    }
    times: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in methods}
    for _ in range(rounds):
        for i, (_spec, _key) in enumerate(charts):
            for name, method in methods.items():
                started = time.process_time()
                method(i)
                times[name][shape_of(_key)].append(time.process_time() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--project", type=Path, default=REPO, help="default: the example")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    charts = site_charts(args.project)
    for spec, key in charts[:2]:  # warm vl-convert's runtime before timing anything
        render_svg(spec, key)
    times = measure(charts, args.rounds)
    shapes = sorted({s for per in times.values() for s in per})
    summary = {
        m: {s: sum(per[s]) / len(per[s]) for s in shapes} | {"all": _mean(per)}
        for m, per in times.items()
    }
    if args.json:
        print(json.dumps(summary, indent=1))
        return
    print(f"{len(charts)} charts, {args.rounds} rounds, {compiled.compiled_count()} skeletons")
    print(f"{'ms CPU per chart':<18}" + "".join(f"{s:>10}" for s in [*shapes, "all"]))
    for method, per_shape in summary.items():
        print(f"{method:<18}" + "".join(f"{per_shape[s] * 1000:>10.1f}" for s in per_shape))
    saved = 1 - summary["compiled"]["all"] / summary["direct"]["all"]
    print(f"\ncompiled vs direct: {saved:.1%} less CPU per chart")


def _mean(per: dict[str, list[float]]) -> float:
    values = [t for ts in per.values() for t in ts]
    return sum(values) / len(values)


if __name__ == "__main__":
    main()
