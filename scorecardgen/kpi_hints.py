"""Hints that need the KPI catalogue: the KPI an unknown name most likely means (by id, name
or alias), and what a value written with a % sign should be for its KPI's unit.

A vendor's files are read without the catalogue (it is shared, and may change on its own), so
a problem found while reading names what it is about (``Problem.subject``) and gets its hint
here, once the catalogue is known; the checks that run with the catalogue call
``suggest_kpi`` directly.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from scorecardgen.errors import Problem, did_you_mean
from scorecardgen.model import Kpi

By = Literal["id", "name", "alias"]


@dataclass(frozen=True)
class KpiMatch:
    """The KPI a text most likely means, and how: by its id, its name or one of its aliases."""

    kpi_id: str
    by: By
    written: str  # the id, name or alias matched
    exact: bool  # the same words, ignoring case, spaces, hyphens and underscores


def _words(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def closest_kpi(text: str, kpis: Mapping[str, Kpi]) -> KpiMatch | None:
    """The KPI ``text`` names or most likely means, or None when no id, name or alias is close."""
    names: dict[str, tuple[str, By, str]] = {}
    for kpi_id in sorted(kpis):  # ids first: an id wins over a name written the same
        names.setdefault(_words(kpi_id), (kpi_id, "id", kpi_id))
    for kpi_id in sorted(kpis):
        kpi = kpis[kpi_id]
        names.setdefault(_words(kpi.name), (kpi_id, "name", kpi.name))
        for alias in kpi.aliases:
            names.setdefault(_words(alias), (kpi_id, "alias", alias))
    wanted = _words(text)
    if wanted in names:
        return KpiMatch(*names[wanted], exact=True)
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    return KpiMatch(*names[close[0]], exact=False) if close else None


def suggest_kpi(text: str, kpis: Mapping[str, Kpi]) -> str:
    """ "did you mean 'fcr' (its name)?" for an unknown KPI, or '' when nothing is close."""
    match = closest_kpi(text, kpis)
    if match is None or match.kpi_id == text:
        return ""
    if match.by == "id":
        return f"did you mean '{match.kpi_id}'?"
    what = "its name" if match.by == "name" else "an alias"
    how = f"{what}" if match.exact else f"{what}, '{match.written}'"
    return f"did you mean '{match.kpi_id}' ({how})? content files name a KPI by its id"


def with_kpi_hints(problems: Iterable[Problem], kpis: Mapping[str, Kpi]) -> list[Problem]:
    """``problems`` with the hints of those about a KPI (``subject``) completed against the
    catalogue: an unknown KPI's closest id, name or alias; a % sign on a KPI not in %."""
    result = []
    for problem in problems:
        if problem.subject and problem.code == "unknown-kpi":
            problem = _unknown(problem, kpis)
        elif problem.subject and problem.code == "percent-sign":
            problem = _percent(problem, kpis.get(problem.subject))
        result.append(problem)
    return result


def _unknown(problem: Problem, kpis: Mapping[str, Kpi]) -> Problem:
    hint = suggest_kpi(problem.subject, kpis)
    match = closest_kpi(problem.subject, kpis)
    if hint and match and match.by != "id" and "/measurements/" in problem.location.file:
        hint += "; `scorecardgen import` reads names and aliases in a vendor's report"
    if not hint:
        hint = did_you_mean(problem.subject, kpis) or problem.hint
    return replace(problem, hint=hint)


def _percent(problem: Problem, kpi: Kpi | None) -> Problem:
    if kpi is None or kpi.unit == "%":
        return problem  # a % KPI: the plain number is the percentage, as the hint says
    return replace(
        problem,
        message=f"{problem.message}, but KPI '{problem.subject}' is measured in {kpi.unit}, not %",
        hint=f"write the value in {kpi.unit}, as a plain number; a % sign belongs to a % KPI",
    )
