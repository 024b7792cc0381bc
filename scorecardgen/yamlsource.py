"""Read YAML keeping where every key and value sits, so errors can name line and column."""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # the C loader is several times faster; fall back when libyaml is absent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]


class _Loader(_BaseLoader):
    """Safe loader that leaves dates as text, so an impossible date is a located model error."""


def _construct_timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Locator:
    """Maps a path inside a document (keys and list indexes) to where it was written."""

    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)
    line_offset: int = 0

    # Pickled compactly and unpacked on first use: a vendor's cached state holds a locator
    # per file, ~900 marks, needed only to name where a problem is. Unpickling them as
    # objects took ~40% longer (benchmarks/state_load.py).
    def __getstate__(self) -> dict[str, Any]:
        packed = self.__dict__.get("_packed")
        return {"line_offset": self.line_offset, "packed": packed or _pack(self)}

    def pack(self) -> None:
        """Keep the marks as one marshal string until they are read again (``__getattr__``):
        a project's locators hold a mark per CSV cell, about a fifth of its memory."""
        if "_packed" not in self.__dict__:
            self._packed = _pack(self)
            del self.values, self.keys

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.line_offset = state["line_offset"]
        self._packed = state["packed"]

    def __getattr__(self, name: str) -> Any:
        """``values`` and ``keys`` of a locator that was unpickled, unpacked when first read."""
        packed = self.__dict__.pop("_packed", None) if name in ("values", "keys") else None
        if packed is None:
            raise AttributeError(name)
        values, keys = marshal.loads(packed)
        self.values = {tuple(p): Mark(line, col) for p, line, col in values}
        self.keys = {tuple(p): Mark(line, col) for p, line, col in keys}
        return getattr(self, name)

    def find(self, path: Path_, *, prefer_key: bool = False) -> Mark:
        """The mark of the longest known prefix of ``path`` (the document start at worst)."""
        for end in range(len(path), -1, -1):
            prefix = tuple(path[:end])
            if prefer_key and prefix in self.keys:
                return self._shift(self.keys[prefix])
            if prefix in self.values:
                return self._shift(self.values[prefix])
        return Mark(1 + self.line_offset, 1)

    def _shift(self, mark: Mark) -> Mark:
        return Mark(mark.line + self.line_offset, mark.column)


def _pack(locator: Locator) -> bytes:
    """A locator's marks as one marshal string (paths are tuples of str and int)."""
    return marshal.dumps(
        (
            [(p, m.line, m.column) for p, m in locator.values.items()],
            [(p, m.line, m.column) for p, m in locator.keys.items()],
        )
    )


class YamlProblem(Exception):
    """A file that is not well-formed YAML, or holds something we never accept."""

    def __init__(self, message: str, mark: Mark, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.hint = hint


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


MAX_NODES = 500_000  # bounds alias expansion ("billion laughs") and absurd files
# characters XML (so HTML, SVG and the chart renderer) cannot hold; YAML escapes such as
# "\0" or "\x01" can put them in a value even though the file itself is clean text
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def not_xml_message(text: str) -> str | None:
    """Why ``text`` cannot appear on a page (a control character, say), or None when it can."""
    found = NOT_XML.search(text)
    if found is None:
        return None
    return f"text holds the character U+{ord(found.group()):04X}, which no page can show"


def _walk(loader: _Loader, node: yaml.Node, path: Path_, locator: Locator) -> Any:
    """Construct python data from a node while recording each node's position."""
    locator.values[path] = _mark(node)
    if len(locator.values) > MAX_NODES:
        raise YamlProblem("the YAML document is too large or expands too far", _mark(node))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _walk(loader, key_node, (*path, "\0key"), Locator())
            if not isinstance(key, str | int | float | bool) or key is None:
                raise YamlProblem("a mapping key must be plain text", _mark(key_node))
            if isinstance(key, bool) and isinstance(key_node, yaml.ScalarNode):
                key_text = key_node.value  # YAML 1.1 reads a key `on` or `yes` as true
            else:
                key_text = key if isinstance(key, str) else str(key)
            if key_text in result:
                raise YamlProblem(
                    f"duplicate key '{key_text}'",
                    _mark(key_node),
                    "each key may appear once in a mapping",
                )
            locator.keys[(*path, key_text)] = _mark(key_node)
            result[key_text] = _walk(loader, value_node, (*path, key_text), locator)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*path, i), locator) for i, item in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str) and (why := not_xml_message(value)) is not None:
        raise YamlProblem(why, _mark(node), "remove it (check escapes such as \\0 or \\x01)")
    return value


def _where(text: str, char: str, line_offset: int) -> Mark:
    """Where ``char`` first appears in ``text`` (the reader's position counts bytes)."""
    at = text.find(char)
    if at < 0:
        return Mark(1 + line_offset, 1)
    line = text.count("\n", 0, at) + 1
    return Mark(line + line_offset, at - (text.rfind("\n", 0, at) + 1) + 1)


def parse_yaml(text: str, line_offset: int = 0) -> tuple[Any, Locator]:
    """Parse one YAML document; return its data and a locator. Raise YamlProblem when invalid."""
    locator = Locator(line_offset=line_offset)
    try:
        loader = _Loader(text)
    except UnicodeError:  # a lone surrogate from a caller that did not decode strictly
        where = Mark(1 + line_offset, 1)
        raise YamlProblem("invalid YAML: the text is not valid Unicode", where) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, locator
        return _walk(loader, node, (), locator), locator
    except YamlProblem as exc:  # raised by _walk with marks in the text given, not the file
        where = Mark(exc.mark.line + line_offset, exc.mark.column)
        raise YamlProblem(exc.message, where, exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if "end of stream" in problem and exc.context and exc.context_mark:
            # a quote never closed: point at where it opened, not at the end of the file
            mark, problem = exc.context_mark, f"{exc.context} that is never closed"
        where = Mark(mark.line + 1 + line_offset, mark.column + 1) if mark else Mark(1, 1)
        if problem.startswith("but ") and exc.context:  # "but found another document"
            problem = f"{exc.context}, {problem}"
        raise YamlProblem(f"invalid YAML: {problem}", where) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses; no mark, a position
        raise YamlProblem(
            f"invalid YAML: character U+{exc.character:04X} is not allowed ({exc.reason})",
            _where(text, chr(exc.character), line_offset),
            "remove it, or write it as an escape in a double-quoted string",
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise YamlProblem(f"invalid YAML: {first}", Mark(1 + line_offset, 1)) from None
    except RecursionError:
        raise YamlProblem("the YAML is nested too deeply", Mark(1 + line_offset, 1)) from None
    finally:
        loader.dispose()


@dataclass
class SourceMap:
    """Locators of every YAML or CSV file read, keyed by project-relative path."""

    files: dict[str, Locator] = field(default_factory=dict)

    def pack(self) -> None:
        """Pack every locator until a problem is located in its file (``Locator.pack``)."""
        for locator in self.files.values():
            locator.pack()

    def locate(self, file: str, path: Path_ = (), *, prefer_key: bool = False) -> tuple[int, int]:
        """(line, column) of ``path`` in ``file``; (0, 0) for a file never read."""
        locator = self.files.get(file)
        if locator is None:
            return (0, 0)
        mark = locator.find(path, prefer_key=prefer_key)
        return (mark.line, mark.column)
