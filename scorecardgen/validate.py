"""Cross-record validation: the rules no single file can check, and the lints of SCORING.md
(all but missing periods, which needs scores: lint_missing.py). Currencies: validate_currency.py.

Runs after loading. Fills in each measurement's contract when exactly one of the vendor's
contracts holds its KPI, so later stages never have to guess.
"""

from __future__ import annotations

import math
from pathlib import Path

from scorecardgen.errors import Location, Problems, did_you_mean
from scorecardgen.kpi_hints import suggest_kpi
from scorecardgen.located import at as _at
from scorecardgen.located import file_of as _file
from scorecardgen.located import lint as _lint
from scorecardgen.markdown_check import check_kpi_markdown, check_vendor_markdown
from scorecardgen.model import (
    SLUG,
    Contract,
    Measurement,
    Project,
    ServiceLevel,
    VendorContent,
)
from scorecardgen.theme_check import check_theme_remote
from scorecardgen.validate_currency import (
    check_portfolio_currencies,
    check_site_currencies,
    check_vendor_currencies,
)
from scorecardgen.validate_mechanics import check_mechanics, check_minimum_side
from scorecardgen.validate_review_links import check_review_link

BUILTIN_THEMES = ("default",)


def check_theme(project: Project, problems: Problems) -> None:
    """The theme is built in, or a folder directly under the project's themes/."""
    name = project.site.theme
    where = _at(project, "content/site.yaml", ("theme",))
    themes = (project.root / "themes").resolve()
    candidate = project.root / "themes" / name
    if not SLUG.match(name):
        problems.add(
            where,
            f"theme '{name}' is not a theme name",
            "a theme is 'default' or the name of a folder under themes/",
            code="theme",
        )
    elif candidate.is_dir():
        try:
            candidate.resolve().relative_to(themes)
        except ValueError:
            problems.add(
                where,
                f"theme '{name}' points outside the project's themes/ folder",
                "a theme folder must live inside themes/",
                code="theme",
            )
    elif name not in BUILTIN_THEMES:
        available = sorted([*BUILTIN_THEMES, *_project_themes(project.root)])
        problems.add(where, f"no theme named '{name}'", did_you_mean(name, available), code="theme")


def _project_themes(root: Path) -> list[str]:
    folder = root / "themes"
    if not folder.is_dir():
        return []
    return [p.name for p in folder.iterdir() if p.is_dir() and SLUG.match(p.name)]


def check_kpis(project: Project, problems: Problems) -> None:
    for kpi in project.kpis.values():
        b = kpi.benchmark
        if b is None:
            continue
        better = (
            b.top_quartile >= b.bottom_quartile
            if kpi.direction == "higher"
            else (b.top_quartile <= b.bottom_quartile)
        )
        if not better:
            side = "at or above" if kpi.direction == "higher" else "at or below"
            problems.add(
                _at(project, _file(kpi.source), ("benchmark", "top_quartile")),
                f"benchmark top_quartile {b.top_quartile:g} is worse than "
                f"bottom_quartile {b.bottom_quartile:g}",
                f"for a '{kpi.direction}' KPI the top quartile is {side} the bottom",
                code="benchmark",
            )


def _check_contract(project: Project, contract: Contract, problems: Problems) -> None:
    file = _file(contract.source)
    if contract.end < contract.start:
        problems.add(
            _at(project, file, ("end",)),
            f"the contract ends ({contract.end}) before it starts ({contract.start})",
            "'end' must be on or after 'start'",
            code="term",
        )
    seen: dict[str, int] = {}
    for i, sl in enumerate(contract.service_levels):
        kpi = project.kpis.get(sl.kpi)
        if kpi is None and f"content/kpis/{sl.kpi}.yaml" in project.unreadable:
            pass  # already reported where the KPI file is broken
        elif kpi is None:
            problems.add(
                _at(project, file, ("service_levels", i, "kpi")),
                f"unknown KPI '{sl.kpi}'",
                suggest_kpi(sl.kpi, project.kpis) or _no_kpi(sl.kpi),
                code="unknown-kpi",
            )
        else:
            where = _at(project, file, ("service_levels", i, "minimum"))
            check_minimum_side(kpi, sl.expected, sl.minimum, where, problems)
        if sl.kpi in seen:
            problems.add(
                _at(project, file, ("service_levels", i, "kpi")),
                f"KPI '{sl.kpi}' appears twice in this contract",
                f"it is already service level {seen[sl.kpi] + 1}",
                code="duplicate",
            )
        seen.setdefault(sl.kpi, i)
        if not sl.owner:
            _lint(
                project,
                problems,
                "no-owner",
                _at(project, file, ("service_levels", i)),
                f"service level '{sl.kpi}' has no owner",
                "one name per number: give every service level an 'owner'",
            )
    check_mechanics(project, contract, problems)
    total = math.fsum(sl.weight for sl in contract.service_levels)
    if abs(total - 100) > 1e-6:
        problems.add(
            _at(project, file, ("service_levels",), key=True),
            f"service-level weights sum to {total:g}, not 100",
            "adjust the 'weight' of the service levels so they add up to 100",
            code="weights",
        )
    count = len(contract.service_levels)
    bounds = project.site.lints.sl_count
    if not bounds.min <= count <= bounds.max:
        _lint(
            project,
            problems,
            "sl-count",
            _at(project, file, ("service_levels",), key=True),
            f"the contract has {count} service levels",
            f"keep {bounds.min} to {bounds.max} per scorecard: a scorecard with 40 KPIs has "
            "no KPIs (site.yaml lints: sl_count: {min, max} tunes this)",
        )


def _check_measurements(project: Project, vc: VendorContent, problems: Problems) -> None:
    holders: dict[str, list[str]] = {}
    levels: dict[tuple[str, str], ServiceLevel] = {}
    for contract in vc.contracts.values():
        for sl in contract.service_levels:
            holders.setdefault(sl.kpi, []).append(contract.id)
            levels.setdefault((contract.id, sl.kpi), sl)
    seen: dict[tuple[str, str, str], Measurement] = {}

    def at(m: Measurement, field: str) -> Location:  # located only when reported
        return _at(project, _file(m.source), (m.item, field))

    for m in vc.measurements:
        if m.kpi not in project.kpis:
            if f"content/kpis/{m.kpi}.yaml" not in project.unreadable:  # else reported there
                problems.add(
                    at(m, "kpi"),
                    f"unknown KPI '{m.kpi}'",
                    suggest_kpi(m.kpi, project.kpis) or _no_kpi(m.kpi),
                    code="unknown-kpi",
                )
            continue
        owners = holders.get(m.kpi, [])
        if m.contract is not None:
            named = vc.contracts.get(m.contract)
            if named is None:
                problems.add(
                    at(m, "contract"),
                    f"vendor '{vc.vendor.id}' has no contract '{m.contract}'",
                    did_you_mean(m.contract, vc.contracts),
                    code="unknown-contract",
                )
                continue
            if m.contract not in owners:
                problems.add(
                    at(m, "kpi"),
                    f"contract '{m.contract}' has no service level for KPI '{m.kpi}'",
                    did_you_mean(m.kpi, [s.kpi for s in named.service_levels]),
                    code="unknown-kpi",
                )
                continue
        elif not owners:
            problems.add(
                at(m, "kpi"),
                f"no contract of vendor '{vc.vendor.id}' holds KPI '{m.kpi}'",
                did_you_mean(m.kpi, holders)
                or "add a service level for it to a contract, or fix the KPI id",
                code="unknown-kpi",
            )
            continue
        elif len(owners) > 1:
            held_by = ", ".join(owners)
            problems.add(  # the same words for every KPI: a left-out column is one problem
                at(m, "kpi"),
                f"no contract named, and the KPI is held by several contracts ({held_by})",
                f"add a 'contract' (in a CSV file, a column) naming which of {held_by} "
                "the value is for",
                code="ambiguous-contract",
            )
            continue
        else:  # a plain attribute: its set of fields given is shared (load._share_given)
            vars(m)["contract"] = owners[0]
        contract = vc.contracts[m.contract or owners[0]]
        sl = levels[(contract.id, m.kpi)]
        period = m.parsed_period
        if period.window != sl.window:
            example = "2025-03" if sl.window == "monthly" else "2025-Q1"
            problems.add(
                at(m, "period"),
                f"period {period} does not match the {sl.window} "
                f"window of '{m.kpi}' in contract '{contract.id}'",
                f"a {sl.window} service level is measured per "
                f"{'month' if sl.window == 'monthly' else 'quarter'}, like {example}",
                code="window",
            )
            continue
        key = (contract.id, m.kpi, m.period)
        first = seen.get(key)
        if first is not None:
            problems.add(
                at(m, "period"),
                f"a second value for '{m.kpi}' in {period} (contract '{contract.id}')",
                f"the first is at {at(first, 'period')}",
                code="duplicate",
            )
            continue
        seen[key] = m
        if period.end < contract.start or period.start > contract.end:
            _lint(
                project,
                problems,
                "outside-term",
                at(m, "period"),
                f"{period} is outside the term of contract "
                f"'{contract.id}' ({contract.start} to {contract.end})",
                "check the period, or the contract's start and end",
            )


def _no_kpi(kpi_id: str) -> str:
    return f"add content/kpis/{kpi_id}.yaml to the catalogue, or fix the id"


def _check_notes(project: Project, vc: VendorContent, problems: Problems) -> None:
    for note in vc.notes.values():
        if note.kpi and note.kpi not in project.kpis:
            problems.add(
                _at(project, _file(note.source), ("kpi",)),
                f"unknown KPI '{note.kpi}'",
                suggest_kpi(note.kpi, project.kpis) or _no_kpi(note.kpi),
                code="unknown-kpi",
            )
        check_review_link(project, vc, note, "responds_to", note.responds_to, problems)
        check_review_link(project, vc, note, "review", note.review, problems)


def _check_unused_kpis(project: Project, problems: Problems) -> None:
    if not project.contracts_complete:
        return  # a contract that failed to load may well use them
    used = {
        sl.kpi
        for vc in project.vendors.values()
        for c in vc.contracts.values()
        for sl in c.service_levels
    }
    for kpi in project.kpis.values():
        if kpi.id not in used:
            _lint(
                project,
                problems,
                "unused-kpi",
                _at(project, _file(kpi.source)),
                f"KPI '{kpi.id}' is used by no contract",
                "remove it from the catalogue or add a service level",
            )


def _check_ranges(project: Project, vc: VendorContent | None, problems: Problems) -> None:
    """KPI ranges (`%` defaults to 0-100): min below max; levels and values inside them.

    With no vendor, checks the catalogue's ranges; with one, its contracts and measurements.
    """
    if vc is None:
        for kpi in project.kpis.values():
            if kpi.range is not None and not kpi.range.min < kpi.range.max:
                problems.add(
                    _at(project, _file(kpi.source), ("range", "min")),
                    f"range min {kpi.range.min:g} is not below max {kpi.range.max:g}",
                    "write the range as {min: <lowest>, max: <highest>}",
                    code="range",
                )
        return

    def outside(kpi_id: str, value: float | None) -> str:
        """The hint when a value lies outside its KPI's range, else ''."""
        kpi = project.kpis.get(kpi_id)
        bounds = kpi.bounds if kpi else None
        if kpi is None or bounds is None or value is None or not bounds[0] < bounds[1]:
            return ""  # an unknown KPI or a broken range is reported on its own
        if bounds[0] <= value <= bounds[1]:
            return ""
        default = " (the default for %; give the KPI a 'range' to change it)"
        return f"KPI '{kpi_id}' takes values from {bounds[0]:g} to {bounds[1]:g}" + (
            default if kpi.range is None else ""
        )

    for contract in vc.contracts.values():
        for i, sl in enumerate(contract.service_levels):
            for field, level in (("expected", sl.expected), ("minimum", sl.minimum)):
                hint = outside(sl.kpi, level)
                if hint:
                    problems.add(
                        _at(project, _file(contract.source), ("service_levels", i, field)),
                        f"{field} {level:g} is outside the range of KPI '{sl.kpi}'",
                        hint,
                        code="range",
                    )
    for m in vc.measurements:
        hint = outside(m.kpi, m.value)
        if hint:
            problems.add(
                _at(project, _file(m.source), (m.item, "value")),
                f"value {m.value:g} is outside the range of KPI '{m.kpi}'",
                hint,
                code="range",
            )


def validate_vendor(project: Project, vc: VendorContent) -> Problems:
    """The problems of one vendor's contracts, measurements and notes against the catalogue."""
    problems = Problems()
    check_vendor_markdown(project, vc, problems)  # rendered once here, reused by the pages
    if not project.vendor_complete(vc.vendor.id):
        return problems  # its contract errors are reported; measurement checks would echo them
    if not vc.contracts:
        problems.add(
            _at(project, _file(vc.vendor.source)),
            f"vendor '{vc.vendor.id}' has no contracts",
            "add contracts/<contract-id>.yaml to score this vendor",
            severity="warning",
            code="no-contracts",
        )
    for contract in vc.contracts.values():
        _check_contract(project, contract, problems)
    check_vendor_currencies(project, vc, problems)
    _check_measurements(project, vc, problems)
    _check_ranges(project, vc, problems)
    _check_notes(project, vc, problems)
    return problems


def validate_shared(project: Project, whole: bool = True) -> Problems:
    """The problems no single vendor owns: the theme, currencies, the catalogue, unused KPIs.

    ``whole`` False: the project holds some vendors only (``check --vendor``), so the checks
    across every vendor (unused KPIs, portfolio currencies) are left out.
    """
    problems = Problems()
    check_theme(project, problems)
    check_site_currencies(project, problems)
    if whole:
        check_portfolio_currencies(project, problems)
    check_theme_remote(project.root, project.site.theme, problems)
    check_kpis(project, problems)
    _check_ranges(project, None, problems)
    check_kpi_markdown(project, problems)
    if whole:
        _check_unused_kpis(project, problems)
    return problems
