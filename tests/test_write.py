"""write_site: atomic swap, stale files removed, failures leave the old output untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scorecardgen import write
from scorecardgen.write import SiteWriter, UnsafePathError, check_path
from tests.site_checks import write_site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_writes_new_site(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, {"index.html": b"<h1>hi</h1>", "vendors/acme/index.html": b"acme"})
    assert snapshot(out) == {"index.html": b"<h1>hi</h1>", "vendors/acme/index.html": b"acme"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no temp folders left


def test_creates_missing_parents(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "site"
    write_site(out, {"index.html": b"x"})
    assert (out / "index.html").read_bytes() == b"x"


def test_swap_replaces_and_removes_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, {"index.html": b"v1", "old/page/index.html": b"gone soon"})
    write_site(out, {"index.html": b"v2", "new/index.html": b"new"})
    assert snapshot(out) == {"index.html": b"v2", "new/index.html": b"new"}
    assert not (out / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_output_folder_keeps_normal_permissions(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, {"index.html": b"x"})
    reference = tmp_path / "made-by-hand"
    reference.mkdir()  # a temp folder from mkdtemp would be 0700: unreadable by a web server
    assert out.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777


def test_same_files_give_same_bytes(tmp_path: Path) -> None:
    files = {"b.html": b"b", "a/c.css": b"c"}
    write_site(tmp_path / "one", files)
    write_site(tmp_path / "two", dict(reversed(list(files.items()))))
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "/etc/passwd",
        "../escape.html",
        "a/../../escape.html",
        "a/./b.html",
        "a//b.html",
        "a\\b.html",
        "a\0b.html",
        "C:/x.html",
        "folder/",
        "tab\there.html",
    ],
)
def test_unsafe_paths_rejected_before_writing(tmp_path: Path, bad: str) -> None:
    assert check_path(bad) is not None
    out = tmp_path / "output"
    write_site(out, {"index.html": b"old"})
    with pytest.raises(UnsafePathError):
        write_site(out, {"index.html": b"new", bad: b"evil"})
    assert snapshot(out) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert not (tmp_path / "escape.html").exists()


def test_file_and_folder_conflict_rejected(tmp_path: Path) -> None:
    with pytest.raises(UnsafePathError, match="also a folder"):
        write_site(tmp_path / "out", {"a": b"1", "a/b.html": b"2"})


def test_a_file_where_a_folder_was_written_is_rejected(tmp_path: Path) -> None:
    with SiteWriter(tmp_path / "out") as writer:
        writer.put("a/b.html", b"2")
        with pytest.raises(UnsafePathError, match="also a folder"):
            writer.put("a", b"1")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing left behind


def test_good_paths_accepted() -> None:
    for good in ["index.html", "vendors/acme/index.html", "css/site.3f2a1b9c.css", ".nojekyll"]:
        assert check_path(good) is None


def test_failure_while_writing_leaves_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "output"
    write_site(out, {"index.html": b"old", "kept/page.html": b"old page"})
    before = snapshot(out)

    real = write._write_file
    calls = {"n": 0}

    def failing(target: str, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        real(target, data)

    monkeypatch.setattr(write, "_write_file", failing)
    with pytest.raises(OSError, match="disk full"):
        write_site(out, {"index.html": b"new", "other.html": b"new", "z.html": b"new"})
    monkeypatch.undo()
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_failure_during_swap_restores_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "output"
    write_site(out, {"index.html": b"old"})
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if Path(str(dst)) == out and ".new-" in Path(str(src)).parent.name:
            raise OSError("rename refused")
        real_rename(str(src), str(dst))

    monkeypatch.setattr("scorecardgen.write.os.rename", rename)
    with pytest.raises(OSError, match="rename refused"):
        write_site(out, {"index.html": b"new"})
    monkeypatch.undo()
    assert snapshot(out) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.write_bytes(b"not a folder")
    with pytest.raises(NotADirectoryError):
        write_site(out, {"index.html": b"x"})
    assert out.read_bytes() == b"not a folder"
