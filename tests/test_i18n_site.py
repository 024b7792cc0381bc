"""The example site in each shipped language: the lang attribute, translated headings and
status words, numbers, money and month names in the locale's form, and the same bytes twice.

Each language is built once for the module (about 15 s each, no cache); a second, cache-less
build per language checks that output is byte-identical.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scorecardgen import i18n
from scorecardgen.build import Builder, BuildOptions
from tests.conftest import REPO

LANGUAGES = ("en", "de-DE", "fr-FR", "es-ES")
PORTFOLIO = "index.html"
MERIDIAN = "vendors/meridian-contact/index.html"  # USD contracts, a heat map by month
CALDER = "vendors/calder-maas-logistics/index.html"  # a contract in euros


def _project(tmp: Path, language: str) -> Path:
    root = tmp / language
    shutil.copytree(REPO / "content", root / "content")
    site = root / "content" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", text), "utf-8")
    return root


def _build(root: Path) -> dict[str, bytes]:
    result = Builder(root, BuildOptions(use_cache=False), keep=False).build()
    assert result.ok, result.problems
    return result.files


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("languages")
    return {language: _project(tmp, language) for language in LANGUAGES}


@pytest.fixture(scope="module")
def sites(projects: dict[str, Path]) -> dict[str, dict[str, bytes]]:
    return {language: _build(root) for language, root in projects.items()}


def page(sites: dict[str, dict[str, bytes]], language: str, path: str) -> str:
    return sites[language][path].decode("utf-8")


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_the_sites_language(sites: dict, language: str) -> None:
    pages = [p for p in sites[language] if p.endswith(".html")]
    assert len(pages) > 100
    for path in pages:
        assert f'<html lang="{language}">' in page(sites, language, path), path


def test_german_portfolio_has_german_headings_status_words_and_numbers(sites: dict) -> None:
    html = page(sites, "de-DE", PORTFOLIO)
    assert headings(html)[:3] == ["Dienstleister", "Wo zu handeln ist", "Braucht Aufmerksamkeit"]
    assert "Vendors" not in headings(html)
    chips = set(re.findall(r'<span class="chip [^"]*"[^>]*><span[^>]*>[^<]*</span> (\w+)', html))
    assert {"Rot", "Gelb", "Grün"} <= chips
    assert {"Red", "Amber", "Green"}.isdisjoint(chips)
    assert '<span class="score-num">82,4</span>' in html  # Meridian's Q3 2026 score
    assert "8 Dienstleister bewertet am 30. Sept. 2026" in html
    assert ">6,24\u00a0Mio.\u00a0$<" in html  # compact money, Babel's German form


def test_german_vendor_page_writes_euros_the_german_way(sites: dict) -> None:
    html = page(sites, "de-DE", CALDER)
    assert ">2.280.000\u00a0€<" in html  # the EU contract's annual value
    assert "Abdeckung 100\u00a0%" in html
    assert "2.280.000" not in page(sites, "en", CALDER)
    assert "€2,280,000" in page(sites, "en", CALDER)


def _chart_texts(html: str) -> list[str]:
    svgs = re.findall(r'<svg[^>]* class="chart-image".*?</svg>', html, re.S)
    return [t for svg in svgs for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize(
    ("language", "october", "axis_number"),
    [("en", "Oct \u201925", "98.5"), ("de-DE", "Okt \u201925", "98,5"),
     ("fr-FR", "oct \u201925", "98,5"), ("es-ES", "oct \u201925", "98,5")],
)  # fmt: skip
def test_chart_svgs_have_the_locales_month_names_and_numbers(
    sites: dict, language: str, october: str, axis_number: str
) -> None:
    texts = _chart_texts(page(sites, language, MERIDIAN))
    assert october in texts  # the heat map's first column, October 2025
    assert axis_number in texts  # back-office processing accuracy's y axis (d3 format locale)


@pytest.mark.parametrize("language", ["fr-FR", "es-ES"])
def test_french_and_spanish_numbers_money_and_dates(sites: dict, language: str) -> None:
    html = page(sites, language, PORTFOLIO)
    assert '<span class="score-num">82,4</span>' in html
    calder = page(sites, language, CALDER)
    euros = {"fr-FR": "2\u202f280\u202f000\u00a0€", "es-ES": "2.280.000\u00a0€"}[language]
    assert f">{euros}<" in calder
    assert "30 sept. 2026" in html if language == "fr-FR" else "30 sept 2026" in html


@pytest.mark.parametrize("language", ["fr-FR", "es-ES"])
def test_french_and_spanish_headings_come_from_their_catalogs(sites: dict, language: str) -> None:
    catalog = i18n.load_catalog(language)
    vendors = catalog.gettext("Vendors")
    assert vendors != "Vendors", f"no {language} translation of 'Vendors' yet"
    assert headings(page(sites, language, PORTFOLIO))[0] == vendors
    assert catalog.gettext("Breached") in page(sites, language, MERIDIAN)


def test_search_index_folds_accents_and_case(sites: dict) -> None:
    index = page(sites, "de-DE", "search-index.js")
    entry = re.search(r'\{[^{}]*"title":"Meridian Contact Solutions"[^{}]*\}', index)
    assert entry is not None
    assert "san jose" in entry.group(0)  # "San José" in the vendor's text, folded
    assert '"kind":"Dienstleister"' in entry.group(0)


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_two_builds_give_the_same_bytes(sites: dict, projects: dict, language: str) -> None:
    again = _build(projects[language])
    assert sorted(again) == sorted(sites[language])
    changed = [p for p in again if again[p] != sites[language][p]]
    assert changed == []


CLEARWATER = "vendors/clearwater-trust-safety/index.html"  # earn-back: waived credits
HARBORPOINT = "vendors/harborpoint-facilities/index.html"  # stepped targets


def test_german_workings_write_numbers_and_words_the_german_way(sites: dict) -> None:
    meridian = page(sites, "de-DE", MERIDIAN)
    assert "<code>48.600 × 30\u00a0% = 14.580</code>" in meridian  # a credit's working
    assert "<code>48,600 × 30% = 14,580</code>" in page(sites, "en", MERIDIAN)
    assert '<span class="tag">Maßnahme</span>' in meridian  # a note's kind
    clearwater = page(sites, "de-DE", CLEARWATER)
    assert "erfüllt in Mai 2026, Juni 2026: zurückverdient, erlassen" in clearwater
    assert "met in May 2026, Jun 2026: earned back, waived" in page(sites, "en", CLEARWATER)
    assert "umgerechnet: EUR zu 1,17, GBP zu 1,34" in page(sites, "de-DE", PORTFOLIO)
    assert "Soll sinkt auf 13 kWh/m² und Minimum sinkt auf 14,5 kWh/m² ab Jan. 2026" in (
        page(sites, "de-DE", HARBORPOINT)
    )


@pytest.mark.parametrize("language", ["de-DE", "fr-FR", "es-ES"])
def test_no_english_working_words_left(sites: dict, language: str) -> None:
    """The words scoring writes in its workings never reach a translated page in English."""
    english = ("share of the cap", "capped to", "earned back, waived", ": payable", ": pending",
               "weighted by annual value", " at 1.17", "cancel-by =", "as_of set in",
               "Breached (missing)", " overdue<", "Totals of", "falls to")  # fmt: skip
    for path, data in sites[language].items():
        if not path.endswith(".html") or "/notes/" in path:  # a note is the editor's own text
            continue
        html = data.decode("utf-8")
        for words in english:
            assert words not in html, (path, words)
