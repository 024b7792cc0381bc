"""The build cache can never show a wrong number: cached builds equal uncached ones, and a
change touches exactly the output it affects."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scorecardgen.build import Builder, BuildOptions
from scorecardgen.cache import CACHE_DIR
from tests.minimal_project import MEASUREMENTS_CSV, A, two_vendor_project


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return two_vendor_project(tmp_path / "p")


def _build(root: Path, cache: bool = True) -> dict[str, bytes]:
    result = Builder(root, BuildOptions(use_cache=cache)).build()
    assert result.ok, [p.format() for p in result.problems]
    if cache:
        assert result.cache is not None
    return result.files


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def test_cached_and_uncached_builds_are_identical(root: Path) -> None:
    first = _build(root)
    assert (root / CACHE_DIR).is_dir()
    again = Builder(root).build()
    assert again.rendered == 0 and again.charts > 0  # everything came from the cache
    assert again.files == first
    assert _build(root, cache=False) == first


def test_changing_a_value_changes_exactly_the_affected_output(root: Path) -> None:
    before = _build(root)
    csv = root / A / "measurements/2025.csv"
    csv.write_text(MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39"))
    after = _build(root)
    assert after == _build(root, cache=False)
    changed = _changed(before, after)
    assert f"{A[8:]}/index.html" in changed  # acme's scorecard shows the new value
    assert "vendors/acme/measurements.csv" in changed
    assert "kpis/asa/index.html" in changed  # the KPI across vendors
    assert "index.html" in changed  # the portfolio summarises acme
    assert not any(p.startswith("vendors/bravo/") for p in changed)  # bravo untouched
    assert not any(p.startswith("kpis/fcr/") for p in changed)  # other KPIs untouched
    assert not any(p.startswith(("css/", "js/")) for p in changed)
    assert "methodology/index.html" not in changed


def test_changing_a_theme_file_changes_every_page_that_links_it(root: Path) -> None:
    before = _build(root)
    theme = root / "themes/default/static/css"
    theme.mkdir(parents=True)
    from scorecardgen.theme import default_theme_dir

    css = (default_theme_dir() / "static/css/site.css").read_text()
    (theme / "site.css").write_text(css + "\n/* brand */\n")
    after = _build(root)
    assert after == _build(root, cache=False)
    changed = _changed(before, after)
    assert all(p in changed for p in before if p.endswith(".html"))  # new stylesheet name
    assert not any(p.endswith((".json", ".csv")) for p in changed)


def test_changing_a_setting_changes_statuses(root: Path) -> None:
    before = _build(root)
    site = root / "content/site.yaml"
    site.write_text(site.read_text() + "scoring:\n  bands: {green: 99, amber: 98}\n")
    after = _build(root)
    assert after == _build(root, cache=False)
    assert before["vendors/acme/scorecard.json"] != after["vendors/acme/scorecard.json"]
    assert before["vendors/bravo/index.html"] != after["vendors/bravo/index.html"]


def test_unused_entries_are_pruned(root: Path) -> None:
    from scorecardgen.build_site import build_site

    build_site(root, root / "output")
    cache = root / CACHE_DIR

    def count() -> Counter[str]:
        return Counter(p.relative_to(cache).parts[0] for p in cache.rglob("*") if p.is_file())

    before = count()
    (root / A / "measurements/2025.csv").write_text(
        MEASUREMENTS_CSV.replace("fcr,2025-05,70", "fcr,2025-05,71")
    )
    build_site(root, root / "output")
    after = count()  # the stale acme entries went, no growth
    assert all(after[kind] <= before[kind] for kind in after if kind != "file")
    # files are kept by their bytes: acme's measurements.csv was bravo's, and is now its own
    assert after["file"] == before["file"] + 1


def test_pruning_removes_only_entries_the_cache_wrote(root: Path) -> None:
    from scorecardgen.build_site import build_site

    assert build_site(root, root / "output").ok
    cache = root / CACHE_DIR
    ours = sorted(p for p in (cache / "svg").rglob("*") if p.is_file())
    dropped = cache / "svg" / "zz" / "notes.txt"  # someone else's file, in the cache
    dropped.parent.mkdir()
    dropped.write_text("mine")
    (root / A / "measurements/2025.csv").write_text(
        MEASUREMENTS_CSV.replace("fcr,2025-05,70", "fcr,2025-05,71")
    )
    assert build_site(root, root / "output").ok
    assert dropped.read_text() == "mine"
    assert any(not p.exists() for p in ours)  # the superseded acme charts went


def test_an_edit_after_a_cached_build_redraws_only_the_changed_charts(root: Path) -> None:
    from scorecardgen.build_site import build_site

    assert build_site(root, root / "output").rendered > 0
    assert build_site(root, root / "output").rendered == 0  # all reused: pruning keeps them
    (root / A / "measurements/2025.csv").write_text(
        MEASUREMENTS_CSV.replace("fcr,2025-05,70", "fcr,2025-05,71")
    )
    result = build_site(root, root / "output")
    # acme has 7 charts; the edit moves its FCR chart, its trend and the portfolio chart
    assert 1 <= result.rendered <= 4, result.rendered


def test_a_warm_build_draws_only_the_summary_rows_of_a_changed_vendor(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2.runtime

    from scorecardgen.build_site import build_site

    drawn: list[str] = []
    real = jinja2.runtime.Macro.__call__

    def counted(self: jinja2.runtime.Macro, *args: object, **kwargs: object) -> str:
        if self.name.endswith("_row"):
            drawn.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.runtime.Macro, "__call__", counted)
    assert build_site(root, root / "output").ok
    first = len(drawn)
    assert first >= 2 * 6  # both vendors' rows on the portfolio and KPI pages
    drawn.clear()
    assert build_site(root, root / "output").ok
    assert drawn == []
    (root / A / "measurements/2025.csv").write_text(
        MEASUREMENTS_CSV.replace("asa,2025-05,34", "asa,2025-05,39")
    )
    assert build_site(root, root / "output").ok
    assert 0 < len(drawn) <= first // 2  # acme's rows only
    assert _build(root) == _build(root, cache=False)
