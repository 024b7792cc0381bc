"""Render charts while the rest of the build goes on.

A build hands its charts over vendor by vendor as it plans pages and collects the SVGs when it
is ready to draw those pages, so only a window of vendors is ever in flight and memory stays
flat however many vendors there are. A process pool over every core starts as soon as enough
charts are waiting to be worth its start-up (``MIN_POOL_BATCH``); a handful of charts (a
one-vendor edit) renders in this process instead.

How many workers: one per core unless the command line says otherwise (``--jobs N``, through
``jobs``), or the caller passes ``processes``; one worker means this process, no pool.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

from scorecardgen.charts.render import render_svg

# Below this many charts a pool costs more than it saves: each worker pays ~0.8 s to start
# Python and vl-convert's JavaScript runtime, and a warm render takes only ~50 ms (measured
# on 2 cores: break-even near 50 charts, ~20% faster at 120).
MIN_POOL_BATCH = 64

Job = tuple[dict[str, Any], str]  # (Vega-Lite spec, chart key)
In = TypeVar("In")
Out = TypeVar("Out")

_jobs: int | None = None  # set by ``jobs`` for the builds started inside it


def default_workers() -> int:
    """Workers a queue gets when its caller does not say: ``--jobs``, else one per core."""
    return _jobs if _jobs is not None else (os.cpu_count() or 1)


@contextmanager
def jobs(count: int | None) -> Iterator[None]:
    """Every chart queue made inside (a build, the dev server's rebuilds) gets ``count``
    workers (None: one per core; 1: charts and PDFs render in the calling process)."""
    global _jobs
    if count is not None and count < 1:
        raise ValueError(f"jobs must be at least 1, not {count}")
    before, _jobs = _jobs, count
    try:
        yield
    finally:
        _jobs = before


def exit_with_parent() -> None:
    """In a chart worker: exit as soon as the build process is gone, even if it was killed.

    A pool's workers wait on a queue the parent can no longer close when it is killed, so
    without this they would live on as orphans, each holding a JavaScript runtime.
    """
    parent = multiprocessing.parent_process()
    if parent is None:  # not a worker: nothing to watch
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])  # ready once the parent is gone
        os._exit(1)  # no clean-up to run: the build that wanted these charts is gone

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# How much lower a chart worker's scheduling priority is than its build's (``os.nice``): the
# build plans pages and hands charts out, so when it wants a core it should get one at once;
# the workers, always with charts queued, take every moment it leaves.
WORKER_NICENESS = 5


def _chart_worker() -> None:
    """A chart worker's start: exit with the parent, yield the cores to it when it wants them."""
    exit_with_parent()
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)


def _render_batch(jobs: Sequence[Job]) -> list[str]:
    return [render_svg(spec, key) for spec, key in jobs]


READY_WAIT = 120.0  # seconds ``chart_pool`` waits for its workers to be up
# Workers a kept pool has at most: an edit redraws one vendor's charts (up to ~20), which
# four share well; each worker holds a JavaScript runtime (~100 MB) for the server's life,
# so one per core of a large machine would be gigabytes. A build with more charts than
# ``MIN_POOL_BATCH`` still gets a pool of every core (``ChartQueue``).
KEPT_WORKERS = 4


# The smallest chart: drawing it starts vl-convert's JavaScript runtime in a new worker.
RUNTIME_SPEC: Mapping[str, Any] = {
    "data": {"values": [{"x": 1}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}


def warm_charts(specs: Sequence[Mapping[str, Any]]) -> None:
    """Draw ``specs`` once in this process and throw them away, so vl-convert's runtime is
    started (~0.5 s) and their skeletons (``charts.compiled``) compiled before the first
    chart is asked for; a spec that fails is left for the build that draws it to report."""
    for spec in specs:
        with contextlib.suppress(Exception):
            render_svg(spec)


def _warm_worker(specs: Sequence[Mapping[str, Any]], started: Any) -> None:
    """A long-lived pool's worker: exit with the parent, ``warm_charts``, then wait for the
    other workers (``started``, a barrier) so that none takes work before every one is up."""
    _chart_worker()
    warm_charts(specs)
    with contextlib.suppress(threading.BrokenBarrierError):
        started.wait(READY_WAIT)


def _ready() -> None:
    """Nothing: one per worker, done once every worker is up."""


@dataclass(frozen=True)
class KeptPool:
    """Chart workers started ahead of the charts (``chart_pool``: the dev server's, kept
    between builds; ``early_pool``: a cold build's, started before it reads), and how many."""

    executor: ProcessPoolExecutor
    workers: int

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def chart_pool(workers: int, specs: Sequence[Mapping[str, Any]] = ()) -> KeptPool:
    """A pool to keep between builds: ``workers`` processes (at most ``KEPT_WORKERS``), each
    with ``specs`` drawn once, returned when all of them are up (or after ``READY_WAIT``), so
    an edit's charts are drawn at once and side by side, not one after another in the
    caller's process."""
    pool, ready = _started(max(1, min(workers, KEPT_WORKERS)), specs)
    wait(ready, timeout=READY_WAIT)
    return pool


def early_pool(workers: int) -> KeptPool:
    """``workers`` chart workers, started now and not waited for: a build that will draw
    every chart starts them before it reads the project, so that their start-up (~0.8 s
    each: Python, then vl-convert's JavaScript runtime, ``RUNTIME_SPEC``) is over by the
    time the first vendor's charts come. The caller closes it once the build is done."""
    return _started(workers, [RUNTIME_SPEC])[0]


def _started(
    workers: int, specs: Sequence[Mapping[str, Any]]
) -> tuple[KeptPool, list[Future[None]]]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_warm_worker,
        initargs=([dict(s) for s in specs], context.Barrier(workers)),
    )
    # a spawn pool starts a worker for each task that finds none idle
    return KeptPool(pool, workers), [pool.submit(_ready) for _ in range(workers)]


class Ticket:
    """Charts handed to the queue together; ``ChartQueue.result`` gives back their SVGs."""

    def __init__(self, jobs: list[Job]):
        self.jobs = jobs
        self.futures: list[Future[list[str]]] = []  # each a share of ``jobs``, in order

    def done(self) -> bool:
        return not self.jobs or (bool(self.futures) and all(f.done() for f in self.futures))


class ChartQueue:
    """Charts to SVG, in a pool that starts when there is enough work for one.

    ``kept``: workers started ahead (``chart_pool``, ``early_pool``), used from the first
    chart, each ticket's charts shared between them, and left running when the queue closes
    (their owner closes them). When
    it has fewer workers than the queue and ``min_pool`` charts come, the queue starts a pool
    of its own for the rest, as without one.
    """

    def __init__(
        self,
        processes: int | None = None,
        min_pool: int | None = None,
        kept: KeptPool | None = None,
    ):
        self.workers = processes if processes is not None else default_workers()
        self.min_pool = min_pool if min_pool is not None else MIN_POOL_BATCH
        self._pool: ProcessPoolExecutor | None = None  # this queue's own
        self._kept = kept
        self._sent = 0  # charts handed to the kept pool
        self._waiting: list[Ticket] = []

    @property
    def window(self) -> int:
        """How many charts a build may have out at once: enough to start the pool and keep
        every worker busy while it draws pages, few enough that memory stays flat."""
        return 4 * max(self.min_pool, self.workers)

    def __enter__(self) -> ChartQueue:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(cancel=kind is not None)

    def submit(self, specs: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> Ticket:
        ticket = Ticket([(dict(spec), key) for spec, key in zip(specs, keys, strict=True)])
        if not ticket.jobs:
            return ticket
        if self._pool is not None:
            self._send(ticket)
            return ticket
        kept = self._kept
        if kept is not None and (
            kept.workers >= self.workers or self._sent + len(ticket.jobs) < self.min_pool
        ):
            self._sent += len(ticket.jobs)
            self._share(ticket, kept)
            return ticket
        self._waiting.append(ticket)
        charts = self._sent + sum(len(t.jobs) for t in self._waiting)  # the kept's too
        if self.workers > 1 and charts >= self.min_pool:
            self._pool = self._start()
            for waiting in self._waiting:
                self._send(waiting)
            self._waiting.clear()
        return ticket

    def _send(self, ticket: Ticket) -> None:
        """Hand ``ticket``'s charts, whole, to this queue's own pool."""
        assert self._pool is not None
        ticket.futures = [self._pool.submit(_render_batch, ticket.jobs)]

    def _share(self, ticket: Ticket, kept: KeptPool) -> None:
        """Hand ``ticket``'s charts to the kept pool, shared between its workers (which start
        nothing, so a few charts are already worth spreading)."""
        size = -(-len(ticket.jobs) // min(kept.workers, len(ticket.jobs)))
        ticket.futures = [
            kept.executor.submit(_render_batch, ticket.jobs[i : i + size])
            for i in range(0, len(ticket.jobs), size)
        ]

    def _start(self) -> ProcessPoolExecutor:
        # spawn: vl-convert runs threads of its own, which must not be copied by fork.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=_chart_worker
        )

    def map(self, work: Callable[[In], Out], items: Sequence[In]) -> list[Out]:
        """``work`` (a module-level function) over ``items``, in order: in the pool when
        there is one or more than one item to share between workers, else in this process.
        PDFs use it: each takes ~0.5 s, so two are already worth a worker each."""
        if self._pool is None and self._kept is not None and len(items) > 1:
            return list(self._kept.executor.map(work, items))
        if self._pool is None and (self.workers < 2 or len(items) < 2):
            return [work(item) for item in items]
        if self._pool is None:
            self._pool = self._start()
        return list(self._pool.map(work, items))

    def result(self, ticket: Ticket) -> list[str]:
        """The SVGs of ``ticket``'s charts, in order; waits for them, or renders them here."""
        if not ticket.jobs:
            return []
        if ticket.futures:
            return [svg for future in ticket.futures for svg in future.result()]
        if ticket in self._waiting:  # too little work so far to start a pool for it
            self._waiting.remove(ticket)
        return _render_batch(ticket.jobs)

    def close(self, cancel: bool = False) -> None:
        self._waiting.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None


def _keys(specs: Sequence[Mapping[str, Any]], keys: Sequence[str] | None) -> list[str]:
    if keys is not None:
        if len(keys) != len(specs):
            raise ValueError("render_svgs needs one key per spec")
        return [str(k) for k in keys]
    out = []
    for i, spec in enumerate(specs):
        meta = spec.get("usermeta")
        out.append(str(meta["key"]) if isinstance(meta, dict) and "key" in meta else f"chart-{i}")
    return out


def render_svgs(
    specs: Sequence[Mapping[str, Any]],
    processes: int | None = None,
    keys: Sequence[str] | None = None,
) -> list[str]:
    """Render many specs to page-ready SVG, in input order, over every core when worth it.

    ``processes``: worker processes (None: one per core; 1: in this process). Each chart's
    key comes from ``keys``, else the spec's ``usermeta.key``, else its position.
    """
    with ChartQueue(processes) as queue:
        return queue.result(queue.submit(specs, _keys(specs, keys)))
