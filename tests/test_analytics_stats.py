"""The statistics on small matrices whose results are worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from course.analytics import stats


def matrix(rows: list[list[float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[f"q{i}" for i in range(len(rows[0]))])


def test_facility_is_mean_over_maximum():
    m = matrix([[2, 0], [1, 1], [0, 1]])
    fac = stats.facility(m, pd.Series({"q0": 2.0, "q1": 1.0}))
    assert list(fac) == [pytest.approx(0.5), pytest.approx(2 / 3)]


def test_item_rest_correlation_by_hand():
    # q0 and q1 agree perfectly with each other; q2 goes against both.
    m = matrix([[1, 1, 0], [0, 0, 1], [1, 1, 0], [0, 0, 1]])
    r = stats.item_rest_correlation(m)
    # rest of q0 = q1 + q2 = 1, 1, 1, 1 (no variance): undefined
    assert math.isnan(r["q0"]) and math.isnan(r["q1"])
    # rest of q2 = q0 + q1 = 2, 0, 2, 0 = exactly the opposite of q2
    assert r["q2"] == pytest.approx(-1.0)


def test_flat_question_has_no_discrimination():
    r = stats.item_rest_correlation(matrix([[1, 1], [1, 0], [1, 1]]))
    assert math.isnan(r["q0"])


def test_cronbach_alpha_by_hand():
    # item variances (ddof=1): 1/3 and 1/3; totals 2, 0, 2, 0 -> variance 4/3
    m = matrix([[1, 1], [0, 0], [1, 1], [0, 0]])
    assert stats.cronbach_alpha(m) == pytest.approx(2 / 1 * (1 - (2 / 3) / (4 / 3)))
    assert math.isnan(stats.cronbach_alpha(m[["q0"]]))  # one question
    assert math.isnan(stats.cronbach_alpha(matrix([[1, 1], [1, 1]])))  # no variance


@pytest.mark.parametrize(
    ("qtype", "options", "left", "key", "answers", "expected"),
    [
        ("single", ["a", "b"], [], "a", ["a", "b", "a", None], {"a": 2, "b": 1, "未作答": 1}),
        ("truefalse", [], [], False, [True, False, False], {"对": 1, "错": 2, "未作答": 0}),
        ("multiple", ["a", "b", "c"], [], ["a", "b"], [["a"], ["a", "c"], []],
         {"a": 2, "b": 0, "c": 1, "未作答": 0}),
        ("fill", [], [], ["廉政"], ["廉政", " 廉政。", "人身", None],
         {"廉政": 2, "人身": 1, "未作答": 1}),
    ],
)  # fmt: skip
def test_option_frequencies(qtype, options, left, key, answers, expected):
    df = stats.option_frequencies(qtype, options, left, key, answers)
    assert dict(zip(df["option"], df["count"], strict=True)) == expected
    assert (df["share"] == df["count"] / len(answers)).all()


def test_matching_frequencies_per_item():
    df = stats.option_frequencies("matching", ["x", "y"], ["L1", "L2"], {"L1": "x", "L2": "y"},
                                  [{"L1": "x", "L2": "x"}, {"L1": "y", "L2": None}, None])  # fmt: skip
    got = {(i, o): c for i, o, c in zip(df["item"], df["option"], df["count"], strict=True)}
    assert got == {("L1", "x"): 1, ("L1", "y"): 1, ("L1", "未作答"): 1,
                   ("L2", "x"): 1, ("L2", "y"): 0, ("L2", "未作答"): 2}  # fmt: skip
    assert set(df[df["correct"]].apply(lambda r: (r["item"], r["option"]), axis=1)) == {
        ("L1", "x"), ("L2", "y")}  # fmt: skip


def test_mastery_per_section():
    scores = pd.DataFrame({"trainee": ["a", "a", "b", "b"], "assignment": ["q"] * 4,
                           "question": ["x", "y", "x", "y"], "score": [1.0, 0.0, 2.0, 1.0],
                           "points": [2.0, 1.0, 2.0, 1.0]})  # fmt: skip
    sections = pd.Series({("q", "x"): "lead", ("q", "y"): "closing"})
    m = stats.mastery(scores, sections)
    assert m.loc["a", "lead"] == 0.5 and m.loc["a", "closing"] == 0.0
    assert m.loc["b", "lead"] == 1.0 and m.loc["b", "closing"] == 1.0
