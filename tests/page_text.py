"""The text a reader sees on a built page: tags, scripts and aria-hidden icons left out."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_HIDDEN = {"script", "style", "template", "svg"}


class _Text(HTMLParser):
    def __init__(self, within: str | None, css_class: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.within, self.css_class = within, css_class
        self.stack: list[tuple[str, bool, bool]] = []  # tag, hidden, inside the wanted element
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        a = dict(attrs)
        hidden = bool(self.stack and self.stack[-1][1])
        hidden = hidden or tag in _HIDDEN or a.get("aria-hidden") == "true"
        inside = (
            bool(self.stack and self.stack[-1][2])
            or (self.within is None and self.css_class is None)
            or (self.within is not None and a.get("id") == self.within)
            or (self.css_class is not None and self.css_class in (a.get("class") or "").split())
        )
        self.stack.append((tag, hidden, inside))
        if tag in ("p", "li", "tr", "td", "th", "div", "h1", "h2", "h3", "dd", "dt"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag in ("td", "th", "li", "p", "div"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][1] and self.stack[-1][2]:
            self.parts.append(data)


def page_text(path: Path, within: str | None = None, css_class: str | None = None) -> str:
    """The visible text of a page (or of the element with id ``within``, or of every element
    with class ``css_class``), whitespace collapsed to single spaces."""
    parser = _Text(within, css_class)
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()
