"""A checked project keeps its files' marks (one per CSV cell) packed until a problem needs
one: a problem found later, in a vendor checked again against a changed KPI catalogue, is
located exactly as a fresh check locates it."""

from __future__ import annotations

from pathlib import Path

from scorecardgen.cache import Cache
from scorecardgen.check import ProjectState, check_project
from tests.minimal_project import project_files, write_project

CSV = "content/vendors/acme/measurements/2025.csv"


def test_a_problem_found_after_packing_is_located_like_a_fresh_checks(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", dict(project_files()))
    state = ProjectState(root)
    assert not state.refresh(None, Cache(None)).errors
    project = state.refresh([root / CSV], Cache(None)).project  # the vendor read again
    assert project is not None
    locator = project.sources.files[CSV]
    assert "_packed" in vars(locator) and "values" not in vars(locator)
    (root / "content/kpis/abandon.yaml").unlink()  # acme's abandon row names no KPI now
    found = state.refresh([root / "content/kpis/abandon.yaml"], Cache(None))
    fresh = check_project(root, use_cache=False)
    assert [p.format() for p in found.problems] == [p.format() for p in fresh.problems]
    assert any(p.location.file == CSV and p.location.line == 6 for p in found.errors)
    assert "_packed" in vars(locator)  # unpacked to name the row, and packed again
