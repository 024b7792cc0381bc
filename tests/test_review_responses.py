"""Vendor responses under their review on the internal and the vendor site, actions naming the
review they came from, and the located error for a response to a note that is not a review
(issue 17)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.minimal_project import project_files, write_project

NOTES = "content/vendors/acme/notes"
RESPONSE = """\
---
title: Our answer on FCR
date: 2025-07-12
kind: response
responds_to: q2-review
visibility: vendor
owner: Dana Vendor
---
We will retrain the night shift.
"""
INTERNAL_RESPONSE = """\
---
title: Our private reading
date: 2025-07-13
kind: response
responds_to: q2-review
---
They always say that.
"""
FROM_REVIEW = """\
---
title: Retrain the night shift
date: 2025-07-12
kind: action
owner: Dana Vendor
due: 2025-09-30
status: open
visibility: vendor
review: q2-review
---
Agreed at the review.
"""
REVIEW = "vendors/acme/reviews/2025-Q2/"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _review_section(html: str) -> str:
    start = html.index('id="h-review"')
    return _text(html[start : html.index('id="h-credits"')])


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    files = project_files()
    files[f"{NOTES}/fcr-answer.md"] = RESPONSE
    files[f"{NOTES}/private-reading.md"] = INTERNAL_RESPONSE
    files[f"{NOTES}/retrain.md"] = FROM_REVIEW
    root = write_project(tmp_path_factory.mktemp("responses") / "project", files)
    internal, vendor = root.parent / "internal", root.parent / "vendor"
    for args in (["-o", str(internal)], ["--vendor", "acme", "-o", str(vendor)]):
        result = run_cli("-C", str(root), "build", *args)
        assert result.exit_code == 0, result.output
    return internal, vendor


def test_the_response_is_under_its_review_on_both_sites(sites: tuple[Path, Path]) -> None:
    for site in sites:
        section = _review_section((site / REVIEW / "index.html").read_text())
        review_at = section.index("Q2 review")
        answer_at = section.index("Vendor response: Our answer on FCR")
        assert review_at < answer_at
        assert "We will retrain the night shift." in section
        assert "Dana Vendor" in section
        note = (site / "vendors/acme/notes/fcr-answer/index.html").read_text()
        assert re.search(r'href="[./]*reviews/2025-Q2/[^"]*"[^>]*>Q2 2025 review', note)


def test_an_internal_response_is_only_on_the_internal_site(sites: tuple[Path, Path]) -> None:
    internal, vendor = sites
    assert "Our private reading" in _review_section((internal / REVIEW / "index.html").read_text())
    for path in vendor.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            text = path.read_text()
            assert "Our private reading" not in text, path
            assert "They always say that" not in text, path
            assert "Fix FCR" not in text, path  # the minimal project's internal action


def test_an_action_names_the_review_it_came_from(sites: tuple[Path, Path]) -> None:
    for site in sites:
        section = _review_section((site / REVIEW / "index.html").read_text())
        assert "Actions from this review" in section
        assert "Retrain the night shift" in section
    vendor_json = json.loads((sites[1] / REVIEW / "review.json").read_text())
    assert vendor_json["vendor"] == "acme"


@pytest.mark.parametrize(
    ("target", "why"),
    [("no-such-note", "no note 'no-such-note'"), ("fix-fcr", "note 'fix-fcr' is an action")],
)
def test_responds_to_must_name_a_review_of_the_vendor(
    tmp_path: Path, target: str, why: str
) -> None:
    files = project_files()
    files[f"{NOTES}/fcr-answer.md"] = RESPONSE.replace("q2-review", target)
    root = write_project(tmp_path / "project", files)
    result = run_cli("-C", str(root), "check")
    assert result.exit_code != 0
    out = result.stdout + result.stderr
    assert "content/vendors/acme/notes/fcr-answer.md:5:14: error" in out
    assert "responds_to must name a review note of vendor 'acme'" in out
    assert why in out
    assert "q2-review" in out  # the hint names the vendor's reviews


def test_a_response_needs_responds_to(tmp_path: Path) -> None:
    files = project_files()
    files[f"{NOTES}/fcr-answer.md"] = RESPONSE.replace("responds_to: q2-review\n", "")
    root = write_project(tmp_path / "project", files)
    result = run_cli("-C", str(root), "check")
    assert result.exit_code != 0
    out = result.stdout + result.stderr
    assert "fcr-answer.md" in out and "a response needs 'responds_to'" in out


def test_a_shared_response_to_an_internal_review_is_a_warning(tmp_path: Path) -> None:
    files = project_files()
    files[f"{NOTES}/q2-review.md"] = files[f"{NOTES}/q2-review.md"].replace(
        "visibility: vendor\n", ""
    )
    files[f"{NOTES}/fcr-answer.md"] = RESPONSE
    root = write_project(tmp_path / "project", files)
    result = run_cli("-C", str(root), "check")
    out = result.stdout + result.stderr
    assert "fcr-answer.md:5:14: warning: 'q2-review' is an internal review" in out
