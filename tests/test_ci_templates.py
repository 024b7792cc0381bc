"""The ready-made CI (docs/ci/github-actions.yml, docs/ci/gitlab-ci.yml, .pre-commit-hooks.yaml)
and the README's "Reviewing changes" sample.

The templates are valid YAML of the shape their runner expects, and every `scorecardgen ...`
command they run (read from their shell lines) exists and runs against the example project,
committed twice in a git repository as a pull request would bring it: the second commit is
the change the README's sample shows (Summit's September payroll figures corrected to two
breaches, Meridian's September quality score re-audited upwards).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, Run, run_cli
from tests.git_repo import commit, edit, init

GITHUB = REPO / "docs/ci/github-actions.yml"
GITLAB = REPO / "docs/ci/gitlab-ci.yml"
PRE_COMMIT = REPO / ".pre-commit-hooks.yaml"
SHELL_OPERATORS = {">", ">>", "|", "||", "&&", ";"}
# what the runners set: the base of the pull request (merge request) is the first commit
VARIABLES = {"BASE": "HEAD~1", "CI_MERGE_REQUEST_DIFF_BASE_SHA": "HEAD~1"}

SUMMIT = "content/vendors/summit-people/measurements/monthly.csv"
MERIDIAN = "content/vendors/meridian-contact/measurements/import-2026-09.csv"
README_CHANGE = [  # the change the README's sample shows
    (SUMMIT, "payroll-accuracy,2026-09,99.56,", "payroll-accuracy,2026-09,98.20,"),
    (SUMMIT, "payroll-on-time,2026-09,100.00,", "payroll-on-time,2026-09,98.90,"),
    (MERIDIAN, "quality-score,2026-09,82.5,", "quality-score,2026-09,85.5,"),
]


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _shell_lines(script: str) -> list[str]:
    """The lines of a shell script, continuation lines joined."""
    return script.replace("\\\n", " ").splitlines()


def _command(line: str) -> list[str] | None:
    """A `scorecardgen ...` line as argv (variables expanded, redirections cut), else None."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    if not words or words[0] != "scorecardgen":
        return None
    cut = next((i for i, w in enumerate(words) if w in SHELL_OPERATORS), len(words))
    return [re.sub(r"\$\{?(\w+)\}?", lambda m: VARIABLES[m[1]], w) for w in words[:cut]]


def github_commands() -> list[list[str]]:
    steps = _load(GITHUB)["jobs"]["scorecards"]["steps"]
    lines = [line for step in steps if "run" in step for line in _shell_lines(step["run"])]
    return [argv for line in lines if (argv := _command(line))]


def gitlab_commands() -> list[list[str]]:
    jobs = {k: v for k, v in _load(GITLAB).items() if isinstance(v, dict) and "script" in v}
    lines = [line for job in jobs.values() for item in job["script"] for line in _shell_lines(item)]
    return [argv for line in lines if (argv := _command(line))]


def pre_commit_commands() -> list[list[str]]:
    return [[hook["entry"], *hook.get("args", [])] for hook in _load(PRE_COMMIT)]


def test_the_github_workflow_checks_diffs_builds_and_keeps_both_sites() -> None:
    workflow = _load(GITHUB)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    steps = workflow["jobs"]["scorecards"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == 0  # diff needs the base revision
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in steps
        if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"internal-site": "site/", "vendor-sites": "vendor-sites/"}
    assert any("GITHUB_STEP_SUMMARY" in s.get("run", "") for s in steps)
    assert any("gh pr comment" in s.get("run", "") for s in steps)
    assert github_commands() == [
        ["scorecardgen", "check", "--format", "github", "--strict"],
        ["scorecardgen", "diff", "HEAD~1", "HEAD", "--format", "markdown"],
        ["scorecardgen", "build", "-o", "site"],
        ["scorecardgen", "build", "--per-vendor", "-o", "vendor-sites"],
    ]


def test_the_gitlab_pipeline_checks_diffs_builds_and_keeps_both_sites() -> None:
    pipeline = _load(GITLAB)
    assert pipeline["stages"] == ["check", "build"]
    assert pipeline["diff"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert pipeline["diff"]["artifacts"]["paths"] == ["scorecard-diff.md"]
    assert pipeline["build"]["artifacts"]["paths"] == ["public/", "vendor-sites/"]
    assert gitlab_commands() == [
        ["scorecardgen", "check", "--strict"],
        ["scorecardgen", "diff", "HEAD~1", "HEAD", "--format", "markdown"],
        ["scorecardgen", "build", "-o", "public"],
        ["scorecardgen", "build", "--per-vendor", "-o", "vendor-sites"],
    ]


def test_the_pre_commit_hook_runs_check_on_content_changes() -> None:
    (hook,) = _load(PRE_COMMIT)
    assert hook["id"] == "scorecardgen-check"
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)
    assert re.match(hook["files"], "content/vendors/acme/measurements/2026.csv")
    assert not re.match(hook["files"], "README.md")
    assert pre_commit_commands() == [["scorecardgen", "check"]]


@pytest.fixture(scope="module")
def example_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in a git repository: committed, then the README's change committed."""
    root = tmp_path_factory.mktemp("ci") / "scorecards"
    shutil.copytree(REPO / "content", root / "content")
    init(root)
    commit(root, "the example")
    for path, old, new in README_CHANGE:
        edit(root, path, old, new)
    commit(root, "September corrections", "2025-07-02T10:00:00+00:00")
    return root


def _run(root: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.chdir(root)  # the runners start in the checkout; -o paths are relative
    return run_cli(*argv[1:])


@pytest.mark.slow
def test_every_command_the_templates_run_exists_and_runs_on_the_example(
    example_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = github_commands() + gitlab_commands() + pre_commit_commands()
    vendors = sorted(p.name for p in (example_repo / "content/vendors").iterdir())
    for argv in commands:
        result = _run(example_repo, argv, monkeypatch)
        assert "Traceback" not in result.output and "Usage:" not in result.output, argv
        sub, args = argv[1], argv[2:]
        if sub == "check":  # the example has warnings (missing reports) and no error
            assert result.exit_code == (1 if "--strict" in args else 0), (argv, result.output)
            if "github" in args:
                lines = result.output.splitlines()
                assert lines and all(line.startswith("::warning file=content/") for line in lines)
        elif sub == "diff":
            assert result.exit_code == 0, (argv, result.output)
            assert result.stdout.startswith("**Scorecards** `")
            assert ": 1 status change, 2 new breaches," in result.stdout.splitlines()[0]
        else:
            assert (sub, result.exit_code) == ("build", 0), (argv, result.output)
            out = example_repo / args[args.index("-o") + 1]
            if "--per-vendor" in args:
                assert all((out / vid / "index.html").is_file() for vid in vendors)
            else:
                assert (out / "index.html").is_file() and (out / "scorecards.json").is_file()


def _readme_sample() -> tuple[str, str]:
    """The command and the output the README shows under "Reviewing changes"."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Reviewing changes\n", 1)[1]
    found = re.search(
        r"```console\n\$ (scorecardgen diff [^\n#]*--format markdown)\n(.*?)```", section, re.S
    )
    assert found, "the README's Reviewing changes section shows a diff in a console block"
    return found[1], found[2]


def test_the_readmes_sample_is_what_diff_prints(
    example_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, shown = _readme_sample()
    result = _run(example_repo, shlex.split(command), monkeypatch)
    assert result.exit_code == 0, result.output
    hashes = re.compile(r"`[0-9a-f]{12}`")
    assert hashes.sub("`<commit>`", result.stdout) == hashes.sub("`<commit>`", shown)
