"""A small valid project written from text, for tests that break one thing at a time."""

from __future__ import annotations

from pathlib import Path

SITE = """\
title: Test scorecards
organisation: Test Org
as_of: 2025-06-30
"""

KPI = """\
name: {name}
unit: "{unit}"
direction: {direction}
category: success
kind: output
indicator: lagging
cadence: monthly
"""

KPIS = {
    "fcr": ("First contact resolution", "%", "higher"),
    "asa": ("Average speed of answer", "s", "lower"),
    "csat": ("Customer satisfaction", "%", "higher"),
    "abandon": ("Abandonment rate", "%", "lower"),
    "qa": ("Quality score", "score", "higher"),
}

VENDOR = """\
name: Acme Support
function: customer-support
delivery: offshore
summary: A *contact centre* partner.
"""

CONTRACT = """\
title: Acme voice support
start: 2025-01-01
end: 2027-12-31
notice_days: 90
annual_value: {amount: 1200000, currency: GBP}
monthly_charge: 100000
at_risk_percent: 10
service_levels:
  - kpi: fcr
    expected: 75
    minimum: 65
    weight: 30
    owner: Ana Ops
    credit_allocation: 40
  - kpi: asa
    expected: 28
    minimum: 40
    weight: 20
    owner: Ana Ops
  - kpi: csat
    expected: 85
    minimum: 75
    weight: 20
    owner: Ben CX
    window: quarterly
  - kpi: abandon
    expected: 5
    minimum: 8
    weight: 15
    owner: Ana Ops
  - kpi: qa
    expected: 90
    minimum: 80
    weight: 15
    owner: Cy QA
"""

MEASUREMENTS_CSV = """\
kpi,period,value,note
fcr,2025-04,80,
fcr,2025-05,70,
asa,2025-04,25,
asa,2025-05,34,
abandon,2025-04,4.5,
qa,2025-04,91,
"""

MEASUREMENTS_YAML = """\
- kpi: csat
  period: 2025-Q2
  value: 86
- kpi: fcr
  period: 2025-06
  value: 60
"""

NOTE = """\
---
title: Q2 review
date: 2025-07-05
kind: review
period: 2025-Q2
visibility: vendor
---
# Summary

All good.
"""

ACTION = """\
---
title: Fix FCR
date: 2025-05-10
kind: action
owner: Ana Ops
due: 2025-06-01
status: open
kpi: fcr
---
Coach the team.
"""


def project_files() -> dict[str, str]:
    """Relative path -> text of a valid project with one vendor and one contract."""
    files = {"content/site.yaml": SITE}
    for kpi_id, (name, unit, direction) in KPIS.items():
        files[f"content/kpis/{kpi_id}.yaml"] = KPI.format(name=name, unit=unit, direction=direction)
    base = "content/vendors/acme"
    files[f"{base}/vendor.yaml"] = VENDOR
    files[f"{base}/contracts/voice.yaml"] = CONTRACT
    files[f"{base}/measurements/2025.csv"] = MEASUREMENTS_CSV
    files[f"{base}/measurements/extra.yaml"] = MEASUREMENTS_YAML
    files[f"{base}/notes/q2-review.md"] = NOTE
    files[f"{base}/notes/fix-fcr.md"] = ACTION
    return files


def vendors_like_acme(vendor_ids: list[str]) -> dict[str, str | bytes]:
    """The minimal project with acme's folder copied once per id in ``vendor_ids``."""
    files: dict[str, str | bytes] = {}
    for path, text in project_files().items():
        if path.startswith("content/vendors/acme/"):
            for vid in vendor_ids:
                files[path.replace("/acme/", f"/{vid}/")] = text
        else:
            files[path] = text
    return files


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` under ``root``; return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


A = "content/vendors/acme"
B = "content/vendors/bravo"


def two_vendor_project(root: Path) -> Path:
    """The minimal project with a second vendor, Bravo, a copy of Acme, written to ``root``."""
    files: dict[str, str | bytes] = dict(project_files())
    for path, text in list(files.items()):
        if path.startswith(A + "/"):
            files[path.replace(A, B)] = (
                text.replace("Acme Support", "Bravo Care") if isinstance(text, str) else text
            )
    return write_project(root, files)
