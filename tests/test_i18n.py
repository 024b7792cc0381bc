"""Catalogs, locale negotiation, locale formatting, search folding and the untranslated lint."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from scorecardgen import formatting as fmt
from scorecardgen import i18n, i18n_catalogs
from scorecardgen.build import Builder, BuildOptions
from scorecardgen.periods import Period
from scorecardgen.render import fold
from scorecardgen.theme import theme_locales
from tests.conftest import run_cli
from tests.minimal_project import SITE

SHIPPED = ("de", "fr", "es")
NBSP = "\u00a0"


def test_the_committed_template_holds_exactly_the_messages_of_the_sources() -> None:
    extracted = {(m.context, m.id) for m in i18n_catalogs.extract() if m.id}
    committed = {(m.context, m.id) for m in i18n_catalogs.read_template() if m.id}
    assert extracted - committed == set(), "run python -m scorecardgen.i18n_catalogs extract"
    assert committed - extracted == set(), "run python -m scorecardgen.i18n_catalogs extract"


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_of_the_sources_has_a_translation(language: str) -> None:
    """No English template or page string is left on a site in a shipped language."""
    catalog = i18n.load_catalog(language)
    missing = i18n_catalogs.untranslated(catalog, i18n_catalogs.extract())
    assert missing == [], f"{len(missing)} untranslated in {language}, e.g. {missing[:5]}"


def test_templates_and_python_words_are_both_in_the_template() -> None:
    ids = {m.id for m in i18n_catalogs.read_template()}
    assert "Needs attention" in ids  # portfolio.html
    assert "Skip to content" in ids  # base.html
    assert "Page not found" in ids  # 404.html
    assert "Vendor scorecard" in ids  # _pdf.html
    assert "Breached" in ids  # formatting.STATUS
    assert "Quarter score trend with the status bands" in ids  # pages/figures.py
    assert ("(%(count)s day late)", "(%(count)s days late)") in ids  # a plural


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("de-DE", ["de_DE", "de"]), ("de", ["de"]), ("zh-hant-tw", ["zh_Hant_TW", "zh_Hant", "zh"]),
     ("pt_BR", ["pt_BR", "pt"])],
)  # fmt: skip
def test_a_tag_is_tried_from_most_to_least_specific(tag: str, expected: list[str]) -> None:
    assert i18n.candidates(tag) == expected


def test_a_region_without_its_own_catalog_uses_the_language() -> None:
    catalog = i18n.load_catalog("de-AT")
    assert catalog.gettext("Needs attention") == "Braucht Aufmerksamkeit"
    assert catalog.sources == ("scorecardgen/locales/de/LC_MESSAGES/messages.po",)


def test_a_language_without_a_catalog_is_english() -> None:
    catalog = i18n.load_catalog("nl-NL")
    assert catalog.gettext("Needs attention") == "Needs attention"
    assert catalog.ngettext("%(n)s day", "%(n)s days", 2) == "%(n)s days"


def test_german_plurals() -> None:
    catalog = i18n.load_catalog("de-DE")
    assert catalog.ngettext("%(n)s vendor", "%(n)s vendors", 1) == "%(n)s Dienstleister"
    assert catalog.ngettext("%(n)s day", "%(n)s days", 1) == "%(n)s Tag"
    assert catalog.ngettext("%(n)s day", "%(n)s days", 3) == "%(n)s Tage"


def _theme_catalog(root: Path, language: str, entries: dict[str, str]) -> None:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=utf-8\\n"', ""]
    for msgid, msgstr in entries.items():
        lines += [f"msgid {json.dumps(msgid)}", f"msgstr {json.dumps(msgstr)}", ""]
    path = root / "themes" / "house" / "locales" / language / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_project_theme_overrides_and_adds_messages(tmp_path: Path) -> None:
    _theme_catalog(tmp_path, "de", {"Vendors": "Lieferanten"})
    _theme_catalog(tmp_path, "nl", {"Vendors": "Leveranciers"})
    german = i18n.load_catalog("de-DE", theme_locales(tmp_path, "house"))
    assert german.gettext("Vendors") == "Lieferanten"  # the theme's word wins
    assert german.gettext("Needs attention") == "Braucht Aufmerksamkeit"  # the rest shipped
    assert german.sources == (
        "scorecardgen/locales/de/LC_MESSAGES/messages.po",
        "themes/house/locales/de/LC_MESSAGES/messages.po",
    )
    dutch = i18n.load_catalog("nl", theme_locales(tmp_path, "house"))
    assert dutch.gettext("Vendors") == "Leveranciers"  # a language the package lacks
    assert german.digest != i18n.load_catalog("de-DE").digest  # a new key for every page


def test_a_project_themes_catalog_reaches_the_pages(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({"content/site.yaml": SITE + "language: de-DE\ntheme: house\n"})
    (root / "themes" / "house").mkdir(parents=True)
    _theme_catalog(root, "de", {"Vendors": "Lieferanten"})
    result = Builder(root, BuildOptions(use_cache=False), keep=False).build()
    assert result.ok, result.problems
    html = result.files["index.html"].decode()
    assert '<h2 id="h-vendors">Lieferanten</h2>' in html
    assert '<html lang="de-DE">' in html


def test_a_broken_theme_catalog_is_a_located_problem(make_project: Callable[..., Path]) -> None:
    root = make_project({"content/site.yaml": SITE + "language: de\ntheme: house\n"})
    po = root / "themes" / "house" / "locales" / "de" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(b'# house words\n\nmsgid "Vendors"\nmsgid "KPIs"\n')  # no msgstr
    result = Builder(root, BuildOptions(use_cache=False), keep=False).build()
    assert not result.ok
    (problem,) = [p for p in result.problems if p.code == "catalog"]
    assert str(problem.location) == "themes/house/locales/de/LC_MESSAGES/messages.po:3"
    assert problem.message == "not a gettext catalog: missing msgstr for msgid 'Vendors'"
    assert result.files == {}


@pytest.mark.parametrize(
    ("tag", "score", "share", "day", "month", "quarter"),
    [("en", "82.4", "87.5%", "28 Feb 2026", "Mar 2026", "Q1 2026"),
     ("de-DE", "82,4", f"87,5{NBSP}%", "28. Feb. 2026", "März 2026", "Q1 2026"),
     ("fr-FR", "82,4", f"87,5{NBSP}%", "28 févr. 2026", "mars 2026", "T1 2026"),
     ("es-ES", "82,4", f"87,5{NBSP}%", "28 feb 2026", "mar 2026", "T1 2026")],
)  # fmt: skip
def test_values_are_written_for_the_sites_locale(
    tag: str, score: str, share: str, day: str, month: str, quarter: str
) -> None:
    with i18n.use(i18n.load_catalog(tag)):
        assert fmt.score(82.44) == score
        assert fmt.percent(87.5) == share
        assert fmt.number(87.5, "%") == share
        assert fmt.day(date(2026, 2, 28)) == day
        assert Period.parse("2026-03").label == month
        assert Period.parse("2026-Q1").label == quarter


def test_german_numbers_money_and_words() -> None:
    with i18n.use(i18n.load_catalog("de-DE")):
        assert fmt.number(1234.5) == "1.234,5"
        assert fmt.number(3, "days") == "3 Tage"
        assert fmt.money(1234567, "EUR", locale="de-DE") == f"1.234.567{NBSP}€"
        assert fmt.status("breached").word == "Verletzt"
        assert fmt.trend("up").word == "Steigend"
        assert fmt.months_to_date(2) == "bis heute, 2 von 3 Monaten"
    assert fmt.status("breached").word == "Breached"  # outside a build: English


@pytest.mark.parametrize(
    ("a", "b"),
    [("kraków", "Krakow"), ("San José", "san jose"), ("Łódź", "LODZ"), ("Straße", "strasse"),
     ("Ærø", "aero")],
)  # fmt: skip
def test_search_folds_case_and_accents(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_the_search_script_folds_as_the_index_does() -> None:
    script = (Path(i18n_catalogs.REPOSITORY) / "themes/default/static/js/site.js").read_text()
    assert 'normalize("NFKD")' in script
    assert re.search(r"entry\.fold", script)


def test_check_strict_fails_on_a_language_without_translations(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({"content/site.yaml": SITE + "language: nl-NL\n"})
    loose = run_cli("-C", str(root), "check")
    assert loose.exit_code == 0
    assert "content/site.yaml:4:11: warning: " in loose.output
    total = sum(1 for m in i18n_catalogs.read_template() if m.id)
    assert f"{total} of {total} messages have no translation for language 'nl-NL'" in loose.output
    strict = run_cli("-C", str(root), "check", "--strict")
    assert strict.exit_code == 1


def test_check_is_quiet_about_a_complete_catalog(make_project: Callable[..., Path]) -> None:
    root = make_project({"content/site.yaml": SITE + "language: de-DE\n"})
    assert "no translation" not in run_cli("-C", str(root), "check", "--strict").output
