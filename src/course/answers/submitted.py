"""Read a submitted ``answers.json`` without changing it, as untrusted input.

The live :class:`~course.answers.store.AnswerStore` moves a corrupt file aside and starts a new
one, which is right while a trainee is answering and wrong while grading: the grader must see
exactly what was submitted and say what is wrong with it. :func:`read_submitted` therefore only
reads, never raises for a bad file, never follows a link and never reads an oversized file (see
:mod:`.files`), and checks the whole file against :mod:`.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import files
from .schema import ANSWERS_FILE, AnswersFileError, Record, parse

OK, MISSING, CORRUPT = "ok", "missing", "corrupt"


@dataclass(frozen=True)
class SubmittedAnswers:
    """What a submission's answers file holds.

    ``status`` is :data:`OK`, :data:`MISSING` or :data:`CORRUPT` (which includes a symbolic
    link, a file too large and anything else unusable); ``problem`` says in English what is
    wrong (empty when ok); ``records`` maps question ids to their full records (attempts
    included; empty unless ok)."""

    path: Path
    status: str
    problem: str = ""
    records: dict[str, Record] = field(default_factory=dict)

    @property
    def answers(self) -> dict[str, Any]:
        """Question id -> the last answer given (a new dict)."""
        return {qid: rec.answer for qid, rec in self.records.items()}

    def answered(self, question_ids: list[str]) -> list[str]:
        """The ids among ``question_ids`` that have an answer on record."""
        return [q for q in question_ids if q in self.records and self.records[q].answer is not None]


def read_submitted(path: str | Path) -> SubmittedAnswers:
    """Read and check the answers file at ``path``; never raises for a missing, damaged or
    hostile file, and changes nothing."""
    path = Path(path)
    try:
        _, content = parse(files.read_bytes(path))
    except FileNotFoundError:
        return SubmittedAnswers(path, MISSING, f"no {ANSWERS_FILE} in the submission")
    except AnswersFileError as exc:
        return SubmittedAnswers(path, CORRUPT, str(exc))
    except OSError as exc:
        return SubmittedAnswers(path, CORRUPT, f"unreadable ({exc.strerror or exc})")
    return SubmittedAnswers(path, OK, records=dict(content.answers))
