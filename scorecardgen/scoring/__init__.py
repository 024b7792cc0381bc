"""The scoring stage: a validated ``Project`` in, plain frozen dataclasses out (SCORING.md).

Pure: no I/O, no templates, no charts, never the clock. One module per rule:

- ``measurement``: status and score of one value (sections 1, 2);
- ``series``: each service level with its measurements;
- ``quarters``: service-level, contract and vendor quarter scores, coverage, bands, trend
  (sections 3 to 5);
- ``breaches``: rolling 12-month counts and persistent failure (section 6);
- ``credits``: service credits with the monthly cap (section 7);
- ``dates``: as_of, contract, certification and action dates (section 8);
- ``benchmarks``: quartile position (section 9);
- ``scorecard``: assembles everything: ``score_project``.

Every score carries its explanation as data (inputs, terms, renormalised weights, what was
left out, a formula string with the numbers), so pages can show how a number was reached.
"""

from scorecardgen.scoring.benchmarks import BenchmarkPosition, benchmark_position
from scorecardgen.scoring.breaches import BreachRecord, RollingWindow, rolling_window
from scorecardgen.scoring.credits import Credit, CreditItem, CreditTotal, at_risk_amount
from scorecardgen.scoring.dates import (
    Action,
    AsOf,
    CertificationDates,
    CertificationState,
    ContractDates,
    ContractState,
)
from scorecardgen.scoring.measurement import (
    MeasurementScore,
    MeasurementStatus,
    measurement_status,
    score_measurement,
)
from scorecardgen.scoring.quarters import (
    ContractQuarter,
    PeriodScore,
    QuarterStatus,
    ServiceLevelQuarter,
    Trend,
    VendorQuarter,
    WeightedTerm,
    band,
    trend,
)
from scorecardgen.scoring.scorecard import (
    Headline,
    Portfolio,
    ScoredMeasurement,
    ServiceLevelSummary,
    VendorScorecard,
    score_project,
)

__all__ = [
    "Action",
    "AsOf",
    "BenchmarkPosition",
    "BreachRecord",
    "CertificationDates",
    "CertificationState",
    "ContractDates",
    "ContractQuarter",
    "ContractState",
    "Credit",
    "CreditItem",
    "CreditTotal",
    "Headline",
    "MeasurementScore",
    "MeasurementStatus",
    "PeriodScore",
    "Portfolio",
    "QuarterStatus",
    "RollingWindow",
    "ScoredMeasurement",
    "ServiceLevelQuarter",
    "ServiceLevelSummary",
    "Trend",
    "VendorQuarter",
    "VendorScorecard",
    "WeightedTerm",
    "at_risk_amount",
    "band",
    "benchmark_position",
    "measurement_status",
    "rolling_window",
    "score_measurement",
    "score_project",
    "trend",
]
