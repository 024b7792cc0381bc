"""axe-core in headless Chromium on the example site: no serious or critical violation.

axe-core comes from its npm package (the path in SCORECARDGEN_AXE_JS; .ci/run installs it).
Pages are checked as they load, and in the states a reader gets them into: every chart drawn
live and every data table unfolded, and the search results open.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import AXE_JS_ENV, chromium, open_page, tool_file

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")

_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ': '
                       + (n.failureSummary || '').replace(/\\s+/g, ' '))
  }));
}"""

_DRAW_ALL_AND_UNFOLD = """async () => {
  for (const box of document.querySelectorAll('[data-chart]')) {
    box.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  document.querySelectorAll('details').forEach(d => { d.open = true; });
}"""
_ALL_LIVE = """() => Array.from(document.querySelectorAll('[data-chart]'))
  .every(b => b.getAttribute('data-chart-live') === 'yes')"""


@pytest.fixture(scope="module")
def axe_js() -> Path:
    return tool_file(AXE_JS_ENV, "axe-core (axe.min.js of the npm package axe-core)")


@pytest.fixture(scope="module")
def page(axe_js: Path) -> Iterator[Any]:
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        opened = context.new_page()
        yield opened
        context.close()


def _review_page(site: Path) -> str:
    """The latest quarterly review page that shows a review note (the fullest one)."""
    for path in sorted(site.glob("vendors/meridian-contact/reviews/*/index.html"), reverse=True):
        if 'class="card review-note"' in path.read_text(encoding="utf-8"):
            return path.relative_to(site).as_posix()
    raise AssertionError("no review page with a review note in the example")


def _note_page(site: Path) -> str:
    return (
        sorted(site.glob("vendors/ledgerline/notes/*/index.html"))[0].relative_to(site).as_posix()
    )


def _violations(page: Any, axe_js: Path) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe_js))
    found: list[dict[str, Any]] = page.evaluate(_RUN_AXE)
    for v in found:  # printed, so a failure shows every violation, minor ones included
        print(f"{page.url}: [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for node in v["nodes"][:5]:
            print(f"    {node}")
    return [v for v in found if v["impact"] in BLOCKING]


def _summary(violations: list[dict[str, Any]]) -> list[str]:
    return [f"[{v['impact']}] {v['id']}: {v['help']}: {v['nodes'][:3]}" for v in violations]


PAGES = {
    "portfolio": lambda site: "index.html",
    "vendor, two contracts": lambda site: "vendors/meridian-contact/index.html",
    "vendor, one contract": lambda site: "vendors/ledgerline/index.html",
    "kpi": lambda site: "kpis/first-contact-resolution/index.html",
    "review": _review_page,
    "kpi catalogue": lambda site: "kpis/index.html",
    "methodology": lambda site: "methodology/index.html",
    "note": _note_page,
    "not found": lambda site: "404.html",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_violation(
    name: str, site: Path, origin: str, page: Any, axe_js: Path
) -> None:
    path = PAGES[name](site)
    assert (site / path).is_file(), path
    open_page(page, origin + path)
    assert _summary(_violations(page, axe_js)) == []


@pytest.mark.parametrize("name", ["vendor, two contracts", "review"])
def test_live_charts_and_unfolded_tables_have_no_serious_violation(
    name: str, site: Path, origin: str, page: Any, axe_js: Path
) -> None:
    open_page(page, origin + PAGES[name](site))
    page.evaluate(_DRAW_ALL_AND_UNFOLD)
    page.wait_for_function(_ALL_LIVE)
    assert page.locator("details[open] table").count() > 0
    assert _summary(_violations(page, axe_js)) == []


def test_open_search_results_have_no_serious_violation(
    origin: str, page: Any, axe_js: Path
) -> None:
    open_page(page, origin + "index.html")
    page.locator("#site-search-input").fill("service")
    page.locator(".search-results a").first.wait_for(state="visible")
    assert _summary(_violations(page, axe_js)) == []
