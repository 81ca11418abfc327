"""Each question type, headless: set the controls, click, check feedback, score and stored answer."""

from __future__ import annotations

import pytest

from course import kb
from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.model import Question
from course.quiz.widgets import (
    FillBlank,
    Matching,
    MultipleChoice,
    Ordering,
    SingleChoice,
    TrueFalse,
    make,
)

# The four spirits in the article's order, taken from the knowledge base (written once).
SPIRITS = kb.load().get_list("four_spirits").texts()


def q(**fields) -> Question:
    base = {"id": "t_q", "section": "tempering", "refs": ["lists.four_spirits"],
            "prompt": "问题", "explanation": "解析文字"}  # fmt: skip
    return Question(**{**base, **fields})


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


def assert_right(w, store):
    text = w.feedback.value
    assert s.MARK_RIGHT in text and s.RIGHT in text
    assert "解析文字" in text and "出处：第一部分 深入实施“4500”浙江援藏铁军锤炼行动" in text
    assert w.correct is True and w.score == 1.0 and w.finished
    rec = store.get(w.question.id)
    assert rec["correct"] is True and rec["answer"] == w.value and rec["type"] == w.question.type
    assert all(c.disabled for c in w._inputs()) and w.submit_button.disabled


def assert_wrong(w, store, tries_left: int | None):
    text = w.feedback.value
    assert s.MARK_WRONG in text and s.WRONG in text and "出处：" in text
    assert w.correct is False and w.score == 0.0
    if tries_left:
        assert s.TRIES_LEFT.format(n=tries_left) in text and not w.finished
        assert "解析文字" not in text  # the explanation would give the answer away
    else:
        assert s.CORRECT_ANSWER in text and "解析文字" in text and w.finished
    assert store.get(w.question.id)["correct"] is False


def test_single_choice(store):
    w = SingleChoice(q(type="single", options=SPIRITS, answer="两路精神"), store=store)
    assert sorted(w.choices.options) == sorted(SPIRITS)
    assert w.choices.description == s.CHOICE_LABEL
    w.submit_button.click()
    assert s.EMPTY_ANSWER in w.feedback.value and store.get("t_q") is None and w.tries == 0
    w.choices.value = "红船精神"
    w.submit_button.click()
    assert_wrong(w, store, tries_left=1)
    w.choices.value = "两路精神"
    w.submit_button.click()
    assert_right(w, store)
    assert len(store.get("t_q")["attempts"]) == 2


def test_single_choice_out_of_tries_shows_the_answer(store):
    w = make(q(type="single", options=SPIRITS, answer="两路精神"), store=store, attempts=1)
    w.value = "援藏精神"
    w.submit_button.click()
    assert_wrong(w, store, tries_left=None)
    assert "两路精神" in w.feedback.value
    w.value = "两路精神"
    w.submit_button.click()  # finished: nothing more is recorded
    assert len(store.get("t_q")["attempts"]) == 1


def test_true_false(store):
    w = TrueFalse(q(type="truefalse", prompt="“4”指4种精神。", answer=True), store=store)
    assert [label for label, _ in w.choices.options] == [s.TRUE, s.FALSE]
    w.choices.value = True
    w.submit_button.click()
    assert_right(w, store)
    w2 = TrueFalse(q(id="t_q2", type="truefalse", answer=True), store=store)
    w2.choices.value = False
    w2.submit_button.click()
    assert_wrong(w2, store, tries_left=None)  # one try by default for 对/错


def test_multiple_choice_partial_credit(store):
    w = MultipleChoice(
        q(type="multiple", options=[*SPIRITS, "政治能力", "学习能力"], answer=SPIRITS), store=store
    )
    assert "计分规则" in w.instructions.value
    boxes = {b.description: b for b in w.boxes}
    boxes["红船精神"].value = boxes["两路精神"].value = boxes["政治能力"].value = True
    w.submit_button.click()
    assert w.score == 0.25 and w.correct is False  # (2 right - 1 wrong) / 4
    assert s.MARK_PARTIAL in w.feedback.value and "0.25" in w.feedback.value
    assert store.get("t_q")["answer"] == ["红船精神", "两路精神", "政治能力"]
    for text in ["老西藏精神", "援藏精神"]:
        boxes[text].value = True
    boxes["政治能力"].value = False
    w.submit_button.click()
    assert_right(w, store)


def test_multiple_choice_ticking_everything_scores_nothing_extra(store):
    w = make(q(type="multiple", options=SPIRITS + ["政治能力", "学习能力", "创新能力", "团结能力"],
               answer=SPIRITS), store=store)  # fmt: skip
    w.value = w.question.options
    w.submit_button.click()
    assert w.score == 0.0 and s.MARK_WRONG in w.feedback.value


def test_matching(store):
    left = ["“4”", "“5”"]
    w = Matching(q(type="matching", left=left, options=["4种精神", "5种能力", "0容忍"],
                   answer={"“4”": "4种精神", "“5”": "5种能力"}), store=store)  # fmt: skip
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


def test_ordering_never_starts_solved_and_moves_with_buttons(store):
    for trainee in [f"t{i}" for i in range(40)]:
        w = Ordering(q(type="ordering", options=SPIRITS, answer=SPIRITS), trainee=trainee)
        assert w.value != SPIRITS and sorted(w.value) == sorted(SPIRITS)
    w = Ordering(q(type="ordering", options=SPIRITS, answer=SPIRITS), store=store, trainee="t1")
    w.submit_button.click()  # the shuffled order, as is
    assert_wrong(w, store, tries_left=1)
    # Bubble each item into place with the buttons, as a learner would.
    for target, item in enumerate(SPIRITS):
        w.listbox.value = item
        for _ in range(w.value.index(item) - target):
            w.up.click()
        assert w.listbox.value == item
    w.listbox.value = SPIRITS[0]
    w.down.click()
    w.up.click()
    assert w.value == SPIRITS
    w.submit_button.click()
    assert_right(w, store)


@pytest.mark.parametrize(
    "typed", ["缺氧不缺纪律", "“缺氧不缺纪律”", " 缺氧 不缺纪律。", "「缺氧不缺纪律」"]
)
def test_fill_blank_normalises(store, typed):
    w = FillBlank(
        q(type="fill", prompt="浙江援藏秉持“____”。", answer=["缺氧不缺纪律"]), store=store
    )
    w.text.value = typed
    w.submit_button.click()
    assert_right(w, store)
    assert store.answer("t_q") == typed


def test_fill_blank_wrong(store):
    w = FillBlank(q(type="fill", answer="缺氧不缺纪律"), store=store)
    w.text.value = "缺氧也缺纪律"
    w.submit_button.click()
    assert_wrong(w, store, tries_left=1)


def test_hint(store):
    w = make(q(type="single", options=SPIRITS, answer="两路精神", hint="第二种"), store=store)
    assert w.hint.value == ""
    w.hint_button.click()
    assert s.HINT_PREFIX in w.hint.value and "第二种" in w.hint.value


def test_options_shuffled_per_trainee_reproducibly():
    question = q(type="single", options=[f"选项{i}" for i in range(8)], answer="选项0")
    orders = {t: SingleChoice(question, trainee=t).choices.options for t in ["甲", "乙", "丙"]}
    assert len(set(orders.values())) > 1
    assert SingleChoice(question, trainee="甲").choices.options == orders["甲"]


@pytest.mark.parametrize(
    "fields,answer",
    [
        ({"type": "single", "options": SPIRITS}, "援藏精神"),
        ({"type": "multiple", "options": SPIRITS}, ["援藏精神"]),
        ({"type": "truefalse"}, False),
        ({"type": "matching", "left": ["a", "b"], "options": ["x", "y"]}, {"a": "y", "b": "x"}),
        ({"type": "ordering", "options": SPIRITS}, SPIRITS[::-1]),
        ({"type": "fill"}, "随便写"),
    ],
)
def test_without_a_key_only_records(store, fields, answer):
    w = make(q(answer=None, **fields), store=store)
    w.value = answer
    w.submit_button.click()
    text = w.feedback.value
    assert s.SAVED in text and s.MARK_SAVED in text
    assert s.RIGHT not in text and s.WRONG not in text and "出处" not in text
    assert w.correct is None and w.score is None and not w.finished
    rec = store.get("t_q")
    assert rec["answer"] == answer and rec["correct"] is None and rec["score"] is None
    w.submit_button.click()  # can be resubmitted; every attempt is kept
    assert len(store.get("t_q")["attempts"]) == 2


def test_rebuilt_widget_restores_answer_and_feedback(store):
    question = q(type="single", options=SPIRITS, answer="两路精神")
    w = make(question, store=store)
    w.value = "红船精神"
    w.submit_button.click()
    again = make(question, store=store)
    assert again.value == "红船精神" and again.tries == 1 and again.correct is False
    assert s.WRONG in again.feedback.value and s.RESTORED in again.feedback.value
    again.value = "两路精神"
    again.submit_button.click()
    assert again.finished and len(store.get("t_q")["attempts"]) == 2


def test_corrupt_store_is_shown_to_the_learner(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("{not json", encoding="utf-8")
    store = AnswerStore(path)
    with pytest.warns(UserWarning):
        w = make(q(type="truefalse", answer=True), store=store)
    w.value = True
    w.submit_button.click()
    assert "已损坏" in w.feedback.value and s.RIGHT in w.feedback.value


def test_without_a_key_a_limit_of_tries_locks_the_question(store):
    w = make(q(type="fill", answer=None), store=store, attempts=2)
    w.value = "第一次"
    w.submit_button.click()
    assert not w.finished and not w.text.disabled
    w.value = "第二次"
    w.submit_button.click()
    assert w.finished and w.text.disabled and s.SAVED in w.feedback.value
    w.value = "第三次"
    w.submit_button.click()
    assert store.answer("t_q") == "第二次" and len(store.get("t_q")["attempts"]) == 2


def test_an_unusable_store_is_reported_not_fatal(tmp_path):
    (tmp_path / "file").write_text("x")
    store = AnswerStore(tmp_path / "file" / "answers.json")  # its folder cannot exist
    w = make(q(type="truefalse", answer=True), store=store)
    w.value = True
    w.submit_button.click()
    assert s.RIGHT in w.feedback.value and "无法保存" in w.feedback.value


def test_a_failing_submit_says_so(store):
    w = make(q(type="truefalse", answer=True), store=store)

    def broken():
        raise RuntimeError("boom")

    w.submit = broken
    w.submit_button.click()  # ipywidgets logs the exception; the learner must see something
    assert "出错了" in w.feedback.value and "boom" in w.feedback.value
