"""What keeping the chart templates in the cache saves a no-change build, in one run.

    PYTHONPATH=. python benchmarks/template_cost.py PROJECT [--rounds 5]

PROJECT must have been built once (a warm cache). Each round times two no-change builds, each
a fresh `python -m scorecardgen build` process into the same folder: one with the templates'
cache entry removed first (they are built with Altair, as before they were kept), one with it
in place (the entry the previous build stored). Prints each time, the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _build(project: Path, out: Path) -> float:
    os.sync()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "scorecardgen", "-C", str(project), "build", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    out = args.project.parent / "output-template-cost"
    entries = args.project / ".scorecardgen-cache" / "template"
    _build(args.project, out)  # the output in place, the templates stored
    built, kept = [], []
    for _ in range(args.rounds):
        shutil.rmtree(entries, ignore_errors=True)
        built.append(_build(args.project, out))  # builds them, and stores them again
        kept.append(_build(args.project, out))
    print(
        f"built:  {', '.join(f'{t:.2f}' for t in built)} s (median {statistics.median(built):.2f})"
    )
    print(f"kept:   {', '.join(f'{t:.2f}' for t in kept)} s (median {statistics.median(kept):.2f})")
    print(f"kept / built: {statistics.median(kept) / statistics.median(built):.3f}")


if __name__ == "__main__":
    main()
