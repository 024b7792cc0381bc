"""Kinder errors (issue 16): one problem in many rows is one error with the count, in `check`
(text, json, github), `build` and the dev server's error page; a CSV separated by ';' or tabs
says so; an unknown KPI suggests the closest id, name or alias; numbers written as a
spreadsheet shows them ('96.2%', '13,1') say what to write instead."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scorecardgen.check import ProjectState
from scorecardgen.server.reload import overlay
from scorecardgen.server.snapshot import LiveSite
from scorecardgen.written_numbers import read_written
from tests.conftest import run_cli
from tests.minimal_project import CONTRACT, KPI, MEASUREMENTS_CSV, MEASUREMENTS_YAML
from tests.no_gaps import CSV, NO_GAPS

V = "content/vendors/acme"
EMAIL = f"{V}/contracts/email.yaml"
YML = f"{V}/measurements/extra.yaml"
LEFT_OUT = f"{V}/measurements/history.csv"
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]
# 48 rows with no contract column, for a vendor whose two contracts both hold fcr and asa
HISTORY = "kpi,period,value\n" + "".join(
    f"{kpi},{month},{value}\n" for kpi, value in (("fcr", 80), ("asa", 25)) for month in MONTHS
)
CONTRACT_LEFT_OUT = {EMAIL: CONTRACT, CSV: None, YML: None, LEFT_OUT: HISTORY}


def _error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


# -- one problem in many rows ----------------------------------------------------------------


def test_a_left_out_contract_column_is_one_error_with_the_count_and_first_rows(
    make_project: Callable[..., Path],
) -> None:
    root = make_project(CONTRACT_LEFT_OUT)
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    ours = [line for line in _error_lines(result.stderr) if LEFT_OUT in line]
    assert ours == [
        f"{LEFT_OUT}:2:1: error: no contract named, and the KPI is held by several contracts "
        "(email, voice) (in 48 rows: lines 2, 3, 4 and 45 more)"
    ]
    assert "naming which of email, voice the value is for" in result.stderr
    assert len(_error_lines(result.stderr)) == 1
    assert result.stderr.rstrip().endswith("check failed: 1 error in 48 places, 0 warnings")


def test_the_same_problem_in_several_files_is_one_error_naming_them(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({**CONTRACT_LEFT_OUT, CSV: MEASUREMENTS_CSV, YML: MEASUREMENTS_YAML})
    result = run_cli("-C", str(root), "check")
    assert _error_lines(result.stderr) == [
        f"{CSV}:2:1: error: no contract named, and the KPI is held by several contracts "
        "(email, voice) (in 56 rows: lines 2, 3, 4 and 53 more)"
    ]
    located = json.loads(run_cli("-C", str(root), "check", "--format", "json").stdout)
    files = [loc["file"] for loc in located[0]["locations"]]
    assert (files.count(CSV), files.count(YML), files.count(LEFT_OUT)) == (6, 2, 48)


def test_json_keeps_every_row_of_a_grouped_problem(make_project: Callable[..., Path]) -> None:
    root = make_project(CONTRACT_LEFT_OUT)
    result = run_cli("-C", str(root), "check", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    grouped = next(p for p in problems if p["file"] == LEFT_OUT)
    assert grouped["count"] == 48
    assert grouped["line"] == 2
    assert "in 48 rows" in grouped["message"]
    assert [loc["line"] for loc in grouped["locations"]] == list(range(2, 50))
    assert {loc["file"] for loc in grouped["locations"]} == {LEFT_OUT}
    assert all(loc["column"] == 1 for loc in grouped["locations"])


def test_github_format_annotates_a_grouped_problem_once(make_project: Callable[..., Path]) -> None:
    root = make_project(CONTRACT_LEFT_OUT)
    result = run_cli("-C", str(root), "check", "--format", "github")
    assert result.exit_code == 1
    ours = [line for line in result.stderr.splitlines() if f"file={LEFT_OUT}," in line]
    assert len(ours) == 1
    assert ours[0].startswith(f"::error file={LEFT_OUT},line=2,col=1::")
    assert "in 48 rows: lines 2, 3, 4 and 45 more" in ours[0]


def test_build_reports_the_grouped_problem_and_writes_nothing(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(CONTRACT_LEFT_OUT)
    out = tmp_path / "site"
    result = run_cli("-C", str(root), "build", "-o", str(out))
    assert result.exit_code == 1
    assert [line for line in _error_lines(result.stderr) if LEFT_OUT in line] == [
        f"{LEFT_OUT}:2:1: error: no contract named, and the KPI is held by several contracts "
        "(email, voice) (in 48 rows: lines 2, 3, 4 and 45 more)"
    ]
    assert "build failed: 1 error in 48 places, 0 warnings" in result.stderr
    assert not out.exists()


def test_the_dev_servers_error_page_shows_one_error_with_the_count(
    make_project: Callable[..., Path],
) -> None:
    root = make_project(CONTRACT_LEFT_OUT)
    report = LiveSite(root).rebuild(set())
    page = overlay(report.snapshot)
    assert "Build failed: 1 error<" in page
    assert page.count(LEFT_OUT) == 1
    assert "(in 48 rows: lines 2, 3, 4 and 45 more)" in page
    assert report.line().startswith("build failed: 1 error (")


def test_three_rows_with_the_same_problem_are_still_three_errors(
    make_project: Callable[..., Path],
) -> None:
    three = "kpi,period,value\nfcr,2024-01,80\nfcr,2024-02,80\nfcr,2024-03,80\n"
    root = make_project(
        {**NO_GAPS, EMAIL: CONTRACT, CSV: three, f"{V}/measurements/extra.yaml": "[]"}
    )
    result = run_cli("-C", str(root), "check")
    assert [line.split(": error: ")[0] for line in _error_lines(result.stderr)] == [
        f"{CSV}:2:1",
        f"{CSV}:3:1",
        f"{CSV}:4:1",
    ]
    assert "rows:" not in result.stderr
    assert "check failed: 3 errors, 0 warnings" in result.stderr


def test_different_problems_in_many_rows_stay_apart(make_project: Callable[..., Path]) -> None:
    rows = "".join(f"fcr,2024-{m:02d},{v}\n" for m in range(1, 6) for v in ("x",))
    rows += "".join(f"fcr,2023-{m:02d},{m}x\n" for m in range(1, 6))
    root = make_project({**NO_GAPS, LEFT_OUT: "kpi,period,value\n" + rows})
    result = run_cli("-C", str(root), "check")
    lines = [line for line in _error_lines(result.stderr) if LEFT_OUT in line]
    # five rows say 'x', five say something else each: one grouped error and five single ones
    assert len(lines) == 6
    assert f"{LEFT_OUT}:2:3: error: 'value' is 'x' (in 5 rows: lines 2, 3, 4 and 2 more)" in lines
    assert "check failed: 6 errors in 10 places" in result.stderr


# -- a file separated by another character -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("kpi;period;value;note\nfcr;2025-04;80;\nasa;2025-04;25;\n", "';'"),
        ('"kpi";"period";"value"\r\nfcr;2025-04;13,1\r\n', "';'"),
        ("kpi\tperiod\tvalue\tnote\nfcr\t2025-04\t80\t\n", "tabs"),
    ],
    ids=["semicolon", "quoted-semicolon-crlf", "tab"],
)
def test_a_file_separated_by_another_character_says_so(
    make_project: Callable[..., Path], text: str, named: str
) -> None:
    root = make_project({**NO_GAPS, LEFT_OUT: text})
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    ours = [line for line in result.stderr.splitlines() if line.startswith(LEFT_OUT)]
    assert ours == [f"{LEFT_OUT}:1:1: error: this file is separated by {named}, not by commas"]
    hint = result.stderr.split(ours[0], 1)[1].splitlines()[1]
    assert "save it as CSV with commas" in hint
    assert "`scorecardgen import FILE --vendor ID`, which reads any delimiter" in hint
    assert "unknown column" not in result.stderr


def test_a_comma_file_with_a_semicolon_in_a_column_name_is_an_unknown_column(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({**NO_GAPS, LEFT_OUT: "kpi,period,value,a;b\nfcr,2025-04,80,\n"})
    result = run_cli("-C", str(root), "check")
    assert f"{LEFT_OUT}:1:4: error: unknown column 'a;b'" in result.stderr
    assert "separated by" not in result.stderr


# -- unknown KPIs ------------------------------------------------------------------------------

FCR_WITH_ALIAS = KPI.format(name="First contact resolution", unit="%", direction="higher") + (
    "aliases: [First-time fix, FCR rate]\n"
)


@pytest.mark.parametrize(
    ("changes", "where", "message", "hint"),
    [
        (
            {LEFT_OUT: "kpi,period,value\nFirst Contact Resolution,2025-04,80\n"},
            f"{LEFT_OUT}:2:1",
            "unknown KPI 'First Contact Resolution'",
            "did you mean 'fcr' (its name)? content files name a KPI by its id; "
            "`scorecardgen import` reads names and aliases in a vendor's report",
        ),
        (
            {LEFT_OUT: "kpi,period,value\nfirst time fix,2025-04,80\n"},
            f"{LEFT_OUT}:2:1",
            "unknown KPI 'first time fix'",
            "did you mean 'fcr' (an alias)?",
        ),
        (
            {LEFT_OUT: "kpi,period,value\nFirst contact resolutoin,2025-04,80\n"},
            f"{LEFT_OUT}:2:1",
            "unknown KPI 'First contact resolutoin'",
            "did you mean 'fcr' (its name, 'First contact resolution')?",
        ),
        (
            {LEFT_OUT: "kpi,period,value\nfcr-rate,2025-04,80\n"},  # an id-like alias
            f"{LEFT_OUT}:2:1",
            "unknown KPI 'fcr-rate'",
            "did you mean 'fcr' (an alias)?",
        ),
        (
            {f"{V}/contracts/voice.yaml": CONTRACT.replace("kpi: fcr", "kpi: FCR rate")},
            f"{V}/contracts/voice.yaml:9:10",
            "unknown KPI 'FCR rate'",
            "did you mean 'fcr' (an alias)? content files name a KPI by its id",
        ),
        (
            {f"{V}/contracts/voice.yaml": CONTRACT.replace("kpi: qa", "kpi: quality-scor")},
            f"{V}/contracts/voice.yaml:31:10",
            "unknown KPI 'quality-scor'",
            "did you mean 'qa' (its name, 'Quality score')?",
        ),
    ],
    ids=["name", "alias", "misspelt-name", "alias-as-id", "contract-alias", "contract-name"],
)
def test_an_unknown_kpi_suggests_the_closest_id_name_or_alias(
    make_project: Callable[..., Path], changes: dict[str, str], where: str, message: str, hint: str
) -> None:
    root = make_project({**NO_GAPS, "content/kpis/fcr.yaml": FCR_WITH_ALIAS, **changes})
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    line = f"{where}: error: {message}"
    assert line in result.stderr.splitlines(), result.stderr
    assert result.stderr.split(line + "\n", 1)[1].startswith(f"    hint: {hint}")


def test_an_unknown_kpi_with_nothing_close_lists_the_catalogue(
    make_project: Callable[..., Path],
) -> None:
    root = make_project({**NO_GAPS, LEFT_OUT: "kpi,period,value\nNet Promoter,2025-04,80\n"})
    result = run_cli("-C", str(root), "check")
    assert f"{LEFT_OUT}:2:1: error: unknown KPI 'Net Promoter'" in result.stderr
    assert "hint: expected one of: abandon, asa, csat, fcr, qa" in result.stderr


def test_the_suggestion_follows_the_catalogue_as_it_changes(
    make_project: Callable[..., Path],
) -> None:
    """The dev server keeps a vendor's rows between builds: a new alias still counts."""
    root = make_project({**NO_GAPS, LEFT_OUT: "kpi,period,value\nFTF,2025-04,80\n"})
    state = ProjectState(root)
    before = [p for p in state.refresh().problems if p.location.file == LEFT_OUT]
    assert [p.hint for p in before] == ["expected one of: abandon, asa, csat, fcr, qa"]
    kpi_file = root / "content/kpis/fcr.yaml"
    kpi_file.write_text(FCR_WITH_ALIAS.replace("FCR rate", "FTF"), encoding="utf-8")
    after = [p for p in state.refresh({kpi_file}).problems if p.location.file == LEFT_OUT]
    assert [p.hint for p in after] == [
        "did you mean 'fcr' (an alias)? content files name a KPI by its id; "
        "`scorecardgen import` reads names and aliases in a vendor's report"
    ]


# -- numbers as a spreadsheet writes them ----------------------------------------------------


@pytest.mark.parametrize(
    ("row", "message", "hint"),
    [
        (
            'fcr,2025-04,"96.2%"',
            "'value' is '96.2%', with a % sign",
            "write 96.2: measurement files hold plain numbers (on a % KPI, 96.2 is 96.2%); "
            "`scorecardgen import` reads '96.2%' in a vendor's report",
        ),
        (
            "asa,2025-04,28%",
            "'value' is '28%', with a % sign, but KPI 'asa' is measured in s, not %",
            "write the value in s, as a plain number; a % sign belongs to a % KPI",
        ),
        (
            'asa,2025-04,"13,1"',
            "'value' is '13,1', with a decimal comma",
            "write 13.1: content files use a decimal point; `scorecardgen import` reads decimal "
            "commas in a vendor's report, with a mapping that declares a decimal comma",
        ),
        (
            'qa,2025-04,"1.234,5"',
            "'value' is '1.234,5', with a decimal comma",
            "write 1234.5: content files use a decimal point",
        ),
        (
            'qa,2025-04,"1,234.5"',
            "'value' is '1,234.5', with a thousands separator",
            "write 1234.5: content files use no thousands separators",
        ),
        (
            'qa,2025-04,"1,234"',
            "'value' is '1,234', with a comma",
            "write 1.234 or 1234, as the comma is a decimal comma or a thousands separator",
        ),
    ],
    ids=[
        "percent-on-percent-kpi",
        "percent-on-seconds",
        "decimal-comma",
        "dots-and-comma",
        "thousands-comma",
        "ambiguous-comma",
    ],  # fmt: skip
)
def test_a_number_written_as_a_spreadsheet_shows_it_says_what_to_write(
    make_project: Callable[..., Path], row: str, message: str, hint: str
) -> None:
    root = make_project({**NO_GAPS, LEFT_OUT: f"kpi,period,value\n{row}\n"})
    result = run_cli("-C", str(root), "check")
    assert result.exit_code == 1
    line = f"{LEFT_OUT}:2:3: error: {message}"
    assert line in result.stderr.splitlines(), result.stderr
    assert result.stderr.split(line + "\n", 1)[1].startswith(f"    hint: {hint}")


def test_yaml_values_with_a_percent_sign_or_decimal_comma_say_what_to_write(
    make_project: Callable[..., Path],
) -> None:
    text = MEASUREMENTS_YAML.replace("value: 86", "value: 86%").replace("value: 60", "value: 6,5")
    root = make_project({**NO_GAPS, YML: text})
    result = run_cli("-C", str(root), "check")
    assert f"{YML}:3:10: error: 'value' is '86%', with a % sign" in result.stderr
    assert "hint: write 86: measurement files hold plain numbers" in result.stderr
    assert f"{YML}:6:10: error: 'value' is '6,5', with a decimal comma" in result.stderr


def test_a_contract_level_with_a_percent_sign_says_to_write_the_number(
    make_project: Callable[..., Path],
) -> None:
    voice = f"{V}/contracts/voice.yaml"
    root = make_project({**NO_GAPS, voice: CONTRACT.replace("expected: 75", "expected: 75%")})
    result = run_cli("-C", str(root), "check")
    assert f"{voice}:10:15: error: 'service_levels.0.expected' is '75%', with a % sign" in (
        result.stderr
    )
    assert "hint: write 75: content files hold plain numbers" in result.stderr
    assert "scorecardgen import" not in result.stderr  # a contract is not a vendor's report


@pytest.mark.parametrize(
    ("text", "how", "plain"),
    [
        ("96.2%", "percent", "96.2"),
        (" 96,2 % ", "percent", "96.2"),
        ("-3%", "percent", "-3"),
        ("13,1", "decimal-comma", "13.1"),
        ("1.234.567", "thousands", "1234567"),
        ("12,345,678", "thousands", "12345678"),
        ("1,234", "comma", "1.234 or 1234"),
        ("0,125", "decimal-comma", "0.125"),
    ],
)
def test_how_a_number_was_written(text: str, how: str, plain: str) -> None:
    written = read_written(text)
    assert written is not None and (written.how, written.plain) == (how, plain)


@pytest.mark.parametrize("text", ["96.2", "1e3", "high", "%", "12,", "1,2,3", "Jan-26"])
def test_plain_numbers_and_words_are_not_misread(text: str) -> None:
    assert read_written(text) is None


def test_the_project_these_tests_break_checks_clean(make_project: Callable[..., Path]) -> None:
    assert run_cli("-C", str(make_project(NO_GAPS)), "check", "--strict").exit_code == 0
