"""The wheel must carry every subpackage and the default theme."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        "scorecardgen." + ".".join(p.parent.relative_to(REPO / "scorecardgen").parts)
        for p in (REPO / "scorecardgen").rglob("__init__.py")
        if p.parent != REPO / "scorecardgen"
    }
    assert found | {"scorecardgen", "scorecardgen.themes"} == listed


def test_default_theme_ships_as_package_data() -> None:
    from importlib import resources

    default = resources.files("scorecardgen.themes") / "default"
    assert (default / "templates").is_dir()
    assert (default / "static").is_dir()
