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


VOICE = f"{ACME}/contracts/voice.yaml"
CSV = f"{ACME}/measurements/2025.csv"
YAML = f"{ACME}/measurements/extra.yaml"


def with_terms(files: dict[str, str | bytes], vendor: str, terms: str) -> dict[str, str | bytes]:
    """``files`` with contract terms (``earn_back_periods: 1``...) added to a vendor's voice
    contract, after its at_risk_percent."""
    path = VOICE.replace("/acme/", f"/{vendor}/")
    contract = str(files[path]).replace("at_risk_percent: 10\n", f"at_risk_percent: 10\n{terms}")
    return {**files, path: contract}


def with_fcr(
    files: dict[str, str | bytes], vendor: str, values: dict[str, float]
) -> dict[str, str | bytes]:
    """``files`` with a vendor's monthly FCR figures replaced by ``values`` (period: value);
    the voice contract's FCR has expected 75, minimum 65 and a 40% allocation of 10,000 at
    risk, so each breach (below 65) earns 4,000."""
    csv, yaml = CSV.replace("/acme/", f"/{vendor}/"), YAML.replace("/acme/", f"/{vendor}/")
    kept = [line for line in str(files[csv]).splitlines() if not line.startswith("fcr,")]
    rows = [f"fcr,{period},{value}," for period, value in values.items()]
    quarterly = str(files[yaml]).split("- kpi: fcr")[0]  # csat's quarter only
    return {**files, csv: "\n".join([*kept, *rows]) + "\n", yaml: quarterly}
