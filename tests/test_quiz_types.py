"""The registry of question types (``course.quiz.types``) and what every type must do.

A type is one module of the package: the registry is the package's contents, a module dropped
into it (here: into a folder added to the package's path) is a new type that questions, widgets,
grading and the report use with no other change, and a name no module defines is an error that
says so. Each type's own cases are in ``tests/test_type_<name>.py``."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from course.analytics import stats
from course.answers import AnswerStore
from course.grading import notebook as graded
from course.quiz import strings as s
from course.quiz import types
from course.quiz.base import QuestionWidget
from tests.support.quiz import SPIRITS, question

TESTS = Path(__file__).resolve().parent

#: One question of every type and an answer its widget writes.
SAMPLES = {
    "single": ({"options": SPIRITS, "answer": SPIRITS[0]}, SPIRITS[1]),
    "multiple": ({"options": SPIRITS, "answer": SPIRITS[:2]}, SPIRITS[1:3]),
    "truefalse": ({"answer": True}, False),
    "matching": (
        {"left": ["a", "b"], "options": SPIRITS[:3], "answer": {"a": SPIRITS[0], "b": SPIRITS[1]}},
        {"a": SPIRITS[2], "b": SPIRITS[1]},
    ),
    "ordering": ({"options": SPIRITS, "answer": SPIRITS}, SPIRITS[::-1]),
    "fill": ({"answer": ["缺氧不缺纪律"]}, "缺氧也缺纪律"),
}


def _deep(levels: int) -> list:
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


HOSTILE = [
    None,
    True,
    0,
    -1,
    1.5,
    float("nan"),
    "",
    "x" * 100_000,
    [],
    [[]],
    [None],
    [1, "a"],
    [{"a": 1}],
    {},
    {"a": None},
    {"a": [1]},
    {"a": {"b": "c"}},
    _deep(10_000),
    {"a": _deep(10_000)},
]


# -- the registry ----------------------------------------------------------------------------------
def test_the_registry_is_the_package_contents():
    package = Path(types.__file__).parent
    modules = sorted(p.stem for p in package.glob("*.py") if not p.stem.startswith("_"))
    assert types.names() == modules
    assert set(SAMPLES) == set(modules)  # this file's table covers every type
    for name in modules:
        assert types.get(name).name == name
        assert types.get(name).label == s.TYPE_LABELS[name]


def test_every_type_has_its_own_tests():
    missing = [n for n in types.names() if not (TESTS / f"test_type_{n}.py").exists()]
    assert not missing, f"no tests/test_type_<name>.py for {missing}"


@pytest.mark.parametrize("name", ["essay", "", "Single", 3, None])
def test_a_type_not_in_the_registry_is_an_error_naming_it(name):
    with pytest.raises(types.UnknownType, match=f"unknown question type {name!r}"):
        types.get(name)


def test_a_question_of_an_unknown_type_is_refused():
    with pytest.raises(ValidationError, match="unknown question type 'essay' .known: fill, "):
        question(type="essay")


# -- what every type does ------------------------------------------------------------------------
#: Of HOSTILE, the values each type accepts as an answer: they are shapes its widget writes.
ACCEPTED = {"multiple": [[]], "truefalse": [True], "fill": ["", "x" * 100_000]}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_a_hostile_value_is_refused_with_a_value_error_only(name):
    fields, _ = SAMPLES[name]
    q = question(type=name, **fields)
    accepted = []
    for value in HOSTILE:
        try:  # anything but ValueError (TypeError, RecursionError ...) fails the test
            accepted.append(q.kind.parse_answer(q, value))
        except ValueError:
            continue
    assert accepted == ACCEPTED.get(name, [])


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_what_the_widget_writes_is_read_back_and_judged(name, tmp_path):
    fields, answer = SAMPLES[name]
    q = question(type=name, **fields)
    store = AnswerStore(tmp_path / "answers.json")
    w = QuestionWidget(q, store=store, attempts=3)
    w.value = answer
    written = w.value
    assert q.kind.parse_answer(q, written) == written
    w.submit_button.click()
    stored = json.loads((tmp_path / "answers.json").read_text("utf-8"))["answers"]["t_q"]
    assert stored["answer"] == written and stored["type"] == name
    assert q.kind.parse_answer(q, stored["answer"]) == written  # after the JSON round trip
    assert w.score == q.check(written).score < 1


def test_checking_grading_and_reporting_import_no_widget_library():
    code = textwrap.dedent(
        """
        import sys
        import course.quiz
        from course.quiz import types
        from course.quiz.model import Question
        import course.grading.notebook, course.analytics.stats
        q = Question(id="x", type="ordering", section="lead", prompt="p", options=["a", "b"],
                     answer=["a", "b"])
        assert q.check(["b", "a"]).score == 0 and types.names()
        print(sorted(m for m in sys.modules if m.split(".")[0] == "ipywidgets"))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- a new type is one module --------------------------------------------------------------------
NUMBER = '''
"""数字题: a whole number typed into a box (a throwaway type for the registry's test)."""

from collections import Counter

from ._base import Count, QuestionType, Result


class Number(QuestionType):
    name = "number"
    takes_options = False

    def parse_answer(self, q, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("answer must be a whole number")
        return value

    def check(self, q, given):
        return Result(given == q.answer, 1.0 if given == q.answer else 0.0)

    def in_words(self, q, value):
        return f"{value:,}"

    def tally(self, q, answers, top):
        counts = Counter(a for a in answers if a is not None).most_common(top)
        return [*(Count("", str(v), c, v == q.answer) for v, c in counts), self.blank(answers)]

    def build(self, w):
        import ipywidgets as W

        w.number = W.IntText(value=0, description="数字")
        w.number.add_class("quiz-number-box")
        return [w.number]

    def inputs(self, w):
        return [w.number]

    def read(self, w):
        return w.number.value

    def show(self, w, answer):
        w.number.value = answer if isinstance(answer, int) else 0
'''


@pytest.fixture
def add_type(tmp_path, monkeypatch):
    """Put a module into the package (through a folder added to its path); the registry is
    rebuilt with it, and without it afterwards."""
    added: list[str] = []

    def add(name: str, source: str, strings: bool = True) -> None:
        (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
        added.append(name)
        if strings:
            monkeypatch.setitem(s.TYPE_LABELS, name, "数字题")
            monkeypatch.setitem(s.INSTRUCTIONS, name, "请输入一个整数。")
        types.registry.cache_clear()

    original = list(types.__path__)
    types.__path__.append(str(tmp_path))
    try:
        yield add
    finally:
        types.__path__[:] = original
        for name in added:
            sys.modules.pop(f"{types.__name__}.{name}", None)
        types.registry.cache_clear()


def test_a_new_type_is_one_module(add_type, tmp_path, monkeypatch, capsys):
    add_type("number", NUMBER)
    assert "number" in types.names()
    q = question(type="number", prompt="“4500”中的“4”指几种精神？", answer=4)
    # checked both ways; a loose shape is refused
    assert q.check(4).correct and not q.check(5).correct
    for loose in ("4", 4.0, True):
        with pytest.raises(ValueError):
            q.check(loose)
    with pytest.raises(ValidationError, match="answer must be a whole number"):
        question(type="number", answer="4")
    # the widget: the common frame around the type's control, recording to the store
    store = AnswerStore(tmp_path / "answers.json")
    w = QuestionWidget(q, store=store)
    assert {"quiz-question", "quiz-number"} <= set(w._dom_classes) and w.number.value == 0
    assert "数字题" in w.children[0].value and "请输入一个整数。" in w.instructions.value
    w.number.value = 4
    w.submit_button.click()
    assert w.correct and store.answer("t_q") == 4 and s.RIGHT in w.feedback.value
    # graded: printed as text under nbgrader, then judged from the answers file
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    asked = {"id": "t_q", "type": "number", "prompt": "几种精神？"}
    pool = {"section": "tempering", "points": 2, "questions": [asked]}
    graded.start(
        {"assignment": "quiz-test", "pools": {"p": pool}, "slots": [{"id": "p_1", "pool": "p"}]}
    )
    graded.ask("p_1")
    assert graded.grade("p_1", {"t_q": {"answer": 4}}) == 2.0
    assert "题目：几种精神？" in capsys.readouterr().out
    # the cohort report
    df = stats.option_frequencies(q, [4, 4, 5, None, "4"])
    assert list(df["option"]) == ["4", "5", "未作答", "答案格式无法识别"]
    assert list(df["count"]) == [2, 1, 1, 1] and list(df["correct"]) == [True, False, False, False]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("X = 1\n", r"defines exactly one QuestionType subclass with name = 'broken'; found \[\]"),
        (NUMBER, r"name = 'broken'; found \['Number'\]"),
        (
            NUMBER.replace('name = "number"', 'name = "broken"').replace("def tally", "def _t"),
            r"types\.broken: Can't instantiate abstract class Number .*tally",
        ),
    ],
)
def test_a_module_that_is_not_a_type_stops_the_registry_naming_it(add_type, source, problem):
    add_type("broken", source)
    with pytest.raises(TypeError, match=problem):
        types.get("single")


def test_a_type_without_its_label_and_instructions_stops_the_registry(add_type):
    add_type("number", NUMBER, strings=False)
    with pytest.raises(TypeError, match="'number' has no entry in .*TYPE_LABELS / INSTRUCTIONS"):
        types.names()
