"""The printable quarterly business review of one vendor, and each note's own page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.export_review import review_data
from scorecardgen.i18n import _, ngettext
from scorecardgen.model import Note, Project, ServiceLevel, VendorContent
from scorecardgen.pages import urls
from scorecardgen.pages.common import (
    Audience,
    Page,
    badge,
    internal_badge,
    kpi_name,
    markdown,
    period_label,
    trend_badge,
)
from scorecardgen.pages.credits_ledger import credit_row
from scorecardgen.pages.explain import explain_quarter
from scorecardgen.pages.figures import trend_figure
from scorecardgen.pages.measurement_marks import by_period, marks
from scorecardgen.pages.missing import coverage_count, measurement_badge, period_list
from scorecardgen.pages.review_changes import changes_view, review_changes
from scorecardgen.pages.vendor import actions, certifications
from scorecardgen.periods import Period
from scorecardgen.scoring import Credit, Portfolio, VendorScorecard
from scorecardgen.scoring.as_of_quarter import score_as_of
from scorecardgen.scoring.quarter_memo import QuarterMemo


def _levels(level: ServiceLevel, periods: Sequence[Period], unit: str) -> tuple[str, str, str]:
    """The levels in force in a quarter (SCORING.md 1c): those of its last period, and when a
    step changed them within the quarter, from which month and what they were before."""
    pairs = [level.levels_for(p) for p in periods]
    expected, minimum = pairs[-1]
    note = ""
    for p, before, now in zip(periods[1:], pairs, pairs[1:], strict=False):
        if now != before:
            note = _("from %(label)s; before: expected %(unit)s, minimum %(unit2)s") % {
                "label": p.label,
                "unit": fmt.number(before[0], unit),
                "unit2": fmt.number(before[1], unit),
            }
    return fmt.number(expected, unit), fmt.number(minimum, unit), note


def _sl_rows(project: Project, card: VendorScorecard, period: str) -> list[dict[str, Any]]:
    quarter = next((q for q in card.quarters if q.period == period), None)
    by_key = {
        (slq.contract, slq.kpi): slq
        for cq in (quarter.contracts if quarter else ())
        for slq in cq.service_levels
    }
    scored = by_period(card.measurements)
    contracts = project.vendors[card.vendor_id].contracts
    rows = []
    for sl in card.service_levels:
        slq = by_key.get((sl.contract, sl.kpi))
        periods = (
            Period.parse(period).months() if sl.window == "monthly" else [Period.parse(period)]
        )
        values = []
        for p in periods:
            m = scored.get((sl.contract, sl.kpi, str(p)))
            values.append(
                {
                    "label": p.label,
                    **marks(m, sl.unit),
                    "status": measurement_badge(m.result if m else None, p.end <= card.as_of),
                }
            )
        level = next(x for x in contracts[sl.contract].service_levels if x.kpi == sl.kpi)
        expected, minimum, step_note = _levels(level, periods, sl.unit)
        rows.append(
            {
                "contract_id": sl.contract,
                "name": sl.kpi_name,
                "url": urls.kpi(sl.kpi),
                "owner": sl.owner or fmt.DASH,
                "expected": expected,
                "minimum": minimum,
                "step_note": step_note,
                "weight": f"{sl.weight:g}",
                "cells": values,
                "score": fmt.score(slq.score if slq else None),
                "coverage": (
                    _("coverage %(coverage)s") % {"coverage": coverage_count(slq)}
                    if slq and slq.expected
                    else ""
                ),
                "missing": period_list(slq.missing) if slq else "",
                "window": fmt.window_word(sl.window),
                "role": (
                    _("critical, %(g)s%% credit allocation")
                    % {"g": format(sl.credit_allocation, "g")}
                    if sl.credit_allocation is not None
                    else _("key measurement")
                ),
            }
        )
    return rows


def _groups(
    card: VendorScorecard, titles: dict[str, str], period: str, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The quarter's service-level rows under their contract, with the contract's score."""
    quarter = next((q for q in card.quarters if q.period == period), None)
    scored = {cq.contract: cq for cq in (quarter.contracts if quarter else ())}
    out = []
    for cid in dict.fromkeys(r["contract_id"] for r in rows):
        cq = scored.get(cid)
        out.append(
            {
                "id": cid,
                "title": titles[cid],
                "score": fmt.score(cq.score if cq else None),
                "status": badge(cq.status if cq else "no-data"),
                "coverage": fmt.percent(cq.coverage if cq else None),
                "rows": [r for r in rows if r["contract_id"] == cid],
            }
        )
    return out


def _credit_total(credits: list[Credit], locale: str) -> str:
    totals: dict[str | None, float] = {}
    for c in credits:
        totals[c.currency] = totals.get(c.currency, 0.0) + c.amount
    if not totals:
        return _("None")
    ordered = sorted(totals.items(), key=lambda kv: kv[0] or "")
    return " + ".join(fmt.money(amount, currency, locale=locale) for currency, amount in ordered)


def review_pages(
    project: Project,
    portfolio: Portfolio,
    card: VendorScorecard,
    periods: Sequence[str],
    audience: Audience,
) -> list[Page]:
    """Every business review of ``card``'s vendor, each scored as its quarter stood at its end
    (or on the site's as-of date while the quarter runs), and compared with the one before."""
    vc = project.vendors[card.vendor_id]
    pages = []
    before: VendorScorecard | None = None
    previous: str | None = None
    memo = QuarterMemo()
    for period in periods:
        day = min(Period.parse(period).end, card.as_of)
        then = score_as_of(project, vc, day, portfolio.bands, portfolio.currencies, memo)
        pages.append(review_page(project, portfolio, then, period, audience, before, previous))
        before, previous = then, period
    return pages


def _review_notes(project: Project, vc: VendorContent, period: str, audience: Audience) -> Any:
    """The quarter's review notes, each with the vendor's responses and the actions it raised.

    A review's own notes, responses and actions are shown whenever they were written: they
    belong to the review, which is usually held after the quarter ends."""
    seen = [n for n in vc.notes.values() if audience.sees_note(n.visibility)]
    reviews = sorted(
        (n for n in seen if n.kind == "review" and n.period == period), key=lambda n: (n.date, n.id)
    )
    out = []
    for n in reviews:
        responses = sorted(
            (r for r in seen if r.kind == "response" and r.responds_to == n.id),
            key=lambda r: (r.date, r.id),
        )
        raised = sorted(
            (a for a in seen if a.kind == "action" and a.review == n.id),
            key=lambda a: (a.date, a.id),
        )
        out.append(
            {
                "id": n.id,
                "title": n.title,
                "date": fmt.day(n.date),
                "body": markdown(n.body, f"note-{n.id}-"),
                "internal": internal_badge(n.visibility),
                "responses": [
                    {
                        "id": r.id,
                        "title": r.title,
                        "date": fmt.day(r.date),
                        "owner": r.owner or "",
                        "body": markdown(r.body, f"note-{r.id}-"),
                        "url": urls.note(vc.vendor.id, r.id),
                        "internal": internal_badge(r.visibility),
                    }
                    for r in responses
                ],
                "actions": [
                    {
                        "title": a.title,
                        "url": urls.note(vc.vendor.id, a.id),
                        "owner": a.owner or "",
                        "due": fmt.day(a.due) if a.due else "",
                        "status": badge(a.status),
                        "internal": internal_badge(a.visibility),
                    }
                    for a in raised
                ],
            }
        )
    return out


def review_page(
    project: Project,
    portfolio: Portfolio,
    card: VendorScorecard,
    period: str,
    audience: Audience,
    before: VendorScorecard | None = None,
    previous: str | None = None,
) -> Page:
    """The business review of ``card``'s vendor for the quarter ``period``; ``card`` is the
    vendor as it stood at the quarter's end, ``before`` as it stood at the ``previous`` review's."""
    vc = project.vendors[card.vendor_id]
    quarter = next((q for q in card.quarters if q.period == period), None)
    q = Period.parse(period)
    others = sorted(
        (
            n
            for n in vc.notes.values()
            if audience.sees_note(n.visibility)
            and n.kind not in ("review", "response")
            and n.date <= card.as_of
            and (n.period == period or (n.period is None and q.start <= n.date <= q.end))
        ),
        key=lambda n: (n.date, n.id),
    )
    quarter_credits = [c for c in card.credits if Period.parse(c.period).quarter == q]
    credits = [credit_row(project, vc, c, allocations=False) for c in quarter_credits]
    sl_rows = _sl_rows(project, card, period)
    titles = {cid: c.title for cid, c in vc.contracts.items()}
    trend = trend_figure(card, portfolio.bands)
    changes = review_changes(vc, card, before, period, previous, audience)
    units = {s.kpi: s.unit for s in card.service_levels}
    context = {
        "vendor": {
            "id": vc.vendor.id,
            "name": vc.vendor.name,
            "owner": vc.vendor.relationship_owner or fmt.DASH,
        },
        "period": period_label(period),
        "period_id": period,
        "previous": period_label(previous) if previous else "",
        "previous_url": urls.review(card.vendor_id, previous) if previous else "",
        "changes": changes_view(changes, units, project.site.language),
        "quarter": {
            "score": fmt.score(quarter.score if quarter else None),
            "status": badge(quarter.status if quarter else "no-data"),
            "coverage": fmt.percent(quarter.coverage if quarter else None),
            "trend": trend_badge(quarter.trend if quarter else None),
            "change": fmt.signed(quarter.change if quarter else None),
        },
        "explanation": explain_quarter(
            project,
            card.vendor_id,
            quarter,
            as_of=card.as_of,
            currencies=portfolio.currencies,
            is_headline=card.headline.period == period,
            measurements=card.measurements,
        ),
        "service_levels": sl_rows,
        "sl_groups": _groups(card, titles, period, sl_rows),
        "several_contracts": len(vc.contracts) > 1,
        "credits": credits,
        "credit_total": _credit_total(quarter_credits, project.site.language),
        "credit_months": ngettext("%(n)s month", "%(n)s months", len(quarter_credits))
        % {"n": len(quarter_credits)},
        # several notes on one page: each keeps heading ids of its own
        "reviews": _review_notes(project, vc, period, audience),
        "notes": [
            {
                "title": n.title,
                "date": fmt.day(n.date),
                "kind": fmt.note_kind(n.kind),
                "url": urls.note(vc.vendor.id, n.id),
                "internal": internal_badge(n.visibility),
            }
            for n in others
        ],
        "actions": actions(project, card, audience, open_only=True),
        "contracts": [
            {
                "title": c.title,
                "term": f"{fmt.day(c.start)} \u2013 {fmt.day(c.end)}",
                "cancel_by": fmt.day(c.cancel_by),
                "state": badge(c.state),
            }
            for c in card.contracts
        ],
        "certifications": certifications(card),
        "trend": trend,
        "scorecard_url": urls.vendor(card.vendor_id),
        "as_of": fmt.day(card.as_of),
        "review_json": review_data(card, period, quarter, changes),
    }
    title = _("%(name)s: %(period)s business review") % {
        "name": vc.vendor.name,
        "period": period_label(period),
    }
    return Page(urls.review(card.vendor_id, period), "review.html", title, context, [trend])


def note_page(project: Project, card: VendorScorecard, note: Note) -> Page:
    """One note (review, action, incident or note) with its Markdown body."""
    vc = project.vendors[card.vendor_id]
    action = next((a for a in card.actions if a.id == note.id), None)
    # a response, or an action raised at a review, links to that review's quarter
    linked = vc.notes.get(note.responds_to or note.review or "")
    period = note.period or (linked.period if linked and linked.kind == "review" else None)
    context = {
        "vendor": {"id": vc.vendor.id, "name": vc.vendor.name},
        "note": {
            "title": note.title,
            "date": fmt.day(note.date),
            "kind": fmt.note_kind(note.kind),
            "kind_id": note.kind,
            "visibility": note.visibility,
            "internal": internal_badge(note.visibility),
            "owner": note.owner or "",
            "due": fmt.day(note.due) if note.due else "",
            "status": badge("overdue" if action and action.overdue else note.status)
            if note.status
            else None,
            "kpi": kpi_name(project, note.kpi) if note.kpi else "",
            "kpi_url": urls.kpi(note.kpi) if note.kpi else "",
            "period": period_label(period) if period else "",
            "review_url": urls.review(vc.vendor.id, period) if period else "",
            "tags": list(note.tags),
            "body": markdown(note.body),
        },
        "scorecard_url": urls.vendor(card.vendor_id),
    }
    search = [
        {
            "title": note.title,
            "kind": f"{fmt.note_kind(note.kind)} \u00b7 {vc.vendor.name}",
            "url": urls.note(vc.vendor.id, note.id),
            "text": note.body[:300],
        }
    ]
    return Page(urls.note(vc.vendor.id, note.id), "note.html", note.title, context, search=search)
