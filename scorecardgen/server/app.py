"""The HTTP side of the dev server: URLs to files of the current in-memory snapshot.

Files come only from the snapshot dict, never from disk, so no URL can reach a file outside
the site; odd URLs (``..``, encoded slashes, backslashes, NUL) are refused before lookup.
"""

from __future__ import annotations

import contextlib
import io
import queue
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, unquote

from scorecardgen.server import reload
from scorecardgen.server.hosts import HostPolicy, policy_for, same_origin
from scorecardgen.server.snapshot import Snapshot

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "ico": "image/x-icon",
    "woff2": "font/woff2",
    "woff": "font/woff",
    "txt": "text/plain; charset=utf-8",
    "map": "application/json",
    "webmanifest": "application/manifest+json",
}
HTML = CONTENT_TYPES["html"]
NOT_FOUND_PAGE = "404.html"
SUMMARY_WAIT = 120.0  # seconds a request waits for the rest of a build shown early to be drawn


def content_type(path: str) -> str:
    """The Content-Type for a file of the site, by extension."""
    ext = path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    return CONTENT_TYPES.get(ext, "application/octet-stream")


@dataclass(frozen=True)
class Resolved:
    """Where a URL path leads: a file of the snapshot, a redirect, or nowhere (404)."""

    file: str | None = None
    redirect: str | None = None


NOWHERE = Resolved()


def _site_path(raw: str) -> str | None:
    """The decoded path of a request target relative to the site root, or None if unsafe."""
    path = raw.split("#", 1)[0].split("?", 1)[0]
    if "%2f" in path.lower() or "%5c" in path.lower():
        return None  # an encoded slash hides a segment boundary from the checks below
    try:
        path = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not path.startswith("/") or path.startswith("//") or "\\" in path or "\x00" in path:
        return None
    segments = path[1:].split("/")
    inner, last = segments[:-1], segments[-1]
    if any(s in ("", ".", "..") for s in inner) or last in (".", ".."):
        return None
    return path[1:]


def _found(raw: str, files: Mapping[str, object]) -> bool:
    """Whether a request target is a file (or a redirect to one) of ``files``."""
    found = resolve(raw, files)
    return found.file is not None or found.redirect is not None


def resolve(raw: str, files: Mapping[str, object]) -> Resolved:
    """Map a request target to a file of ``files``; directories serve their index.html."""
    rel = _site_path(raw)
    if rel is None:
        return NOWHERE
    if rel == "" or rel.endswith("/"):
        index = rel + "index.html"
        return Resolved(file=index) if index in files else NOWHERE
    if rel in files:
        return Resolved(file=rel)
    if f"{rel}/index.html" in files:
        query = raw.partition("?")[2].split("#", 1)[0]
        target = "/" + quote(rel) + "/" + (f"?{query}" if query else "")
        return Resolved(redirect=target)
    return NOWHERE


@dataclass(frozen=True)
class Limits:
    """What clients may hold of the dev server; the defaults suit one person's browser tabs."""

    connections: int = 128  # open connections at once; more are answered 503 and closed
    streams: int = 32  # live-reload streams (one per open page) within those connections
    head_timeout: float = 5.0  # seconds for a request line and its headers to arrive
    head_bytes: int = 64 * 1024  # a request line and headers together, at most
    write_timeout: float = 10.0  # seconds for a client to take a response
    backlog: int = 128  # connections waiting to be accepted: a page loads many assets at once


DEFAULT_LIMITS = Limits()
GONE_CHECK = 1.0  # seconds between checks that a live-reload stream's page is still there


class HeadTooLarge(Exception):
    """The request line and headers went past ``Limits.head_bytes``."""


class _HeadReader(io.RawIOBase):
    """Socket reads under a deadline and a byte budget, both set per request (slowloris)."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.deadline = 0.0
        self.budget = 0

    def start(self, timeout: float, budget: int) -> None:
        self.deadline = time.monotonic() + timeout
        self.budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request head took too long")
        if self.budget <= 0:
            raise HeadTooLarge
        self.sock.settimeout(left)  # a timeout per read alone would let a byte a second in
        with memoryview(buffer) as view:
            count = self.sock.recv_into(view[: self.budget])
        self.budget -= count
        return count


class DevHandler(BaseHTTPRequestHandler):
    """Serves the snapshot of ``server.current()``; set up by ``make_http_server``."""

    server: DevHTTPServer
    server_version = "scorecardgen-dev"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        del format, args  # a line per request drowns the rebuild lines

    def setup(self) -> None:
        super().setup()
        self._reader = _HeadReader(self.connection)
        self.rfile = io.BufferedReader(self._reader)

    def handle(self) -> None:
        try:
            super().handle()
        except HeadTooLarge:
            if self.raw_requestline:
                self._refuse(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers too large")
            else:
                self._refuse(HTTPStatus.REQUEST_URI_TOO_LONG, "request line too long")
        except OSError:
            self.close_connection = True  # the client went away mid-request

    def handle_one_request(self) -> None:
        limits = self.server.limits
        self._reader.start(limits.head_timeout, limits.head_bytes)
        # what a refusal reads when the request line never arrived whole (parse_request sets them)
        self.raw_requestline, self.requestline, self.command = b"", "", ""
        self.request_version = "HTTP/1.0"
        super().handle_one_request()

    def parse_request(self) -> bool:
        """The stdlib's checks, then: is the request for this server (Host, Origin)?"""
        if not super().parse_request():
            return False
        self.connection.settimeout(self.server.limits.write_timeout)
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            self._refuse(HTTPStatus.BAD_REQUEST, "a request needs exactly one Host header")
            return False
        policy = self.server.policy
        if not policy.allows(hosts[0]):
            self._refuse(
                HTTPStatus.MISDIRECTED_REQUEST,
                f"this preview answers only to {policy.describe()}; "
                "start it with --allow-host NAME to add a name",
            )
            return False
        origin = self.headers.get("Origin")
        if origin is not None and not same_origin(origin, hosts[0]):
            self._refuse(HTTPStatus.FORBIDDEN, "requests from other sites are refused")
            return False
        return True

    def _refuse(self, status: HTTPStatus, reason: str, retry: int | None = None) -> None:
        """A short plain-text refusal that closes the connection (nothing of the site in it)."""
        self.close_connection = True
        body = f"{status.value} {status.phrase}: {reason}\n".encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", CONTENT_TYPES["txt"])
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Connection", "close")
            if retry is not None:
                self.send_header("Retry-After", str(retry))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            pass  # the client is gone: nobody to tell

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        try:
            if self.path.split("?", 1)[0] == reload.EVENTS_PATH and not head:
                self._stream_events()
                return
            self._send_site(head)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the browser went away; nothing to tell it

    def _send_site(self, head: bool) -> None:
        snap = self.server.current()
        if snap.drawing is not None and not _found(self.path, snap.files):
            # not drawn yet (another vendor's page, a summary page, or an unknown URL):
            # wait for the whole build
            snap.drawing.wait(SUMMARY_WAIT)
            snap = self.server.current()
        if not snap.has_good_build:
            # no good build yet: every URL shows the errors (500: there is no site to serve)
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, reload.error_page(snap), HTML, head)
            return
        found = resolve(self.path, snap.files)
        if found.redirect is not None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", found.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if found.file is not None:
            self._send_file(HTTPStatus.OK, found.file, snap, head)
        elif NOT_FOUND_PAGE in snap.files:
            # the 404 page's links are relative to the site root, wherever the bad URL was
            self._send_file(HTTPStatus.NOT_FOUND, NOT_FOUND_PAGE, snap, head, base="/")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"404 not found\n", CONTENT_TYPES["txt"], head)

    def _send_file(
        self, status: HTTPStatus, path: str, snap: Snapshot, head: bool, base: str | None = None
    ) -> None:
        try:
            body = snap.read(path)
        except OSError:  # its cache entry went (a build of other content pruned it)
            message = b"this file left the cache since the last build; rebuilding, reload soon\n"
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, message, CONTENT_TYPES["txt"], head)
            return
        ctype = content_type(path)
        if ctype == HTML:
            body = reload.inject(body, snap)
            if base is not None:
                body = body.replace(b"<head>", f'<head><base href="{base}">'.encode(), 1)
        self._send(status, body, ctype, head)

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream_events(self) -> None:
        """Server-sent events: the current build at once, then every build, with heartbeats."""
        streams = self.server.streams
        if not streams.acquire(blocking=False):
            # the page's script retries a refused stream later, with a growing delay
            self._refuse(HTTPStatus.SERVICE_UNAVAILABLE, "too many live-reload streams", 5)
            return
        broker = self.server.broker
        inbox = broker.subscribe()
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self._write(reload.STREAM_START + reload.build_event(self.server.current()))
            beat = time.monotonic() + self.server.heartbeat
            while True:
                # look for a closed page every second, not only at heartbeats: its slot is free
                wait = min(GONE_CHECK, beat - time.monotonic())
                try:
                    message = inbox.get(timeout=max(wait, 0.0))
                except queue.Empty:
                    if self._client_gone():
                        return
                    if time.monotonic() < beat:
                        continue
                    message = reload.HEARTBEAT
                if message is None:
                    return
                self._write(message)
                beat = time.monotonic() + self.server.heartbeat
        finally:
            broker.unsubscribe(inbox)
            streams.release()
            self.close_connection = True

    def _client_gone(self) -> bool:
        """Whether the client closed its side (a stream's client never sends anything)."""
        self.connection.settimeout(0)  # a look, not a wait (and no select(): fds past 1024)
        try:
            peeked: bytes = self.connection.recv(1, socket.MSG_PEEK)
        except BlockingIOError:
            return False
        except OSError:
            return True
        finally:
            self.connection.settimeout(self.server.limits.write_timeout)
        return not peeked

    def _write(self, text: str) -> None:
        self.wfile.write(text.encode())
        self.wfile.flush()


_BUSY_BODY = b"503 Service Unavailable: too many connections; try again\n"
BUSY = (
    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: %d\r\nRetry-After: 1\r\nConnection: close\r\n\r\n%s"
) % (len(_BUSY_BODY), _BUSY_BODY)


def _turn_away(sock: socket.socket) -> None:
    """Answer 503 on a connection over the limit, from the accept loop, never blocking it."""
    sock.setblocking(False)
    with contextlib.suppress(OSError):  # gone or not reading: dropping it is answer enough
        with contextlib.suppress(BlockingIOError):
            sock.recv(65536)  # unread bytes would turn close() into a reset that hides the 503
        sock.send(BUSY)


class DevHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows where the current snapshot and the broker are.

    It answers only requests for its own names (``policy``) and holds at most
    ``limits.connections`` connections, of which at most ``limits.streams`` event streams.
    """

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        current: Callable[[], Snapshot],
        broker: reload.Broker,
        heartbeat: float,
        limits: Limits = DEFAULT_LIMITS,
        allowed_hosts: tuple[str, ...] = (),
    ):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.current = current
        self.broker = broker
        self.heartbeat = heartbeat
        self.limits = limits
        self.request_queue_size = limits.backlog  # read by listen() in the base __init__
        self.streams = threading.BoundedSemaphore(limits.streams)
        self._slots = threading.BoundedSemaphore(limits.connections)
        super().__init__(address, DevHandler)
        self.policy: HostPolicy = policy_for(address[0], str(self.server_address[0]), allowed_hosts)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            _turn_away(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()  # no thread started to release it
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def make_http_server(
    host: str,
    port: int,
    current: Callable[[], Snapshot],
    broker: reload.Broker,
    heartbeat: float = 15.0,
    limits: Limits = DEFAULT_LIMITS,
    allowed_hosts: tuple[str, ...] = (),
) -> DevHTTPServer:
    """Bind ``host:port`` (0 picks a free port; ``[::1]`` is ``::1``); OSError when it cannot."""
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return DevHTTPServer((host, port), current, broker, heartbeat, limits, allowed_hosts)
