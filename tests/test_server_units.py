"""Dev server parts without a running server: URLs, injection, overlay, debounce, CLI."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest

from scorecardgen.errors import Location, Problem
from scorecardgen.server import exposure_warning
from scorecardgen.server.app import content_type, resolve
from scorecardgen.server.reload import Broker, inject, overlay, script
from scorecardgen.server.snapshot import Snapshot
from scorecardgen.server.watch import Debouncer, relevant
from tests.conftest import REPO, run_cli

FILES = {
    "index.html": b"",
    "404.html": b"",
    "vendors/acme/index.html": b"",
    "vendors/acme/scorecard.json": b"",
    "css/site.1a2b3c4d.css": b"",
}


@pytest.mark.parametrize(
    ("target", "file"),
    [
        ("/", "index.html"),
        ("/?x=1", "index.html"),
        ("/vendors/acme/", "vendors/acme/index.html"),
        ("/vendors/acme/index.html#top", "vendors/acme/index.html"),
        ("/vendors/acme/scorecard.json", "vendors/acme/scorecard.json"),
        ("/css/site.1a2b3c4d.css", "css/site.1a2b3c4d.css"),
        ("/vendors/%61cme/scorecard.json", "vendors/acme/scorecard.json"),
    ],
)
def test_resolve_finds_files(target: str, file: str) -> None:
    assert resolve(target, FILES).file == file


@pytest.mark.parametrize(
    "target",
    [
        "/../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/vendors/..%2f..%2fpyproject.toml",
        "//etc/passwd",
        "/vendors/acme/%2E%2E/%2E%2E/index.html",
        "/vendors\\acme\\index.html",
        "/vendors%5cacme/index.html",
        "/index.html%00",
        "/vendors//acme/index.html",
        "/./index.html",
        "/vendors/acme/..",
        "http://x/index.html",
        "index.html",
        "/%ff",
        "/missing.html",
        "/vendors/",
    ],
)
def test_resolve_refuses_everything_else(target: str) -> None:
    found = resolve(target, FILES)
    assert found.file is None and found.redirect is None


def test_resolve_redirects_a_folder_without_its_slash() -> None:
    assert resolve("/vendors/acme", FILES).redirect == "/vendors/acme/"
    assert resolve("/vendors/acme?a=b", FILES).redirect == "/vendors/acme/?a=b"


@pytest.mark.parametrize(
    ("path", "ctype"),
    [
        ("a/index.html", "text/html; charset=utf-8"),
        ("x.css", "text/css; charset=utf-8"),
        ("x.js", "text/javascript; charset=utf-8"),
        ("x.json", "application/json"),
        ("x.csv", "text/csv; charset=utf-8"),
        ("x.svg", "image/svg+xml"),
        ("sitemap.xml", "application/xml"),
        ("x.PNG", "image/png"),
        ("favicon.ico", "image/x-icon"),
        ("f.woff2", "font/woff2"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("LICENSE", "application/octet-stream"),
    ],
)
def test_content_types_by_extension(path: str, ctype: str) -> None:
    assert content_type(path) == ctype


def _snapshot(*problems: Problem) -> Snapshot:
    return Snapshot(7, "abc.7", MappingProxyType({}), problems, has_good_build=True)


def test_script_goes_before_the_last_body_close_and_uses_an_absolute_url() -> None:
    html = b"<html><body><p>&lt;/body&gt;</p></BODY></html>"
    out = inject(html, _snapshot())
    assert out.endswith(b"</BODY></html>") and out.count(b"<script") == 1
    assert b'new EventSource("/__livereload")' in out
    assert b'"abc.7"' in out
    assert inject(b"<p>fragment", _snapshot()).startswith(b"<p>fragment<script")
    assert script("</script>").count("</script>") == 1  # a version cannot end the script


def test_overlay_names_file_line_column_and_escapes_everything() -> None:
    problem = Problem(Location("content/<x>.yaml", 3, 7), "bad <b>value</b> & more", 'use "<ok>"')
    page = inject(b"<body></body>", _snapshot(problem)).decode()
    assert "content/&lt;x&gt;.yaml:3:7" in page
    assert "bad &lt;b&gt;value&lt;/b&gt; &amp; more" in page
    assert "hint: use &quot;&lt;ok&gt;&quot;" in page
    assert "<b>" not in page and "<x>" not in page
    assert "Build failed: 1 error<" in overlay(_snapshot(problem))
    assert "Build failed: 2 errors" in overlay(_snapshot(problem, problem))


def test_broker_fans_out_and_closes() -> None:
    broker = Broker()
    a, b = broker.subscribe(), broker.subscribe()
    broker.publish("x")
    assert a.get(timeout=1) == "x" and b.get(timeout=1) == "x"
    broker.unsubscribe(b)
    assert broker.listeners == 1
    broker.close()
    assert a.get(timeout=1) is None and broker.subscribe().get(timeout=1) is None


@pytest.mark.parametrize(
    ("rel", "watched"),
    [
        ("content/site.yaml", True),
        ("content/vendors/acme/vendor.yaml", True),
        ("themes/mine/templates/base.html", True),
        ("content", True),
        ("content/vendors/acme/.vendor.yaml.swp", False),
        ("content/4913", False),
        ("content/vendor.yaml~", False),
        ("content/.#vendor.yaml", False),
        ("content/.git/HEAD", False),
        ("output/index.html", False),
        ("README.md", False),
    ],
)
def test_relevant_paths(tmp_path: Path, rel: str, watched: bool) -> None:
    assert relevant(tmp_path, tmp_path / rel) is watched
    assert not relevant(tmp_path, Path("/elsewhere") / rel)


def test_debouncer_gives_one_call_per_burst_with_every_path() -> None:
    calls: list[set[Path]] = []
    done = threading.Event()

    def rebuild(paths: set[Path]) -> None:
        calls.append(paths)
        done.set()

    debouncer = Debouncer(rebuild, quiet=0.1)
    debouncer.start()
    try:
        for i in range(200):  # a git checkout touching 200 files
            debouncer.add({Path(f"f{i}")})
        assert done.wait(2)
        time.sleep(0.3)
        assert len(calls) == 1 and len(calls[0]) == 200
    finally:
        debouncer.stop()


def test_debouncer_max_wait_bounds_an_endless_burst() -> None:
    calls: list[float] = []
    debouncer = Debouncer(lambda paths: calls.append(time.monotonic()), quiet=0.1, max_wait=0.3)
    debouncer.start()
    try:
        start = time.monotonic()
        while time.monotonic() - start < 0.8:  # never quiet for 0.1 s
            debouncer.add({Path("x")})
            time.sleep(0.02)
        assert calls and calls[0] - start < 0.5
    finally:
        debouncer.stop()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts_need_no_warning(host: str) -> None:
    assert exposure_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "myhost.example"])
def test_other_hosts_are_warned_about(host: str) -> None:
    warning = exposure_warning(host)
    assert warning is not None and "exposes the preview" in warning


def test_cli_port_in_use_is_a_clear_error(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("-C", str(root), "serve", "--port", str(port))
    assert result.exit_code == 1
    assert f"port {port} is already in use" in result.output
    assert "Traceback" not in result.output
    assert not (root / "output").exists()


def test_cli_missing_project_folder(tmp_path: Path) -> None:
    result = run_cli("-C", str(tmp_path / "nope"), "serve", "--port", "0")
    assert result.exit_code == 1 and "no project folder" in result.output


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # background shells start children ignoring it


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_cli_serves_until_ctrl_c_and_exits_cleanly(
    make_project: Callable[..., Path], signum: int
) -> None:
    root = make_project()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "scorecardgen", "-C", str(root), "serve", "--port", "0"),
            *("--allow-host", "preview.test"),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_default_sigint,
    )
    try:
        assert proc.stdout is not None
        lines = []
        deadline = time.monotonic() + 60  # a cold first build on a busy 2-core machine
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if not line or line.startswith("serving "):
                break
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", lines[-1])
        assert match, lines
        for host, status in [(b"preview.test", b" 200 "), (b"evil.example", b" 421 ")]:
            with socket.create_connection(("127.0.0.1", int(match[1])), timeout=5) as sock:
                sock.sendall(b"GET / HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
                assert status in sock.recv(64), host
        proc.send_signal(signum)
        rest, _ = proc.communicate(timeout=8)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, rest
    assert "stopping" in rest and "Traceback" not in rest
    assert not (root / "output").exists()
