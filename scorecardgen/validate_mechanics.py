"""Validation of the contract mechanics (SCORING.md sections 1c, 7, 7a, 7b).

Stepped targets obey the side rule of section 1 and run in month order, each step after the
contract starts and before it ends; credit allocations stay within ``pool_percent``; earn-back
and default need a credit mechanism to act on. An exclusion without a reason is refused by the
model itself (model.Measurement).
"""

from __future__ import annotations

import math

from scorecardgen.errors import Location, Problems
from scorecardgen.located import at as _at
from scorecardgen.located import file_of
from scorecardgen.model import Contract, Kpi, Project, ServiceLevel
from scorecardgen.periods import Period


def check_minimum_side(
    kpi: Kpi, expected: float, minimum: float, where: Location, problems: Problems, what: str = ""
) -> None:
    """Section 1's side rule: a minimum on the better side of expected is an error (for the
    base levels and each step, ``what`` naming the step)."""
    if minimum == expected or (minimum < expected) == (kpi.direction == "higher"):
        return
    side, right = ("above", "below") if kpi.direction == "higher" else ("below", "above")
    problems.add(
        where,
        f"{what}minimum {minimum:g} is {side} expected {expected:g}, but "
        f"'{kpi.id}' is {kpi.direction}-is-better",
        f"for a {kpi.direction}-is-better KPI the minimum must be at or {right} expected",
        code="minimum-side",
    )


def check_steps(
    project: Project, contract: Contract, index: int, sl: ServiceLevel, problems: Problems
) -> None:
    """Each step: minimum on the right side of expected, months in order, inside the term."""
    file = file_of(contract.source)
    kpi = project.kpis.get(sl.kpi)
    previous: Period | None = None
    first = Period.month(contract.start.year, contract.start.month)
    last = Period.month(contract.end.year, contract.end.month)
    for j, step in enumerate(sl.steps):
        where = ("service_levels", index, "steps", j)
        if kpi is not None:
            at = _at(project, file, (*where, "minimum"))
            what = f"step from {step.start}: "
            check_minimum_side(kpi, step.expected, step.minimum, at, problems, what)
        if previous is not None and step.month <= previous:
            problems.add(
                _at(project, file, (*where, "from")),
                f"step from {step.start} is not after the step before it ({previous})",
                "list steps in month order, each from a later month",
                code="step-order",
            )
        if not first <= step.month <= last:
            problems.add(
                _at(project, file, (*where, "from")),
                f"step from {step.start} is outside the contract's term "
                f"({contract.start} to {contract.end})",
                "a step applies from a month inside the term",
                code="step-term",
            )
        previous = step.month


def check_mechanics(project: Project, contract: Contract, problems: Problems) -> None:
    """pool_percent bounds the allocations; steps are checked per service level."""
    file = file_of(contract.source)
    for i, sl in enumerate(contract.service_levels):
        check_steps(project, contract, i, sl, problems)
    allocations = math.fsum(sl.credit_allocation or 0.0 for sl in contract.service_levels)
    if contract.pool_percent is not None and allocations > contract.pool_percent + 1e-9:
        problems.add(
            _at(project, file, ("pool_percent",)),
            f"credit allocations add up to {allocations:g}%, more than pool_percent "
            f"{contract.pool_percent:g}%",
            "lower the service levels' credit_allocation or raise pool_percent",
            code="pool-percent",
        )
    has_credits = contract.monthly_charge is not None and contract.at_risk_percent is not None
    if contract.earn_back_periods and not has_credits:
        problems.add(
            _at(project, file, ("earn_back_periods",)),
            "earn_back_periods is set, but the contract earns no credits",
            "set monthly_charge and at_risk_percent, or remove earn_back_periods",
            severity="warning",
            code="earn-back",
        )
    if contract.default_after is not None and not any(
        sl.critical for sl in contract.service_levels
    ):
        problems.add(
            _at(project, file, ("default_after",)),
            "default_after is set, but no service level is critical",
            "default applies to critical service levels: give one a credit_allocation",
            severity="warning",
            code="default-after",
        )
