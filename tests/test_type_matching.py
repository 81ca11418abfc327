"""连线题 (``course.quiz.types.matching``): key and answer shapes, checking both ways with its
partial credit, words, report counts per item, and its widget (one drop-down per item)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.base import QuestionWidget
from course.quiz.types import Result
from tests.support.quiz import assert_right, question

LEFT = ["“4”", "“5”", "“0”"]
OPTIONS = ["4种精神", "5种能力", "0容忍", "6大攻坚"]
KEY = dict(zip(LEFT, OPTIONS, strict=False))
Q = question(type="matching", left=LEFT, options=OPTIONS, answer=KEY)


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


def test_the_key_is_accepted():
    assert Q.check(dict(reversed(KEY.items()))) == Result(True, 1.0)


def _with(**changes: str) -> dict:
    return {**KEY, **{LEFT[int(k[1:])]: v for k, v in changes.items()}}


# the share of pairs right, out of 3
@pytest.mark.parametrize(
    ("given", "score"),
    [
        (_with(i0="6大攻坚"), 0.6667),
        (_with(i0="5种能力", i1="4种精神"), 0.3333),
        (_with(i0="6大攻坚", i1="6大攻坚", i2="6大攻坚"), 0.0),
        ({**KEY, LEFT[2]: None}, 0.6667),  # an item left unpaired
        (dict.fromkeys(LEFT), 0.0),
    ],
)
def test_every_other_pairing_is_rejected_with_its_partial_credit(given, score):
    assert Q.check(given) == Result(False, score)


@pytest.mark.parametrize(
    "value",
    [
        [[left, right] for left, right in KEY.items()],  # pairs as a list
        {LEFT[0]: OPTIONS[0]},  # an item missing
        {**KEY, "“6”": OPTIONS[3]},  # an item too many
        _with(i1="不在选项中"),
        _with(i1=1),
        _with(i1=[OPTIONS[1]]),
        list(KEY.values()),
        "4种精神",
    ],
)
def test_other_shapes_are_refused(value):
    with pytest.raises(ValueError):
        Q.kind.parse_answer(Q, value)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"left": [LEFT[0]]}, "needs at least 2 distinct 'left' items"),
        ({"left": [LEFT[0], LEFT[0]]}, "needs at least 2 distinct 'left' items"),
        ({"answer": {LEFT[0]: OPTIONS[0]}}, "answer must map every 'left' item to an option"),
        ({"answer": {**KEY, LEFT[2]: None}}, "answer must map every 'left' item to an option"),
        ({"answer": _with(i0="x")}, r"answers \['x'\] are not options"),
    ],
)
def test_a_question_that_does_not_fit_is_refused(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        question(**{"type": "matching", "left": LEFT, "options": OPTIONS, "answer": KEY, **fields})


def test_words_and_text():
    given = {**KEY, LEFT[1]: None}
    assert Q.kind.format_answer(Q, given) == "“4” — 4种精神；“5” — —；“0” — 0容忍"
    assert Q.kind.as_text(Q).splitlines() == [
        s.TEXT_QUESTION + "问题",
        s.TEXT_LEFT_ITEMS + "；".join(LEFT),
        s.TEXT_OPTIONS + "；".join(OPTIONS),
    ]


def test_report_counts_every_item_and_option():
    answers = [KEY, {**KEY, LEFT[0]: "6大攻坚", LEFT[1]: None}, None, "4种精神"]
    rows = Q.kind.frequencies(Q, answers)
    got = {(r.item, r.option, r.kind): r.count for r in rows}
    assert got[(LEFT[0], "4种精神", "option")] == 1 and got[(LEFT[0], "6大攻坚", "option")] == 1
    assert got[(LEFT[0], "", "blank")] == 1 and got[(LEFT[1], "", "blank")] == 2
    assert got[("", "", "unreadable")] == 1
    assert {(r.item, r.option) for r in rows if r.correct} == set(KEY.items())
    assert len(rows) == len(LEFT) * (len(OPTIONS) + 1) + 1


# -- the widget ---------------------------------------------------------------------------------
def test_matching(store):
    left = ["“4”", "“5”"]
    q = question(
        type="matching",
        left=left,
        options=["4种精神", "5种能力", "0容忍"],
        answer={"“4”": "4种精神", "“5”": "5种能力"},
    )
    w = QuestionWidget(q, store=store)
    assert [m.description for m in w.menus.values()] == left
    w.menus["“4”"].value = "4种精神"
    w.submit_button.click()
    assert s.MATCH_INCOMPLETE in w.feedback.value and w.tries == 0
    w.menus["“5”"].value = "0容忍"
    w.submit_button.click()
    assert w.score == 0.5 and not w.correct and s.MARK_PARTIAL in w.feedback.value
    w.menus["“5”"].value = "5种能力"
    w.submit_button.click()
    assert_right(w, store)
    assert store.answer("t_q") == {"“4”": "4种精神", "“5”": "5种能力"}


def test_nothing_paired_is_not_submitted(store):
    w = QuestionWidget(Q, store=store)
    w.submit_button.click()
    assert s.MATCH_INCOMPLETE in w.feedback.value and w.tries == 0


def test_a_damaged_record_shows_only_its_valid_pairs(store):
    record = {"answer": {LEFT[0]: OPTIONS[0], LEFT[1]: "不在选项中"}, "attempts": [{}]}
    w = QuestionWidget(Q, store=store, record=record)
    assert w.value == {LEFT[0]: OPTIONS[0], LEFT[1]: None, LEFT[2]: None}
