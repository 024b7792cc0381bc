"""`scorecardgen build` on the example organisation and a small fixture project."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen.check import Checked
from tests.conftest import REPO, run_cli
from tests.minimal_project import CONTRACT, project_files, write_project
from tests.no_gaps import NO_GAPS
from tests.site_checks import broken_links, figures, foreign_references, html_files


@pytest.fixture(scope="session")
def example_site(site: Path) -> Path:
    return site  # the example built once for the whole run (tests/conftest.py)


@pytest.fixture(scope="session")
def example(example_checked: Checked) -> object:
    assert example_checked.project is not None and example_checked.portfolio is not None
    return example_checked


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_page_and_export_exists(example_site: Path, example: object) -> None:
    project = example.project  # type: ignore[attr-defined]
    portfolio = example.portfolio  # type: ignore[attr-defined]
    expected = [
        "index.html",
        "404.html",
        "kpis/index.html",
        "methodology/index.html",
        "scorecards.json",
        "sitemap.xml",
        "search-index.js",
    ]
    for vid, vc in project.vendors.items():
        expected += [
            f"vendors/{vid}/index.html",
            f"vendors/{vid}/scorecard.json",
            f"vendors/{vid}/measurements.csv",
        ]
        expected += [f"vendors/{vid}/notes/{nid}/index.html" for nid in vc.notes]
        headline = portfolio.vendors[vid].headline.period
        expected.append(f"vendors/{vid}/reviews/{headline}/index.html")
    expected += [f"kpis/{kid}/index.html" for kid in project.kpis]
    missing = [path for path in expected if not (example_site / path).is_file()]
    assert missing == []
    assert len(list((example_site / "css").glob("site.*.css"))) == 1  # fingerprinted


def test_exports_have_the_documented_shape(example_site: Path, example: object) -> None:
    portfolio = example.portfolio  # type: ignore[attr-defined]
    listing = json.loads((example_site / "scorecards.json").read_text())
    assert [v["id"] for v in listing] == sorted(portfolio.vendors)
    for vid, card in portfolio.vendors.items():
        data = json.loads((example_site / f"vendors/{vid}/scorecard.json").read_text())
        assert list(data) == [
            "vendor",
            "as_of",
            "source",
            "headline",
            "quarters",
            "measurements",
            "service_levels",
            "credits",
            "credit_totals",
            "contracts",
            "certifications",
            "actions",
        ]
        assert data["vendor"] == {"id": vid, "name": card.name}
        score = card.headline.score  # rounded to 6 places (SCORING.md 11), still a number
        assert data["headline"]["score"] == (None if score is None else round(score, 6))
        csv_path = example_site / f"vendors/{vid}/measurements.csv"
        csv_lines = csv_path.read_text(encoding="utf-8-sig").splitlines()  # behind a BOM
        assert csv_lines[0] == (
            "contract,kpi,kpi_name,unit,period,value,expected,minimum,status,score,note,"
            "reason,restated_from,restated_on,restated_reason"
        )
        assert len(csv_lines) == 1 + len(card.measurements)


def test_every_link_and_asset_resolves_inside_the_output(example_site: Path) -> None:
    assert len(html_files(example_site)) > 50
    assert broken_links(example_site) == []


def test_no_page_stylesheet_or_script_references_another_host(example_site: Path) -> None:
    assert foreign_references(example_site, own_host="scorecards.tidewater.example") == []


def test_vendor_pages_have_a_chart_per_service_level_plus_trend_and_heatmap(
    example_site: Path, example: object
) -> None:
    portfolio = example.portfolio  # type: ignore[attr-defined]
    for vid, card in portfolio.vendors.items():
        found = figures(example_site / f"vendors/{vid}/index.html")
        assert len(found) == len(card.service_levels) + 2, vid
        assert all(
            f == {"svg": True, "caption": True, "description": True, "table": True, "spec": True}
            for f in found
        ), vid


def test_headline_explanation_is_on_the_vendor_page(example_site: Path, example: object) -> None:
    portfolio = example.portfolio  # type: ignore[attr-defined]
    card = portfolio.vendors["meridian-contact"]
    html = (example_site / "vendors/meridian-contact/index.html").read_text()
    assert "How this score was reached" in html
    quarter = card.headline.quarter
    escaped = quarter.formula.replace("&", "&amp;")
    assert escaped in html  # the vendor-level weighted mean of its two contracts
    for contract in quarter.contracts:
        assert contract.formula in html


def test_sitemap_lists_absolute_urls(example_site: Path) -> None:
    sitemap = (example_site / "sitemap.xml").read_text()
    assert "<loc>https://scorecards.tidewater.example/vendors/ledgerline/</loc>" in sitemap
    assert "404" not in sitemap


@pytest.mark.slow  # a fresh process builds the whole example without a cache
def test_two_builds_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    # a fresh process, so no in-memory cache can make the second build agree by accident
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "scorecardgen",
            "-C",
            str(REPO),
            "build",
            "--no-cache",
            "-o",
            str(out),
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    assert _snapshot(out) == _snapshot(example_site)


def test_failing_build_leaves_old_output_untouched(make_project: Callable[..., Path]) -> None:
    root = make_project()
    out = root / "output"
    assert run_cli("-C", str(root), "build").exit_code == 0
    before = _snapshot(out)
    assert "index.html" in before
    broken = root / "content/vendors/acme/contracts/voice.yaml"
    broken.write_text(CONTRACT.replace("weight: 30", "weight: 3"))
    result = run_cli("-C", str(root), "build")
    assert result.exit_code == 1
    assert "voice.yaml:8:1: error: service-level weights sum to 73" in result.stderr
    assert "Traceback" not in result.output
    assert _snapshot(out) == before
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".output.")]
    assert leftovers == []  # no temp folder left beside the output


def test_stale_files_disappear(make_project: Callable[..., Path]) -> None:
    root = make_project()
    (root / "output").mkdir()
    (root / "output" / "old-page.html").write_text("stale")
    assert run_cli("-C", str(root), "build").exit_code == 0
    assert not (root / "output" / "old-page.html").exists()
    assert (root / "output" / "index.html").is_file()


def test_strict_build_fails_on_warnings(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            **NO_GAPS,
            "content/vendors/acme/contracts/voice.yaml": CONTRACT.replace("    owner: Cy QA\n", ""),
        }
    )
    assert run_cli("-C", str(root), "build", "--strict").exit_code == 1
    assert not (root / "output").exists()
    result = run_cli("-C", str(root), "build")
    assert result.exit_code == 0
    assert "1 warnings" in result.stderr or "1 warning" in result.stderr


def test_summary_line(make_project: Callable[..., Path]) -> None:
    root = make_project(NO_GAPS)
    result = run_cli("-C", str(root), "build", "-o", str(root / "site"))
    assert result.exit_code == 0
    assert re.search(
        r"built .*: 13 pages, 13 charts \(13 rendered, 0 from cache\), "
        r"\d+ files, 0 warnings in [\d.]+ s",
        result.stderr,
    ), result.stderr
    again = run_cli("-C", str(root), "build", "-o", str(root / "site"))
    assert "13 charts (0 rendered, 13 from cache)" in again.stderr
    assert (root / "site" / "vendors/acme/index.html").is_file()


def test_theme_override_replaces_one_template_and_extends_default(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(project_files())
    files["content/site.yaml"] += "theme: brand\n"
    files["themes/brand/templates/note.html"] = (
        '{% extends "!default/note.html" %}\n'
        '{% block content %}<p class="brand-banner">BRAND NOTE</p>{{ super() }}'
        "{% endblock %}\n"
    )
    files["themes/brand/static/css/extra.css"] = "body { color: #123456; }\n"
    root = write_project(tmp_path / "p", files)
    assert run_cli("-C", str(root), "build").exit_code == 0
    note = (root / "output/vendors/acme/notes/fix-fcr/index.html").read_text()
    assert "BRAND NOTE" in note and "Coach the team." in note  # overridden and extended
    vendor = (root / "output/vendors/acme/index.html").read_text()
    assert "BRAND NOTE" not in vendor and "Acme Support" in vendor  # others from default
    assert list((root / "output/css").glob("extra.*.css"))


HOSTILE_SUMMARY = """\
Hello <script>alert('x')</script> <img src=x onerror="alert(1)">
[click](javascript:alert(2)) <iframe src="https://evil.example"></iframe>
<style>body{display:none}</style> ![p](data:image/png;base64,AAAA)

| a | b |
|---|---|
| 1 | 2 |

```
code <b>kept as text</b>
```
"""


def test_markup_from_content_is_escaped_or_sanitised(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = dict(project_files())
    files["content/vendors/acme/vendor.yaml"] = (
        'name: "Acme <script>alert(3)</script> & Co"\nfunction: customer-support\n'
        "summary: |\n" + "".join(f"  {line}\n" for line in HOSTILE_SUMMARY.splitlines())
    )
    root = write_project(tmp_path / "p", files)
    assert run_cli("-C", str(root), "build").exit_code == 0
    for page in html_files(root / "output"):
        html = page.read_text()
        assert "<script>alert" not in html, page
        assert "onerror" not in html and "javascript:" not in html, page
        assert "<iframe" not in html and "data:image" not in html, page
        assert "<style>" not in html, page
    vendor = (root / "output/vendors/acme/index.html").read_text()
    assert "Acme &lt;script&gt;alert(3)&lt;/script&gt; &amp; Co" in vendor
    assert "<table>" in vendor and "<code>" in vendor
    assert "&lt;b&gt;kept as text&lt;/b&gt;" in vendor
