"""The build pipeline as library calls: load, validate, score. Commands are thin wrappers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorecardgen.errors import Problem, Problems
from scorecardgen.load import load_project
from scorecardgen.model import Project
from scorecardgen.scoring import Portfolio, score_project
from scorecardgen.validate import validate_project


@dataclass
class Checked:
    """A project read and validated. ``project`` is None when it could not be read at all."""

    project: Project | None
    problems: list[Problem]
    portfolio: Portfolio | None = None  # scored when the content has no errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        """True when there are errors, or warnings under --strict."""
        return bool(self.errors or (strict and self.warnings))


def check_project(root: Path) -> Checked:
    """Load, validate and score the project at ``root``, collecting every problem (sorted).

    Scoring runs whenever validation finds no error, so a project that checks clean builds.
    """
    project, problems = load_project(root)
    portfolio = None
    if project is not None:
        problems.extend(validate_project(project).items)
        if not problems.errors:
            portfolio = score_project(project)
    return Checked(project, Problems(problems.items).sorted(), portfolio)
