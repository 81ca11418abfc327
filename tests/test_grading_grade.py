"""``grade(slot, KEYS)`` in-process, as a hidden test cell calls it under ``nbgrader autograde``:
the recorded answer is judged only if it has a shape its widget writes; any other shape is
reported as unreadable and earns nothing (it is never judged, so a loose shape cannot pass).

Each question here is a pool of its own with one slot, so every trainee's paper holds all of them;
the trainee is the name of the folder above the working directory, as in
``autograded/<trainee>/<assignment>/``."""

from __future__ import annotations

import pytest

from course import kb
from course.answers import AnswerStore
from course.grading import notebook as graded
from course.grading import strings as gs

SPIRITS = kb.load().get_list("four_spirits").texts()
QUESTIONS = {
    "order": {"type": "ordering", "options": SPIRITS[::-1], "answer": SPIRITS},
    "judge": {"type": "truefalse", "answer": True},
    "pick": {"type": "single", "options": SPIRITS, "answer": SPIRITS[1]},
    "many": {"type": "multiple", "options": SPIRITS, "answer": SPIRITS[:2]},
    "pairs": {
        "type": "matching",
        "left": ["甲", "乙"],
        "options": SPIRITS[:2],
        "answer": {"甲": SPIRITS[0], "乙": SPIRITS[1]},
    },
    "blank": {"type": "fill", "answer": ["廉政"]},
}


def paper(points: float = 2) -> dict:
    """A paper literal: one pool per question (named after it), one slot each."""
    pools = {
        qid: {
            "section": "tempering",
            "points": points,
            "questions": [
                {
                    "id": qid,
                    "prompt": f"题目 {qid}",
                    **{k: v for k, v in q.items() if k != "answer"},
                }
            ],
        }
        for qid, q in QUESTIONS.items()
    }
    slots = [{"id": f"{qid}_1", "pool": qid} for qid in QUESTIONS]
    return {"assignment": "quiz-test", "pools": pools, "slots": slots}


def keys(qid: str) -> dict:
    return {qid: {"answer": QUESTIONS[qid]["answer"], "explanation": "因为文章这样写。"}}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A submission folder ``autograded/t01/quiz-test`` as the working directory, the paper set
    up as under nbgrader."""
    here = tmp_path / "autograded" / "t01" / "quiz-test"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    graded.start(paper())
    assert graded.PAPER.trainee == "t01"
    return here


def grade(folder, capsys, qid: str, given) -> tuple[float, str]:
    """Record ``given`` as the answer to ``qid``, grade it; return the points and the printout."""
    AnswerStore(folder / "answers.json").record(qid, QUESTIONS[qid]["type"], given)
    capsys.readouterr()
    points = graded.grade(f"{qid}_1", keys(qid))
    return points, capsys.readouterr().out


LOOSE = [
    ("order", {item: n for n, item in enumerate(SPIRITS)}),  # a mapping whose keys are in order
    ("order", SPIRITS[:3]),  # not every item
    ("order", [*SPIRITS, SPIRITS[0]]),  # an item twice
    ("judge", 1),  # 1 for 对
    ("judge", 0),
    ("judge", "对"),
    ("pick", "不在选项中"),
    ("pick", [SPIRITS[1]]),
    ("many", SPIRITS[0]),  # a string, not a list
    ("many", {SPIRITS[0]: True, SPIRITS[1]: True}),
    ("many", [SPIRITS[0], SPIRITS[0]]),
    ("many", [SPIRITS[0], ["nested"]]),
    ("pairs", [["甲", SPIRITS[0]], ["乙", SPIRITS[1]]]),  # pairs as a list
    ("pairs", {"甲": SPIRITS[0]}),  # an item missing
    ("pairs", {"甲": SPIRITS[0], "乙": SPIRITS[1], "丙": SPIRITS[1]}),  # an item too many
    ("pairs", {"甲": SPIRITS[0], "乙": "不在选项中"}),
    ("blank", ["廉政"]),  # a list for a typed answer
    ("blank", 5),
]


@pytest.mark.parametrize(("qid", "given"), LOOSE)
def test_a_shape_the_widget_never_writes_is_unreadable(folder, capsys, qid, given):
    points, out = grade(folder, capsys, qid, given)
    assert points == 0.0
    assert gs.UNREADABLE_ANSWER in out, out
    assert gs.RESULT_WRONG.format(points=2) in out


@pytest.mark.parametrize(
    ("qid", "given", "points"),
    [
        ("order", SPIRITS, 2.0),
        ("order", SPIRITS[::-1], 0.0),
        ("judge", True, 2.0),
        ("judge", False, 0.0),
        ("pick", SPIRITS[1], 2.0),
        ("many", SPIRITS[:1], 1.0),
        ("many", SPIRITS[1::-1], 2.0),
        ("pairs", {"甲": SPIRITS[0], "乙": SPIRITS[0]}, 1.0),
        ("blank", " “廉政”。", 2.0),
    ],
)
def test_a_widget_shape_is_judged(folder, capsys, qid, given, points):
    got, out = grade(folder, capsys, qid, given)
    assert got == points
    assert gs.UNREADABLE_ANSWER not in out and gs.YOUR_ANSWER in out


def test_no_answer_is_blank(folder, capsys):
    AnswerStore(folder / "answers.json").update(lambda data: None)
    capsys.readouterr()
    assert graded.grade("judge_1", keys("judge")) == 0.0
    assert gs.RESULT_BLANK.format(points=2) in capsys.readouterr().out


def test_the_explanation_and_the_source_are_printed(folder, capsys):
    points, out = grade(folder, capsys, "pick", SPIRITS[1])
    assert points == 2.0 and "因为文章这样写。" in out and "出处" in out


def test_answers_to_another_paper_are_not_graded(tmp_path, monkeypatch, capsys):
    """A pool of two questions, one slot: t01 and the trainee whose paper has the other question
    get different questions; t01's folder holding an answer to the other one is refused with
    OtherPaper in every slot, even beside a right answer to its own question."""
    spec = paper()
    spec["pools"] = {
        "both": {
            "section": "tempering",
            "points": 2,
            "questions": [
                {"id": "judge", "type": "truefalse", "prompt": "题目一"},
                {"id": "judge_too", "type": "truefalse", "prompt": "题目二"},
            ],
        }
    }
    spec["slots"] = [{"id": "both_1", "pool": "both"}]
    here = tmp_path / "autograded" / "t01" / "quiz-test"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    graded.start(spec)
    mine = graded.PAPER.drawn["both_1"]
    other = "judge_too" if mine == "judge" else "judge"
    store = AnswerStore(here / "answers.json")
    store.record(mine, "truefalse", True)
    both = {q: {"answer": True, "explanation": ""} for q in ("judge", "judge_too")}
    assert graded.grade("both_1", both) == 2.0  # its own answer alone: graded
    store.record(other, "truefalse", True)
    with pytest.raises(graded.OtherPaper, match=other):
        graded.grade("both_1", both)


def test_the_printout_of_an_unreadable_answer_is_bounded(folder, capsys):
    deep: list = []
    for _ in range(25):  # as deep as the answers file allows (course.answers.MAX_DEPTH)
        deep = [deep]
    points, out = grade(folder, capsys, "many", ["x" * 100_000, deep])
    assert points == 0.0 and gs.UNREADABLE_ANSWER in out and len(out) < 2000
