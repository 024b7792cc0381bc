"""Every page of the example site is valid HTML to the Nu Html Checker (vnu.jar).

vnu.jar comes from the npm package vnu-jar (the path in SCORECARDGEN_VNU_JAR; .ci/run
installs it, and Java where missing). One JVM checks all pages, the stylesheet and the
favicon at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import nu_html_check

pytestmark = pytest.mark.browser


def test_every_page_is_valid_html(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    others = sorted(site.rglob("*.css")) + sorted(site.rglob("*.svg"))
    assert others
    errors = nu_html_check(site, pages + others)
    print(f"{len(pages)} pages and {len(others)} other files checked, {len(errors)} errors")
    assert errors == [], "\n".join(errors)
