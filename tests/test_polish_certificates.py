"""An expired certificate reads "expired" (red) on the portfolio, as on the vendor page: in the
vendor's "Coming due" flags, the certificates card and the tally, never as merely coming due."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.minimal_project import VENDOR
from tests.no_gaps import NO_GAPS
from tests.page_text import page_text

VENDOR_YAML = "content/vendors/acme/vendor.yaml"
# as_of is 2025-06-30: one certificate expired in May, one expires within 90 days
CERTIFICATES = """\
certifications:
  - {name: ISO 27001, expires: 2025-05-01}
  - {name: PCI DSS, expires: 2025-08-15}
"""


def _build(make_project: Callable[..., Path], tmp_path: Path, vendor: str) -> Path:
    root = make_project({**NO_GAPS, VENDOR_YAML: vendor})
    out = tmp_path / "site"
    result = run_cli("-C", str(root), "build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_expired_certificate_is_red_and_expired_on_the_portfolio(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    out = _build(make_project, tmp_path, VENDOR + CERTIFICATES)
    html = (out / "index.html").read_text(encoding="utf-8")
    row = page_text(out / "index.html", css_class="portfolio-table")
    assert "1 certificate expired" in row
    assert "1 certificate " in row.replace("1 certificate expired", "")  # PCI DSS, coming due
    flags = dict(
        (text.strip(), css)
        for css, text in re.findall(r'class="flag (flag-\w+)">.*?</span>([^<]+)<', html)
    )
    assert flags["1 certificate expired"] == "flag-red"
    assert flags["1 certificate"] == "flag-amber"

    text = page_text(out / "index.html")
    assert "Certificates expired or coming due" in text
    assert 'ISO 27001</a><span class="sub">expired 1 May 2025</span>' in html
    assert 'PCI DSS</a><span class="sub">expires 15 Aug 2025</span>' in html
    stats = page_text(out / "index.html", css_class="stats")
    assert "0 renewals, 1 certificate, 1 certificate expired" in stats
    # the tally's "Coming due" figure is red (an alert), not amber, with an expired certificate
    assert '<div class="stat stat-alert"><dt>Coming due</dt>' in html

    vendor_text = page_text(out / "vendors" / "acme" / "index.html")
    assert "Expired ISO 27001" in vendor_text


def test_certificates_only_coming_due_stay_amber(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    out = _build(make_project, tmp_path, VENDOR + CERTIFICATES.replace("2025-05-01", "2026-05-01"))
    text = page_text(out / "index.html")
    assert "expired" not in text.lower()
    assert "Certificates coming due" in text
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<div class="stat stat-warn"><dt>Coming due</dt>' in html
