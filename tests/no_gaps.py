"""The minimal project with every expected period reported, so that `check --strict` on it
is clean and a test sees only the problem it adds (the minimal project itself lacks a few
monthly reports: see test_missing_periods.py)."""

from __future__ import annotations

from tests.minimal_project import MEASUREMENTS_CSV

CSV = "content/vendors/acme/measurements/2025.csv"

# the minimal project's rows and the five it lacks: asa in June, abandon and qa in May and June
COMPLETE_CSV = (
    MEASUREMENTS_CSV
    + "asa,2025-06,30,\n"
    + "abandon,2025-05,4.8,\nabandon,2025-06,5.2,\n"
    + "qa,2025-05,92,\nqa,2025-06,89,\n"
)

NO_GAPS: dict[str, str | bytes | None] = {CSV: COMPLETE_CSV}
