"""Quarter scores, coverage, bands, vendor weighting and trend (SCORING.md sections 3 to 5)."""

from __future__ import annotations

from datetime import date

import pytest

from scorecardgen.model import Bands
from scorecardgen.scoring import ContractQuarter, VendorScorecard, band, trend
from tests.scoring_factories import card, contract, level, m, project, vendor


def example_3(b_value: float | None = None) -> VendorScorecard:
    """Worked example 3: SL A (60) scores 100, 75 and misses March; SL B (40) reports
    nothing all quarter, or ``b_value`` in every month."""
    levels = [level("fcr", 75, 65, 60), level("csat", 80, 70, 40)]
    rows = [m("fcr", "2025-01", 80), m("fcr", "2025-02", 70)]
    if b_value is not None:
        rows += [m("csat", p, b_value) for p in ("2025-01", "2025-02", "2025-03")]
    prj = project(
        vendor(contracts=[contract("main", levels)], measurements=rows),
        as_of=date(2025, 3, 31),
    )
    return card(prj)


def only_contract(c: VendorScorecard, index: int = -1) -> ContractQuarter:
    (cq,) = c.quarters[index].contracts
    return cq


def test_worked_example_3_score_coverage_and_status() -> None:
    c = example_3()
    cq = only_contract(c)
    fcr, csat = cq.service_levels
    assert fcr.score == 87.5
    assert fcr.coverage == pytest.approx(200 / 3)
    assert (csat.score, csat.coverage) == (None, 0.0)
    assert (cq.score, cq.status) == (87.5, "insufficient-data")
    assert cq.coverage == pytest.approx(40.0)
    quarter = c.quarters[-1]
    assert (quarter.score, quarter.status) == (87.5, "insufficient-data")
    assert c.headline.period == "2025-Q1"
    assert (c.headline.score, c.headline.status) == (87.5, "insufficient-data")
    assert c.headline.coverage == pytest.approx(40.0)


def test_worked_example_3_with_sl_b_reported_at_50() -> None:
    c = example_3(b_value=70)  # 70 is csat's minimum: score 50 each month
    cq = only_contract(c)
    assert cq.score == pytest.approx(72.5)
    assert cq.coverage == pytest.approx(80.0)
    assert cq.status == "amber"
    assert cq.coverage_formula == ("(60 \u00d7 2/3 + 40 \u00d7 3/3) / (60 + 40) \u00d7 100 = 80.0")


def test_worked_example_3_explanation() -> None:
    cq = only_contract(example_3())
    fcr = cq.service_levels[0]
    assert [p.period for p in fcr.periods] == ["2025-01", "2025-02", "2025-03"]
    assert [p.score for p in fcr.periods] == [100.0, 75.0, None]
    assert fcr.no_data_periods == ("2025-03",)
    assert fcr.missing == ("2025-03",)
    assert fcr.expected == ("2025-01", "2025-02", "2025-03")
    assert [p.result.status for p in fcr.periods] == ["met", "at-risk", "missing"]
    assert fcr.formula == "(100.0 + 75.0) / 2 = 87.5"
    assert cq.excluded == ("csat",)
    (term,) = cq.terms
    assert (term.id, term.weight, term.score, term.effective_weight, term.contribution) == (
        "fcr",
        60.0,
        87.5,
        100.0,
        87.5,
    )
    assert (cq.total_weight, cq.weight_with_data) == (100.0, 60.0)
    assert cq.formula == "60 \u00d7 87.5 / 60 = 87.5"
    assert cq.coverage_formula == ("(60 \u00d7 2/3 + 40 \u00d7 0/3) / (60 + 40) \u00d7 100 = 40.0")


def test_weighted_mean_renormalises_and_explains_each_term() -> None:
    levels = [level("fcr", 75, 65, 50), level("csat", 80, 70, 30), level("asa", 28, 40, 20)]
    prj = project(
        vendor(
            contracts=[contract("main", levels)],
            measurements=[
                m("fcr", "2025-01", 80),
                m("csat", "2025-01", 70),
                m("asa", "2025-02", None),
            ],
        ),
        as_of=date(2025, 3, 31),
    )
    cq = only_contract(card(prj))
    assert cq.score == pytest.approx((50 * 100 + 30 * 50) / 80)
    assert cq.coverage == pytest.approx((50 / 3 + 30 / 3) / 100 * 100)  # one month of three
    assert [(t.id, t.effective_weight) for t in cq.terms] == [("fcr", 62.5), ("csat", 37.5)]
    assert sum(t.contribution for t in cq.terms) == pytest.approx(cq.score)
    assert cq.excluded == ("asa",)
    assert cq.formula == "(50 \u00d7 100.0 + 30 \u00d7 50.0) / (50 + 30) = 81.2"


def test_quarterly_window_uses_the_quarter_measurement() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("csat", 80, 70, 100, "quarterly")])],
            measurements=[m("csat", "2025-Q1", 75)],
        ),
        as_of=date(2025, 3, 31),
    )
    sl = only_contract(card(prj)).service_levels[0]
    assert sl.score == 75.0
    assert [p.period for p in sl.periods] == ["2025-Q1"]


def test_quarter_with_no_data_is_present_as_no_data() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2025-01", 80), m("fcr", "2025-07", 70)],
        ),
        as_of=date(2025, 9, 30),
    )
    c = card(prj)
    assert [q.period for q in c.quarters] == ["2025-Q1", "2025-Q2", "2025-Q3"]
    empty = c.quarters[1]
    assert (empty.score, empty.status, empty.coverage) == (None, "no-data", 0.0)
    assert empty.contracts[0].service_levels[0].no_data_periods == ("2025-04", "2025-05", "2025-06")
    assert c.quarters[2].trend == "none"
    assert c.headline.period == "2025-Q3"


def test_quarters_run_to_as_of_and_headline_is_latest_with_data() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2024-11", 80), m("fcr", "2025-02", 70)],
        ),
        as_of=date(2025, 8, 15),
    )
    c = card(prj)
    assert [q.period for q in c.quarters] == ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]
    assert c.headline.period == "2025-Q1"
    assert c.headline.score == 75.0
    assert c.headline.trend == "down"
    assert c.headline.change == -25.0


def test_vendor_without_measurements_has_no_quarters_and_no_data_headline() -> None:
    prj = project(
        vendor(contracts=[contract("main", [level("fcr", 75, 65)])]), as_of=date(2025, 3, 31)
    )
    c = card(prj)
    assert c.quarters == ()
    assert (
        c.headline.period,
        c.headline.score,
        c.headline.status,
        c.headline.trend,
        c.headline.coverage,
    ) == (None, None, "no-data", "none", None)


def two_contracts(value_a: float | None, value_b: float | None) -> VendorScorecard:
    """Contract a scores 100 and b scores 50 in 2025-Q1."""
    a = contract("a", [level("fcr", 75, 65)], annual_value=value_a)
    b = contract("b", [level("fcr", 75, 65)], annual_value=value_b)
    prj = project(
        vendor(
            contracts=[b, a],
            measurements=[m("fcr", "2025-01", 80, "a"), m("fcr", "2025-01", 65, "b")],
        ),
        as_of=date(2025, 3, 31),
    )
    return card(prj)


def test_two_contracts_weighted_by_annual_value() -> None:
    q = two_contracts(300_000, 100_000).quarters[-1]
    assert q.score == 87.5
    assert q.weighting == "annual-value"
    assert [(t.id, t.weight, t.effective_weight, t.contribution) for t in q.terms] == [
        ("a", 300_000.0, 75.0, 75.0),
        ("b", 100_000.0, 25.0, 12.5),
    ]
    assert [c.contract for c in q.contracts] == ["a", "b"]
    assert q.formula == (
        "(300,000 \u00d7 100.0 + 100,000 \u00d7 50.0) / (300,000 + 100,000) = 87.5"
    )


def test_two_contracts_equal_weights_when_one_lacks_annual_value() -> None:
    q = two_contracts(300_000, None).quarters[-1]
    assert q.score == 75.0
    assert q.weighting == "equal"
    assert "b" in q.weighting_reason
    assert [t.effective_weight for t in q.terms] == [50.0, 50.0]


def test_equal_weights_when_annual_values_are_in_different_currencies() -> None:
    a = contract("a", [level("fcr", 75, 65)], annual_value=300_000, value_currency="GBP")
    b = contract("b", [level("fcr", 75, 65)], annual_value=100_000, value_currency="EUR")
    prj = project(
        vendor(
            contracts=[a, b],
            measurements=[m("fcr", "2025-01", 80, "a"), m("fcr", "2025-01", 65, "b")],
        ),
        as_of=date(2025, 3, 31),
    )
    q = card(prj).quarters[-1]
    assert (q.weighting, q.score) == ("equal", 75.0)


def test_contract_without_data_is_left_out_of_score_but_lowers_coverage() -> None:
    a = contract("a", [level("fcr", 75, 65)], annual_value=300_000)
    b = contract("b", [level("fcr", 75, 65)], annual_value=100_000)
    prj = project(
        vendor(contracts=[a, b], measurements=[m("fcr", "2025-01", 70, "a")]),
        as_of=date(2025, 3, 31),
    )
    q = card(prj).quarters[-1]
    assert q.score == 75.0
    assert q.weighting == "single"
    assert q.excluded == ("b",)
    # a reported one month of three, b none: (300000 × 1/3 + 100000 × 0) / 400000
    assert q.coverage == pytest.approx(25.0)


def test_only_contracts_active_in_the_quarter_count() -> None:
    old = contract("old", [level("fcr", 75, 65)], start=date(2023, 1, 1), end=date(2024, 12, 31))
    new = contract("new", [level("fcr", 75, 65)], start=date(2025, 1, 1))
    prj = project(
        vendor(
            contracts=[old, new],
            measurements=[m("fcr", "2024-12", 80, "old"), m("fcr", "2025-01", 70, "new")],
        ),
        as_of=date(2025, 3, 31),
    )
    c = card(prj)
    q4, q1 = c.quarters
    assert [cq.contract for cq in q4.contracts] == ["old"]
    assert [cq.contract for cq in q1.contracts] == ["new"]
    assert (q4.score, q1.score) == (100.0, 75.0)


def every_month(kpi_id: str, value: float) -> list:
    return [m(kpi_id, p, value) for p in ("2025-01", "2025-02", "2025-03")]


def test_coverage_below_50_is_insufficient_data() -> None:
    levels = [level("fcr", 75, 65, 40), level("csat", 80, 70, 60)]
    prj = project(
        vendor(contracts=[contract("main", levels)], measurements=every_month("fcr", 80)),
        as_of=date(2025, 3, 31),
    )
    c = card(prj)
    assert (c.headline.score, c.headline.coverage, c.headline.status) == (
        100.0,
        40.0,
        "insufficient-data",
    )


def test_coverage_of_exactly_50_keeps_its_colour() -> None:
    levels = [level("fcr", 75, 65, 50), level("csat", 80, 70, 50)]
    prj = project(
        vendor(contracts=[contract("main", levels)], measurements=every_month("fcr", 80)),
        as_of=date(2025, 3, 31),
    )
    assert card(prj).headline.status == "green"


def test_a_missing_month_lowers_coverage_and_shows_as_missing() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2025-01", 80), m("fcr", "2025-03", 80)],
        ),
        as_of=date(2025, 3, 31),
    )
    c = card(prj)
    assert c.headline.score == 100.0
    assert c.headline.coverage == pytest.approx(200 / 3)
    assert [(x.period, x.status) for x in c.measurements] == [
        ("2025-01", "met"),
        ("2025-02", "missing"),
        ("2025-03", "met"),
    ]
    assert c.service_levels[0].missing_12m == ("2025-02",)


def test_an_empty_value_in_an_expected_month_is_missing() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", "2025-01", 80), m("fcr", "2025-02", None)],
        ),
        as_of=date(2025, 2, 28),
    )
    c = card(prj)
    assert [(x.period, x.status, x.value) for x in c.measurements] == [
        ("2025-01", "met", 80),
        ("2025-02", "missing", None),
    ]
    assert c.quarters[-1].coverage == pytest.approx(50.0)


def test_missing_data_breached_counts_a_missing_month_as_a_breach_scoring_0() -> None:
    main = contract("main", [level("fcr", 75, 65)]).model_copy(update={"missing_data": "breached"})
    prj = project(
        vendor(contracts=[main], measurements=[m("fcr", "2025-01", 80), m("fcr", "2025-03", 80)]),
        as_of=date(2025, 3, 31),
    )
    c = card(prj)
    feb = c.measurements[1]
    assert (feb.period, feb.status, feb.score, feb.result.missing) == (
        "2025-02",
        "breached",
        0.0,
        True,
    )
    assert c.headline.score == pytest.approx(200 / 3)
    assert c.headline.coverage == pytest.approx(100.0)
    assert c.service_levels[0].breached_12m == 1
    assert c.service_levels[0].missing_12m == ("2025-02",)


def test_history_before_the_vendors_first_measured_period_is_not_expected() -> None:
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)], start=date(2024, 1, 1))],
            measurements=[m("fcr", "2025-02", 80), m("fcr", "2025-03", 80)],
        ),
        as_of=date(2025, 3, 31),
    )
    c = card(prj)
    assert c.headline.coverage == 100.0
    assert [x.period for x in c.measurements] == ["2025-02", "2025-03"]


def test_periods_outside_the_term_or_after_as_of_are_not_expected() -> None:
    main = contract("main", [level("fcr", 75, 65)], start=date(2025, 1, 15), end=date(2025, 5, 1))
    prj = project(
        vendor(contracts=[main], measurements=[m("fcr", "2025-01", 80), m("fcr", "2025-07", 80)]),
        as_of=date(2025, 8, 15),
    )
    c = card(prj)
    series_missing = c.service_levels[0].missing_12m
    # January overlaps the term; May overlaps it by one day; August ends after as_of
    assert series_missing == ("2025-02", "2025-03", "2025-04", "2025-05")
    # July is outside the term: scored and shown, but no contract is active in Q3
    assert [(x.period, x.status) for x in c.measurements][-1] == ("2025-07", "met")
    assert (c.quarters[-1].period, c.quarters[-1].contracts) == ("2025-Q3", ())


@pytest.mark.parametrize(
    ("score", "status"),
    [
        (100, "green"),
        (85, "green"),
        (84.99, "amber"),
        (65, "amber"),
        (64.99, "red"),
        (0, "red"),
        (None, "no-data"),
    ],
)
def test_default_bands(score: float | None, status: str) -> None:
    assert band(score, 100.0, Bands()) == status


def test_bands_from_site_settings() -> None:
    bands = Bands(green=90, amber=70)
    assert band(89.9, 100.0, bands) == "amber"
    assert band(69.9, 100.0, bands) == "red"
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=every_month("fcr", 73),
        ),
        as_of=date(2025, 3, 31),
        bands=(95, 88),
    )  # score 90.0
    assert card(prj).headline.status == "amber"


def test_band_ignores_float_noise_at_the_threshold() -> None:
    assert band(84.99999999999999, 100.0, Bands()) == "green"
    assert band(90.0, 49.99999999999999, Bands()) == "green"


@pytest.mark.parametrize(
    ("score", "previous", "expected"),
    [
        (86.0, 85.0, "flat"),
        (86.01, 85.0, "up"),
        (84.0, 85.0, "flat"),
        (83.99, 85.0, "down"),
        (85.0, 85.0, "flat"),
        (None, 85.0, "none"),
        (85.0, None, "none"),
        (None, None, "none"),
        (86.1, 85.1, "flat"),
        (84.1, 85.1, "flat"),
    ],
)
def test_trend_at_the_one_point_boundaries(
    score: float | None, previous: float | None, expected: str
) -> None:
    assert trend(score, previous) == expected


def test_trend_over_quarters() -> None:
    # monthly scores: Q1 75.0, Q2 76.0 (flat), Q3 80.0 (up), Q4 75.0 (down)
    values = {"2025-01": 70, "2025-04": 70.2, "2025-07": 71, "2025-10": 70}
    prj = project(
        vendor(
            contracts=[contract("main", [level("fcr", 75, 65)])],
            measurements=[m("fcr", p, v) for p, v in values.items()],
        ),
        as_of=date(2025, 12, 31),
    )
    c = card(prj)
    assert [q.score for q in c.quarters] == pytest.approx([75.0, 76.0, 80.0, 75.0])
    assert [q.trend for q in c.quarters] == ["none", "flat", "up", "down"]
    assert c.quarters[2].previous_score == pytest.approx(76.0)
    assert c.headline.trend == "down"
