"""Hostile text in every text field of a project: it builds, shows as text, and never runs.

Each payload goes into every free-text field of its own vendor (and KPI); the site title,
organisation and description carry all of them at once. The built pages are read as HTML
(no script, handler, frame, style or javascript:/data: URL slipped in; every inline JSON
still parses), validated with the Nu Html Checker, and opened in Chromium over http and
from file://, with charts drawn and hovered and the payloads typed into the search box,
while any dialog (alert, confirm, prompt) fails the test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from scorecardgen.build_site import build_site
from tests.browser import chromium, nu_html_check, open_page, page_paths, record, serve
from tests.minimal_project import write_project

# name -> text as it goes into plain-text fields
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "javascript-url": '<a href="javascript:alert(1)">javascript:alert(1)</a>',
    "data-url": '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    "iframe": "<iframe src=javascript:alert(1)>",
    "style": "<style>body{display:none}</style>",
    "svg-onload": "<svg onload=alert(1)>",
    "quote-break": "\"'><script>alert(1)</script>",
    "script-close": "</script><script>alert(1)</script>",
    "bidi-override": "\u202eexe.txt\u202c <b>rtl</b>",
    "zero-width": "zero\u200bwidth\u200b<scr\u200bipt>alert(1)</script>",
    "id-clobber": '<h2 id="sl-main-k-0">x</h2> id="spec-trend" {#fig-trend}',
}
# the same, as Markdown authors would try it: links and raw HTML
MARKDOWN = {
    **PAYLOADS,
    "javascript-url": '[click](javascript:alert(1)) and <a href="javascript:alert(1)">raw</a>'
    ' and <a href=" javascript:alert(1)">spaced</a>',
    "data-url": "[click](data:text/html,<script>alert(1)</script>) and "
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">raw</a>',
    # headings whose ids are the theme's: the skip link, the explanation, a chart's spec
    "id-clobber": "\n\n# Main\n\n## How\n\n## Site search input\n\n"
    '<h2 id="spec-trend">{"data": {"url": "https://evil.example/d.json"},'
    ' "mark": "point"}</h2>\n\n## Also {#cap-trend}\n\n'
    '<h2 id="desc-heatmap">raw</h2>\n\n[TOC]\n',
}

# every free-text field the payloads go into
FIELDS = [
    "site.title",
    "site.organisation",
    "site.description",
    "kpi.name",
    "kpi.description",
    "kpi.formula",
    "kpi.benchmark.source",
    "vendor.name",
    "vendor.location",
    "vendor.relationship_owner",
    "vendor.tier",
    "vendor.summary",
    "vendor.tags",
    "vendor.certifications.name",
    "vendor.certifications.evidence",
    "vendor.contacts.name",
    "vendor.contacts.role",
    "vendor.contacts.email",
    "vendor.contacts.phone",
    "contract.title",
    "contract.service_levels.owner",
    "measurement.note (yaml)",
    "measurement.note (csv)",
    "review.title",
    "review.body",
    "review.tags",
    "action.title",
    "action.body",
    "action.owner",
    "incident.title",
    "incident.body",
    "incident.tags",
]

MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]


def q(text: str) -> str:
    """A YAML scalar for any text (JSON strings are YAML)."""
    return json.dumps(text)


def vendor_name(i: int, text: str) -> str:
    return f"Vendor {i} {text}"


def _markdown(text: str, md: str) -> str:
    # each form once: a raw id twice in one document would be the author's own duplicate
    return f"Plain: {text}\n\n- a list item, *emphasised*\n\n> Markdown: {md}\n"


def hostile_files() -> dict[str, str]:
    everything = " ".join(PAYLOADS.values())
    files = {
        "content/site.yaml": (
            f"title: {q('Hostile ' + everything)}\norganisation: {q(everything)}\n"
            f"description: {q(everything)}\nas_of: 2025-06-30\n"
        )
    }
    names = list(PAYLOADS)
    for i, name in enumerate(names):
        text, md = PAYLOADS[name], MARKDOWN[name]
        files[f"content/kpis/k-{i}.yaml"] = (
            f"name: {q(f'KPI {i} {text}')}\ndescription: {q(_markdown(text, md))}\n"
            f'unit: "%"\ndirection: higher\ncategory: success\nkind: output\n'
            f"indicator: lagging\ncadence: monthly\nformula: {q(text)}\n"
            f"benchmark: {{top_quartile: 90, bottom_quartile: 60, source: {q(text)}}}\n"
        )
    for i, name in enumerate(names):
        text, md = PAYLOADS[name], MARKDOWN[name]
        base = f"content/vendors/v-{i}"
        mine, theirs = f"k-{i}", f"k-{(i + 1) % len(names)}"
        files[f"{base}/vendor.yaml"] = f"""\
name: {q(vendor_name(i, text))}
function: customer-support
location: {q(text)}
delivery: offshore
relationship_owner: {q(text)}
tier: {q(text)}
summary: {q(_markdown(text, md))}
tags: [{q(text)}, {q(f"tag {i}")}]
certifications:
  - {{name: {q(text)}, expires: 2025-08-01, evidence: {q(text)}}}
contacts:
  - {{name: {q(text)}, role: {q(text)}, email: {q(text)}, phone: {q(text)}}}
"""
        files[f"{base}/contracts/main.yaml"] = f"""\
title: {q(f"Contract {i} {text}")}
start: 2025-01-01
end: 2025-09-30
notice_days: 60
annual_value: {{amount: 120000, currency: GBP}}
monthly_charge: 10000
at_risk_percent: 10
service_levels:
  - {{kpi: {mine}, expected: 80, minimum: 70, weight: 60, owner: {q(text)},
      credit_allocation: 50}}
  - {{kpi: {theirs}, expected: 80, minimum: 70, weight: 40, owner: {q(text)}}}
"""
        values = [85, 75, 65, 82, 68, 90]
        files[f"{base}/measurements/values.yaml"] = "".join(
            f"- {{kpi: {mine}, period: {m}, value: {v}, note: {q(text)}}}\n"
            for m, v in zip(MONTHS, values, strict=True)
        )
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["kpi", "period", "value", "note"])
        for m, v in zip(MONTHS, reversed(values), strict=True):
            writer.writerow([theirs, m, v, text])
        files[f"{base}/measurements/values.csv"] = out.getvalue()
        body = _markdown(text, md)
        files[f"{base}/notes/q2-review.md"] = (
            f"---\ntitle: {q(text)}\ndate: 2025-07-05\nkind: review\nperiod: 2025-Q2\n"
            f"visibility: vendor\ntags: [{q(text)}]\n---\n{body}"
        )
        files[f"{base}/notes/fix-it.md"] = (
            f"---\ntitle: {q(f'Action {i} {text}')}\ndate: 2025-05-10\nkind: action\n"
            f"owner: {q(text)}\ndue: 2025-06-01\nstatus: open\nkpi: {mine}\n---\n{body}"
        )
        files[f"{base}/notes/incident.md"] = (
            f"---\ntitle: {q(f'Incident {i} {text}')}\ndate: 2025-04-02\nkind: incident\n"
            f"tags: [{q(text)}]\n---\n{body}"
        )
    return files


def test_every_payload_reaches_every_field() -> None:
    """The fixture itself: each payload is in each listed kind of file (a guard on FIELDS)."""
    files = hostile_files()
    vendor = files["content/vendors/v-0/vendor.yaml"]
    for key in (
        "name:",
        "location:",
        "relationship_owner:",
        "tier:",
        "summary:",
        "tags:",
        "evidence:",
        "role:",
        "email:",
        "phone:",
    ):
        assert key in vendor
    print(f"{len(PAYLOADS)} payloads x {len(FIELDS)} fields = {len(PAYLOADS) * len(FIELDS)}")


def test_chart_text_that_looks_like_markup_stays_text() -> None:
    """Vega escapes ``<`` in chart text but not ``"``: no id or link is read from text."""
    from scorecardgen.charts.render import postprocess_svg

    text = 'V &lt;a href="javascript:alert(1)" id="clip1"&gt; url(#clip1)'
    svg = (
        f'<svg width="9"><defs><clipPath id="clip1"/></defs>'
        f'<g clip-path="url(#clip1)"><text>{text}</text></g></svg>'
    )
    out = postprocess_svg(svg, "k")
    assert f"<text>{text}</text>" in out
    assert 'id="k-clip1"' in out and 'clip-path="url(#k-clip1)"' in out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("hostile") / "project", hostile_files())
    out = root / "output"
    result = build_site(root, out)
    assert result.ok, [p.format() for p in result.problems]
    return out


# ---------------------------------------------------------------- the HTML, as a parser reads it

# where a browser fetches or navigates to a URL
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "srcset",
    "background",
    "ping",
    "manifest",
    "codebase",
    "cite",
}
FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "style",
    "base",
    "meta-refresh",
    "portal",
    "template",
    "noscript",
    "math",
    "xmp",
    "plaintext",
}
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript|blob|file):", re.IGNORECASE)
# C0 controls and space, which browsers strip from URLs before reading the scheme
_URL_JUNK = "".join(chr(c) for c in range(0x21))


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = dict(attrs)
        self.tags.append((tag, data))
        if tag == "script":
            self._script = data
            self.scripts.append((data, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def html_problems(root: Path) -> list[str]:
    problems: list[str] = []
    for path in sorted(root.rglob("*.html")):
        where = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        for raw in (
            "<script>alert",
            "<img src=x",
            "<iframe",
            "<svg onload",
            "<style",
            "<scr\u200bipt>",
            '<a href="javascript',
            '<a href="data',
        ):
            if raw in text:
                problems.append(f"{where}: raw {raw!r} in the page")
        page = _Page()
        page.feed(text)
        page.close()
        for tag, attrs in page.tags:
            if tag in FORBIDDEN_TAGS:
                problems.append(f"{where}: <{tag}>")
            if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
                problems.append(f"{where}: <meta http-equiv=refresh>")
            if tag == "link" and attrs.get("rel") not in ("stylesheet", "icon", "canonical"):
                problems.append(f"{where}: <link rel={attrs.get('rel')!r}>")
            for name, value in attrs.items():
                if name.startswith("on"):
                    problems.append(f"{where}: <{tag} {name}={value!r}>")
                url = value.lstrip(_URL_JUNK) if name in URL_ATTRS and value else ""
                if DANGEROUS_SCHEME.match(url):
                    problems.append(f"{where}: <{tag} {name}={value!r}>")
                if name == "style":
                    problems.append(f"{where}: <{tag} style=...>")
        for attrs, body in page.scripts:
            kind = attrs.get("type")
            if kind == "application/json":
                try:
                    json.loads(body)
                except ValueError as exc:
                    problems.append(f"{where}: inline JSON broken: {exc}: {body[:120]!r}")
            elif kind is None and attrs.get("src") and body.strip() == "":
                src = attrs["src"] or ""
                if not re.fullmatch(
                    r"(\.\./)*(js/[a-z-]+\.[0-9a-f]{10}\.js|search-index\.js)", src
                ):
                    problems.append(f"{where}: script from {src!r}")
            else:
                problems.append(
                    f"{where}: a script the theme does not write: {attrs} {body[:120]!r}"
                )
    return problems


def test_hostile_project_builds_into_pages_with_no_live_payload(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 5 * len(PAYLOADS)
    assert html_problems(hostile_site) == []
    # the search index is one assignment of JSON, which no payload broke out of
    index = (hostile_site / "search-index.js").read_text(encoding="utf-8")
    prefix, suffix = "window.SCORECARD_SEARCH_INDEX = ", ";\n"
    assert index.startswith(prefix) and index.endswith(suffix)
    assert "<" not in index and ">" not in index
    entries = json.loads(index[len(prefix) : -len(suffix)])
    titles = {e["title"] for e in entries}
    for i, text in enumerate(PAYLOADS.values()):
        assert vendor_name(i, text) in titles  # kept as text, character for character
    print(
        f"{len(PAYLOADS)} payloads x {len(FIELDS)} fields = "
        f"{len(PAYLOADS) * len(FIELDS)} placements, {len(pages)} pages"
    )


@pytest.mark.browser
def test_hostile_pages_are_valid_html(hostile_site: Path) -> None:
    assert nu_html_check(hostile_site, sorted(hostile_site.rglob("*.html"))) == []


# ---------------------------------------------------------------- the pages, in a browser


@pytest.fixture(scope="module")
def origin(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


_DRAW_ALL = """async () => {
  for (const box of document.querySelectorAll('[data-chart]')) {
    box.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
}"""
_ALL_DRAWN = """() => Array.from(document.querySelectorAll('[data-chart]'))
  .every(b => ['yes', 'failed'].includes(b.getAttribute('data-chart-live')))"""
# nothing but text may reach the tooltip, which vega-tooltip fills with HTML
_TOOLTIP_CLEAN = """() => {
  const tip = document.getElementById('vg-tooltip-element');
  return !tip || !tip.querySelector('script, img, iframe, svg, style, a, object, embed');
}"""
_BODY_SHOWN = """() => getComputedStyle(document.body).display !== 'none'
  && document.querySelector('main h1').getBoundingClientRect().height > 0"""


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["http", "file"])
def test_no_payload_runs_in_the_browser(
    mode: str, hostile_site: Path, origin: str, browser: Any
) -> None:
    base = origin if mode == "http" else hostile_site.resolve().as_uri() + "/"
    allowed = origin if mode == "http" else "file://"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = record(page)
    hovered = 0
    problems: list[str] = []
    try:
        paths = page_paths(hostile_site)
        for path in paths:
            open_page(page, base + path)
            if not page.evaluate(_BODY_SHOWN):
                problems.append(f"{path}: the page is hidden")
            if page.locator("[data-chart]").count():
                page.evaluate(_DRAW_ALL)
                page.wait_for_function(_ALL_DRAWN)
                charts = page.locator(".chart-svg svg.chart-image")
                for k in range(charts.count() if mode == "http" else 0):  # once is enough
                    marks = charts.nth(k).locator("g.role-mark path, g.role-mark rect")
                    if marks.count():
                        marks.nth(marks.count() // 2).hover(force=True)
                        hovered += 1
                if not page.evaluate(_TOOLTIP_CLEAN):
                    problems.append(f"{path}: markup in a chart tooltip")
                states = page.locator("[data-chart-live=failed]").count()
                if states:
                    problems.append(f"{path}: {states} charts could not be drawn live")
        # every payload typed into the search box: the results show it as text
        search = page.locator("#site-search-input")
        open_page(page, base + "index.html")
        for i, text in enumerate(PAYLOADS.values() if mode == "http" else []):
            search.fill(vendor_name(i, text))
            first = page.locator(".search-results a").first
            first.wait_for(state="visible")
            shown = first.evaluate("a => a.firstChild.textContent")
            if shown != vendor_name(i, text):
                problems.append(f"search for payload {i} shows {shown!r}")
        search.fill(PAYLOADS["script-close"])
        page.locator(".search-results a").first.click()
        page.wait_for_load_state("load")
        if not page.url.startswith(base):
            problems.append(f"a search result left the site: {page.url}")
    finally:
        context.close()
    # an <img src=x> the sanitiser kept (a relative URL, harmless) is a missing file
    missing = [u for u in found.failed if not u.endswith("/x")]
    console = (
        found.console_errors
        if missing
        else [m for m in found.console_errors if "Failed to load resource" not in m]
    )
    problems += [f"failed to load: {u}" for u in missing]
    problems += [f"dialog: {d}" for d in found.dialogs]
    problems += [f"console error: {m}" for m in console]
    problems += [f"uncaught exception: {m}" for m in found.page_errors]
    problems += [f"request off the site: {u}" for u in found.foreign_requests(allowed)]
    print(f"{len(paths)} pages over {mode}, {hovered} chart marks hovered")
    assert mode != "http" or hovered >= 5 * len(PAYLOADS)
    assert problems == []


@pytest.mark.browser
def test_vendor_page_shows_each_payload_as_text(
    hostile_site: Path, origin: str, browser: Any
) -> None:
    """Escaped once, not twice: the reader sees exactly what the editor typed."""
    context = browser.new_context()
    page = context.new_page()
    try:
        for i, text in enumerate(PAYLOADS.values()):
            open_page(page, f"{origin}vendors/v-{i}/index.html")
            # the page's own h1 comes first; Markdown headings (h1 too) follow
            name = page.locator("main h1").first.evaluate("e => e.textContent")
            assert name == vendor_name(i, text)
            tag = page.locator(".page-head .tag").first.evaluate("e => e.textContent")
            assert tag == text
            open_page(page, f"{origin}kpis/k-{i}/index.html")
            name = page.locator("main h1").first.evaluate("e => e.textContent")
            assert name == f"KPI {i} {text}"
            assert page.locator(".formula code").evaluate("e => e.textContent") == text
    finally:
        context.close()
