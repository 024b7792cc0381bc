"""The Markdown fields of a project checked as they will render, so ``check`` reports what
``build`` would: a source removed because it would load from another host (a warning), and
text too large, deep or costly to render (an error), each at its file and line.

Each text is rendered once (markdown_render.rendered is cached): the pages reuse the HTML.
"""

from __future__ import annotations

from pathlib import Path

from scorecardgen.errors import Location, Problems
from scorecardgen.markdown_render import RemoteSource, rendered
from scorecardgen.model import Project, VendorContent

REMOTE_HINT = (
    "pages never load from another host: put the file in the project and give a relative "
    "path, or link to it instead: [text](url)"
)


def _remote_message(source: RemoteSource) -> str:
    what = (
        "image"
        if (source.tag, source.attribute) == ("img", "src")
        else (f"<{source.tag} {source.attribute}>")
    )
    return f"the {what} {source.url} loads from another host; it was removed from the page"


def _lines(root: Path, file: str) -> list[str]:
    try:
        return (root / file).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


class _Origin:
    """Where line 1 of a Markdown text sits in its file, worked out only when needed."""

    def __init__(self, project: Project, file: str, text: str, key: str | None):
        self.project, self.file, self.text, self.key = project, file, text, key

    def at(self, line: int) -> Location:
        if self.key is None:  # a note: the body is the end of the file, after front matter
            lines = _lines(self.project.root, self.file)
            start = len(lines) - (self.text.count("\n") + 1) + 1
            return Location(self.file, max(start, 1) + line - 1)
        first, column = self.project.sources.locate(self.file, (self.key,))
        lines = _lines(self.project.root, self.file)
        indicator = lines[first - 1][column - 1 :][:1] if 0 < first <= len(lines) else ""
        if indicator in ("|", ">"):  # a block scalar: its text starts on the next line
            return Location(self.file, first + line)
        return Location(self.file, first, column)  # a one-line or folded value


def check_text(
    problems: Problems, project: Project, text: str, file: str, key: str | None = None
) -> None:
    """Report what rendering ``text`` (a value at ``key`` of a YAML file, or with ``key``
    None the body of a note) removed or refused."""
    if not text.strip():
        return
    result = rendered(text)
    if result.refused is None and not result.removed:
        return
    origin = _Origin(project, file, text, key)
    if result.refused is not None:
        why = result.refused
        problems.add(origin.at(why.line), why.message, why.hint, code=why.code)
    for line, source in result.removed:
        problems.add(
            origin.at(line),
            _remote_message(source),
            REMOTE_HINT,
            severity="warning",
            code="remote-resource",
        )


def check_vendor_markdown(project: Project, vc: VendorContent, problems: Problems) -> None:
    """The vendor's summary and every note's body."""
    if vc.vendor.source is not None:
        check_text(problems, project, vc.vendor.summary, vc.vendor.source.file, "summary")
    for note in vc.notes.values():
        if note.source is not None:
            check_text(problems, project, note.body, note.source.file)


def check_kpi_markdown(project: Project, problems: Problems) -> None:
    """Every KPI's description."""
    for kpi in project.kpis.values():
        if kpi.source is not None:
            check_text(problems, project, kpi.description, kpi.source.file, "description")
