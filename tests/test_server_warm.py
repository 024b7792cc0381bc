"""After its first build the dev server readies, in the background, what an edit draws with:
the theme's templates are compiled, and chart workers are started and kept (each with one
vendor's charts drawn once), so the first edit's page reloads as quickly as later ones and
its charts are drawn side by side, outside the process that answers the browser."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from scorecardgen import build as build_module
from scorecardgen.build_site import build_site
from scorecardgen.charts import queue
from scorecardgen.server.dev import SWITCH_INTERVAL
from tests.minimal_project import MEASUREMENTS_CSV
from tests.server_helpers import get, running

PAGE = "/vendors/acme/"
CSV = "content/vendors/acme/measurements/2025.csv"
EDITED = MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39")


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates Jinja compiled from source, in order."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        names.append(name or "")
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def test_the_first_edit_after_a_remembered_start_compiles_no_template(
    make_project: Callable[..., Path], compiled: list[str]
) -> None:
    root = make_project()
    assert build_site(root, root.parent / "out").ok
    compiled.clear()
    with running(root) as server:
        assert server.site.ready.wait(60)
        assert "vendor.html" in compiled  # readied in the background, before any edit
        compiled.clear()
        (root / CSV).write_text(EDITED)
        assert server.wait_for_build(2, timeout=30)
        assert compiled == []
        assert "39" in get(server, PAGE + "measurements.csv").text


def test_an_edits_charts_are_drawn_by_the_kept_workers(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    before = set(multiprocessing.active_children())
    with queue.jobs(2), running(root) as server:
        assert server.site.ready.wait(60)
        workers = set(multiprocessing.active_children()) - before
        assert len(workers) == 2

        def here(*args: object) -> str:
            raise AssertionError("a chart was drawn in the server's own process")

        shared: list[int] = []  # charts handed to the kept workers
        real_share = queue.ChartQueue._share

        def share(charts: queue.ChartQueue, ticket: queue.Ticket, kept: queue.KeptPool) -> None:
            shared.append(len(ticket.jobs))
            real_share(charts, ticket, kept)

        monkeypatch.setattr(queue, "render_svg", here)  # in this process only
        monkeypatch.setattr(queue.ChartQueue, "_share", share)
        (root / CSV).write_text(EDITED)
        assert server.wait_for_build(2, timeout=30)
        assert not server.site.snapshot.failed
        assert sum(shared) > 0  # the edit drew charts, and the kept workers drew them
        assert "39" in get(server, PAGE + "measurements.csv").text
        assert set(multiprocessing.active_children()) - before == workers  # kept, not new
    assert not any(w.is_alive() for w in workers)  # stopped with the server


def test_with_one_job_the_server_starts_no_worker(make_project: Callable[..., Path]) -> None:
    root = make_project()
    before = set(multiprocessing.active_children())
    with queue.jobs(1), running(root) as server:
        assert server.site.ready.wait(60)
        assert set(multiprocessing.active_children()) == before
        (root / CSV).write_text(EDITED)
        assert server.wait_for_build(2, timeout=30)
        assert "39" in get(server, PAGE + "measurements.csv").text


def test_requests_get_the_interpreter_often_while_the_server_runs(
    make_project: Callable[..., Path],
) -> None:
    before = sys.getswitchinterval()
    with queue.jobs(1), running(make_project()):
        assert sys.getswitchinterval() == SWITCH_INTERVAL
    assert sys.getswitchinterval() == before


@pytest.mark.parametrize(("jobs", "here"), [(1, True), (2, False)])
def test_the_servers_own_process_starts_a_chart_runtime_only_when_it_draws_charts(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, jobs: int, here: bool
) -> None:
    warmed: list[int] = []
    monkeypatch.setattr(build_module, "warm_charts", lambda specs: warmed.append(len(specs)))
    with queue.jobs(jobs), running(make_project()) as server:
        assert server.site.ready.wait(60)
    # with kept workers, the ~90 MB runtime would be needless here; without, the first
    # edit would start it
    if here:
        assert len(warmed) == 1 and warmed[0] > 0  # one vendor's charts, drawn once here
    else:
        assert warmed == []
