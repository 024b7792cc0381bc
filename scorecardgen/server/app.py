"""The HTTP side of the dev server: URLs to files of the current in-memory snapshot.

Files come only from the snapshot dict, never from disk, so no URL can reach a file outside
the site; odd URLs (``..``, encoded slashes, backslashes, NUL) are refused before lookup.
"""

from __future__ import annotations

import queue
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, unquote

from scorecardgen.server import reload
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


def resolve(raw: str, files: Mapping[str, bytes]) -> Resolved:
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


class DevHandler(BaseHTTPRequestHandler):
    """Serves the snapshot of ``server.current()``; set up by ``make_http_server``."""

    server: DevHTTPServer
    server_version = "scorecardgen-dev"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        del format, args  # a line per request drowns the rebuild lines

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
        body = snap.files[path]
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
        broker = self.server.broker
        inbox = broker.subscribe()
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self._write(reload.STREAM_START + reload.build_event(self.server.current()))
            while True:
                try:
                    message = inbox.get(timeout=self.server.heartbeat)
                except queue.Empty:
                    message = reload.HEARTBEAT
                if message is None:
                    return
                self._write(message)
        finally:
            broker.unsubscribe(inbox)
            self.close_connection = True

    def _write(self, text: str) -> None:
        self.wfile.write(text.encode())
        self.wfile.flush()


class DevHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows where the current snapshot and the broker are."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        current: Callable[[], Snapshot],
        broker: reload.Broker,
        heartbeat: float,
    ):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.current = current
        self.broker = broker
        self.heartbeat = heartbeat
        super().__init__(address, DevHandler)


def make_http_server(
    host: str,
    port: int,
    current: Callable[[], Snapshot],
    broker: reload.Broker,
    heartbeat: float = 15.0,
) -> DevHTTPServer:
    """Bind ``host:port`` (0 picks a free port); raises OSError when it cannot."""
    return DevHTTPServer((host, port), current, broker, heartbeat)
