"""``course lab`` starts a real JupyterLab on the lessons; the ``course`` front door."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

import pytest

from course.cli import main
from course.lab.cli import GUIDE, find_lessons, lab_command
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
