"""A build reads nothing from outside the project: each hazard planted in a fresh project.

A secret is planted outside the project (or in a place that must not ship); every case runs
the real command line and asserts what a user sees: a located error, exit 1, no traceback,
and the secret nowhere in the output or the built site. FIFOs run in a subprocess with a
timeout, since reading one would wait for ever.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from scorecardgen import projectfiles, theme
from scorecardgen.check import check_project
from scorecardgen.theme import ThemeError, load_theme, theme_problems
from tests.conftest import REPO, run_cli
from tests.minimal_project import SITE, VENDOR
from tests.no_gaps import NO_GAPS

SECRET = "SECRET-d41d8cd9"
V = "content/vendors/acme"
THEMED = SITE + "theme: mine\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the project, holding files that carry the secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "site.yaml").write_text(f"title: {SECRET}\norganisation: X\nas_of: 2025-06-30\n")
    (folder / "vendor.yaml").write_text(VENDOR.replace("Acme Support", SECRET))
    (folder / "base.html").write_text(f"<p>{SECRET}</p>")
    (folder / "x.css").write_text(f"/* {SECRET} */")
    return folder


def link(path: Path, target: Path) -> None:
    """Replace ``path`` (a file, a folder or nothing) with a symbolic link to ``target``."""
    if path.is_dir() and not path.is_symlink():
        os.rename(path, path.with_name(path.name + "-was"))
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target, target_is_directory=target.is_dir())


def assert_refused(root: Path, where: str, message: str) -> None:
    """check and build both stop with ``where: error: message``; nothing leaks."""
    for command in (["check"], ["build"]):
        result = run_cli("-C", str(root), *command)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "internal error" not in result.output
        assert f"{where}: error: {message}" in result.stderr, result.stderr
        assert SECRET not in result.output
    assert not (root / "output").exists()


def built_text(folder: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file()
    )


# -- content ---------------------------------------------------------------------------------

OUT = "links to a place outside the project, which is never followed"


@pytest.mark.parametrize(
    ("inside", "target", "where"),
    [
        ("content/site.yaml", "site.yaml", "content/site.yaml"),
        (f"{V}/vendor.yaml", "vendor.yaml", f"{V}/vendor.yaml"),
        ("content", ".", "content"),
        ("content/vendors", ".", "content/vendors"),
        ("content/kpis", ".", "content/kpis"),
        (f"{V}/measurements", ".", f"{V}/measurements"),
    ],
    ids=["site.yaml", "vendor.yaml", "content", "vendors", "kpis", "measurements"],
)
def test_content_linked_outside_the_project_is_refused(
    make_project: Callable[..., Path], outside: Path, inside: str, target: str, where: str
) -> None:
    root = make_project()
    if target == ".":  # a whole folder elsewhere, holding a copy of what was here
        copy = outside / "copy"
        os.rename(root / inside, copy)
        (copy / "planted.yaml").write_text(f"name: {SECRET}\n")
        link(root / inside, copy)
    else:
        link(root / inside, outside / target)
    assert_refused(root, where, OUT)
    project = check_project(root).project
    assert SECRET not in repr(project)  # refused before reading, not read and then dropped


def test_content_linked_to_a_hidden_file_in_the_project_is_refused(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({".secrets/site.yaml": f"title: {SECRET}\norganisation: X\n"})
    link(root / "content/site.yaml", root / ".secrets/site.yaml")
    assert_refused(root, "content/site.yaml", "links to a hidden or temporary file")


def test_a_symlink_loop_in_content_is_a_located_error(make_project: Callable[..., Path]) -> None:
    root = make_project()
    kpis = root / "content/kpis"
    (kpis / "a.yaml").symlink_to(kpis / "b.yaml")
    (kpis / "b.yaml").symlink_to(kpis / "a.yaml")
    assert_refused(root, "content/kpis/a.yaml", "is a symbolic link that loops back on itself")


def test_a_dangling_link_is_an_error_not_a_silent_skip(make_project: Callable[..., Path]) -> None:
    root = make_project()
    link(root / f"{V}/measurements/2025.csv", root / "gone.csv")
    assert_refused(root, f"{V}/measurements/2025.csv", "is a symbolic link to something that")


def test_links_and_hard_links_inside_the_project_are_read(
    make_project: Callable[..., Path],
) -> None:
    root = make_project(NO_GAPS)
    shared = root / "shared"
    shared.mkdir()
    os.rename(root / "content/kpis/fcr.yaml", shared / "fcr.yaml")
    link(root / "content/kpis/fcr.yaml", shared / "fcr.yaml")
    os.rename(root / "content/kpis/asa.yaml", shared / "asa.yaml")
    os.link(shared / "asa.yaml", root / "content/kpis/asa.yaml")
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 0, result.output
    assert "check ok: 0 errors, 0 warnings" in result.stderr


def run_subprocess(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    """The installed command line in its own process, killed if it ever blocks."""
    return subprocess.run(
        [sys.executable, "-m", "scorecardgen", "-C", str(root), command],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "fifo", ["content/site.yaml", "content/kpis/nps.yaml", f"{V}/notes/x.md", f"{V}/vendor.yaml"]
)
def test_a_fifo_in_content_is_refused_without_blocking(
    make_project: Callable[..., Path], fifo: str
) -> None:
    root = make_project()
    path = root / fifo
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    result = run_subprocess(root, "check")
    assert result.returncode == 1, result.stderr
    assert f"{fifo}: error: is not a regular file (a FIFO, socket or device)" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_folder_is_a_located_error(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    notes = root / f"{V}/notes"
    if os.geteuid() == 0:  # root reads anything: make access() answer as for another user
        real = os.access
        monkeypatch.setattr(
            projectfiles.os, "access", lambda p, mode: Path(p) != notes and real(p, mode)
        )
    else:
        notes.chmod(0)
    try:
        assert_refused(root, f"{V}/notes", "cannot be read: permission denied")
    finally:
        notes.chmod(0o755)


# -- themes ----------------------------------------------------------------------------------


def themed_project(make_project: Callable[..., Path]) -> Path:
    root = make_project({"content/site.yaml": THEMED})
    (root / "themes/mine/templates").mkdir(parents=True)
    (root / "themes/mine/static/css").mkdir(parents=True)
    return root


@pytest.mark.parametrize(
    ("inside", "target"),
    [
        ("themes/mine/templates/base.html", "base.html"),
        ("themes/mine/templates/partials/x.html", "base.html"),
        ("themes/mine/static/css/site.css", "x.css"),
        ("themes/mine/static/img", "."),
        ("themes/mine/templates", "."),
    ],
    ids=["template", "unused-template", "static", "static-folder", "templates-folder"],
)
def test_theme_file_linked_outside_is_refused_at_that_file(
    make_project: Callable[..., Path], outside: Path, inside: str, target: str
) -> None:
    root = themed_project(make_project)
    link(root / inside, outside if target == "." else outside / target)
    assert_refused(root, inside, THEMES_OUT)


THEMES_OUT = "links to a place outside the project's themes/ folder, which is never followed"


def test_themes_folder_linked_outside_is_refused(
    make_project: Callable[..., Path], outside: Path
) -> None:
    (outside / "mine/templates").mkdir(parents=True)
    (outside / "mine/templates/base.html").write_text(SECRET)
    root = make_project({"content/site.yaml": THEMED})
    link(root / "themes", outside)
    assert_refused(root, "themes", OUT)


def test_a_theme_may_not_publish_content_through_a_link(
    make_project: Callable[..., Path],
) -> None:
    root = themed_project(make_project)
    (root / "content/vendors/acme/notes/fix-fcr.md").write_text(
        (root / "content/vendors/acme/notes/fix-fcr.md").read_text() + SECRET
    )
    link(root / "themes/mine/static/data", root / "content")  # would ship internal notes
    assert_refused(root, "themes/mine/static/data", THEMES_OUT)


def test_a_symlink_loop_in_a_theme_is_a_located_error(make_project: Callable[..., Path]) -> None:
    root = themed_project(make_project)
    static = root / "themes/mine/static"
    (static / "a.css").symlink_to(static / "b.css")
    (static / "b.css").symlink_to(static / "a.css")
    (static / "css/up").symlink_to(static, target_is_directory=True)  # a folder loop: fine
    assert_refused(root, "themes/mine/static/a.css", "is a symbolic link that loops back")


def test_a_fifo_in_a_theme_is_refused_without_blocking(make_project: Callable[..., Path]) -> None:
    root = themed_project(make_project)
    os.mkfifo(root / "themes/mine/static/css/pipe.css")
    os.mkfifo(root / "themes/mine/templates/base.html")
    result = run_subprocess(root, "build")
    assert result.returncode == 1, result.stderr
    for where in ("static/css/pipe.css", "templates/base.html"):
        assert f"themes/mine/{where}: error: is not a regular file" in result.stderr
    assert "Traceback" not in result.stderr and not (root / "output").exists()


def test_the_template_loader_refuses_a_link_out_even_without_a_scan(
    tmp_path: Path, outside: Path
) -> None:
    root = tmp_path / "project"
    link(root / "themes/mine/templates/base.html", outside / "base.html")
    with pytest.raises(ThemeError, match="outside the project's themes/") as caught:
        load_theme(root, "mine")  # every template is read, and vetted, up front
    assert caught.value.file == "themes/mine/templates/base.html"
    assert SECRET not in str(caught.value)
    (root / "themes/mine/templates/base.html").unlink()
    with pytest.raises(jinja2.TemplateNotFound):
        load_theme(root, "mine").env.get_template("../../../outside/base.html")


def test_loading_the_theme_refuses_a_static_link_out(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "project"
    link(root / "themes/mine/static/x.css", outside / "x.css")
    with pytest.raises(ThemeError) as caught:
        load_theme(root, "mine")
    assert caught.value.file == "themes/mine/static/x.css"


def test_the_built_in_theme_may_not_link_out_of_its_own_folder(
    tmp_path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin = tmp_path / "package/themes/default"
    (builtin / "static").mkdir(parents=True)
    (builtin / "templates").mkdir()
    (builtin / "static/x.css").symlink_to(outside / "x.css")
    monkeypatch.setattr(theme, "default_theme_dir", lambda: builtin)
    [problem] = theme_problems(None, "default")
    assert problem.location.file == str(builtin / "static/x.css")
    assert "outside the built-in theme" in problem.message
    with pytest.raises(ThemeError):
        load_theme()


DROPPINGS = ["x.css~", ".x.css.swp", "x.css.swp", ".#x.css", "x.css.bak", "4913", "#x.css#"]


def test_a_build_ships_no_editor_droppings_and_follows_links_inside(
    make_project: Callable[..., Path],
) -> None:
    root = themed_project(make_project)
    static = root / "themes/mine/static"
    for name in DROPPINGS:
        (static / "css" / name).write_text(f"/* {SECRET} */")
    (static / ".hidden").mkdir()
    (static / ".hidden/y.css").write_text(f"/* {SECRET} */")
    (root / "themes/shared").mkdir()
    logo = root / "themes/shared/logo.svg"
    logo.write_text("<svg xmlns='http://www.w3.org/2000/svg'>LOGO</svg>")
    (static / "logo.svg").symlink_to(logo)  # a link inside themes/ is followed
    (root / "themes/mine/templates/404.html~").write_text(SECRET)
    result = run_cli("-C", str(root), "build")
    assert result.exit_code == 0, result.output
    names = {p.name for p in (root / "output").rglob("*")}
    assert not names & {*DROPPINGS, ".hidden", "y.css", "404.html~"}
    assert (root / "output/logo.svg").read_text().endswith("LOGO</svg>")
    assert SECRET not in built_text(root / "output")
