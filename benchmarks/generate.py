"""Write a synthetic organisation for benchmarks: N vendors, one contract of 8 monthly
service levels each, 24 months of data and a note per vendor.

    python benchmarks/generate.py DIR [--vendors 1000] [--seed 7]

Deterministic for a given seed, so runs on different days compare like with like.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

KPIS = [  # id, name, unit, direction, expected, minimum, spread
    ("fcr", "First contact resolution", "%", "higher", 75, 65, 9),
    ("asa", "Average speed of answer", "s", "lower", 28, 40, 9),
    ("abandon", "Abandonment rate", "%", "lower", 5, 8, 2.2),
    ("csat", "Customer satisfaction", "%", "higher", 85, 75, 7),
    ("qa", "Quality score", "score", "higher", 90, 80, 6),
    ("aht", "Average handling time", "s", "lower", 360, 420, 45),
    ("backlog", "Backlog age", "days", "lower", 2, 4, 1.4),
    ("accuracy", "Processing accuracy", "%", "higher", 98, 95, 2),
]
WEIGHTS = [20, 15, 10, 15, 10, 10, 10, 10]
MONTHS = [f"{2024 + (m // 12)}-{m % 12 + 1:02d}" for m in range(24)]


def write_organisation(root: Path, vendors: int, seed: int = 7) -> None:
    """Create (or replace) the project at ``root``."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    (content / "kpis").mkdir(parents=True)
    (content / "site.yaml").write_text(
        f"title: Benchmark scorecards\norganisation: Benchmark Org ({vendors} vendors)\n"
        "as_of: 2025-12-31\n"
    )
    for kpi_id, name, unit, direction, *_ in KPIS:
        (content / "kpis" / f"{kpi_id}.yaml").write_text(
            f'name: {name}\nunit: "{unit}"\ndirection: {direction}\ncadence: monthly\n'
        )
    for i in range(vendors):
        vid = f"vendor-{i:04d}"
        folder = content / "vendors" / vid
        (folder / "contracts").mkdir(parents=True)
        (folder / "measurements").mkdir()
        (folder / "notes").mkdir()
        (folder / "vendor.yaml").write_text(
            f"name: Vendor {i:04d} Services\nfunction: customer-support\n"
            f"delivery: {rng.choice(['onshore', 'nearshore', 'offshore'])}\n"
            f"summary: Synthetic vendor number {i}.\n"
        )
        lines = [
            "title: Main services",
            "start: 2024-01-01",
            "end: 2027-12-31",
            "notice_days: 90",
            f"annual_value: {{amount: {rng.randrange(2, 80) * 50000}, currency: USD}}",
            "monthly_charge: 100000",
            "at_risk_percent: 10",
            "service_levels:",
        ]
        for (kpi_id, _, _, _, expected, minimum, _), weight in zip(KPIS, WEIGHTS, strict=True):
            lines += [
                f"  - kpi: {kpi_id}",
                f"    expected: {expected}",
                f"    minimum: {minimum}",
                f"    weight: {weight}",
                f"    owner: Owner {i % 17}",
                "    credit_allocation: 30",
            ]
        (folder / "contracts" / "main.yaml").write_text("\n".join(lines) + "\n")
        skill = rng.uniform(-0.6, 0.9)
        rows = ["kpi,period,value"]
        for kpi_id, _, unit, direction, expected, _minimum, spread in KPIS:
            sign = 1 if direction == "higher" else -1
            for month in MONTHS:
                value = expected + sign * (skill * spread + rng.gauss(0, spread / 2))
                if unit == "%":  # a percentage stays within 0-100 (the KPI's default range)
                    value = min(100.0, max(0.0, value))
                rows.append(f"{kpi_id},{month},{value:.1f}")
        (folder / "measurements" / "data.csv").write_text("\n".join(rows) + "\n")
        (folder / "notes" / "review.md").write_text(
            "---\ntitle: Quarterly review\ndate: 2025-10-10\nkind: review\n"
            "period: 2025-Q3\n---\nA synthetic review note.\n"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--vendors", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_organisation(args.dir, args.vendors, args.seed)
    print(f"wrote {args.vendors} vendors to {args.dir}")


if __name__ == "__main__":
    main()
