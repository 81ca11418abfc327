"""The statistics on small matrices whose results are worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from course.analytics import stats
from course.quiz.model import Question


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


def question(**fields) -> Question:
    return Question(id="q", section="lead", prompt="问", **fields)


@pytest.mark.parametrize(
    ("fields", "answers", "expected"),
    [
        (
            {"type": "single", "options": ["a", "b"], "answer": "a"},
            ["a", "b", "a", None],
            {"a": 2, "b": 1, "未作答": 1},
        ),
        (
            {"type": "truefalse", "answer": False},
            [True, False, False],
            {"对": 1, "错": 2, "未作答": 0},
        ),
        (
            {"type": "multiple", "options": ["a", "b", "c"], "answer": ["a", "b"]},
            [["a"], ["a", "c"], []],
            {"a": 2, "b": 0, "c": 1, "未作答": 0},
        ),
        (
            {"type": "fill", "answer": ["廉政"]},
            ["廉政", " 廉政。", "人身", None],
            {"廉政": 2, "人身": 1, "未作答": 1},
        ),
        (
            {"type": "ordering", "options": ["a", "b", "c"], "answer": ["a", "b", "c"]},
            [["a", "b", "c"], ["c", "b", "a"], ["a", "b", "c"], None],
            {"a → b → c": 2, "c → b → a": 1, "未作答": 1},
        ),
    ],
)
def test_option_frequencies(fields, answers, expected):
    df = stats.option_frequencies(question(**fields), answers)
    assert dict(zip(df["option"], df["count"], strict=True)) == expected
    assert (df["share"] == df["count"] / len(answers)).all()


def test_matching_frequencies_per_item():
    q = question(
        type="matching", options=["x", "y"], left=["L1", "L2"], answer={"L1": "x", "L2": "y"}
    )
    df = stats.option_frequencies(q, [{"L1": "x", "L2": "x"}, {"L1": "y", "L2": None}, None])
    got = {(i, o): c for i, o, c in zip(df["item"], df["option"], df["count"], strict=True)}
    assert got == {
        ("L1", "x"): 1,
        ("L1", "y"): 1,
        ("L1", "未作答"): 1,
        ("L2", "x"): 1,
        ("L2", "y"): 0,
        ("L2", "未作答"): 2,
    }
    correct = df[df["correct"]]
    assert set(zip(correct["item"], correct["option"], strict=True)) == {("L1", "x"), ("L2", "y")}


@pytest.mark.parametrize(
    ("fields", "loose"),
    [
        ({"type": "truefalse", "answer": True}, [1, 0, "对"]),
        ({"type": "ordering", "options": ["a", "b"], "answer": ["a", "b"]}, [{"a": 0, "b": 1}]),
        ({"type": "single", "options": ["a", "b"], "answer": "a"}, ["c", ["a"]]),
        (
            {
                "type": "matching",
                "options": ["x", "y"],
                "left": ["L", "M"],
                "answer": {"L": "x", "M": "y"},
            },
            [["x", "y"], {"L": "x"}],
        ),
    ],
)
def test_answers_of_a_shape_no_widget_writes_are_counted_apart(fields, loose):
    """Not as an option (1 is not 对) nor as unanswered: in a last row of their own."""
    answers = [*loose, None]
    df = stats.option_frequencies(question(**fields), answers)
    assert df.iloc[-1].to_dict() == {
        "item": "",
        "option": "答案格式无法识别",
        "count": len(loose),
        "share": len(loose) / len(answers),
        "correct": False,
    }
    others = df.iloc[:-1]
    assert (others.groupby("item")["count"].sum() == 1).all()  # only the one unanswered
    assert set(others[others["count"] > 0]["option"]) == {"未作答"}


def test_an_unknown_question_type_is_an_error_naming_it():
    with pytest.raises(ValueError, match="unknown question type 'essay'"):
        question(type="essay")


def test_mastery_per_section():
    scores = pd.DataFrame(
        {
            "trainee": ["a", "a", "b", "b"],
            "assignment": ["q"] * 4,
            "question": ["x", "y", "x", "y"],
            "score": [1.0, 0.0, 2.0, 1.0],
            "points": [2.0, 1.0, 2.0, 1.0],
        }
    )
    sections = pd.Series({("q", "x"): "lead", ("q", "y"): "closing"})
    m = stats.mastery(scores, sections)
    assert m.loc["a", "lead"] == 0.5 and m.loc["a", "closing"] == 0.0
    assert m.loc["b", "lead"] == 1.0 and m.loc["b", "closing"] == 1.0


# -- different papers: a question a trainee did not get is NaN in their row -----------------------
def test_facility_and_discrimination_count_only_the_trainees_who_got_the_question():
    nan = float("nan")
    # q0 and q1 come from one pool (each trainee got one of them); q2 everybody got
    m = matrix([[1, nan, 1], [0, nan, 0], [nan, 1, 1], [nan, 0, 1], [1, nan, 0]])
    fac = stats.facility(m, pd.Series({"q0": 1.0, "q1": 1.0, "q2": 1.0}))
    assert list(fac) == [pytest.approx(2 / 3), pytest.approx(1 / 2), pytest.approx(3 / 5)]
    r = stats.item_rest_correlation(m)
    # q0 over its three trainees: scores 1, 0, 1 against the rest (q2) 1, 0, 0
    assert r["q0"] == pytest.approx(pd.Series([1, 0, 1]).corr(pd.Series([1, 0, 0])))
    # q1 over its two trainees: 1, 0 against 1, 1 (no variance): undefined
    assert math.isnan(r["q1"])
    # q2 over everyone, against each trainee's own other question
    assert r["q2"] == pytest.approx(pd.Series([1, 0, 1, 1, 0]).corr(pd.Series([1, 0, 1, 0, 1])))


def _long(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    """Long scores of assignment "a": (trainee, question, score, points)."""
    return pd.DataFrame(
        [(t, "a", q, s, p) for t, q, s, p in rows],
        columns=["trainee", "assignment", "question", "score", "points"],
    )


def test_equated_mastery_is_raw_mastery_when_everyone_had_the_same_paper():
    scores = _long([("x", "q0", 1, 1), ("x", "q1", 0, 1), ("y", "q0", 1, 1), ("y", "q1", 1, 1)])
    sections = pd.Series({("a", "q0"): "lead", ("a", "q1"): "lead"})
    facilities = pd.Series({("a", "q0"): 1.0, ("a", "q1"): 0.5})
    raw = stats.mastery(scores, sections)
    equated = stats.equated_mastery(scores, sections, facilities)
    pd.testing.assert_frame_equal(equated, raw)


def test_equated_mastery_does_not_count_a_hard_draw_against_a_trainee():
    """Section "lead": a pool of an easy and a hard question (one each), plus one common
    question. x and y answer the common question alike; x drew the hard one and missed it,
    y drew the easy one and got it: raw mastery differs, equated mastery is the same."""
    scores = _long(
        [
            ("x", "hard", 0, 1),
            ("x", "common", 1, 1),
            ("y", "easy", 1, 1),
            ("y", "common", 1, 1),
            ("z", "hard", 0, 1),
            ("z", "common", 0, 1),
            ("w", "easy", 1, 1),
            ("w", "common", 0, 1),
        ]
    )
    sections = pd.Series({("a", q): "lead" for q in ("hard", "easy", "common")})
    facilities = pd.Series({("a", "hard"): 0.0, ("a", "easy"): 1.0, ("a", "common"): 0.5})
    raw = stats.mastery(scores, sections)["lead"]
    equated = stats.equated_mastery(scores, sections, facilities)["lead"]
    assert raw["x"] == 0.5 and raw["y"] == 1.0
    # cohort: 4 of 8 points; x expected (0 + 0.5) / 2, y (1 + 0.5) / 2
    assert equated["x"] == pytest.approx(0.5 - 0.25 + 0.5)
    assert equated["y"] == pytest.approx(1.0 - 0.75 + 0.5)
    assert equated["x"] == pytest.approx(equated["y"])
    assert equated["z"] == pytest.approx(equated["w"]) == pytest.approx(0.25)


def test_a_pool_whose_questions_differ_much_in_difficulty_is_flagged():
    items = pd.DataFrame(
        [
            ("a", "even", "e1", 0.6, 10),
            ("a", "even", "e2", 0.7, 10),
            ("a", "uneven", "u1", 0.9, 10),
            ("a", "uneven", "u2", 0.3, 10),
            ("a", "few", "f1", 1.0, 2),
            ("a", "few", "f2", 0.0, 12),
            ("a", "alone", "s1", 0.5, 10),
            ("a", None, "reflection", 0.5, 10),
        ],
        columns=["assignment", "pool", "question", "facility", "respondents"],
    )
    table = stats.pool_spread(items, threshold=0.3, min_respondents=5).set_index("pool")
    assert list(table.index) == ["even", "uneven", "few"]  # one-question pools left out
    assert table.loc["uneven", "spread"] == pytest.approx(0.6) and table.loc["uneven", "uneven"]
    assert not table.loc["even", "uneven"]
    assert not table.loc["few", "uneven"]  # too few answered f1 to say
    assert table.loc["few", "fewest"] == 2
