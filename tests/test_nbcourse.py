"""The course-access layer: the one ``--course-dir`` rule, and the configuration, gradebook,
exchange and folders read through nbgrader's own classes from a real course folder (a copy of
``quizzes/nbgrader_config.py``) and real user configuration files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.grading import QUIZZES

A = "quiz-4500"


@pytest.fixture
def course_folder(tmp_path, monkeypatch) -> Path:
    """``<tmp>/repo/quizzes`` holding the course's config; a user config folder of its own."""
    folder = tmp_path / "repo" / "quizzes"
    folder.mkdir(parents=True)
    shutil.copy(QUIZZES / "nbgrader_config.py", folder)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "user-config"))
    monkeypatch.delenv("COURSE_EXCHANGE", raising=False)
    monkeypatch.delenv("COURSE_ID", raising=False)
    return folder


def test_course_dir_rule_names_the_folders_it_looked_in(course_folder, tmp_path, monkeypatch):
    from course.nbcourse import CourseError, resolve_course_dir

    repo = course_folder.parent
    assert resolve_course_dir(cwd=repo) == course_folder  # the repository root
    assert resolve_course_dir(cwd=course_folder) == course_folder  # inside quizzes/
    assert resolve_course_dir(course_folder, cwd=tmp_path) == course_folder
    assert resolve_course_dir("quizzes", cwd=repo) == course_folder  # relative to the cwd
    with pytest.raises(CourseError, match=f"{tmp_path} has no nbgrader_config.py"):
        resolve_course_dir(cwd=tmp_path)
    with pytest.raises(CourseError, match=str(tmp_path / "nowhere")):
        resolve_course_dir("nowhere", cwd=tmp_path)
    monkeypatch.chdir(repo)
    assert resolve_course_dir() == course_folder


def test_every_course_command_has_the_same_course_dir_option(capsys):
    from course.cli import build_parser

    parser = build_parser()
    commands = [
        ["grading", "status", A],
        ["grading", "init"],
        ["grading", "mode", "trainee"],
        ["report", "--all"],
        ["autograde", A],
        ["backup", "ingest", "file.zip"],
    ]
    for argv in commands:
        assert parser.parse_args(argv).course_dir is None, argv
        assert parser.parse_args([*argv, "--course-dir", "x"]).course_dir == "x", argv
        with pytest.raises(SystemExit):
            parser.parse_args([*argv, "--help"])
        shown = " ".join(capsys.readouterr().out.split())
        assert "the nbgrader course folder (default: the current folder if it holds" in shown


def test_the_course_config_loads_as_nbgrader_loads_it(course_folder, tmp_path, monkeypatch):
    from course.nbcourse import COURSE_ID, open_course

    course = open_course(course_folder)
    assert course.root == course_folder
    assert course.course_id == COURSE_ID
    assert course.db_url == f"sqlite:///{course_folder / 'gradebook.db'}"
    assert course.exchange_root == course_folder / "exchange"
    assert course.path("submitted", "alice", A) == course_folder / "submitted" / "alice" / A
    assert course.path("source", None, A) == course_folder / "source" / A
    assert course.archive_dir(A) == course_folder / "downloaded" / A / "archive"
    monkeypatch.setenv("COURSE_EXCHANGE", str(tmp_path / "shared"))
    assert open_course(course_folder).exchange_root == tmp_path / "shared"


def test_user_config_is_read_and_the_course_config_wins(course_folder, tmp_path):
    from course.nbcourse import COURSE_ID, open_course

    user = tmp_path / "user-config"
    user.mkdir()
    (user / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'someone-else'\n"
        "c.ZipCollectApp.downloaded_directory = 'inbox'\n"
    )
    course = open_course(course_folder)
    assert course.course_id == COURSE_ID  # the course folder's config is loaded last
    assert course.archive_dir(A) == course_folder / "inbox" / A / "archive"


def test_a_configured_db_url_is_the_gradebook(course_folder, tmp_path):
    from course.nbcourse import CourseError, open_course

    elsewhere = tmp_path / "grades" / "book.sqlite"
    with open(course_folder / "nbgrader_config.py", "a") as fh:
        fh.write(f"c.CourseDirectory.db_url = 'sqlite:///{elsewhere}'\n")
    course = open_course(course_folder)
    assert course.db_url == f"sqlite:///{elsewhere}"
    with pytest.raises(CourseError, match=f"no gradebook at {elsewhere}"), course.gradebook():
        pass
    assert not elsewhere.exists() and not (course_folder / "gradebook.db").exists()


def test_a_broken_course_config_is_a_clear_error(course_folder):
    from course.nbcourse import CourseError, open_course

    with open(course_folder / "nbgrader_config.py", "a") as fh:
        fh.write("c.CourseDirectory.course_id = undefined_name\n")
    with pytest.raises(CourseError, match=f"nbgrader configuration of {course_folder}"):
        open_course(course_folder)


def test_paths_refuse_ids_nbgrader_would_glob_or_hide(course_folder):
    from course.ids import IdError
    from course.nbcourse import open_course

    course = open_course(course_folder)
    for bad in ("c40_[ab]", "*", ".hidden", "../source"):
        with pytest.raises(IdError):
            course.path("submitted", bad, A)
    with pytest.raises(IdError):
        course.path("submitted", "alice", "../x")
    with pytest.raises(IdError):
        course.path("submitted", ".", A)  # "." is the instructor's, in source/release only


def test_students_lists_every_folder_as_it_is(course_folder):
    from course.nbcourse import open_course

    for name in ("alice", "c40_[ab]", ".hidden", "bob"):
        (course_folder / "submitted" / name / A).mkdir(parents=True)
    (course_folder / "submitted" / "carol" / "quiz-final").mkdir(parents=True)
    (course_folder / "submitted" / "stray-file").write_text("")
    course = open_course(course_folder)
    assert course.students("submitted", A) == [".hidden", "alice", "bob", "c40_[ab]"]
    assert course.students("autograded", A) == []


def test_the_course_id_and_zip_collect_rules_live_in_the_package():
    text = (QUIZZES / "nbgrader_config.py").read_text("utf-8")
    assert "from course.nbcourse import COURSE_ID" in text
    assert "zj-tibet-4500" not in text and "named_regexp" not in text
    assert "course.grading.zip_collect.TraineeZipCollector" in text
