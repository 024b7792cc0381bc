"""Markdown to safe HTML: Python-Markdown for the syntax, nh3 to sanitise the result.

Editors write notes, summaries and descriptions in Markdown, and may paste raw HTML. Only an
explicit allowlist of tags and attributes survives: no script, style or iframe, no event
handler, no ``style`` attribute, no ``javascript:`` or ``data:`` URL. Tables, code blocks
and heading ids (for the table of contents) do survive.

Nothing on a page loads from another host: an image (or any attribute a browser fetches)
whose source is absolute (``https://``, ``http://``) or protocol-relative (``//host``) is
removed, and reported as a ``remote-resource`` finding. Links to other hosts stay. Text too
large, deep or costly to render (markdown_limits) is refused instead of rendered.

``rendered`` renders each distinct text once per process and keeps the result with its
findings: the validation pass reports the findings, the pages reuse the HTML.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
import threading
from dataclasses import dataclass
from typing import Any

import markdown
import nh3
from markdown.extensions import toc

from scorecardgen.markdown_limits import Refusal, refusal

# Ids the default theme gives elements of its pages (skip-link target, explanation, search,
# section headings h-*, figures fig-/cap-/desc-/spec-*, service-level charts sl-*). A
# Markdown heading never takes one: a duplicate id is invalid HTML, breaks the skip link and
# the figures' aria references, and could stand in for a chart's spec.
THEME_IDS = {"main", "how", "site-search-input", "site-search-results", "vg-tooltip-element"}
THEME_ID_PREFIXES = ("h-", "fig-", "cap-", "desc-", "spec-", "sl-")


def _own_id(value: str) -> str:
    """``value``, or ``md-value`` when the theme may use it."""
    return f"md-{value}" if value in THEME_IDS or value.startswith(THEME_ID_PREFIXES) else value


def _slugify(value: str, separator: str) -> str:
    # the table of contents links to the same, renamed, ids
    return _own_id(toc.slugify(value, separator))


_EXTENSIONS = ["tables", "toc", "fenced_code", "attr_list", "sane_lists"]
# Alignment as an attribute, not as a style attribute the sanitiser would drop.
_EXTENSION_CONFIG: dict[str, dict[str, Any]] = {
    "tables": {"use_align_attribute": True},
    "toc": {"permalink": False, "slugify": _slugify},
}

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INLINE_TAGS = {"a", "em", "strong", "b", "i", "code", "del", "sub", "sup", "br", "abbr", "kbd"}
_BLOCK_TAGS = {
    "p", "hr", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "img", "div",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
TAGS = _HEADINGS | _INLINE_TAGS | _BLOCK_TAGS

ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    **{h: {"id"} for h in _HEADINGS},
}

# Elements removed together with everything inside them.
_DROP_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea",
    "select", "svg", "math", "frame", "frameset", "noembed", "noframes", "xmp", "title",
}  # fmt: skip

URL_SCHEMES = {"http", "https", "mailto"}

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LANGUAGE = re.compile(r"^language-[A-Za-z0-9_+#.-]{1,40}$")
_EXTERNAL_LINK = re.compile(r'<a href="(?:https?:)?//[^"]*"')
# An <img> as the sanitiser writes it: names, then double-quoted values (which may hold ">").
_IMG = re.compile(r'<img((?:\s+[^\s"\'=<>/]+(?:="[^"]*")?)*)\s*/?>')
_ATTR_NAME = re.compile(r'\s([^\s"\'=<>/]+)(?:="[^"]*")?')


# Attributes a browser loads by itself, whatever the tag; a link's href is followed on a click.
FETCHING = {
    "src", "srcset", "poster", "data", "background", "href", "xlink:href", "formaction",
    "action", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive", "icon",
}  # fmt: skip
_LINK_TAGS = {"a", "area"}
_URL_SPACE = " \t\n\r\f"  # browsers strip these around a URL: " //host" is remote


def is_remote(value: str) -> bool:
    """True for a URL that names a host: ``http(s)://``, ``//host`` or ``\\host``."""
    url = value.strip(_URL_SPACE).replace("\\", "/")
    scheme = _SCHEME.match(url)
    return url.startswith("//") or (scheme is not None and scheme.group(1).lower() != "mailto")


@dataclass(frozen=True)
class RemoteSource:
    """A source removed from the page because it would load from another host."""

    tag: str
    attribute: str
    url: str


# The sources the sanitiser removed in the clean() running on this thread (None: not asked).
_removed = threading.local()


def _safe_url(value: str) -> bool:
    """Relative URLs, or http(s)/mailto; never protocol-relative or with control characters."""
    if any(ord(c) < 32 or c == "\\" for c in value) or value.startswith("//"):
        return False
    scheme = _SCHEME.match(value)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in FETCHING and tag not in _LINK_TAGS and is_remote(value):
        found: list[RemoteSource] | None = getattr(_removed, "sources", None)
        if found is not None:
            found.append(RemoteSource(tag, attribute, value.strip(_URL_SPACE)))
        return None
    if attribute in ("href", "src"):
        if tag == "img" and value.lower().startswith("mailto:"):
            return None
        return value if _safe_url(value) else None
    if attribute == "class":
        if tag == "code":
            return value if _LANGUAGE.match(value) else None
        return "toc" if tag == "div" and value == "toc" else None
    if attribute == "id":
        return _own_id(value)
    if attribute == "align":
        return value if value in ("left", "center", "right") else None
    if attribute == "start":
        return value if value.isdigit() else None
    return value


@functools.cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes={t: a for t, a in ATTRIBUTES.items() if t in TAGS},
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel=None,  # added below, to links that leave the site only
        strip_comments=True,
    )


def _mark_external(html: str) -> str:
    return _EXTERNAL_LINK.sub(lambda m: m.group(0) + ' rel="noopener noreferrer"', html)


def _with_alt(match: re.Match[str]) -> str:
    attrs = match.group(1)
    if "alt" in _ATTR_NAME.findall(attrs):
        return match.group(0)
    return f'<img alt=""{attrs}>'  # raw HTML without one: HTML requires alt on every img


def _img_alt(html: str) -> str:
    return _IMG.sub(_with_alt, html)


def _to_html(text: str) -> str:
    # A fresh converter per call: no state (toc ids, footnotes) leaks between documents.
    converter = markdown.Markdown(
        extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIG, output_format="html"
    )
    return converter.convert(text)


# A start tag as the sanitiser writes it: attribute values in double quotes (which may hold
# ">"), every quote inside them escaped.
_START_TAG = re.compile(r'<[A-Za-z][^\s/>]*(?:\s+[^\s"=/>]+(?:="[^"]*")?)*\s*/?>')
_ID_ATTR = re.compile(r'(\s)id="([^"]*)"')
_FRAGMENT = re.compile(r'(\shref=")#([^"]*)"')


def _prefix_ids(html: str, prefix: str) -> str:
    """Every id of a sanitised document, and the in-page links to them, under ``prefix``.

    Several notes shown on one page (a quarterly review) may share a heading ("Actions");
    each keeps ids of its own. Only start tags are touched, never text.
    """
    tags = _START_TAG.findall(html)
    ids = {m.group(2) for tag in tags for m in _ID_ATTR.finditer(tag)}

    def rewrite(tag: str) -> str:
        tag = _ID_ATTR.sub(lambda m: f'{m.group(1)}id="{prefix}{m.group(2)}"', tag)
        return _FRAGMENT.sub(
            lambda m: f'{m.group(1)}#{prefix if m.group(2) in ids else ""}{m.group(2)}"', tag
        )

    return _START_TAG.sub(lambda m: rewrite(m.group(0)), html)


@dataclass(frozen=True)
class Rendered:
    """A Markdown text rendered once: its HTML, the remote sources removed from it (each
    with the 1-based line of the text it was found on), or why it was not rendered."""

    html: str
    removed: tuple[tuple[int, RemoteSource], ...] = ()
    refused: Refusal | None = None


def _line_of(text: str, url: str, start: int) -> tuple[int, int]:
    """(line, offset after it) of ``url`` in ``text`` from ``start``; line 1 if not found."""
    at = text.find(url, start)
    if at < 0:
        return 1, start
    return text.count("\n", 0, at) + 1, at + len(url)


def _recursion_refusal() -> Refusal:
    return Refusal(
        1,
        "Markdown nested too deeply to render",
        "flatten lists, quotes and emphasis inside each other",
        "markdown-nesting",
    )


@functools.lru_cache(maxsize=4096)
def rendered(text: str) -> Rendered:
    """``text`` rendered and sanitised, with what the sanitiser removed; cached per text.

    Text past the limits of markdown_limits is not rendered: its HTML is the text itself,
    escaped, and ``refused`` says why (a build with it fails, so no page shows that).
    """
    refused = refusal(text)
    html, sources = "", list[RemoteSource]()
    if refused is None:
        _removed.sources = sources
        try:
            html = _img_alt(_mark_external(_cleaner().clean(_to_html(text)))).strip()
        except RecursionError:  # a shape the limits did not foresee: refuse, never crash
            refused = _recursion_refusal()
        finally:
            _removed.sources = None
    if refused is not None:
        return Rendered(f"<p>{html_lib.escape(text[:1000])}</p>", refused=refused)
    removed: list[tuple[int, RemoteSource]] = []
    starts: dict[str, int] = {}  # the same URL twice: the second is found after the first
    for source in sources:
        line, starts[source.url] = _line_of(text, source.url, starts.get(source.url, 0))
        removed.append((line, source))
    return Rendered(html, tuple(removed))


# A heading tag as the sanitiser writes it (Markdown's ``#`` or pasted HTML alike).
_HEADING_TAG = re.compile(r"<(/?)h([1-6])(?=[\s>])")
TOP_HEADING = 2  # every page has its own h1 (the title): a document's ``#`` comes below it


def _shift_headings(html: str, top: int) -> str:
    """The document's headings moved so its shallowest one is ``<h{top}>`` (h6 at the deepest),
    and none more than one level below the heading before it (the first at most ``top``): a
    note that starts at ``##``, or a pasted ``<h2>`` before a ``#``, never skips a level."""
    levels = [int(m.group(2)) for m in _HEADING_TAG.finditer(html) if not m.group(1)]
    if not levels:
        return html
    shift = top - min(levels)
    previous = top - 1
    current = top

    def moved(m: re.Match[str]) -> str:
        nonlocal previous, current
        if not m.group(1):  # an opening tag: its closing tag follows before the next heading
            current = max(top, min(6, int(m.group(2)) + shift, previous + 1))
            previous = current
        return f"<{m.group(1)}h{current}"

    return _HEADING_TAG.sub(moved, html)


def render_markdown(text: str, id_prefix: str = "", top: int = TOP_HEADING) -> str:
    """Sanitised HTML for a Markdown document (notes, summaries, descriptions).

    ``id_prefix`` goes before every id in it, for a document that shares a page with others.
    ``top`` is the level the document's shallowest heading takes: below the page title's h1 by
    default, lower
    for a document shown inside a section (a note under its h3 title on a review: 4).
    """
    html = _shift_headings(rendered(text).html, top)
    return _prefix_ids(html, id_prefix) if id_prefix else html
