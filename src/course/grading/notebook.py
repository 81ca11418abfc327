"""What graded quiz notebooks call. Trainees never type any of this: it is in locked cells.

* ``start(assignment)`` -- first cell: creates ``answers.json`` and shows how to submit.
* ``ask(id=..., type=..., ...)`` -- one cell per question: the quiz engine's widget built
  WITHOUT a key, so that submitting only records the answer.
* ``recorded(question_id)`` -- visible part of a test cell: says whether an answer is on record.
* ``grade(KEY)`` -- hidden part of a test cell (instructor only): judges the recorded answer and
  returns the points, which nbgrader reads as the cell's (partial) credit.

Under nbgrader (``NBGRADER_EXECUTION`` set: ``autograde`` or ``validate``) no widget is built and
no file is written: questions are printed as text, so that feedback shows them.
"""

from __future__ import annotations

import os
import reprlib
from pathlib import Path
from typing import Any

from course.answers import ANSWERS_FILE, CORRUPT, MISSING, AnswerStore, read_submitted
from course.grading import strings as s
from course.quiz.model import Question, source_text

#: Questions set up by ``ask`` in this kernel, by id (filled only by the instructor's locked cells:
#: during autograde no trainee code runs, see :mod:`course.grading.preprocessors`).
QUESTIONS: dict[str, Question] = {}
#: The widgets built by ``ask``, by question id, and the panel built by ``start`` (tests answer
#: and click through them, as a browser would).
WIDGETS: dict[str, Any] = {}
PANEL: list[Any] = []


class AnswersUnavailable(RuntimeError):
    """The submission's answer file is missing or damaged: no question can be graded."""


def under_nbgrader() -> bool:
    """True while nbgrader executes the notebook (autograde or validate)."""
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def answers_path() -> Path:
    """``answers.json`` in the working directory, which is the notebook's folder."""
    return Path.cwd() / ANSWERS_FILE


def start(assignment: str) -> Any:
    """Create the (empty) answer file if there is none and return the set-up panel.
    Under nbgrader it does nothing and returns None: a missing file must stay missing."""
    if under_nbgrader():
        return None
    from course.grading.panel import SubmissionPanel

    store = AnswerStore(answers_path())
    store.update(lambda data: None)  # writes {"schema_version": 1, "answers": {}} if absent
    panel = SubmissionPanel(assignment, Path.cwd(), store)
    PANEL[:] = [panel]
    return panel


def ask(**spec: Any) -> Any:
    """Set up one graded question (fields of :class:`course.quiz.model.Question`, no ``answer``)
    and return its widget; under nbgrader print it as text and return None."""
    if spec.get("answer") is not None:
        raise ValueError(f"graded question {spec.get('id')!r} must not carry its answer key")
    question = Question(**spec)
    QUESTIONS[question.id] = question
    if under_nbgrader():
        print(question.kind.as_text(question))
        return None
    from course.quiz.base import QuestionWidget

    widget = QuestionWidget(question, store=AnswerStore(answers_path()))
    WIDGETS[question.id] = widget
    return widget


#: How an answer of a shape no widget writes is printed: bounded in length and depth.
_UNREADABLE = reprlib.Repr()
_UNREADABLE.maxstring = _UNREADABLE.maxother = 80
_UNREADABLE.maxlevel = 3


def recorded(question_id: str) -> None:
    """Print whether the trainee's answer to ``question_id`` is on record (never fails, so that
    ``nbgrader validate`` does not alarm a trainee who has not finished yet)."""
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return  # grade() prints the answer and the verdict
    record = read_submitted(answers_path())
    if record.status == CORRUPT:
        print(s.RECORD_PROBLEM.format(file=ANSWERS_FILE, problem=record.problem))
    elif not record.answered([question_id]):
        print(s.NOT_RECORDED)
    else:
        last = record.records[question_id].attempts[-1].at
        print(s.RECORDED.format(when=last[:16].replace("T", " ") + " UTC"))


def grade(key: dict[str, Any]) -> float:
    """Judge the recorded answer to ``key["question"]`` against ``key["answer"]``; print the
    trainee's answer, the verdict and ``key["explanation"]``; return the points earned out of
    ``key["points"]`` (partial credit as the quiz engine scores it).

    Raises :class:`AnswersUnavailable` when the answer file is missing or damaged, so that the
    cell fails visibly instead of quietly scoring 0. Reads the file afresh on every call."""
    qid, points = key["question"], float(key["points"])
    asked = QUESTIONS[qid]
    keyed = Question(
        **{**asked.model_dump(), "answer": key["answer"], "explanation": key.get("explanation", "")}
    )
    record = read_submitted(answers_path())
    if record.status == MISSING:
        raise AnswersUnavailable(s.ANSWERS_MISSING.format(file=ANSWERS_FILE))
    if record.status == CORRUPT:
        raise AnswersUnavailable(
            s.ANSWERS_CORRUPT.format(file=ANSWERS_FILE, problem=record.problem)
        )
    given, kind = record.answers.get(qid), keyed.kind
    if given is None:
        print(s.YOUR_ANSWER + s.NOT_ANSWERED)
        print(s.RESULT_BLANK.format(points=points))
        score = 0.0
    else:
        try:  # only a shape the widget writes is judged: a loose one could pass by accident
            given = kind.parse_answer(keyed, given)
        except ValueError:
            shown, score = _UNREADABLE.repr(given) + s.UNREADABLE_ANSWER, 0.0
        else:
            shown, score = kind.format_answer(keyed, given), kind.check(keyed, given).score
        got = round(points * score, 4)
        print(s.YOUR_ANSWER + shown)
        if score >= 1:
            print(s.RESULT_RIGHT.format(got=got, points=points))
        elif score > 0:
            print(s.RESULT_PARTIAL.format(got=got, points=points))
        else:
            print(s.RESULT_WRONG.format(points=points))
    if keyed.explanation:
        print(s.EXPLANATION + keyed.explanation)
    print(source_text(keyed))
    return round(points * score, 4)
