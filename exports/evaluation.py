"""The evaluation form's questions, named once: what the pack prints is what `workshops evaluations` reads.

The printed form has one line per unit of the programme and one for the workshop as a whole (`overall`),
each with a rating from 1 to SCALE and room for a comment. A filled-in form becomes one file row per line
answered: `unit` (the code printed on the line), `rating`, `comment` (SPEC 10). The form asks for no name,
and the file has no column for one.
"""

from __future__ import annotations

from curriculum.models import Programme

OVERALL = "overall"
"""The `unit` of the line rating the workshop as a whole."""
SCALE = 5
"""Ratings run from 1 (not useful) to SCALE (very useful)."""
COLUMNS = ("unit", "rating", "comment")
"""The columns of an evaluation file, in the order the form prints them."""
FORM_COLUMN = "form"
"""An optional column numbering the paper forms, so that one form cannot answer a line twice; not stored."""


def form_lines(programme: Programme) -> list[str]:
    """The `unit` values of the form's lines, in print order: the programme's units, then `overall`."""
    return [*programme.units, OVERALL]
