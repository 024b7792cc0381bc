"""Numbers as spreadsheets and people write them, which content files do not read: ``96.2%``,
``13,1``, ``1.234,5``, ``1,234.5``. Each is told apart so an error can say what to write
instead; content files hold plain numbers with a decimal point (``scorecardgen import`` is
what reads a vendor's report as it is written)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

How = Literal["percent", "decimal-comma", "thousands", "comma"]

_SIGN = r"[-+]?"
_PERCENT = re.compile(rf"({_SIGN}\d+(?:[.,]\d+)?)\s*%")
_DECIMAL_COMMA = re.compile(rf"{_SIGN}\d+,\d+")
_THOUSANDS_COMMA = re.compile(rf"{_SIGN}\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?")
_THOUSANDS_DOT = re.compile(rf"{_SIGN}\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?")
_ONE_COMMA_THOUSANDS = re.compile(rf"{_SIGN}[1-9]\d{{0,2}},\d{{3}}")  # not '0,125'


@dataclass(frozen=True)
class WrittenNumber:
    """How a number was written, and the plain number to write instead."""

    how: How
    plain: str  # '96.2'; for an ambiguous '1,234': "1.234 or 1234"


def read_written(text: str) -> WrittenNumber | None:
    """What ``text`` is, when it is a number written with a % sign, a decimal comma or
    thousands separators; None for anything else (plain numbers included)."""
    text = text.strip()
    try:
        float(text)
        return None
    except ValueError:
        pass
    percent = _PERCENT.fullmatch(text)
    if percent:
        return WrittenNumber("percent", percent.group(1).replace(",", "."))
    if _ONE_COMMA_THOUSANDS.fullmatch(text):  # '1,234': a decimal comma, or thousands?
        return WrittenNumber("comma", f"{text.replace(',', '.')} or {text.replace(',', '')}")
    if _DECIMAL_COMMA.fullmatch(text):
        return WrittenNumber("decimal-comma", text.replace(",", "."))
    if _THOUSANDS_COMMA.fullmatch(text):
        return WrittenNumber("thousands", text.replace(",", ""))
    if _THOUSANDS_DOT.fullmatch(text):  # '1.234,5' or '1.234.567'
        how: How = "decimal-comma" if "," in text else "thousands"
        return WrittenNumber(how, text.replace(".", "").replace(",", "."))
    return None
