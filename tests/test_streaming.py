"""A build streams: vendors' pages reach the output as they are drawn, so memory does not grow
with the number of vendors; a failure half-way still leaves the old output exactly as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import scorecardgen.charts.queue as queue_module
import scorecardgen.vendor_pages as vendor_pages_module
from scorecardgen.build import Builder, BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.charts import render_svg
from scorecardgen.charts.queue import ChartQueue
from scorecardgen.charts.spec import chart_spec
from scorecardgen.pages import urls
from tests.conftest import run_cli
from tests.minimal_project import vendors_like_acme, write_project

VENDORS = ["v1", "v2", "v3", "v4"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The minimal project with four vendors (copies of acme)."""
    files = vendors_like_acme(VENDORS)
    return write_project(tmp_path / "p", files)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_written_site_is_exactly_the_site_built_in_memory(root: Path, tmp_path: Path) -> None:
    result = build_site(root, tmp_path / "out", BuildOptions(use_cache=False))
    assert result.ok and result.written == len(_tree(tmp_path / "out"))
    assert _tree(tmp_path / "out") == Builder(root, BuildOptions(use_cache=False)).build().files


def test_a_vendors_pages_are_written_before_the_last_vendor_is_planned(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    planned = vendor_pages_module.vendor_pages

    def plan(project, portfolio, card, audience):  # type: ignore[no-untyped-def]
        events.append(f"plan {card.vendor_id}")
        return planned(project, portfolio, card, audience)

    import scorecardgen.write as write

    put = write.SiteWriter.put

    def written(self: write.SiteWriter, path: str, data: bytes) -> None:
        events.append(f"write {path}")
        put(self, path, data)

    monkeypatch.setattr(vendor_pages_module, "vendor_pages", plan)
    monkeypatch.setattr(write.SiteWriter, "put", written)
    monkeypatch.setattr(ChartQueue, "window", property(lambda self: 1))
    assert build_site(root, tmp_path / "out", BuildOptions(use_cache=False)).ok
    first_page = events.index(f"write {urls.vendor('v1')}")
    assert first_page < events.index("plan v3")  # at most a window of charts is out
    assert events.index("plan v1") < first_page


def test_vendors_with_few_charts_each_still_fill_the_pool(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool starts once enough charts wait, even when no one vendor has that many."""
    charts = Builder(root, BuildOptions(use_cache=False)).build().charts
    monkeypatch.setattr(queue_module, "MIN_POOL_BATCH", charts // 2)  # two vendors' worth
    pools: list[int] = []
    pool_class = queue_module.ProcessPoolExecutor

    def counted(*args: Any, **kwargs: Any) -> Any:
        pools.append(1)
        return pool_class(*args, **kwargs)

    monkeypatch.setattr(queue_module, "ProcessPoolExecutor", counted)
    result = build_site(root, tmp_path / "out", BuildOptions(use_cache=False))
    assert result.ok and result.rendered == charts
    assert pools == [1]


def test_a_template_error_half_way_leaves_the_old_output_untouched(root: Path) -> None:
    assert run_cli("-C", str(root), "build").exit_code == 0
    before = _tree(root / "output")
    site_yaml = root / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "theme: brand\n")
    theme = root / "themes/brand/templates"
    theme.mkdir(parents=True)
    # fails on the last vendor only: the first three are already in the temporary folder
    (theme / "vendor.html").write_text(
        '{% extends "!default/vendor.html" %}{% block content %}'
        '{% if vendor.name == "Acme Support" and page.url.startswith("vendors/v4/") %}'
        "{{ no_such_thing.field }}{% endif %}{{ super() }}{% endblock %}"
    )
    run = run_cli("-C", str(root), "build")
    assert run.exit_code == 1
    assert "template error" in run.stderr and "was left as it was" in run.stderr
    assert "Traceback" not in run.stderr
    assert _tree(root / "output") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".output")) == []


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(root: Path) -> None:
    (root / "taken").write_text("not a folder")
    run = run_cli("-C", str(root), "build", "-o", str(root / "taken/site"))
    assert run.exit_code == 1
    assert f"cannot write the site to {root / 'taken/site'}: " in run.stderr
    assert f"{root / 'taken'} is a file, not a folder" in run.stderr
    assert "Nothing was written or deleted" in run.stderr
    assert "internal error" not in run.stderr
    assert (root / "taken").read_text() == "not a folder"


def _specs(n: int) -> list[dict[str, object]]:
    rows = [
        {"period": "2025-01", "value": 70.0 + i, "status": "met", "label": "x"} for i in range(3)
    ]
    return [
        chart_spec(
            "sl_timeseries",
            rows,
            {"key": f"q{i}", "title": f"Chart {i}", "expected": 75, "minimum": 65},
        )
        for i in range(n)
    ]


def test_a_few_charts_render_here_without_starting_a_pool() -> None:
    specs = _specs(2)
    with ChartQueue(processes=2, min_pool=3) as queue:
        ticket = queue.submit(specs, ["a", "b"])
        assert queue.result(ticket) == [render_svg(specs[0], "a"), render_svg(specs[1], "b")]
        assert queue._pool is None


def test_enough_waiting_charts_start_the_pool_and_come_back_in_order() -> None:
    specs = _specs(3)
    with ChartQueue(processes=2, min_pool=3) as queue:
        first = queue.submit(specs[:1], ["a"])
        assert queue._pool is None  # one chart is not worth a pool
        second = queue.submit(specs[1:], ["b", "c"])
        assert queue._pool is not None  # three are: both tickets went to the workers
        assert queue.result(second) == [render_svg(specs[1], "b"), render_svg(specs[2], "c")]
        assert queue.result(first) == [render_svg(specs[0], "a")]


def test_a_one_off_build_forgets_each_vendors_pages_once_written(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays flat: no drawn vendor's pages outlive their trip to the writer."""
    import gc
    import weakref

    drawn: list[weakref.ref[Any]] = []
    alive_at_each_draw: list[int] = []
    draw = vendor_pages_module.PlannedVendor.draw

    def remembered(self: Any, *args: Any) -> Any:
        gc.collect()
        alive_at_each_draw.append(sum(1 for ref in drawn if ref() is not None))
        pages = draw(self, *args)
        drawn.append(weakref.ref(pages))
        return pages

    monkeypatch.setattr(vendor_pages_module.PlannedVendor, "draw", remembered)
    assert build_site(root, tmp_path / "out", BuildOptions(use_cache=False)).ok
    assert len(drawn) >= 3 and max(alive_at_each_draw) == 0
