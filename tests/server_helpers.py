"""Helpers for the dev server tests: a running server on a free port, an HTTP and SSE client."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorecardgen.server import DevServer
from scorecardgen.server.snapshot import Builder


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def get(server: DevServer, path: str, method: str = "GET") -> Reply:
    """One request to the running server (path sent exactly as given)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


def host_header(server: DevServer) -> bytes:
    """The Host header a browser sends for the server's own URL."""
    return f"{server.host}:{server.port}".encode()


def raw_get(server: DevServer, target: bytes) -> int:
    """Send a request line byte for byte (what http.client refuses to send); return status."""
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.0\r\nHost: " + host_header(server) + b"\r\n\r\n")
        head = sock.recv(64)
    return int(head.split()[1])


class EventStream:
    """A client connected to /__livereload, reading build events with a timeout."""

    def __init__(self, server: DevServer):
        self.conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
        self.conn.request("GET", "/__livereload")
        self.response = self.conn.getresponse()

    def next_build(self) -> dict[str, Any]:
        """The data of the next `build` event (raises socket.timeout after 5 s of silence)."""
        event = ""
        while True:
            line = self.response.readline().decode()
            if not line:
                raise EOFError("event stream closed")
            if line.startswith("event: "):
                event = line[7:].strip()
            elif line.startswith("data: ") and event == "build":
                data: dict[str, Any] = json.loads(line[6:])
                return data

    def close(self) -> None:
        self.conn.close()


@contextmanager
def running(root: Path, builder: Builder | None = None, **options: Any) -> Iterator[DevServer]:
    """A DevServer on 127.0.0.1 and a free port, started and stopped around the block."""
    options.setdefault("log", lambda line: None)
    server = DevServer(root, port=0, builder=builder, **options)
    try:
        server.start()
        yield server
    finally:
        server.stop()
