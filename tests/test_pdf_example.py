"""The example organisation's PDFs (issue 17): every quarterly review prints on at most four
A4 pages, and a credit in a review shows its own working, not only its amount."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorecardgen.pdf import CHART_WIDTH_MM, chart_sizes
from tests.conftest import REPO, run_cli

A4 = (595, 842)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example-pdf") / "site"
    result = run_cli("-C", str(REPO), "build", "--pdf", "-o", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def _reader(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def test_every_review_of_the_example_prints_on_at_most_four_a4_pages(printed: Path) -> None:
    reviews = sorted(printed.glob("vendors/*/reviews/*/review.pdf"))
    assert len(reviews) >= 50  # eight vendors, seven or eight quarters each
    lengths = {}
    for path in reviews:
        reader = _reader(path)
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4, path
        lengths[str(path.relative_to(printed))] = len(reader.pages)
    assert max(lengths.values()) <= 4, {k: n for k, n in lengths.items() if n > 4}
    assert min(lengths.values()) >= 2  # a cover, the service levels and the notes


def test_a_review_credit_shows_each_breachs_working(printed: Path) -> None:
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in _reader(printed / "vendors/kestrel-infotech/reviews/2025-Q4/review.pdf").pages
    )
    assert "27,000 × 100% = 27,000" in text, text


def test_a_chart_prints_in_millimetres_no_wider_than_the_chart_width() -> None:
    wide = b'<svg version="1.1" width="823" height="242" viewBox="0 0 823 242" class="chart-image">'
    small = b'<svg version="1.1" width="300" height="150" class="chart-image">'
    assert CHART_WIDTH_MM == 120.0
    # 823 px is 217.75 mm: scaled by 120 / 217.75 to 120 mm wide, its height in proportion
    assert b'width="120.00mm" height="35.29mm"' in chart_sizes(wide)
    # 300 px is 79.375 mm: narrower than the chart width, printed at its own size
    assert b'width="79.38mm" height="39.69mm"' in chart_sizes(small)
