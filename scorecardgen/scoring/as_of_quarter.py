"""A vendor as it stood at the end of a quarter: the figures its business review shows.

Later data never changes an earlier review: measurements of later periods are left out, a
figure restated after the quarter's end shows as first reported, notes dated after it are left
out, and an action counts as open until its ``closed`` date (a done or dropped action without
one counts as closed on its due date).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from scorecardgen.model import Bands, Measurement, Note, Project, VendorContent
from scorecardgen.scoring.currency import Currencies
from scorecardgen.scoring.quarter_memo import QuarterMemo
from scorecardgen.scoring.scorecard import VendorScorecard, score_vendor


def closed_on(note: Note) -> date | None:
    """The day an action was closed: its ``closed`` date, else its due date once done or
    dropped; None while open."""
    if note.status not in ("done", "dropped"):
        return None
    return note.closed or note.due


def _measurement_then(m: Measurement, day: date) -> Measurement | None:
    if m.parsed_period.end > day:
        return None
    if m.restated is not None and m.restated.on > day:
        return m.model_copy(update={"value": m.restated.value, "restated": None})
    return m


def _note_then(note: Note, day: date) -> Note | None:
    if note.date > day:
        return None
    if note.kind == "action":
        closed = closed_on(note)
        if closed is not None and closed > day:
            return note.model_copy(update={"status": "open", "closed": None})
    return note


def content_as_of(content: VendorContent, day: date) -> VendorContent:
    """``content`` with only what was known on ``day``."""
    measurements = [m for m in (_measurement_then(m, day) for m in content.measurements) if m]
    notes = {k: n for k, n in ((k, _note_then(n, day)) for k, n in content.notes.items()) if n}
    return replace(content, measurements=measurements, notes=notes)


def score_as_of(
    project: Project,
    content: VendorContent,
    day: date,
    bands: Bands,
    currencies: Currencies | None = None,
    memo: QuarterMemo | None = None,
) -> VendorScorecard:
    """The vendor's scorecard as it stood on ``day`` (a quarter's last day, or the site's
    as-of date while that quarter is still running); ``memo``: one ``QuarterMemo`` for all
    of the vendor's days, so that a quarter is not scored again for each of them."""
    return score_vendor(project, content_as_of(content, day), day, bands, currencies, memo)
