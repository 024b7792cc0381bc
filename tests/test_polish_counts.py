"""Counts are printed with their noun in the right number: "1 warning", never "1 warnings"."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.minimal_project import ACTION, CONTRACT
from tests.no_gaps import NO_GAPS
from tests.page_text import page_text

# a service level without an owner: the one warning of an otherwise clean project
ONE_WARNING = {
    **NO_GAPS,
    "content/vendors/acme/contracts/voice.yaml": CONTRACT.replace("    owner: Cy QA\n", ""),
}


def test_check_with_one_warning_says_1_warning(make_project: Callable[..., Path]) -> None:
    result = run_cli("-C", str(make_project(ONE_WARNING)), "check")
    assert result.exit_code == 0, result.output
    assert "0 errors, 1 warning" in result.stderr
    assert "1 warnings" not in result.output


def test_portfolio_counts_one_vendor_and_one_day_late(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    # as_of is 2025-06-30: the action due the day before is one day late
    action = ACTION.replace("due: 2025-06-01", "due: 2025-06-29")
    root = make_project({**NO_GAPS, "content/vendors/acme/notes/fix-fcr.md": action})
    out = tmp_path / "site"
    assert run_cli("-C", str(root), "build", "-o", str(out)).exit_code == 0
    text = page_text(out / "index.html")
    assert "1 vendor scored on" in text
    assert "(1 day late)" in text and "1 days" not in text


def test_build_with_one_warning_says_1_warning(make_project: Callable[..., Path]) -> None:
    root = make_project(ONE_WARNING)
    result = run_cli("-C", str(root), "build", "-o", str(root / "site"))
    assert result.exit_code == 0, result.output
    assert re.search(r"built .*, \d+ files, 1 warning in [\d.]+ s", result.stderr), result.stderr
    assert "1 warnings" not in result.output
