"""Numbers as people write them: ``97.5``, ``97.5%``, ``1.234,5``, ``13,1``, ``1 234``.

A value is read with a decimal mark (a point or a comma, declared in the mapping or guessed
from the report) and a thousands separator that must group digits in threes, so ``13,1``
is never silently 131. A percent sign, or an Excel cell formatted as a percentage, is only
accepted for a KPI measured in %. Blank cells, and ``-``, ``n/a`` and the like, are no value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from scorecardgen.importing.sources import Cell

NO_VALUE = {"-", "–", "—", "n/a", "na", "n.a.", "none", "null", "nil"}
_EXCEL_ERRORS = {"#n/a", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!", "#spill!"}
_SPACES = re.compile(r"[\s\u00a0\u202f]")
_MINUS = "-\u2212"  # hyphen-minus and the minus sign
PercentMode = Literal["points", "fraction"]


class BadValue(Exception):
    """A cell that holds no number: what it holds and what to write instead."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class NumberStyle:
    """How a report writes numbers as text: its decimal mark, and its thousands separator
    (None: the other mark, a space or an apostrophe; '' for none)."""

    decimal: str = "."
    thousands: str | None = None
    declared: bool = True  # False: the decimal mark was guessed from the report

    def separators(self) -> str:
        if self.thousands is not None:
            return self.thousands
        return ("," if self.decimal == "." else ".") + " '\u00a0\u202f"


@dataclass(frozen=True)
class Unit:
    """What a value is measured in: the KPI's id and unit, for messages and the % rule."""

    kpi: str
    unit: str

    @property
    def percent(self) -> bool:
        return self.unit == "%"


def read_value(cell: Cell, style: NumberStyle, unit: Unit, mode: PercentMode) -> float | None:
    """The number in ``cell`` for a KPI in ``unit`` (None: no value); raise BadValue."""
    value = cell.value
    if cell.blank or (isinstance(value, str) and value.strip().casefold() in NO_VALUE):
        return None
    if isinstance(value, bool):
        raise BadValue("true/false is not a number")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise BadValue(
            "a date is not a value", "is the layout right? A period belongs in its own column"
        )
    if isinstance(value, int | float):
        number = float(value)
        if cell.percent:
            _percent_allowed(unit, f"the cell is a percentage ({_hundred(number):g}%)")
            return _finite(_hundred(number))
        return _finite(_hundred(number) if mode == "fraction" and unit.percent else number)
    text = str(value).strip()
    if text.casefold() in _EXCEL_ERRORS:
        raise BadValue(
            f"the cell holds Excel's error {text}, not a number",
            "fix the formula in the report, or leave the cell empty for no data",
        )
    has_percent = text.endswith("%") or text.startswith("%")
    if has_percent:
        _percent_allowed(unit, f"'{text}' has a percent sign")
        text = text.strip("%").strip()
    number = _parse_text(text, style, str(value).strip())
    if mode == "fraction" and unit.percent and not has_percent:
        number = _hundred(number)
    return _finite(number)


def _hundred(number: float) -> float:
    # 0.975 * 100 is 97.50000000000001 in binary floating point: round off the noise
    return round(number * 100, 10)


def _finite(number: float) -> float:
    if not math.isfinite(number):
        raise BadValue("the number is too large", "a value is a finite number")
    return number


def _percent_allowed(unit: Unit, what: str) -> None:
    if not unit.percent:
        raise BadValue(
            f"{what}, but KPI '{unit.kpi}' is measured in {unit.unit}, not %",
            "write the value without a percent sign, or check that the row is for this KPI",
        )


def _parse_text(text: str, style: NumberStyle, shown: str) -> float:
    sign = 1.0
    if text[:1] in _MINUS or text[:1] == "+":
        sign = -1.0 if text[0] in _MINUS else 1.0
        text = text[1:].strip()
    decimal = style.decimal
    separators = style.separators()
    if decimal in text:
        whole, _, fraction = text.rpartition(decimal)
    else:
        whole, fraction = text, ""
    digits = _grouped(whole, separators)
    if digits is None or (fraction and not fraction.isdigit()) or (not digits and not fraction):
        scientific = _scientific(text) if decimal == "." else None
        if scientific is not None:
            return sign * scientific
        raise BadValue(*_why_not(shown, style))
    return sign * float(f"{digits or '0'}.{fraction or '0'}")


def _grouped(whole: str, separators: str) -> str | None:
    """The digits of a whole part written with thousands separators in threes, or None."""
    if whole.isdigit() or whole == "":
        return whole
    used = {c for c in whole if not c.isdigit()}
    if len(used) != 1 or not used <= set(separators):
        return None
    groups = whole.split(used.pop())
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        return None
    if not all(g.isdigit() for g in groups):
        return None
    return "".join(groups)


def _scientific(text: str) -> float | None:
    if re.fullmatch(r"\d+(\.\d*)?[eE][+-]?\d+", text):
        return float(text)
    return None


def _why_not(text: str, style: NumberStyle) -> tuple[str, str]:
    """The message and hint for text that is no number in ``style``."""
    bare = _SPACES.sub("", text).strip("%")
    if style.decimal == "." and re.fullmatch(r"[+\-\u2212]?\d[\d.]*,\d+", bare):
        return (
            f"'{text}' is written with a decimal comma",
            'declare it in the vendor\'s import mapping: decimal: ","',
        )
    if style.decimal == "," and re.fullmatch(r"[+\-\u2212]?\d[\d,]*\.\d+", bare):
        said = "the mapping says" if style.declared else "the report's other values have"
        return (
            f"'{text}' is written with a decimal point, but {said} a decimal comma",
            "correct the value, or declare the decimal mark in the vendor's import mapping: "
            'decimal: "."',
        )
    example = "97.5" if style.decimal == "." else "97,5"
    return (
        f"'{text}' is not a number",
        f"a value is a number such as {example} (or {example}% for a % KPI); leave the cell "
        "empty for no data",
    )


def guess_decimal(texts: list[str]) -> tuple[str, bool]:
    """The decimal mark of a report's text values, and whether anything showed it: a comma
    followed by other than three digits (13,1) or after points (1.234,5) shows a decimal
    comma; a point the same way shows a decimal point. Ties go to the point."""
    comma = point = 0
    for raw in texts:
        text = _SPACES.sub("", raw).strip("%")
        if re.fullmatch(r"[+\-\u2212]?\d+(\.\d{3})*,\d+", text) and not re.fullmatch(
            r"[+\-\u2212]?\d{1,3},\d{3}", text
        ):
            comma += 1
        elif re.fullmatch(r"[+\-\u2212]?\d+(,\d{3})*\.\d+", text) and not re.fullmatch(
            r"[+\-\u2212]?\d{1,3}\.\d{3}", text
        ):
            point += 1
    if comma > point:
        return ",", True
    return ".", point > 0


def number_text(value: float) -> str:
    """A value as a content file writes it: 97.5, 80 (not 80.0), never in e-notation (YAML
    would read 1e-05 as text)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
