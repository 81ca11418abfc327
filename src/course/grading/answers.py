"""Read a submitted ``answers.json`` without changing it.

The quiz engine's :class:`~course.quiz.store.AnswerStore` moves a corrupt file aside and starts a
new one, which is right while a trainee is answering and wrong while grading: the grader must
see exactly what was submitted and say what is wrong with it. :func:`load` therefore only reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course.quiz.store import SCHEMA_VERSION

OK, MISSING, CORRUPT = "ok", "missing", "corrupt"


@dataclass(frozen=True)
class AnswersRecord:
    """What a submission's answer file holds. ``status`` is ``ok``, ``missing`` or ``corrupt``;
    ``answers`` maps question ids to the last answer given (empty unless ``ok``);
    ``problem`` says in English what is wrong (empty when ``ok``)."""

    path: Path
    status: str
    answers: dict[str, Any] = field(default_factory=dict)
    problem: str = ""

    def answered(self, question_ids: list[str]) -> list[str]:
        """The ids among ``question_ids`` that have an answer on record."""
        return [qid for qid in question_ids if self.answers.get(qid) is not None]


def parse(raw: bytes, path: Path) -> AnswersRecord:
    """Decode and check the bytes of an answer file (``path`` is only reported)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return AnswersRecord(path, CORRUPT, problem=f"not UTF-8 text ({exc.reason})")
    except json.JSONDecodeError as exc:
        return AnswersRecord(
            path, CORRUPT, problem=f"not valid JSON ({exc.msg}, line {exc.lineno})"
        )
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return AnswersRecord(path, CORRUPT, problem="no 'answers' mapping")
    if data.get("schema_version") != SCHEMA_VERSION:
        return AnswersRecord(
            path, CORRUPT, problem=f"schema_version {data.get('schema_version')!r}"
        )
    answers: dict[str, Any] = {}
    for qid, rec in data["answers"].items():
        if not isinstance(rec, dict):
            return AnswersRecord(path, CORRUPT, problem=f"record of {qid!r} is not a mapping")
        answers[str(qid)] = rec.get("answer")
    return AnswersRecord(path, OK, answers)


def load(path: str | Path) -> AnswersRecord:
    """Read the answer file at ``path``; never raises for a missing or damaged file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return AnswersRecord(path, MISSING, problem="no answers.json in the submission")
    except OSError as exc:
        return AnswersRecord(path, CORRUPT, problem=f"unreadable ({exc.strerror})")
    return parse(raw, path)
