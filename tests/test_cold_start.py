"""A build without a cache draws every chart: it gets ready for that before it reads the
project. The chart bundle is assembled while the vendors are read, and a one-off build of
enough vendors starts its chart workers then, closes them when it is done, and writes exactly
the site a build without workers writes."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

import scorecardgen.build as build_module
from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.charts import bundle, bundle_cached, queue
from scorecardgen.check import ProjectState
from tests.minimal_project import vendors_like_acme, write_project


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", vendors_like_acme(["v1", "v2", "v3"]))


def _reads(monkeypatch: pytest.MonkeyPatch, seen: list[str], when: Any) -> None:
    """Call ``when()`` as each build starts reading the project; note what it says."""
    real = ProjectState.refresh

    def refresh(self: ProjectState, *args: Any, **kwargs: Any) -> Any:
        seen.append(when())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ProjectState, "refresh", refresh)


def test_the_bundle_is_assembled_while_the_project_is_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assembly: Future[bytes] = Future()
    monkeypatch.setattr(bundle_cached, "_assembly", None)
    monkeypatch.setattr(bundle_cached, "_assemble", lambda: assembly)
    seen: list[str] = []

    def when() -> str:
        state = "started" if bundle_cached._assembly is assembly else "not started"
        if not assembly.done():  # the assembly ends while the vendors are read
            assembly.set_result(bundle.bundle_bytes())
            return state + ", not waited for"
        return state

    _reads(monkeypatch, seen, when)
    with queue.jobs(2):
        first = build_site(root, tmp_path / "out")
        again = build_site(root, tmp_path / "out")
    assert first.ok and seen == ["started, not waited for"]
    assert again.remembered  # the first build was remembered all the same
    assert (tmp_path / "out/js").is_dir() and any(
        p.name.startswith("vega-bundle.") for p in (tmp_path / "out/js").iterdir()
    )


def test_many_vendors_start_their_chart_workers_before_they_are_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with queue.jobs(1):  # no workers at all: every chart is drawn in this process
        plain = build_site(root, tmp_path / "plain", BuildOptions(use_cache=False))
    assert plain.ok
    monkeypatch.setattr(build_module, "EARLY_POOL_VENDORS", 3)
    started: list[queue.KeptPool] = []
    closed: list[queue.KeptPool] = []
    real_pool, real_close = build_module.early_pool, queue.KeptPool.close

    def early_pool(workers: int) -> queue.KeptPool:
        started.append(real_pool(workers))
        return started[-1]

    def close(self: queue.KeptPool) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(build_module, "early_pool", early_pool)
    monkeypatch.setattr(queue.KeptPool, "close", close)
    seen: list[str] = []
    _reads(monkeypatch, seen, lambda: f"{len(started)} pool")
    with queue.jobs(2):
        cold = build_site(root, tmp_path / "out")
    assert cold.ok and cold.rendered == cold.charts > 0
    assert seen == ["1 pool"] and [p.workers for p in started] == [2]
    assert closed == started  # stopped with the build
    assert _tree(tmp_path / "out") == _tree(tmp_path / "plain")


def test_a_build_with_its_charts_in_the_cache_or_few_vendors_starts_no_workers_early(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[int] = []
    monkeypatch.setattr(build_module, "early_pool", lambda workers: started.append(workers))
    with queue.jobs(2):
        assert build_site(root, tmp_path / "out").ok  # 3 vendors: fewer than 16
        monkeypatch.setattr(build_module, "EARLY_POOL_VENDORS", 3)
        (root / "content/vendors/v1/vendor.yaml").write_text(
            (root / "content/vendors/v1/vendor.yaml").read_text() + "\n"
        )
        assert build_site(root, tmp_path / "out").ok  # the cache holds the charts
    assert started == []
