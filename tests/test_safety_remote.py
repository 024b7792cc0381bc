"""No page loads anything from another host: remote sources in Markdown are removed and
reported (located, a warning that --strict turns into a failure), check and build report the
same, vendor sites too, and a project theme's CDN references are reported."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scorecardgen.errors import Problems
from scorecardgen.markdown_render import FETCHING, is_remote, render_markdown
from scorecardgen.theme import default_theme_dir
from scorecardgen.theme_check import scan_folder
from tests.browser import chromium, open_page, record, serve
from tests.conftest import run_cli
from tests.minimal_project import NOTE, VENDOR
from tests.no_gaps import NO_GAPS

NOTE_FILE = "content/vendors/acme/notes/q2-review.md"
# NOTE's front matter and first body lines take lines 1-10; the planted lines follow.
PLANTED = """
![remote](https://evil.example/a.png)

<img src="//evil.example/b.png" alt="b"> <img src=" http://evil.example/c.png" alt="c">

[a link to another host stays](https://ok.example/page) ![local](files/chart.png)
"""
SUMMARY = 'summary: |\n  Hello.\n\n  <img src="https://evil.example/s.png" alt="s">\n'


class _Sources(HTMLParser):
    """Every attribute value a browser would fetch by itself (a link's href is not one)."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in FETCHING and not (tag in ("a", "area") and name == "href"):
                self.fetched.append(f"<{tag} {name}={value!r}>")


def remote_sources(folder: Path) -> list[str]:
    """Remote fetching attributes in every page of a built site."""
    found = []
    for page in sorted(folder.rglob("*.html")):
        parser = _Sources()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.name}: {s}" for s in parser.fetched if is_remote(s.split("=", 1)[1])]
    return found


@pytest.fixture
def planted(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            **NO_GAPS,
            NOTE_FILE: NOTE + PLANTED,
            "content/vendors/acme/vendor.yaml": VENDOR.replace(
                "summary: A *contact centre* partner.\n", SUMMARY
            ),
        }
    )


def _warnings(output: str) -> set[str]:
    return {line for line in output.splitlines() if ": warning: " in line}


def test_check_reports_each_remote_source_at_its_line(planted: Path) -> None:
    result = run_cli("-C", str(planted), "check")
    assert result.exit_code == 0, result.output
    found = _warnings(result.output)
    first = "the image https://evil.example/a.png loads from another host; it was removed"
    assert f"{NOTE_FILE}:12: warning: {first} from the page" in found
    assert any(w.startswith(f"{NOTE_FILE}:14: ") and "//evil.example/b.png" in w for w in found)
    assert any(
        w.startswith(f"{NOTE_FILE}:14: ") and "http://evil.example/c.png" in w for w in found
    )
    assert any(w.startswith("content/vendors/acme/vendor.yaml:7: ") for w in found)
    assert not any("ok.example" in w or "chart.png" in w for w in found)  # links, local files
    assert len(found) == 4
    assert run_cli("-C", str(planted), "check", "--strict").exit_code == 1
    json_out = run_cli("-C", str(planted), "check", "--format", "json").stdout
    assert '"remote-resource"' in json_out


def test_build_removes_them_and_reports_what_check_does(planted: Path, tmp_path: Path) -> None:
    checked = run_cli("-C", str(planted), "check")
    built = run_cli("-C", str(planted), "build", "-o", str(tmp_path / "site"), "--no-cache")
    assert built.exit_code == 0, built.output
    assert _warnings(built.output) == _warnings(checked.output)
    assert remote_sources(tmp_path / "site") == []
    page = (tmp_path / "site/vendors/acme/notes/q2-review/index.html").read_text("utf-8")
    assert '<a href="https://ok.example/page" rel="noopener noreferrer">' in page
    assert '<img alt="local" src="files/chart.png">' in page
    assert '<img alt="remote">' in page  # the image stays, as its text, without the source
    strict = run_cli("-C", str(planted), "build", "-o", str(tmp_path / "s2"), "--strict")
    assert strict.exit_code == 1 and not (tmp_path / "s2").exists()


@pytest.mark.parametrize("how", [["--vendor", "acme"], ["--per-vendor"]])
def test_vendor_sites_load_nothing_from_another_host(
    planted: Path, tmp_path: Path, how: list[str]
) -> None:
    result = run_cli("-C", str(planted), "build", "-o", str(tmp_path / "v"), "--no-cache", *how)
    assert result.exit_code == 0, result.output
    assert len(_warnings(result.output)) == 4
    pages = list((tmp_path / "v").rglob("q2-review/index.html"))
    assert pages and remote_sources(tmp_path / "v") == []


# Raw HTML that would fetch from another host; the sanitiser must leave no way to.
HAZARDS = [
    '<img srcset="https://evil.example/a.png 2x" src="ok.png" alt="">',
    '<picture><source srcset="https://evil.example/a.webp"><img src="x.png" alt=""></picture>',
    '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
    '<audio src="//evil.example/a.mp3"></audio><track src="https://evil.example/t.vtt">',
    '<object data="https://evil.example/o.swf"></object><embed src="https://evil.example/e">',
    '<link rel="stylesheet" href="https://evil.example/s.css">',
    '<svg><image href="https://evil.example/i.png"/><use href="https://evil.example/u.svg#a"/></svg>',  # noqa: E501
    '<form><button formaction="https://evil.example/f">go</button></form>',
    '<table background="https://evil.example/bg.png"><tr><td>x</td></tr></table>',
    '<input type="image" src="https://evil.example/in.png">',
    "<style>@import url(https://evil.example/s.css);</style>",
    '<p style="background:url(https://evil.example/bg.png)">x</p>',
    '<iframe src="https://evil.example/f"></iframe><frame src="https://evil.example/f">',
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">',  # noqa: E501
    '<a href="x.html" ping="https://evil.example/ping">x</a>',
    '<img src="&#104;ttps://evil.example/e.png" alt=""><img src="\\\\evil.example\\a.png" alt="">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    '<div data-src="https://evil.example/d.png" background="https://evil.example/b.png">x</div>',
]


@pytest.mark.parametrize("html", HAZARDS)
def test_no_raw_html_can_fetch_from_another_host(html: str) -> None:
    out = render_markdown(f"Text.\n\n{html}\n")
    assert "evil.example" not in out and "data:" not in out, out


def test_only_images_keep_a_source_and_only_a_local_one() -> None:
    out = render_markdown("\n\n".join(HAZARDS) + "\n\n![ok](ok.png)")
    parser = _Sources()
    parser.feed(out)
    assert parser.fetched == ["<img src='ok.png'>", "<img src='x.png'>", "<img src='ok.png'>"]


def test_the_builtin_theme_loads_nothing_from_another_host() -> None:
    problems = Problems()
    scan_folder(default_theme_dir(), default_theme_dir(), problems)
    assert [p.format() for p in problems.items] == []


def test_a_project_theme_calling_a_cdn_is_reported(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(
        {
            **NO_GAPS,
            "content/site.yaml": "title: T\norganisation: O\nas_of: 2025-06-30\ntheme: corp\n",
            "themes/corp/templates/base.html": '{% extends "!default/base.html" %}\n'
            "{% block head %}\n"
            '<script src="https://cdn.example/lib.js"></script>\n'
            '  <link rel="stylesheet" href="//fonts.example/css">\n'
            '<a href="https://ok.example/">help</a>\n'
            '<img src="{{ asset(\'favicon.svg\') }}" alt="">\n'
            "{% endblock %}\n",
            # an editor's lock file never ships, so it is not reported either
            "themes/corp/templates/.#base.html": '<script src="https://cdn.example/x.js">',
            "themes/corp/static/css/extra.css": "body { color: red; }\n"
            "@import url('https://fonts.example/f.css');\n"
            '@import "http://fonts.example/g.css";\n'
            ".x { background: url(img/local.png) }\n",
        }
    )
    result = run_cli("-C", str(root), "check")
    found = {w.split(": warning: ")[0] for w in _warnings(result.output)}
    assert found == {
        "themes/corp/templates/base.html:3:9",
        "themes/corp/templates/base.html:4:26",
        "themes/corp/static/css/extra.css:2:9",
        "themes/corp/static/css/extra.css:3:1",
    }, result.output
    assert "cdn.example/lib.js" in result.output
    assert run_cli("-C", str(root), "check", "--strict").exit_code == 1
    built = run_cli("-C", str(root), "build", "-o", str(tmp_path / "site"), "--no-cache")
    assert _warnings(built.output) == _warnings(result.output)


@pytest.mark.browser
def test_chromium_requests_nothing_from_another_host(planted: Path, tmp_path: Path) -> None:
    media = (
        '\n<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>'
        '\n<img srcset="https://evil.example/s.png 2x" src="//evil.example/d.png" alt="d">\n'
    )
    (planted / NOTE_FILE).write_text(NOTE + PLANTED + media, encoding="utf-8")
    result = run_cli("-C", str(planted), "build", "-o", str(tmp_path / "site"), "--no-cache")
    assert result.exit_code == 0, result.output
    with serve(tmp_path / "site") as origin, chromium() as browser:
        page = browser.new_page()
        found = record(page)
        # an image that was not removed would be requested here, and show up as foreign
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(origin) else route.abort()
            ),
        )  # noqa: E501
        open_page(page, origin + "vendors/acme/notes/q2-review/index.html", scripts=False)
        page.wait_for_load_state("networkidle")
        assert page.locator("main img[alt=remote]").count() == 1  # the planted note is there
        assert found.foreign_requests(origin) == []
        assert any(u.endswith("files/chart.png") for u in found.requests)  # local ones do load
