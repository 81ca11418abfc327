"""The id rules every entry point applies (course.ids), proved both ways."""

import pytest

from course.ids import IdError, check_assignment, check_trainee


@pytest.mark.parametrize("good", ["alice", "c40_a", "t01-correct", "zhang.san", "A1"])
def test_plain_trainee_ids_pass(good):
    assert check_trainee(good) == good


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("c40_[ab]", "glob"),
        ("c40_*", "glob"),
        ("who?", "glob"),
        (".hidden", "dot"),
        ("", "empty"),
        ("张三", "must match"),
        ("a/b", "must match"),
        ("-dash", "must match"),
        (
            "alice\n",
            "must match",
        ),  # `$` matches before a final newline; a folder name then ends in one
    ],
)
def test_ids_nbgrader_would_glob_hide_or_split_are_refused(bad, why):
    with pytest.raises(IdError, match=why):
        check_trainee(bad)


def test_assignment_ids_have_no_underscore():
    assert check_assignment("quiz-4500") == "quiz-4500"
    with pytest.raises(IdError):
        check_assignment("quiz_4500")


def test_an_assignment_id_with_a_trailing_newline_is_refused():
    with pytest.raises(IdError):
        check_assignment("quiz-4500\n")


def test_a_hub_course_id_with_a_trailing_newline_is_refused():
    from pydantic import ValidationError

    from course.hub.settings import CourseSettings

    assert CourseSettings(id="quizzes").id == "quizzes"
    with pytest.raises(ValidationError, match="course id"):
        CourseSettings(id="quizzes\n")
