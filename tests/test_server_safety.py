"""The dev server answers only to its own names and cannot be held down by a few sockets.

Each hazard is planted against a real server on 127.0.0.1 (the HTTP side over a fixed
snapshot, so no build is needed; one test runs the whole DevServer), with short limits so
every test takes a second or two and ends by itself.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import MappingProxyType

import pytest

from scorecardgen.server.app import DevHTTPServer, Limits, make_http_server
from scorecardgen.server.dev import local_url
from scorecardgen.server.hosts import host_name, policy_for
from scorecardgen.server.reload import Broker, script
from scorecardgen.server.snapshot import Snapshot
from tests.server_helpers import get, running

SECRET = b"internal-only scorecard 7f3a"
PAGE = b"<html><body><p>" + SECRET + b"</p></body></html>"
SNAPSHOT = Snapshot(
    1,
    "run.1",
    MappingProxyType({"index.html": PAGE, "secret.json": b'{"s": "' + SECRET + b'"}'}),
    has_good_build=True,
)
FAST = Limits(connections=6, streams=3, head_timeout=1.0, write_timeout=2.0)
READ_TIMEOUT = 5.0  # no read in these tests waits longer than this


@contextmanager
def served(
    limits: Limits = FAST, allowed: tuple[str, ...] = (), heartbeat: float = 0.2
) -> Iterator[DevHTTPServer]:
    """The dev server's HTTP side on 127.0.0.1 and a free port, over ``SNAPSHOT``."""
    broker = Broker()
    server = make_http_server(
        "127.0.0.1", 0, lambda: SNAPSHOT, broker, heartbeat, limits, allowed_hosts=allowed
    )
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        broker.close()
        server.shutdown()
        server.server_close()
        thread.join(READ_TIMEOUT)


def port(server: DevHTTPServer) -> int:
    return int(server.server_address[1])


def connect(server: DevHTTPServer) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port(server)), timeout=READ_TIMEOUT)


def read_all(sock: socket.socket, seconds: float = READ_TIMEOUT) -> bytes:
    """Everything the server sends until it closes (a reset counts as closed).

    Raises TimeoutError if it is still sending or open after ``seconds`` (an endless stream).
    """
    deadline = time.monotonic() + seconds
    chunks = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the server did not close the connection")
            sock.settimeout(left)
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def exchange(server: DevHTTPServer, head: bytes) -> tuple[int, bytes]:
    """Send ``head`` (CRLF line ends added) and return the status and the whole answer."""
    with connect(server) as sock:
        sock.sendall(head.replace(b"\n", b"\r\n") + b"\r\n\r\n")
        answer = read_all(sock)
    return int(answer.split(None, 2)[1]), answer


def ask(
    server: DevHTTPServer, host: bytes | None, path: str = "/", method: str = "GET"
) -> tuple[int, bytes]:
    """A request with the given Host header (None: no Host header at all)."""
    head = f"{method} {path} HTTP/1.1".encode()
    if host is not None:
        head += b"\nHost: " + host
    return exchange(server, head + b"\nConnection: close")


def closed_within(sock: socket.socket, seconds: float) -> float:
    """How long the server took to close ``sock``; fails if it is still open after ``seconds``."""
    started = time.monotonic()
    try:
        read_all(sock, seconds)
    except TimeoutError:
        pytest.fail(f"the server kept an idle connection open for over {seconds} s")
    return time.monotonic() - started


@pytest.mark.parametrize(
    "host",
    [
        b"evil.example",
        b"evil.example:{port}",
        b"127.0.0.1.evil.example:{port}",
        b"localhost.evil.example",
        b"2130706433:{port}",
        b"[::2]:{port}",
        b"127.0.0.1:{port}@evil.example",
        b"127.0.0.1:99999",
        b"",
    ],
)
def test_a_foreign_host_is_refused_on_every_route_and_method(host: bytes) -> None:
    with served() as server:
        name = host.replace(b"{port}", str(port(server)).encode())
        for method, path in [
            ("GET", "/"),
            ("GET", "/secret.json"),
            ("HEAD", "/"),
            ("GET", "/__livereload"),
            ("POST", "/"),
            ("DELETE", "/secret.json"),
            ("BREW", "/"),
        ]:
            status, answer = ask(server, name, path, method)
            assert status == 421, (name, method, path)
            assert SECRET not in answer and b"text/event-stream" not in answer
            assert b"text/plain" in answer and b"Connection: close" in answer
            if method != "HEAD":
                assert answer.endswith(
                    b"421 Misdirected Request: this preview answers only to "
                    b"127.0.0.1, [::1], localhost; start it with --allow-host "
                    b"NAME to add a name\n"
                )


@pytest.mark.parametrize(
    "host",
    [
        b"127.0.0.1",
        b"127.0.0.1:{port}",
        b"localhost",
        b"localhost:{port}",
        b"LocalHost:{port}",
        b"localhost.:{port}",
        b"[::1]",
        b"[::1]:{port}",
        b"preview.test:{port}",
    ],
)
def test_the_servers_own_names_are_served(host: bytes) -> None:
    with served(allowed=("preview.test",)) as server:
        name = host.replace(b"{port}", str(port(server)).encode())
        status, answer = ask(server, name)
        assert status == 200 and SECRET in answer


def test_no_host_or_two_hosts_is_a_bad_request() -> None:
    with served() as server:
        for head in [
            b"GET / HTTP/1.0",
            b"GET / HTTP/1.1",
            b"GET / HTTP/1.1\nHost: 127.0.0.1\nHost: evil.example",
        ]:
            status, answer = exchange(server, head)
            assert status == 400 and SECRET not in answer, head
            assert b"exactly one Host header" in answer, head
        with connect(server) as sock:
            sock.sendall(b"GET /\r\n\r\n")  # HTTP/0.9: no status line, no headers
            answer = read_all(sock)
        assert b"exactly one Host header" in answer and SECRET not in answer


def test_event_streams_and_pages_refuse_other_origins() -> None:
    with served() as server:
        own = f"127.0.0.1:{port(server)}".encode()
        for origin in [b"http://evil.example", b"null", b"http://localhost:" + own[10:]]:
            for path in ("/__livereload", "/secret.json"):
                status, answer = exchange(
                    server,
                    b"GET " + path.encode() + b" HTTP/1.1\nHost: " + own + b"\nOrigin: " + origin,
                )
                assert status == 403 and SECRET not in answer, (origin, path)
        with connect(server) as sock:
            sock.sendall(
                b"GET /__livereload HTTP/1.1\r\nHost: "
                + own
                + b"\r\nOrigin: http://"
                + own
                + b"\r\n\r\n"
            )
            head = sock.recv(4096)
            assert head.startswith(b"HTTP/1.0 200") and b"text/event-stream" in head


def test_a_half_sent_request_is_cut_off_while_others_are_served() -> None:
    with served() as server, ExitStack() as stack:
        stalled = stack.enter_context(connect(server))
        stalled.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")  # and then nothing
        dripping = stack.enter_context(connect(server))
        idle = stack.enter_context(connect(server))  # connects and says nothing at all
        assert get_page(server) == 200  # served while the three hang
        started = time.monotonic()
        closed = False
        while not closed and time.monotonic() - started < 4:
            try:
                dripping.sendall(b"X")  # a byte every 0.2 s: each read alone is quick
            except OSError:
                closed = True
            time.sleep(0.2)
        assert closed, "a request sent a byte at a time was never cut off"
        assert time.monotonic() - started < FAST.head_timeout + 1.5
        assert closed_within(stalled, 2) < FAST.head_timeout + 1
        assert closed_within(idle, 1) < FAST.head_timeout + 1
        assert get_page(server) == 200


def get_page(server: DevHTTPServer) -> int:
    status, answer = ask(server, f"127.0.0.1:{port(server)}".encode())
    assert SECRET in answer or status != 200
    return int(status)


def test_a_connection_is_closed_after_its_answer() -> None:
    with served() as server, connect(server) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
        answer = read_all(sock, FAST.head_timeout + 1)  # returns once the server closes it
        assert answer.startswith(b"HTTP/1.0 200") and SECRET in answer


def test_oversized_heads_are_refused() -> None:
    with served() as server:
        filler = b"".join(b"\nX-Filler-%d: %s" % (i, b"a" * 2000) for i in range(50))
        status, answer = exchange(server, b"GET / HTTP/1.1\nHost: 127.0.0.1" + filler)
        assert status == 431 and SECRET not in answer  # each line and the count are in bounds
        status, _ = exchange(server, b"GET /" + b"a" * 70_000 + b" HTTP/1.1\nHost: 127.0.0.1")
        assert status == 414
        assert get_page(server) == 200


def test_odd_methods_and_ranges_do_not_trouble_the_server() -> None:
    with served() as server:
        for method in ("BREW", "DELETE", "OPTIONS", "__init__", "G\x01T"):
            status, answer = ask(server, b"127.0.0.1", "/", method)
            assert status == 501 and SECRET not in answer, method
        status, answer = exchange(server, b"GET / HTTP/1.1\nHost: 127.0.0.1\nRange: bytes=5-1")
        assert status == 200 and SECRET in answer  # the whole page: ranges are ignored
        assert get_page(server) == 200


def open_stream(server: DevHTTPServer) -> tuple[socket.socket, bytes]:
    """A live-reload stream: the socket and the first bytes of its answer."""
    sock = connect(server)
    sock.sendall(b"GET /__livereload HTTP/1.1\r\nHost: localhost\r\n\r\n")
    return sock, sock.recv(4096)


def test_live_reload_streams_are_bounded_and_a_freed_slot_is_reused() -> None:
    with served(heartbeat=60) as server, ExitStack() as stack:
        streams = []
        for _ in range(FAST.streams):
            sock, head = open_stream(server)
            stack.callback(sock.close)
            assert head.startswith(b"HTTP/1.0 200"), head
            streams.append(sock)
        extra, head = open_stream(server)
        with extra:
            answer = head + read_all(extra)
        assert answer.startswith(b"HTTP/1.0 503") and b"Retry-After: 5" in answer
        assert b"too many live-reload streams" in answer and b"event:" not in answer
        assert get_page(server) == 200  # pages are still served
        streams[0].shutdown(socket.SHUT_WR)  # a page closed: seen within a second, not in 60
        deadline = time.monotonic() + 3
        while True:
            sock, head = open_stream(server)
            stack.callback(sock.close)
            if head.startswith(b"HTTP/1.0 200") or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert head.startswith(b"HTTP/1.0 200"), "a closed stream's slot was never freed"


def test_the_page_script_retries_a_refused_stream_later() -> None:
    text = script("v1")
    assert "EventSource.CLOSED" in text and "setTimeout(connect, wait)" in text
    assert "Math.min(wait * 2, 30000)" in text


def test_connections_beyond_the_bound_are_turned_away_and_the_server_survives() -> None:
    limits = Limits(connections=4, streams=2, head_timeout=3.0)
    with served(limits) as server:
        with ExitStack() as stack:
            held = [stack.enter_context(connect(server)) for _ in range(limits.connections)]
            started = time.monotonic()
            with connect(server) as extra:
                answer = read_all(extra)  # sent unasked, then closed
            assert time.monotonic() - started < 1
            assert answer.startswith(b"HTTP/1.0 503") and b"too many connections" in answer
            flood = []
            for _ in range(40):  # these send a request at once, racing the turn-away
                sock = stack.enter_context(connect(server))
                sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                flood.append(sock)
            for sock in flood:
                answer = read_all(sock)
                assert answer == b"" or answer.startswith(b"HTTP/1.0 503")
                assert SECRET not in answer
            assert len(held) == limits.connections
        deadline = time.monotonic() + 3  # the held ones are closed: their slots come back
        status = 503
        while status != 200 and time.monotonic() < deadline:
            try:
                status = get_page(server)
            except (IndexError, ConnectionResetError):
                status = 0  # turned away before the slots were back: try again
            time.sleep(0.05)
        assert status == 200


def test_the_listen_backlog_takes_a_page_worth_of_connections_at_once() -> None:
    # not serving: nothing is accepted, so every connection waits in the backlog
    server = make_http_server("127.0.0.1", 0, lambda: SNAPSHOT, Broker())
    try:
        assert server.request_queue_size == 128
        with ExitStack() as stack:
            for i in range(100):
                sock = socket.socket()
                stack.enter_context(sock)
                sock.settimeout(0.5)
                try:
                    sock.connect(("127.0.0.1", port(server)))
                except TimeoutError:
                    pytest.fail(f"connection {i + 1} found the listen backlog full")
    finally:
        server.server_close()


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("localhost:8000", "localhost"),
        ("LOCALHOST", "localhost"),
        ("[::1]:8000", "::1"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost.", "localhost"),
        ("[::1", None),
        ("[localhost]", None),
        ("::1", None),
        ("localhost:", None),
        ("localhost:0", None),
        ("localhost:123456", None),
        ("localhost:８０", None),
        ("a b", None),
        ("user@localhost", None),
        ("", None),
    ],
)
def test_host_names_are_read_strictly(value: str, name: str | None) -> None:
    assert host_name(value) == name


def test_on_every_address_any_ip_and_the_machines_name_are_accepted() -> None:
    policy = policy_for("0.0.0.0", "0.0.0.0")
    for host in ("192.168.1.20:8000", "[fe80::1]", "localhost:8000", socket.gethostname()):
        assert policy.allows(host), host
    assert not policy.allows("evil.example:8000")
    assert not policy.allows("192.168.1.20.nip.io")  # a name, so it could be rebound
    lan = policy_for("192.168.1.20", "192.168.1.20")
    assert lan.allows("192.168.1.20:8000") and not lan.allows("10.0.0.1")


def test_the_dev_server_checks_hosts_with_its_options(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with running(root, allowed_hosts=("preview.test",), limits=FAST) as server:
        assert server.httpd.limits is FAST
        page = get(server, "/vendors/acme/")
        assert page.status == 200 and "Acme Support" in page.text
        with socket.create_connection((server.host, server.port), timeout=READ_TIMEOUT) as sock:
            sock.sendall(b"GET /vendors/acme/ HTTP/1.1\r\nHost: evil.example\r\n\r\n")
            answer = read_all(sock)
        assert answer.startswith(b"HTTP/1.0 421") and b"Acme" not in answer
        with socket.create_connection((server.host, server.port), timeout=READ_TIMEOUT) as sock:
            sock.sendall(b"GET /vendors/acme/ HTTP/1.1\r\nHost: preview.test\r\n\r\n")
            assert b"Acme Support" in read_all(sock)


def test_urls_to_open_name_loopback_even_on_every_address() -> None:
    assert local_url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert local_url("::", 8000) == "http://[::1]:8000/"
    assert local_url("::1", 8000) == "http://[::1]:8000/"
    assert local_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"


def test_a_bracketed_ipv6_host_binds_and_is_served() -> None:
    try:
        server = make_http_server("[::1]", 0, lambda: SNAPSHOT, Broker(), 0.2, FAST)
    except OSError:
        pytest.skip("no IPv6 loopback here")
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        assert server.server_address[0] == "::1"
        with socket.create_connection(("::1", port(server)), timeout=READ_TIMEOUT) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: [::1]:%d\r\n\r\n" % port(server))
            assert SECRET in read_all(sock)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(READ_TIMEOUT)
