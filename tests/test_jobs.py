"""``--jobs N``: how many worker processes draw charts and PDFs, on build and serve."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen.charts import queue
from scorecardgen.charts.queue import ChartQueue
from tests.conftest import run_cli


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker count of every pool a build starts; any chart at all is worth a pool."""
    started: list[int] = []
    original = ChartQueue._start

    def start(self: ChartQueue) -> object:
        started.append(self.workers)
        return original(self)

    monkeypatch.setattr(ChartQueue, "_start", start)
    monkeypatch.setattr(queue, "MIN_POOL_BATCH", 1)
    return started


def test_jobs_1_draws_in_process_and_jobs_2_in_two_workers_with_the_same_bytes(
    make_project: Callable[..., Path], tmp_path: Path, pools: list[int]
) -> None:
    root = make_project()
    one, two = tmp_path / "one", tmp_path / "two"
    first = run_cli("-C", str(root), "build", "--no-cache", "--jobs", "1", "-o", str(one))
    assert first.exit_code == 0, first.output
    assert pools == []  # no worker process: every chart drawn in the build's own process
    second = run_cli("-C", str(root), "build", "--no-cache", "-j", "2", "-o", str(two))
    assert second.exit_code == 0, second.output
    assert pools == [2]
    charts = first.stderr.split(" charts")[0].rsplit(" ", 1)[1]
    assert int(charts) > 0, first.stderr
    assert _files(one) == _files(two)


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_bad_job_counts_are_refused_before_anything_runs(
    make_project: Callable[..., Path], tmp_path: Path, command: str, value: str
) -> None:
    root = make_project()
    run = run_cli("-C", str(root), command, "--jobs", value)
    assert run.exit_code == 2
    assert "Invalid value for '-j' / '--jobs'" in run.output
    assert "Traceback" not in run.output
    assert not (root / "output").exists()


@pytest.mark.parametrize("command", ["build", "serve"])
def test_help_documents_jobs(command: str) -> None:
    text = " ".join(run_cli(command, "--help").stdout.split())
    assert "-j, --jobs N" in text
    assert "default: one per core; 1 renders in this process" in text


def test_jobs_sets_every_queue_made_inside_then_restores_the_default() -> None:
    with queue.jobs(3):
        assert ChartQueue().workers == 3
        assert ChartQueue(processes=1).workers == 1  # an explicit count still wins
    assert ChartQueue().workers == (os.cpu_count() or 1)
    with pytest.raises(ValueError, match="at least 1"), queue.jobs(0):
        pass
