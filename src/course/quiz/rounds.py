"""Rounds of a question: every attempt stays in the answers store, and a learner may try a
finished question again; the attempts fall into rounds, each ending when the answer is right or
the tries run out. A widget shows the current round (or, when it is over, the last one).

Nothing here reads a file or builds a widget; every function returns new values.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import Question


def tries_allowed(question: Question, attempts: int | None = None) -> int | None:
    """Tries per round: ``attempts`` if given, else the question's own, else its type's default;
    unlimited (None) for a question without a key unless one of the first two says otherwise."""
    if question.keyless:
        return attempts or question.attempts
    return attempts or question.attempts or question.kind.default_attempts


def when(attempt: dict[str, Any]) -> dt.datetime:
    """The UTC time an attempt was given (the store's ``at``)."""
    return dt.datetime.fromisoformat(attempt["at"].replace("Z", "+00:00"))


def split(attempts: list[dict], allowed: int | None) -> tuple[list[list[dict]], list[dict]]:
    """``attempts`` (oldest first) as (closed rounds, the open round): a round closes with a right
    answer or after ``allowed`` tries (never, if None)."""
    closed: list[list[dict]] = []
    current: list[dict] = []
    for attempt in attempts:
        current.append(attempt)
        if attempt.get("correct") or (allowed is not None and len(current) >= allowed):
            closed.append(current)
            current = []
    return closed, current


def current(
    record: dict | None, allowed: int | None, since: dt.datetime | None = None
) -> dict | None:
    """The record as a widget restores it: the open round's attempts, else the last closed
    round's, with that round's last answer as the current one. Attempts before ``since`` are
    history only (a review starts every question afresh). None when nothing is left to show."""
    if not record:
        return None
    attempts = [a for a in record.get("attempts", []) if since is None or when(a) >= since]
    if not attempts:
        return None
    closed, open_round = split(attempts, allowed)
    shown = open_round or closed[-1]
    last = shown[-1]
    return {
        **record,
        "answer": last["answer"],
        "correct": last["correct"],
        "score": last["score"],
        "attempts": shown,
    }
