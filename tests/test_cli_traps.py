"""Command-line traps closed (issue 16): vendor builds never replace the internal site in
output/ (their default is output-vendors/), and `check --vendor ID` checks one vendor."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.minimal_project import vendors_like_acme, write_project
from tests.no_gaps import COMPLETE_CSV

BROKEN = "content/vendors/bravo/contracts/voice.yaml"


def _project(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """acme and bravo, both complete (no missing-period lints)."""
    project: dict[str, str | bytes] = dict(vendors_like_acme(["acme", "bravo"]))
    for vid in ("acme", "bravo"):
        project[f"content/vendors/{vid}/measurements/2025.csv"] = COMPLETE_CSV
    project.update(files or {})
    return write_project(root, project)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A project whose internal site is built in output/, and that site's files."""
    root = _project(tmp_path_factory.mktemp("traps") / "project")
    result = run_cli("-C", str(root), "build")
    assert result.exit_code == 0, result.output
    internal = _snapshot(root / "output")
    assert "vendors/bravo/index.html" in internal
    return root, internal


# -- build: vendor sites never replace output/ -------------------------------------------------


def test_build_vendor_goes_to_output_vendors_and_leaves_output_alone(
    built: tuple[Path, dict[str, str]],
) -> None:
    root, internal = built
    result = run_cli("-C", str(root), "build", "--vendor", "acme")
    assert result.exit_code == 0, result.output
    assert (
        "vendor sites go to output-vendors/, not output/: writing output-vendors/acme/ "
        "(output/ keeps the internal site; -o DIR writes elsewhere)"
    ) in result.stderr
    assert f"built {root / 'output-vendors' / 'acme'}:" in result.stderr
    site = root / "output-vendors" / "acme"
    assert (site / "vendors/acme/index.html").is_file()
    assert not (site / "vendors/bravo").exists()
    assert _snapshot(root / "output") == internal


def test_build_per_vendor_goes_to_output_vendors_and_leaves_output_alone(
    built: tuple[Path, dict[str, str]],
) -> None:
    root, internal = built
    result = run_cli("-C", str(root), "build", "--per-vendor")
    assert result.exit_code == 0, result.output
    assert "writing output-vendors/ (output/ keeps the internal site" in result.stderr
    sites = root / "output-vendors"
    assert sorted(p.name for p in sites.iterdir()) == ["acme", "bravo"]
    for vid in ("acme", "bravo"):
        assert (sites / vid / f"vendors/{vid}/index.html").is_file()
    assert _snapshot(root / "output") == internal
    # each vendor's site is where --vendor puts it: building one again replaces just that one
    bravo = _snapshot(sites / "bravo")
    assert run_cli("-C", str(root), "build", "--vendor", "acme").exit_code == 0
    assert _snapshot(sites / "bravo") == bravo


@pytest.mark.parametrize("how", [["--vendor", "acme"], ["--per-vendor"]])
def test_a_vendor_build_into_output_is_refused(
    built: tuple[Path, dict[str, str]], how: list[str]
) -> None:
    root, internal = built
    for output in (root / "output", root / "content" / ".." / "output"):
        result = run_cli("-C", str(root), "build", *how, "-o", str(output))
        assert result.exit_code == 1
        assert f"cannot write the site to {output}: it is the project's output/, which holds " in (
            result.stderr
        )
        assert "a vendor site never replaces it; leave out -o to build into output-vendors/" in (
            result.stderr
        )
        assert "Nothing was written or deleted" in result.stderr
        assert _snapshot(root / "output") == internal


def test_a_vendor_build_with_o_goes_where_o_says(
    built: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    root, internal = built
    result = run_cli("-C", str(root), "build", "--vendor", "bravo", "-o", str(tmp_path / "b"))
    assert result.exit_code == 0, result.output
    assert "vendor sites go to" not in result.stderr
    assert (tmp_path / "b/vendors/bravo/index.html").is_file()
    assert _snapshot(root / "output") == internal


def test_a_vendor_that_is_not_an_id_names_no_folder(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    result = run_cli("-C", str(root), "build", "--vendor", "../../escape")
    assert result.exit_code == 1
    assert "'../../escape' is not a vendor id" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert not (root / "output-vendors").exists()


def test_an_unknown_vendor_builds_nothing_anywhere(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    result = run_cli("-C", str(root), "build", "--vendor", "acmee")
    assert result.exit_code == 1
    assert "no vendor 'acmee'" in result.stderr and "did you mean 'acme'?" in result.stderr
    assert not (root / "output-vendors").exists() and not (root / "output").exists()


# -- check --vendor ----------------------------------------------------------------------------


def test_check_vendor_checks_that_vendor_and_says_so(tmp_path: Path) -> None:
    root = _project(tmp_path / "project", {BROKEN: "title: [unclosed\n"})
    whole = run_cli("-C", str(root), "check")
    assert whole.exit_code == 1 and BROKEN in whole.stderr
    acme = run_cli("-C", str(root), "check", "--vendor", "acme", "--strict")
    assert acme.exit_code == 0, acme.output
    assert acme.stderr.startswith("check ok for vendor acme: 0 errors, 0 warnings\n")
    assert "checked site.yaml, the KPIs and content/vendors/acme/ only" in acme.stderr
    bravo = run_cli("-C", str(root), "check", "--vendor", "bravo")
    assert bravo.exit_code == 1
    assert bravo.stderr.startswith(f"{BROKEN}:2:1: error: invalid YAML")
    assert "check failed for vendor bravo: 1 error, 0 warnings" in bravo.stderr


def test_check_vendor_still_reports_the_shared_files(tmp_path: Path) -> None:
    root = _project(tmp_path / "project", {"content/kpis/fcr.yaml": "name: [\n"})
    result = run_cli("-C", str(root), "check", "--vendor", "acme")
    assert result.exit_code == 1
    assert result.stderr.startswith("content/kpis/fcr.yaml:")
    assert "check failed for vendor acme:" in result.stderr


def test_check_vendor_leaves_out_checks_across_vendors(tmp_path: Path) -> None:
    """A KPI only bravo uses is not 'used by no contract' when acme alone is checked."""
    nps = "name: NPS\nunit: score\ndirection: higher\n"
    bravo = "content/vendors/bravo/contracts/survey.yaml"
    survey = (
        "title: Survey\nstart: 2025-01-01\nend: 2027-12-31\nservice_levels:\n"
        "  - {kpi: nps, expected: 40, minimum: 20, weight: 100, owner: Ana, window: quarterly}\n"
    )
    root = _project(tmp_path / "project", {"content/kpis/nps.yaml": nps, bravo: survey})
    result = run_cli("-C", str(root), "check", "--vendor", "acme", "--strict")
    assert result.exit_code == 0, result.output
    assert "used by no contract" not in result.stderr


def test_check_an_unknown_vendor_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    result = run_cli("-C", str(root), "check", "--vendor", "acmee")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "content/vendors: error: no vendor 'acmee' to check: there is no folder "
        "content/vendors/acmee/",
        "    hint: did you mean 'acme'?",
    ]
    assert "check failed for vendor acmee: 1 error, 0 warnings" in result.stderr
    as_json = run_cli("-C", str(root), "check", "--vendor", "acmee", "--format", "json")
    assert as_json.exit_code == 1
    assert [(p["code"], p["hint"]) for p in json.loads(as_json.stdout)] == [
        ("unknown-vendor", "did you mean 'acme'?")
    ]
