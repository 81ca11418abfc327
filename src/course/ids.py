"""Trainee and assignment ids: the one rule that every entry point applies.

nbgrader builds paths from ids and globs them (``submitted/<student>/<assignment>``), so an id
holding ``*``, ``?`` or ``[`` selects other trainees' folders, and one starting with a dot is a
hidden folder that ``*`` never matches. The ids accepted here are plain: ASCII letters and digits
first, then letters, digits, ``.``, ``_`` and ``-`` (a trainee id is also a Unix account name on a
hub). Assignment ids have no underscore, so ``<trainee>_<assignment>.zip`` splits at its last
underscore.
"""

from __future__ import annotations

import re

#: applied with ``fullmatch`` (``$`` would also match before a final newline)
TRAINEE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
ASSIGNMENT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_GLOB = set("*?[]")


class IdError(ValueError):
    """An id that nbgrader would glob, hide or split wrongly (message in English)."""


def check_trainee(value: str) -> str:
    """Return ``value`` if it is a usable trainee id; raise :class:`IdError` saying why not."""
    return _check(value, TRAINEE_ID, "trainee")


def check_assignment(value: str) -> str:
    """Return ``value`` if it is a usable assignment id; raise :class:`IdError` saying why not."""
    return _check(value, ASSIGNMENT_ID, "assignment")


def _check(value: str, rule: re.Pattern[str], what: str) -> str:
    if isinstance(value, str) and rule.fullmatch(value):
        return value
    text = str(value)
    if _GLOB & set(text):
        why = "holds glob characters (* ? [ ]), which nbgrader would expand to other ids"
    elif text.startswith("."):
        why = "starts with a dot: nbgrader's * never matches it (a hidden folder)"
    elif not text:
        why = "is empty"
    else:
        why = f"must match {rule.pattern}"
    raise IdError(f"{what} id {text!r} {why}")
