"""The statistics of the report: pure functions of pandas/numpy data, nothing read or drawn.

An item-score matrix has one row per trainee and one column per question (points earned). When
trainees had different papers (questions drawn from pools), a question a trainee did not get is
NaN in their row, and each question's statistics are computed over the trainees who got it.
Variances are sample variances (``ddof=1``); a statistic that is undefined (a question everyone
scored the same on, fewer than two questions) is NaN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from course.quiz.model import Question


def score_matrix(
    scores: pd.DataFrame,
    order: list[str] | None = None,
    column: str = "question",
    missing: float = 0.0,
) -> pd.DataFrame:
    """Trainees x ``column`` values (questions, or slots) of long ``scores`` (columns trainee,
    ``column``, score), columns in ``order`` if given. Returns a new frame; a grade that is not
    there is ``missing`` (0: a missing grade counts as 0; NaN: the trainee did not get it)."""
    matrix = scores.pivot_table(
        index="trainee", columns=column, values="score", aggfunc="sum", fill_value=missing
    )
    if order is not None:
        matrix = matrix.reindex(columns=order, fill_value=missing)
    return matrix.astype(float)


def facility(matrix: pd.DataFrame, points: pd.Series) -> pd.Series:
    """Mean score / maximum score of each question over the trainees who got it (0 = nobody
    scored, 1 = everyone full)."""
    return matrix.mean() / points.reindex(matrix.columns).astype(float)


def item_rest_correlation(matrix: pd.DataFrame) -> pd.Series:
    """Corrected item-total (item-rest) correlation of each question: Pearson's r between the
    question's score and the total of all the other questions of the trainee's paper, over the
    trainees who got the question (a NaN cell: not on their paper). NaN when either has no
    variance or fewer than two trainees got it."""
    x = matrix.to_numpy(dtype=float)
    total = np.nansum(x, axis=1)
    r = np.full(x.shape[1], np.nan)
    for j in range(x.shape[1]):
        got = ~np.isnan(x[:, j])
        if got.sum() < 2:
            continue
        item, rest = x[got, j], total[got] - x[got, j]
        ic, rc = item - item.mean(), rest - rest.mean()
        denom = np.sqrt((ic**2).sum() * (rc**2).sum())
        if denom > 0:
            r[j] = (ic * rc).sum() / denom
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


def equated_mastery(
    scores: pd.DataFrame, sections: pd.Series, facilities: pd.Series
) -> pd.DataFrame:
    """Section mastery made comparable across papers (mean equating). For trainee t and
    section s::

        raw(t, s) - expected(t, s) + cohort(s)

    ``raw`` is :func:`mastery`; ``expected(t, s)`` what the cohort scored, as a share of the
    points, on the very questions t got (the points-weighted mean facility of t's questions of
    s); ``cohort(s)`` the whole cohort's points earned / possible on s. A trainee who drew
    harder questions is not counted down for it, and when everyone had the same paper
    ``expected`` equals ``cohort`` and the result is ``raw``. Clipped to 0-1. ``facilities``: the
    facility of each (assignment, question)."""
    data = scores.join(sections.rename("section"), on=["assignment", "question"])
    data = data.dropna(subset=["section"])
    data = data.join(facilities.rename("facility"), on=["assignment", "question"])
    data = data.assign(expected=data["facility"] * data["points"])
    sums = data.groupby(["trainee", "section"])[["score", "points", "expected"]].sum()
    totals = data.groupby("section")[["score", "points"]].sum()
    cohort = (totals["score"] / totals["points"]).rename("cohort")
    sums = sums.join(cohort, on="section")
    value = (sums["score"] - sums["expected"]) / sums["points"] + sums["cohort"]
    return value.clip(0.0, 1.0).unstack("section")


def pool_spread(items: pd.DataFrame, threshold: float, min_respondents: int) -> pd.DataFrame:
    """One row per pool of ``items`` (columns assignment, pool, question, facility,
    respondents): how many questions, the lowest and highest facility, their difference
    (``spread``), the fewest respondents of a question, and ``uneven``: the spread exceeds
    ``threshold`` with every question answered by at least ``min_respondents`` trainees (fewer
    say too little to compare). Pools of one question and manual questions are left out."""
    rows = []
    pooled = items.dropna(subset=["pool"])
    for (assignment, pool), group in pooled.groupby(["assignment", "pool"], sort=False):
        if len(group) < 2:
            continue
        fac = group["facility"]
        spread = fac.max() - fac.min()
        fewest = int(group["respondents"].min())
        rows.append(
            {
                "assignment": assignment,
                "pool": pool,
                "questions": len(group),
                "lowest": fac.min(),
                "highest": fac.max(),
                "spread": spread,
                "fewest": fewest,
                "uneven": bool(spread > threshold and fewest >= min_respondents),
            }
        )
    columns = ["assignment", "pool", "questions", "lowest", "highest", "spread", "fewest"]
    return pd.DataFrame(rows, columns=[*columns, "uneven"])
