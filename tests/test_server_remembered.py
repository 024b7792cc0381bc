"""The dev server's first build, after a build of the very same files, is that build's record
(``site_record``): the site is served before a vendor is read. The project is then loaded in
the background, so the first edit redraws only what it touches, like every later one."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen import check as check_module
from scorecardgen.build_site import build_site
from scorecardgen.server.snapshot import LiveSite
from tests.minimal_project import MEASUREMENTS_CSV
from tests.server_helpers import get, running

PAGE = "vendors/acme/index.html"
CSV = "content/vendors/acme/measurements/2025.csv"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The vendors whose files were read, in order."""
    read: list[str] = []
    real = check_module.load_vendor

    def counted(project: Path, vendor: str):  # type: ignore[no-untyped-def]
        read.append(vendor)
        return real(project, vendor)

    monkeypatch.setattr(check_module, "load_vendor", counted)
    monkeypatch.setattr(check_module, "load_state", lambda *args: None)  # states: read files
    return read


def test_the_first_build_after_a_build_reads_no_vendor(
    make_project: Callable[..., Path], loads: list[str]
) -> None:
    root = make_project()
    out = root.parent / "out"
    assert build_site(root, out).ok
    loads.clear()
    site = LiveSite(root)
    report = site.rebuild(set())
    assert not report.snapshot.failed and site.cold and loads == []
    assert {p: site.snapshot.read(p) for p in site.snapshot.files} == {
        p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
    }
    site.warm()
    assert not site.cold and loads == ["acme"]
    (root / CSV).write_text(MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39"))
    site.rebuild({root / CSV})
    assert loads == ["acme", "acme"]  # the edited vendor, once more
    assert site.snapshot.read(PAGE) != (out / PAGE).read_bytes()


def test_an_edit_before_the_project_is_loaded_is_built_whole(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    out = root.parent / "out"
    assert build_site(root, out).ok
    site = LiveSite(root)
    site.rebuild(set())
    assert site.cold
    (root / CSV).write_text(MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39"))
    site.rebuild({root / CSV})  # the builder loaded nothing yet: everything is read
    assert not site.cold
    assert build_site(root, out).ok
    assert site.snapshot.read(PAGE) == (out / PAGE).read_bytes()
    site.warm()  # nothing left to load
    assert not site.cold


def test_the_server_loads_the_project_after_serving(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    assert build_site(root, root.parent / "out").ok
    gate = threading.Event()  # holds the background load until the first page is served
    real = LiveSite.warm

    def held(site: LiveSite) -> None:
        assert gate.wait(30)
        real(site)

    monkeypatch.setattr(LiveSite, "warm", held)
    with running(root) as server:
        assert server.site.cold  # served from the record: nothing loaded yet
        assert get(server, "/" + PAGE).status == 200
        gate.set()
        deadline = time.monotonic() + 30
        while server.site.cold and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not server.site.cold
