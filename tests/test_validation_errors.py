"""Each defect the checker knows, in a project that has exactly that defect.

Every case asserts the exit code, the file and line in the message, what was expected, and
that no traceback reaches the user.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, MEASUREMENTS_CSV, MEASUREMENTS_YAML, NOTE, SITE

V = "content/vendors/acme"
VOICE = f"{V}/contracts/voice.yaml"
CSV = f"{V}/measurements/2025.csv"
YML = f"{V}/measurements/extra.yaml"

EMAIL_CONTRACT = CONTRACT.replace("Acme voice support", "Acme email").replace(
    "  - kpi: asa\n", "  - kpi: asa\n", 1
)

# (id, changes, severity, "file:line[:col]", fragments of the message)
CASES: list[tuple[str, dict[str, str | bytes | None], str, str, list[str]]] = [
    (
        "unknown-key",
        {VOICE: CONTRACT.replace("expected: 75", "expectd: 75")},
        "error",
        f"{VOICE}:10:5",
        ["unknown key 'expectd'", "did you mean 'expected'?"],
    ),
    (
        "unknown-kpi",
        {VOICE: CONTRACT.replace("kpi: qa\n", "kpi: qaa\n")},
        "error",
        f"{VOICE}:31:10",
        ["unknown KPI 'qaa'", "did you mean 'qa'?"],
    ),
    (
        "weights",
        {VOICE: CONTRACT.replace("weight: 15\n    owner: Cy", "weight: 10\n    owner: Cy")},
        "error",
        f"{VOICE}:8:1",
        ["weights sum to 95, not 100"],
    ),
    (
        "minimum-higher",
        {VOICE: CONTRACT.replace("minimum: 65", "minimum: 80")},
        "error",
        f"{VOICE}:11:14",
        ["minimum 80 is above expected 75", "higher-is-better"],
    ),
    (
        "minimum-lower",
        {VOICE: CONTRACT.replace("minimum: 40", "minimum: 20")},
        "error",
        f"{VOICE}:17:14",
        ["minimum 20 is below expected 28", "lower-is-better"],
    ),
    (
        "bad-period",
        {CSV: MEASUREMENTS_CSV.replace("fcr,2025-05", "fcr,2025-5")},
        "error",
        f"{CSV}:3:2",
        ["'2025-5' is not a period", "2025-Q1"],
    ),
    (
        "window",
        {CSV: MEASUREMENTS_CSV + "csat,2025-05,86,\n"},
        "error",
        f"{CSV}:8:2",
        ["does not match the quarterly window", "like 2025-Q1"],
    ),
    (
        "duplicate",
        {CSV: MEASUREMENTS_CSV + "fcr,2025-04,81,\n"},
        "error",
        f"{CSV}:8:2",
        ["a second value for 'fcr' in 2025-04", f"the first is at {CSV}:2"],
    ),
    (
        "not-finite-csv",
        {CSV: MEASUREMENTS_CSV.replace("fcr,2025-04,80", "fcr,2025-04,inf")},
        "error",
        f"{CSV}:2:3",
        ["'value'", "finite"],
    ),
    (
        "not-finite-yaml",
        {YML: MEASUREMENTS_YAML.replace("value: 86", "value: .nan")},
        "error",
        f"{YML}:3:10",
        ["'value'", "finite"],
    ),
    (
        "not-a-number",
        {YML: MEASUREMENTS_YAML.replace("value: 86", "value: high")},
        "error",
        f"{YML}:3:10",
        ["'value' is 'high'", "expected a number"],
    ),
    (
        "kpi-not-held",
        {
            CSV: MEASUREMENTS_CSV + "nps,2025-04,10,\n",
            "content/kpis/nps.yaml": "name: NPS\nunit: score\ndirection: higher\n",
        },
        "error",
        f"{CSV}:8:1",
        ["no contract of vendor 'acme' holds KPI 'nps'"],
    ),
    (
        "kpi-unknown-in-measurement",
        {CSV: MEASUREMENTS_CSV + "fcrr,2025-04,10,\n"},
        "error",
        f"{CSV}:8:1",
        ["unknown KPI 'fcrr'", "did you mean 'fcr'?"],
    ),
    (
        "ambiguous-contract",
        {f"{V}/contracts/email.yaml": EMAIL_CONTRACT},
        "error",
        f"{CSV}:2:1",
        ["no contract named", "held by several contracts (email, voice)", "add a 'contract'"],
    ),
    (
        "unknown-contract",
        {YML: MEASUREMENTS_YAML + "  contract: voise\n"},
        "error",
        f"{YML}:7:13",
        ["has no contract 'voise'", "did you mean 'voice'?"],
    ),
    (
        "impossible-date",
        {VOICE: CONTRACT.replace("start: 2025-01-01", "start: 2025-02-30")},
        "error",
        f"{VOICE}:2:8",
        ["'start' is '2025-02-30'", "a date like"],
    ),
    (
        "end-before-start",
        {VOICE: CONTRACT.replace("end: 2027-12-31", "end: 2024-12-31")},
        "error",
        f"{VOICE}:3:6",
        ["ends (2024-12-31) before it starts"],
    ),
    (
        "theme-outside",
        {"content/site.yaml": SITE + "theme: ../../etc\n"},
        "error",
        "content/site.yaml:4:8",
        ["is not a theme name"],
    ),
    (
        "theme-missing",
        {"content/site.yaml": SITE + "theme: defualt\n"},
        "error",
        "content/site.yaml:4:8",
        ["no theme named 'defualt'", "did you mean 'default'?"],
    ),
    (
        "bad-vendor-id",
        {"content/vendors/Acme_Corp/vendor.yaml": "name: X\nfunction: hr\n"},
        "error",
        "content/vendors/Acme_Corp",
        ["'Acme_Corp' is not a valid vendor id"],
    ),
    (
        "bad-note-id",
        {f"{V}/notes/Q2 Review.md": NOTE},
        "error",
        f"{V}/notes/Q2 Review.md",
        ["not a valid note id"],
    ),
    (
        "yaml-syntax",
        {VOICE: CONTRACT.replace("title: Acme voice support", "title: [oops")},
        "error",
        f"{VOICE}:2:6",
        ["invalid YAML", "did not find expected ',' or ']'"],
    ),
    (
        "yaml-duplicate-key",
        {VOICE: CONTRACT + "title: again\n"},
        "error",
        f"{VOICE}:36:1",
        ["duplicate key 'title'"],
    ),
    (
        "bad-enum",
        {"content/kpis/fcr.yaml": "name: FCR\nunit: '%'\ndirection: up\n"},
        "error",
        "content/kpis/fcr.yaml:3:12",
        ["'direction' is 'up'", "'higher' or 'lower'"],
    ),
    (
        "missing-key",
        {"content/kpis/fcr.yaml": "name: FCR\nunit: '%'\n"},
        "error",
        "content/kpis/fcr.yaml:1:1",
        ["missing required key 'direction'"],
    ),
    (
        "id-key",
        {f"{V}/vendor.yaml": "id: acme\nname: Acme\nfunction: hr\n"},
        "error",
        f"{V}/vendor.yaml:1:1",
        ["unknown key 'id'", "ids come from"],
    ),
    (
        "note-no-front-matter",
        {f"{V}/notes/q2-review.md": "# Just text\n"},
        "error",
        f"{V}/notes/q2-review.md:1:1",
        ["must start with YAML front matter"],
    ),
    (
        "action-missing-due",
        {
            f"{V}/notes/fix-fcr.md": "---\ntitle: T\ndate: 2025-05-01\n"
            "kind: action\nowner: A\nstatus: open\n---\nbody\n"
        },
        "error",
        f"{V}/notes/fix-fcr.md:2:1",
        ["an action needs 'due'"],
    ),
    (
        "note-bad-kpi",
        {
            f"{V}/notes/q2-review.md": NOTE.replace(
                "visibility: vendor", "visibility: vendor\nkpi: fcrr"
            )
        },
        "error",
        f"{V}/notes/q2-review.md:7:6",
        ["unknown KPI 'fcrr'"],
    ),
    (
        "csv-unknown-column",
        {CSV: MEASUREMENTS_CSV.replace("note", "notes")},
        "error",
        f"{CSV}:1:4",
        ["unknown column 'notes'", "did you mean 'note'?"],
    ),
    (
        "csv-missing-column",
        {CSV: "kpi,value\nfcr,80\n"},
        "error",
        f"{CSV}:1:1",
        ["missing required column 'period'"],
    ),
    (
        "csv-row-length",
        {CSV: MEASUREMENTS_CSV + "fcr,2025-06\n"},
        "error",
        f"{CSV}:8:1",
        ["row has 2 fields but the header has 4"],
    ),
    (
        "not-utf8",
        {CSV: b"kpi,period,value\nfcr,2025-04,\xff\n"},
        "error",
        f"{CSV}:2:13",
        ["not UTF-8"],
    ),
    (
        "too-large",
        {YML: "# " + "x" * (6 * 1024 * 1024) + "\n"},
        "error",
        f"{YML}:1:1",
        ["file is too large"],
    ),
    (
        "wrong-shape",
        {YML: "kpi: fcr\nperiod: 2025-04\nvalue: 1\n"},
        "error",
        f"{YML}:1:1",
        ["expected a list of measurements"],
    ),
    (
        "bad-band",
        {"content/site.yaml": SITE + "scoring:\n  bands: {green: 60, amber: 70}\n"},
        "error",
        "content/site.yaml:5:10",
        ["amber threshold must not be above"],
    ),
    (
        "lint-sl-count",
        {
            VOICE: CONTRACT.split("  - kpi: qa")[0].replace("weight: 15", "weight: 30"),
            CSV: MEASUREMENTS_CSV.replace("qa,2025-04,91,\n", ""),
            "content/kpis/qa.yaml": None,
        },
        "warning",
        f"{VOICE}:8:1",
        ["the contract has 4 service levels", "keep 5 to 9"],
    ),
    (
        "lint-owner",
        {VOICE: CONTRACT.replace("    owner: Cy QA\n", "")},
        "warning",
        f"{VOICE}:31:5",
        ["service level 'qa' has no owner"],
    ),
    (
        "lint-outside-term",
        {CSV: MEASUREMENTS_CSV + "qa,2024-12,90,\n"},
        "warning",
        f"{CSV}:8:2",
        ["2024-12 is outside the term of contract 'voice'"],
    ),
    (
        "lint-unused-kpi",
        {"content/kpis/nps.yaml": "name: NPS\nunit: score\ndirection: higher\n"},
        "warning",
        "content/kpis/nps.yaml:1:1",
        ["KPI 'nps' is used by no contract"],
    ),
    (
        "lint-missing-periods",
        {},  # the minimal project lacks abandon's May and June reports
        "warning",
        f"{VOICE}:26:5",
        ["service level 'abandon' of contract 'voice' has no report for May 2025, Jun 2025"],
    ),
    (
        "currency-code",
        {VOICE: CONTRACT.replace("currency: GBP", "currency: GPB")},
        "error",
        f"{VOICE}:5:43",
        ["annual value currency 'GPB' is not an ISO 4217 currency code", "did you mean 'GBP'?"],
    ),
]


@pytest.mark.parametrize(
    ("changes", "severity", "where", "fragments"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_defect_is_reported_with_location(
    make_project: Callable[..., Path],
    changes: dict[str, str | bytes | None],
    severity: str,
    where: str,
    fragments: list[str],
) -> None:
    root = make_project(changes)
    result = run_cli("-C", str(root), "check")
    assert "Traceback" not in result.output
    expected_exit = 1 if severity == "error" else 0
    assert result.exit_code == expected_exit, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith(where + ":")]
    assert lines, f"no problem at {where}:\n{result.stderr}"
    block = result.stderr[result.stderr.index(lines[0]) :].split("\n\n")[0]
    text = block.split(f"\n{V}")[0]
    assert f"{severity}:" in lines[0]
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    if severity == "warning":
        assert run_cli("-C", str(root), "check", "--strict").exit_code == 1


def test_symlink_outside_project_is_refused(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project()
    secret = tmp_path / "secret.yaml"
    secret.write_text("name: Secret\nunit: '%'\ndirection: higher\n")
    os.symlink(secret, root / "content" / "kpis" / "secret.yaml")
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    assert "content/kpis/secret.yaml: error: links to a place outside the project" in (
        result.stderr
    )


def test_all_problems_reported_together_sorted(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            VOICE: CONTRACT.replace("expected: 75", "expectd: 75"),
            CSV: MEASUREMENTS_CSV.replace("fcr,2025-05", "fcr,2025-5"),
            "content/kpis/fcr.yaml": "name: FCR\nunit: '%'\ndirection: up\n",
        }
    )
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    located = [line.split(": ")[0] for line in result.stderr.splitlines() if ": error: " in line]
    assert located == sorted(located, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))
    assert len(located) >= 3
    assert "4 errors" in result.stderr  # expectd: both unknown and a missing expected


def test_a_line_break_inside_a_csv_column_name_stays_on_the_problem_line(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({CSV: '"kpi\u2028fcr",period,value\nfcr,2025-04,80\n'})
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    for line in result.stderr.splitlines():
        assert line.startswith((CSV, "    hint:", "check failed")), line
    assert "unknown column 'kpi\\u2028fcr'" in result.stderr


def test_a_newline_inside_a_quoted_csv_header_is_an_unclosed_quote(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({CSV: '"kpi\nfcr",period,value\nfcr,2025-04,80\n'})
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    assert f"{CSV}:1:1: error: in the header row, the quote that opens field 1 is not closed" in (
        result.stderr
    )
