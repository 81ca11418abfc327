"""Whose paper a graded notebook shows, in the trainee's kernel (in-process, the widgets as a
browser drives them): the hub's account, else the id the trainee confirms in the panel -- kept
beside the notebook for the next kernel, fixed once an answer is given, and the id the offline
submission zip is filed under."""

from __future__ import annotations

import json

import pytest

from course.grading import code, identity
from course.grading import notebook as graded
from course.grading import strings as s
from tests.support import papers

A = "quiz-4500"
QUIZ = papers.quiz(A)
PAPER = code.paper_literal(QUIZ.paper())
SLOTS = [slot.id for slot in QUIZ.slots]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A fetched quiz folder as the working directory, on a machine that fixes no id."""
    for name in ("NBGRADER_EXECUTION", *identity.ENVIRONMENT):
        monkeypatch.delenv(name, raising=False)
    here = tmp_path / A
    here.mkdir()
    monkeypatch.chdir(here)
    return here


def run_quiz():
    """Run the quiz's cells as Run All does: the panel, then one box per slot."""
    panel = graded.start(PAPER)
    boxes = {slot: graded.ask(slot) for slot in SLOTS}
    return panel, boxes


def shown(boxes) -> dict[str, str]:
    """Slot -> the question id whose widget the box holds ("" for the waiting note)."""
    out = {}
    for slot, box in boxes.items():
        question = getattr(box.children[0], "question", None)
        out[slot] = question.id if question is not None else ""
    return out


def test_no_question_before_an_id_is_confirmed_then_that_ids_paper(folder):
    panel, boxes = run_quiz()
    assert panel.trainee is None and not panel.id_field.disabled
    assert set(shown(boxes).values()) == {""} and graded.WIDGETS == {}
    assert s.NO_TRAINEE_YET in graded.recorded(SLOTS[0]).value
    panel.id_field.value = "张三"  # not an id a submission can be filed under
    assert panel.toggle_id() is None and panel.trainee is None
    panel.id_field.value = "alice"
    assert panel.toggle_id() == "alice"
    assert shown(boxes) == QUIZ.paper().draw("alice")
    assert panel.id_field.disabled and "alice" in panel.paper_note.value
    assert json.loads((folder / identity.TRAINEE_FILE).read_text()) == {"trainee": "alice"}
    assert panel.make_zip().name == f"alice_{A}.zip"


def test_the_next_kernel_draws_the_same_paper_and_an_answer_fixes_the_id(folder):
    panel, boxes = run_quiz()
    panel.id_field.value = "alice"
    panel.toggle_id()
    first = boxes[SLOTS[0]].children[0]
    first.value = papers.right(papers.questions(QUIZ)[first.question.id])
    first.submit_button.click()
    panel.toggle_id()  # 更换学员编号: refused once an answer is on record
    assert panel.trainee == "alice" and panel.id_field.disabled
    again, boxes = run_quiz()  # a restarted kernel, Run All
    assert again.trainee == "alice" and shown(boxes) == QUIZ.paper().draw("alice")
    assert boxes[SLOTS[0]].children[0].value == first.value  # the answer comes back


def test_the_id_can_be_changed_before_answering(folder):
    panel, boxes = run_quiz()
    panel.id_field.value = "bob"
    panel.toggle_id()
    assert panel.toggle_id() is None and not panel.id_field.disabled  # freed again
    panel.id_field.value = "carol"
    panel.toggle_id()
    assert shown(boxes) == QUIZ.paper().draw("carol") != QUIZ.paper().draw("bob")
    assert identity.saved(folder) == "carol"


def test_on_a_hub_the_account_is_the_id(folder, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "dave")
    panel, boxes = run_quiz()
    assert panel.trainee == "dave" and panel.fixed and panel.id_field.disabled
    assert panel.confirm.layout.display == "none"
    assert shown(boxes) == QUIZ.paper().draw("dave")
    assert not (folder / identity.TRAINEE_FILE).exists()


def test_under_autograde_the_folder_names_the_trainee(tmp_path, monkeypatch, capsys):
    here = tmp_path / "autograded" / "erin" / A
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    monkeypatch.setenv("COURSE_TRAINEE_ID", "mallory")  # what a submission claims is not asked
    identity.save(here, "mallory")
    assert graded.start(PAPER) is None and graded.PAPER.trainee == "erin"
    graded.ask(SLOTS[0])
    drawn = QUIZ.paper().draw("erin")[SLOTS[0]]
    assert papers.questions(QUIZ)[drawn].prompt in capsys.readouterr().out


def test_the_recorded_line_follows_each_saved_answer_in_china_time(folder):
    """Run All shows 「本题尚未作答」 under every question; saving an answer must change that line
    at once (issue 14: it stayed stale under every 「已保存」 answer)."""
    panel, boxes = run_quiz()
    before = graded.recorded(SLOTS[0])  # shown before an id is confirmed (Run All)
    assert s.NO_TRAINEE_YET in before.value
    panel.id_field.value = "alice"
    panel.toggle_id()
    lines = {slot: graded.recorded(slot) for slot in SLOTS}
    assert lines[SLOTS[0]] is before  # the same line on the page, updated
    assert all(s.NOT_RECORDED in line.value for line in lines.values())
    first = boxes[SLOTS[0]].children[0]
    first.value = papers.right(papers.questions(QUIZ)[first.question.id])
    first.submit_button.click()
    assert s.NOT_RECORDED not in lines[SLOTS[0]].value
    assert "已保存" in lines[SLOTS[0]].value and "北京时间" in lines[SLOTS[0]].value
    assert all(s.NOT_RECORDED in lines[slot].value for slot in SLOTS[1:])
