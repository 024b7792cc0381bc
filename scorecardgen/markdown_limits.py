"""Bounds on Markdown before it is rendered: input that would crash or stall the renderer.

Python-Markdown recurses once per level of nested lists (a RecursionError past a few
hundred levels) and takes quadratic time over some inputs: runs of '[' or '](' that never
close (each one scans to the end of its paragraph), unclosed HTML start tags (the standard
library's HTMLParser scans each to the next '>'), many same-named headings (each new id is
checked against every earlier one), many code fences. One linear pass estimates that work
and refuses, naming the line, what is past generous limits; everything under them renders
exactly as it always did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 100_000  # one note, summary or description; a 1 MB paste is refused
MAX_NESTING = 32  # lists and quotes inside each other, on one line
MAX_HEADINGS = 500  # each new id is checked against every earlier one
MAX_HEADING_CHARS = 2_000  # attribute lists ({: #id}) are matched in quadratic time
# Scanning steps allowed: a few dozen per character and a fixed allowance. Normal prose
# needs about one step per bracket or tag character.
WORK_PER_CHAR = 32
WORK_BASE = 200_000
FENCE_WEIGHT = 16  # a fence search is a C regex over the rest: cheaper per step

_BLANK = re.compile(r"\n[ \t]*(?=\n)")
_BRACKETS = re.compile(r"\]\(|[\[\]()]|\n[ \t]*(?=\n)")
_TAG_START = re.compile(r"<[A-Za-z!?/]")
_CONTAINER = re.compile(r"(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*")
_INDENT = re.compile(r"[ \t]*")
_THEMATIC_BREAK = re.compile(r"[ ]{0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"(?:`{3,}|~{3,})")


@dataclass(frozen=True)
class Refusal:
    """Why a Markdown text is not rendered, and the 1-based line of the text it starts on."""

    line: int
    message: str
    hint: str
    code: str


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _depth(line: str) -> int:
    """Lists and quotes open at the start of ``line``, plus its indentation in levels of 4."""
    if _THEMATIC_BREAK.match(line):
        return 0
    indent = _INDENT.match(line)
    columns = len(indent.group().expandtabs(4)) if indent else 0
    depth, pos = 0, indent.end() if indent else 0
    while (m := _CONTAINER.match(line, pos)) and m.end() > pos:
        depth, pos = depth + 1, m.end()
    return depth + columns // 4 if depth else 0


def _nesting(text: str) -> Refusal | None:
    for number, line in enumerate(text.split("\n"), 1):
        depth = _depth(line)
        if depth > MAX_NESTING:
            return Refusal(
                number,
                f"Markdown nested {depth} levels deep (lists and quotes inside each other); "
                f"at most {MAX_NESTING}",
                "flatten the nesting, or put the text in a code block",
                "markdown-nesting",
            )
    return None


def _bracket_work(text: str) -> tuple[int, int]:
    """Steps the link parser takes over '[' and '](' runs, and where the costliest opens."""
    work, worst, worst_at = 0, 0, 0
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # (offset, opened a link's destination)

    def close_all(end: int) -> None:
        nonlocal work, worst, worst_at
        for start in brackets:
            work += end - start
            if end - start > worst:
                worst, worst_at = end - start, start
        for start, link in parens:
            if link:
                work += end - start
                if end - start > worst:
                    worst, worst_at = end - start, start
        brackets.clear()
        parens.clear()

    for m in _BRACKETS.finditer(text):
        token, at = m.group(), m.start()
        if token == "[":
            brackets.append(at)
        elif token in ("]", "]("):
            if brackets:
                work += at - brackets.pop()
            if token == "](":
                parens.append((at + 1, True))
        elif token == "(":
            parens.append((at, False))
        elif token == ")":
            if parens:
                start, link = parens.pop()
                work += at - start if link else 0
        else:  # a blank line ends the paragraph every scan stops at
            close_all(at)
    close_all(len(text))
    return work, worst_at


def _tag_work(text: str) -> tuple[int, int]:
    """Steps HTMLParser takes over start tags: each scans to the next '>'."""
    work, worst, worst_at, next_gt = 0, 0, 0, -1
    for m in _TAG_START.finditer(text):
        at = m.start()
        if next_gt < at:  # each '>' is found once: linear however many tags share it
            next_gt = text.find(">", at)
            if next_gt < 0:
                next_gt = len(text)
        if next_gt - at > worst:
            worst, worst_at = next_gt - at, at
        work += next_gt - at
    return work, worst_at


def _fence_work(text: str) -> tuple[int, int]:
    """Steps the fenced-code search takes: each fence line starts a scan of the rest."""
    work, first, offset = 0, -1, 0
    for line in text.split("\n"):
        if _FENCE.match(line):
            work += (len(text) - offset) // FENCE_WEIGHT
            first = offset if first < 0 else first
        offset += len(line) + 1
    return work, max(first, 0)


def _headings(text: str) -> Refusal | None:
    count, previous = 0, ""
    for number, line in enumerate(text.split("\n"), 1):
        setext = previous.strip() and _SETEXT_UNDERLINE.match(line)
        if _ATX_HEADING.match(line) or setext:
            count += 1
            heading = previous if setext else line
            if len(heading) > MAX_HEADING_CHARS:
                return Refusal(
                    number - 1 if setext else number,
                    f"a heading of {len(heading):,} characters; at most {MAX_HEADING_CHARS:,}",
                    "shorten the heading: the text under it can be as long as you like",
                    "markdown-heading",
                )
            if count > MAX_HEADINGS:
                return Refusal(
                    number,
                    f"more than {MAX_HEADINGS} headings in one Markdown text",
                    "split the text, or use fewer headings",
                    "markdown-headings",
                )
        previous = line
    return None


def refusal(text: str) -> Refusal | None:
    """Why ``text`` is too large, too deep or too costly to render; None when it is fine.

    Runs in time linear in ``text``.
    """
    if len(text) > MAX_CHARS:
        return Refusal(
            _line_at(text, MAX_CHARS),
            f"Markdown text of {len(text):,} characters; at most {MAX_CHARS:,}",
            "shorten it, or split it into several notes",
            "markdown-size",
        )
    found = _nesting(text) or _headings(text)
    if found is not None:
        return found
    budget = WORK_PER_CHAR * len(text) + WORK_BASE
    for (work, at), what, hint in (
        (_bracket_work(text), "'[' or '](' that never close", "close them, or write \\[ and \\("),
        (_tag_work(text), "'<' tags that never close", "close each tag, or write &lt; for <"),
        (_fence_work(text), "code fences (``` or ~~~)", "close each code block's fence"),
    ):
        if work > budget:
            return Refusal(
                _line_at(text, at),
                f"Markdown too costly to render: too many {what}, from this line on",
                hint,
                "markdown-cost",
            )
    return None
