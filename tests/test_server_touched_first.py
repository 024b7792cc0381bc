"""The dev server draws the vendors an edit touched first and shows them before it looks at
the others: in a clean git checkout the first edit moves every page footer's revision to
"with uncommitted changes", so every vendor is drawn again, and the edited vendor's page must
not wait for all of them. Pages not drawn yet are not served stale: a request waits for the
whole build, which is the same site a one-off build writes."""

from __future__ import annotations

from pathlib import Path

from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.draw_order import touched_vendors
from scorecardgen.server.snapshot import LiveSite, Snapshot
from tests.git_repo import commit, edit, init
from tests.minimal_project import B, two_vendor_project

ACME = "vendors/acme/index.html"
BRAVO = "vendors/bravo/index.html"


def _served(snapshot: Snapshot) -> dict[str, bytes]:
    return {path: snapshot.read(path) for path in snapshot.files}


def _built(root: Path) -> dict[str, bytes]:
    out = root.parent / "out"
    assert build_site(root, out, BuildOptions(use_cache=False)).ok
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def _site(root: Path) -> tuple[LiveSite, list[set[str]]]:
    """A live site that notes the files of each snapshot shown before its build is whole."""
    shown: list[set[str]] = []
    site = LiveSite(root, announce=lambda snapshot: shown.append(set(snapshot.files)))
    assert not site.rebuild(set()).snapshot.failed
    return site, shown


def test_the_edited_vendor_is_shown_before_the_others_are_drawn(tmp_path: Path) -> None:
    root = two_vendor_project(tmp_path / "project")
    init(root)
    commit(root, "first")
    site, shown = _site(root)
    assert b"uncommitted" not in site.snapshot.read(ACME)
    edit(root, f"{B}/vendor.yaml", "Bravo Care", "Bravo Helpdesk")
    site.rebuild({root / B / "vendor.yaml"})
    [early] = shown
    assert BRAVO in early and ACME not in early  # bravo comes after acme in vendor order
    assert any(path.endswith(".css") for path in early)  # the edited page is styled
    whole = _served(site.snapshot)
    assert b"uncommitted" in whole[ACME]  # drawn again after it was shown
    assert b"Bravo Helpdesk" in whole[BRAVO]
    assert whole == _built(root)


def test_a_shared_edit_is_shown_once_every_vendor_is_drawn(tmp_path: Path) -> None:
    root = two_vendor_project(tmp_path / "project")
    site, shown = _site(root)
    edit(root, "content/site.yaml", "title: ", "title: Renamed ")
    site.rebuild({root / "content/site.yaml"})
    [early] = shown
    assert {ACME, BRAVO} <= early
    assert _served(site.snapshot) == _built(root)


def test_only_paths_inside_vendor_folders_choose_vendors_to_draw_first(tmp_path: Path) -> None:
    root = two_vendor_project(tmp_path / "project")
    assert touched_vendors(root, [root / B / "vendor.yaml"]) == {"bravo"}
    assert touched_vendors(root, [root / B / "vendor.yaml", root / "content/site.yaml"]) is None
    assert touched_vendors(root, None) is None
