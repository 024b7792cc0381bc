"""Where the dev server's edit-to-reload time goes, edit by edit.

    PYTHONPATH=. python benchmarks/serve_timeline.py PROJECT [--edits 6] [--fixed-salt]

Starts the dev server on PROJECT (a generated one: benchmarks/generate.py) in this process,
waits until it is ready and prints its resident memory and its chart workers', then edits
one value of vendor-0000, vendor-0001, ... in turn and prints, for each edit, the seconds
from saving the file to: the watcher's first event (``event``), the rebuild starting after
the quiet period (``build``), the edited vendor shown and open pages told (``early``), the
reload event received (``sse``), the vendor's page and its measurements fetched (``page``,
``csv``: what `run.py`'s "edit to reload" times), the whole build in (``whole``) and the
portfolio page fetched (``root``). ``--fixed-salt`` keeps the cache's salt fixed (as
`fixed_salt.py` does), to time a code change on a warm cache.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _fetch, _next_event, edit_one_vendor, reload_stream  # noqa: E402


def _rss_mib(pid: int | None) -> int:
    """A process's resident memory, from /proc (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) // 1024


def _timeline(project: Path, edits: int) -> None:
    from scorecardgen.server import DevServer, snapshot, watch

    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks.setdefault(name, time.perf_counter())

    def wrap(owner: Any, name: str, before: str, after: str | None = None) -> None:
        real = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            mark(before)
            try:
                return real(*args, **kwargs)
            finally:
                if after:
                    mark(after)

        setattr(owner, name, timed)

    wrap(watch.Debouncer, "add", "event")
    wrap(snapshot.LiveSite, "_rebuild", "build", "whole")
    wrap(snapshot.LiveSite, "_show_early", "early")
    server = DevServer(project, port=0, log=lambda line: None)
    started = time.perf_counter()
    server.start()
    server.site.ready.wait()
    print(f"ready {time.perf_counter() - started:.2f} s after start")
    workers = [_rss_mib(child.pid) for child in multiprocessing.active_children()]
    print(f"resident memory: server {_rss_mib(os.getpid())} MiB, chart workers {workers} MiB")
    try:
        for i in range(edits):
            vendor = f"vendor-{i:04d}"
            conn, stream = reload_stream(server)
            marks.clear()
            saved = time.perf_counter()
            edit_one_vendor(project, vendor, 0.7)
            _next_event(stream)
            mark("sse")
            _fetch(server, f"/vendors/{vendor}/")
            mark("page")
            _fetch(server, f"/vendors/{vendor}/measurements.csv")
            mark("csv")
            _fetch(server, "/")
            mark("root")
            conn.close()
            time.sleep(1.0)  # an editor's pause; the whole build is in by now
            ordered = sorted(marks.items(), key=lambda kv: kv[1])
            print(vendor, " ".join(f"{k}={v - saved:.3f}" for k, v in ordered))
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("--fixed-salt", action="store_true")
    args = parser.parse_args()
    if args.fixed_salt:
        import fixed_salt  # noqa: F401  (fixes the salt on import)
    _timeline(args.project, args.edits)


if __name__ == "__main__":
    main()
