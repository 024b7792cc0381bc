"""Vendor-facing sites (`--vendor`, `--per-vendor`) hold that vendor's data and nothing else."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scorecardgen.build import Builder, BuildOptions
from tests.browser import chromium
from tests.conftest import REPO, run_cli
from tests.minimal_project import CONTRACT, KPI, KPIS, SITE, write_project
from tests.site_checks import broken_links, foreign_references, html_files

# Two vendors with names, ids, figures and internal notes that appear nowhere else.
VENDORS = {
    "zanzibar-widgets": {
        "name": "Zanzibar Widgetry Plc",
        "values": (71.2817, 29.4431),
        "secret": "Zanzibar renegotiation leverage",
        "body": "xylophone-budget",
    },
    "quokka-telecom": {
        "name": "Quokka Telecommunications",
        "values": (88.9163, 24.1877),
        "secret": "Quokka exit strategy",
        "body": "marzipan-penalty",
    },
}


def _vendor_files(vid: str, spec: dict[str, object]) -> dict[str, str]:
    base = f"content/vendors/{vid}"
    fcr, asa = spec["values"]  # type: ignore[misc]
    return {
        f"{base}/vendor.yaml": f"name: {spec['name']}\nfunction: customer-support\n",
        f"{base}/contracts/main.yaml": CONTRACT,
        f"{base}/measurements/2025.csv": (
            f"kpi,period,value\nfcr,2025-04,{fcr}\nasa,2025-04,{asa}\n"
            "abandon,2025-04,4\nqa,2025-04,91\ncsat,2025-Q2,86\n"
        ),
        f"{base}/notes/internal-plan.md": (
            f"---\ntitle: {spec['secret']}\ndate: 2025-05-02\nkind: action\nowner: Buyer\n"
            f"due: 2025-05-20\nstatus: open\n---\nPlan: {spec['body']}.\n"
        ),
        f"{base}/notes/shared-review.md": (
            f"---\ntitle: Shared review of {vid}\ndate: 2025-07-01\nkind: review\n"
            "period: 2025-Q2\nvisibility: vendor\n---\nThanks for the quarter.\n"
        ),
    }


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {"content/site.yaml": SITE + "base_url: https://scorecards.buyer.example/\n"}
    for kpi_id, (name, unit, direction) in KPIS.items():
        files[f"content/kpis/{kpi_id}.yaml"] = KPI.format(name=name, unit=unit, direction=direction)
    for vid, spec in VENDORS.items():
        files.update(_vendor_files(vid, spec))
    root = tmp_path_factory.mktemp("leak") / "project"
    return write_project(root, files)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def fixture_sites(fixture_root: Path) -> Path:
    result = run_cli(
        "-C", str(fixture_root), "build", "--per-vendor", "-o", str(fixture_root / "vendor-sites")
    )
    assert result.exit_code == 0, result.output
    return fixture_root / "vendor-sites"


def _texts(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _leaks(site: Path, needles: list[str]) -> list[str]:
    return [
        f"{path}: {needle!r}"
        for path, text in _texts(site).items()
        for needle in needles
        if needle in text
    ]


def test_per_vendor_writes_one_site_per_vendor(fixture_sites: Path) -> None:
    assert sorted(p.name for p in fixture_sites.iterdir()) == sorted(VENDORS)
    for vid in VENDORS:
        site = fixture_sites / vid
        for path in (
            "index.html",
            f"vendors/{vid}/index.html",
            f"vendors/{vid}/scorecard.json",
            f"vendors/{vid}/measurements.csv",
            "scorecards.json",
            "kpis/index.html",
            "kpis/fcr/index.html",
            "methodology/index.html",
            "404.html",
            "search-index.js",
            f"vendors/{vid}/notes/shared-review/index.html",
            f"vendors/{vid}/reviews/2025-Q2/index.html",
        ):
            assert (site / path).is_file(), f"{vid}: {path}"
        assert list((site / "css").glob("site.*.css")), "each site has its own assets"
        assert not (site / "sitemap.xml").exists()
        landing = (site / "index.html").read_text()
        assert ">Scorecard</a>" in landing and ">Portfolio</a>" not in landing


def test_no_vendor_site_holds_another_vendors_data(fixture_sites: Path) -> None:
    for vid in VENDORS:
        others = [(o, s) for o, s in VENDORS.items() if o != vid]
        needles = [
            n
            for o, s in others
            for n in (
                o,
                str(s["name"]),
                *(repr(v) for v in s["values"]),  # type: ignore[attr-defined]
                str(s["secret"]),
                str(s["body"]),
            )
        ]
        assert _leaks(fixture_sites / vid, needles) == [], vid


def test_no_vendor_site_holds_internal_notes(fixture_sites: Path) -> None:
    for vid, spec in VENDORS.items():
        site = fixture_sites / vid
        assert _leaks(site, [str(spec["secret"]), str(spec["body"]), "internal-plan"]) == []
        card = json.loads((site / f"vendors/{vid}/scorecard.json").read_text())
        assert card["actions"] == []
        index = (site / "search-index.js").read_text()
        assert f"Shared review of {vid}" in index


def test_own_figures_are_present(fixture_sites: Path) -> None:
    for vid, spec in VENDORS.items():
        csv = (fixture_sites / vid / f"vendors/{vid}/measurements.csv").read_text(
            encoding="utf-8-sig"
        )
        for value in spec["values"]:  # type: ignore[attr-defined]
            assert repr(value) in csv


def test_vendor_site_links_resolve_inside_its_folder(fixture_sites: Path) -> None:
    for vid in VENDORS:
        assert broken_links(fixture_sites / vid) == [], vid
        assert foreign_references(fixture_sites / vid) == [], vid


def test_internal_site_is_unchanged_and_shows_everything(fixture_root: Path) -> None:
    result = Builder(fixture_root).build()
    assert result.ok
    everything = b"\n".join(result.files.values())
    for vid, spec in VENDORS.items():
        assert str(spec["name"]).encode() in everything
        assert str(spec["secret"]).encode() in everything
        assert f"vendors/{vid}/notes/internal-plan/index.html" in result.files


def test_vendor_option_builds_one_site(fixture_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "one"
    assert (
        run_cli(
            "-C", str(fixture_root), "build", "--vendor", "quokka-telecom", "-o", str(out)
        ).exit_code
        == 0
    )
    assert (out / "vendors/quokka-telecom/index.html").is_file()
    assert not (out / "vendors/zanzibar-widgets").exists()
    assert _leaks(out, ["Zanzibar", "zanzibar"]) == []


def test_unknown_vendor_is_an_error(fixture_root: Path, tmp_path: Path) -> None:
    result = run_cli(
        "-C", str(fixture_root), "build", "--vendor", "quoka-telecom", "-o", str(tmp_path / "x")
    )
    assert result.exit_code == 1
    assert "no vendor 'quoka-telecom'" in result.stderr
    assert "did you mean 'quokka-telecom'?" in result.stderr
    assert not (tmp_path / "x").exists()


def test_vendor_and_per_vendor_together_is_a_usage_error(fixture_root: Path) -> None:
    result = run_cli("-C", str(fixture_root), "build", "--vendor", "x", "--per-vendor")
    assert result.exit_code == 2


def test_per_vendor_sites_are_reproducible(fixture_root: Path) -> None:
    options = BuildOptions(per_vendor=True)
    first, second = Builder(fixture_root, options).build(), Builder(fixture_root, options).build()
    assert first.files == second.files


def test_example_per_vendor_sites_do_not_leak(tmp_path: Path) -> None:
    from scorecardgen.check import check_project

    project = check_project(REPO).project
    assert project is not None
    out = tmp_path / "sites"
    assert run_cli("-C", str(REPO), "build", "--per-vendor", "-o", str(out)).exit_code == 0
    for vid, vc in project.vendors.items():
        site = out / vid
        needles = [
            n for o, other in project.vendors.items() if o != vid for n in (o, other.vendor.name)
        ]
        needles += [n.title for n in vc.notes.values() if n.visibility == "internal"]
        assert _leaks(site, needles) == [], vid
        assert broken_links(site) == [], vid
        assert len(html_files(site)) >= 5


@pytest.mark.browser
def test_vendor_site_opens_from_file_url(fixture_sites: Path) -> None:
    site = fixture_sites / "quokka-telecom"
    with chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((site / "index.html").as_uri())
        assert "Quokka Telecommunications" in page.inner_text("h1")
        page.click("text=Methodology")
        page.wait_for_load_state()
        assert page.url.endswith("methodology/index.html")
        assert errors == []
        assert all(url.startswith("file://") for url in requests), requests


class _Crumbs(HTMLParser):
    """The text of each link in a page's breadcrumb (``nav.crumbs``), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.depth = 0  # > 0 inside the breadcrumb
        self.in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav" and ("class", "crumbs") in attrs:
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.in_link = True
            self.links.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1
        elif tag == "a":
            self.in_link = False

    def handle_data(self, data: str) -> None:
        if self.in_link:
            self.links[-1] += data


def _breadcrumbs(site: Path) -> dict[str, list[str]]:
    """Each HTML page's breadcrumb links, by path ([] for a page without a breadcrumb)."""
    out = {}
    for page in html_files(site):
        parser = _Crumbs()
        parser.feed(page.read_text(encoding="utf-8"))
        out[page.relative_to(site).as_posix()] = parser.links
    return out


@pytest.mark.parametrize(("vendor", "home"), [("quokka-telecom", "Scorecard"), (None, "Portfolio")])
def test_every_breadcrumb_starts_at_the_sites_home(
    fixture_root: Path, tmp_path: Path, vendor: str | None, home: str
) -> None:
    out = tmp_path / "site"
    args = ["--vendor", vendor] if vendor else []
    assert run_cli("-C", str(fixture_root), "build", *args, "-o", str(out)).exit_code == 0
    crumbs = _breadcrumbs(out)
    # every page has one but the 404 page, and the internal site's home (the portfolio)
    without = {"404.html"} if vendor else {"404.html", "index.html"}
    assert {path for path, links in crumbs.items() if not links} == without
    for path, links in crumbs.items():
        assert "Home" not in links, path
        assert links[:1] == ([home] if links else []), path
    assert "kpis/fcr/index.html" in crumbs and "methodology/index.html" in crumbs
