"""The answer store: every answer and every attempt, written to a JSON file the moment it is given.

The file's format is :mod:`.schema`'s; reading, the atomic write and the lock are :mod:`.files`'.
Guarantees:

* **Atomic, and nothing lost**: a crash or a failed write leaves the previous answers as they
  were; a change that would make the file unreadable is refused before it is written.
* **Concurrent writers**: every change is a read-modify-write under the file's lock, so two
  notebooks (two processes) never lose each other's answers.
* **Corruption is reported, never hidden**: an unreadable store is renamed aside to
  ``<name>.corrupt-<UTC timestamp>``, the problem is kept (:attr:`AnswerStore.problem`, shown by
  the widgets) and a fresh store is started beside it.
* **One state per file**: a graded notebook opens one store for its panel and one per question,
  all on the same file; they share one :attr:`~AnswerStore.problem`, so what one of them found
  (the file set aside, a failed write) every other one shows.

The file is plain JSON on purpose: the graded-quiz workflow ships it with an nbgrader submission
and grading reads it back (:func:`course.answers.read_submitted`, which never changes it).
"""

from __future__ import annotations

import copy
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import files
from .schema import PRACTICE_FILE, AnswersFileError, decode, empty, encode, utc_now, validate


def default_practice_path() -> Path:
    """``$COURSE_ANSWERS_DIR/practice.json``, else ``~/.course-answers/practice.json``."""
    folder = os.environ.get("COURSE_ANSWERS_DIR") or Path.home() / ".course-answers"
    return Path(folder) / PRACTICE_FILE


@dataclass(frozen=True)
class StoreProblem:
    """Something the learner must be told about the store (shown in Chinese by the widgets);
    ``reason`` is English, for instructors."""

    kind: str  # "corrupt" or "unwritable"
    path: str
    aside: str | None = None
    reason: str = ""

    def message(self) -> str:
        from . import strings as s

        if self.kind == "corrupt":
            return s.STORE_CORRUPT.format(path=self.path, aside=self.aside)
        return s.STORE_UNWRITABLE.format(path=self.path, reason=self.reason)


class StoreCorruptWarning(UserWarning):
    """An answer store could not be read and was moved aside."""


@dataclass
class _FileState:
    problem: StoreProblem | None = None


#: The state of each answers file this process opened, by its absolute path (its folder
#: resolved, the file's own name kept: a link is the file's own business, see files.read_bytes).
_STATES: dict[str, _FileState] = {}


def _state(path: Path) -> _FileState:
    key = os.path.join(os.path.realpath(path.parent), path.name)
    return _STATES.setdefault(key, _FileState())


class AnswerStore:
    """A JSON answer file. Methods re-read the file each time, so several processes can share it.

    Every ``AnswerStore`` of one file shares that file's state (:attr:`problem`)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_practice_path()
        self._state = _state(self.path)

    def __repr__(self) -> str:
        return f"AnswerStore({str(self.path)!r})"

    @property
    def problem(self) -> StoreProblem | None:
        """What the learner must be told about this file (None: nothing); shared by every store
        of the file, and settable (the widgets record a failed write here)."""
        return self._state.problem

    @problem.setter
    def problem(self, value: StoreProblem | None) -> None:
        self._state.problem = value

    def _read_unlocked(self) -> dict[str, Any]:
        """The store's content; a corrupt file is moved aside and reported (call under the lock)."""
        try:
            data = decode(files.read_bytes(self.path))
            validate(data)
            return data
        except FileNotFoundError:
            return empty()
        except AnswersFileError as exc:
            reason = str(exc)
        aside = files.set_aside(self.path)
        self.problem = StoreProblem("corrupt", str(self.path), str(aside), reason)
        warnings.warn(
            f"answer store {self.path} was unreadable ({reason}); kept aside as {aside}",
            StoreCorruptWarning,
            stacklevel=3,
        )
        return empty()

    # -- public API ----------------------------------------------------------------------------
    def read(self) -> dict[str, Any]:
        """A copy of the whole store (``{"schema_version": 1, "answers": {...}}``)."""
        with files.locked(self.path):
            return self._read_unlocked()

    def update(self, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Apply ``change`` (which mutates the dict it is given) to the current content and write
        the result atomically, all under the lock. Returns the new content.

        Raises :class:`~.schema.AnswersFileError` (a ValueError) if the result would not be a
        valid answers file, and OSError if it cannot be written; either way the file is left as
        it was."""
        with files.locked(self.path):
            data = self._read_unlocked()
            change(data)
            payload = encode(data)
            validate(decode(payload))  # exactly what will be read back
            files.write_atomic(self.path, payload)
            return copy.deepcopy(data)

    def record(
        self,
        question_id: str,
        qtype: str,
        answer: Any,
        correct: bool | None = None,
        score: float | None = None,
    ) -> dict[str, Any]:
        """Add one attempt at a question and make it the question's current answer.
        Returns the question's record as stored."""
        attempt = {"answer": answer, "correct": correct, "score": score, "at": utc_now()}

        def change(data: dict[str, Any]) -> None:
            rec = data["answers"].setdefault(
                question_id, {"question_id": question_id, "type": qtype, "attempts": []}
            )
            rec["attempts"].append(attempt)
            rec.update(type=qtype, answer=answer, correct=correct, score=score)

        return self.update(change)["answers"][question_id]

    def get(self, question_id: str) -> dict[str, Any] | None:
        """The question's record (see :mod:`.schema`), or None if never answered."""
        return self.read()["answers"].get(question_id)

    def answer(self, question_id: str) -> Any:
        """The question's current (last submitted) answer, or None."""
        rec = self.get(question_id)
        return None if rec is None else rec.get("answer")

    def forget(self, question_ids: list[str]) -> None:
        """Remove the records of these questions (a quiz reset)."""

        def change(data: dict[str, Any]) -> None:
            for qid in question_ids:
                data["answers"].pop(qid, None)

        self.update(change)
