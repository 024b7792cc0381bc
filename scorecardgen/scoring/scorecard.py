"""Assemble every score of a project into one scorecard per vendor: ``score_project``.

The whole scoring stage in one call: a validated ``Project`` in, a ``Portfolio`` of frozen
dataclasses out. Nothing here reads files or the clock.

A vendor's quarters run from the quarter of its earliest measurement row to the quarter of
as_of; a quarter with nothing measured is present with score None and status ``no-data``.
The quarter of as_of is scored on whatever it has, even months measured after as_of.
A quarter is *closed* when its last day is on or before as_of. The headline is the latest
closed quarter that has a score; only when none has is it the latest quarter with a score,
marked ``in_progress``. A quarter in progress with a score is the headline's ``to_date``.
Missing periods (section 3) are listed among the measurements with status ``missing`` (or
``breached`` and flagged missing under ``missing_data: breached``). A service level's *latest*
measurement is its latest period with a value that as_of has reached (a month up to as_of's
month, a quarter ended by as_of); an *open breach* is a service level whose latest measurement
is ``breached``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from scorecardgen.errors import Location
from scorecardgen.model import (
    Bands,
    Benchmark,
    Contract,
    Direction,
    Project,
    Restatement,
    Step,
    VendorContent,
    Window,
)
from scorecardgen.periods import Period
from scorecardgen.scoring.benchmarks import BenchmarkPosition, benchmark_position
from scorecardgen.scoring.breaches import (
    BreachRecord,
    RollingWindow,
    breach_record,
    rolling_window,
)
from scorecardgen.scoring.credits import Credit, CreditTotal, contract_credits, credit_totals
from scorecardgen.scoring.currency import Currencies, project_currencies
from scorecardgen.scoring.dates import (
    Action,
    AsOf,
    CertificationDates,
    ContractDates,
    action,
    certification_dates,
    contract_dates,
    project_as_of,
)
from scorecardgen.scoring.default import DefaultRecord, default_record
from scorecardgen.scoring.explain import result
from scorecardgen.scoring.measurement import MeasurementScore, MeasurementStatus
from scorecardgen.scoring.quarter_memo import QuarterMemo
from scorecardgen.scoring.quarters import (
    QuarterStatus,
    Trend,
    VendorQuarter,
    change_text,
    contract_quarter,
    is_active,
    quarters_between,
    vendor_quarter,
    with_trends,
)
from scorecardgen.scoring.series import Series, vendor_series


@dataclass(frozen=True)
class ScoredMeasurement:
    """One measurement row with its status and score; ``result`` holds the working."""

    contract: str
    kpi: str
    period: str
    note: str | None
    source: Location | None
    result: MeasurementScore
    reason: str | None = None
    restated: Restatement | None = None

    @property
    def restated_from(self) -> float | None:
        """What was first reported, when the figure was restated (section 1b)."""
        return self.restated.value if self.restated is not None else None

    @property
    def expected(self) -> float:
        """The expected level in force for this period (section 1c)."""
        return self.result.expected

    @property
    def minimum(self) -> float:
        return self.result.minimum

    @property
    def value(self) -> float | None:
        return self.result.value

    @property
    def status(self) -> MeasurementStatus:
        return self.result.status

    @property
    def score(self) -> float | None:
        return self.result.score


@dataclass(frozen=True)
class ServiceLevelSummary:
    """One row of the scorecard's service-level table."""

    contract: str
    kpi: str
    kpi_name: str
    unit: str
    direction: Direction
    expected: float
    minimum: float
    weight: float
    owner: str | None
    window: Window
    credit_allocation: float | None
    missing_12m: tuple[str, ...]
    latest: ScoredMeasurement | None
    benchmark: Benchmark | None
    benchmark_position: BenchmarkPosition | None
    breaches: BreachRecord
    default: DefaultRecord = DefaultRecord(False, None, None, (), "not assessed")
    steps: tuple[Step, ...] = ()
    next_step: Step | None = None

    @property
    def critical(self) -> bool:
        """A critical service level earns credits; a key measurement is only scored."""
        return self.credit_allocation is not None

    @property
    def in_default(self) -> bool:
        return self.default.default

    @property
    def missed_12m(self) -> int:
        return self.breaches.missed_12m

    @property
    def breached_12m(self) -> int:
        return self.breaches.breached_12m

    @property
    def persistent_failure(self) -> bool:
        return self.breaches.persistent_failure


@dataclass(frozen=True)
class ContractMix:
    """How many of a quarter's scored contracts have each status, when they differ."""

    total: int
    counts: tuple[tuple[QuarterStatus, int], ...]  # statuses other than the vendor's, worst first


@dataclass(frozen=True)
class Headline:
    """The vendor's latest closed quarter with a score (``period`` None when none has one).

    ``in_progress`` when no closed quarter has a score and the headline is a quarter still
    running; ``to_date`` is the quarter in progress after the headline, when it has a score.
    """

    period: str | None
    score: float | None
    status: QuarterStatus
    trend: Trend
    coverage: float | None
    change: float | None
    quarter: VendorQuarter | None
    explanation: str
    in_progress: bool = False
    to_date: VendorQuarter | None = None
    mix: ContractMix | None = None


@dataclass(frozen=True)
class VendorScorecard:
    """Everything scored for one vendor, every list in a fixed order."""

    vendor_id: str
    name: str
    as_of: date
    headline: Headline
    quarters: tuple[VendorQuarter, ...]
    measurements: tuple[ScoredMeasurement, ...]
    service_levels: tuple[ServiceLevelSummary, ...]
    credits: tuple[Credit, ...]
    credit_totals: tuple[CreditTotal, ...]
    contracts: tuple[ContractDates, ...]
    certifications: tuple[CertificationDates, ...]
    actions: tuple[Action, ...]

    @property
    def open_breaches(self) -> tuple[ServiceLevelSummary, ...]:
        return tuple(
            s for s in self.service_levels if s.latest is not None and s.latest.status == "breached"
        )

    @property
    def defaults(self) -> tuple[ServiceLevelSummary, ...]:
        """Service levels in default (section 7b): a possible termination right."""
        return tuple(s for s in self.service_levels if s.in_default)

    @property
    def persistent_failures(self) -> tuple[ServiceLevelSummary, ...]:
        return tuple(s for s in self.service_levels if s.persistent_failure)

    @property
    def overdue_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.overdue)

    @property
    def renewals_due(self) -> tuple[ContractDates, ...]:
        return tuple(c for c in self.contracts if c.state == "renewal-due")

    @property
    def certifications_due(self) -> tuple[CertificationDates, ...]:
        return tuple(c for c in self.certifications if c.state != "valid")


@dataclass(frozen=True)
class Portfolio:
    """Every vendor's scorecard, keyed and ordered by vendor id, on one as_of date."""

    as_of: date
    as_of_detail: AsOf
    bands: Bands
    vendors: Mapping[str, VendorScorecard]
    currencies: Currencies = Currencies(None)


def score_project(project: Project) -> Portfolio:
    """Score a validated project: one ``VendorScorecard`` per vendor, all on one as_of."""
    as_of = project_as_of(project)
    bands = project.site.scoring.bands
    currencies = project_currencies(project)
    vendors = {
        vid: score_vendor(project, project.vendors[vid], as_of.date, bands, currencies)
        for vid in sorted(project.vendors)
    }
    return Portfolio(as_of.date, as_of, bands, vendors, currencies)


def score_vendor(
    project: Project,
    content: VendorContent,
    as_of: date,
    bands: Bands,
    currencies: Currencies | None = None,
    memo: QuarterMemo | None = None,
) -> VendorScorecard:
    """Score one vendor's contracts, measurements and notes on as_of; ``memo``: contract
    quarters already scored for the same vendor on another day (``score_as_of``)."""
    currencies = currencies or project_currencies(project)
    series = vendor_series(content, project.kpis, as_of)
    window = rolling_window(as_of)
    quarters = _quarters(content, series, as_of, bands, currencies, memo)
    credits = tuple(
        c
        for cid in sorted(content.contracts)
        for c in contract_credits(
            content.contracts[cid],
            [s for s in series if s.contract == cid],
            window,
            currencies.of(content.contracts[cid]),
        )
    )
    notes = [n for n in content.notes.values() if n.kind == "action"]
    scored = {id(s): _scored(s) for s in series}  # each series' rows, scored once
    return VendorScorecard(
        vendor_id=content.vendor.id,
        name=content.vendor.name,
        as_of=as_of,
        headline=_headline(quarters, as_of),
        quarters=quarters,
        measurements=tuple(m for s in _by_kpi(series) for m in scored[id(s)]),
        service_levels=tuple(
            _summary(project, content.contracts[s.contract], s, scored[id(s)], window)
            for s in series
        ),
        credits=credits,
        credit_totals=credit_totals(credits, window),
        contracts=tuple(
            contract_dates(content.contracts[cid], as_of) for cid in sorted(content.contracts)
        ),
        certifications=tuple(
            sorted(
                (certification_dates(c, as_of) for c in content.vendor.certifications),
                key=lambda c: (c.expires, c.name),
            )
        ),
        actions=tuple(
            sorted((action(n, as_of) for n in notes), key=lambda a: (a.due or date.max, a.id))
        ),
    )


def _by_kpi(series: Sequence[Series]) -> list[Series]:
    return sorted(series, key=lambda s: (s.contract, s.kpi))


def _scored(series: Series) -> list[ScoredMeasurement]:
    """A service level's measurement rows and its missing periods, in period order."""
    rows = []
    for p in series.periods():
        m = series.measurements.get(p)
        if m is not None:
            rows.append(
                ScoredMeasurement(
                    series.contract,
                    series.kpi,
                    str(p),
                    m.note,
                    m.source,
                    series.score(p),
                    m.reason if m.excluded else None,
                    m.restated,
                )
            )
        elif p in series.expected:
            rows.append(
                ScoredMeasurement(series.contract, series.kpi, str(p), None, None, series.score(p))
            )
    return rows


def _quarters(
    content: VendorContent,
    series: Sequence[Series],
    as_of: date,
    bands: Bands,
    currencies: Currencies,
    memo: QuarterMemo | None = None,
) -> tuple[VendorQuarter, ...]:
    measured = [p for s in series for p in s.measurements]
    if not measured:
        return ()
    score_contract = memo.contract_quarter if memo is not None else contract_quarter
    out = []
    for quarter in quarters_between(min(measured), Period.month(as_of.year, as_of.month)):
        active = [
            (
                contract,
                score_contract(cid, [s for s in series if s.contract == cid], quarter, bands),
            )
            for cid, contract in sorted(content.contracts.items())
            if is_active(contract, quarter)
        ]
        scored = vendor_quarter(quarter, active, bands, currencies)
        ended = sum(1 for m in quarter.months() if m.end <= as_of)
        out.append(replace(scored, closed=quarter.end <= as_of, months_to_date=ended))
    return with_trends(out)


def contract_mix(quarter: VendorQuarter) -> ContractMix | None:
    """The statuses of a quarter's scored contracts other than the vendor's, when they differ."""
    statuses = [cq.status for cq in quarter.contracts if cq.score is not None]
    if len(set(statuses)) < 2:
        return None
    order = ("red", "amber", "insufficient-data", "green", "no-data")
    counts = tuple((s, statuses.count(s)) for s in order if s != quarter.status and s in statuses)
    return ContractMix(len(statuses), counts) if counts else None


def _headline(quarters: Sequence[VendorQuarter], as_of: date) -> Headline:
    scored = [q for q in quarters if q.score is not None]
    if not scored:
        return Headline(None, None, "no-data", "none", None, None, None, "no quarter has data")
    closed = [q for q in scored if q.closed]
    q = closed[-1] if closed else scored[-1]
    in_progress = not q.closed
    later = [x for x in scored if not x.closed and x.period > q.period]
    coverage = "n/a" if q.coverage is None else result(q.coverage)
    explanation = (
        f"{q.period}: {q.formula}; coverage {coverage}%; {q.status}; "
        f"trend {q.trend} ({change_text(q.change)})"
    )
    if in_progress:
        explanation += (
            f"; in progress: no closed quarter has data on {as_of} "
            f"({q.months_to_date} of 3 months ended)"
        )
    elif later:
        t = later[-1]
        explanation += (
            f"; {t.period} is in progress ({t.months_to_date} of 3 months to date) "
            "and does not replace the headline"
        )
    return Headline(
        q.period,
        q.score,
        q.status,
        q.trend,
        q.coverage,
        q.change,
        q,
        explanation,
        in_progress,
        later[-1] if later else None,
        contract_mix(q),
    )


def _summary(
    project: Project,
    contract: Contract,
    series: Series,
    rows: Sequence[ScoredMeasurement],
    window: RollingWindow,
) -> ServiceLevelSummary:
    """A service level's row of the scorecard; ``rows``: its ``_scored`` measurement rows."""
    kpi = project.kpis.get(series.kpi)
    level = series.level
    expected, minimum = level.levels_for(window.last)
    latest = None
    for scored in reversed(rows):
        if scored.value is not None and window.reached(Period.parse(scored.period)):
            latest = scored
            break
    benchmark = kpi.benchmark if kpi else None
    position = benchmark_position(latest.value if latest else None, benchmark, series.direction)
    return ServiceLevelSummary(
        contract=series.contract,
        kpi=series.kpi,
        kpi_name=kpi.name if kpi else series.kpi,
        unit=kpi.unit if kpi else "",
        direction=series.direction,
        expected=expected,
        minimum=minimum,
        weight=level.weight,
        owner=level.owner,
        window=level.window,
        credit_allocation=level.credit_allocation,
        missing_12m=tuple(str(p) for p in series.missing() if window.contains(p)),
        latest=latest,
        benchmark=benchmark,
        benchmark_position=position,
        breaches=breach_record(series, window),
        default=default_record(contract, series, window),
        steps=tuple(level.steps),
        next_step=level.next_step(window.last),
    )
