"""After an edit, the dev server shows every vendor's files as soon as they are drawn and
tells open pages then: the edited vendor's page reloads without waiting for the summary pages
(portfolio, KPI pages, search index), which join every vendor. A request for one of those
waits until they are drawn, and gets the whole build; pages are told once, not twice; a
summary that fails is a failed build, shown over the last good site."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import pytest

from scorecardgen import build as build_module
from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from tests.server_helpers import EventStream, Reply, get, running

VENDOR = "content/vendors/acme/vendor.yaml"


class Held:
    """Holds the summary pages of every build after the first until ``release``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail: bool = False) -> None:
        self.reached = threading.Event()
        self.released = threading.Event()
        real = build_module.Builder._summary
        calls = [0]

        def held(builder: build_module.Builder, *args: object, **kwargs: object) -> None:
            calls[0] += 1
            if calls[0] > 1:
                self.reached.set()
                assert self.released.wait(30)
                if fail:
                    raise jinja2.TemplateError("a summary that breaks")
            real(builder, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(build_module.Builder, "_summary", held)

    def release(self) -> None:
        self.released.set()


def _fetch(server: object, path: str) -> tuple[threading.Thread, list[Reply]]:
    got: list[Reply] = []
    thread = threading.Thread(target=lambda: got.append(get(server, path)))  # type: ignore[arg-type]
    thread.start()
    return thread, got


@pytest.fixture
def edited(make_project: Callable[..., Path]) -> Iterator[tuple[Path, Callable[[], None]]]:
    root = make_project()

    def edit() -> None:
        vendor = root / VENDOR
        vendor.write_text(vendor.read_text().replace("Acme Support", "Acme Helpdesk"))

    yield root, edit


def test_the_vendor_page_reloads_before_the_summary_pages_are_drawn(
    edited: tuple[Path, Callable[[], None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, edit = edited
    held = Held(monkeypatch)
    with running(root) as server:
        stream = EventStream(server)
        try:
            first = stream.next_build()
            edit()
            event = stream.next_build()  # sent while the summary pages are held
            assert held.reached.is_set() and not held.released.is_set()
            assert event["ok"] and event["build"] == first["build"] + 1
            page = get(server, "/vendors/acme/")
            assert page.status == 200 and "Acme Helpdesk" in page.text
            assert event["version"] in page.text  # the page is of the announced build
            portfolio, got = _fetch(server, "/")
            missing, lost = _fetch(server, "/no-such-page/")
            portfolio.join(0.3)
            assert portfolio.is_alive()  # waits for the summary pages
            held.release()
            portfolio.join(10)
            missing.join(10)
            assert got[0].status == 200 and "Acme Helpdesk" in got[0].text
            assert event["version"] in got[0].text  # the same build: no second reload
            assert lost[0].status == 404
            assert server.site.wait_for(event["build"], 10)
            stream.response.fp.raw._sock.settimeout(1.0)  # type: ignore[union-attr]
            with pytest.raises(TimeoutError):
                stream.next_build()  # no second event for the same build
        finally:
            held.release()
            stream.close()
        body = {p: server.site.snapshot.read(p) for p in server.site.snapshot.files}
    out = root.parent / "out"
    assert build_site(root, out, BuildOptions(use_cache=False)).ok
    assert body == {
        p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
    }


def test_a_summary_that_fails_is_a_failed_build_over_the_last_good_site(
    edited: tuple[Path, Callable[[], None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, edit = edited
    held = Held(monkeypatch, fail=True)
    with running(root) as server:
        before = server.site.snapshot
        stream = EventStream(server)
        try:
            stream.next_build()
            edit()
            early = stream.next_build()
            held.release()
            failed = stream.next_build()  # a new build: open pages show the error
        finally:
            held.release()
            stream.close()
        assert early["ok"] and not failed["ok"] and failed["build"] == early["build"] + 1
        snap = server.site.snapshot
        assert snap.failed and "a summary that breaks" in snap.problems[0].message
        assert snap.files == before.files  # the last whole good build, not the half one
