"""Markdown is rendered with tables, toc, fenced code and attribute lists, then sanitised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorecardgen.markdown_render import render_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src="x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<A HREF="JaVaScRiPt:alert(1)">click</A>',
    '<a href="java&#9;script:alert(1)">tab</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">encoded</a>',
    '<a href=" javascript:alert(1)">leading space</a>',
    "[md link](javascript:alert(1))",
    "[angle](<javascript:alert(1)>)",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "![data image](data:image/svg+xml;base64,PHN2Zz4=)",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body { display: none }</style>",
    '<p style="position:fixed" onmouseover="alert(1)">styled</p>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="q"></form>',
    '## Heading {: onclick="alert(1)" style="color:red" }',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="//evil.example/x">protocol-relative</a>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_markup_is_neutralised(source: str) -> None:
    html = render_markdown(source).lower()
    for banned in ("<script", "<iframe", "<style", "<svg", "<object", "<embed", "<form",
                   "<input", "<meta", "<base", "<link", "javascript:", "vbscript:",
                   "data:", "style=", "//evil"):  # fmt: skip
        assert banned not in html, (source, html)
    assert not re.search(r"\son[a-z]+\s*=", html), html


def test_tables_survive_with_alignment() -> None:
    html = render_markdown("| KPI | Value |\n|:----|------:|\n| FCR | 75 % |\n")
    assert "<table>" in html and "<thead>" in html and "<tbody>" in html
    assert '<th align="left">KPI</th>' in html
    assert '<td align="right">75 %</td>' in html


def test_fenced_code_survives_escaped() -> None:
    html = render_markdown("```python\nprint('<script>')\n```\n")
    assert '<pre><code class="language-python">' in html
    assert "&lt;script&gt;" in html and "<script" not in html


def test_inline_code_lists_quotes_and_emphasis() -> None:
    html = render_markdown("> quote\n\n- *one*\n- **two**\n\n1. `x`\n\n---\n")
    for fragment in ("<blockquote>", "<ul>", "<li><em>one</em></li>", "<strong>two</strong>",
                     "<ol>", "<code>x</code>", "<hr>"):  # fmt: skip
        assert fragment in html


def test_headings_get_ids_and_toc_links() -> None:
    html = render_markdown("[TOC]\n\n# Quarterly review\n\n## Actions {: #next-steps }\n", top=1)
    assert '<h1 id="quarterly-review">Quarterly review</h1>' in html
    assert '<h2 id="next-steps">Actions</h2>' in html
    assert '<a href="#quarterly-review">' in html


def test_links_external_get_rel_internal_do_not() -> None:
    html = render_markdown("[in](../kpis/fcr/index.html) [out](https://example.com/a) "
                           "[mail](mailto:a@example.com) [frag](#top)")  # fmt: skip
    assert '<a href="../kpis/fcr/index.html">in</a>' in html
    assert '<a href="https://example.com/a" rel="noopener noreferrer">out</a>' in html
    assert '<a href="mailto:a@example.com">mail</a>' in html
    assert '<a href="#top">frag</a>' in html


def test_images_keep_safe_sources_only() -> None:
    html = render_markdown('![chart](img/a.png "Title") ![remote](https://example.com/b.png)')
    assert '<img alt="chart" src="img/a.png" title="Title">' in html
    assert "example.com" not in html  # a remote image would load from another host
    assert '<img alt="remote">' in html


def test_rendering_is_deterministic() -> None:
    text = "# A\n\n# A\n\n| x |\n|---|\n| 1 |\n"
    assert render_markdown(text) == render_markdown(text)
    assert 'id="a"' in render_markdown(text) and 'id="a_1"' in render_markdown(text)


def test_an_id_prefix_renames_ids_and_the_links_to_them_only() -> None:
    html = render_markdown(
        "[TOC]\n\n# Actions\n\n## Next {: #next }\n\n[up](#actions) "
        '[away](#elsewhere) <abbr title="a > b">x</abbr> id="text"\n',
        "note-q2-",
        top=1,
    )
    assert '<h1 id="note-q2-actions">Actions</h1>' in html
    assert '<h2 id="note-q2-next">Next</h2>' in html
    assert '<a href="#note-q2-actions">up</a>' in html  # the link follows its heading
    assert '<a href="#elsewhere">away</a>' in html  # not an id of this note: left alone
    assert 'id="text"' in html and 'id="note-q2-text"' not in html  # text is never touched
    assert render_markdown("# Actions\n", top=1) == '<h1 id="actions">Actions</h1>'


def test_two_review_notes_with_the_same_heading_keep_unique_ids(tmp_path: Path) -> None:
    from scorecardgen.build import Builder, BuildOptions
    from scorecardgen.pages import urls
    from tests.minimal_project import NOTE, project_files, write_project

    files: dict[str, str | bytes] = dict(project_files())
    files["content/vendors/acme/notes/q2-follow-up.md"] = NOTE.replace(
        "title: Q2 review", "title: Q2 follow-up"
    )
    root = write_project(tmp_path / "p", files)
    result = Builder(root, BuildOptions(use_cache=False)).build()
    assert result.ok, [p.format() for p in result.problems]
    page = result.files[urls.review("acme", "2025-Q2")].decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert "note-q2-review-summary" in ids and "note-q2-follow-up-summary" in ids
    assert len(ids) == len(set(ids))


def test_headings_never_skip_a_level_below_the_page_title() -> None:
    html = render_markdown("x\n\n<h2>pasted</h2>\n\n# Main\n\n#### Deep\n\n## Summary")
    levels = [int(n) for n in re.findall(r"<h([1-6])", html)]
    assert levels == [2, 2, 3, 3]  # the first at h2, none more than one below the one before
    assert render_markdown("## Summary\n\n### Sub").startswith("<h2")
