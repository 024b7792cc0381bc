"""The dev server put together: bind, build, serve, watch, rebuild, reload, stop."""

from __future__ import annotations

import errno
import gc
import ipaddress
import secrets
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from scorecardgen.report import format_problems
from scorecardgen.server import reload
from scorecardgen.server.app import DEFAULT_LIMITS, DevHTTPServer, Limits, make_http_server
from scorecardgen.server.hosts import WILDCARDS
from scorecardgen.server.snapshot import Builder, BuildReport, LiveSite, Snapshot
from scorecardgen.server.watch import MAX_WAIT, QUIET, Debouncer, Watcher

Log = Callable[[str], None]

# How long a thread may hold the GIL while another waits (Python's default: 5 ms). A page
# request gives the GIL up at each socket or file call and waits that long to get it back
# while a rebuild draws the summary pages: ~0.1 s for a vendor's page. 0.5 ms makes it
# ~10 ms, and the rebuild no slower that can be measured.
SWITCH_INTERVAL = 0.0005


class ServeError(Exception):
    """The server could not start (port in use, bad host, no project): a message, no trace."""


def exposure_warning(host: str) -> str | None:
    """A warning when ``host`` is not loopback: the preview would be visible to the network."""
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:
        pass  # a host name: assume it is reachable from elsewhere
    return (
        f"warning: --host {host} exposes the preview, including unpublished scorecards, "
        "to other machines on the network; use --host 127.0.0.1 to keep it local"
    )


def local_url(host: str, port: int) -> str:
    """The URL of a server bound to ``host``; loopback for a wildcard, which browsers refuse."""
    if host in WILDCARDS:
        host = "::1" if ":" in host else "127.0.0.1"
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/"


def _bind(
    host: str,
    port: int,
    current: Callable[[], Snapshot],
    broker: reload.Broker,
    heartbeat: float,
    limits: Limits,
    allowed_hosts: tuple[str, ...],
) -> DevHTTPServer:
    try:
        return make_http_server(host, port, current, broker, heartbeat, limits, allowed_hosts)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} is already in use on {host}; choose another with "
                "--port, or --port 0 to pick a free one"
            ) from None
        reason = exc.strerror or str(exc)
        raise ServeError(f"cannot listen on {host}:{port}: {reason}") from None


class DevServer:
    """A running preview of one project: an HTTP server over a live, rebuilt snapshot.

    ``start`` binds, builds once and starts the HTTP thread, the watcher and the rebuild
    worker; ``stop`` undoes all of it. Nothing is written to disk.
    """

    def __init__(
        self,
        root: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        poll: bool = False,
        poll_interval: float = 1.0,
        builder: Builder | None = None,
        log: Log = print,
        quiet: float = QUIET,
        max_wait: float = MAX_WAIT,
        heartbeat: float = 15.0,
        limits: Limits = DEFAULT_LIMITS,
        allowed_hosts: tuple[str, ...] = (),
    ):
        self.root = root.absolute()
        if not self.root.is_dir():
            raise ServeError(f"no project folder at {root}")
        self.log = log
        self.rebuilds = 0  # rebuilds after the first build: one per burst of changes
        self.broker = reload.Broker()
        self.site = LiveSite(
            self.root,
            builder,
            run_id=secrets.token_hex(4),
            request_rebuild=lambda: self._debouncer.add({self.root / "content"}),
            announce=lambda snapshot: self.broker.publish(reload.build_event(snapshot)),
        )
        self.httpd = _bind(
            host, port, lambda: self.site.snapshot, self.broker, heartbeat, limits, allowed_hosts
        )
        self._debouncer = Debouncer(self._on_batch, quiet=quiet, max_wait=max_wait)
        self.watcher = Watcher(
            self.root, self._debouncer.add, poll=poll, poll_interval=poll_interval
        )
        self._http_thread = threading.Thread(
            target=self.httpd.serve_forever, name="scorecardgen-http", daemon=True
        )
        self._started = False
        self._switch: float | None = None  # the switch interval before ``start``

    @property
    def host(self) -> str:
        return str(self.httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        """The address to open the preview at; loopback when listening on every address."""
        return local_url(self.host, self.port)

    def start(self) -> BuildReport:
        """Build once, then serve and watch in background threads; returns the first build."""
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        self.watcher.start()  # before building, so edits made during the build are seen
        first = self.rebuild(set(), first=True)
        # the first build leaves the long-lived project state behind; move it out of the
        # collector's view, so a full collection in the middle of an edit does not walk it
        gc.collect()
        gc.freeze()
        # load the project now if the first build was remembered, and ready what the first
        # edit draws with (``LiveSite.warm``: templates, chart workers or runtime)
        threading.Thread(target=self.site.warm, name="scorecardgen-load", daemon=True).start()
        self._debouncer.start()
        self._http_thread.start()
        self._started = True
        return first

    def rebuild(self, changed: set[Path], *, first: bool = False) -> BuildReport:
        """Rebuild the site (``changed``: the paths seen changing), swap it in, tell pages."""
        report = self.site.rebuild(changed)
        snap = report.snapshot
        if snap.failed:
            self.log(format_problems(list(snap.problems), "text"))
        line = report.line()
        self.log(line.replace("rebuilt", "built", 1) if first else line)
        if not report.announced:  # else open pages were told when its vendor pages were out
            self.broker.publish(reload.build_event(snap))
        return report

    def _on_batch(self, changed: set[Path]) -> None:
        try:
            self.watcher.refresh(changed)
        except Exception as exc:  # noqa: BLE001 - keep serving; the next change retries
            self.log(f"watch error: {type(exc).__name__}: {exc}")
        self.rebuilds += 1
        self.rebuild(changed)

    def wait_for_build(self, number: int, timeout: float) -> bool:
        """Wait until build ``number`` (1 is the first) is served; False on timeout."""
        return self.site.wait_for(number, timeout)

    def stop(self) -> None:
        """Stop watching, end open event streams, shut the HTTP server down."""
        self.watcher.stop()
        self._debouncer.stop()
        self.site.close()
        self.broker.close()
        if self._started:
            self.httpd.shutdown()
        self.httpd.server_close()
        if self._switch is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None
