"""The chart templates a build made are kept in the cache: the next process takes them
instead of building them with Altair, and the site is byte for byte the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecardgen.build import Builder, BuildOptions
from scorecardgen.cache import CACHE_DIR
from scorecardgen.chart_templates import KIND
from scorecardgen.charts import spec
from tests.minimal_project import project_files, write_project


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", dict(project_files()))


def _files(root: Path, **options: bool) -> dict[str, bytes]:
    result = Builder(root, BuildOptions(**options), keep=False).build()
    assert result.ok, result.problems
    return result.files


def _new_process(monkeypatch: pytest.MonkeyPatch, build: bool) -> None:
    """Forget every template built, as a new process would; ``build``: whether it may build."""
    monkeypatch.setattr(spec, "_BUILT", {})
    if not build:

        def refused() -> None:
            raise AssertionError("a template was built again")

        monkeypatch.setattr(spec, "TEMPLATES", {shape: refused for shape in spec.TEMPLATES})


def test_the_next_process_takes_the_templates_from_the_cache(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new_process(monkeypatch, build=True)
    first = _files(root)
    assert any((root / CACHE_DIR / KIND).rglob("*"))
    _new_process(monkeypatch, build=False)
    assert _files(root) == first
    monkeypatch.undo()
    _new_process(monkeypatch, build=True)
    assert _files(root, use_cache=False) == first


def test_a_damaged_entry_builds_them_again(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _new_process(monkeypatch, build=True)
    first = _files(root)
    for entry in (root / CACHE_DIR / KIND).rglob("*"):
        if entry.is_file():
            entry.chmod(0o644)
            entry.write_bytes(b"not json")
    _new_process(monkeypatch, build=True)
    assert _files(root) == first
