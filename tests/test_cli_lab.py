"""``course lab`` starts a real JupyterLab on the lessons; the ``course`` front door."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.cli import main
from course.lab.cli import GUIDE, find_lessons, lab_command
from course.nbcourse import COURSE_ID
from tests.support.checkout import dirty, make_checkout

FORMGRADER = "nbgrader.server_extensions.formgrader"

REPO = Path(__file__).resolve().parent.parent


def redirect_of(port: int, path: str, headers: dict[str, str]) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        assert response.status in (301, 302, 303, 307), response.status
        return response.getheader("Location").split("?", 1)[0]
    finally:
        connection.close()


def test_course_lab_serves_copies_of_the_lessons_as_a_trainee_lab(course_lab, tmp_path):
    checkout = make_checkout(tmp_path / "course", REPO / "lessons")
    # what `course grading mode instructor` would have left in this OS account's config
    account = tmp_path / "account-jupyter"
    (account / "labconfig").mkdir(parents=True)
    (account / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyter/nbgrader": False}}), "utf-8"
    )
    (account / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": {FORMGRADER: True}}}), "utf-8"
    )
    server = course_lab(checkout, env={"JUPYTER_CONFIG_DIR": str(account)})

    listing = server.api("contents/")
    names = {item["name"] for item in listing["content"]}
    expected = {p.name for p in (REPO / "lessons").iterdir() if not p.name.startswith(".")}
    assert names == expected
    workspace = checkout / ".course-lab" / "lessons"
    assert {p.name for p in workspace.iterdir()} == expected
    headers = {"Authorization": f"token {server.token}"}
    if (REPO / "lessons" / GUIDE).is_file():  # the lab opens on the course guide
        assert redirect_of(server.port, "/", headers) == f"/lab/tree/{GUIDE}"
    # the interface is Chinese and asks nothing about news, from the course's own settings
    for plugin, key, value in (
        ("@jupyterlab/translation-extension:plugin", "locale", "zh_CN"),
        ("@jupyterlab/apputils-extension:notification", "fetchNews", "false"),
    ):
        assert json.loads(server.get(f"lab/api/settings/{plugin}")[1])["settings"][key] == value
    strings = json.loads(server.get("lab/api/translations/zh_CN")[1])["data"]
    assert strings["jupyterlab"]["Help"] == ["帮助"]  # the zh-CN language pack is there
    # a trainee's lab, whatever the OS account's configuration says: no nbgrader tool at all
    assert server.page_config()["disabledExtensions"].count("@jupyter/nbgrader") == 1
    assert server.get("formgrader")[0] == 404
    assert "course: widget views are saved as an instruction" in server.log()
    # a fetched quiz's folder lists the answers, not their lock or the confirmed id
    quiz = checkout / ".course-lab" / "lessons" / "quiz-x"
    quiz.mkdir()
    for name in ("answers.json", "answers.json.lock", "trainee.json", "quiz-x.ipynb"):
        (quiz / name).write_text("{}", "utf-8")
    listed = {item["name"] for item in server.api("contents/quiz-x")["content"]}
    assert listed == {"answers.json", "quiz-x.ipynb"}, listed
    assert server.api("contents/quiz-x/trainee.json")["name"] == "trainee.json"  # by path: yes
    assert dirty(checkout) == []


def test_lab_command_adds_allow_root_once_and_passes_extras(tmp_path):
    (tmp_path / GUIDE).write_text("{}", encoding="utf-8")
    as_root = lab_command(tmp_path, ["--port", "8899"], as_root=True)
    assert as_root[-2:] == ["--port", "8899"]
    assert as_root.count("--allow-root") == 1
    assert f"--ServerApp.root_dir={tmp_path}" in as_root
    assert f"--LabApp.default_url=/lab/tree/{GUIDE}" in as_root
    with_settings = lab_command(tmp_path, [], as_root=False, settings=tmp_path / "s")
    assert f"--LabApp.user_settings_dir={tmp_path / 's'}" in with_settings
    mine = lab_command(tmp_path, ["--LabApp.user_settings_dir=/x"], False, settings=tmp_path)
    assert [a for a in mine if a.startswith("--LabApp.user_settings_dir")] == [
        "--LabApp.user_settings_dir=/x"
    ]
    assert lab_command(tmp_path, ["--allow-root"], as_root=True).count("--allow-root") == 1
    assert "--allow-root" not in lab_command(tmp_path, [], as_root=False)


def test_find_lessons_from_checkout_subfolder_and_elsewhere(tmp_path):
    assert find_lessons(REPO / "src" / "course") == REPO / "lessons"
    # outside any checkout: falls back to the checkout of this (editable) package
    assert find_lessons(tmp_path) == REPO / "lessons"


def test_course_without_command_prints_help(capsys):
    assert main([]) == 2
    assert "doctor" in capsys.readouterr().out


def test_unknown_arguments_are_refused_outside_lab():
    with pytest.raises(SystemExit) as exc:
        main(["doctor", "--port", "1"])
    assert exc.value.code == 2


def _release_by_hand(exchange: Path, assignment: str = "quiz-4500") -> None:
    """Lay out a released assignment as ``nbgrader release_assignment`` leaves it."""
    outbound = exchange / COURSE_ID / "outbound" / assignment
    outbound.mkdir(parents=True)
    (outbound / f"{assignment}.ipynb").write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "utf-8"
    )


def test_trainee_lab_fetches_quizzes_into_what_its_file_browser_shows(course_lab, tmp_path):
    checkout = make_checkout(tmp_path / "course", REPO / "lessons", quizzes=True)
    # no COURSE_EXCHANGE, and an OS account whose nbgrader config names another course
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "JUPYTER_"))}
    account = tmp_path / "account-jupyter"
    account.mkdir()
    (account / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'other'\nc.Exchange.root = '/nowhere'\n"
    )
    server = course_lab(checkout, env={**env, "JUPYTER_CONFIG_DIR": str(account)})
    exchange = checkout / "quizzes" / "exchange"
    assert exchange.is_dir()  # the lab created the one-machine exchange
    _release_by_hand(exchange)
    # nbgrader's own assignment list, in this lab, reads the lab's configuration
    status, body = server.get(f"assignments?course_id={COURSE_ID}")
    assert status == 200, body
    listed = json.loads(body)
    assert listed["success"], listed
    assert [a["assignment_id"] for a in listed["value"]] == ["quiz-4500"]
    assert (
        server.post("assignments/fetch", {"course_id": COURSE_ID, "assignment_id": "quiz-4500"})
        == 200
    )
    names = {item["name"] for item in server.api("contents/")["content"]}
    assert "quiz-4500" in names  # in the lab's root: the file browser shows it
    workspace = checkout / ".course-lab" / "lessons"
    assert (workspace / "quiz-4500" / "quiz-4500.ipynb").is_file()
    written = (checkout / ".course-lab" / "trainee" / "nbgrader_config.py").read_text("utf-8")
    assert f"c.Exchange.assignment_dir = {str(workspace)!r}" in written
    assert dirty(checkout) == []


def test_instructor_lab_opens_the_course_folder_with_formgrader(course_lab, tmp_path):
    checkout = make_checkout(tmp_path / "course", REPO / "lessons", quizzes=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "JUPYTER_"))}
    trainee = course_lab(checkout, env=env)
    instructor = course_lab(checkout, args=["--instructor"], env=env)
    names = {item["name"] for item in instructor.api("contents/")["content"]}
    assert {"nbgrader_config.py", "pools", "source"} <= names
    assert instructor.get("formgrader")[0] == 200
    assert trainee.get("formgrader")[0] == 404  # the two labs do not overwrite each other
    disabled = instructor.page_config()["disabledExtensions"]
    assert "@jupyter/nbgrader:assignment-list" in disabled
    assert "@jupyter/nbgrader" not in disabled
    for plugin, key, value in (
        ("@jupyterlab/translation-extension:plugin", "locale", "zh_CN"),
        ("@jupyterlab/apputils-extension:notification", "fetchNews", "false"),
    ):
        got = json.loads(instructor.get(f"lab/api/settings/{plugin}")[1])["settings"][key]
        assert got == value
    assert (checkout / "quizzes" / "exchange").is_dir()
    assert dirty(checkout) == []


def test_instructor_lab_without_a_course_folder_names_where_it_looked(tmp_path):
    checkout = make_checkout(tmp_path / "course", {"a.ipynb": ["1"]})
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("course")), "lab", "--instructor", "--no-browser"],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert str(checkout.resolve()) in proc.stderr and "quizzes" in proc.stderr
