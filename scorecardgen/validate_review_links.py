"""A response's ``responds_to`` and an action's ``review`` name a review note of the same
vendor; a note shared with the vendor about an internal review is a warning (issue 17)."""

from __future__ import annotations

from scorecardgen.errors import Problems
from scorecardgen.located import at as _at
from scorecardgen.located import file_of as _file
from scorecardgen.model import Note, Project, VendorContent


def check_review_link(
    project: Project,
    vc: VendorContent,
    note: Note,
    field: str,
    target: str | None,
    problems: Problems,
) -> None:
    """A response's ``responds_to`` and an action's ``review`` name a review note of the same
    vendor."""
    if target is None:
        return
    named = vc.notes.get(target)
    if named is not None and named.kind == "review":
        if note.visibility == "vendor" and named.visibility != "vendor":
            problems.add(
                _at(project, _file(note.source), (field,)),
                f"'{target}' is an internal review: the vendor's site shows neither it nor this "
                "note under it",
                f"set 'visibility: vendor' on review '{target}', or make this note internal",
                severity="warning",
                code="internal-review",
            )
        return
    reviews = sorted(n.id for n in vc.notes.values() if n.kind == "review")
    article = "an" if named and named.kind[0] in "aeiou" else "a"
    what = f"note '{target}' is {article} {named.kind}" if named else f"no note '{target}'"
    problems.add(
        _at(project, _file(note.source), (field,)),
        f"{field} must name a review note of vendor '{vc.vendor.id}': {what}",
        "use the id (file name without .md) of one of its review notes: "
        + (", ".join(reviews) if reviews else "it has none yet"),
        code="unknown-review",
    )
