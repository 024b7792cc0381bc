"""The portfolio's credits under earn-back (issue 15, SCORING.md sections 7 and 7a): the figure
is what is payable in the last 12 months, with what was earned beside it, on each vendor's row
and in the tally, whose working shows the waived and pending parts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scorecardgen.pages.portfolio import portfolio_row
from tests import scoring_factories as f
from tests.minimal_project import SITE, project_files
from tests.portfolio_pages import ACME, build_index, chat_contract, row, stat, with_fcr, with_terms

# earn_back_periods 1, each FCR breach earning 4,000 (10,000 at risk x 40%), as_of 30 June:
# March breached, April met: waived; May breached, June breached too: payable;
# June breached, July not yet ended: pending. Earned 12,000, of which 4,000 payable.
EARN_BACK_FCR = {"2025-03": 60, "2025-04": 80, "2025-05": 60, "2025-06": 60}


def earn_back(site: str = SITE) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {**project_files(), "content/site.yaml": site}
    return with_fcr(with_terms(files, "acme", "earn_back_periods: 1\n"), "acme", EARN_BACK_FCR)


@pytest.fixture(scope="module")
def earn_back_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_index(tmp_path_factory.mktemp("earn-back"), earn_back())


def test_the_row_shows_the_payable_amount_of_the_earned(earn_back_page: str) -> None:
    assert "\u00a34,000 payable of \u00a312,000 earned" in row(earn_back_page, "Acme Support")


def test_the_tally_shows_payable_of_earned_with_waived_and_pending(earn_back_page: str) -> None:
    assert stat(earn_back_page, "Credits") == (
        "Credits, last 12 months (GBP)",
        "\u00a34K",
        "payable of \u00a312K earned; \u00a34K waived, \u00a34K pending",
    )


def test_the_tally_converts_each_part_into_the_reporting_currency(tmp_path: Path) -> None:
    site = SITE + "currency: USD\nexchange_rates: {GBP: 1.25}\n"
    page = build_index(tmp_path, earn_back(site))
    # £4,000 payable of £12,000 at 1.25: $5,000 of $15,000; waived and pending $5,000 each
    assert stat(page, "Credits") == (
        "Credits, last 12 months (USD)",
        "$5K",
        "payable of $15K earned; $5K waived, $5K pending; converted: GBP at 1.25",
    )
    # a vendor whose contracts share one currency keeps it on its row
    assert "\u00a34,000 payable of \u00a312,000 earned" in row(page, "Acme Support")


def test_without_earn_back_everything_earned_is_payable(tmp_path: Path) -> None:
    # the minimal project: June's FCR breach earns 4,000, payable at once
    page = build_index(tmp_path, dict(project_files()))
    shown = row(page, "Acme Support")
    assert "\u00a34,000 payable " in shown and "earned" not in shown  # all of it payable
    assert stat(page, "Credits") == (
        "Credits, last 12 months (GBP)",
        "\u00a34K",
        "payable of \u00a34K earned",
    )


def test_nothing_earned_is_said_so(tmp_path: Path) -> None:
    files = with_fcr(dict(project_files()), "acme", {"2025-04": 80, "2025-05": 70, "2025-06": 70})
    page = build_index(tmp_path, files)
    assert stat(page, "Credits") == ("Credits, last 12 months (GBP)", "\u00a30", "none earned")
    assert "payable" not in row(page, "Acme Support")


def test_a_two_currency_vendor_row_is_converted_like_its_annual_value(tmp_path: Path) -> None:
    # chat (EUR, 1,000 at risk) gains a 50% allocation and a breached May: €500; voice's June
    # breach earns £4,000. At EUR 0.85: £4,000 + £425 = £4,425, all payable.
    files: dict[str, str | bytes] = {**project_files(), **chat_contract(600_000, "EUR")}
    files["content/site.yaml"] = SITE + "currency: GBP\nexchange_rates: {EUR: 0.85}\n"
    chat = f"{ACME}/contracts/chat.yaml"
    files[chat] = str(files[chat]).replace(
        "owner: Ana Ops", "owner: Ana Ops\n    credit_allocation: 50"
    )
    csv = f"{ACME}/measurements/chat.csv"
    files[csv] = str(files[csv]).replace("chat,2025-05,84", "chat,2025-05,70")
    page = build_index(tmp_path, files)
    assert "\u00a34,425 payable " in row(page, "Acme Support")


def test_the_rows_working_names_every_state() -> None:
    fcr = f.level("fcr", 75, 65, credit_allocation=50)
    main = f.contract("main", [fcr], monthly_charge=100_000, at_risk_percent=10, currency="GBP")
    main = main.model_copy(update={"earn_back_periods": 2})
    # worked example 5: April waived, July payable, November pending; 5,000 each
    values = {"2026-04": 50, "2026-05": 80, "2026-06": 80, "2026-07": 50, "2026-08": 80}
    values.update({"2026-09": 70, "2026-10": 80, "2026-11": 50})
    rows = [f.m("fcr", p, v) for p, v in values.items()]
    prj = f.project(f.vendor(contracts=[main], measurements=rows), as_of=date(2026, 11, 30))
    shown = portfolio_row(prj, f.card(prj))
    assert shown["credits"] == "\u00a35,000 payable of \u00a315,000 earned"
    assert (shown["credits_payable"], shown["credits_earned"]) == (
        "\u00a35,000 payable",
        "of \u00a315,000 earned",
    )
    assert shown["credits_working"] == (
        "\u00a315,000 earned in the last 12 months: \u00a35,000 payable, "
        "\u00a35,000 waived (earned back), \u00a35,000 pending"
    )


def test_a_converted_rows_working_shows_the_conversion() -> None:
    fcr = f.level("fcr", 75, 65, credit_allocation=50)
    uk, eu = (
        f.contract(c, [fcr], currency=c.upper(), monthly_charge=100_000, at_risk_percent=10)
        for c in ("gbp", "eur")
    )
    rows = [f.m("fcr", "2026-06", 50, c) for c in ("gbp", "eur")]
    prj = f.project(
        f.vendor(contracts=[uk, eu], measurements=rows),
        as_of=date(2026, 6, 30),
        currency="GBP",
        exchange_rates={"EUR": 0.85},
    )
    shown = portfolio_row(prj, f.card(prj))
    # £5,000 + €5,000 at 0.85 = £9,250, payable at once
    assert shown["credits"] == "\u00a39,250 payable"
    assert shown["credits_working"] == (
        "\u00a39,250 = \u20ac5,000 + \u00a35,000 (EUR at 0.85) earned in the last 12 months: "
        "\u00a39,250 payable, \u00a30 waived (earned back), \u00a30 pending"
    )


def test_a_converted_total_is_written_in_whole_units() -> None:
    fcr = f.level("fcr", 75, 65, credit_allocation=50)
    uk, eu = (
        f.contract(c, [fcr], currency=c.upper(), monthly_charge=100_000, at_risk_percent=10)
        for c in ("gbp", "eur")
    )
    rows = [f.m("fcr", "2026-06", 50, c) for c in ("gbp", "eur")]
    prj = f.project(
        f.vendor(contracts=[uk, eu], measurements=rows),
        as_of=date(2026, 6, 30),
        currency="GBP",
        exchange_rates={"EUR": 0.85734},
    )
    shown = portfolio_row(prj, f.card(prj))
    # £5,000 + €5,000 at 0.85734 = £9,286.70: an estimate at a rate, shown as £9,287 (the
    # example's Calder Maas row read "$32,707.40 payable")
    assert shown["credits"] == "\u00a39,287 payable"
    assert shown["credits_working"].startswith("\u00a39,287 = \u20ac5,000 + \u00a35,000")
