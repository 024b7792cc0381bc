"""The methodology page explains the contract mechanics (SCORING.md sections 1a, 1b, 1c, 7, 7a
and 7b; issue 15): with the site's own first exclusion, restatement, step, earn-back and
default where its content has them, else with SCORING.md's worked examples 4, 5, 6 and 9
computed by the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen import formatting as fmt
from tests.conftest import run_cli
from tests.mechanics_project import EARN_BACK, MECHANICS, OUTAGE, RECOUNT, STORM
from tests.minimal_project import project_files, vendors_like_acme, write_project
from tests.page_text import page_text

PAGE = "methodology/index.html"


def methodology(root: Path, files: dict[str, str | bytes], *options: str) -> Path:
    write_project(root / "project", files)
    out = root / "site"
    result = run_cli("-C", str(root / "project"), "build", "-o", str(out), *options)
    assert result.exit_code == 0, result.output
    return out


def example(text: str, title: str) -> str:
    """The text of one mechanism's example box, from its title to the next one's."""
    return text.split(f"Example: {title}", 1)[1].split("Example:", 1)[0]


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The minimal project has no exclusion, restatement, step, capped month, earn-back or
    default: every example is SCORING.md's."""
    site = methodology(tmp_path_factory.mktemp("worked"), dict(project_files()))
    return page_text(site / PAGE)


def test_sections_1a_1b_1c_7a_7b_are_explained(worked: str) -> None:
    for heading in (
        "1a. Exclusions",
        "1b. Restatements",
        "1c. Stepped targets",
        "7. Service credits",
        "7a. Earn-back",
        "7b. Service-level default",
    ):
        assert heading in worked
    assert "Key measurement A service level without a credit allocation" in worked


def test_worked_example_4_the_cap_shared(worked: str) -> None:
    box = example(worked, "a capped month shared among its service levels")
    assert box.startswith(" SCORING.md worked example 4, computed by this build")
    assert "4,000 + 8,000 = 12,000, capped to 10,000" in box
    assert "SL A 10,000 × 40% = 4,000; share of the cap 4,000 × 10,000 / 12,000 = 3,333.33" in box
    assert "SL B 10,000 × 80% = 8,000; share of the cap 8,000 × 10,000 / 12,000 = 6,666.67" in box


def test_worked_example_5_earn_back(worked: str) -> None:
    box = example(worked, "earn-back")
    assert "SCORING.md worked example 5, computed by this build" in box
    assert (
        "Waived Apr 2026: earned 5,000; met in May 2026, Jun 2026: earned back, waived "
        "10,000 × 50% = 5,000 "
        "Payable Jul 2026: earned 5,000; Sep 2026 was at risk: payable 10,000 × 50% = 5,000 "
        "Pending Nov 2026: earned 5,000; waiting for Dec 2026, Jan 2027: pending"
    ) in box


def test_worked_example_6_a_step(worked: str) -> None:
    box = example(worked, "a step")
    assert "SCORING.md worked example 6, scored by this build" in box
    assert "Met Dec 2025: 76.0% against expected 75.0%, minimum 65.0%: met, 100.0" in box
    assert (
        "At risk Jan 2026: 76.0% against expected 78.0%, minimum 68.0%: at risk, 90.0 "
        "50 + 50 × (76 − 68) / (78 − 68) = 90.0"
    ) in box


def test_worked_example_9_default(worked: str) -> None:
    box = example(worked, "a default")
    assert (
        "In default Breached in May, June and July: breached in 3 consecutive periods "
        "(May 2026, Jun 2026, Jul 2026): default from Jul 2026 (default_after: 3)"
    ) in box
    assert "Breached in May and June, met in July, breached in August: no run of 3" in box


def test_an_exclusion_and_a_restatement_on_worked_example_1s_levels(worked: str) -> None:
    excluded = example(worked, "an excluded period")
    assert "Excluded Mar 2026: 50.0% excluded (force majeure" in excluded
    assert "Without the exclusion it would be breached, 0.0 and earn a credit" in excluded
    assert "coverage 2 of 2 months (100.0 + 75.0) / 2 = 87.5" in excluded
    restated = example(worked, "a restated figure")
    assert "Scored at the agreed figure: at risk, 75.0" in restated
    assert "The first figure would have scored breached, 25.0" in restated


def test_the_sites_own_exclusion_restatement_step_and_default(tmp_path: Path) -> None:
    text = page_text(methodology(tmp_path, {**project_files(), **MECHANICS}) / PAGE)
    where = "From this site: Acme Support, {} (Acme voice support)"
    excluded = example(text, "an excluded period")
    # the first exclusion by period: ASA's April 2026 (the storm), not Quality's July
    assert excluded.startswith(" " + where.format("Average speed of answer"))
    assert f"Excluded Apr 2026: 55 s excluded ({STORM})" in excluded
    assert "Without the exclusion it would be breached, 0.0" in excluded
    assert "Q2 2026 leaves it out: coverage 2 of 2 months (75.0 + 100.0) / 2 = 87.5" in excluded
    assert OUTAGE not in excluded
    restated = example(text, "a restated figure")
    assert (
        f"May 2026: 34 s restated, first reported 46 s, restated on 20 Jun 2026: {RECOUNT}"
    ) in restated
    assert "Scored at the agreed figure: at risk, 75.0" in restated
    assert "The first figure would have scored breached, 25.0" in restated
    step = example(text, "a step")
    assert step.startswith(" " + where.format("First contact resolution"))
    assert (
        "Expected 75.0%, minimum 65.0% as contracted; from Jul 2026: expected 78.0%, minimum "
        "68.0%; from Jan 2027: expected 80.0%, minimum 70.0%"
    ) in step
    assert "Jun 2026: 60.0% against expected 75.0%, minimum 65.0%: breached, 25.0" in step
    assert "Jul 2026: 80.0% against expected 78.0%, minimum 68.0%: met, 100.0" in step
    default = example(text, "a default")
    assert default.startswith(" " + where.format("Abandonment rate"))
    assert "default from Jul 2026 (default_after: 3)" in default
    # no capped month and no earn-back in this content: those stay SCORING.md's
    assert "worked example 4" in example(text, "a capped month shared among its service levels")
    assert "worked example 5" in example(text, "earn-back")
    assert "This site holds 2 critical service levels and 3 key measurements." in text


def test_the_sites_own_earn_back(tmp_path: Path) -> None:
    text = page_text(methodology(tmp_path, {**project_files(), **EARN_BACK}) / PAGE)
    box = example(text, "earn-back")
    gbp = fmt.money(5000, "GBP")
    assert box.startswith(" From this site")
    assert (
        f"Waived Acme Support, First contact resolution, Apr 2026: earned {gbp}; met in "
        "May 2026, Jun 2026: earned back, waived"
    ) in box
    assert f"Payable Acme Support, First contact resolution, Jul 2026: earned {gbp}" in box
    assert f"Pending Acme Support, First contact resolution, Nov 2026: earned {gbp}" in box


def test_a_vendor_site_never_shows_another_vendors_examples(tmp_path: Path) -> None:
    """Bravo has the mechanics; Acme's own site must not name Bravo or its figures."""
    files: dict[str, str | bytes] = dict(vendors_like_acme(["acme", "bravo"]))
    files.update({k.replace("/acme/", "/bravo/"): v for k, v in MECHANICS.items()})
    files["content/site.yaml"] = MECHANICS["content/site.yaml"]
    files["content/vendors/bravo/vendor.yaml"] = "name: Bravo Care\nfunction: customer-support\n"
    site = methodology(tmp_path, files, "--per-vendor")
    acme = page_text(site / "acme" / PAGE)
    assert "Bravo" not in acme and STORM not in acme and RECOUNT not in acme
    assert "SCORING.md worked example 6" in example(acme, "a step")
