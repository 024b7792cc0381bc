"""Small projects that use the contract mechanics (SCORING.md sections 1a-1c, 7a, 7b), made
from the minimal project for the page tests: ``MECHANICS`` has an exclusion, a restatement, a
stepped target and a default (worked example 9); ``EARN_BACK`` is worked example 5."""

from __future__ import annotations

from tests.minimal_project import SITE

CONTRACT_FILE = "content/vendors/acme/contracts/voice.yaml"
CSV_FILE = "content/vendors/acme/measurements/2025.csv"
YAML_FILE = "content/vendors/acme/measurements/extra.yaml"


def contract(fcr: str, abandon: str, terms: str) -> str:
    """The minimal project's contract (at-risk £10,000 a month) in 2026, with the given FCR
    and abandonment terms and contract-wide ``terms``."""
    return f"""\
title: Acme voice support
start: 2026-01-01
end: 2027-12-31
notice_days: 90
annual_value: {{amount: 1200000, currency: GBP}}
monthly_charge: 100000
at_risk_percent: 10
{terms}service_levels:
  - kpi: fcr
    expected: 75
    minimum: 65
    weight: 30
    owner: Ana Ops
{fcr}  - kpi: asa
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
{abandon}  - kpi: qa
    expected: 90
    minimum: 80
    weight: 15
    owner: Cy QA
"""


# FCR (allocation 40%) steps up to 78/68 from Jul 2026, and to 80/70 from Jan 2027; it is
# breached in May and June, met in July, breached in August (worked example 9: no default).
# Abandonment (lower is better, 5/8, allocation 20%) is breached in May, June and July: with
# default_after 3 it is in default from July (worked example 9). ASA's April is excused by a
# storm (55 s would be a breach); its May was first reported as 46 s and restated to 34 s.
# Quality's July is excused by a client-caused outage; its September was restated 85 -> 92.
MECHANICS_CONTRACT = contract(
    fcr="""    credit_allocation: 40
    steps:
      - {from: 2026-07, expected: 78, minimum: 68}
      - {from: 2027-01, expected: 80, minimum: 70}
""",
    abandon="    credit_allocation: 20\n",
    terms="default_after: 3\n",
)
STORM = "Force majeure: a storm closed the site"
RECOUNT = "Call logs re-extracted after a telephony fault"
OUTAGE = "Client-caused outage: the client's QA tool was down"
MECHANICS_CSV = f"""\
kpi,period,value,excluded,reason,restated_value,restated_on,restated_reason
fcr,2026-04,80,,,,,
fcr,2026-05,60,,,,,
fcr,2026-06,60,,,,,
fcr,2026-07,80,,,,,
fcr,2026-08,60,,,,,
fcr,2026-09,80,,,,,
asa,2026-04,55,true,{STORM},,,
asa,2026-05,34,,,46,2026-06-20,{RECOUNT}
asa,2026-06,25,,,,,
asa,2026-07,25,,,,,
asa,2026-08,25,,,,,
asa,2026-09,25,,,,,
abandon,2026-04,4.5,,,,,
abandon,2026-05,9,,,,,
abandon,2026-06,9,,,,,
abandon,2026-07,9,,,,,
abandon,2026-08,4.5,,,,,
abandon,2026-09,4.5,,,,,
qa,2026-04,91,,,,,
qa,2026-05,91,,,,,
qa,2026-06,91,,,,,
qa,2026-07,70,true,{OUTAGE},,,
qa,2026-08,91,,,,,
qa,2026-09,92,,,85,2026-09-30,Sampling error corrected
"""
CSAT = "- kpi: csat\n  period: 2026-Q2\n  value: 86\n- kpi: csat\n  period: 2026-Q3\n  value: 86\n"


MECHANICS = {
    "content/site.yaml": SITE.replace("as_of: 2025-06-30", "as_of: 2026-09-30"),
    CONTRACT_FILE: MECHANICS_CONTRACT,
    CSV_FILE: MECHANICS_CSV,
    YAML_FILE: CSAT,
}

EARN_BACK_CONTRACT = contract(
    fcr="    credit_allocation: 50\n", abandon="", terms="earn_back_periods: 2\n"
)
# FCR breached in April (waived: met May, June), July (payable: at risk in September) and
# November (pending on 30 November); at-risk £10,000, allocation 50%: £5,000 each.
EARN_BACK_CSV = "kpi,period,value\n" + "".join(
    f"fcr,2026-{m:02d},{v}\n"
    for m, v in zip(range(4, 12), (60, 80, 80, 60, 80, 70, 80, 60), strict=True)
)


EARN_BACK = {
    "content/site.yaml": SITE.replace("as_of: 2025-06-30", "as_of: 2026-11-30"),
    CONTRACT_FILE: EARN_BACK_CONTRACT,
    CSV_FILE: EARN_BACK_CSV,
    YAML_FILE: "[]\n",
}
