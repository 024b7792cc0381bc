"""Shared fixtures: a small valid project, and running the CLI as a user would."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorecardgen.check import Checked, check_project
from scorecardgen.cli import cli
from tests import browser
from tests.minimal_project import project_files, write_project

REPO = Path(__file__).resolve().parent.parent


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    """Let the browser harness see which test is running (setup, call and teardown), so a
    test that launches Chromium, the Nu Html Checker or axe without the ``browser`` marker
    fails (tests/browser.py, require_browser_marker)."""
    browser.current_test = item
    try:
        return (yield)
    finally:
        browser.current_test = None


@pytest.fixture(scope="session")
def example_checked() -> Checked:
    """The example project (content/) loaded, validated and scored once for the whole run;
    tests only read it."""
    return check_project(REPO)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str) -> Run:
    """Invoke the command line in-process and capture both streams."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write the minimal valid project with some files replaced (None deletes a file)."""

    def make(changes: dict[str, str | bytes | None] | None = None) -> Path:
        files: dict[str, str | bytes | None] = dict(project_files())
        files.update(changes or {})
        root = tmp_path / "project"
        return write_project(root, {k: v for k, v in files.items() if v is not None})

    return make


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once per test run, shared by every test that reads it."""
    from tests.browser import example_site as build_once

    return build_once(tmp_path_factory)


@pytest.fixture(scope="session")
def origin(site: Path) -> Iterator[str]:
    """The built example served over http on loopback."""
    from tests.browser import serve

    with serve(site) as url:
        yield url
