"""Every page and export of the built example agrees on each vendor's numbers (issue 14):
the vendor page's headline, the portfolio row, scorecard.json, scorecards.json and the explanation
show the same score, status and coverage, to the digit the page shows."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from scorecardgen import formatting as fmt


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()


def _vendor_ids(site: Path) -> list[str]:
    return [v["id"] for v in json.loads((site / "scorecards.json").read_text("utf-8"))]


def _portfolio_row(site: Path, vendor_id: str) -> str:
    page = (site / "index.html").read_text("utf-8")
    rows = re.findall(r"<tr>\s*<th scope=\"row\" class=\"vendor-cell\">.*?</tr>", page, re.S)
    (row,) = [r for r in rows if f'href="vendors/{vendor_id}/index.html"' in r]
    return row


def test_the_example_has_the_second_edition_vendors(site: Path) -> None:
    ids = _vendor_ids(site)
    assert {"harborpoint-facilities", "calder-maas-logistics"} <= set(ids)
    assert len(ids) >= 8


def test_pages_and_exports_agree_on_every_headline(site: Path) -> None:
    listed = {v["id"]: v for v in json.loads((site / "scorecards.json").read_text("utf-8"))}
    for vendor_id, entry in listed.items():
        card = json.loads((site / "vendors" / vendor_id / "scorecard.json").read_text("utf-8"))
        head = card["headline"]
        assert entry["headline"] == head, vendor_id
        score = fmt.score(head["score"])
        status = fmt.status(head["status"]).word
        coverage = fmt.percent(head["coverage"])

        page = (site / "vendors" / vendor_id / "index.html").read_text("utf-8")
        shown = re.search(r'class="headline-score">([^<]*)<', page)
        assert shown is not None and shown.group(1) == score, vendor_id
        label = re.search(r'class="headline-status">(.*?)</p>', page, re.S)
        assert label is not None and status in " ".join(_text(label.group(1))), vendor_id

        row = _portfolio_row(site, vendor_id)
        number = re.search(r'class="score-num">([^<]*)<', row)
        assert number is not None and number.group(1) == score, vendor_id
        assert status in " ".join(_text(row)), vendor_id
        assert f"coverage {coverage}" in " ".join(_text(row)), vendor_id


@pytest.mark.parametrize("vendor_id", ["harborpoint-facilities", "calder-maas-logistics"])
def test_the_quarter_tables_agree_with_scorecard_json(site: Path, vendor_id: str) -> None:
    card = json.loads((site / "vendors" / vendor_id / "scorecard.json").read_text("utf-8"))
    page = " ".join(_text((site / "vendors" / vendor_id / "index.html").read_text("utf-8")))
    for quarter in card["quarters"]:
        for contract in quarter["contracts"]:
            if contract["score"] is not None and quarter["period"] == card["headline"]["period"]:
                assert fmt.score(contract["score"]) in page, (vendor_id, contract["id"])


def test_the_skipped_april_shows_in_every_export(site: Path) -> None:
    vendor = site / "vendors" / "harborpoint-facilities"
    card = json.loads((vendor / "scorecard.json").read_text("utf-8"))
    missing = [m for m in card["measurements"] if m["period"] == "2026-04"]
    assert missing and all(m["status"] == "missing" and m["value"] is None for m in missing)
    csv_rows = (vendor / "measurements.csv").read_text("utf-8-sig").splitlines()
    april = [r for r in csv_rows if ",2026-04," in r]
    assert len(april) == len(missing)
    assert all(",missing," in r for r in april)
    (q2,) = [q for q in card["quarters"] if q["period"] == "2026-Q2"]
    assert q2["coverage"] < 100
    page = " ".join(_text((vendor / "index.html").read_text("utf-8")))
    assert "Missing: Apr 2026" in page
