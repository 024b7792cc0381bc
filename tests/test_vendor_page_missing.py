"""A vendor that skips a monthly report: its scorecard, explanation and review say so, with
the coverage it lowers (SCORING.md section 3, issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, project_files, write_project
from tests.page_text import page_text

VENDOR_PAGE = "vendors/acme/index.html"
REVIEW_PAGE = "vendors/acme/reviews/2025-Q2/index.html"

# Every monthly service level reports April to June 2025, except FCR, which skips May.
# FCR: 80 (100.0) and 70 (75.0) -> 87.5 over 2 of 3 months. Contract coverage =
# (30 × 2/3 + 20 × 3/3 + 20 × 1/1 + 15 × 3/3 + 15 × 3/3) / 100 × 100 = 90.0.
SKIPPED_MAY = """\
kpi,period,value
fcr,2025-04,80
fcr,2025-06,70
asa,2025-04,25
asa,2025-05,25
asa,2025-06,25
abandon,2025-04,4.5
abandon,2025-05,4.5
abandon,2025-06,4.5
qa,2025-04,91
qa,2025-05,91
qa,2025-06,91
"""
CSAT = "- kpi: csat\n  period: 2025-Q2\n  value: 86\n"
MEASUREMENTS = {
    "content/vendors/acme/measurements/2025.csv": SKIPPED_MAY,
    "content/vendors/acme/measurements/extra.yaml": CSAT,
}


def build(root: Path, out: Path) -> Path:
    result = run_cli("-C", str(root), "build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {**project_files(), **MEASUREMENTS}
    root = write_project(tmp_path_factory.mktemp("skipped") / "project", files)
    return build(root, root.parent / "site")


@pytest.fixture(scope="module")
def breached_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same, under a contract that counts a missing report as breached."""
    contract = CONTRACT.replace("monthly_charge:", "missing_data: breached\nmonthly_charge:")
    files = {
        **project_files(),
        **MEASUREMENTS,
        "content/vendors/acme/contracts/voice.yaml": contract,
    }
    root = write_project(tmp_path_factory.mktemp("breached") / "project", files)
    return build(root, root.parent / "site")


def sl_row(site: Path, name: str) -> str:
    """The text of the service-level table row of ``name`` on the vendor page."""
    table = page_text(site / VENDOR_PAGE, css_class="sl-table")
    following = table.split(name, 1)[1]
    return following.split("Persistent failure")[0][:400]


def test_service_level_table_names_the_missing_month(site: Path) -> None:
    row = sl_row(site, "First contact resolution")
    assert "Missing: May 2025" in row
    html = (site / VENDOR_PAGE).read_text()
    assert 'class="chip st-missing chip-small chip-wrap"' in html  # the Missing look
    # a service level that sent every report names no missing month
    assert "Missing:" not in sl_row(site, "Average speed of answer").split("Customer")[0]


def test_headline_coverage_falls_below_100(site: Path) -> None:
    head = page_text(site / VENDOR_PAGE, css_class="headline")
    assert "Coverage 90%" in head
    contracts = page_text(site / VENDOR_PAGE, css_class="contracts-table")
    assert "Q2 2025 coverage" in contracts and "90%" in contracts


def test_explanation_tells_coverage_and_missing_month(site: Path) -> None:
    how = page_text(site / VENDOR_PAGE, within="how")
    assert "First contact resolution 30 87.5" in how
    assert "2 of 3 months missing: May 2025" in how
    assert "Apr 2025: 100.0, May 2025: missing, Jun 2025: 75.0" in how
    assert "3 of 3 months" in how  # the service levels that reported every month
    assert "(30 × 2/3 + 20 × 3/3 + 20 × 1/1 + 15 × 3/3 + 15 × 3/3)" in how
    assert "× 100 = 90.0" in how
    assert "left out of the score and lowering coverage: First contact resolution (May 2025)" in how


def test_review_shows_the_missing_month(site: Path) -> None:
    text = page_text(site / REVIEW_PAGE)
    assert "May 2025 — ∅ Missing" not in text  # the icon is hidden from the text
    assert "May 2025 — Missing" in text
    assert "coverage 2 of 3 months" in text
    assert "First contact resolution (May 2025)" in text


def test_missing_data_breached_reads_breached_missing(breached_site: Path) -> None:
    review = page_text(breached_site / REVIEW_PAGE)
    assert "May 2025 — Breached (missing)" in review
    how = page_text(breached_site / VENDOR_PAGE, within="how")
    # scored 0 and counted as data: (100 + 0 + 75) / 3, coverage 3 of 3, still named missing
    assert "First contact resolution 30 58.3" in how
    assert "3 of 3 months missing: May 2025" in how
    assert "May 2025: missing, counted as breached (0.0)" in how
    assert "counted as breached with score 0" in how
    assert "Missing: May 2025" in sl_row(breached_site, "First contact resolution")
    head = page_text(breached_site / VENDOR_PAGE, css_class="headline")
    assert "Coverage 100%" in head


def test_kpi_page_names_the_missing_month(site: Path) -> None:
    table = page_text(site / "kpis/fcr/index.html", css_class="stack")
    assert "Acme Support" in table and "Missing: May 2025" in table
    assert "Missing:" not in page_text(site / "kpis/asa/index.html", css_class="stack")
