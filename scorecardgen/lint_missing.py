"""The missing-periods lint (SCORING.md sections 3 and 10): one problem per service level
that lacks reports in the rolling 12 months. It needs scores (which periods a service level
expects), so `check` runs it after scoring, not with the validation of the content."""

from __future__ import annotations

from scorecardgen.errors import Problem, Problems
from scorecardgen.located import at, file_of, lint
from scorecardgen.model import Project
from scorecardgen.periods import Period
from scorecardgen.scoring import Portfolio

CODE = "missing-periods"


def lint_missing_periods(project: Project, portfolio: Portfolio) -> list[Problem]:
    """A problem per service level with missing periods, at its entry in the contract."""
    problems = Problems()
    if project.site.lints.level(CODE) == "off":
        return []
    for vid, card in portfolio.vendors.items():
        contracts = project.vendors[vid].contracts
        for summary in card.service_levels:
            if not summary.missing_12m:
                continue
            contract = contracts[summary.contract]
            index = next(i for i, sl in enumerate(contract.service_levels) if sl.kpi == summary.kpi)
            labels = ", ".join(Period.parse(p).label for p in summary.missing_12m)
            effect = (
                "each counts as breached: the contract sets missing_data: breached"
                if contract.missing_data == "breached"
                else "missing periods lower coverage"
            )
            lint(
                project,
                problems,
                CODE,
                at(project, file_of(contract.source), ("service_levels", index)),
                f"service level '{summary.kpi}' of contract '{contract.id}' has no report for "
                f"{labels} ({effect})",
                f"add the vendor's figures for {'it' if len(summary.missing_12m) == 1 else 'them'}"
                " to its measurements (site.yaml lints: missing_periods: off mutes this)",
            )
    return problems.items
