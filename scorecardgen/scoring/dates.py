"""Dates relative to as_of: the as_of date itself, contracts, certifications, actions.

SCORING.md section 8. ``as_of`` is site.yaml's ``as_of`` when given, else the last day of the
latest period that has any measurement row in the project (an explicit null counts: the row
says the period was reported). With no measurement at all it falls back on the latest contract
start or note date, and on 1970-01-01 for an empty project; the clock is never read.

Words: contract state ``expired`` / ``renewal-due`` / ``active``; certification state
``expired`` / ``expiring`` / ``valid``; an action is ``overdue`` when open and due before as_of.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from scorecardgen.model import Certification, Contract, Note, Project
from scorecardgen.periods import Period

AsOfSource = Literal["site", "measurements", "content", "none"]
ContractState = Literal["expired", "renewal-due", "active"]
CertificationState = Literal["expired", "expiring", "valid"]

RENEWAL_HORIZON_DAYS = 120
EXPIRY_HORIZON_DAYS = 90
EMPTY_PROJECT_AS_OF = date(1970, 1, 1)


@dataclass(frozen=True)
class AsOf:
    """The date every relative rule is judged against, and where it came from."""

    date: date
    source: AsOfSource
    explanation: str


def project_as_of(project: Project) -> AsOf:
    """site.yaml's as_of, else the end of the latest measured period (never the clock)."""
    if project.site.as_of is not None:
        return AsOf(project.site.as_of, "site", "as_of set in site.yaml")
    periods = [Period.parse(m.period) for v in project.vendors.values() for m in v.measurements]
    if periods:
        latest = max(periods, key=lambda p: (p.end, p.kind == "quarter"))
        return AsOf(latest.end, "measurements", f"last day of {latest}, the latest measured period")
    dates = [c.start for v in project.vendors.values() for c in v.contracts.values()]
    dates += [n.date for v in project.vendors.values() for n in v.notes.values()]
    if dates:
        return AsOf(
            max(dates), "content", "no measurements: the latest contract start or note date"
        )
    return AsOf(EMPTY_PROJECT_AS_OF, "none", "empty project: no dates in the content")


@dataclass(frozen=True)
class ContractDates:
    """A contract's term, cancel-by date and state on as_of."""

    id: str
    title: str
    start: date
    end: date
    notice_days: int
    cancel_by: date
    state: ContractState
    days_to_cancel_by: int
    days_to_end: int
    explanation: str


def contract_dates(contract: Contract, as_of: date) -> ContractDates:
    """cancel-by = end − notice_days; expired, renewal-due (cancel-by within 120 days), active."""
    cancel_by = contract.end - timedelta(days=contract.notice_days)
    horizon = as_of + timedelta(days=RENEWAL_HORIZON_DAYS)
    state: ContractState
    if contract.end < as_of:
        state, why = "expired", f"ended {contract.end} before as_of {as_of}"
    elif cancel_by <= horizon:
        state = "renewal-due"
        why = (
            f"cancel-by {cancel_by} is on or before {horizon} (as_of + {RENEWAL_HORIZON_DAYS} days)"
        )
    else:
        state = "active"
        why = f"cancel-by {cancel_by} is after {horizon} (as_of + {RENEWAL_HORIZON_DAYS} days)"
    why = f"cancel-by = {contract.end} \u2212 {contract.notice_days} days = {cancel_by}; {why}"
    return ContractDates(
        contract.id,
        contract.title,
        contract.start,
        contract.end,
        contract.notice_days,
        cancel_by,
        state,
        (cancel_by - as_of).days,
        (contract.end - as_of).days,
        why,
    )


@dataclass(frozen=True)
class CertificationDates:
    """A vendor's certification and its state on as_of."""

    name: str
    expires: date
    evidence: str | None
    state: CertificationState
    days_to_expiry: int


def certification_dates(certification: Certification, as_of: date) -> CertificationDates:
    """expired before as_of, expiring within 90 days of it, else valid."""
    expires = certification.expires
    state: CertificationState
    if expires < as_of:
        state = "expired"
    elif expires <= as_of + timedelta(days=EXPIRY_HORIZON_DAYS):
        state = "expiring"
    else:
        state = "valid"
    return CertificationDates(
        certification.name, expires, certification.evidence, state, (expires - as_of).days
    )


@dataclass(frozen=True)
class Action:
    """An action note with its overdue flag on as_of."""

    id: str
    title: str
    owner: str | None
    due: date | None
    status: str | None
    kpi: str | None
    date: date
    visibility: str
    overdue: bool
    days_overdue: int


def action(note: Note, as_of: date) -> Action:
    """An action note judged on as_of: overdue when open and due before as_of."""
    overdue = note.status == "open" and note.due is not None and note.due < as_of
    days = (as_of - note.due).days if overdue and note.due is not None else 0
    return Action(
        note.id,
        note.title,
        note.owner,
        note.due,
        note.status,
        note.kpi,
        note.date,
        note.visibility,
        overdue,
        days,
    )
