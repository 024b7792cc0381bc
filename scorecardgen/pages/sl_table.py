"""The scorecard's service-level table: one row per service level, grouped by contract.

Besides the latest value against the levels, each row says whether the service level is
critical (earns credits, with its allocation) or a key measurement, which levels are in force
and the next step to come (SCORING.md 1c), and whether it is in default (7b), a possible
termination right that also flags its contract.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import N_, _, ngettext
from scorecardgen.model import Contract, Project, VendorContent
from scorecardgen.pages import urls
from scorecardgen.pages.common import badge, period_label
from scorecardgen.pages.figures import Figure
from scorecardgen.pages.measurement_marks import marks
from scorecardgen.pages.missing import missing_badge, period_list
from scorecardgen.periods import Period
from scorecardgen.scoring import ServiceLevelSummary, VendorScorecard, at_risk_amount
from scorecardgen.scoring.currency import Currencies

TERMINATION = N_("possible termination right")


def _look(word: str) -> dict[str, str]:
    """The flag look of an earn-back or default word: its status look as a flag."""
    s = fmt.status(word)
    return {"icon": s.icon, "css": f"flag-{word}", "word": s.word}


def role(
    sl: ServiceLevelSummary, contract: Contract, currency: str | None, locale: str
) -> dict[str, str]:
    """Critical (earns credits: its allocation, and what a breach earns) or key measurement."""
    if not sl.critical:
        return {"word": _("Key measurement"), "css": "role-key", "text": _("earns no credits")}
    allocation = sl.credit_allocation or 0.0
    text = _("%(g)s%% allocation") % {"g": format(allocation, "g")}
    at_risk = at_risk_amount(contract)
    if at_risk is not None:
        text += _(", %(locale)s a breach") % {
            "locale": fmt.money(at_risk * allocation / 100, currency, locale=locale)
        }
    return {"word": _("Critical"), "css": "role-critical", "text": text}


def levels_in_force(sl: ServiceLevelSummary, as_of_month: Period) -> str:
    """``in force since Jan 2026`` when a step has replaced the base levels; else ""."""
    reached = [s for s in sl.steps if s.month <= as_of_month]
    if not reached:
        return ""
    return _("in force since %(label)s") % {
        "label": max(reached, key=lambda s: s.month).month.label
    }


def next_step(sl: ServiceLevelSummary) -> str:
    """``from Jan 2027: expected 80.0%, minimum 70.0%``; "" when no step is to come."""
    step = sl.next_step
    if step is None:
        return ""
    return _("from %(label)s: expected %(unit)s, minimum %(unit2)s") % {
        "label": step.month.label,
        "unit": fmt.number(step.expected, sl.unit),
        "unit2": fmt.number(step.minimum, sl.unit),
    }


def default_flag(sl: ServiceLevelSummary) -> dict[str, str] | None:
    """``In default since Jul 2026: possible termination right`` with the run of breaches
    behind it, or None when the service level is not in default."""
    d = sl.default
    if not d.default or d.since is None:
        return None
    if sl.window == "monthly":
        run = ngettext(
            "breached in %(n)s consecutive month (%(run)s); default after %(after)s",
            "breached in %(n)s consecutive months (%(run)s); default after %(after)s",
            len(d.run),
        )
    else:
        run = ngettext(
            "breached in %(n)s consecutive quarter (%(run)s); default after %(after)s",
            "breached in %(n)s consecutive quarters (%(run)s); default after %(after)s",
            len(d.run),
        )
    return {
        **_look("default"),
        "text": _("In default since %(since)s: %(termination)s")
        % {"since": period_label(d.since), "termination": _(TERMINATION)},
        "run": run % {"n": len(d.run), "run": period_list(d.run), "after": d.after},
    }


def contract_defaults(card: VendorScorecard, contract_id: str) -> list[str]:
    """``First contact resolution since Jul 2026`` for each of a contract's defaults."""
    return [
        _("%(name)s since %(since)s")
        % {"name": sl.kpi_name, "since": period_label(sl.default.since)}
        for sl in card.defaults
        if sl.contract == contract_id
    ]


def contract_default_flag(card: VendorScorecard, contract_id: str) -> dict[str, str] | None:
    """``In default: possible termination right`` for a contract with a service level in
    default, naming each (``detail``); None for a contract with none."""
    found = contract_defaults(card, contract_id)
    if not found:
        return None
    return {
        **_look("default"),
        "text": _("In default: %(termination)s") % {"termination": _(TERMINATION)},
        "detail": "; ".join(found),
    }


def sl_row(
    project: Project,
    vc: VendorContent,
    sl: ServiceLevelSummary,
    figure: Figure,
    currencies: Currencies,
    as_of_month: Period,
) -> dict[str, Any]:
    """One service level in display form."""
    latest = sl.latest
    contract = vc.contracts[sl.contract]
    locale = project.site.language
    return {
        "kpi": sl.kpi,
        "name": sl.kpi_name,
        "url": urls.kpi(sl.kpi),
        "contract": contract.title,
        "contract_id": sl.contract,
        "direction": _("higher is better") if sl.direction == "higher" else _("lower is better"),
        "expected": fmt.number(sl.expected, sl.unit),
        "minimum": fmt.number(sl.minimum, sl.unit),
        "in_force": levels_in_force(sl, as_of_month),
        "next_step": next_step(sl),
        "role": role(sl, contract, currencies.of(contract), locale),
        "default": default_flag(sl),
        "weight": f"{sl.weight:g}",
        "window": fmt.window_word(sl.window),
        "latest": marks(latest, sl.unit),
        "latest_period": period_label(latest.period if latest else None),
        "status": badge(latest.status if latest else "no-data"),
        "score": fmt.score(latest.score if latest else None),
        "benchmark": badge(sl.benchmark_position) if sl.benchmark_position else None,
        "benchmark_text": (
            _("top %(unit)s · bottom %(unit2)s")
            % {
                "unit": fmt.number(sl.benchmark.top_quartile, sl.unit),
                "unit2": fmt.number(sl.benchmark.bottom_quartile, sl.unit),
            }
            if sl.benchmark
            else ""
        ),
        "owner": sl.owner or fmt.DASH,
        "missing": missing_badge(sl.missing_12m),
        "missed_12m": sl.missed_12m,
        "breached_12m": sl.breached_12m,
        "persistent_failure": sl.persistent_failure,
        "persistent_text": (
            _("missed expected in %(missed_12m)s of the last %(n)s %(window)s periods")
            % {
                "missed_12m": sl.missed_12m,
                "n": len(sl.breaches.assessed),
                "window": fmt.window_word(sl.window),
            }
        ),
        "record_12m": (
            _("missed %(missed_12m)s of %(n)s, breached %(breached_12m)s")
            % {
                "missed_12m": sl.missed_12m,
                "n": len(sl.breaches.assessed),
                "breached_12m": sl.breached_12m,
            }
        ),
        "figure": figure,
        "anchor": urls.service_level_anchor(sl.contract, sl.kpi),
    }


def sl_groups(
    card: VendorScorecard, vc: VendorContent, rows: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Service-level rows under their contract, with the contract's headline-quarter score
    and its defaults."""
    quarter = card.headline.quarter
    scored = {cq.contract: cq for cq in (quarter.contracts if quarter else ())}
    groups = []
    for cid in dict.fromkeys(r["contract_id"] for r in rows):  # in the scorecard's order
        cq = scored.get(cid)
        members = [r for r in rows if r["contract_id"] == cid]
        groups.append(
            {
                "id": cid,
                "title": vc.contracts[cid].title,
                "score": fmt.score(cq.score if cq else None),
                "status": badge(cq.status if cq else "no-data"),
                "period": period_label(cq.period if cq else None),
                "coverage": fmt.percent(cq.coverage if cq else None),
                "count": ngettext("%(n)s service level", "%(n)s service levels", len(members))
                % {"n": len(members)},
                "default": contract_default_flag(card, cid),
                "rows": members,
            }
        )
    return groups


def headline_defaults(card: VendorScorecard, vc: VendorContent) -> list[dict[str, str]]:
    """The contracts in default, for the flag beside the headline: a termination right is
    news a reader of the headline must not miss."""
    out = []
    for c in card.contracts:
        found = contract_defaults(card, c.id)
        if found:
            out.append(
                {
                    **_look("default"),
                    "text": _("%(title)s in default: %(termination)s")
                    % {"title": vc.contracts[c.id].title, "termination": _(TERMINATION)},
                    "detail": "; ".join(found),
                }
            )
    return out
