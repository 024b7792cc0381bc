"""The dev server serves a vendor's files kept in the cache from their entries instead of
holding every file's bytes in memory (at 1,000 vendors, ~900 MB and a second of its start);
an entry pruned under it (by a build of vendor sites, say) gets one 503, then everything is
drawn again and the page comes back, the same bytes a build writes."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.cache import CACHE_DIR
from tests.server_helpers import EventStream, get, running

PAGE = "vendors/acme/index.html"


def test_cached_files_are_served_from_their_entries(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with running(root) as server:
        files = server.site.snapshot.files
        entry = files[PAGE]
        assert isinstance(entry, Path) and entry.is_relative_to(root / CACHE_DIR)
        # the first build is remembered for the next start: every file is an entry of its own
        assert all(isinstance(v, Path) for v in files.values())
        served = get(server, "/" + PAGE)
        assert served.status == 200 and b"Acme Support" in served.body
    out = root.parent / "out"
    assert build_site(root, out, BuildOptions(use_cache=False)).ok
    with running(root) as server:
        body = server.site.snapshot.read(PAGE)
        assert body == (out / PAGE).read_bytes()


def test_a_pruned_entry_gets_everything_drawn_again(make_project: Callable[..., Path]) -> None:
    root = make_project()
    with running(root) as server:
        first = server.site.snapshot.read(PAGE)
        events = EventStream(server)
        events.next_build()  # the current build, sent on connect
        shutil.rmtree(root / CACHE_DIR)  # what pruning by another build comes to
        assert get(server, "/" + PAGE).status == 503
        events.next_build()  # the whole site drawn again: open pages reload
        deadline = time.monotonic() + 30
        while get(server, "/" + PAGE).status != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.site.snapshot.read(PAGE) == first
        assert get(server, "/" + PAGE).status == 200
        events.close()
