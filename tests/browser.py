"""Headless Debian Chromium through Playwright, for tests that need a real browser.

Also the other outside tools of the browser-side tests (the Nu Html Checker, axe-core), a
loopback web server for a built site, and a recorder of what a page did (console errors,
uncaught exceptions, requests, dialogs). Every tool is found the same way: missing, it is a
failure in CI (``CI`` set; ``.ci/run`` installs it) and a skip with the reason elsewhere.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-sync",
    "--no-first-run",
]

# Environment variables naming the npm-installed tools (.ci/run sets them).
VNU_JAR_ENV = "SCORECARDGEN_VNU_JAR"
AXE_JS_ENV = "SCORECARDGEN_AXE_JS"
TOOLS_HINT = "npm install --prefix DIR vnu-jar axe-core, as .ci/run does"


# The test being run, set by tests/conftest.py around each test (None outside a test).
current_test: pytest.Item | None = None


def require_browser_marker(what: str) -> None:
    """Fail the running test unless it is marked ``browser``, so ``-m "not browser"`` is true.

    Checked before any tool is looked for, so a forgotten marker fails on every desk, not
    only where the tool is installed.
    """
    test = current_test
    if test is not None and test.get_closest_marker("browser") is None:
        pytest.fail(
            f"{test.nodeid} uses {what} but is not marked browser: add @pytest.mark.browser"
            " (or pytestmark = pytest.mark.browser for a whole file)",
            pytrace=False,
        )


def missing_tool(reason: str) -> None:
    """Fail in CI, where every tool must be there; skip with ``reason`` anywhere else."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (in CI, .ci/run installs it)")
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched browser; skipped locally without Chromium, a failure in CI."""
    require_browser_marker("Chromium")
    if not CHROMIUM.exists():
        missing_tool("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def tool_file(env: str, what: str) -> Path:
    """The file an environment variable names (a jar, a script), or fail/skip saying why."""
    require_browser_marker(what)
    value = os.environ.get(env, "")
    if not value:
        missing_tool(f"{what}: set {env} to its path ({TOOLS_HINT})")
    path = Path(value)
    if not path.is_file():
        missing_tool(f"{what}: {env}={value} is not a file ({TOOLS_HINT})")
    return path


def java() -> str:
    """The ``java`` command, or fail/skip saying why."""
    found = shutil.which("java")
    if found is None:
        missing_tool("java is not installed (apt-get install -y default-jre-headless)")
    assert found is not None
    return found


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over http on 127.0.0.1 (a free port); yield the root URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Recorder:
    """What the pages of one browser page object did, since the last ``clear()``."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # URLs that did not load (or 4xx/5xx)

    def clear(self) -> None:
        for found in (
            self.console_errors,
            self.page_errors,
            self.requests,
            self.dialogs,
            self.failed,
        ):
            found.clear()

    def foreign_requests(self, origin: str) -> list[str]:
        """Requests to anything but ``origin`` (``http://127.0.0.1:PORT/``) or file://."""
        return [u for u in self.requests if not u.startswith((origin, "file://"))]


def record(page: Any) -> Recorder:
    """Start recording console errors, uncaught exceptions, requests, failed loads and
    dialogs of ``page``.

    A dialog (alert, confirm, prompt) is recorded and dismissed, so nothing blocks.
    """
    found = Recorder()

    def on_console(message: Any) -> None:
        if message.type == "error":
            found.console_errors.append(f"{page.url}: {message.text}")

    def on_dialog(dialog: Any) -> None:
        found.dialogs.append(f"{page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.page_errors.append(f"{page.url}: {error}"))
    page.on("request", lambda request: found.requests.append(request.url))

    def on_failed(request: Any) -> None:
        # ERR_ABORTED: the test moved on to the next page before, say, the favicon arrived
        if "ERR_ABORTED" not in (request.failure or ""):
            found.failed.append(request.url)

    page.on("requestfailed", on_failed)
    page.on("response", lambda r: r.status >= 400 and found.failed.append(r.url))
    page.on("dialog", on_dialog)
    return found


# Charts are drawn live as they near the viewport (charts.js): wait for the ones started.
_SETTLED = "() => !document.querySelector('[data-chart-live=pending]')"
_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def open_page(page: Any, url: str, scripts: bool = True) -> Any:
    """Go to ``url``, wait for load and (scripts on) for the charts drawn on arrival.

    Returns the navigation's response (None for file://).
    """
    response = page.goto(url, wait_until="load")
    if scripts:
        page.evaluate(_TWO_FRAMES)  # IntersectionObserver callbacks come with a frame
        page.wait_for_function(_SETTLED)
    return response


_EXAMPLE: dict[str, Path] = {}


def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once per test process, shared by the browser-side tests."""
    if "site" not in _EXAMPLE:
        from scorecardgen.build_site import build_site
        from tests.conftest import REPO

        out = tmp_path_factory.mktemp("example-browser") / "site"
        result = build_site(REPO, out)
        assert result.ok, [p.format() for p in result.problems]
        _EXAMPLE["site"] = out
    return _EXAMPLE["site"]


def page_paths(root: Path) -> list[str]:
    """Every HTML page of a built site, as site-relative POSIX paths, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def _paged_media(text: str) -> bool:
    """vnu's CSS checker does not know the running strings of CSS Generated Content for Paged
    Media (``string-set``, ``content: string(...)``), which WeasyPrint reads for the PDFs'
    running headers; nothing else is let through."""
    return "\u201cstring-set\u201d" in text or (
        "\u201ccontent\u201d: \u201cstring(" in text
        and "is not a \u201ccontent\u201d value" in text
    )


def nu_html_check(root: Path, files: list[Path]) -> list[str]:
    """Errors of the Nu Html Checker on ``files`` (one JVM for all), as readable lines.

    Stylesheets and SVG files among them are checked as CSS and SVG.
    """
    require_browser_marker("the Nu Html Checker")
    jar = tool_file(VNU_JAR_ENV, "the Nu Html Checker (vnu.jar of the npm package vnu-jar)")
    command = [
        java(),
        "-jar",
        str(jar),
        "--errors-only",
        "--format",
        "json",
        "--also-check-css",
        "--also-check-svg",
        *(str(f) for f in files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError:
        return [f"vnu did not report (exit {done.returncode}): {done.stderr[-2000:]}"]
    errors = []
    paged = 0
    for message in report.get("messages", []):
        if message.get("type") == "info":
            continue
        if _paged_media(str(message.get("message", ""))):
            paged += 1
            continue
        where = message.get("url", "")
        where = where.removeprefix("file:")
        with suppress(ValueError):
            where = Path(where).relative_to(root).as_posix()
        errors.append(
            f"{where}:{message.get('lastLine', '?')}: {message.get('message')}"
            f" [{message.get('extract', '').strip()[:160]!r}]"
        )
    if done.returncode not in (0, 1) or (done.returncode == 1 and not errors and not paged):
        errors.append(f"vnu exited {done.returncode}: {done.stderr[-2000:]}")
    return errors
