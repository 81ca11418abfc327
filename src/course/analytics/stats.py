"""The statistics of the report: pure functions of pandas/numpy data, nothing read or drawn.

An item-score matrix has one row per trainee and one column per question (points earned).
Variances are sample variances (``ddof=1``); a statistic that is undefined (a question everyone
scored the same on, fewer than two questions) is NaN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from course.quiz.model import Question


def score_matrix(scores: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """Trainees x questions of long ``scores`` (columns trainee, question, score), columns in
    ``order`` if given. Returns a new frame; a missing grade counts as 0."""
    matrix = scores.pivot_table(
        index="trainee", columns="question", values="score", aggfunc="sum", fill_value=0.0
    )
    if order is not None:
        matrix = matrix.reindex(columns=order, fill_value=0.0)
    return matrix.astype(float)


def facility(matrix: pd.DataFrame, points: pd.Series) -> pd.Series:
    """Mean score / maximum score of each question (0 = nobody scored, 1 = everyone full)."""
    return matrix.mean() / points.reindex(matrix.columns).astype(float)


def item_rest_correlation(matrix: pd.DataFrame) -> pd.Series:
    """Corrected item-total (item-rest) correlation of each question: Pearson's r between the
    question's score and the total of all the other questions. NaN when either has no variance."""
    x = matrix.to_numpy(dtype=float)
    rest = x.sum(axis=1, keepdims=True) - x
    xc, rc = x - x.mean(axis=0), rest - rest.mean(axis=0)
    denom = np.sqrt((xc**2).sum(axis=0) * (rc**2).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (xc * rc).sum(axis=0) / denom
    r[~np.isfinite(r)] = np.nan
    return pd.Series(r, index=matrix.columns, name="discrimination")


def cronbach_alpha(matrix: pd.DataFrame) -> float:
    """Cronbach's alpha, k/(k-1) * (1 - sum of item variances / variance of the total).
    NaN with fewer than two questions or two trainees, or when every total is the same."""
    k, n = matrix.shape[1], matrix.shape[0]
    if k < 2 or n < 2:
        return float("nan")
    total_var = matrix.sum(axis=1).var(ddof=1)
    if not total_var > 0:
        return float("nan")
    return float(k / (k - 1) * (1 - matrix.var(ddof=1).sum() / total_var))


def option_frequencies(question: Question, answers: list[Any], top: int = 5) -> pd.DataFrame:
    """How often each option was picked, from the ``answers`` of every respondent (None: not
    answered), as the question's type counts them (:meth:`~course.quiz.types.QuestionType.tally`):
    single/multiple every option; truefalse 对/错; matching every item x option; ordering and
    fill the ``top`` most frequent answers. Each is followed by the row of the unanswered (per
    item for matching); a last row counts answers of a shape no widget writes, if there are any.
    Columns item (the matching item, else ""), option, count, share (of all respondents),
    correct. ``question`` carries the key; nothing is changed."""
    from . import strings as s

    n = len(answers)
    words = {"blank": s.NOT_ANSWERED, "unreadable": s.UNREADABLE}
    rows = [
        {
            "item": c.item,
            "option": words.get(c.kind, c.option),
            "count": c.count,
            "share": c.count / n if n else float("nan"),
            "correct": c.correct,
        }
        for c in question.kind.frequencies(question, answers, top)
    ]
    return pd.DataFrame(rows, columns=["item", "option", "count", "share", "correct"])


def mastery(scores: pd.DataFrame, sections: pd.Series) -> pd.DataFrame:
    """Trainees x sections: points earned / points possible on the questions of each section.
    ``scores``: long (trainee, assignment, question, score, points); ``sections``: the section
    of each (assignment, question); questions without one are left out."""
    data = scores.join(sections.rename("section"), on=["assignment", "question"])
    data = data.dropna(subset=["section"])
    sums = data.groupby(["trainee", "section"])[["score", "points"]].sum()
    return (sums["score"] / sums["points"]).unstack("section")
