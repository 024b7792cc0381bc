"""A build killed at any point leaves nothing behind: the previous output as it was, no chart
worker still running, and temporary files that the next build removes, but never those of a
build that is still running."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scorecardgen.cache import CACHE_DIR
from scorecardgen.write import TEMP_MARKER, remove_leftovers
from tests.conftest import REPO, run_cli
from tests.minimal_project import vendors_like_acme, write_project
from tests.site_checks import write_site

VENDORS = [f"v{i}" for i in range(10)]

# a build whose chart pool starts after a handful of charts, as a user would run it
BUILD = """\
import sys
import scorecardgen.charts.queue as queue
queue.MIN_POOL_BATCH = 4
from scorecardgen.cli import cli
cli(["-C", sys.argv[1], "build"], prog_name="scorecardgen")
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project of ten vendors (copies of acme), with an earlier site in output/."""
    files = vendors_like_acme(VENDORS)
    root = write_project(tmp_path / "project", files)
    write_site(root / "output", {"index.html": b"the earlier site", "css/site.css": b"old"})
    return root


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, state) of a process from /proc, or None when it is gone."""
    try:
        data = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    fields = data.rsplit(b")", 1)[1].split()
    return int(fields[1]), fields[0].decode()


def descendants(pid: int) -> set[int]:
    """Every living process below ``pid``."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (found := _stat(int(entry))) is not None:
            parents[int(entry)] = found[0]
    found_pids: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found_pids |= frontier
    return found_pids


def alive(pid: int) -> bool:
    found = _stat(pid)
    return found is not None and found[1] != "Z"  # a zombie holds no memory


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _shards(folder: Path) -> list[Path]:
    """The cache kind ``folder``'s shard folders (none while it does not exist)."""
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def temp_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.name.startswith(".output."))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def killed_build(root: Path) -> Iterator[tuple[subprocess.Popen[bytes], set[int]]]:
    """A build started in a process of its own and killed once its chart workers, its
    temporary folder and its first cached charts exist; yields the process and the processes
    it had started."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    build = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(root)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own group, so the test can clean up whatever survives
    )
    children: set[int] = set()
    try:
        started = wait_for(
            lambda: (
                len(descendants(build.pid)) >= 2
                and bool(temp_folders(root))
                and _shards(root / CACHE_DIR / "svg") != []
            ),
            60,
        )
        assert started and build.poll() is None, "the build ended before it could be killed"
        children = descendants(build.pid)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        yield build, children
    finally:
        for pid in children | {build.pid}:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.slow  # two builds of ten vendors, one in a process of its own
def test_a_killed_build_leaves_no_process_and_the_next_build_cleans_up(
    root: Path, killed_build: tuple[subprocess.Popen[bytes], set[int]]
) -> None:
    build, children = killed_build
    assert children  # the pool had started
    survivors = lambda: {pid for pid in children if alive(pid)}  # noqa: E731
    assert wait_for(lambda: not survivors(), 5), f"orphaned chart workers: {survivors()}"

    assert tree(root / "output") == {"index.html": b"the earlier site", "css/site.css": b"old"}
    [left] = temp_folders(root)  # what the killed build was writing
    assert (left / TEMP_MARKER).read_text().split()[1] == str(build.pid)
    shard = _shards(root / CACHE_DIR / "svg")[0]
    half = shard / f".{shard.name}{'0' * 62}.{build.pid}.tmp"  # an entry it was writing
    half.write_bytes(b"half an svg")

    run = run_cli("-C", str(root), "build")
    assert run.exit_code == 0, run.output
    assert temp_folders(root) == []
    assert not half.exists()
    assert b"the earlier site" not in (root / "output/index.html").read_bytes()
    assert (root / "output/vendors/v9/index.html").is_file()


def _marked(folder: Path, pid: int, host: str | None = None) -> Path:
    folder.mkdir()
    (folder / "site").mkdir()
    (folder / "site/index.html").write_text("half a site")
    marker = f"scorecardgen {pid} {host or socket.gethostname()}\n"
    (folder / TEMP_MARKER).write_text(marker)
    return folder


@pytest.fixture
def dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return gone.pid


def test_only_temporary_folders_of_dead_builds_are_removed(tmp_path: Path, dead_pid: int) -> None:
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        out = tmp_path / "site"
        write_site(out, {"index.html": b"v1"})
        dead = _marked(tmp_path / ".site.new-0000aaaa", dead_pid)
        live = _marked(tmp_path / ".site.new-0000bbbb", running.pid)  # a concurrent build
        remote = _marked(tmp_path / ".site.new-0000cccc", dead_pid, "another-host")
        unmarked = tmp_path / ".site.new-0000dddd"  # named like ours, but not made by us
        unmarked.mkdir()
        (unmarked / "keep.txt").write_text("someone else's")
        other = _marked(tmp_path / ".other.new-0000eeee", dead_pid)  # another output's
        write_site(out, {"index.html": b"v2"})
        assert not dead.exists()
        assert live.exists() and remote.exists() and other.exists()
        assert (unmarked / "keep.txt").read_text() == "someone else's"
        assert (out / "index.html").read_bytes() == b"v2"
    finally:
        running.kill()
        running.wait()


def test_a_build_killed_mid_swap_gets_its_previous_output_back(
    tmp_path: Path, dead_pid: int
) -> None:
    out = tmp_path / "site"
    old = _marked(tmp_path / ".site.old-0000aaaa", dead_pid)  # the output, renamed aside
    assert remove_leftovers(out) == [old]
    assert (out / "index.html").read_text() == "half a site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_marker_that_is_a_link_is_not_trusted(tmp_path: Path, dead_pid: int) -> None:
    folder = tmp_path / ".site.new-0000aaaa"
    folder.mkdir()
    real = tmp_path / "marker"
    real.write_text(f"scorecardgen {dead_pid} {socket.gethostname()}\n")
    (folder / TEMP_MARKER).symlink_to(real)
    assert remove_leftovers(tmp_path / "site") == []
    assert folder.exists()
