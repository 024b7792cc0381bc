"""The offline Vega bundle as a build gets it: from the cache, else assembled once per process,
in a process of its own, and started early enough to be ready when the theme needs it.

Assembling takes vl-convert ~2 s of one core. A cold build starts it (``bundle_soon``) before
it reads the project, so the assembly runs on another core while the project is loaded,
validated and scored, instead of in front of it.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor

from scorecardgen.cache import Cache, digest
from scorecardgen.charts.bundle import bundle_bytes
from scorecardgen.charts.queue import default_workers, exit_with_parent

_KEY = digest("vega-bundle")  # the salt holds the vl-convert version
_lock = threading.Lock()
_assembly: Future[bytes] | None = None  # this process's one assembly, once started


def cached_bundle(cache: Cache) -> bytes | None:
    """The bundle as the cache holds it; None when it holds none."""
    return cache.get("bundle", _KEY)


def has_bundle(cache: Cache) -> bool:
    """Whether the cache holds the bundle (without reading it)."""
    return cache.stamp("bundle", _KEY) is not None


def chart_bundle(cache: Cache) -> bytes:
    """The bundle: from the cache, else assembled (or the assembly ``bundle_soon`` started,
    waited for) and cached like a chart."""
    data = cached_bundle(cache)
    if data is None:
        assembly = _assembled()
        try:
            data = assembly.result()
        except BaseException:
            _forget(assembly)  # the next build tries again
            raise
        cache.put("bundle", _KEY, data)
    return data


def bundle_soon() -> None:
    """Start assembling the bundle in its child process, not waiting for it; nothing with
    ``--jobs 1``, where it is assembled in this process when it is needed."""
    if default_workers() >= 2:
        _assembled()


def _assembled() -> Future[bytes]:
    """The bundle, assembled in a process of its own (once per process): assembling it
    starts vl-convert's JavaScript runtime, ~90 MB that would stay in the build's process to
    its end, on top of every vendor's records (the chart workers have runtimes of their own).
    With ``--jobs 1`` (no worker processes) it is assembled here.
    """
    global _assembly
    with _lock:
        if _assembly is None:
            _assembly = _assemble()
        return _assembly


def _forget(assembly: Future[bytes]) -> None:
    global _assembly
    with _lock:
        if _assembly is assembly:
            _assembly = None


def _assemble() -> Future[bytes]:
    if default_workers() < 2:
        done: Future[bytes] = Future()
        done.set_result(bundle_bytes())
        return done
    context = multiprocessing.get_context("spawn")  # vl-convert's threads are never forked
    child = ProcessPoolExecutor(1, mp_context=context, initializer=exit_with_parent)
    future = child.submit(bundle_bytes)
    child.shutdown(wait=False)  # the child ends once the bundle is back
    return future
