"""What a review draws from the practice bank, from the learner's own record: first the questions
answered wrong (the last answer was not right), then those never answered, then those due again
(spaced review: a question answered right comes back after 1, 3, 7, 14, then every 30 days, the
interval growing with each round in a row that ended right). Pure: no file, no widget.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .model import Question
from .rounds import split, tries_allowed, when

#: At most this many questions in one review.
SIZE = 12
#: Days until a question answered right is due again, by rounds right in a row (1, 2, 3...).
INTERVALS_DAYS = (1, 3, 7, 14, 30)
#: The order in which kinds are drawn.
ORDER = ("wrong", "unseen", "due")


@dataclass(frozen=True)
class Standing:
    """Where the learner stands on a question: ``kind`` is wrong, unseen, due or later; ``due``
    is when it is due again (None for wrong and unseen, which are always due)."""

    question: Question
    kind: str
    last: dt.datetime | None = None
    due: dt.datetime | None = None


def standing(question: Question, record: dict | None, now: dt.datetime) -> Standing:
    """The learner's standing on ``question`` from its store record (None: never answered)."""
    if not record or not record.get("attempts"):
        return Standing(question, "unseen")
    last = when(record["attempts"][-1])
    if record.get("correct") is not True:
        return Standing(question, "wrong", last)
    closed, _ = split(record["attempts"], tries_allowed(question))
    streak = 0
    for round_ in reversed(closed):
        if not round_[-1].get("correct"):
            break
        streak += 1
    days = INTERVALS_DAYS[min(max(streak, 1), len(INTERVALS_DAYS)) - 1]
    due = last + dt.timedelta(days=days)
    return Standing(question, "due" if now >= due else "later", last, due)


@dataclass(frozen=True)
class Draw:
    """A review: the questions drawn, how many of each kind, and when the next question not drawn
    falls due (None if none is waiting)."""

    questions: list[Question]
    counts: Counter
    next_due: dt.datetime | None


def draw(
    questions: list[Question], records: dict[str, dict], now: dt.datetime, size: int = SIZE
) -> Draw:
    """Up to ``size`` questions: wrong ones first (the longest ago first), then unseen ones (in
    bank order), then due ones (the most overdue first)."""
    standings = [standing(q, records.get(q.id), now) for q in questions]
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    keys = {
        "wrong": lambda x: x.last or epoch,
        "unseen": lambda x: 0,
        "due": lambda x: x.due or epoch,
    }
    chosen: list[Standing] = []
    for kind in ORDER:
        pool = sorted((x for x in standings if x.kind == kind), key=keys[kind])
        chosen += pool[: size - len(chosen)]
    waiting = [x.due for x in standings if x.kind == "later" and x.due is not None]
    return Draw(
        [x.question for x in chosen],
        Counter(x.kind for x in chosen),
        min(waiting) if waiting else None,
    )
