"""Themes: the Jinja environment, theme resolution, static assets and relative URLs.

A project theme (``themes/<name>/`` in the project) overrides the built-in default theme
file by file: a template or static file of the same name wins, everything else comes from
the default. An overriding template can extend the one it replaces through the
``!default/`` prefix, as in ``{% extends "!default/base.html" %}`` (Pelican's ``!simple``).

Theme files are read under the rules of ``projectfiles``: nothing outside the project (for
the built-in theme, outside its own folder), no FIFO or device, no editor droppings.
``theme_problems`` finds every breach up front, so ``check`` reports them without rendering.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from scorecardgen import i18n
from scorecardgen.errors import Location, Problem
from scorecardgen.pages import urls, working_text
from scorecardgen.pages.measurement_marks import period_words
from scorecardgen.projectfiles import Refusal, refusal, walk_files

DEFAULT_THEME = "default"
DEFAULT_PREFIX = "!default"
FINGERPRINTED = (".css", ".js")  # referenced by pages only; safe to rename per content

_THEME_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class ThemeError(ValueError):
    """A theme name that is not a folder directly under the project's themes/, or a theme
    file that is never read (``file`` then names it)."""

    def __init__(self, message: str, file: str | None = None, why: Refusal | None = None):
        super().__init__(f"{file}: {why.message}" if file and why else message)
        self.file = file
        self.why = why

    def problem(self) -> Problem:
        """This error as a located problem: at the theme file, else at site.yaml's theme."""
        if self.file is not None and self.why is not None:
            why = self.why
            return Problem(Location(self.file), why.message, why.hint, code=why.code)
        return Problem(Location(self.file or "content/site.yaml"), str(self), code="theme")


def default_theme_dir() -> Path:
    """The built-in theme folder (``templates/`` and ``static/``), editable or wheel install."""
    return Path(str(importlib.resources.files("scorecardgen.themes") / DEFAULT_THEME))


def resolve_theme(project_root: Path | None, name: str) -> Path | None:
    """The project's folder for theme ``name``, or None when only the built-in one applies.

    ``default`` may be overridden by ``themes/default/`` in the project too. A name with a
    path separator or ``..``, or whose folder resolves outside ``themes/`` (a symlink), or
    that names no folder, raises ThemeError with a message for the editor.
    """
    if not _THEME_NAME.match(name):
        raise ThemeError(
            f"theme '{name}' is not a theme name: use 'default' or the name of a folder "
            "directly under themes/ (letters, digits, '-' and '_')"
        )
    if project_root is None:
        if name == DEFAULT_THEME:
            return None
        raise ThemeError(f"no theme named '{name}': only 'default' is built in")
    themes = (project_root / "themes").resolve()
    folder = project_root / "themes" / name
    if not folder.is_dir():
        if name == DEFAULT_THEME:
            return None
        raise ThemeError(f"no theme named '{name}': expected a folder themes/{name}/")
    resolved = folder.resolve()
    if not resolved.is_relative_to(themes) or resolved == themes:
        raise ThemeError(f"theme '{name}' points outside the project's themes/ folder")
    return resolved


@dataclass(frozen=True)
class _Source:
    """One theme folder and the boundary its files must resolve inside."""

    folder: Path
    boundary: Path  # resolved
    inside: str  # the boundary, in words
    root: Path | None  # the project root, for locations relative to it

    def where(self, path: Path) -> str:
        """``path`` as a problem names it: relative to the project when it is in it."""
        if self.root is not None and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()
        return path.as_posix()

    def check(self, path: Path) -> Refusal | None:
        return refusal(path, self.boundary, self.inside)

    def files(self) -> Iterator[tuple[str, Path, Refusal | None]]:
        return walk_files(self.folder, self.boundary, self.inside)


def _sources(project_root: Path | None, theme: str, part: str) -> list[_Source]:
    """The built-in theme's ``part`` folder, then the project theme's (which wins)."""
    builtin = default_theme_dir()
    sources = [_Source(builtin / part, builtin.resolve(), "the built-in theme", None)]
    folder = resolve_theme(project_root, theme)
    if folder is not None and project_root is not None:
        root = project_root.resolve()
        themes = project_root / "themes"
        why = refusal(themes, root)
        if why is not None:
            raise ThemeError(why.message, "themes", why)
        # not the whole project: a link to content/ would publish it, other vendors' included
        boundary = themes.resolve()
        sources.append(_Source(folder / part, boundary, "the project's themes/ folder", root))
    return sources


class _Files:
    """Theme files read into memory, each once, with the digest of every byte read."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()

    def read(self, source: _Source) -> dict[str, tuple[bytes, str]]:
        """Every file of ``source``: name -> (bytes, where); ThemeError for one never read."""
        found: dict[str, tuple[bytes, str]] = {}
        for name, path, why in source.files():
            where = source.where(path)
            if why is not None:
                raise ThemeError(why.message, where, why)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise ThemeError(
                    f"{where}: cannot read file: {exc.strerror or exc}", where
                ) from None
            for part in (where.encode(), data):  # length-prefixed: two files never blur
                self.hash.update(len(part).to_bytes(8, "big"))
                self.hash.update(part)
            found[name] = (data, where)
        return found


class _TemplatesLoader(jinja2.BaseLoader):
    """Templates already read into memory: Jinja never opens a file itself."""

    def __init__(self, templates: Mapping[str, tuple[bytes, str]]):
        self.templates = templates

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if template not in self.templates:
            raise jinja2.TemplateNotFound(template)
        data, where = self.templates[template]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ThemeError(f"{where}: template is not UTF-8 text", where) from None
        return text, where, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.templates)


def _environment(builtin: _TemplatesLoader, own: list[_TemplatesLoader]) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({DEFAULT_PREFIX: builtin})]
    loaders += [*own, builtin]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are read once per build, before any is rendered
    )
    i18n.install(env)
    return env


def theme_problems(project_root: Path | None, theme: str) -> list[Problem]:
    """Every template or static file of the theme that a build would refuse, located.

    A bad theme name gives none here: the validation of site.yaml reports it.
    """
    try:
        sources = _sources(project_root, theme, "templates")
        sources += _sources(project_root, theme, "static")
    except ThemeError as exc:
        if exc.file is None or exc.why is None:
            return []
        return [exc.problem()]
    problems = []
    for source in sources:
        for _, path, why in source.files():
            if why is not None:
                problems.append(
                    Problem(Location(source.where(path)), why.message, why.hint, code=why.code)
                )
    return problems


def fingerprint(name: str, content: bytes) -> str:
    """``css/site.css`` -> ``css/site.3f2a1b9c0d.css`` (first 10 hex of the SHA-256)."""
    digest = hashlib.sha256(content).hexdigest()[:10]
    folder, base = posixpath.split(name)
    stem, dot, ext = base.rpartition(".")
    fingerprinted = f"{stem}.{digest}.{ext}" if dot and stem else f"{base}.{digest}"
    return posixpath.join(folder, fingerprinted)


@dataclass
class StaticAssets:
    """Theme static files for the output, and where each logical name ended up."""

    files: dict[str, bytes] = field(default_factory=dict)  # output path -> content
    names: dict[str, str] = field(default_factory=dict)  # logical name -> output path

    def add(self, name: str, content: bytes) -> str:
        """Add one asset (theme file or generated, like the chart bundle); return its path."""
        path = fingerprint(name, content) if name.endswith(FINGERPRINTED) else name
        self.files[path] = content
        self.names[name] = path
        return path


@dataclass(frozen=True)
class Theme:
    """The theme as a build uses it: the Jinja environment, the static assets, and the digest
    of every theme file's bytes as they were read (a key of every page drawn with it)."""

    env: jinja2.Environment
    assets: StaticAssets
    digest: str
    # the project theme's locales/ files: path inside it -> (bytes, where)
    locales: Mapping[str, tuple[bytes, str]] = field(default_factory=dict)


def _locales(project_root: Path | None, theme: str, files: _Files) -> dict[str, tuple[bytes, str]]:
    """The project theme's ``locales/`` files (the package ships the built-in catalogs)."""
    locales: dict[str, tuple[bytes, str]] = {}
    for source in _sources(project_root, theme, "locales")[1:]:
        if source.folder.is_dir():
            locales.update(files.read(source))
    return locales


def theme_locales(project_root: Path | None, theme: str) -> dict[str, tuple[bytes, str]]:
    """The project theme's catalogs, path inside ``locales/`` -> (bytes, where); ThemeError
    for a file a build must never read."""
    return _locales(project_root, theme, _Files())


def load_theme(
    project_root: Path | None = None,
    theme: str = DEFAULT_THEME,
    generated: Mapping[str, bytes] | None = None,
) -> Theme:
    """Read every template and static file of the theme once (the built-in one overlaid by the
    project's), plus ``generated`` assets such as the chart bundle.

    Raises ThemeError, naming the file, for a file a build must never read.
    """
    files = _Files()
    builtin, *own = (files.read(s) for s in _sources(project_root, theme, "templates"))
    static: dict[str, tuple[bytes, str]] = {}
    for source in _sources(project_root, theme, "static"):
        static.update(files.read(source))
    assets = StaticAssets()
    for name in sorted(static):
        assets.add(name, static[name][0])
    for name, data in sorted((generated or {}).items()):
        files.hash.update(name.encode() + b"\0" + data)
        assets.add(name, data)
    locales = _locales(project_root, theme, files)
    env = _environment(_TemplatesLoader(builtin), [_TemplatesLoader(t) for t in own])
    env.globals["urls"] = urls.for_templates()  # templates link through the one layout
    env.filters["working"] = working_text.formula  # a scoring formula in the site's language
    env.filters["in_words"] = period_words  # 2026-05 -> May 2026, 2026-05-31 -> 31 May 2026
    return Theme(env, assets, files.hash.hexdigest(), locales)


def relative_url(from_page: str, to: str) -> str:
    """A relative link from the page file ``from_page`` to ``to`` (both from the site root).

    Pages are files (``vendors/acme/index.html``); a folder target (``kpis/fcr/``, or ``""``
    for the root) links to its ``index.html`` so that links also work from file://.
    Fragments are kept; absolute URLs and bare fragments pass through.
    """
    if to.startswith(("#", "http://", "https://", "mailto:")):
        return to
    path, hash_, fragment = to.partition("#")
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return f"{_relative_path(posixpath.dirname(from_page.lstrip('/')), path)}{hash_}{fragment}"


@functools.lru_cache(maxsize=1 << 16)
def _relative_path(folder: str, path: str) -> str:
    """``path`` relative to ``folder`` (both from the site root): the same as posixpath.relpath,
    without its trips to the working directory (a summary page links to thousands of pages)."""
    here = folder.split("/") if folder else []
    there = path.split("/")
    if any(part in ("", ".", "..") for part in here + there[:-1]):
        return posixpath.relpath(path, folder or ".")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def page_helpers(page_url: str, assets: Mapping[str, str]) -> dict[str, Callable[[str], str]]:
    """The ``url(target)`` and ``asset(name)`` callables templates use on one page."""

    def url(target: str) -> str:
        return relative_url(page_url, target)

    def asset(name: str) -> str:
        if name not in assets:  # a theme author's slip: reported at the template's line
            known = ", ".join(sorted(assets))
            raise jinja2.TemplateRuntimeError(f"no static asset named {name!r}; known: {known}")
        return relative_url(page_url, assets[name])

    return {"url": url, "asset": asset}
