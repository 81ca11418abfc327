"""The statistics of the report: pure functions of pandas/numpy data, nothing read or drawn.

An item-score matrix has one row per trainee and one column per question (points earned).
Variances are sample variances (``ddof=1``); a statistic that is undefined (a question everyone
scored the same on, fewer than two questions) is NaN.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd


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


def _row(item: str, option: str, count: int, n: int, correct: bool) -> dict[str, Any]:
    return {"item": item, "option": option, "count": count,
            "share": count / n if n else float("nan"), "correct": correct}  # fmt: skip


def option_frequencies(
    qtype: str, options: list[str], left: list[str], key: Any, answers: list[Any], top: int = 5
) -> pd.DataFrame:
    """How often each option was picked, from the ``answers`` of every respondent (None: not
    answered). Columns item (the matching item, else ""), option, count, share (of all
    respondents), correct. single/multiple: every option; truefalse: 对/错; matching: every
    item x option; ordering and fill: the ``top`` most frequent answers. A last row counts the
    unanswered (per item for matching)."""
    from course.quiz.model import normalise

    from . import strings as s

    n, rows = len(answers), []
    given = [a for a in answers if a is not None]
    if qtype == "single":
        counts = Counter(given)
        rows = [_row("", o, counts[o], n, o == key) for o in options]
    elif qtype == "truefalse":
        counts = Counter(bool(a) for a in given)
        rows = [_row("", s.TRUE, counts[True], n, key is True),
                _row("", s.FALSE, counts[False], n, key is False)]  # fmt: skip
    elif qtype == "multiple":
        counts = Counter(o for a in given for o in set(a))
        rows = [_row("", o, counts[o], n, o in set(key or [])) for o in options]
    elif qtype == "matching":
        for item in left:
            picks = Counter(a.get(item) for a in given if isinstance(a, dict))
            rows += [_row(item, o, picks[o], n, (key or {}).get(item) == o) for o in options]
            rows.append(_row(item, s.NOT_ANSWERED, n - sum(picks[o] for o in options), n, False))
        return pd.DataFrame(rows)
    elif qtype == "ordering":
        counts = Counter(tuple(a) for a in given)
        rows = [_row("", " → ".join(o), c, n, list(o) == list(key or []))
                for o, c in counts.most_common(top)]  # fmt: skip
    elif qtype == "fill":
        variants = {normalise(v) for v in ([key] if isinstance(key, str) else key or [])}
        forms: dict[str, str] = {}
        counts = Counter()
        for a in given:
            norm = normalise(a)
            forms.setdefault(norm, str(a).strip())
            counts[norm] += 1
        rows = [_row("", forms[k], c, n, k in variants) for k, c in counts.most_common(top)]
    rows.append(_row("", s.NOT_ANSWERED, n - len(given), n, False))
    return pd.DataFrame(rows)


def mastery(scores: pd.DataFrame, sections: pd.Series) -> pd.DataFrame:
    """Trainees x sections: points earned / points possible on the questions of each section.
    ``scores``: long (trainee, assignment, question, score, points); ``sections``: the section
    of each (assignment, question); questions without one are left out."""
    data = scores.join(sections.rename("section"), on=["assignment", "question"])
    data = data.dropna(subset=["section"])
    sums = data.groupby(["trainee", "section"])[["score", "points"]].sum()
    return (sums["score"] / sums["points"]).unstack("section")
