"""The dev server running in-process on 127.0.0.1 and a free port, over a temp project."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from scorecardgen.build import Builder, BuildResult
from scorecardgen.server.reload import OVERLAY_ID
from scorecardgen.server.watch import QUIET
from tests.server_helpers import EventStream, get, raw_get, running

CONTRACT = "content/vendors/acme/contracts/voice.yaml"
VENDOR = "content/vendors/acme/vendor.yaml"
SETTLE = QUIET * 3  # long enough for any stray event to have produced a rebuild


def vendor_name(server_reply: bytes) -> str:
    name: str = json.loads(server_reply)["vendor"]["name"]
    return name


def test_binds_loopback_by_default_and_serves_exports(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with running(root) as server:
        assert server.host == "127.0.0.1"
        assert server.httpd.socket.getsockname()[0] == "127.0.0.1"
        assert server.port != 0 and server.url == f"http://127.0.0.1:{server.port}/"
        reply = get(server, "/vendors/acme/scorecard.json")
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "application/json"
        assert reply.headers["Cache-Control"] == "no-store"
        assert vendor_name(reply.body) == "Acme Support"
        assert (
            get(server, "/vendors/acme/measurements.csv")
            .headers["Content-Type"]
            .startswith("text/csv")
        )
    assert not (root / "output").exists()


def test_an_edit_sends_a_build_event_and_the_export_shows_the_new_value(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    lines: list[str] = []
    with running(root, log=lines.append) as server:
        stream = EventStream(server)
        try:
            assert stream.response.headers["Content-Type"] == "text/event-stream"
            assert stream.response.headers["Cache-Control"] == "no-store"
            first = stream.next_build()
            assert first["build"] == 1
            started = time.monotonic()
            vendor = root / VENDOR
            vendor.write_text(vendor.read_text().replace("Acme Support", "Acme Helpdesk"))
            event = stream.next_build()
            elapsed = time.monotonic() - started
        finally:
            stream.close()
        assert event["build"] == 2 and event["ok"] and event["version"] != first["version"]
        assert elapsed < 3, f"edit-to-event took {elapsed:.2f} s"
        assert vendor_name(get(server, "/vendors/acme/scorecard.json").body) == "Acme Helpdesk"
        page = get(server, "/vendors/acme/")
        assert page.status == 200 and "Acme Helpdesk" in page.text
        assert "data-scorecardgen-livereload" in page.text
        # the event comes once the vendor's pages are drawn; a summary page waits for its own
        assert "Acme Helpdesk" in get(server, "/").text
        deadline = time.monotonic() + 10
        while not any(line.startswith("rebuilt in ") for line in lines):
            assert time.monotonic() < deadline, lines
            time.sleep(0.02)
        assert any(line.startswith("rebuilt in ") and "pages" in line for line in lines)
    assert not (root / "output").exists()


def test_a_save_by_rename_burst_gives_exactly_one_rebuild(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    with running(root) as server:
        contract = root / CONTRACT
        text = contract.read_text().replace("notice_days: 90", "notice_days: 60")
        start = time.monotonic()
        temp = contract.with_name("voice.yaml.tmp")
        temp.write_text(text)
        os.replace(temp, contract)  # the editor's save-by-rename
        for name in ("2025.csv", "extra.yaml"):
            os.utime(root / "content/vendors/acme/measurements" / name)
        os.utime(contract)
        assert time.monotonic() - start < 0.05
        assert server.wait_for_build(2, timeout=8)
        time.sleep(SETTLE)
        assert server.rebuilds == 1
        assert server.site.snapshot.number == 2


def test_editor_temp_files_alone_trigger_no_rebuild(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with running(root) as server:
        folder = root / "content/vendors/acme/contracts"
        for name in (".voice.yaml.swp", ".voice.yaml.swx", "4913", "voice.yaml~", ".#voice.yaml"):
            (folder / name).write_text("junk: [")
        (folder / "4913").unlink()  # vim's write test creates and deletes it at once
        time.sleep(SETTLE + 0.3)
        assert server.rebuilds == 0
        assert not server.site.snapshot.failed


def test_a_broken_file_keeps_the_old_site_with_an_overlay_until_fixed(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    with running(root) as server:
        good_json = get(server, "/vendors/acme/scorecard.json").body
        contract = root / CONTRACT
        original = contract.read_text()
        contract.write_text(original.replace("notice_days: 90", "notice_days: [90"))
        assert server.wait_for_build(2, timeout=8)
        snap = server.site.snapshot
        assert snap.failed and snap.problems[0].location.file == CONTRACT
        where = f"{CONTRACT}:{snap.problems[0].location.line}"
        for path in ("/", "/vendors/acme/", "/kpis/fcr/"):
            page = get(server, path)
            assert page.status == 200, path
            assert OVERLAY_ID in page.text and where in page.text, path
        assert "Acme Support" in get(server, "/vendors/acme/").text  # the old page underneath
        assert get(server, "/vendors/acme/scorecard.json").body == good_json
        assert OVERLAY_ID in get(server, "/no/such/page").text  # the 404 page too

        contract.write_text(original.replace("notice_days: 90", "notice_days: 30"))
        assert server.wait_for_build(3, timeout=8)
        assert not server.site.snapshot.failed
        page = get(server, "/vendors/acme/")
        assert OVERLAY_ID not in page.text and "data-scorecardgen-livereload" in page.text


def test_a_failed_first_build_serves_the_errors_then_recovers(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({CONTRACT: "title: [unclosed\n"})
    with running(root) as server:
        reply = get(server, "/vendors/acme/scorecard.json")
        assert reply.status == 500
        assert reply.headers["Content-Type"].startswith("text/html")
        assert OVERLAY_ID in reply.text
        assert str(server.site.snapshot.problems[0].location) in reply.text
        assert "/__livereload" in reply.text
        stream = EventStream(server)
        try:
            assert stream.next_build() == {
                "build": 1,
                "version": server.site.snapshot.version,
                "ok": False,
            }
            make_project()  # rewrites the valid project over it
            assert stream.next_build()["ok"] is True
        finally:
            stream.close()
        assert get(server, "/vendors/acme/scorecard.json").status == 200


def test_an_exception_in_a_rebuild_is_shown_like_an_error(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    explode = {"now": False}

    def builder(path: Path) -> BuildResult:
        if explode["now"]:
            raise RuntimeError("chart renderer <crashed>")
        return Builder(path).build()

    with running(root, builder=builder) as server:
        explode["now"] = True
        os.utime(root / VENDOR)
        assert server.wait_for_build(2, timeout=8)
        page = get(server, "/")
        assert page.status == 200
        assert "internal error: RuntimeError: chart renderer &lt;crashed&gt;" in page.text
        explode["now"] = False
        os.utime(root / VENDOR)
        assert server.wait_for_build(3, timeout=8)
        assert OVERLAY_ID not in get(server, "/").text


def test_moved_and_deleted_vendors_follow_the_files(make_project: Callable[..., Path]) -> None:
    root = make_project()
    acme = root / "content/vendors/acme"
    shutil.copytree(acme, acme.with_name("beta"))
    with running(root) as server:
        assert get(server, "/vendors/beta/scorecard.json").status == 200
        shutil.rmtree(acme.with_name("beta"))
        assert server.wait_for_build(2, timeout=8)
        assert get(server, "/vendors/beta/scorecard.json").status == 404
        acme.rename(acme.with_name("gamma"))
        assert server.wait_for_build(3, timeout=8)
        assert get(server, "/vendors/gamma/scorecard.json").status == 200
        assert get(server, "/vendors/acme/scorecard.json").status == 404


def test_polling_observer_sees_edits(make_project: Callable[..., Path]) -> None:
    from watchdog.observers.polling import PollingObserver

    root = make_project()
    with running(root, poll=True, poll_interval=0.1) as server:
        assert isinstance(server.watcher.observer, PollingObserver)
        vendor = root / VENDOR
        vendor.write_text(vendor.read_text().replace("Acme Support", "Acme Polled"))
        assert server.wait_for_build(2, timeout=8)
        assert vendor_name(get(server, "/vendors/acme/scorecard.json").body) == "Acme Polled"


def test_requests_outside_the_site_get_404(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with running(root) as server:
        for path in (
            "/../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/vendors/..%2f..%2fpyproject.toml",
            "//etc/passwd",
            "/vendors/acme/..%5c..%5cpyproject.toml",
            "/vendors\\acme\\scorecard.json",
            "/vendors/acme/scorecard.json%00.html",
            "/content/site.yaml",
            "/vendors/./acme/scorecard.json",
        ):
            reply = get(server, path)
            assert reply.status == 404, path
            assert reply.headers["Cache-Control"] == "no-store"
            assert "Page not found" in reply.text  # the site's own 404 page
            assert '<base href="/">' in reply.text  # its relative links work at any depth
        assert raw_get(server, b"/vendors/acme/\x00scorecard.json") in (400, 404)
        assert raw_get(server, b"http://evil/etc/passwd") == 404


def test_directories_serve_index_and_redirect_without_slash(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    with running(root) as server:
        moved = get(server, "/vendors/acme?tab=kpis")
        assert moved.status == 301 and moved.headers["Location"] == "/vendors/acme/?tab=kpis"
        assert moved.headers["Cache-Control"] == "no-store"
        page = get(server, "/vendors/acme/")
        assert page.status == 200 and page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert page.text.index("data-scorecardgen-livereload") < page.text.index("</body>")
        assert get(server, "/", method="HEAD").body == b""
        assert get(server, "/vendors/").status == 404  # no index.html there


def test_build_output_never_contains_the_livereload_script(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    built = Builder(root).build()
    assert built.ok and built.files
    assert not any(
        b"__livereload" in data or b"scorecardgen-livereload" in data
        for data in built.files.values()
    )


def test_event_stream_heartbeats_and_ends_when_the_server_stops(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    with running(root, heartbeat=0.1) as server:
        stream = EventStream(server)
        assert stream.next_build()["build"] == 1
        lines = [stream.response.readline() for _ in range(4)]
        assert b": heartbeat\n" in lines
        assert server.broker.listeners == 1
        started = time.monotonic()
    try:
        rest = stream.response.read()  # returns, rather than timing out: stop() closed it
        assert set(rest.split(b"\n")) <= {b"", b": heartbeat"}
    finally:
        stream.close()
    assert time.monotonic() - started < 3


def test_unknown_paths_without_a_404_page_get_a_plain_404(
    make_project: Callable[..., Path],
) -> None:
    def without_404_page(path: Path) -> BuildResult:
        result = Builder(path).build()
        result.files.pop("404.html", None)
        return result

    with running(make_project(), builder=without_404_page) as server:
        reply = get(server, "/no/such/page")
        assert reply.status == 404 and reply.text == "404 not found\n"
        assert reply.headers["Cache-Control"] == "no-store"
