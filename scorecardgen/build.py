"""Build a project into a site: check and score, plan the files, render them, write atomically.

``build_files`` does everything in memory and is what the dev server calls; ``build_site``
adds the atomic write to the output folder. A build with errors writes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scorecardgen import exports
from scorecardgen.errors import Problem
from scorecardgen.pipeline import check_project

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class BuildOptions:
    """What to build: the whole internal site, or standalone vendor sites."""

    strict: bool = False
    vendor: str | None = None
    per_vendor: bool = False
    use_cache: bool = True


@dataclass
class SiteBuild:
    """The outcome of a build in memory: every output file, or the problems that stopped it."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    charts: int = 0
    seconds: float = 0.0
    strict: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and not (self.strict and self.warnings)


def _noop(stage: str, done: int, total: int) -> None:
    del stage, done, total


def build_files(root: Path, options: BuildOptions | None = None,
                progress: Progress = _noop) -> SiteBuild:
    """Build every file of the site in memory. On problems, ``files`` is empty."""
    options = options or BuildOptions()
    started = time.perf_counter()
    checked = check_project(root)
    result = SiteBuild(problems=checked.problems, strict=options.strict)
    if not result.ok or checked.portfolio is None:
        result.seconds = time.perf_counter() - started
        return result
    portfolio = checked.portfolio
    cards = list(portfolio.vendors.values())
    files: dict[str, bytes] = {}
    for i, card in enumerate(cards, start=1):
        base = f"vendors/{card.vendor_id}"
        files[f"{base}/scorecard.json"] = exports.scorecard_json(card).encode()
        files[f"{base}/measurements.csv"] = exports.measurements_csv(card).encode()
        progress("exports", i, len(cards))
    files["scorecards.json"] = exports.scorecards_json(cards).encode()
    result.files = dict(sorted(files.items()))
    result.seconds = time.perf_counter() - started
    return result


def build_site(root: Path, output: Path | None = None, options: BuildOptions | None = None,
               progress: Progress = _noop) -> SiteBuild:
    """Build and write the site to ``output`` (default ``root/output``) atomically."""
    from scorecardgen.write import write_site

    result = build_files(root, options, progress)
    if result.ok:
        write_site(output if output is not None else root / "output", result.files)
    return result
