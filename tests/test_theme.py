"""Themes: override and extend templates, theme names, static assets, relative URLs."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from scorecardgen.pages import urls
from scorecardgen.theme import (
    StaticAssets,
    ThemeError,
    default_theme_dir,
    fingerprint,
    load_theme,
    page_helpers,
    relative_url,
    resolve_theme,
)
from tests.conftest import run_cli

SITE = {
    "title": "Vendor scorecards",
    "organisation": "Tidewater",
    "language": "en",
    "description": "",
    "vendor_site": False,
    "home_label": "Portfolio",
    "base_url": "",
}


def context(page_url: str, assets: StaticAssets, **extra: Any) -> dict[str, Any]:
    page = {"url": page_url, "title": "Acme", **extra}
    return {"site": SITE, "page": page, **page_helpers(page_url, assets.names)}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_default_theme_ships_in_the_package() -> None:
    folder = default_theme_dir()
    assert (folder / "templates" / "base.html").is_file()
    assert (folder / "static" / "css" / "site.css").is_file()
    assert (folder / "static" / "js" / "charts.js").is_file()


def test_base_renders_with_relative_links_and_no_external_urls() -> None:
    env = load_theme().env
    assets = load_theme().assets
    html = env.get_template("base.html").render(context("vendors/acme/index.html", assets))
    assert '<html lang="en">' in html
    assert '<meta name="viewport"' in html
    assert "<title>Acme · Vendor scorecards</title>" in html
    css = assets.names["css/site.css"]
    assert f'href="../../{css}"' in html
    assert 'href="../../kpis/index.html"' in html
    assert 'href="../../methodology/index.html"' in html
    assert 'role="search"' in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "vega-bundle" not in html  # only pages with charts load the chart scripts


def test_chart_pages_load_bundle_then_charts_js() -> None:
    env = load_theme().env
    assets = load_theme().assets
    assets.add("js/vega-bundle.js", b"/* bundle */")
    html = env.get_template("base.html").render(context("index.html", assets, charts=True))
    bundle = html.index(assets.names["js/vega-bundle.js"])
    assert bundle < html.index(assets.names["js/charts.js"])


def test_environment_is_strict_and_autoescaped() -> None:
    env = load_theme().env
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_templates_link_through_the_urls_global() -> None:
    env = load_theme().env
    render = env.from_string
    assert render("{{ urls.KPI_INDEX }} {{ urls.kpi('fcr') }}").render() == (
        f"{urls.KPI_INDEX} {urls.kpi('fcr')}"
    )
    assert render("{{ urls.service_level_anchor('main', 'fcr') }}").render() == "sl-main-fcr"
    with pytest.raises(TypeError):  # read-only: a template cannot move a page for the others
        env.globals["urls"]["KPI_INDEX"] = "elsewhere.html"  # type: ignore[index]


def test_default_templates_hard_code_no_site_path() -> None:
    """Links go through ``url(urls....)`` or a path from the context, never a literal path."""
    path_like = re.compile(r"/|\.(html|json|csv|js)$")
    for template in sorted((default_theme_dir() / "templates").glob("*.html")):
        text = template.read_text(encoding="utf-8")
        for expression in re.findall(r"\{[{%]-?(.*?)-?[}%]\}", text, re.DOTALL):
            if expression.split()[0] in ("extends", "from", "import", "include"):
                continue  # template names, not site paths
            expression = re.sub(r"asset\('[^']*'\)", "", expression)  # theme files, not pages
            expression = re.sub(r'_\("(?:[^"\\]|\\.)*"', "", expression)  # words, not paths
            literals = re.findall(r"'([^']*)'|\"([^\"]*)\"", expression)
            paths = [t for pair in literals for t in pair if path_like.search(t)]
            assert paths == [], f"{template.name}: {paths}"


def test_project_template_overrides_default(tmp_path: Path) -> None:
    write(tmp_path / "themes" / "mine" / "templates" / "base.html", "MINE {{ page.title }}")
    env = load_theme(tmp_path, "mine").env
    assets = load_theme(tmp_path, "mine").assets
    assert env.get_template("base.html").render(context("index.html", assets)) == "MINE Acme"


def test_project_template_extends_the_default_it_replaces(tmp_path: Path) -> None:
    write(
        tmp_path / "themes" / "mine" / "templates" / "base.html",
        '{% extends "!default/base.html" %}{% block footer %}<footer>OURS</footer>{% endblock %}',
    )
    write(
        tmp_path / "themes" / "mine" / "templates" / "page.html",
        '{% extends "base.html" %}{% block content %}<p>BODY</p>{% endblock %}',
    )
    env = load_theme(tmp_path, "mine").env
    assets = load_theme(tmp_path, "mine").assets
    html = env.get_template("page.html").render(context("vendors/acme/index.html", assets))
    assert "<footer>OURS</footer>" in html and "Built with scorecardgen" not in html
    assert "<p>BODY</p>" in html
    assert 'class="site-header"' in html  # the rest comes from the default base.html


def test_templates_missing_from_project_theme_come_from_default(tmp_path: Path) -> None:
    (tmp_path / "themes" / "bare").mkdir(parents=True)
    env = load_theme(tmp_path, "bare").env
    assert env.get_template("base.html").filename == str(
        default_theme_dir() / "templates" / "base.html"
    )


def test_project_can_override_default_theme_by_name(tmp_path: Path) -> None:
    write(tmp_path / "themes" / "default" / "templates" / "base.html", "LOCAL")
    assert load_theme(tmp_path, "default").env.get_template("base.html").render() == "LOCAL"
    assert resolve_theme(tmp_path / "elsewhere", "default") is None


@pytest.mark.parametrize(
    "name", ["../outside", "a/b", "..", "", ".hidden", "x\\y", "/etc", "mine/../..", "a b"]
)
def test_bad_theme_names_rejected(tmp_path: Path, name: str) -> None:
    (tmp_path / "themes" / "mine").mkdir(parents=True)
    with pytest.raises(ThemeError):
        resolve_theme(tmp_path, name)
    with pytest.raises(ThemeError):
        load_theme(tmp_path, name)


def test_missing_theme_rejected_with_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ThemeError, match=r"themes/nope/"):
        resolve_theme(tmp_path, "nope")


def test_theme_symlinked_outside_themes_rejected(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "templates").mkdir(parents=True)
    (tmp_path / "project" / "themes").mkdir(parents=True)
    (tmp_path / "project" / "themes" / "sneaky").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ThemeError, match="outside"):
        resolve_theme(tmp_path / "project", "sneaky")


def test_static_files_fingerprinted_and_overlaid_file_by_file(tmp_path: Path) -> None:
    default = load_theme().assets
    assert re.fullmatch(r"css/site\.[0-9a-f]{10}\.css", default.names["css/site.css"])
    assert re.fullmatch(r"js/charts\.[0-9a-f]{10}\.js", default.names["js/charts.js"])
    static = tmp_path / "themes" / "mine" / "static"
    write(static / "css" / "site.css", "body { color: red }")
    write(static / "img" / "logo.svg", "<svg/>")
    write(static / ".DS_Store", "junk")
    mine = load_theme(tmp_path, "mine").assets
    assert mine.names["css/site.css"] != default.names["css/site.css"]
    assert mine.files[mine.names["css/site.css"]] == b"body { color: red }"
    assert mine.names["js/charts.js"] == default.names["js/charts.js"]
    assert mine.names["img/logo.svg"] == "img/logo.svg"  # CSS may refer to it by name
    assert not any(".DS_Store" in p for p in mine.files)
    assert set(mine.files) == set(mine.names.values())


def test_fingerprints_are_stable_and_content_based() -> None:
    assert load_theme().assets.names == load_theme().assets.names
    assert fingerprint("css/site.css", b"a") == fingerprint("css/site.css", b"a")
    assert fingerprint("css/site.css", b"a") != fingerprint("css/site.css", b"b")
    assert re.fullmatch(r"js/vega-bundle\.[0-9a-f]{10}\.js", fingerprint("js/vega-bundle.js", b""))


@pytest.mark.parametrize(
    ("start", "target", "expected"),
    [
        ("vendors/acme/index.html", "kpis/fcr/index.html", "../../kpis/fcr/index.html"),
        ("vendors/acme/index.html", "kpis/fcr/", "../../kpis/fcr/index.html"),
        ("vendors/acme/index.html", "", "../../index.html"),
        ("vendors/acme/index.html", "index.html", "../../index.html"),
        ("vendors/acme/index.html", "vendors/acme/scorecard.json", "scorecard.json"),
        ("vendors/acme/index.html", "vendors/acme/index.html", "index.html"),
        ("vendors/acme/reviews/2025-Q1/index.html", "vendors/acme/", "../../index.html"),
        ("index.html", "vendors/acme/index.html", "vendors/acme/index.html"),
        ("index.html", "/kpis/", "kpis/index.html"),
        ("404.html", "css/site.0123456789.css", "css/site.0123456789.css"),
        ("kpis/index.html", "vendors/acme/index.html#sl-fcr", "../vendors/acme/index.html#sl-fcr"),
        ("kpis/index.html", "#top", "#top"),
        ("kpis/index.html", "https://example.com/x", "https://example.com/x"),
    ],
)
def test_relative_url(start: str, target: str, expected: str) -> None:
    assert relative_url(start, target) == expected


def test_unknown_asset_is_an_error() -> None:
    helpers = page_helpers("index.html", load_theme().assets.names)
    with pytest.raises(jinja2.TemplateRuntimeError, match="no static asset"):
        helpers["asset"]("css/nope.css")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ asset('img/missing.png') }}", "no static asset named 'img/missing.png'"),
        ("{{ 1 // 0 }}", "integer division or modulo by zero"),
        ("{{ no_such_value.x }}", "'no_such_value' is undefined"),
    ],
)
def test_a_template_failing_at_render_is_located_at_its_line(
    make_project: Any, line: str, message: str
) -> None:
    """A theme author's slip is their error at file:line, exit 1, never an internal error."""
    template = (
        "{% extends '!default/404.html' %}\n{% block content %}\n" + line + "\n{% endblock %}\n"
    )
    root = make_project(
        {
            "content/site.yaml": "title: T\norganisation: O\ntheme: mine\n",
            "themes/mine/templates/404.html": template,
        }
    )
    result = run_cli("-C", str(root), "build")
    assert result.exit_code == 1, result.output
    assert f"themes/mine/templates/404.html:3: error: template error: {message}" in result.stderr
    assert "internal error" not in result.output and not (root / "output").exists()


_SEGMENT = st.sampled_from(["a", "b", "vendors", "acme", "index.html", "x.y"])


@given(st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=5))
def test_relative_links_agree_with_posixpath(folder: list[str], target: list[str]) -> None:
    """The fast relative path is exactly posixpath.relpath for every pair of site paths."""
    start, path = "/".join(folder), "/".join(target)
    assume(folder[: len(target)] != target)  # a file cannot also be a folder of the page
    page = f"{start}/page.html" if start else "page.html"
    assert relative_url(page, path) == posixpath.relpath(path, start or ".")
