"""Whose paper a graded notebook shows: the trainee id, where it comes from in each setting.

The paper is drawn from the id the submission will be filed under, so that autograde, which
draws it again from nbgrader's student id (the submission's folder name), grades the same
questions:

* on a hub, ``$JUPYTERHUB_USER`` (the account the exchange files submissions under);
* where the course sets it (tests, a lab started for one trainee), ``$COURSE_TRAINEE_ID``;
* otherwise (Binder, a laptop) the id the trainee types in the quiz's panel before answering;
  the panel then makes the offline zip ``<id>_<assignment>.zip`` under that same id. The typed id
  is kept in :data:`TRAINEE_FILE` beside the notebook, so a restarted kernel draws the same paper.

During ``nbgrader autograde`` the kernel runs in ``autograded/<student>/<assignment>/``: the id
is that folder's parent's name (:func:`graded_trainee`).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from pathlib import Path

from course.ids import TRAINEE_ID

#: The file beside a graded notebook holding the id its trainee confirmed.
TRAINEE_FILE = "trainee.json"
#: Login names shared by everyone (containers, Binder): never a trainee's id.
GENERIC_USERS = frozenset({"jovyan", "root", "anonymous", "user", "admin"})
ENVIRONMENT = ("COURSE_TRAINEE_ID", "JUPYTERHUB_USER")


def from_environment() -> str | None:
    """The id the environment fixes (``$COURSE_TRAINEE_ID``, else ``$JUPYTERHUB_USER``) if it is
    a usable trainee id; else None (the trainee must confirm one)."""
    for name in ENVIRONMENT:
        value = os.environ.get(name, "")
        if value:
            return value if TRAINEE_ID.fullmatch(value) else None
    return None


def suggestion() -> str:
    """What the panel's id field starts with when nothing fixes the id: the login name, unless
    it is one everybody shares (then empty)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        return ""
    return "" if name in GENERIC_USERS or not TRAINEE_ID.fullmatch(name) else name


def saved(folder: str | Path) -> str | None:
    """The id confirmed earlier in ``folder`` (:data:`TRAINEE_FILE`), None if there is none or
    it is unreadable or not a usable id."""
    try:
        data = json.loads((Path(folder) / TRAINEE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("trainee") if isinstance(data, dict) else None
    return value if isinstance(value, str) and TRAINEE_ID.fullmatch(value) else None


def save(folder: str | Path, trainee: str) -> None:
    """Keep ``trainee`` as the id of the quiz in ``folder`` (written atomically). Raises
    ValueError for an id nbgrader cannot file a submission under."""
    if not TRAINEE_ID.fullmatch(trainee):
        raise ValueError(f"not a usable trainee id: {trainee!r}")
    target = Path(folder) / TRAINEE_FILE
    tmp = target.with_name(f".{TRAINEE_FILE}.{os.getpid()}.part")
    try:
        tmp.write_text(json.dumps({"trainee": trainee}) + "\n", "utf-8")
        tmp.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def graded_trainee(cwd: str | Path | None = None) -> str:
    """The trainee being graded: nbgrader runs a submission in
    ``autograded/<student>/<assignment>/`` (its default ``directory_structure``, which the course
    keeps), so the id is the working directory's parent's name."""
    return Path(cwd or os.getcwd()).resolve().parent.name
