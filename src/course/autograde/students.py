"""Which submissions a run grades, which it refuses, and which a stopped run left unfinished.

nbgrader finds submissions with ``glob`` (so a trainee folder named ``c40_[ab]`` selects
``c40_a``'s work, and one starting with a dot is never seen) and skips every trainee whose
``autograded/<trainee>/<assignment>/`` folder exists, finished or not. Here every folder of
``submitted/`` is listed and counted; ids :mod:`course.ids` refuses and submissions
:mod:`course.exchange.untrusted` refuses are reported and never handed to nbgrader; and a trainee
is graded again when a stopped run left it unfinished:

* a marker written before its grading began is still there (:class:`InFlight`), or
* one of its notebooks has no autograded copy, or an autograded copy that was never executed
  (nbgrader writes the sanitised notebook before it runs it: a run killed in between, whether
  ``course autograde`` or plain ``nbgrader autograde``, leaves exactly that).
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from course.exchange import untrusted
from course.ids import IdError, check_trainee

IN_PROGRESS = os.path.join("autograde_reports", ".in-progress")  # under the course root


@dataclass
class Found:
    """``grade``: trainee -> number of notebooks; ``refused``: trainee -> why (English)."""

    grade: dict[str, int] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.grade) + len(self.refused)


def _split(coursedir, step: str, assignment: str) -> tuple[str, str]:
    """(folder holding the trainee folders, path after the trainee id) of nbgrader's layout."""
    marker = "\0"
    before, after = coursedir.format_path(step, marker, assignment).split(marker, 1)
    return os.path.normpath(before), after


def find(coursedir, assignment: str, pattern: str = "*") -> Found:
    """Every trainee folder of ``submitted/`` with a submission of ``assignment`` whose id
    matches ``pattern`` (nbgrader's ``--student`` glob); reads no notebook."""
    base, rest = _split(coursedir, coursedir.submitted_directory, assignment)
    found = Found()
    limit = untrusted.max_file_bytes(coursedir)
    names = sorted(os.listdir(base)) if os.path.isdir(base) else []
    for name in names:
        folder = os.path.join(base, name) + rest
        if not fnmatch.fnmatchcase(name, pattern) or not os.path.lexists(folder):
            continue
        try:
            check_trainee(name)
        except IdError as err:
            found.refused[name] = str(err)
            continue
        problems = untrusted.problems(folder, limit, within=base)
        if problems:
            found.refused[name] = "untrusted submission: " + "; ".join(problems)
            continue
        found.grade[name] = sum(1 for e in os.scandir(folder) if e.name.endswith(".ipynb"))
    return found


class InFlight:
    """Markers ``<course>/autograde_reports/.in-progress/<assignment>/<trainee>``: written
    before a trainee's grading begins, removed when it ends (graded, skipped or failed by
    nbgrader, which then removes its autograded folder); one left behind means that grading
    was stopped half-way."""

    def __init__(self, course_root: str, assignment: str) -> None:
        self.folder = os.path.join(course_root, IN_PROGRESS, assignment)

    def marked(self) -> set[str]:
        return set(os.listdir(self.folder)) if os.path.isdir(self.folder) else set()

    def mark(self, trainee: str) -> None:
        os.makedirs(self.folder, exist_ok=True)
        started = datetime.now(UTC).isoformat(timespec="seconds")
        with open(os.path.join(self.folder, trainee), "w", encoding="utf-8") as fh:
            json.dump({"pid": os.getpid(), "started": started}, fh)

    def clear(self, trainee: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(self.folder, trainee))


def _executed(path: str) -> bool:
    """Whether the autograded notebook at ``path`` went through nbgrader's Execute step."""
    try:
        with open(path, encoding="utf-8") as fh:
            cells = json.load(fh).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    code = [c for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
    return not code or any(c.get("execution_count") for c in code)


def unfinished(coursedir, assignment: str, trainees, in_flight: InFlight) -> dict[str, str]:
    """The trainees among ``trainees`` whose grading a stopped run left unfinished: id -> why."""
    marked = in_flight.marked()
    source = coursedir.format_path(coursedir.source_directory, ".", assignment)
    expected = (
        {n for n in os.listdir(source) if n.endswith(".ipynb")} if os.path.isdir(source) else set()
    )
    out = {}
    for trainee in trainees:
        dest = coursedir.format_path(coursedir.autograded_directory, trainee, assignment)
        if not os.path.isdir(dest):
            continue  # nbgrader grades it anyway
        if trainee in marked:
            out[trainee] = "a run was stopped while it was being graded"
            continue
        submitted = coursedir.format_path(coursedir.submitted_directory, trainee, assignment)
        for name in sorted(expected & set(os.listdir(submitted))):
            if not _executed(os.path.join(dest, name)):
                out[trainee] = f"its autograded {name} was never executed (a run was stopped)"
                break
    return out
