"""Quarter scores: service levels, contracts, vendors; coverage, status bands and trend.

SCORING.md sections 3 to 5. Words used:

- quarter status: ``green``, ``amber``, ``red`` (bands from site.yaml), ``insufficient-data``
  when coverage is below 50, and ``no-data`` when nothing in the quarter has a value (the
  score is then None);
- trend: ``up`` / ``down`` when the score moved by more than 1.0 point against the previous
  quarter, ``flat`` otherwise, ``none`` when either score is missing;
- a contract is *active* in a quarter when its term (start to end) overlaps the quarter. A
  vendor's quarter averages the active contracts that have a score: one contract gives its
  own score; several are weighted by ``annual_value`` converted to the reporting currency, or
  equally when any of them has none, when a value has no exchange rate, or when the amounts
  total 0. The vendor's coverage is the mean of the coverage of every active contract that
  expects anything in the quarter, under the same weighting rule (one with nothing measured
  counts 0), so missing contracts lower coverage but not the score;
- coverage (section 3): a service level's periods with data over the periods it expects in
  the quarter; a contract's is the weighted mean over its service levels that expect anything
  (None when none does), so a missing monthly report lowers it.

Comparisons with thresholds (bands, coverage 50, trend 1.0) ignore float noise below 1e-9,
so 85 reached through a renormalised mean is still green.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from scorecardgen.model import Bands, Contract, Window
from scorecardgen.periods import Period
from scorecardgen.scoring.currency import Currencies
from scorecardgen.scoring.explain import MINUS, TIMES, operand, result, weighted_mean
from scorecardgen.scoring.measurement import MeasurementScore
from scorecardgen.scoring.series import Series

QuarterStatus = Literal["green", "amber", "red", "insufficient-data", "no-data"]
Trend = Literal["up", "down", "flat", "none"]
Weighting = Literal["single", "annual-value", "equal", "none"]

TREND_THRESHOLD = 1.0
MIN_COVERAGE = 50.0


def settle(x: float) -> float:
    """A score or percentage without float noise, for comparing with a threshold."""
    return round(x, 9)


@dataclass(frozen=True)
class PeriodScore:
    """One measured period (a month, or a quarter for a quarterly window) inside a quarter."""

    period: str
    result: MeasurementScore

    @property
    def score(self) -> float | None:
        return self.result.score


@dataclass(frozen=True)
class ServiceLevelQuarter:
    """Section 4: a service level's quarter score, the mean of its periods with data.

    ``expected`` are the quarter's periods the service level expects (section 3), ``missing``
    those of them without a value; ``coverage`` is periods with data over periods expected,
    in percent, and None when the quarter expects nothing.
    """

    contract: str
    kpi: str
    period: str
    window: Window
    weight: float
    score: float | None
    periods: tuple[PeriodScore, ...]
    no_data_periods: tuple[str, ...]
    formula: str
    expected: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    with_data: int = 0
    coverage: float | None = None


@dataclass(frozen=True)
class WeightedTerm:
    """One part of a weighted mean: ``effective_weight`` is the renormalised percent."""

    id: str
    weight: float
    score: float
    effective_weight: float
    contribution: float


@dataclass(frozen=True)
class ContractQuarter:
    """Section 5: a contract's quarter score over its service levels with data."""

    contract: str
    period: str
    score: float | None
    status: QuarterStatus
    coverage: float | None
    service_levels: tuple[ServiceLevelQuarter, ...]
    terms: tuple[WeightedTerm, ...]
    excluded: tuple[str, ...]
    total_weight: float
    weight_with_data: float
    formula: str
    coverage_formula: str


@dataclass(frozen=True)
class VendorQuarter:
    """Section 5: the vendor's quarter score over its active contracts, with trend."""

    period: str
    score: float | None
    status: QuarterStatus
    coverage: float | None
    contracts: tuple[ContractQuarter, ...]
    terms: tuple[WeightedTerm, ...]
    weighting: Weighting
    weighting_reason: str
    excluded: tuple[str, ...]
    formula: str
    trend: Trend = "none"
    previous_score: float | None = None
    change: float | None = None
    closed: bool = True
    months_to_date: int = 3
    coverage_formula: str = ""


def band(score: float | None, coverage: float | None, bands: Bands) -> QuarterStatus:
    """The status of a quarter score: a colour, ``insufficient-data`` or ``no-data``."""
    if score is None:
        return "no-data"
    if coverage is not None and settle(coverage) < MIN_COVERAGE:
        return "insufficient-data"
    if settle(score) >= bands.green:
        return "green"
    return "amber" if settle(score) >= bands.amber else "red"


def trend(score: float | None, previous: float | None) -> Trend:
    """``up``/``down`` beyond a 1.0-point move, ``flat`` within it, ``none`` without both."""
    if score is None or previous is None:
        return "none"
    change = settle(score - previous)
    if change > TREND_THRESHOLD:
        return "up"
    return "down" if change < -TREND_THRESHOLD else "flat"


def quarters_between(first: Period, last: Period) -> list[Period]:
    """Every quarter from ``first``'s quarter to ``last``'s, inclusive (empty when reversed)."""
    quarters, current = [], last.quarter
    while current >= first.quarter:
        quarters.append(current)
        current = current.previous()
    return quarters[::-1]


def is_active(contract: Contract, quarter: Period) -> bool:
    """Whether a contract's term overlaps the quarter."""
    return contract.start <= quarter.end and contract.end >= quarter.start


def _mean(scores: Sequence[float]) -> float:
    return math.fsum(scores) / len(scores)


def service_level_quarter(series: Series, quarter: Period) -> ServiceLevelQuarter:
    """A service level's score for a quarter: its quarter's value, or the mean of its months."""
    periods = quarter.months() if series.level.window == "monthly" else [quarter]
    scored = tuple(PeriodScore(str(p), series.score(p)) for p in periods)
    scores = [s.score for s in scored if s.score is not None]
    no_data = tuple(s.period for s in scored if s.score is None)
    expected = [p for p in periods if p in series.expected]
    missing = tuple(str(p) for p in expected if series.value(p) is None)
    with_data = sum(1 for p in expected if series.has_data(p))
    coverage = with_data * 100 / len(expected) if expected else None
    score = _mean(scores) if scores else None
    if score is None:
        formula = f"no data in {quarter}"
    elif len(periods) == 1:
        formula = f"{quarter}: {result(score)}"
    elif len(scores) == 1:
        formula = f"one month with data: {result(score)}"
    else:
        formula = f"({' + '.join(result(s) for s in scores)}) / {len(scores)} = {result(score)}"
    return ServiceLevelQuarter(
        series.contract,
        series.kpi,
        str(quarter),
        series.level.window,
        series.level.weight,
        score,
        scored,
        no_data,
        formula,
        tuple(str(p) for p in expected),
        missing,
        with_data,
        coverage,
    )


def _terms(pairs: Sequence[tuple[str, float, float]]) -> tuple[WeightedTerm, ...]:
    """Renormalise (id, weight, score) triples so the effective weights sum to 100."""
    total = math.fsum(w for _, w, _ in pairs)
    return tuple(WeightedTerm(i, w, s, w * 100 / total, w * s / total) for i, w, s in pairs)


def _coverage(levels: Sequence[ServiceLevelQuarter]) -> tuple[float | None, str]:
    """Section 3: sum(weight × coverage) / sum(weight) × 100 over levels expecting anything."""
    expecting = [sl for sl in levels if sl.expected]
    if not expecting:
        return None, "nothing expected in the quarter"
    total = math.fsum(sl.weight for sl in expecting)
    coverage = math.fsum(sl.weight * sl.with_data / len(sl.expected) for sl in expecting)
    coverage = coverage * 100 / total
    top = " + ".join(
        f"{operand(sl.weight)} {TIMES} {sl.with_data}/{len(sl.expected)}" for sl in expecting
    )
    bottom = " + ".join(operand(sl.weight) for sl in expecting)
    if len(expecting) > 1:
        top, bottom = f"({top})", f"({bottom})"
    return coverage, f"{top} / {bottom} {TIMES} 100 = {result(coverage)}"


def contract_quarter(
    contract: str, series: Sequence[Series], quarter: Period, bands: Bands
) -> ContractQuarter:
    """A contract's quarter score: the weighted mean over its service levels with data."""
    levels = tuple(service_level_quarter(s, quarter) for s in series)
    with_data = [(sl.kpi, sl.weight, sl.score) for sl in levels if sl.score is not None]
    excluded = tuple(sl.kpi for sl in levels if sl.score is None)
    total = math.fsum(sl.weight for sl in levels)
    weight_with_data = math.fsum(w for _, w, _ in with_data)
    coverage, coverage_formula = _coverage(levels)
    if not with_data:
        return ContractQuarter(
            contract,
            str(quarter),
            None,
            "no-data",
            coverage,
            levels,
            (),
            excluded,
            total,
            weight_with_data,
            f"no data in {quarter}",
            coverage_formula,
        )
    terms = _terms(with_data)
    score = math.fsum(w * s for _, w, s in with_data) / weight_with_data
    formula = weighted_mean(((w, s) for _, w, s in with_data), score)
    return ContractQuarter(
        contract,
        str(quarter),
        score,
        band(score, coverage, bands),
        coverage,
        levels,
        terms,
        excluded,
        total,
        weight_with_data,
        formula,
        coverage_formula,
    )


def contract_weights(
    contracts: Sequence[Contract], currencies: Currencies | None = None
) -> tuple[Weighting, list[float], str]:
    """How several contracts are weighted: by annual value in the reporting currency.

    Equal weights when any contract lacks an annual value, when an annual value cannot be
    converted (no rate), or when the converted values total 0.
    """
    if len(contracts) == 1:
        return "single", [1.0], f"one contract: {contracts[0].id}"
    lacking = [c.id for c in contracts if c.annual_value is None]
    if lacking:
        reason = f"equal weights: no annual value on {', '.join(lacking)}"
        return "equal", [1.0] * len(contracts), reason
    currencies = currencies or Currencies(None)
    values = [c.annual_value for c in contracts if c.annual_value is not None]
    converted = [currencies.convert(v.amount, v.currency) for v in values]
    same = len({v.currency for v in values}) == 1
    if same:
        converted = [v.amount for v in values]
    unconverted = sorted({v.currency for v, x in zip(values, converted, strict=True) if x is None})
    if unconverted:
        reason = f"equal weights: no exchange rate for {', '.join(unconverted)}"
        return "equal", [1.0] * len(contracts), reason
    weights = [x for x in converted if x is not None]
    if math.fsum(weights) <= 0:
        return "equal", [1.0] * len(contracts), "equal weights: annual values total 0"
    if same:
        return "annual-value", weights, f"weighted by annual value ({values[0].currency})"
    rates = sorted({currencies.rate_text(v.currency) for v in values} - {""})
    reason = f"weighted by annual value in {currencies.reporting} ({', '.join(rates)})"
    return "annual-value", weights, reason


def vendor_quarter(
    quarter: Period,
    active: Sequence[tuple[Contract, ContractQuarter]],
    bands: Bands,
    currencies: Currencies | None = None,
) -> VendorQuarter:
    """The vendor's quarter: its active contracts' scores, weighted as ``contract_weights``."""
    period = str(quarter)
    contracts = tuple(cq for _, cq in active)
    if not active:
        return VendorQuarter(
            period,
            None,
            "no-data",
            None,
            (),
            (),
            "none",
            "no contract active in the quarter",
            (),
            f"no data in {quarter}",
        )
    expecting = [(c, cq) for c, cq in active if cq.coverage is not None]
    coverage: float | None = None
    coverage_formula = "nothing expected in the quarter"
    if expecting:
        _, cover_weights, _ = contract_weights([c for c, _ in expecting], currencies)
        coverage = math.fsum(
            w * (cq.coverage or 0.0) for w, (_, cq) in zip(cover_weights, expecting, strict=True)
        )
        coverage /= math.fsum(cover_weights)
        if len(expecting) == 1:
            coverage_formula = f"{expecting[0][1].contract}: {result(coverage)}"
        else:
            coverage_formula = weighted_mean(
                (
                    (w, cq.coverage or 0.0)
                    for w, (_, cq) in zip(cover_weights, expecting, strict=True)
                ),
                coverage,
            )
    scored = [(c, cq) for c, cq in active if cq.score is not None]
    excluded = tuple(cq.contract for cq in contracts if cq.score is None)
    if not scored:
        return VendorQuarter(
            period,
            None,
            "no-data",
            coverage,
            contracts,
            (),
            "none",
            "no active contract has data",
            excluded,
            f"no data in {quarter}",
            coverage_formula=coverage_formula,
        )
    weighting, weights, reason = contract_weights([c for c, _ in scored], currencies)
    pairs = [
        (cq.contract, w, cq.score)
        for w, (_, cq) in zip(weights, scored, strict=True)
        if cq.score is not None
    ]
    terms = _terms(pairs)
    if weighting == "single":
        score = pairs[0][2]
        formula = f"{pairs[0][0]}: {result(score)}"
    else:
        score = math.fsum(w * s for _, w, s in pairs) / math.fsum(w for _, w, _ in pairs)
        formula = weighted_mean(((w, s) for _, w, s in pairs), score)
    return VendorQuarter(
        period,
        score,
        band(score, coverage, bands),
        coverage,
        contracts,
        terms,
        weighting,
        reason,
        excluded,
        formula,
        coverage_formula=coverage_formula,
    )


def with_trends(quarters: Sequence[VendorQuarter]) -> tuple[VendorQuarter, ...]:
    """The quarters, in order, each with its trend against the quarter before it."""
    out: list[VendorQuarter] = []
    previous: float | None = None
    for q in quarters:
        change = q.score - previous if q.score is not None and previous is not None else None
        out.append(
            replace(q, trend=trend(q.score, previous), previous_score=previous, change=change)
        )
        previous = q.score
    return tuple(out)


def change_text(change: float | None) -> str:
    """A signed change for explanations: ``+1.5``, ``−2.0``, or ``n/a``."""
    if change is None:
        return "n/a"
    return ("+" if change >= 0 else MINUS) + result(abs(change))
