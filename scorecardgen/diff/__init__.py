"""`scorecardgen diff`: what a change to the content does to the scorecards.

``revisions`` reads a git revision's project into a temporary folder (never the work tree or
the index); ``two_sides`` scores both sides with the check pipeline; ``compare`` says what
moved in each vendor's scorecard; ``changes`` names the kinds of change, their order of
importance and ``--fail-on`` categories; ``text``, ``markdown`` and ``json_format`` print it.
"""

from scorecardgen.diff.changes import FAIL_ON, Change, FailOn
from scorecardgen.diff.two_sides import Diff, Side, diff_revisions

__all__ = ["FAIL_ON", "Change", "Diff", "FailOn", "Side", "diff_revisions"]
