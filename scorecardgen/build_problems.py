"""The problems a build itself can meet after the content checked clean, located for the
editor: a vendor site asked for that does not exist, a theme template that fails to render,
a cache folder that must not be used."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import jinja2

from scorecardgen.cache import CACHE_DIR, CacheError
from scorecardgen.errors import Location, Problem, did_you_mean
from scorecardgen.scoring import Portfolio


def unknown_vendor(portfolio: Portfolio, vendor: str) -> Problem:
    """``build --vendor ID`` naming no vendor of the project."""
    return Problem(
        Location("content/vendors"),
        f"no vendor '{vendor}' to build a site for",
        did_you_mean(vendor, portfolio.vendors),
        code="unknown-vendor",
    )


def template_frame(exc: BaseException) -> tuple[str, int] | None:
    """The template file and line where ``exc`` was raised, when template code raised it
    (Jinja rewrites the frames of template code to the template's file and line)."""
    tb: TracebackType | None = exc.__traceback__
    found = None
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if not name.endswith(".py") and not name.startswith("<"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    last = exc.__traceback__
    while last is not None and last.tb_next is not None:
        last = last.tb_next
    if found is None or last is None or last.tb_frame.f_code.co_filename != found[0]:
        return None if not isinstance(exc, jinja2.TemplateError) else found
    return found


def _relative(name: str, root: Path) -> str:
    try:
        return Path(name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return name


def template_problem(exc: Exception, root: Path) -> Problem:
    """A theme template that fails to render is the theme author's error, located at the
    template's line where Jinja can tell."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = Location(_relative(exc.filename or exc.name or "template", root), exc.lineno or 0)
        return Problem(where, f"template error: {exc.message}", code="template")
    frame = template_frame(exc)
    where = Location(_relative(frame[0], root), frame[1]) if frame else Location("themes")
    message = exc.message if isinstance(exc, jinja2.TemplateError) else str(exc)
    return Problem(
        where, f"template error: {message}", "check the templates of your theme", code="template"
    )


def cache_problem(root: Path, exc: CacheError) -> Problem:
    """A cache folder that is a link or a file: refused, never followed or pruned."""
    try:
        where = exc.path.relative_to(root).as_posix()
    except ValueError:
        where = CACHE_DIR
    return Problem(
        Location(where),
        f"{where} {exc.reason}",
        "remove it (the build makes the cache again), or build with --no-cache",
        code="cache",
    )
