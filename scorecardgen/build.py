"""Build a project into a site: check and score, plan the files, render them, write atomically.

``Builder`` does everything in memory and is what the dev server keeps; ``build_site`` adds
the atomic write to the output folder. A build with errors writes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from scorecardgen.cache import CACHE_DIR, Cache, CacheError
from scorecardgen.errors import Location, Problem, WithProblems, did_you_mean
from scorecardgen.fingerprints import shared_digest
from scorecardgen.model import Project
from scorecardgen.pipeline import ProjectState
from scorecardgen.scoring import Portfolio
from scorecardgen.sites import Kit, Progress, Put, Unit, audiences, site_files
from scorecardgen.theme import ThemeError


@dataclass
class BuildOptions:
    """What to build: the whole internal site, or standalone vendor sites."""

    strict: bool = False
    vendor: str | None = None
    per_vendor: bool = False
    use_cache: bool = True


@dataclass
class SiteBuild(WithProblems):
    """The outcome of a build in memory: every output file, or the problems that stopped it."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    written: int = 0  # files handed over
    charts: int = 0  # distinct charts on the site(s)
    rendered: int = 0  # of which rendered in this build (the rest came from the cache)
    cache: Cache | None = field(default=None, repr=False)
    seconds: float = 0.0
    strict: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed(self.strict)


def _noop(stage: str, done: int, total: int) -> None:
    del stage, done, total


def _unknown_vendor(portfolio: Portfolio, vendor: str) -> Problem:
    return Problem(
        Location("content/vendors"),
        f"no vendor '{vendor}' to build a site for",
        did_you_mean(vendor, portfolio.vendors),
        code="unknown-vendor",
    )


class Builder:
    """Builds one project, again and again: what did not change is reused from memory.

    A one-off ``build`` is a fresh Builder; the dev server keeps one and passes the paths
    its watcher saw change, so only those vendors are read, scored and rendered again.
    """

    def __init__(self, root: Path, options: BuildOptions | None = None, keep: bool = True):
        self.root = root
        self.options = options or BuildOptions()
        self.state = ProjectState(root)
        # each vendor's drawn pages, for the next build (None: a one-off build keeps nothing)
        self.units: dict[str, Unit] | None = {} if keep else None
        self._kit: tuple[str, Kit] | None = None  # the theme, kept while it is unchanged

    def build(
        self,
        changed: Iterable[Path] | None = None,
        progress: Progress = _noop,
        put: Put | None = None,
    ) -> SiteBuild:
        """Build the site, handing each file to ``put`` as it is drawn.

        Without ``put`` the files are gathered in ``files``. With problems nothing is handed
        over (they are all found before the first page is drawn) and ``files`` is empty.
        """
        options = self.options
        started = time.perf_counter()
        checked = self.state.refresh(changed)
        result = SiteBuild(problems=checked.problems, strict=options.strict)
        portfolio = checked.portfolio
        if options.vendor and portfolio and options.vendor not in portfolio.vendors:
            result.problems.append(_unknown_vendor(portfolio, options.vendor))
        if result.ok and portfolio is not None and checked.project is not None:
            sites = audiences(portfolio, options.vendor, options.per_vendor)
            try:
                cache = Cache.open(self.root) if options.use_cache else Cache(None)
                kit = self._theme(checked.project, cache)
                files: dict[str, bytes] = {}
                counts = site_files(
                    checked.project,
                    portfolio,
                    sites,
                    kit,
                    cache,
                    self.units,
                    checked.vendor_digests or {},
                    progress,
                    put or files.__setitem__,
                )
                result.files = dict(sorted(files.items()))
                result.written = counts.files
                result.pages, result.charts = counts.pages, counts.charts
                result.rendered = counts.rendered
                result.cache = cache
            except ThemeError as exc:
                result.problems.append(
                    Problem(Location("content/site.yaml"), str(exc), code="theme")
                )
            except jinja2.TemplateError as exc:
                result.problems.append(_template_problem(exc))
            except CacheError as exc:
                result.problems.append(_cache_problem(self.root, exc))
        result.seconds = time.perf_counter() - started
        return result

    def _theme(self, project: Project, cache: Cache) -> Kit:
        key = shared_digest(project)
        if self._kit is None or self._kit[0] != key:
            self._kit = (key, Kit.make(project, cache))
        return self._kit[1]


def build_files(
    root: Path, options: BuildOptions | None = None, progress: Progress = _noop
) -> SiteBuild:
    """Build every file of the site in memory. On problems, ``files`` is empty."""
    return Builder(root, options).build(None, progress)


def _cache_problem(root: Path, exc: CacheError) -> Problem:
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


def _template_problem(exc: jinja2.TemplateError) -> Problem:
    """A theme template that fails to render is the theme author's error, located."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = Location(exc.filename or exc.name or "template", exc.lineno or 0)
        return Problem(where, f"template error: {exc.message}", code="template")
    return Problem(
        Location("themes"),
        f"template error: {exc}",
        "check the templates of your theme",
        code="template",
    )


def build_site(
    root: Path,
    output: Path | None = None,
    options: BuildOptions | None = None,
    progress: Progress = _noop,
) -> SiteBuild:
    """Build and write the site to ``output`` (default ``root/output``) atomically.

    Pages go to disk as they are drawn, into a temporary folder that replaces the output
    folder only when the whole build succeeded; a failed build leaves the output as it was.
    Raises ``UnsafeOutputError`` before anything happens when the output folder must not be
    replaced (see ``write.check_output``), and ``OSError`` when writing fails.
    """
    from scorecardgen.write import SiteWriter, check_output, remove_leftovers

    target = check_output(root, output if output is not None else root / "output")
    remove_leftovers(target)  # temporary folders of builds that were killed
    with SiteWriter(target) as writer:
        result = Builder(root, options, keep=False).build(None, progress, writer.put)
        if result.ok:
            writer.commit()
            if result.cache is not None:
                result.cache.prune()  # only after success: a failed build keeps what it had
    return result
