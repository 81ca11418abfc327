"""The answer store: every answer and every attempt, written to a JSON file the moment it is given.

File layout (``schema_version`` 1)::

    {"schema_version": 1,
     "answers": {"<question id>": {
         "question_id": "...", "type": "single", "answer": <last answer>,
         "correct": true | false | null, "score": 0.0-1.0 | null,   # null: recorded without a key
         "attempts": [{"answer": ..., "correct": ..., "score": ..., "at": "2026-01-01T08:00:00Z"}]}}}

Guarantees:

* **Atomic**: a write goes to a temporary file in the same folder, is flushed and fsync'ed, then
  renamed over the store (:func:`os.replace`). A crash at any point leaves the old file or the new
  one, never half of one.
* **Concurrent writers**: every change is a read-modify-write under an exclusive ``fcntl.flock`` on
  the sidecar ``<name>.lock``, so two notebooks (two processes) never lose each other's answers.
* **Corruption is reported, never hidden**: an unreadable store is renamed aside to
  ``<name>.corrupt-<UTC timestamp>``, the problem is kept in :attr:`AnswerStore.problem` (and
  shown by the widgets), and a fresh store is started beside it.

The file is plain JSON on purpose: the graded-quiz workflow can ship it with an nbgrader
submission and read it back in hidden tests (:meth:`AnswerStore.answer`).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import fcntl
import json
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
PRACTICE_FILE = "practice.json"
GRADED_FILE = "answers.json"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def default_practice_path() -> Path:
    """``$COURSE_ANSWERS_DIR/practice.json``, else ``~/.course-answers/practice.json``."""
    folder = os.environ.get("COURSE_ANSWERS_DIR") or Path.home() / ".course-answers"
    return Path(folder) / PRACTICE_FILE


@dataclass(frozen=True)
class StoreProblem:
    """Something the learner must be told about the store (shown in Chinese by the widgets)."""

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


def _empty() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "answers": {}}


def _valid(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and data.get("schema_version") == SCHEMA_VERSION
        and isinstance(data.get("answers"), dict)
    )


class AnswerStore:
    """A JSON answer file. Methods re-read the file each time, so several processes can share it."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_practice_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.problem: StoreProblem | None = None

    def __repr__(self) -> str:
        return f"AnswerStore({str(self.path)!r})"

    # -- locking and raw I/O -------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _read_unlocked(self) -> dict[str, Any]:
        """The store's content; a corrupt file is moved aside and reported (call under the lock)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if _valid(data):
            return data
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        os.replace(self.path, aside)
        self.problem = StoreProblem("corrupt", str(self.path), str(aside))
        warnings.warn(
            f"answer store {self.path} was unreadable; kept aside as {aside}",
            StoreCorruptWarning,
            stacklevel=3,
        )
        return _empty()

    def _write_unlocked(self, data: dict[str, Any]) -> None:
        """Replace the file atomically: temp file in the same folder, fsync, rename, fsync folder."""
        # Temporary files are only made under the lock, so any seen now is a dead writer's.
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    # -- public API ----------------------------------------------------------------------------
    def read(self) -> dict[str, Any]:
        """A copy of the whole store (``{"schema_version": 1, "answers": {...}}``)."""
        with self._locked():
            return self._read_unlocked()

    def update(self, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
        """Apply ``change`` (which mutates the dict it is given) to the current content and write
        the result atomically, all under the lock. Returns the new content."""
        with self._locked():
            data = self._read_unlocked()
            change(data)
            self._write_unlocked(data)
            return copy.deepcopy(data)

    def record(self, question_id: str, qtype: str, answer: Any, correct: bool | None = None,
               score: float | None = None) -> dict[str, Any]:  # fmt: skip
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
        """The question's record (see the module docstring), or None if never answered."""
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
