"""Turn pydantic validation errors into located, readable problems."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from scorecardgen.errors import Location, Problem, did_you_mean
from scorecardgen.written_numbers import WrittenNumber, read_written

Locate = Callable[[tuple[str | int, ...], bool], tuple[int, int]]

_FRIENDLY_TYPES = {
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "date_from_datetime_parsing": "a date like 2025-03-31",
    "date_parsing": "a date like 2025-03-31",
    "date_type": "a date like 2025-03-31",
    "list_type": "a list",
    "model_type": "a mapping of keys to values",
    "dict_type": "a mapping of keys to values",
    "bool_type": "true or false",
    "finite_number": "a finite number",
}


def _unwrap(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation may hold (through Optional, list, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    """Visible field names of the (nested) model found at ``path`` inside ``model``."""
    current = [model]
    for part in path:
        if isinstance(part, int):
            continue
        nxt: list[type[BaseModel]] = []
        for m in current:
            info = m.model_fields.get(part)
            if info is not None:
                nxt.extend(_unwrap(info.annotation))
        if not nxt:
            return []
        current = nxt
    names: list[str] = []
    for m in current:
        names.extend(n for n, f in m.model_fields.items() if not f.exclude)
    return names


def _clean_path(loc: tuple[Any, ...], model: type[BaseModel]) -> tuple[str | int, ...]:
    """Drop pydantic's union-member tags (``'int'``, ``'str'``…) that are not real keys."""
    path: list[str | int] = []
    for part in loc:
        # a string is a real key only where the path so far is a model (or the top level)
        if isinstance(part, int) or not path or _fields_at(model, tuple(path)):
            path.append(part)
    return tuple(path)


def _describe_input(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _written_number(
    where: str, text: str, written: WrittenNumber, file: str
) -> tuple[str, str, str]:
    """(message, hint, code) for a number written as a spreadsheet shows it ('96.2%', '13,1')."""
    shown = _describe_input(text)
    plain = written.plain
    # a measurement file is where a vendor's report is pasted: `import` reads it as written
    imported = "/measurements/" in file
    if written.how == "percent":
        files = "measurement files" if imported else "content files"
        hint = f"write {plain}: {files} hold plain numbers (on a % KPI, {plain} is {plain}%)"
        if imported:
            hint += f"; `scorecardgen import` reads {shown} in a vendor's report"
        return f"'{where}' is {shown}, with a % sign", hint, "percent-sign"
    if written.how == "decimal-comma":
        hint = f"write {plain}: content files use a decimal point"
        if imported:
            hint += (
                "; `scorecardgen import` reads decimal commas in a vendor's report, with a "
                "mapping that declares a decimal comma"
            )
        return f"'{where}' is {shown}, with a decimal comma", hint, "decimal-comma"
    separators = (
        "; `scorecardgen import` reads them in a vendor's report, with a mapping that declares them"
        if imported
        else ""
    )
    if written.how == "thousands":
        hint = f"write {plain}: content files use no thousands separators{separators}"
        return f"'{where}' is {shown}, with a thousands separator", hint, "thousands-separator"
    hint = (
        f"write {plain}, as the comma is a decimal comma or a thousands separator: content "
        f"files use a decimal point and no thousands separators{separators}"
    )
    return f"'{where}' is {shown}, with a comma", hint, "decimal-comma"


def problems_from_validation(
    error: ValidationError,
    model: type[BaseModel],
    file: str,
    locate: Locate,
    prefix: tuple[str | int, ...] = (),
) -> list[Problem]:
    """One located problem per pydantic error, with a hint saying what was expected."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        path = _clean_path(tuple(item["loc"]), model)
        kind = item["type"]
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        where = ".".join(str(p) for p in path) or "the file"
        hint = ""
        code, subject = kind, ""
        text = item["input"] if isinstance(item.get("input"), str) else None
        written = read_written(text) if text is not None and kind == "float_parsing" else None
        if kind == "extra_forbidden":
            message = f"unknown key '{key}'"
            hint = did_you_mean(key, _fields_at(model, path[:-1]))
            line, col = locate((*prefix, *path), True)
        elif kind == "missing":
            message = f"missing required key '{key}'"
            line, col = locate((*prefix, *path[:-1]), False)
        else:
            line, col = locate((*prefix, *path), False)
            if kind == "literal_error":
                expected = item.get("ctx", {}).get("expected", "")
                message = f"'{where}' is {_describe_input(item['input'])}, which is not allowed"
                hint = f"expected {expected}"
            elif kind == "value_error":
                message = str(item["msg"]).removeprefix("Value error, ")
                if path:
                    message = f"'{where}': {message}"
            elif kind == "string_pattern_mismatch" and key == "kpi" and text and text.strip():
                # likely its name or an alias: kpi_hints.py suggests the id once KPIs are known
                message = f"unknown KPI {_describe_input(text)}"
                hint = (
                    "a KPI is named by its id, the name of its file in content/kpis/ "
                    "(like 'avg-speed-answer')"
                )
                code, subject = "unknown-kpi", text
            elif written is not None and text is not None:
                message, hint, code = _written_number(where, text, written, file)
            elif kind == "string_pattern_mismatch" and key in ("kpi", "contract", "function"):
                message = f"'{where}' is {_describe_input(item['input'])}, which is not an id"
                hint = "ids are lower-case letters, digits and hyphens, like 'avg-speed-answer'"
            elif kind in _FRIENDLY_TYPES:
                message = f"'{where}' is {_describe_input(item['input'])}"
                hint = f"expected {_FRIENDLY_TYPES[kind]}"
            else:
                message = f"'{where}': {item['msg']}" if path else str(item["msg"])
                hint = f"got {_describe_input(item['input'])}"
        problems.append(
            Problem(Location(file, line, col), message, hint, code=code, subject=subject)
        )
    return problems
