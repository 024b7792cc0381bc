"""Restate a measurement in a YAML file where it lives, keeping the rest of the file as written.

Only the item's ``value`` is replaced and a ``restated: {value, on, reason}`` mapping added (or
its old one replaced), at the places the YAML parser says they are, so comments, order and
style survive. The edited text is parsed again, and must hold exactly the old items with only
the intended change, before it may be written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from scorecardgen.importing.csv_edit import EditFailed
from scorecardgen.importing.values import number_text
from scorecardgen.yamlsource import YamlProblem, parse_yaml


@dataclass(frozen=True)
class YamlChange:
    """A new value for one item, and its restated block (None: a value filled in)."""

    value: float
    first_reported: float | None = None
    on: dt.date | None = None
    reason: str = ""

    def restated(self) -> str | None:
        if self.first_reported is None or self.on is None:
            return None
        reason = json.dumps(self.reason, ensure_ascii=False)  # a JSON string is YAML too
        return (
            f"{{value: {number_text(self.first_reported)}, on: {self.on.isoformat()}, "
            f"reason: {reason}}}"
        )


def edit_yaml(text: str, changes: Mapping[int, YamlChange]) -> str:
    """``text`` (a YAML list of measurements) with ``changes`` made, by item index."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.SequenceNode):
        raise EditFailed("the file is not a list of measurements")
    edits: list[tuple[int, int, str]] = []
    for index, change in changes.items():
        if index >= len(root.value) or not isinstance(root.value[index], yaml.MappingNode):
            raise EditFailed(f"item {index + 1} is not a measurement")
        edits += _item_edits(text, root.value[index], change)
    edited = text
    for start, end, replacement in sorted(edits, reverse=True):
        edited = edited[:start] + replacement + edited[end:]
    _check(text, edited, changes)
    return edited


def _item_edits(
    text: str, item: yaml.MappingNode, change: YamlChange
) -> list[tuple[int, int, str]]:
    pairs = {k.value: (k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)}
    if "value" not in pairs:
        raise EditFailed("the item has no value")
    key, node = pairs["value"]
    start, end = node.start_mark.index, node.end_mark.index
    number = number_text(change.value)
    if start == end:  # `value:` left empty: write after the colon
        start = end = key.end_mark.index + text[key.end_mark.index :].index(":") + 1
        number = " " + number
    edits = [(start, end, number)]
    restated = change.restated()
    if restated is None:
        return edits
    if "restated" in pairs:
        old = pairs["restated"][1]
        edits.append((old.start_mark.index, old.end_mark.index, restated))
    elif item.flow_style:
        close = item.end_mark.index - 1  # the closing brace
        edits.append((close, close, f", restated: {restated}"))
    else:
        indent = item.value[0][0].start_mark.column
        last = item.value[-1][1].end_mark
        at = last.index if last.column == 0 else _line_end(text, last.index)
        line = " " * indent + f"restated: {restated}\n"
        if at == len(text) and not text.endswith("\n"):
            line = "\n" + line
        edits.append((at, at, line))
    return edits


def _line_end(text: str, at: int) -> int:
    """Just past the end of the line holding ``at``."""
    newline = text.find("\n", at)
    return len(text) if newline < 0 else newline + 1


def _check(before: str, after: str, changes: Mapping[int, YamlChange]) -> None:
    """Raise EditFailed unless ``after`` holds ``before``'s items with only ``changes``."""
    try:
        old, _ = parse_yaml(before)
        new, _ = parse_yaml(after)
    except YamlProblem as exc:
        raise EditFailed(f"the edited file would not read: {exc.message}") from None
    expected: list[Any] = [dict(item) if isinstance(item, dict) else item for item in old]
    for index, change in changes.items():
        expected[index]["value"] = _same_number(change.value, new, index)
        if change.restated() is not None:
            expected[index]["restated"] = {
                "value": change.first_reported,
                "on": change.on.isoformat() if change.on else None,
                "reason": change.reason,
            }
    if new != expected:
        raise EditFailed("the edited file would not hold what it should")


def _same_number(value: float, new: Any, index: int) -> Any:
    """The value as read back, when it is ``value`` (else ``value``, so the check fails)."""
    try:
        read = new[index]["value"]
    except (KeyError, IndexError, TypeError):
        return value
    return read if isinstance(read, int | float) and float(read) == value else value
