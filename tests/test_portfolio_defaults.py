"""Service levels in default on the portfolio (issue 15, SCORING.md section 7b): counted among a
vendor's issues, worst first, and in the tally; listed under "Needs attention"; and a vendor
with a default listed first among the ranked vendors, whatever its score."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from scorecardgen.pages.common import headline
from tests import scoring_factories as f
from tests.minimal_project import SITE, VENDOR, project_files, vendors_like_acme
from tests.portfolio_pages import build_index, row, stat, text, vendor_order, with_fcr, with_terms

JULY_SITE = SITE.replace("as_of: 2025-06-30", "as_of: 2025-07-31")
AUGUST_SITE = SITE.replace("as_of: 2025-06-30", "as_of: 2025-08-31")
# worked example 9 with the minimal project's FCR (expected 75, minimum 65, a 40% allocation):
# breached in May, June and July with default_after 3: in default from July
EXAMPLE_9 = {"2025-04": 80, "2025-05": 60, "2025-06": 60, "2025-07": 60}
# its second half: breached May and June, met July, breached August: no default
BROKEN_RUN = {"2025-05": 60, "2025-06": 60, "2025-07": 80, "2025-08": 60}


def in_default(site: str, fcr: dict[str, float]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {**project_files(), "content/site.yaml": site}
    return with_fcr(with_terms(files, "acme", "default_after: 3\n"), "acme", fcr)


@pytest.fixture(scope="module")
def default_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_index(tmp_path_factory.mktemp("default"), in_default(JULY_SITE, EXAMPLE_9))


def attention(page: str, heading: str) -> str:
    """The text of one card of "Needs attention"."""
    card = re.findall(rf"<h3>{heading}</h3>(.*?)</div>", page, re.S)
    assert len(card) == 1, heading
    return text(card[0])


def test_the_row_counts_the_default_first_among_its_issues(default_page: str) -> None:
    acme = row(default_page, "Acme Support")
    assert "\u26a0 1 in default \u2715 1 breach" in acme  # worst first, a word and an icon
    assert '<span class="icon" aria-hidden="true">\u26a0</span> 1 in' in (default_page)


def test_the_tally_counts_service_levels_in_default(default_page: str) -> None:
    assert stat(default_page, "In default") == (
        "In default",
        "1",
        "at 1 vendor: a possible termination right",
    )


def test_needs_attention_lists_the_default_with_its_run(default_page: str) -> None:
    assert attention(default_page, "Service levels in default") == (
        "\u26a0 In default since Jul 2025 Acme Support: First contact resolution "
        "Acme voice support \u00b7 breached in May 2025, Jun 2025, Jul 2025; default_after 3"
    )
    assert "Vendors with a service level in default come first" in default_page


def test_a_met_month_breaks_the_run_and_nothing_is_in_default(tmp_path: Path) -> None:
    page = build_index(tmp_path, in_default(AUGUST_SITE, BROKEN_RUN))
    assert "in default" not in row(page, "Acme Support")
    assert "\u2715 1 breach" in row(page, "Acme Support")  # August's breach is still open
    assert stat(page, "In default") == ("In default", "0", "no service level in default")
    assert attention(page, "Service levels in default").startswith("No service level is in")
    assert "come first" not in page


def test_a_site_without_default_after_has_no_default_figures(tmp_path: Path) -> None:
    page = build_index(tmp_path, dict(project_files()))
    assert "In default" not in page
    assert "Service levels in default" not in page


def two_vendors(acme_terms: str) -> dict[str, str | bytes]:
    """Acme in default (Q2 2025 amber, 82.5) and Beta red in Q2 (20.0) without a default, on 31
    July 2025; ``acme_terms`` go into Acme's contract."""
    files = vendors_like_acme(["acme", "beta"])
    files["content/site.yaml"] = JULY_SITE
    files["content/vendors/beta/vendor.yaml"] = VENDOR.replace("Acme Support", "Beta Services")
    files = with_terms(files, "acme", acme_terms)
    files = with_fcr(files, "acme", EXAMPLE_9)
    files = with_fcr(files, "beta", {})  # every month below from the CSV
    beta = "content/vendors/beta/measurements/2025.csv"
    files[beta] = "kpi,period,value,note\n" + "".join(
        f"{kpi},2025-0{m},{v},\n"
        for kpi, v in (("fcr", 50), ("asa", 60), ("abandon", 12), ("qa", 60))
        for m in (4, 5, 6)
    )
    return files


def test_a_vendor_in_default_is_listed_first_whatever_its_score(tmp_path: Path) -> None:
    ranked = build_index(tmp_path / "scores", two_vendors(""))
    assert vendor_order(ranked) == ["Beta Services", "Acme Support"]  # red before amber
    page = build_index(tmp_path / "default", two_vendors("default_after: 3\n"))
    assert vendor_order(page) == ["Acme Support", "Beta Services"]
    assert "\u2715 Red" in row(page, "Beta Services")
    # "Where to act" keeps the table's order and says why Acme comes first
    chart = page[page.index('id="h-value"') :]
    assert chart.index("Acme Support") < chart.index("Beta Services")
    assert "\u00a31.2M a year \u00b7 1 in default" in chart


def test_the_headline_names_the_service_levels_in_default() -> None:
    fcr = f.level("fcr", 75, 65, credit_allocation=50)
    terms = {"default_after": 3}
    voice = f.contract("voice", [fcr], monthly_charge=100_000, at_risk_percent=10)
    rows = [f.m("fcr", p, 50, "voice") for p in ("2026-05", "2026-06", "2026-07")]
    one = f.project(
        f.vendor(contracts=[voice.model_copy(update=terms)], measurements=rows),
        as_of=date(2026, 7, 31),
    )
    assert headline(f.card(one))["defaults"] == "In default: FCR (since Jul 2026)"
    chat = f.contract("chat", [f.level("fcr", 75, 65)])
    two = f.project(
        f.vendor(contracts=[voice.model_copy(update=terms), chat], measurements=rows),
        as_of=date(2026, 7, 31),
    )
    assert headline(f.card(two))["defaults"] == "In default: FCR, Voice (since Jul 2026)"
    plain = f.project(f.vendor(contracts=[voice], measurements=rows), as_of=date(2026, 7, 31))
    assert headline(f.card(plain))["defaults"] == ""
