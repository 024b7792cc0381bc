"""A build never deletes or writes anything outside the project, nor anything of the user's.

Each test plants one hazard (a symbolic link, an output that holds the project, a folder of
the user's own, a cache that is a link) in a fresh project, runs the command a user would,
and checks that everything outside the project is byte for byte as it was, with a clear
error naming the path and exit 1, or, where the build may go ahead, that it went where named.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scorecardgen.build import BuildOptions
from scorecardgen.build_site import build_site
from scorecardgen.cache import CACHE_DIR
from scorecardgen.server.snapshot import LiveSite
from scorecardgen.write import UnsafeOutputError
from tests.conftest import Run, run_cli
from tests.minimal_project import project_files, write_project


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A stand-in for the user's home: the project, and documents of the user's own."""
    write_project(tmp_path / "project", dict(project_files()))
    (tmp_path / "project/.git").mkdir()
    (tmp_path / "project/.git/HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / "project/themes/brand").mkdir(parents=True)
    (tmp_path / "project/themes/brand/notes.txt").write_text("a theme in the making\n")
    (tmp_path / "Documents").mkdir()
    (tmp_path / "Documents/thesis.txt").write_text("years of work\n")
    return tmp_path


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every link's target below ``folder``, links not followed."""
    found: dict[str, bytes | str] = {}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(base) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
            else:
                found[rel + "/"] = b""
    return found


def build(root: Path, *args: str) -> Run:
    return run_cli("-C", str(root), "build", "--no-cache", *args)


def assert_refused(run: Run, named: str, why: str) -> None:
    assert run.exit_code == 1, run.output
    assert f"cannot write the site to {named}: " in run.stderr, run.stderr
    assert why in run.stderr, run.stderr
    assert "Nothing was written or deleted" in run.stderr
    assert "Traceback" not in run.output and "internal error" not in run.output


@pytest.mark.parametrize(
    ("target", "why"),
    [
        (".", "is this folder"),
        ("..", "is inside it"),
        ("/", "is inside it"),
        ("content", "the project's content/"),
        ("content/site", "inside the project's content/"),
        ("themes", "the project's themes/"),
        (".git", "the project's .git/"),
        (".git/site", "inside the project's .git/"),
        (CACHE_DIR, f"the project's {CACHE_DIR}/"),
    ],
)
def test_an_output_that_is_or_holds_the_project_is_refused_before_anything(
    home: Path, target: str, why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(home)
    monkeypatch.chdir(home / "project")
    run = build(Path("."), "-o", target)
    assert_refused(run, target, why)
    assert tree(home) == before  # nothing written, nothing deleted, no cache made


def test_the_home_folder_holding_the_project_is_refused(home: Path) -> None:
    before = tree(home)
    run = build(home / "project", "-o", str(home))
    assert_refused(run, str(home), "would delete the project")
    assert tree(home) == before


def test_a_folder_of_the_users_own_is_refused(home: Path) -> None:
    before = tree(home)
    run = build(home / "project", "-o", str(home / "Documents"))
    assert_refused(run, str(home / "Documents"), "does not hold a site scorecardgen built")
    assert tree(home) == before


def test_an_existing_file_is_refused(home: Path) -> None:
    before = tree(home)
    run = build(home / "project", "-o", str(home / "Documents/thesis.txt"))
    assert_refused(run, str(home / "Documents/thesis.txt"), "is a file, not a folder")
    run = build(home / "project", "-o", str(home / "Documents/thesis.txt/site"))
    assert_refused(run, str(home / "Documents/thesis.txt/site"), "thesis.txt is a file")
    assert tree(home) == before


@pytest.mark.parametrize("default", [True, False])
def test_a_git_checkout_holding_an_earlier_site_is_refused(home: Path, default: bool) -> None:
    pages = home / "project/output" if default else home / "pages"
    args = [] if default else ["-o", str(pages)]
    assert build(home / "project", *args).exit_code == 0
    (pages / ".git").mkdir()  # someone made the output a gh-pages checkout
    (pages / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    before = tree(home)
    run = build(home / "project", *args)
    assert_refused(run, str(pages), "holds a .git")
    assert tree(home) == before


@pytest.mark.parametrize("named", ["output", "elsewhere"])
def test_an_output_that_is_a_symbolic_link_is_refused(home: Path, named: str) -> None:
    root = home / "project"
    (root / named).symlink_to(home / "Documents", target_is_directory=True)
    before = tree(home)
    args = ["-o", str(root / named)] if named != "output" else []
    run = build(root, *args)
    assert run.exit_code == 1, run.output
    assert f"cannot write the site to {root / named}: it is a symbolic link" in run.stderr
    assert "Nothing was written or deleted" in run.stderr
    assert tree(home) == before


def test_a_link_inside_the_project_leading_out_is_refused(home: Path) -> None:
    root = home / "project"
    (root / "public").symlink_to(home / "Documents", target_is_directory=True)
    before = tree(home)
    run = build(root, "-o", str(root / "public/site"))
    assert_refused(run, str(root / "public/site"), "a symbolic link on the way leads to")
    assert tree(home) == before
    assert not (home / "Documents/site").exists()


def test_a_link_in_the_parents_of_an_output_named_outside_is_followed(home: Path) -> None:
    (home / "disk").mkdir()
    (home / "www").symlink_to(home / "disk", target_is_directory=True)  # like /tmp on macOS
    run = build(home / "project", "-o", str(home / "www/site"))
    assert run.exit_code == 0, run.output
    assert (home / "disk/site/index.html").is_file()
    assert sorted(p.name for p in (home / "disk").iterdir()) == ["site"]  # no temp folders
    assert (home / "www").is_symlink()


def test_an_empty_folder_and_an_earlier_output_are_replaced(home: Path) -> None:
    site = home / "site"
    site.mkdir()
    assert build(home / "project", "-o", str(site)).exit_code == 0
    (site / "stale.html").write_text("gone after the next build")
    assert build(home / "project", "-o", str(site)).exit_code == 0
    assert (site / "index.html").is_file() and not (site / "stale.html").exists()


def test_per_vendor_sites_replace_each_other_but_not_the_users_folder(home: Path) -> None:
    root, sites = home / "project", home / "vendor-sites"
    assert build(root, "--per-vendor", "-o", str(sites)).exit_code == 0
    assert sorted(p.name for p in sites.iterdir()) == ["acme"]
    assert build(root, "--per-vendor", "-o", str(sites)).exit_code == 0  # an earlier output
    assert build(root, "-o", str(sites)).exit_code == 0  # the internal site may replace them
    assert (sites / "kpis/index.html").is_file()
    before = tree(home)
    run = build(root, "--per-vendor", "-o", str(home / "Documents"))
    assert_refused(run, str(home / "Documents"), "does not hold a site scorecardgen built")
    assert tree(home) == before


def test_build_site_refuses_too(home: Path) -> None:
    with pytest.raises(UnsafeOutputError, match="would delete the project"):
        build_site(home / "project", home, BuildOptions(use_cache=False))


# -- the cache --------------------------------------------------------------------------------


def assert_cache_refused(run: Run, path: Path, why: str) -> None:
    assert run.exit_code == 1, run.output
    assert f"{path.as_posix()}" in run.stderr and why in run.stderr, run.stderr
    assert "Traceback" not in run.output and "internal error" not in run.output


def test_a_cache_folder_that_is_a_link_is_refused_never_followed(home: Path) -> None:
    root = home / "project"
    (root / CACHE_DIR).symlink_to(home / "Documents", target_is_directory=True)
    before = tree(home)
    run = run_cli("-C", str(root), "build")
    assert_cache_refused(run, Path(CACHE_DIR), "is a symbolic link")
    assert "--no-cache" in run.stderr  # the way out
    assert tree(home) == before and not (root / "output").exists()
    documents = tree(home / "Documents")
    assert run_cli("-C", str(root), "build", "--no-cache").exit_code == 0
    assert tree(home / "Documents") == documents


def test_a_cache_that_is_a_file_is_refused(home: Path) -> None:
    root = home / "project"
    (root / CACHE_DIR).write_text("not a folder")
    run = run_cli("-C", str(root), "build")
    assert_cache_refused(run, Path(CACHE_DIR), "is not a folder")
    assert (root / CACHE_DIR).read_text() == "not a folder"


def test_a_kind_folder_that_is_a_link_is_refused(home: Path) -> None:
    root = home / "project"
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / "bundle").symlink_to(home / "Documents", target_is_directory=True)
    before = tree(home)
    run = run_cli("-C", str(root), "build")
    assert_cache_refused(run, Path(CACHE_DIR) / "bundle", "is a symbolic link")
    assert tree(home) == before


def test_a_manifest_that_is_a_link_is_never_written_through(home: Path) -> None:
    root = home / "project"
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / "manifest").symlink_to(home / "Documents/thesis.txt")
    before = tree(home / "Documents")
    run = run_cli("-C", str(root), "build")
    assert_cache_refused(run, Path(CACHE_DIR) / "manifest", "is a symbolic link")
    assert tree(home / "Documents") == before


def test_the_dev_server_refuses_a_linked_cache_too(home: Path) -> None:
    root = home / "project"
    (root / CACHE_DIR).symlink_to(home / "Documents", target_is_directory=True)
    before = tree(home)
    snapshot = LiveSite(root).rebuild(set()).snapshot
    assert snapshot.failed and "is a symbolic link" in snapshot.problems[0].message
    assert tree(home) == before


def test_pruning_spares_what_the_cache_did_not_write(home: Path) -> None:
    root = home / "project"
    assert run_cli("-C", str(root), "build").exit_code == 0
    cache = root / CACHE_DIR
    shard = next(p for p in (cache / "svg").iterdir() if p.is_dir())
    planted = {
        cache / "README.txt": "my notes",
        cache / "svg" / "ab" / ("ab" + "0" * 62): "not an entry the cache wrote",
        shard / "mine.txt": "dropped by hand",
    }
    for path, text in planted.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    (cache / "away").symlink_to(home / "Documents", target_is_directory=True)
    (shard / "link").symlink_to(home / "Documents/thesis.txt")
    before = tree(home / "Documents")
    # a different value: the build uses new entries and prunes the ones it no longer needs
    measurements = root / "content/vendors/acme/measurements/2025.csv"
    measurements.write_text(measurements.read_text().replace("fcr,2025-05,70", "fcr,2025-05,71"))
    assert run_cli("-C", str(root), "build").exit_code == 0
    assert all(path.read_text() == text for path, text in planted.items())
    assert (cache / "away").is_symlink() and (shard / "link").is_symlink()
    assert tree(home / "Documents") == before


def test_an_entry_that_is_a_link_is_never_read(home: Path) -> None:
    root = home / "project"
    assert run_cli("-C", str(root), "build").exit_code == 0
    first = tree(root / "output")
    secret = home / "Documents/thesis.txt"
    for entry in (root / CACHE_DIR / "pages").rglob("*"):
        if entry.is_file():
            entry.unlink()
            entry.symlink_to(secret)  # whatever it points at must not reach the site
    assert run_cli("-C", str(root), "build").exit_code == 0
    assert tree(root / "output") == first
    assert secret.read_text() == "years of work\n"


# -- scorecardgen new ---------------------------------------------------------------------------


def new(target: Path) -> Run:
    return run_cli("new", str(target))


def test_new_never_writes_into_a_folder_that_is_not_empty(home: Path) -> None:
    before = tree(home)
    run = new(home / "Documents")
    assert run.exit_code == 1 and "is not an empty folder" in run.stderr, run.output
    run = new(home / "Documents/thesis.txt")
    assert run.exit_code == 1 and "is not an empty folder" in run.stderr, run.output
    run = new(home / "Documents/thesis.txt/project")
    assert run.exit_code == 1 and "thesis.txt is a file" in run.stderr, run.output
    assert "Traceback" not in run.output
    assert tree(home) == before


def test_new_refuses_a_symbolic_link(home: Path) -> None:
    (home / "empty").mkdir()
    (home / "here").symlink_to(home / "empty", target_is_directory=True)
    (home / "dangling").symlink_to(home / "nowhere", target_is_directory=True)
    for link in ("here", "dangling"):
        run = new(home / link)
        assert run.exit_code == 1 and "is a symbolic link" in run.stderr, run.output
    assert list((home / "empty").iterdir()) == [] and not (home / "nowhere").exists()


def test_new_into_an_empty_folder_is_fine(home: Path) -> None:
    (home / "fresh").mkdir()
    assert new(home / "fresh").exit_code == 0
    assert (home / "fresh/content/site.yaml").is_file()
