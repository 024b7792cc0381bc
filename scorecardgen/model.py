"""The content model: what each file of a project holds, as pydantic models.

Field names are the contract with users' files (SPEC.md). Ids are not fields of the files:
they come from file and folder names, and the loader sets them on ``id`` after validation.
``source`` records where each record was read, for located cross-record errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema, WithJsonSchema

from scorecardgen.errors import Location
from scorecardgen.importing.mapping import MAPPINGS_DESCRIPTION, ImportMappings
from scorecardgen.periods import Period
from scorecardgen.yamlsource import SourceMap

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _printable_unit(value: str) -> str:
    # isprintable() also refuses invisible format characters such as bidi overrides.
    if not value.isprintable():
        raise ValueError(f"unit {value!r} holds a control or invisible character")
    return value


# A known unit (formatting.py writes each its own way) or any short label (`kWh/m²`, `1-5`)
# shown after the value: 1-12 printable characters.
Unit = Annotated[
    str,
    Field(
        min_length=1,
        max_length=12,
        json_schema_extra={"pattern": r"^[^\x00-\x1f\x7f-\x9f]+$"},
        description="%, s, min, h, days, count, score, currency, ratio, "
        "or a label of 1-12 printable characters shown after every value",
        examples=["%", "days", "score", "kWh/m²"],
    ),
    AfterValidator(_printable_unit),
]
Direction = Literal["higher", "lower"]
Window = Literal["monthly", "quarterly"]
Slug = Annotated[str, Field(pattern=SLUG.pattern, description="lower-case letters, digits, -")]
Text = Annotated[str, Field(max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=500)]
PositiveRate = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Strict(BaseModel):
    """Base for file models: unknown keys are errors, numbers must be finite."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, str_strip_whitespace=True)


class Record(Strict):
    """A file-backed record: its id comes from the file or folder name."""

    id: SkipJsonSchema[str] = Field(default="", exclude=True)
    source: SkipJsonSchema[Location | None] = Field(default=None, exclude=True)


# -- site.yaml -----------------------------------------------------------------------------


class Bands(Strict):
    green: float = Field(85.0, ge=0, le=100, description="lowest score that is green")
    amber: float = Field(65.0, ge=0, le=100, description="lowest score that is amber")

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.amber > self.green:
            raise ValueError("amber threshold must not be above the green threshold")
        return self


class Scoring(Strict):
    bands: Bands = Field(default_factory=Bands)


LintLevel = Literal["off", "warning", "error"]
LINT_LEVEL = "off mutes the lint; warning (the default) fails only --strict; error always fails"


def _lint_level(value: object) -> object:
    # YAML 1.1 reads a bare off / on as false / true
    if value is False:
        return "off"
    if value is True:
        return "warning"
    return value


class ServiceLevelCount(Strict):
    """The sl-count lint: how many service levels a contract may have."""

    level: LintLevel = Field("warning", description=LINT_LEVEL)
    min: int = Field(5, ge=0, description="fewest service levels without a lint")
    max: int = Field(9, ge=0, description="most service levels without a lint")

    _level = field_validator("level", mode="before")(_lint_level)

    @model_validator(mode="after")
    def _ordered(self) -> ServiceLevelCount:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class Lints(Strict):
    """Tune or mute each lint of SCORING.md section 10; each key is the lint's code with _."""

    sl_count: Annotated[
        ServiceLevelCount,  # a level alone is accepted too: the schema says so
        WithJsonSchema(
            {"anyOf": [ServiceLevelCount.model_json_schema(), {"enum": list(get_args(LintLevel))}]}
        ),
    ] = Field(
        default_factory=ServiceLevelCount,
        description="service levels per contract: {min, max, level}, or just a level",
    )
    no_owner: LintLevel = Field(
        "warning", description=f"a service level without an owner; {LINT_LEVEL}"
    )
    outside_term: LintLevel = Field(
        "warning", description=f"a measurement outside its contract's term; {LINT_LEVEL}"
    )
    unused_kpi: LintLevel = Field("warning", description=f"a KPI used by no contract; {LINT_LEVEL}")
    missing_periods: LintLevel = Field(
        "warning",
        description=f"a service level's missing reports in the rolling 12 months; {LINT_LEVEL}",
    )

    _levels = field_validator(
        "no_owner", "outside_term", "unused_kpi", "missing_periods", mode="before"
    )(_lint_level)

    @field_validator("sl_count", mode="before")
    @classmethod
    def _count_shorthand(cls, value: object) -> object:
        value = _lint_level(value)
        return {"level": value} if isinstance(value, str) else value

    def level(self, code: str) -> LintLevel:
        """The level a lint's problems are reported at, by the lint's code (e.g. 'no-owner')."""
        if code == "sl-count":
            return self.sl_count.level
        level: LintLevel = getattr(self, code.replace("-", "_"))
        return level


class PdfOptions(Strict):
    """site.yaml ``pdf``: write PDFs of reviews and scorecards, on this paper."""

    paper: Literal["A4", "letter"] = "A4"


class Site(Strict):
    """content/site.yaml: site settings."""

    title: ShortText
    organisation: ShortText
    base_url: str | None = Field(None, pattern=r"^https?://\S+$", description="for sitemap.xml")
    theme: str = Field("default", min_length=1, max_length=100)
    as_of: date | None = None
    scoring: Scoring = Field(default_factory=Scoring)
    language: str = Field("en", pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
    description: Text = ""
    lints: Lints = Field(default_factory=Lints)
    currency: str | None = Field(
        None, pattern=r"^[A-Z]{3}$", description="the reporting currency (ISO 4217)"
    )
    exchange_rates: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], PositiveRate] = Field(
        default_factory=dict,
        description="value of one unit of each other currency in the reporting currency",
    )
    pdf: PdfOptions | None = Field(
        None, description="PDFs of reviews and scorecards beside their pages (build --pdf too)"
    )


# -- kpis/<id>.yaml ------------------------------------------------------------------------


class Benchmark(Strict):
    top_quartile: float
    bottom_quartile: float
    source: ShortText


class KpiRange(Strict):
    """The values a KPI can take; a measurement or level outside is an error."""

    min: float
    max: float


class Kpi(Record):
    """content/kpis/<kpi-id>.yaml: one KPI definition."""

    name: ShortText
    description: Text = ""
    unit: Unit
    range: KpiRange | None = None
    aliases: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list,
        description="other names the KPI goes by in vendors' reports (matched ignoring case)",
    )
    direction: Direction
    category: Literal["success", "cost", "time"] | None = None
    kind: Literal["input", "process", "output", "outcome"] | None = None
    indicator: Literal["leading", "lagging"] | None = None
    cadence: Literal["weekly", "monthly", "quarterly"] | None = None
    benchmark: Benchmark | None = None
    formula: Text | None = None

    @property
    def bounds(self) -> tuple[float, float] | None:
        """The range values must lie in: the KPI's own, else 0-100 for a percentage."""
        if self.range is not None:
            return (self.range.min, self.range.max)
        return (0.0, 100.0) if self.unit == "%" else None


# -- vendors/<id>/vendor.yaml --------------------------------------------------------------


class Certification(Strict):
    name: ShortText
    expires: date
    evidence: str | None = None


class Contact(Strict):
    name: ShortText
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class Vendor(Record):
    """content/vendors/<vendor-id>/vendor.yaml: the vendor profile."""

    name: ShortText
    function: Slug
    location: str | None = None
    delivery: Literal["onshore", "nearshore", "offshore"] | None = None
    relationship_owner: str | None = None
    tier: int | str | None = None
    summary: Text = ""
    certifications: list[Certification] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    tags: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list)
    imports: ImportMappings = Field(default_factory=list, description=MAPPINGS_DESCRIPTION)


# -- vendors/<id>/contracts/<id>.yaml ------------------------------------------------------


class Money(Strict):
    amount: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code such as GBP")


class Step(Strict):
    """A stepped target: from ``from`` (a month) on, these levels replace the base ones."""

    start: str = Field(alias="from", description="the first month the step applies: 2027-01")
    expected: float
    minimum: float

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("start", mode="before")
    @classmethod
    def _month(cls, value: object) -> str:
        text = value.strftime("%Y-%m") if isinstance(value, date) else str(value)
        period = Period.parse(text)
        if period.kind != "month":
            raise ValueError(f"'{text}' is a quarter: a step starts at a month like 2027-01")
        return str(period)

    @property
    def month(self) -> Period:
        return Period.parse(self.start)


class ServiceLevel(Strict):
    kpi: Slug
    expected: float
    minimum: float
    weight: float = Field(gt=0, le=100)
    owner: str | None = None
    window: Window = "monthly"
    credit_allocation: float | None = Field(
        None, ge=0, le=1000, description="percent of the at-risk amount: a critical service level"
    )
    steps: list[Step] = Field(
        default_factory=list, description="targets that step up from a month on (SCORING.md 1c)"
    )

    @property
    def critical(self) -> bool:
        """With a credit allocation it is critical; without, a key measurement (section 7)."""
        return self.credit_allocation is not None

    def levels_for(self, period: Period) -> tuple[float, float]:
        """(expected, minimum) in force for a period: the latest step whose month it has reached
        (a quarter reaches a step when its first month is on or after the step's month)."""
        expected, minimum = self.expected, self.minimum
        start = Period.month(period.year, period.first_month)
        for step in self.steps:
            if step.month <= start:
                expected, minimum = step.expected, step.minimum
        return expected, minimum

    def next_step(self, period: Period) -> Step | None:
        """The first step after ``period`` (a month), or None."""
        later = [s for s in self.steps if s.month > period]
        return min(later, key=lambda s: s.month) if later else None


class Contract(Record):
    """content/vendors/<vendor-id>/contracts/<contract-id>.yaml: a contract and its SLs."""

    title: ShortText
    start: date
    end: date
    notice_days: int = Field(0, ge=0, le=3650)
    annual_value: Money | None = None
    pricing: Literal["per-fte", "per-transaction", "fixed", "outcome", "hybrid"] | None = None
    monthly_charge: float | None = Field(None, ge=0)
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    at_risk_percent: float | None = Field(None, ge=0, le=100)
    pool_percent: float | None = Field(
        None, gt=0, le=1000, description="the most the credit allocations may add up to"
    )
    earn_back_periods: int | None = Field(
        None, ge=0, le=36, description="periods of meeting the level that waive a credit"
    )
    default_after: int | None = Field(
        None, ge=1, le=36, description="consecutive breaches of a critical level that are a default"
    )
    missing_data: Literal["no-data", "breached"] = Field(
        "no-data",
        description="how a missing report counts: left out of the score (no-data) or breached",
    )
    service_levels: list[ServiceLevel] = Field(min_length=1)

    @property
    def credit_currency(self) -> str | None:
        """The currency credits are paid in: the contract's own, else its annual value's."""
        if self.currency:
            return self.currency
        return self.annual_value.currency if self.annual_value else None


# -- measurements --------------------------------------------------------------------------


class Restatement(Strict):
    """A measurement's figure as first reported, and when and why it was restated."""

    value: float
    on: date
    reason: ShortText


class Measurement(Strict):
    """One measured value: a row of a measurements YAML list or CSV file."""

    kpi: Slug
    period: str
    value: float | None
    contract: Slug | None = None
    note: str | None = None
    excluded: bool = Field(False, description="excused period (SCORING.md 1a): needs a reason")
    reason: str | None = Field(None, max_length=500, description="why the period is excluded")
    restated: Restatement | None = Field(
        None, description="the figure first reported, when and why it was restated (SCORING.md 1b)"
    )
    vendor: SkipJsonSchema[str] = Field(default="", exclude=True)
    source: SkipJsonSchema[Location | None] = Field(default=None, exclude=True)
    item: SkipJsonSchema[int] = Field(default=0, exclude=True)  # row index within its file

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object) -> str:
        return str(Period.parse(str(value)))

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, value: object) -> object:
        if isinstance(value, str) and value.strip() == "":
            return None
        if isinstance(value, bool):
            raise ValueError("expected a number, got a true/false value")
        if isinstance(value, int) and abs(value) > 1e300:
            raise ValueError("number too large: expected a finite number")
        return value

    @property
    def parsed_period(self) -> Period:
        return Period.parse(self.period)

    @model_validator(mode="after")
    def _excluded_has_reason(self) -> Measurement:
        if self.excluded and not (self.reason or "").strip():
            raise ValueError(
                "an excluded measurement needs a reason (force majeure, client-caused outage, "
                "agreed relief): add reason"
            )
        if self.reason and not self.excluded:
            raise ValueError("reason explains an exclusion: set excluded: true, or remove reason")
        return self


# -- notes/*.md ----------------------------------------------------------------------------


class Note(Record):
    """Front matter of content/vendors/<vendor-id>/notes/<note-id>.md; ``body`` is the Markdown."""

    title: ShortText
    date: dt.date
    kind: Literal["review", "action", "incident", "note", "response"] = "note"
    visibility: Literal["internal", "vendor"] = "internal"
    owner: str | None = None
    due: dt.date | None = None
    status: Literal["open", "done", "dropped"] | None = None
    kpi: Slug | None = None
    period: str | None = None
    responds_to: Slug | None = Field(
        None, description="a response: the id of the review note it answers"
    )
    closed: dt.date | None = Field(
        None, description="an action: the day it was closed (done or dropped)"
    )
    review: Slug | None = Field(None, description="an action: the review note it came from")
    tags: list[str] = Field(default_factory=list)
    body: SkipJsonSchema[str] = Field(default="", exclude=True)
    vendor: SkipJsonSchema[str] = Field(default="", exclude=True)

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object) -> object:
        return None if value is None else str(Period.parse(str(value)))

    @model_validator(mode="after")
    def _action_fields(self) -> Note:
        if self.kind == "action":
            missing = [k for k in ("owner", "due", "status") if getattr(self, k) is None]
            if missing:
                raise ValueError("an action needs " + ", ".join(f"'{k}'" for k in missing))
        if self.kind == "response" and self.responds_to is None:
            raise ValueError("a response needs 'responds_to': the id of the review it answers")
        return self


# -- the whole project in memory -----------------------------------------------------------


@dataclass
class VendorContent:
    """Everything under content/vendors/<vendor-id>/."""

    vendor: Vendor
    contracts: dict[str, Contract] = field(default_factory=dict)
    measurements: list[Measurement] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)


@dataclass
class Project:
    """A loaded project: site settings, the KPI catalogue and every vendor, keyed by id."""

    root: Path
    site: Site
    kpis: dict[str, Kpi] = field(default_factory=dict)
    vendors: dict[str, VendorContent] = field(default_factory=dict)
    sources: SourceMap = field(default_factory=SourceMap)
    unreadable: set[str] = field(default_factory=set)  # files that had errors when read

    def vendor_complete(self, vendor_id: str) -> bool:
        """False when one of the vendor's contract files could not be read."""
        prefix = f"content/vendors/{vendor_id}/contracts/"
        return not any(f.startswith(prefix) for f in self.unreadable)

    @property
    def contracts_complete(self) -> bool:
        """False when any contract file could not be read."""
        return all(self.vendor_complete(v) for v in self.vendors)
