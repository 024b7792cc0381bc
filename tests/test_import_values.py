"""Values, periods and KPI names as vendors' reports write them (scorecardgen.importing)."""

from __future__ import annotations

import datetime as dt

import pytest

from scorecardgen.importing.kpi_names import KpiNames, UnknownKpi
from scorecardgen.importing.mapping import PERIOD_FORMATS, PERIODS_ACCEPTED, ImportMapping
from scorecardgen.importing.periods import BadPeriod, read_period
from scorecardgen.importing.sources import Cell
from scorecardgen.importing.values import (
    BadValue,
    NumberStyle,
    Unit,
    guess_decimal,
    number_text,
    read_value,
)
from scorecardgen.model import Kpi
from scorecardgen.schema import schema_for

PERCENT, SECONDS = Unit("fcr", "%"), Unit("asa", "s")
POINT, COMMA = NumberStyle("."), NumberStyle(",")


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("2026-01", "2026-01"),
        ("Jan-26", "2026-01"),
        ("Jan 2026", "2026-01"),
        ("January 2026", "2026-01"),
        ("JANUARY 2026", "2026-01"),
        ("Sept 2026", "2026-09"),
        ("2026-01-31", "2026-01"),
        ("2026-01-31 00:00:00", "2026-01"),  # an Excel date saved to CSV
        ("01/2026", "2026-01"),
        ("1/2026", "2026-01"),
        ("31/01/2026", "2026-01"),  # a day above 12 tells the order
        ("12/31/2026", "2026-12"),
        ("2026-Q1", "2026-Q1"),
        ("Q1 2026", "2026-Q1"),
        ("2026 Q1", "2026-Q1"),
        ("q3-26", "2026-Q3"),
        (dt.datetime(2026, 3, 1), "2026-03"),  # an Excel date cell
        (dt.date(2026, 3, 31), "2026-03"),
    ],
)
def test_every_documented_period_form_reads(written: object, period: str) -> None:
    assert str(read_period(Cell(written, 1, 1))) == period  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("01/02/2026", "could be day/month or month/day"),
        ("2026-13", "there is no month 13"),
        ("Foo 2026", "'Foo' is no month name"),
        ("2026-02-30", "is not a date"),
        ("next month", "is not a period"),
        (202601, "the number 202601 is not a period"),
        ("", "the period is empty"),
    ],
)
def test_what_is_no_period_says_why(written: object, why: str) -> None:
    with pytest.raises(BadPeriod) as error:
        read_period(Cell(written, 1, 1))  # type: ignore[arg-type]
    assert why in error.value.message


def test_a_declared_period_format_is_the_only_form_read() -> None:
    assert str(read_period(Cell("01/02/2026", 1, 1), "DD/MM/YYYY")) == "2026-02"
    assert str(read_period(Cell("01/02/2026", 1, 1), "MM/DD/YYYY")) == "2026-01"
    assert str(read_period(Cell(dt.datetime(2026, 5, 1), 1, 1), "MMM-YY")) == "2026-05"
    with pytest.raises(BadPeriod) as error:
        read_period(Cell("2026-01", 1, 1), "MMM-YY")
    assert error.value.message == (
        "'2026-01' is written YYYY-MM, not as the mapping's period_format MMM-YY"
    )
    assert "Jan-26" in error.value.hint


@pytest.mark.parametrize(
    ("written", "style", "unit", "value"),
    [
        ("97.5", POINT, PERCENT, 97.5),
        ("97.5%", POINT, PERCENT, 97.5),
        ("97,5 %", COMMA, PERCENT, 97.5),
        ("1.234,5", COMMA, SECONDS, 1234.5),
        ("13,1", COMMA, SECONDS, 13.1),
        ("1,234", POINT, SECONDS, 1234.0),
        ("1 234.5", POINT, SECONDS, 1234.5),
        ("-3.5", POINT, SECONDS, -3.5),
        ("\u22123.5", POINT, SECONDS, -3.5),  # the minus sign
        ("", POINT, SECONDS, None),  # blank: no value
        ("n/a", POINT, SECONDS, None),
        ("-", POINT, SECONDS, None),
        (31, POINT, SECONDS, 31.0),
    ],
)
def test_values_as_people_write_them(
    written: object, style: NumberStyle, unit: Unit, value: float | None
) -> None:
    assert read_value(Cell(written, 1, 1), style, unit, "points") == value  # type: ignore[arg-type]


def test_excel_percent_cells_and_fractions_become_points() -> None:
    percent_cell = Cell(0.975, 1, 1, percent=True)
    assert read_value(percent_cell, POINT, PERCENT, "points") == 97.5
    assert read_value(Cell(0.975, 1, 1), POINT, PERCENT, "fraction") == 97.5
    assert read_value(Cell(0.975, 1, 1), POINT, PERCENT, "points") == 0.975
    assert read_value(Cell(31, 1, 1), POINT, SECONDS, "fraction") == 31  # not a % KPI
    with pytest.raises(BadValue, match="the cell is a percentage .97.5%., but KPI 'asa'"):
        read_value(percent_cell, POINT, SECONDS, "points")


@pytest.mark.parametrize(
    ("written", "style", "message"),
    [
        ("97.5%", POINT, "'97.5%' has a percent sign, but KPI 'asa' is measured in s, not %"),
        ("13,1", POINT, "'13,1' is written with a decimal comma"),
        ("1.234,5", POINT, "'1.234,5' is written with a decimal comma"),
        ("97.5", COMMA, "'97.5' is written with a decimal point, but the mapping says"),
        ("12,34,5", POINT, "'12,34,5' is not a number"),
        ("#N/A", POINT, "the cell holds Excel's error #N/A, not a number"),
        ("abc", POINT, "'abc' is not a number"),
    ],
)
def test_what_is_no_number_says_why(written: str, style: NumberStyle, message: str) -> None:
    with pytest.raises(BadValue) as error:
        read_value(Cell(written, 1, 1), style, SECONDS, "points")
    assert error.value.message.startswith(message)


def test_the_decimal_mark_is_guessed_from_what_only_one_mark_can_mean() -> None:
    assert guess_decimal(["97,5", "1,234", "12"]) == (",", True)
    assert guess_decimal(["1.234,5"]) == (",", True)
    assert guess_decimal(["97.5", "1,234"]) == (".", True)
    assert guess_decimal(["1,234", "1.234", "12"]) == (".", False)  # nothing tells: a point


def test_numbers_are_written_plainly() -> None:
    assert [number_text(v) for v in (80.0, 97.5, 1e-05, -3.25, 0.1 + 0.2)] == [
        "80",
        "97.5",
        "0.00001",
        "-3.25",
        "0.30000000000000004",
    ]


def _kpi(kpi_id: str, name: str, *aliases: str) -> Kpi:
    kpi = Kpi(name=name, unit="%", direction="higher", aliases=list(aliases))
    kpi.id = kpi_id
    return kpi


def test_a_kpi_is_named_by_id_name_alias_or_the_mappings_name_ignoring_case() -> None:
    kpis = {
        "fcr": _kpi("fcr", "First contact resolution", "FCR %", "First-time resolution"),
        "csat": _kpi("csat", "Customer satisfaction"),
    }
    names = KpiNames.of(kpis, {"Sat. (survey)": "csat"}, ["Calls offered"])
    for text in ("fcr", "FCR", "first  CONTACT resolution", "fcr %", "First time resolution"):
        assert names.resolve(text) == "fcr", text
    assert names.resolve("First contact resolution (%)") == "fcr"  # a unit after the name
    assert names.resolve("sat. (survey)") == "csat"
    assert names.resolve("Customer_Satisfaction") == "csat"
    assert names.is_ignored("calls OFFERED")
    with pytest.raises(UnknownKpi) as error:
        names.resolve("First tme resolution")
    assert error.value.message == "'First tme resolution' is no KPI id, name or alias"
    assert error.value.hint.startswith("did you mean 'First-time resolution' (fcr)?")


def test_a_name_two_kpis_share_must_be_told_apart_in_the_mapping() -> None:
    kpis = {"a": _kpi("a", "Alpha", "Score"), "b": _kpi("b", "Beta", "score")}
    with pytest.raises(UnknownKpi, match=r"'Score' names several KPIs \(a, b\)"):
        KpiNames.of(kpis, {}).resolve("Score")
    assert KpiNames.of(kpis, {"Score": "b"}).resolve("SCORE") == "b"


def test_the_vendor_schema_documents_mappings_and_the_period_forms() -> None:
    schema = schema_for("vendor")
    imports = schema["properties"]["imports"]
    assert imports["type"] == "array"
    mapping = schema["$defs"]["ImportMapping"]
    period_format = mapping["properties"]["period_format"]
    assert PERIODS_ACCEPTED in period_format["description"]
    assert set(PERIOD_FORMATS) <= set(period_format["anyOf"][0]["enum"])
    assert set(mapping["properties"]) == set(ImportMapping.model_fields)
    for form in ("2026-01", "Jan-26", "January 2026", "01/2026", "Q1 2026", "2026 Q1"):
        assert form in PERIODS_ACCEPTED
