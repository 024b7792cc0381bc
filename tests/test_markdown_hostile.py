"""Hostile Markdown cannot crash or stall a build: pathological input either renders or is
refused with a located error, in time linear in its size, and check finds what build fails
on (exit 1, never a RecursionError or exit 3)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecardgen import markdown_render
from scorecardgen.markdown_limits import MAX_NESTING
from scorecardgen.markdown_render import Rendered, rendered
from tests.conftest import run_cli
from tests.minimal_project import NOTE

NOTE_FILE = "content/vendors/acme/notes/q2-review.md"
NOTE_BODY_LINE = 8  # NOTE's body starts on line 8 of its file


def seconds_allowed(text: str) -> float:
    """50 ms per KB and half a second: generous on a busy machine, far below quadratic."""
    return 0.05 * len(text.encode()) / 1024 + 0.5


def timed(text: str) -> tuple[Rendered, float]:
    start = time.perf_counter()
    result = rendered.__wrapped__(text)  # type: ignore[attr-defined]  # never from the cache
    return result, time.perf_counter() - start


def assert_renders_or_refuses(text: str) -> Rendered:
    result, took = timed(text)
    assert took <= seconds_allowed(text), f"{took:.2f} s for {len(text):,} characters"
    if result.refused is not None:
        assert 1 <= result.refused.line <= text.count("\n") + 1
        assert result.refused.code.startswith("markdown-")
    else:
        assert result.html or not text.strip()
    return result


PATHOLOGICAL = {
    "brackets": "[" * 20_000,
    "image-brackets": "![" * 10_000,
    "link-openers": "[a](" * 5_000,
    "footnote-like": "[^" * 10_000,
    "list-markers": "- " * 10_000 + "a",
    "quote-markers": ">" * 20_000 + " a",
    "stars": "*" * 20_000 + "a",
    "underscores": "_" * 20_000 + "a",
    "backticks": "`" * 20_000 + "a",
    "emphasis": "*a _b " * 5_000,
    "divs": "<div>" * 10_000 + "x" + "</div>" * 10_000,
    "nested-lists": "".join("    " * i + "- a\n" for i in range(1_000)),
    "nested-quotes": "".join("> " * i + "a\n" for i in range(1_000)),
    "one-mb-line": "word " * 210_000,
    "unclosed-tags": "<a " * 10_000,
    "unclosed-attributes": '<x y="' * 5_000,
    "cdata": "<![CDATA[" * 3_000,
    "same-headings": "# A\n\n" * 3_000,
    "setext-headings": "a\n===\n" * 3_000,
    "long-heading": "# a {: " * 3_000,
    "fences": "```x\n~~~~\n" * 3_000,
    "many-links": "[a](b) " * 10_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_renders_or_is_refused_in_linear_time(name: str) -> None:
    assert_renders_or_refuses(PATHOLOGICAL[name])


def test_deep_nesting_is_refused_at_the_line_it_passes_the_limit() -> None:
    result = assert_renders_or_refuses("".join("    " * i + "- a\n" for i in range(100)))
    assert result.refused is not None and result.refused.line == MAX_NESTING + 1
    shallow = "".join("    " * i + "- a\n" for i in range(10))
    assert rendered(shallow).refused is None and rendered(shallow).html.count("<ul>") == 10


def test_normal_markdown_is_never_refused() -> None:
    normal = (
        "# Q2 review\n\n[TOC]\n\n| KPI | Value |\n|:--|--:|\n| [FCR](../kpis/fcr/) | 80 |\n\n"
        + "- one\n    - two\n        - three\n\n> quoted *text* with `code`\n\n"
        + "```python\nprint('[' * 3)\n```\n\n"
        + "A paragraph with [a link](https://example.com) and <b>raw</b> HTML.\n\n" * 200
    )
    assert rendered(normal).refused is None


def test_a_recursion_the_limits_did_not_foresee_is_refused_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def recurses(text: str) -> str:  # as Python-Markdown does on a shape the limits miss
        return recurses(text)

    monkeypatch.setattr(markdown_render, "refusal", lambda text: None)
    monkeypatch.setattr(markdown_render, "_to_html", recurses)
    result = markdown_render.rendered.__wrapped__("- " * 2_000 + "unforeseen")  # type: ignore[attr-defined]
    assert result.refused is not None and result.refused.code == "markdown-nesting"


@pytest.mark.parametrize(
    ("body", "line", "code"),
    [
        ("".join("  " * i + "- a\n" for i in range(200)), NOTE_BODY_LINE + 3 + 64, "nesting"),
        ("x " * 300_000, NOTE_BODY_LINE + 3, "size"),
        ("ok\n\n" + "[" * 30_000, NOTE_BODY_LINE + 5, "cost"),
    ],
    ids=["nested-lists", "one-mb-line", "brackets"],
)
def test_check_and_build_report_it_located_and_exit_1(
    make_project: Callable[..., Path], tmp_path: Path, body: str, line: int, code: str
) -> None:
    root = make_project({NOTE_FILE: NOTE + body})
    checked = run_cli("-C", str(root), "check", "--format", "github")
    assert checked.exit_code == 1, checked.output
    assert f"file={NOTE_FILE},line={line}" in checked.output, checked.output
    built = run_cli("-C", str(root), "build", "-o", str(tmp_path / "site"), "--no-cache")
    assert built.exit_code == 1, built.output
    assert f"{NOTE_FILE}:{line}: error: " in built.output
    assert not (tmp_path / "site").exists()
    del code


FRAGMENTS = [
    "[", "]", "![", "](", "(", ")", "[a](b)", "[a][b]", "[^", "- ", "* ", "+ ", "1. ", "> ",
    "    ", "\n", "\n\n", "*", "_", "**", "`", "```", "~~~", "<div>", "</div>", "<a ", "<b>",
    "<img src=x>", '<x y="', "<!--", "-->", "<![CDATA[", "&", "&#", "{: #i}", "# ", "===",
    "---", "|", "\\", "http://x.y", "<http://", "word ", "[TOC]",
]  # fmt: skip
pieces = st.tuples(st.sampled_from(FRAGMENTS), st.integers(1, 4_000)).map(lambda t: t[0] * t[1])
documents = st.lists(st.one_of(pieces, st.text(max_size=40)), min_size=1, max_size=12).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_hostile_markdown_renders_or_is_refused_in_linear_time(text: str) -> None:
    assert_renders_or_refuses(text)
