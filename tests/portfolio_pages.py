"""Small projects for the portfolio page tests, built with the command line, and readers of
the text a user sees on index.html (the tally figures and each vendor's row)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.conftest import run_cli
from tests.minimal_project import write_project

ACME = "content/vendors/acme"
CHAT_KPI = """\
name: Chat resolution
unit: "%"
direction: higher
category: success
kind: output
indicator: lagging
cadence: monthly
"""
CHAT_CONTRACT = """\
title: Acme chat support
start: 2025-04-01
end: 2027-12-31
notice_days: 90
annual_value: {{amount: {amount}, currency: {currency}}}
monthly_charge: 10000
at_risk_percent: 10
service_levels:
  - kpi: chat
    expected: 90
    minimum: 80
    weight: 100
    owner: Ana Ops
"""
# 84 against expected 90, minimum 80: 50 + 50 * 4 / 10 = 70 each month, amber
CHAT_MEASUREMENTS = "kpi,period,value,contract\n" + "".join(
    f"chat,2025-0{m},84,chat\n" for m in (4, 5, 6)
)


def chat_contract(amount: int, currency: str) -> dict[str, str]:
    """Files giving acme a second contract (amber in 2025-Q2) worth ``amount`` ``currency``."""
    return {
        "content/kpis/chat.yaml": CHAT_KPI,
        f"{ACME}/contracts/chat.yaml": CHAT_CONTRACT.format(amount=amount, currency=currency),
        f"{ACME}/measurements/chat.csv": CHAT_MEASUREMENTS,
    }


def build_index(root: Path, files: dict[str, str | bytes]) -> str:
    """Write ``files`` as a project under ``root``, build it and return its index.html."""
    project = write_project(root / "project", files)
    out = root / "out"
    result = run_cli("-C", str(project), "build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return (out / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    """What a reader sees of some markup: tags dropped, entities decoded, spaces collapsed
    (a no-break space is kept: it is part of how money is written)."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    return re.sub(r"[ \t\r\n]+", " ", plain).strip()


def rows(page: str) -> list[str]:
    """The portfolio table's rows, in the order shown."""
    body = page[page.index('class="data portfolio-table') :]
    body = body[body.index("<tbody>") : body.index("</tbody>")]
    return re.findall(r"<tr>.*?</tr>", body, re.S)


def vendor_order(page: str) -> list[str]:
    """The vendors' names, top to bottom."""
    return [text(re.findall(r'<th scope="row"[^>]*><a [^>]*>(.*?)</a>', r)[0]) for r in rows(page)]


def row(page: str, vendor: str) -> str:
    """The text of one vendor's row."""
    found = [text(r) for r in rows(page) if f">{vendor}</a>" in r]
    assert len(found) == 1, f"{vendor} has {len(found)} rows"
    return found[0]


def annual_value_title(page: str, vendor: str) -> str:
    """The working of a vendor's annual value (the title over the short figure)."""
    (found,) = [r for r in rows(page) if f">{vendor}</a>" in r]
    cell = re.findall(r'data-label="Annual value"><span title="([^"]*)"', found)
    return html.unescape(cell[0])


def stat(page: str, label: str) -> tuple[str, str, str]:
    """A figure of the tally whose label starts with ``label``: (label, value, note)."""
    for dt, value, rest in re.findall(
        r'<dt>(.*?)</dt><dd><span class="stat-value">(.*?)</span>(.*?)</dd>', page, re.S
    ):
        if text(dt).startswith(label):
            return text(dt), text(value), text(rest)
    raise AssertionError(f"no figure labelled {label!r}")
