"""How a vendor's report reads: the mappings listed under ``imports:`` in vendor.yaml.

A vendor may declare several mappings, each with a ``name`` (one per kind of report it sends);
``scorecardgen import --mapping NAME`` picks one, and a vendor with a single mapping needs no
``--mapping`` (nor a name). Everything left out is guessed, and the import says what it
guessed. A list rather than a mapping of names keeps every key a model field, so a misspelt
key gets a located "did you mean" like any other.

This module imports nothing from the rest of scorecardgen, so ``model.py`` can hold it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# the forms a period may take in a report, as a mapping's period_format names them
PERIOD_FORMATS = (
    "YYYY-MM",  # 2026-01
    "MMM-YY",  # Jan-26 (Excel's mmm-yy)
    "MMM YYYY",  # Jan 2026
    "MMMM YYYY",  # January 2026
    "YYYY-MM-DD",  # 2026-01-31: the month the day is in
    "MM/YYYY",  # 01/2026 or 1/2026
    "DD/MM/YYYY",  # 31/01/2026: a day, day first
    "MM/DD/YYYY",  # 01/31/2026: a day, month first
    "YYYY-Qn",  # 2026-Q1
    "Qn YYYY",  # Q1 2026
    "YYYY Qn",  # 2026 Q1
)
PeriodFormat = Literal[
    "YYYY-MM",
    "MMM-YY",
    "MMM YYYY",
    "MMMM YYYY",
    "YYYY-MM-DD",
    "MM/YYYY",
    "DD/MM/YYYY",
    "MM/DD/YYYY",
    "YYYY-Qn",
    "Qn YYYY",
    "YYYY Qn",
]
PERIODS_ACCEPTED = (
    "2026-01, Jan-26, Jan 2026, January 2026, 2026-01-31 (the month of a day), 01/2026, "
    "1/2026, Excel date cells (the month of the date), 2026-Q1, Q1 2026 and 2026 Q1; month "
    "names in English, any case; a day written 31/01/2026 is read when its order is plain "
    "(a day above 12), else period_format must say DD/MM/YYYY or MM/DD/YYYY"
)

ColumnName = Annotated[str, Field(min_length=1, max_length=200)]
_Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ImportColumns(_Strict):
    """The header text of each column the report holds (matched ignoring case)."""

    kpi: ColumnName | None = Field(
        None, description="the column naming the KPI (its id, name or an alias)"
    )
    period: ColumnName | None = Field(None, description="the period column (long layout)")
    value: ColumnName | None = Field(None, description="the value column (long layout)")
    note: ColumnName | None = Field(None, description="an optional note column (long layout)")
    contract: ColumnName | None = Field(
        None, description="an optional column naming the contract of each row"
    )


class ImportMapping(_Strict):
    """How one kind of vendor report reads (`scorecardgen import --mapping NAME`)."""

    name: _Slug | None = Field(
        None, description="what --mapping calls it (needed when a vendor has several)"
    )
    sheet: Annotated[str, Field(min_length=1, max_length=200)] | None = Field(
        None, description="the worksheet of an .xlsx report (default: the first sheet)"
    )
    header_row: int | None = Field(
        None,
        ge=1,
        le=1000,
        description="the row number of the header row (default: the first row naming the columns)",
    )
    layout: Literal["long", "wide"] | None = Field(
        None,
        description="long: one row per KPI and period (kpi, period, value); wide: one row per "
        "KPI and one column per period, each column headed by its period (default: guessed)",
    )
    columns: ImportColumns = Field(default_factory=ImportColumns)
    delimiter: Literal[",", ";", "\t", "|"] | None = Field(
        None, description="what separates a CSV report's fields (default: guessed)"
    )
    decimal: Literal[".", ","] | None = Field(
        None, description="the decimal mark of text values: 97.5 or 97,5 (default: guessed)"
    )
    thousands: Literal[",", ".", " ", "'", ""] | None = Field(
        None,
        description="the thousands separator of text values ('' for none; default: the mark "
        "that is not the decimal one, a space or an apostrophe)",
    )
    percent: Literal["points", "fraction"] = Field(
        "points",
        description="how plain numbers of a % KPI are written: points (97.5) or fractions of "
        "one (0.975, multiplied by 100); 97.5% and Excel's percent cells read right either way",
    )
    period_format: PeriodFormat | None = Field(
        None,
        description="the only form periods may take in this report; without it, any of: "
        + PERIODS_ACCEPTED,
    )
    kpis: dict[Annotated[str, Field(min_length=1, max_length=200)], _Slug] = Field(
        default_factory=dict,
        description="names this report gives KPIs -> KPI ids, beside each KPI's id, name and "
        "aliases (matched ignoring case)",
    )
    ignore: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list,
        description="rows of the report to skip, by what the KPI column says (matched "
        "ignoring case): totals, volumes and other figures that are no KPI",
    )
    contract: _Slug | None = Field(
        None, description="the contract every row is for, when the report has no such column"
    )


def _named(mappings: list[ImportMapping]) -> list[ImportMapping]:
    """Several mappings each need a name of their own, for --mapping to choose by."""
    if len(mappings) > 1:
        names = [m.name for m in mappings]
        if None in names:
            raise ValueError("with several import mappings, each needs a name for --mapping")
        twice = sorted({n for n in names if names.count(n) > 1 and n is not None})
        if twice:
            raise ValueError(f"two import mappings are named '{twice[0]}'")
    return mappings


ImportMappings = Annotated[list[ImportMapping], AfterValidator(_named)]
MAPPINGS_DESCRIPTION = (
    "how this vendor's reports read, for `scorecardgen import`: one mapping per kind of "
    "report; with several, each has a name and --mapping NAME picks one"
)
