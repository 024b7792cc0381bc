"""The example site in headless Chromium: every page over http on loopback and from file://.

One browser, one built site and one loopback server per module; the every-page loops reuse
one page object and wait for events (load, charts drawn), never for fixed sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium, open_page, page_paths, record

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
VENDORS = [
    "clearwater-trust-safety",
    "kestrel-infotech",
    "ledgerline",
    "meridian-contact",
    "northbridge-labs",
    "summit-people",
]

# Every figure's chart, as the reader sees it: a visible, non-trivial <svg> in its box.
_CHARTS_SHOWN = """() => Array.from(document.querySelectorAll('figure.chart')).map(f => {
  const svgs = Array.from(f.querySelectorAll('.chart-svg svg.chart-image'));
  const shown = svgs.filter(s => {
    const r = s.getBoundingClientRect(), st = getComputedStyle(s);
    return r.width > 50 && r.height > 50 && st.visibility === 'visible' && st.display !== 'none'
      && !s.closest('[hidden]');
  });
  return {id: f.id, svgs: svgs.length, shown: shown.length};
})"""

_DRAW_ALL = """async () => {
  for (const box of document.querySelectorAll('[data-chart]')) {
    box.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
}"""
_ALL_LIVE = """() => Array.from(document.querySelectorAll('[data-chart]'))
  .every(b => ['yes', 'failed'].includes(b.getAttribute('data-chart-live')))"""
_CHART_STATES = """() => Array.from(document.querySelectorAll('[data-chart]'))
  .map(b => b.getAttribute('data-chart') + '=' + b.getAttribute('data-chart-live'))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def scripted(browser: Any) -> Iterator[tuple[Any, Any]]:
    """One page with scripts on, reused by every test here, and what it records."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    found = record(page)
    yield page, found
    context.close()


def _base(mode: str, site: Path, origin: str) -> str:
    return origin if mode == "http" else site.resolve().as_uri() + "/"


def _problems(found: Any, allowed: str) -> list[str]:
    foreign = [f"request to another host: {u}" for u in found.foreign_requests(allowed)]
    return (
        [f"console error: {m}" for m in found.console_errors]
        + [f"uncaught exception: {m}" for m in found.page_errors]
        + foreign
        + [f"failed to load: {u}" for u in found.failed]
    )


@pytest.mark.parametrize("mode", ["http", "file"])
def test_every_page_loads_cleanly(
    mode: str, site: Path, origin: str, scripted: tuple[Any, Any]
) -> None:
    """No console error, no uncaught exception, no request off the site, charts drawn."""
    page, found = scripted
    base = _base(mode, site, origin)
    allowed = origin if mode == "http" else "file://"
    paths = page_paths(site)
    assert len(paths) > 50
    problems: list[str] = []
    for path in paths:
        found.clear()
        response = open_page(page, base + path)
        if mode == "http" and (response is None or response.status != 200):
            problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
        if not any(u.endswith(path) for u in found.requests):
            problems.append(f"{path}: its own request was not recorded")
        failed = [s for s in page.evaluate(_CHART_STATES) if s.endswith("=failed")]
        problems += [f"{path}: {p}" for p in _problems(found, allowed)]
        problems += [f"{path}: chart could not be drawn live: {s}" for s in failed]
    print(f"{len(paths)} pages checked over {mode}")
    assert problems == []


def test_vendor_charts_show_with_javascript_off(site: Path, origin: str, browser: Any) -> None:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    page = context.new_page()
    found = record(page)
    try:
        for vendor in VENDORS:
            open_page(page, f"{origin}vendors/{vendor}/index.html", scripts=False)
            charts = page.evaluate(_CHARTS_SHOWN)
            assert len(charts) >= 3, vendor
            assert [c for c in charts if c["svgs"] != 1 or c["shown"] != 1] == [], vendor
            # no script ran: nothing upgraded, the pre-rendered pictures are what shows
            assert page.locator("[data-chart-live]").count() == 0
            assert page.locator("form.site-search").is_hidden()
        assert _problems(found, origin) == []
    finally:
        context.close()


def test_vendor_charts_are_drawn_live_with_javascript_on(
    site: Path, origin: str, scripted: tuple[Any, Any]
) -> None:
    page, found = scripted
    found.clear()
    for vendor in VENDORS:
        open_page(page, f"{origin}vendors/{vendor}/index.html")
        page.evaluate(_DRAW_ALL)
        page.wait_for_function(_ALL_LIVE)
        states = page.evaluate(_CHART_STATES)
        assert [s for s in states if not s.endswith("=yes")] == [], vendor
        charts = page.evaluate(_CHARTS_SHOWN)
        assert len(charts) == len(states)
        # the live chart replaced the picture: still exactly one visible svg per figure
        assert [c for c in charts if c["svgs"] != 1 or c["shown"] != 1] == [], vendor
    assert _problems(found, origin) == []


def test_hovering_a_chart_point_shows_a_tooltip(origin: str, scripted: tuple[Any, Any]) -> None:
    page, found = scripted
    found.clear()
    open_page(page, f"{origin}vendors/meridian-contact/index.html")
    figure = page.locator(".sl-chart figure.chart").first
    figure.scroll_into_view_if_needed()
    figure.locator("[data-chart-live=yes]").wait_for()  # drawn live, with its tooltips
    points = figure.locator("svg g.mark-symbol.role-mark path")
    assert points.count() > 3
    tooltip = page.locator("#vg-tooltip-element")
    assert tooltip.count() == 0 or not tooltip.is_visible()
    box = points.nth(points.count() // 2).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#vg-tooltip-element.visible", state="visible")
    text = tooltip.inner_text()
    assert "Period" in text and "Status" in text, text
    page.mouse.move(5, 5)
    page.wait_for_selector("#vg-tooltip-element.visible", state="detached")
    assert _problems(found, origin) == []


@pytest.mark.parametrize("mode", ["http", "file"])
def test_search_finds_a_vendor_and_opens_its_page(
    mode: str, site: Path, origin: str, scripted: tuple[Any, Any]
) -> None:
    page, found = scripted
    found.clear()
    base = _base(mode, site, origin)
    search = page.locator("#site-search-input")
    first = page.locator(".search-results a").first
    # from a page two folders down, so the result links must be relative to it
    open_page(page, base + "kpis/first-contact-resolution/index.html")
    assert search.is_visible()
    search.fill("ledgerline")
    first.wait_for(state="visible")
    # the vendor named by the query comes before its notes that mention it
    assert first.inner_text().startswith("Ledgerline Business Services"), first.inner_text()
    assert first.locator(".search-kind").inner_text() == "Vendor"
    first.click()
    page.wait_for_url(base + "vendors/ledgerline/index.html")
    assert page.locator("h1").inner_text() == "Ledgerline Business Services"
    # Enter opens the first result too, here from a vendor page to another vendor
    search.fill("summit people")
    first.wait_for(state="visible")
    search.press("Enter")
    page.wait_for_url(base + "vendors/summit-people/index.html")
    assert page.locator("h1").inner_text() == "Summit People Partners"
    # no match says so; Escape clears
    search.fill("zzzz-no-such-thing")
    assert page.locator(".search-results .search-none").inner_text() == "No matches"
    search.press("Escape")
    assert page.locator(".search-results").is_hidden()
    assert _problems(found, origin if mode == "http" else "file://") == []
