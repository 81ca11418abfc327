"""Reproducible per-trainee shuffling of options.

The seed is the trainee's id plus the question id, so one trainee sees the same order every time
(after a restart, in every lesson) while neighbours see different orders.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import random


def trainee_id() -> str:
    """``$COURSE_TRAINEE_ID``, else ``$JUPYTERHUB_USER``, else the login name."""
    for name in ("COURSE_TRAINEE_ID", "JUPYTERHUB_USER"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "anonymous"


def shuffled(items: list[str], question_id: str, trainee: str | None = None) -> list[str]:
    """A new list: ``items`` in this trainee's order for this question (``items`` is unchanged)."""
    seed = hashlib.sha256(f"{trainee or trainee_id()}\x00{question_id}".encode()).digest()
    out = list(items)
    random.Random(int.from_bytes(seed[:8], "big")).shuffle(out)
    return out


def shuffled_avoiding(
    items: list[str], avoid: list[str] | None, question_id: str, trainee: str | None = None
) -> list[str]:
    """Like :func:`shuffled`, but never in the order ``avoid`` (an ordering question's solution):
    a shuffle that lands on it is rotated by one, which changes every position."""
    out = shuffled(items, question_id, trainee)
    if avoid is not None and out == list(avoid) and len(out) > 1:
        out = out[1:] + out[:1]
    return out
