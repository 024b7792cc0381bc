"""A KPI as a report names it: by its id, its name, one of its aliases, or a name the vendor's
mapping gives it, ignoring case and spacing (``First Contact Resolution (%)`` and ``Quality
score`` for ``quality-score`` read too, when they name one KPI only).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from scorecardgen.model import Kpi

_UNIT_SUFFIX = re.compile(r"\s*(\((?:[^()]*)\)|\[[^\[\]]*\]|%)\s*$")


class UnknownKpi(Exception):
    """A name that is no KPI, or several; the message and a did-you-mean hint."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


def normalise(text: str) -> str:
    """A name as compared: case and spacing ignored."""
    return " ".join(str(text).split()).casefold()


def _loose(text: str) -> str:
    """A name without a trailing unit such as ``(%)``, ``[s]`` or ``%``, hyphens and
    underscores read as spaces (``Quality score`` is ``quality-score``)."""
    return normalise(_UNIT_SUFFIX.sub("", text).replace("-", " ").replace("_", " "))


@dataclass
class KpiNames:
    """Every name a KPI goes by in this vendor's reports, to the KPI's id."""

    exact: dict[str, set[str]] = field(default_factory=dict)
    loose: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # a compared name -> as written
    ignored: set[str] = field(default_factory=set)

    @classmethod
    def of(
        cls, kpis: dict[str, Kpi], named: dict[str, str], ignore: list[str] | None = None
    ) -> KpiNames:
        """The names of the catalogue's KPIs, and those a mapping gives (``named``: name -> id),
        which win over the catalogue's; ``ignore``: names whose rows are skipped."""
        names = cls(ignored={normalise(n) for n in ignore or []})
        for kpi in kpis.values():
            for name in (kpi.id, kpi.name, *kpi.aliases):
                names._add(name, kpi.id)
        for name, kpi_id in named.items():
            names.exact[normalise(name)] = {kpi_id}
            names.loose[_loose(name)] = {kpi_id}
            names.shown[normalise(name)] = name
        return names

    def _add(self, name: str, kpi_id: str) -> None:
        self.exact.setdefault(normalise(name), set()).add(kpi_id)
        self.loose.setdefault(_loose(name), set()).add(kpi_id)
        self.shown.setdefault(normalise(name), name)

    def is_ignored(self, text: str) -> bool:
        return normalise(text) in self.ignored

    def resolve(self, text: str) -> str:
        """The id of the KPI ``text`` names; raise UnknownKpi."""
        key = normalise(text)
        ids = self.exact.get(key) or self.loose.get(_loose(text))
        if ids is not None and len(ids) == 1:
            return next(iter(ids))
        if ids:
            listed = ", ".join(sorted(ids))
            raise UnknownKpi(
                f"'{text}' names several KPIs ({listed})",
                f"name the one it means in the mapping's kpis: {{'{text}': <kpi-id>}}",
            )
        close = difflib.get_close_matches(key, list(self.shown), n=1, cutoff=0.6)
        guess = ""
        if close:
            kpi_id = next(iter(self.exact[close[0]]))
            shown = self.shown[close[0]]
            guess = f"did you mean '{shown}'" + (f" ({kpi_id})" if shown != kpi_id else "") + "? "
        raise UnknownKpi(
            f"'{text}' is no KPI id, name or alias",
            f"{guess}Add it to the KPI's aliases, map it in the vendor's import mapping "
            "(kpis: {'<name>': <kpi-id>}), or skip such rows with ignore: ['<name>']",
        )
