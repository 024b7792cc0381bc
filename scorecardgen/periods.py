"""Reporting periods: months (``2025-03``) and quarters (``2025-Q1``)."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from babel.dates import format_skeleton

from scorecardgen.i18n import ENGLISH_TAGS, babel_locale, locale_tag

PeriodKind = Literal["month", "quarter"]

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Period:
    """A month or a quarter. Orders by start date; a quarter sorts after its months' start."""

    year: int
    first_month: int
    kind: PeriodKind

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``YYYY-MM`` or ``YYYY-Qn``; raise ValueError with the expected form otherwise."""
        return _parse(str(text).strip())

    @classmethod
    def _parse(cls, text: str) -> Period:
        m = _MONTH.match(text)
        if m:
            return cls(int(m.group(1)), int(m.group(2)), "month")
        q = _QUARTER.match(text)
        if q:
            return cls(int(q.group(1)), (int(q.group(2)) - 1) * 3 + 1, "quarter")
        raise ValueError(
            f"'{text}' is not a period: expected a month like 2025-03 or a quarter like 2025-Q1"
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, month, "month")

    @classmethod
    def quarter_of(cls, year: int, month: int) -> Period:
        return cls(year, (month - 1) // 3 * 3 + 1, "quarter")

    @property
    def quarter_number(self) -> int:
        return (self.first_month - 1) // 3 + 1

    @property
    def quarter(self) -> Period:
        """The quarter this period lies in (itself for a quarter)."""
        return Period.quarter_of(self.year, self.first_month)

    @property
    def window(self) -> Literal["monthly", "quarterly"]:
        """The service-level window this period belongs to."""
        return "monthly" if self.kind == "month" else "quarterly"

    @functools.cached_property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def last_month(self) -> int:
        return self.first_month if self.kind == "month" else self.first_month + 2

    @functools.cached_property
    def end(self) -> date:
        """The last day of the period (worked out once: scoring asks it of every period)."""
        last = self.last_month
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def months(self) -> list[Period]:
        """The months of this period, in order (one for a month, three for a quarter)."""
        return list(_months(self))

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        step = 1 if self.kind == "month" else 3
        index = self.year * 12 + self.first_month - 1 - step
        return Period(index // 12, index % 12 + 1, self.kind)

    def __str__(self) -> str:
        return self._text

    @functools.cached_property
    def _text(self) -> str:  # periods are keys everywhere; format each once
        if self.kind == "month":
            return f"{self.year:04d}-{self.first_month:02d}"
        return f"{self.year:04d}-Q{self.quarter_number}"

    @property
    def label(self) -> str:
        """Human label in the site's language: ``Mar 2025`` or ``Q1 2025`` (``März 2025``,
        ``T1 2025`` in ``fr``)."""
        return _label(self, locale_tag())


@functools.lru_cache(maxsize=4096)
def _label(period: Period, tag: str) -> str:
    if tag.lower() in ENGLISH_TAGS:
        if period.kind == "month":
            return f"{calendar.month_abbr[period.first_month]} {period.year}"
        return f"Q{period.quarter_number} {period.year}"
    skeleton = "yMMM" if period.kind == "month" else "yQQQ"
    return str(format_skeleton(skeleton, period.start, locale=babel_locale(tag)))


@functools.lru_cache(maxsize=4096)
def _months(period: Period) -> tuple[Period, ...]:
    return tuple(
        Period.month(period.year, m) for m in range(period.first_month, period.last_month + 1)
    )


@functools.lru_cache(maxsize=1 << 14)  # a project has few distinct periods, parsed very often
def _parse(text: str) -> Period:
    return Period._parse(text)
