"""Helpers that read a built site the way a browser would: links, assets, hosts, figures."""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# attributes that make a browser load or navigate to something
LINK_ATTRS = {"href", "src", "action", "poster", "data", "xlink:href", "srcset"}
# XML namespace identifiers are names, not requests
NAMESPACES = (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.sitemaps.org/schemas/sitemap/0.9",
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attr, value)
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = dict(attrs)
        self.tags.append((tag, data))
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in LINK_ATTRS and value is not None:
                self.links.append((tag, name, value))


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def broken_links(root: Path) -> list[str]:
    """Every link or asset reference that is absolute or does not resolve inside ``root``."""
    problems: list[str] = []
    ids = {p: parse(p).ids for p in html_files(root)}
    for page in html_files(root):
        for tag, attr, value in parse(page).links:
            where = f"{page.relative_to(root)}: <{tag} {attr}={value!r}>"
            if value.startswith(("mailto:", "tel:")):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith("/"):
                if not (tag == "link" and attr == "href" and value.startswith("https://")):
                    problems.append(f"{where} is not relative")
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            try:
                target.relative_to(root.resolve())
            except ValueError:
                problems.append(f"{where} leaves the site")
                continue
            if not target.is_file():
                problems.append(f"{where} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                target_ids = ids.get(target) or ids.get(Path(target))
                if target_ids is None:
                    target_ids = parse(target).ids
                if parts.fragment not in target_ids:
                    problems.append(f"{where}: no element with id {parts.fragment!r}")
    return problems


_URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}""")


def foreign_references(root: Path, own_host: str | None = None) -> list[str]:
    """References to another host in pages, stylesheets and our own scripts."""
    problems: list[str] = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or "vega-bundle" in path.name:
            continue
        text = path.read_text(encoding="utf-8")
        for ns in NAMESPACES:
            text = text.replace(ns, "")
        if own_host:
            text = re.sub(
                r'<link rel="canonical" href="https://' + re.escape(own_host) + r'[^"]*">', "", text
            )
        for match in _URL.finditer(text):
            problems.append(f"{path.relative_to(root)}: {match.group(0)}")
        if path.suffix == ".css" and re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", text):
            problems.append(f"{path.relative_to(root)}: remote @import or url()")
    return problems


def figures(page: Path) -> list[dict[str, object]]:
    """Each <figure> of a page: has it an svg, a caption, a description, a data table?"""
    text = page.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"<figure\b.*?</figure>", text, flags=re.S):
        out.append(
            {
                "svg": "<svg" in block,
                "caption": "<figcaption" in block,
                "description": 'class="chart-desc"' in block,
                "table": "<details" in block and "<table" in block,
                "spec": 'type="application/json"' in block,
            }
        )
    return out


def write_site(output_dir: Path, files: Mapping[str, bytes]) -> None:
    """Replace ``output_dir`` with exactly ``files`` through the build's own SiteWriter."""
    from scorecardgen.write import SiteWriter

    with SiteWriter(output_dir) as writer:
        for path in sorted(files):
            writer.put(path, files[path])
        writer.commit()
