"""The words of chart descriptions and data tables for what a period's figure went through:
a missing report, an excluded period, a restated value, a step in the target.

Each phrase is a plain sentence fragment ("1 month missing: Apr 2026"), "" when there is
nothing to say, so figures and templates can show it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from scorecardgen import formatting as fmt
from scorecardgen.i18n import N_, _, ngettext
from scorecardgen.periods import Period
from scorecardgen.scoring import ScoredMeasurement, ServiceLevelSummary

# A missing report the contract counts as a breach (``missing_data: breached``), as the
# pages' status chips word it.
MISSING_BREACHED = N_("Breached (missing)")
MISSING_LISTED = 12  # periods named in a description before "and N more"

Names = Mapping[tuple[str, str], str]


def period_label(period: str) -> str:
    """``2026-04`` -> ``Apr 2026``, ``2026-Q2`` -> ``Q2 2026``."""
    return Period.parse(period).label


def is_missing(m: ScoredMeasurement) -> bool:
    return m.result.missing


def is_excluded(m: ScoredMeasurement) -> bool:
    return m.status == "excluded"


def status_word(m: ScoredMeasurement) -> str:
    """The status of a period in words; a missing report counted as breached says so."""
    if is_missing(m) and m.status == "breached":
        return _(MISSING_BREACHED)
    return fmt.status(m.status).word


def excluded_word(m: ScoredMeasurement) -> str:
    """``Excluded (force majeure: regional flood)``: the status with the agreed reason."""
    word = fmt.status("excluded").word
    return f"{word} ({m.reason})" if m.reason else word


def restated_note(m: ScoredMeasurement, unit: str) -> str:
    """``restated from 64.0 on 12 Jun 2026: Vendor recount``; "" for a figure not restated."""
    r = m.restated
    if r is None:
        return ""
    return _("restated from %(unit)s on %(on)s: %(reason)s") % {
        "unit": fmt.number(r.value, unit),
        "on": fmt.day(r.on),
        "reason": r.reason,
    }


def value_cell(m: ScoredMeasurement, unit: str) -> str:
    """A period's value for a data table: ``70.0 (restated from 64.0 on 12 Jun 2026: ...)``,
    ``Missing`` for a report never sent."""
    if is_missing(m):
        return _("Missing")
    text = fmt.number(m.value, unit)
    note = restated_note(m, unit)
    return f"{text} ({note})" if note else text


def point_label(m: ScoredMeasurement, unit: str) -> str:
    """A period of a service-level chart as its tooltip reads: ``Mar 2026: 70.0% (Met;
    restated from 64.0% on 12 Jun 2026: Vendor recount)``, ``Jul 2026: 41.0%, Excluded
    (force majeure: regional flood)``, ``Apr 2026: Missing``."""
    head = f"{period_label(m.period)}: "
    if is_missing(m):
        return head + (_(MISSING_BREACHED) if m.status == "breached" else _("Missing"))
    if is_excluded(m):
        value = "" if m.value is None else f"{fmt.number(m.value, unit)}, "
        return head + value + excluded_word(m)
    note = restated_note(m, unit)
    word = fmt.status(m.status).word
    return head + f"{fmt.number(m.value, unit)} ({word}{'; ' + note if note else ''})"


def _listed(
    items: Sequence[ScoredMeasurement], what: str, detail: Callable[[ScoredMeasurement], str]
) -> str:
    """``2 months <what>: Apr 2026 (detail), May 2026 (detail)``: the periods of ``items``
    in time order, each with the details of its items, at most MISSING_LISTED named."""
    if not items:
        return ""
    who: dict[str, list[str]] = {}
    for m in items:
        who.setdefault(m.period, [])
        text = detail(m)
        if text and text not in who[m.period]:
            who[m.period].append(text)
    ordered = sorted(who)
    kinds = {Period.parse(p).kind for p in ordered}
    noun = "month" if kinds == {"month"} else "quarter" if kinds == {"quarter"} else "period"
    count = len(ordered)
    listed = [
        f"{period_label(p)} ({'; '.join(who[p])})" if who[p] else period_label(p)
        for p in ordered[:MISSING_LISTED]
    ]
    nouns = {
        "month": ngettext("%(n)s month", "%(n)s months", count),
        "quarter": ngettext("%(n)s quarter", "%(n)s quarters", count),
        "period": ngettext("%(n)s period", "%(n)s periods", count),
    }
    text = f"{nouns[noun] % {'n': count}} {what}: {', '.join(listed)}"
    if count > len(listed):
        text += _(", and %(listed)s more") % {"listed": count - len(listed)}
    return text


def missing_text(missing: Sequence[ScoredMeasurement], names: Names | None = None) -> str:
    """``2 months missing: Apr 2026, May 2026`` ("" for none): the periods of ``missing``
    in time order, each followed by the service levels missing it when ``names`` (by
    (contract, kpi)) is given, and which of them the contract counts as breached."""
    text = _listed(missing, _("missing"), lambda m: names[(m.contract, m.kpi)] if names else "")
    counted = sum(1 for m in missing if m.status == "breached")
    if counted:
        reports = "report" if counted == 1 else "reports"
        text += (
            _(", counted as breached")
            if counted == len(missing)
            else _("; %(counted)s missing %(reports)s counted as breached")
            % {"counted": counted, "reports": reports}
        )
    return text


def excluded_text(excluded: Sequence[ScoredMeasurement], names: Names | None = None) -> str:
    """``1 month excluded: Jun 2026 (force majeure: regional flood)`` ("" for none); with
    ``names``, each reason after its service level's name (``Appeal overturn rate: ...``)."""

    def detail(m: ScoredMeasurement) -> str:
        reason = m.reason or ""
        if names is None:
            return reason
        name = names[(m.contract, m.kpi)]
        return f"{name}: {reason}" if reason else name

    return _listed(excluded, _("excluded"), detail)


def restated_text(restated: Sequence[ScoredMeasurement], unit: str) -> str:
    """``1 value restated: Mar 2026 70.0 (from 64.0 on 12 Jun 2026: Vendor recount)``."""
    if not restated:
        return ""

    listed = [
        f"{period_label(m.period)} {fmt.number(m.value, unit)} ({restated_note(m, unit)})"
        for m in sorted(restated, key=lambda m: m.period)
    ]
    return ngettext(
        "%(n)s value restated: %(listed)s", "%(n)s values restated: %(listed)s", len(restated)
    ) % {"n": len(restated), "listed": ", ".join(listed)}


_MOVES = {
    ("expected", True): N_("expected rises to %(value)s"),
    ("expected", False): N_("expected falls to %(value)s"),
    ("minimum", True): N_("minimum rises to %(value)s"),
    ("minimum", False): N_("minimum falls to %(value)s"),
}


def steps_text(points: Sequence[ScoredMeasurement], unit: str) -> str:
    """Where the levels in force change between consecutive periods of ``points`` (time
    order): ``expected rises to 78.0% from Jan 2026``, "" when they never change."""
    changes = []
    for before, after in pairwise(points):
        parts = [
            _(_MOVES[kind, new > old]) % {"value": fmt.number(new, unit)}
            for kind, old, new in (
                ("expected", before.expected, after.expected),
                ("minimum", before.minimum, after.minimum),
            )
            if old != new
        ]
        if not parts:
            continue
        moved = parts[0]
        if len(parts) > 1:
            moved = _("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}
        label = period_label(after.period)
        changes.append(_("%(changes)s from %(period)s") % {"changes": moved, "period": label})
    return "; ".join(changes)


def next_step_text(sl: ServiceLevelSummary) -> str:
    """``Next step from Jan 2027: expected 80.0%, minimum 75.0%``; "" when none is to come."""
    step = sl.next_step
    if step is None:
        return ""
    return _("Next step from %(label)s: expected %(unit)s, minimum %(unit2)s") % {
        "label": step.month.label,
        "unit": fmt.number(step.expected, sl.unit),
        "unit2": fmt.number(step.minimum, sl.unit),
    }
