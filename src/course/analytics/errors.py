"""The errors ``course report`` stops with, each saying what is wrong and what to do (the texts:
``strings.ERR_*``)."""

from __future__ import annotations

from . import strings as s


class ReportError(RuntimeError):
    """A report cannot be built from this gradebook; the message says why and what to do."""


class EmptyGradebook(ReportError):
    def __init__(self, db: str, why: str) -> None:
        super().__init__(s.ERR_EMPTY.format(db=db, why=why))


class UnknownAssignment(ReportError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(s.ERR_UNKNOWN.format(name=name, known=", ".join(known) or s.ERR_NONE))


class NotAutograded(ReportError):
    def __init__(self, name: str, waiting: int) -> None:
        hint = s.ERR_WAITING.format(n=waiting) if waiting else s.ERR_NOTHING_SUBMITTED
        super().__init__(s.ERR_NOT_AUTOGRADED.format(name=name, hint=hint))


class BadQuestion(ReportError):
    def __init__(self, assignment: str, notebook: str, question: str, why: str) -> None:
        super().__init__(
            s.ERR_BAD_QUESTION.format(
                assignment=assignment, notebook=notebook, question=question, why=why
            )
        )


class AnswersMissing(ReportError):
    def __init__(self, name: str, folder: str, count: int) -> None:
        super().__init__(s.ERR_ANSWERS_MISSING.format(name=name, count=count, folder=folder))
