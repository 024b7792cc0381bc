"""The contract mechanics on the methodology page (SCORING.md 1a, 1b, 1c, 7, 7a, 7b), each
told with this site's own numbers where its content has them: the first exclusion,
restatement, step, capped month, earn-back of each state and default found among the
scorecards the site shows (vendors in id order, periods in order). Where the content has none,
the page falls back on SCORING.md's worked examples, scored live (``mechanics_examples``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from scorecardgen import formatting as fmt
from scorecardgen.i18n import _, ngettext
from scorecardgen.model import Project
from scorecardgen.pages import mechanics_examples as worked
from scorecardgen.pages.common import period_label
from scorecardgen.pages.credits_ledger import working
from scorecardgen.pages.measurement_marks import restated_text
from scorecardgen.pages.mechanics_examples import Example, line, scored_text
from scorecardgen.pages.missing import coverage_count
from scorecardgen.pages.working_text import reason
from scorecardgen.periods import Period
from scorecardgen.scoring import (
    ScoredMeasurement,
    ServiceLevelSummary,
    VendorScorecard,
    score_measurement,
)

Cards = Sequence[VendorScorecard]


def _summary(card: VendorScorecard, m: ScoredMeasurement) -> ServiceLevelSummary:
    return next(s for s in card.service_levels if (s.contract, s.kpi) == (m.contract, m.kpi))


def _where(project: Project, card: VendorScorecard, contract: str, name: str) -> str:
    """``From this site: Acme Support, First contact resolution (Acme voice support)``."""
    title = project.vendors[card.vendor_id].contracts[contract].title
    return _("From this site: %(name)s, %(name2)s (%(title)s)") % {
        "name": card.name,
        "name2": name,
        "title": title,
    }


def _measurements(
    cards: Cards, wanted: Callable[[ScoredMeasurement], bool]
) -> Iterator[tuple[VendorScorecard, ScoredMeasurement]]:
    """The ``wanted`` measurements, vendor by vendor, each vendor's in period order (only
    those are sorted: a site has hundreds of thousands of measurements, few of them wanted)."""
    for card in cards:
        chosen = [m for m in card.measurements if wanted(m)]
        for m in sorted(chosen, key=lambda m: (Period.parse(m.period).start, m.kpi)):
            yield card, m


def exclusion(project: Project, cards: Cards) -> Example:
    """The site's first excluded period: its value and reason, and the quarter it leaves out."""
    found = next(_measurements(cards, lambda m: m.status == "excluded"), None)
    if found is None:
        return worked.exclusion()
    card, m = found
    sl = _summary(card, m)
    value = fmt.number(m.value, sl.unit)
    lines = [
        line(
            _("%(period)s: %(value)s excluded (%(reason)s): not scored, not expected")
            % {"period": period_label(m.period), "value": value, "reason": m.reason},
            status="excluded",
        )
    ]
    if m.value is not None:
        unexcused = score_measurement(m.value, m.expected, m.minimum, sl.direction)
        lines.append(
            line(
                _("Without the exclusion it would be %(unexcused)s")
                % {"unexcused": scored_text(unexcused)},
                unexcused.formula,
            )
        )
    quarter = str(Period.parse(m.period).quarter)
    slq = next(
        (
            s
            for q in card.quarters
            if q.period == quarter
            for cq in q.contracts
            for s in cq.service_levels
            if (s.contract, s.kpi) == (m.contract, m.kpi)
        ),
        None,
    )
    if slq is not None:
        lines.append(
            line(
                _("%(quarter)s leaves it out: coverage %(slq)s")
                % {"quarter": period_label(quarter), "slq": coverage_count(slq)},
                slq.formula,
            )
        )
    return {"source": _where(project, card, m.contract, sl.kpi_name), "lines": lines}


def restatement(project: Project, cards: Cards) -> Example:
    """The site's first restated figure: first reported, when and why, scored at the new one."""
    found = next(_measurements(cards, lambda m: m.restated is not None), None)
    if found is None:
        return worked.restatement()
    card, m = found
    sl = _summary(card, m)
    first_value = m.restated.value if m.restated is not None else None
    first = score_measurement(first_value, m.expected, m.minimum, sl.direction)
    value = fmt.number(m.value, sl.unit)
    return {
        "source": _where(project, card, m.contract, sl.kpi_name),
        "lines": [
            line(
                _("%(period)s: %(value)s restated, %(unit)s")
                % {
                    "period": period_label(m.period),
                    "value": value,
                    "unit": restated_text(m, sl.unit),
                }
            ),
            line(
                _("Scored at the agreed figure: %(result)s") % {"result": scored_text(m.result)},
                m.result.formula,
                m.status,
            ),
            line(
                _("The first figure would have scored %(first)s") % {"first": scored_text(first)},
                first.formula,
            ),
        ],
    }


def step(project: Project, cards: Cards) -> Example:
    """The site's first stepped service level: its base levels, each step, and a value scored
    on each side of the first step."""
    found = next(((c, s) for c in cards for s in c.service_levels if s.steps), None)
    if found is None:
        return worked.step()
    card, sl = found
    contract = project.vendors[card.vendor_id].contracts[sl.contract]
    level = next(x for x in contract.service_levels if x.kpi == sl.kpi)
    steps = "; ".join(
        _("from %(label)s: expected %(unit)s, minimum %(unit2)s")
        % {
            "label": s.month.label,
            "unit": fmt.number(s.expected, sl.unit),
            "unit2": fmt.number(s.minimum, sl.unit),
        }
        for s in sorted(sl.steps, key=lambda s: s.month)
    )
    lines = [
        line(
            _("Expected %(unit)s, minimum %(unit2)s as contracted; %(steps)s")
            % {
                "unit": fmt.number(level.expected, sl.unit),
                "unit2": fmt.number(level.minimum, sl.unit),
                "steps": steps,
            }
        )
    ]
    first = min(s.month for s in sl.steps)
    own = [
        m
        for m in card.measurements
        if (m.contract, m.kpi) == (sl.contract, sl.kpi) and m.score is not None
    ]
    before = [m for m in own if Period.parse(m.period).start < first.start]
    after = [m for m in own if Period.parse(m.period).start >= first.start]
    for m in [*before[-1:], *after[:1]]:
        lines.append(
            line(
                _("%(period)s: %(unit)s against expected %(unit2)s, minimum %(unit3)s: %(result)s")
                % {
                    "period": period_label(m.period),
                    "unit": fmt.number(m.value, sl.unit),
                    "unit2": fmt.number(m.expected, sl.unit),
                    "unit3": fmt.number(m.minimum, sl.unit),
                    "result": scored_text(m.result),
                },
                m.result.formula,
                m.status,
            )
        )
    return {"source": _where(project, card, sl.contract, sl.kpi_name), "lines": lines}


def cap(project: Project, cards: Cards) -> Example:
    """The site's first capped month: the month's sum, the cap, and each share of it."""
    found = next(((c, x) for c in cards for x in c.credits if x.capped), None)
    if found is None:
        return worked.cap()
    card, credit = found
    title = project.vendors[card.vendor_id].contracts[credit.contract].title
    lines = [
        line(
            _("%(period)s: the month's credits, capped at the at-risk amount")
            % {"period": period_label(credit.period)},
            credit.formula,
        )
    ]
    names = {s.kpi: s.kpi_name for s in card.service_levels if s.contract == credit.contract}
    for item in credit.items:
        lines.append(line(f"{names.get(item.kpi, item.kpi)} ({item.allocation:g}%)", item.formula))
    return {
        "source": _("From this site: %(name)s, %(title)s") % {"name": card.name, "title": title},
        "lines": lines,
    }


def earn_back(project: Project, cards: Cards) -> Example:
    """The site's first credit in each earn-back state (waived, payable, pending), under a
    contract with earn_back_periods."""
    lines: list[dict[str, Any]] = []
    locale = project.site.language
    for state in ("waived", "payable", "pending"):
        for card in cards:
            contracts = project.vendors[card.vendor_id].contracts
            names = {(s.contract, s.kpi): s.kpi_name for s in card.service_levels}
            hit = next(
                (
                    (credit, item)
                    for credit in card.credits
                    if contracts[credit.contract].earn_back_periods
                    for item in credit.items
                    if item.state == state
                ),
                None,
            )
            if hit is None:
                continue
            credit, item = hit
            name = names.get((credit.contract, item.kpi), item.kpi)
            lines.append(
                line(
                    _("%(name)s, %(name2)s, %(period)s: earned %(locale)s; %(state_reason)s")
                    % {
                        "name": card.name,
                        "name2": name,
                        "period": period_label(item.period),
                        "locale": fmt.money(item.amount, credit.currency, locale=locale),
                        "state_reason": working(item.state_reason),
                    },
                    item.formula,
                    item.state,
                )
            )
            break
    if not lines:
        return worked.earn_back()
    return {"source": _("From this site"), "lines": lines}


def default(project: Project, cards: Cards) -> Example:
    """The site's first service level in default, with the run of breaches behind it."""
    found = next(((c, s) for c in cards for s in c.defaults), None)
    if found is None:
        return worked.default()
    card, sl = found
    after = project.vendors[card.vendor_id].contracts[sl.contract].default_after
    return {
        "source": _where(project, card, sl.contract, sl.kpi_name),
        "lines": [
            line(_("default_after: %(after)s, a critical service level") % {"after": after}),
            line(reason(sl.default.explanation), status="default"),
        ],
    }


def _counts(cards: Cards) -> str:
    """``6 critical service levels and 30 key measurements`` on this site ("" when it shows
    no scorecard)."""
    levels = [s for c in cards for s in c.service_levels]
    if not levels:
        return ""
    critical = sum(1 for s in levels if s.critical)
    return _("%(critical)s and %(key)s") % {
        "critical": ngettext(
            "%(n)s critical service level", "%(n)s critical service levels", critical
        )
        % {"n": critical},
        "key": ngettext("%(n)s key measurement", "%(n)s key measurements", len(levels) - critical)
        % {"n": len(levels) - critical},
    }


SECTIONS: dict[str, Callable[[Project, Cards], Example]] = {
    "exclusion": exclusion,
    "restatement": restatement,
    "step": step,
    "cap": cap,
    "earn_back": earn_back,
    "default": default,
}


def mechanics(project: Project, cards: Cards) -> dict[str, Any]:
    """Each mechanism's example (``source`` says whose numbers), and the site's count of
    critical service levels and key measurements."""
    return {
        **{name: build(project, cards) for name, build in SECTIONS.items()},
        "counts": _counts(cards),
    }
