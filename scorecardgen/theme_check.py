"""A project theme's files scanned for anything a page would load from another host: a CDN
script or stylesheet, a web font, a remote image (``<script src="https://...">``,
``@import url(https://...)``). Each is a located warning; links (``<a href>``) are fine.

A cheap regex scan, not a parser: a literal URL in a fetching attribute or in CSS is found;
one a template builds from a variable is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from scorecardgen.errors import Location, Problems
from scorecardgen.markdown_render import FETCHING, is_remote
from scorecardgen.projectfiles import walk_files
from scorecardgen.theme import ThemeError, resolve_theme

SCANNED = {".html", ".htm", ".jinja", ".j2", ".xml", ".svg", ".css"}
MAX_BYTES = 2 * 1024 * 1024  # a theme file larger than this is not a template

_TAG = re.compile(r"<([A-Za-z][\w:.-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s\"'<>/=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))")
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')\s]*)|@import\s+[\"']([^\"']*)[\"']", re.I)
_LINK_TAGS = {"a", "area"}

HINT = (
    "pages must work offline and never call another host: put the file in the theme's "
    "static/ folder and use asset('name')"
)


def _remote_urls(tag: str, attribute: str, value: str) -> Iterator[str]:
    if attribute.lower() not in FETCHING or tag.lower() in _LINK_TAGS:
        return
    if attribute.lower() == "srcset":  # candidates "url 2x, url 640w"
        candidates = [c.strip().split(" ")[0] for c in value.split(",")]
        yield from (c for c in candidates if is_remote(c))
    elif is_remote(value):
        yield value.strip()


def remote_references(text: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, what) of every remote reference in a template or stylesheet."""

    def where(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    for tag in _TAG.finditer(text):
        for attr in _ATTRIBUTE.finditer(tag.group(2)):
            value = next(v for v in attr.groups()[1:] if v is not None)
            for url in _remote_urls(tag.group(1), attr.group(1), value):
                line, column = where(tag.start(2) + attr.start())
                yield line, column, f"<{tag.group(1)} {attr.group(1)}> loads {url}"
    for css in _CSS_URL.finditer(text):
        url = css.group(1) if css.group(1) is not None else css.group(2)
        if is_remote(url):
            line, column = where(css.start())
            kind = "url()" if css.group(1) is not None else "@import"
            yield line, column, f"CSS {kind} loads {url}"


def theme_files(folder: Path) -> Iterator[Path]:
    """The templates and stylesheets a build would read from the theme at ``folder``: the
    loader's own walk (projectfiles.walk_files), so refused files and editor droppings,
    which never ship, are not scanned either."""
    boundary = folder.parent.resolve()  # the project's themes/ folder, as the loader has it
    for sub in ("templates", "static"):
        for _, path, why in walk_files(folder / sub, boundary, "the project's themes/ folder"):
            scanned = why is None and path.suffix.lower() in SCANNED
            if scanned and path.stat().st_size <= MAX_BYTES:
                yield path


def scan_folder(folder: Path, root: Path, problems: Problems) -> None:
    """Report every remote reference in the theme at ``folder``, located under ``root``."""
    for path in theme_files(folder):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # an unreadable theme file fails the build where it is loaded
        file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        for line, column, what in remote_references(text):
            problems.add(
                Location(file, line, column),
                f"{what} from another host",
                HINT,
                severity="warning",
                code="remote-resource",
            )


def check_theme_remote(project_root: Path, theme: str, problems: Problems) -> None:
    """Scan the project's own theme folder (the built-in theme ships clean)."""
    try:
        folder = resolve_theme(project_root, theme)
    except ThemeError:
        return  # reported by validate.check_theme
    if folder is not None:
        scan_folder(project_root / "themes" / theme, project_root, problems)
