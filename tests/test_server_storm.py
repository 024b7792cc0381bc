"""The dev server under a storm: random valid and broken edits while clients keep fetching.

For a bounded time the project is edited every 50-300 ms (new measurement values, broken
YAML, weights that do not add up, a vendor file deleted and restored, save-by-rename), while a
few client threads fetch pages, an export and the 404 page in a loop. No response is ever a
5xx, every page is complete, the server outlives it all, and once the edits stop the last
value written is what the site serves.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen.server import DevServer
from scorecardgen.server.reload import OVERLAY_ID
from tests.minimal_project import CONTRACT as CONTRACT_TEXT
from tests.minimal_project import MEASUREMENTS_CSV as CSV_TEXT
from tests.minimal_project import MEASUREMENTS_YAML as YAML_TEXT
from tests.minimal_project import VENDOR as VENDOR_TEXT
from tests.server_helpers import get, running

pytestmark = pytest.mark.slow  # the storm lasts STORM_SECONDS

SEED = 20250630
STORM_SECONDS = 16.0
MAX_EDITS = 150  # at 50-300 ms apart the clock ends the storm first; this bounds it anyway
CLIENTS = 5
MAX_REQUESTS_PER_CLIENT = 20_000
SETTLE_TIMEOUT = 20.0

VENDOR_DIR = "content/vendors/acme"
VENDOR = f"{VENDOR_DIR}/vendor.yaml"
CONTRACT = f"{VENDOR_DIR}/contracts/voice.yaml"
EXTRA = f"{VENDOR_DIR}/measurements/extra.yaml"
CSV = f"{VENDOR_DIR}/measurements/2025.csv"
VENDOR_NAME = b"Acme Support"
PAGES = [
    "/",
    "/vendors/acme/",
    "/kpis/fcr/",
    "/vendors/acme/scorecard.json",
    "/no/such/page",
    "/vendors/acme/measurements.csv",
    "/kpis/",
]


def extra_yaml(value: float) -> str:
    """The YAML measurements with the June FCR value set to ``value``."""
    return YAML_TEXT.replace("value: 60", f"value: {value}")


class Editor:
    """Applies random edits to the project, remembering what the valid content is."""

    def __init__(self, root: Path, rng: random.Random):
        self.root = root
        self.rng = rng
        self.value = 60.0
        self.counts: Counter[str] = Counter()

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.root / rel
        data = text.encode() if isinstance(text, str) else text
        if self.rng.random() < 0.5:
            path.write_bytes(data)
        else:  # an editor's save-by-rename, through a temp name the watcher ignores
            temp = path.with_name(path.name + ".tmp")
            temp.write_bytes(data)
            os.replace(temp, path)

    def delete(self, rel: str) -> None:
        (self.root / rel).unlink(missing_ok=True)

    def restore(self) -> None:
        """Every file back to valid content (keeping the latest measurement value)."""
        self.write(VENDOR, VENDOR_TEXT)
        self.write(CONTRACT, CONTRACT_TEXT)
        self.write(EXTRA, extra_yaml(self.value))
        self.write(CSV, CSV_TEXT)

    def set_value(self, value: float) -> None:
        self.value = value
        self.write(EXTRA, extra_yaml(value))

    def step(self) -> None:
        action = self.rng.choice(
            [
                "value",
                "value",
                "value",
                "csv",
                "restore",
                "break-yaml",
                "weights",
                "delete-vendor",
                "binary-vendor",
                "delete-extra",
                "broken-csv",
            ]
        )
        self.counts[action] += 1
        if action == "value":
            self.set_value(self.rng.randint(40, 99) + self.rng.choice([0, 0.25, 0.5]))
        elif action == "csv":
            self.write(
                CSV, CSV_TEXT.replace("fcr,2025-05,70,", f"fcr,2025-05,{self.rng.randint(50, 90)},")
            )
        elif action == "restore":
            self.restore()
        elif action == "break-yaml":
            self.write(CONTRACT, CONTRACT_TEXT.replace("notice_days: 90", "notice_days: [90"))
        elif action == "weights":
            self.write(CONTRACT, CONTRACT_TEXT.replace("weight: 30", "weight: 45"))
        elif action == "delete-vendor":
            self.delete(VENDOR)
        elif action == "binary-vendor":
            self.write(VENDOR, b"\x89PNG\r\n\x1a\n\x00\x00\xff")
        elif action == "delete-extra":
            self.delete(EXTRA)
        else:
            self.write(CSV, "kpi,period,value\nfcr,2025-04\n")


class Client(threading.Thread):
    """Fetches pages in a loop until told to stop; records every answer that is wrong."""

    def __init__(self, server: DevServer, index: int, stop: threading.Event):
        super().__init__(name=f"storm-client-{index}", daemon=True)
        self.server = server
        self.rng = random.Random(SEED + index)
        self.stop = stop
        self.served: Counter[int] = Counter()
        self.overlays = 0  # pages served with the error overlay of a failed build
        self.problems: list[str] = []

    def run(self) -> None:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if self.stop.is_set():
                return
            path = self.rng.choice(PAGES)
            try:
                reply = get(self.server, path)
            except OSError as exc:  # refused, reset, timed out: the server failed a client
                self.problems.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            self.served[reply.status] += 1
            self.overlays += OVERLAY_ID.encode() in reply.body
            why = self.wrong(path, reply.status, reply.body)
            if why:
                self.problems.append(f"{path}: {why}")

    @staticmethod
    def wrong(path: str, status: int, body: bytes) -> str | None:
        if status >= 500:
            return f"status {status}"
        if status != (404 if path == "/no/such/page" else 200):
            return f"unexpected status {status}"
        if path.endswith(".json"):
            try:
                card = json.loads(body)
            except ValueError:
                return f"incomplete JSON ({len(body)} bytes)"
            if card["vendor"]["name"] != VENDOR_NAME.decode():
                return "scorecard.json of another vendor"
        elif path.endswith(".csv"):
            if not body.startswith(b"\xef\xbb\xbfcontract,kpi,kpi_name,unit,period,value"):
                return "not the measurements export"
        else:
            if not body.startswith(b"<!DOCTYPE html>"):
                return f"page starts with {body[:30]!r}"
            if not body.rstrip().endswith(b"</html>"):
                return f"page ends with {body[-30:]!r}"
            if path == "/vendors/acme/" and VENDOR_NAME not in body:
                return "vendor page without the vendor's name"
        return None


def served_value(server: DevServer) -> float | None:
    """The June FCR value in the served scorecard.json, if the site is being served."""
    reply = get(server, "/vendors/acme/scorecard.json")
    if reply.status != 200:
        return None
    for m in json.loads(reply.body)["measurements"]:
        if m["kpi"] == "fcr" and m["period"] == "2025-06":
            # an edit may have left June without a value: then it is listed as missing
            return None if m["value"] is None else float(m["value"])
    return None


def test_server_survives_an_edit_storm_and_serves_the_final_content(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    rng = random.Random(SEED)
    editor = Editor(root, rng)
    lines: list[str] = []
    with running(root, log=lines.append) as server:
        assert not server.site.snapshot.failed  # the first build is good: no 5xx from here on
        stop = threading.Event()
        clients = [Client(server, i, stop) for i in range(CLIENTS)]
        for client in clients:
            client.start()
        started = time.monotonic()
        try:
            edits = 0
            while edits < MAX_EDITS and time.monotonic() - started < STORM_SECONDS:
                editor.step()
                edits += 1
                time.sleep(rng.uniform(0.05, 0.3))
        finally:
            stop.set()
            for client in clients:
                client.join(timeout=10)
        storm = time.monotonic() - started
        assert not any(client.is_alive() for client in clients)

        # a final valid edit; once the rebuild settles, the site shows it
        editor.restore()
        final = 71.75
        editor.set_value(final)
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while served_value(server) != final and time.monotonic() < deadline:
            time.sleep(0.1)
        assert served_value(server) == final, lines[-5:]
        assert not server.site.snapshot.failed, server.site.snapshot.problems
        page = get(server, "/vendors/acme/")
        assert page.status == 200 and VENDOR_NAME in page.body
        assert Client.wrong("/vendors/acme/", page.status, page.body) is None

        served: Counter[int] = Counter()
        for client in clients:
            served.update(client.served)
        problems = [p for client in clients for p in client.problems]
        total = sum(served.values())
        overlays = sum(client.overlays for client in clients)
        print(
            f"storm: {storm:.1f} s, {edits} edits {dict(editor.counts)}, "
            f"{server.rebuilds} rebuilds, {total} requests served {dict(served)}, "
            f"{overlays} with the error overlay"
        )
        assert not problems, f"{len(problems)} bad answers, first: {problems[:5]}"
        assert total >= CLIENTS * 10, f"only {total} requests were served"
        assert server.rebuilds >= 3  # the edits did reach the server
        assert any(line.startswith("build failed") for line in lines)  # and broke it at times
        assert overlays, "no page ever showed the errors of a failed build"
