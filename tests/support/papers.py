"""The graded questions of a course, read from its question data (``<course>/pools/*.yaml``, the
one place the keys are written), and a trainee's paper answered right or wrong.

No answer is written in the tests: right answers are the keys, wrong ones are derived from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from course.grading import pools
from course.quiz.model import Question

REPO = Path(__file__).resolve().parents[2]
QUIZZES = REPO / "quizzes"
ASSIGNMENTS = ("quiz-4500", "quiz-campaigns", "quiz-final")


def quiz(assignment: str, course_root: Path = QUIZZES) -> pools.Quiz:
    """The validated question data of ``assignment`` in the course at ``course_root``."""
    return pools.load_file(Path(course_root) / pools.POOLS_FOLDER / f"{assignment}.yaml")


def questions(data: pools.Quiz) -> dict[str, Question]:
    """Every question of the assignment, with its key, by id."""
    return {q.id: q for q in data.questions()}


def right(q: Question) -> Any:
    """An answer its widget would write that scores full marks (a fill-in key lists variants)."""
    if q.type == "fill" and isinstance(q.answer, list):
        return q.answer[0]
    return q.answer


def wrong(q: Question) -> Any:
    """An answer its widget would write that scores nothing."""
    key = q.answer
    if q.type == "single":
        return next(o for o in q.options if o != key)
    if q.type == "truefalse":
        return not key
    if q.type == "multiple":
        return [o for o in q.options if o not in key]
    if q.type == "ordering":
        return list(reversed(key))
    if q.type == "matching":  # every item paired with another option than its own
        return {left: next(o for o in q.options if o != value) for left, value in key.items()}
    return "（不知道）"


def answers(data: pools.Quiz, trainee: str, verdict: str = "right") -> dict[str, Any]:
    """``{question id: answer}`` for the questions of ``trainee``'s paper, in slot order, all
    ``right`` or all ``wrong``."""
    by_id = questions(data)
    make = right if verdict == "right" else wrong
    return {qid: make(by_id[qid]) for qid in data.paper().draw(trainee).values()}


def covering_trainees(data: pools.Quiz, prefix: str = "t") -> list[str]:
    """A few trainee ids whose papers, together, hold every question of every pool (the first
    ids ``<prefix>001``, ``<prefix>002``, ... that add a question not yet held)."""
    paper, wanted, chosen = data.paper(), {q.id for q in data.questions()}, []
    n = 0
    while wanted:
        n += 1
        trainee = f"{prefix}{n:03d}"
        drawn = set(paper.draw(trainee).values())
        if drawn & wanted:
            chosen.append(trainee)
            wanted -= drawn
        assert n < 10_000, f"no papers cover {sorted(wanted)}"
    return chosen


def partial(q: Question) -> tuple[Any, float]:
    """A partly right answer and the share of the points it earns, by the course's scoring rules
    worked out here by hand: multiple choice, every right option but the last: (k - 1) / k;
    matching, the first two items' options swapped: (n - 2) / n; other types: a wrong answer, 0."""
    if q.type == "multiple" and len(q.answer) > 1:
        return q.answer[:-1], round((len(q.answer) - 1) / len(q.answer), 4)
    if q.type == "matching":
        items, values = list(q.answer), list(q.answer.values())
        if values[0] != values[1]:
            pairs = dict(q.answer) | {items[0]: values[1], items[1]: values[0]}
            return pairs, round((len(items) - 2) / len(items), 4)
    return wrong(q), 0.0


def mixed(data: pools.Quiz, trainee: str) -> tuple[dict[str, Any], float]:
    """``trainee``'s paper answered partly right in the 1st, 3rd, ... slot (:func:`partial`)
    and right in the others; returns the answers and the points they earn."""
    by_id, paper = questions(data), data.paper()
    answers, points = {}, 0.0
    for n, (slot, qid) in enumerate(paper.draw(trainee).items()):
        q, worth = by_id[qid], paper.points(slot)
        answer, share = (right(q), 1.0) if n % 2 else partial(q)
        answers[qid] = answer
        points += round(worth * share, 4)
    return answers, round(points, 4)
