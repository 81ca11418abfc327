"""How long a lesson takes, estimated from what it holds: the text to read, its tables and
diagrams, and its practice questions. The generator writes the estimate under 「预计用时」 and into
the guide's course map, so the stated time changes when the lesson does.

The rates are deliberately those of a careful first study, not of a skim:

* reading: 250 Han characters a minute. Silent reading of Chinese runs at roughly 300-500
  characters a minute; studying a text one must remember (lists in order, names, formulas) is
  slower, and the tables are dense.
* a table: 30 s to find one's way in it, beyond reading its text; a diagram: 1 minute.
* a question, including reading the feedback and the explanation: 30 s for true/false, 45 s for
  single choice, 60 s for a fill-in, 75 s for multiple choice, 90 s for matching and ordering
  (several controls, and a second try is common).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

READING_CHARS_PER_MINUTE = 250
TABLE_SECONDS = 30
DIAGRAM_SECONDS = 60
QUESTION_SECONDS = {
    "truefalse": 30,
    "single": 45,
    "fill": 60,
    "multiple": 75,
    "matching": 90,
    "ordering": 90,
}
#: A review question's type is known only when it is drawn: the mean of the types above.
AVERAGE_QUESTION_SECONDS = sum(QUESTION_SECONDS.values()) / len(QUESTION_SECONDS)
#: Stated times are rounded up to this many minutes.
STEP = 5


@dataclass(frozen=True)
class Estimate:
    """Minutes: ``reading`` (text, tables, diagrams) and ``practice``, each rounded to the nearest
    minute, and ``total``, their exact sum rounded up to :data:`STEP`."""

    reading: int
    practice: int
    total: int


def estimate(
    han_chars: int,
    tables: int,
    diagrams: int,
    question_types: Iterable[str] = (),
    unknown_questions: int = 0,
) -> Estimate:
    """The time a lesson takes. ``question_types``: the type of each practice question;
    ``unknown_questions``: questions whose type is drawn at run time (the review)."""
    reading = (
        han_chars / READING_CHARS_PER_MINUTE
        + (tables * TABLE_SECONDS + diagrams * DIAGRAM_SECONDS) / 60
    )
    seconds = sum(QUESTION_SECONDS[t] for t in question_types)
    practice = (seconds + unknown_questions * AVERAGE_QUESTION_SECONDS) / 60
    total = max(STEP, math.ceil((reading + practice) / STEP) * STEP)
    return Estimate(max(1, round(reading)), round(practice), total)
