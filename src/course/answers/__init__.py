"""The answers files: ``answers.json`` (a graded quiz's, beside its notebook, submitted with it)
and ``practice.json`` (the practice store). The one place that knows their names, their format,
how they are read, written, locked, and what happens to a corrupt or hostile one.

Modules:

* :mod:`.schema` -- the names, the format (one pydantic model) and its limits; decode and check.
* :mod:`.files` -- the file on disk: untrusted reading, atomic writing, the lock, set aside.
* :mod:`.store` -- :class:`AnswerStore`, the live store the quiz widgets write to.
* :mod:`.submitted` -- :func:`read_submitted`, the read-only reader for grading and reports.
* :mod:`.strings` -- what the learner is told (Chinese).

The bottom layer of the package: it imports nothing else of ``course``.
"""

from .schema import (
    ANSWERS_FILE,
    MAX_BYTES,
    MAX_DEPTH,
    PRACTICE_FILE,
    SCHEMA_VERSION,
    AnswersFile,
    AnswersFileError,
    Attempt,
    Record,
    utc_now,
)
from .store import AnswerStore, StoreCorruptWarning, StoreProblem, default_practice_path
from .submitted import CORRUPT, MISSING, OK, SubmittedAnswers, read_submitted

__all__ = [
    "ANSWERS_FILE",
    "CORRUPT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MISSING",
    "OK",
    "PRACTICE_FILE",
    "SCHEMA_VERSION",
    "AnswerStore",
    "AnswersFile",
    "AnswersFileError",
    "Attempt",
    "Record",
    "StoreCorruptWarning",
    "StoreProblem",
    "SubmittedAnswers",
    "default_practice_path",
    "read_submitted",
    "utc_now",
]
