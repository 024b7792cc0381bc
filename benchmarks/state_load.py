"""Time taking every cached vendor state of a built project, packed locators against plain.

    PYTHONPATH=. python benchmarks/state_load.py /tmp/bench1000/project [--rounds 3]

Reads every ``state`` entry of the project's cache (build it first), and in the same run
pickles each state again with its locators as plain dictionaries of marks (as before they
were packed: ``yamlsource.Locator``), then prints the seconds to unpickle all of them each
way, with garbage collection off as in the build, and their sizes. The ratio is the figure.
"""

from __future__ import annotations

import argparse
import gc
import io
import pickle
import time
from pathlib import Path
from typing import Any

from scorecardgen.yamlsource import Locator


def _plain_locator(values: dict[Any, Any], keys: dict[Any, Any], offset: int) -> Locator:
    return Locator(values, keys, offset)


class _PlainPickler(pickle.Pickler):
    """Pickles locators as their marks, object by object (the format before packing)."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Locator):
            return _plain_locator, (obj.values, obj.keys, obj.line_offset)
        return NotImplemented


def _plain(state: object) -> bytes:
    out = io.BytesIO()
    _PlainPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(state)
    return out.getvalue()


def _load_all(entries: list[bytes]) -> float:
    gc.disable()
    try:
        started = time.perf_counter()
        loaded = [pickle.loads(data) for data in entries]
        seconds = time.perf_counter() - started
    finally:
        gc.enable()
    del loaded
    gc.collect()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(
        p for p in (args.project / ".scorecardgen-cache" / "state").rglob("*") if p.is_file()
    )
    if not files:
        raise SystemExit(f"no cached states in {args.project}: build it first")
    packed = [p.read_bytes() for p in files]
    plain = [_plain(pickle.loads(data)) for data in packed]
    print(f"{len(files)} vendor states")
    print(
        f"{'':10} {'KB each':>8} "
        + " ".join(f"{'round ' + str(i + 1):>8}" for i in range(args.rounds))
    )
    times: dict[str, list[float]] = {"plain": [], "packed": []}
    for _ in range(args.rounds):  # alternated, so that a busy moment hits both
        times["plain"].append(_load_all(plain))
        times["packed"].append(_load_all(packed))
    for name, entries in (("plain", plain), ("packed", packed)):
        size = sum(map(len, entries)) / len(entries) / 1000
        print(f"{name:10} {size:8.0f} " + " ".join(f"{t:8.2f}" for t in times[name]))
    best = min(times["packed"]) / min(times["plain"])
    print(f"packed / plain (best rounds): {best:.2f}")


if __name__ == "__main__":
    main()
