"""Read one content file at a time, collecting located problems instead of raising.

``Reader`` holds the project root, the problems found so far and the source map being built.
Every file goes through ``read_text``, and every folder listing through ``entries``, which
refuse (as located errors) what ``projectfiles`` says a build must never read. The reader
hashes the bytes it reads as it reads them (``digest``): the cache keys of whatever is made
from these records come from the very bytes the records were parsed from, never from a
second read that an edit could slip between.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from scorecardgen.errors import Location, Problems
from scorecardgen.model import SLUG
from scorecardgen.model_errors import problems_from_validation
from scorecardgen.projectfiles import BadText, decode_text, is_ignored, refusal
from scorecardgen.yamlsource import SourceMap, YamlProblem, parse_yaml

MAX_FILE_BYTES = 5 * 1024 * 1024  # no hand-kept content file is this big; guards memory and time
M = TypeVar("M", bound=BaseModel)
FAILED: Any = object()  # what yaml() returns for a file that could not be parsed


class Reader:
    """Holds the project root, the problems found so far and the source map being built."""

    def __init__(self, root: Path):
        self.root = root
        self.real_root = root.resolve()
        self.problems = Problems()
        self.sources = SourceMap()
        self.unreadable: set[str] = set()  # files with errors; later checks skip what they hold
        self._usable: set[Path] = set()  # vetted by entries(), so read_text need not ask again
        self._hash = hashlib.sha256()
        # each file's name as problems give it, made once: every measurement's location
        # shares its file's one string (in memory, and in a pickled state)
        self._rel: dict[Path, str] = {}

    def digest(self) -> str:
        """SHA-256 of every file read so far: its path in the project, then its bytes."""
        return self._hash.hexdigest()

    # -- files ---------------------------------------------------------------------------

    def rel(self, path: Path) -> str:
        """``path`` relative to the project root, as problems name files."""
        found = self._rel.get(path)
        if found is None:
            try:
                found = path.relative_to(self.root).as_posix()
            except ValueError:
                found = path.as_posix()
            self._rel[path] = found
        return found

    def error(
        self,
        path: Path | str,
        message: str,
        hint: str = "",
        line: int = 0,
        column: int = 0,
        code: str = "invalid",
    ) -> None:
        """Record an error at ``path`` (and line, column); the file counts as unreadable."""
        file = path if isinstance(path, str) else self.rel(path)
        self.unreadable.add(file)
        self.problems.add(Location(file, line, column), message, hint, code=code)

    def entries(self, folder: Path) -> Iterator[Path]:
        """Children of ``folder`` in name order, skipping ignored names and links out."""
        try:
            children = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            self.error(folder, f"cannot read folder: {exc.strerror or exc}")
            return
        for child in children:
            if not is_ignored(child.name) and self.usable(child):
                yield child

    def usable(self, path: Path) -> bool:
        """False (with a located error) for a path a build never reads: a link out of the
        project, a link loop, a FIFO or device, something unreadable."""
        if path in self._usable:
            return True
        why = refusal(path, self.real_root)
        if why is not None:
            self.error(path, why.message, why.hint, code=why.code)
            return False
        self._usable.add(path)
        return True

    def ignored(self, path: Path, message: str, hint: str) -> None:
        """A file or folder the project does not use: a warning, and nothing read from it."""
        self.problems.add(
            Location(self.rel(path)), message, hint, severity="warning", code="unexpected-file"
        )

    def slug_of(self, path: Path, what: str) -> str | None:
        """The id a file or folder name gives, or None (with an error) when it is no slug."""
        name = path.name if path.is_dir() else path.stem
        if SLUG.match(name):
            return name
        self.error(
            path,
            f"'{path.name}' is not a valid {what} id",
            "ids come from file and folder names: lower-case letters, digits and "
            "hyphens, like 'acme-support'",
            code="bad-id",
        )
        return None

    def read_text(self, path: Path) -> str | None:
        """The file's text, or None with a located error: refused, too large, not UTF-8."""
        if not self.usable(path):
            return None
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.error(
                    path,
                    f"file is too large ({size:,} bytes)",
                    f"content files are at most {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                    "split measurements into several files",
                    line=1,
                    column=1,
                    code="too-large",
                )
                return None
            data = path.read_bytes()
        except OSError as exc:
            self.error(path, f"cannot read file: {exc.strerror or exc}")
            return None
        name = self.rel(path).encode()
        for part in (name, data):  # length-prefixed, so two files never blur into one
            self._hash.update(len(part).to_bytes(8, "big"))
            self._hash.update(part)
        text = decode_text(data)
        if isinstance(text, BadText):
            self.error(path, text.message, text.hint, text.line, text.column, code="encoding")
            return None
        return text

    def yaml(self, path: Path, text: str | None = None, line_offset: int = 0) -> Any:
        """Parse a YAML file (or front matter text); record its locator; FAILED on problems."""
        if text is None:
            text = self.read_text(path)
            if text is None:
                return FAILED
        try:
            data, locator = parse_yaml(text, line_offset)
        except YamlProblem as exc:
            self.error(path, exc.message, exc.hint, exc.mark.line, exc.mark.column, code="yaml")
            return FAILED
        self.sources.files[self.rel(path)] = locator
        return data

    def validate(
        self,
        model: type[M],
        data: Any,
        path: Path,
        prefix: tuple[str | int, ...] = (),
    ) -> M | None:
        """Validate ``data`` against ``model``; on failure record located problems."""
        file = self.rel(path)
        if data is FAILED:
            return None
        if not isinstance(data, dict):
            line, col = self.sources.locate(file, prefix)
            self.error(
                file,
                f"expected a mapping of keys to values, got {kind_of(data, bool(prefix))}",
                "see `scorecardgen schema` for the keys of this file",
                line,
                col,
            )
            return None
        if "id" in data and "id" in model.model_fields:  # ids come from names, never keys
            line, col = self.sources.locate(file, (*prefix, "id"), prefer_key=True)
            self.error(
                file,
                "unknown key 'id'",
                "ids come from the file or folder name",
                line,
                col,
                code="extra_forbidden",
            )
            return None
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            self.unreadable.add(file)
            self.problems.extend(
                problems_from_validation(
                    exc,
                    model,
                    file,
                    lambda p, key: self.sources.locate(file, p, prefer_key=key),
                    prefix,
                )
            )
            return None
        return record

    def location(self, path: Path, prefix: tuple[str | int, ...] = ()) -> Location:
        """Where ``prefix`` (keys and indexes) sits in ``path`` (line 1, column 1 at worst)."""
        file = self.rel(path)
        line, col = self.sources.locate(file, prefix)
        return Location(file, line or 1, col or 1)


def kind_of(data: Any, item: bool = False) -> str:
    """What ``data`` is, in words for an error message (``item``: it is a list item)."""
    if data is None:
        return "an empty item" if item else "an empty document"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "text"
    return f"a {type(data).__name__}"
