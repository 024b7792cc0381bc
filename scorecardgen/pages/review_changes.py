"""What changed since the last review: the comparison at the top of a business review and in
its ``review.json``.

Both scorecards are as they stood at their quarter's end (scoring/as_of_quarter.py), so the
"before" figures are the ones the last review showed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _
from scorecardgen.model import VendorContent
from scorecardgen.pages.common import Audience, badge
from scorecardgen.periods import Period
from scorecardgen.scoring import VendorScorecard
from scorecardgen.scoring.as_of_quarter import closed_on

Json = dict[str, Any]


def _quarter(card: VendorScorecard | None, period: str | None) -> Any:
    if card is None or period is None:
        return None
    return next((q for q in card.quarters if q.period == period), None)


def _sl_quarters(quarter: Any) -> dict[tuple[str, str], Any]:
    if quarter is None:
        return {}
    return {(s.contract, s.kpi): s for c in quarter.contracts for s in c.service_levels}


def _breached(slq: Any) -> list[str]:
    return [p.period for p in slq.periods if p.result.status == "breached"] if slq else []


def _move(before: Any, after: Any) -> Json:
    return {
        "before": None if before is None else before.score,
        "after": None if after is None else after.score,
        "status_before": None if before is None else getattr(before, "status", None),
        "status_after": None if after is None else getattr(after, "status", None),
    }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def review_changes(
    vc: VendorContent,
    now: VendorScorecard,
    before: VendorScorecard | None,
    period: str,
    previous: str | None,
    audience: Audience,
) -> Json:
    """The changes between the review of ``previous`` (scored as ``before``) and ``period``'s."""
    q = Period.parse(period)
    since = Period.parse(previous).end if previous else date.min
    this_q, last_q = _quarter(now, period), _quarter(before, previous)
    names = {(s.contract, s.kpi): s.kpi_name for s in now.service_levels}
    titles = {cid: c.title for cid, c in vc.contracts.items()}
    now_sl, last_sl = _sl_quarters(this_q), _sl_quarters(last_q)

    def sl(key: tuple[str, str]) -> Json:
        return {
            "contract": key[0],
            "contract_title": titles.get(key[0], key[0]),
            "kpi": key[1],
            "name": names.get(key, key[1]),
        }

    last_contracts = {c.contract: c for c in (last_q.contracts if last_q else ())}
    contracts = [
        {"contract": c.contract, "title": titles.get(c.contract, c.contract)}
        | _move(last_contracts.get(c.contract), c)
        for c in (this_q.contracts if this_q else ())
    ]
    service_levels = [sl(key) | _move(last_sl.get(key), slq) for key, slq in sorted(now_sl.items())]
    new_breaches, cleared = [], []
    for key in sorted(set(now_sl) | set(last_sl)):
        after, prior = _breached(now_sl.get(key)), _breached(last_sl.get(key))
        if after and not prior:
            new_breaches.append(sl(key) | {"periods": after})
        elif prior and not after and key in now_sl:
            cleared.append(sl(key) | {"periods": prior})
    before_sl = {(s.contract, s.kpi): s for s in (before.service_levels if before else ())}
    flags: dict[str, list[Json]] = {
        "persistent_started": [],
        "persistent_ended": [],
        "defaults_started": [],
        "defaults_ended": [],
    }
    for s in now.service_levels:
        key = (s.contract, s.kpi)
        old = before_sl.get(key)
        was_pf = bool(old and old.breaches.persistent_failure)
        was_default = bool(old and old.default.default)
        if s.breaches.persistent_failure != was_pf:
            flags["persistent_started" if not was_pf else "persistent_ended"].append(sl(key))
        if s.default.default != was_default:
            flags["defaults_started" if not was_default else "defaults_ended"].append(sl(key))
    credits = [
        {
            "contract": c.contract,
            "period": c.period,
            "amount": _round(c.amount),
            "currency": c.currency,
        }
        for c in now.credits
        if Period.parse(c.period).quarter == q
    ]
    restated = [
        sl((m.contract or "", m.kpi))
        | {
            "period": m.period,
            "before": m.restated.value,
            "after": m.value,
            "on": m.restated.on.isoformat(),
            "reason": m.restated.reason,
        }
        for m in _restated(vc, since, q)
        if m.restated is not None
    ]
    shown = [
        n for n in vc.notes.values() if n.kind == "action" and audience.sees_note(n.visibility)
    ]
    opened = [
        {"id": n.id, "title": n.title, "date": n.date.isoformat(), "due": _iso(n.due)}
        for n in sorted(shown, key=lambda n: (n.date, n.id))
        if since < n.date <= q.end
    ]
    closed = []
    for n in sorted(shown, key=lambda n: (closed_on(n) or date.max, n.id)):
        day = closed_on(n)
        if day is not None and since < day <= q.end:
            closed.append({"id": n.id, "title": n.title, "closed": day.isoformat()})
    return {
        "since": previous,
        "score": _move(last_q, this_q),
        "contracts": contracts,
        "service_levels": service_levels,
        "new_breaches": new_breaches,
        "cleared_breaches": cleared,
        **flags,
        "credits": credits,
        "restated": restated,
        "actions_opened": opened,
        "actions_closed": closed,
    }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _restated(vc: VendorContent, since: date, q: Period) -> list[Any]:
    """Figures of periods before the quarter restated after the last review, up to its end."""
    rows = [
        m
        for m in vc.measurements
        if m.restated is not None
        and since < m.restated.on <= q.end
        and m.parsed_period.end < q.start
    ]
    return sorted(rows, key=lambda m: (m.period, m.contract or "", m.kpi))


def _score(x: float | None) -> str:
    return fmt.score(x)


def changes_view(changes: Json, units: dict[str, str], locale: str) -> Json:
    """The comparison as the review page shows it: words and formatted figures."""

    def moved(row: Json) -> Json:
        before, after = row["before"], row["after"]
        delta = None if before is None or after is None else round(after - before, 1)
        return row | {
            "before_text": _score(before),
            "after_text": _score(after),
            "change_text": (
                fmt.DASH if delta is None else _("no change") if delta == 0 else fmt.signed(delta)
            ),
            "moved": _score(before) != _score(after),
            "status_changed": row["status_before"] != row["status_after"],
            "status_before_text": badge(row["status_before"])["word"],
            "status_after_text": badge(row["status_after"])["word"],
        }

    return changes | {
        "score": moved(changes["score"]),
        "contracts": [moved(c) for c in changes["contracts"]],
        "service_levels": [moved(s) for s in changes["service_levels"] if moved(s)["moved"]],
        "restated": [
            r
            | {
                "before_text": fmt.number(r["before"], units.get(r["kpi"], "")),
                "after_text": fmt.number(r["after"], units.get(r["kpi"], "")),
                "period_label": Period.parse(r["period"]).label,
            }
            for r in changes["restated"]
        ],
        "credits": [
            c
            | {
                "amount_text": fmt.money(c["amount"], c["currency"], locale=locale),
                "period_label": Period.parse(c["period"]).label,
            }
            for c in changes["credits"]
        ],
    }
