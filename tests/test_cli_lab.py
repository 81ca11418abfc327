"""``course lab`` starts a real JupyterLab on the lessons; the ``course`` front door."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from course.cli import main
from course.lab_cli import GUIDE, find_lessons, lab_command
from tests.support.lab import free_port, stop_process_group, wait_for_status

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


@pytest.mark.slow
def test_course_lab_serves_the_lessons(tmp_path):
    port, token = free_port(), secrets.token_hex(8)
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("course")), "lab", "--no-browser"]
            + ["--settings-dir", str(tmp_path / "settings")]
            + [f"--port={port}", "--port-retries=0", f"--ServerApp.token={token}"],
            cwd=REPO,
            env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_status(url, token, process, timeout=90)
        headers = {"Authorization": f"token {token}"}
        request = urllib.request.Request(url + "api/contents/", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            listing = json.load(response)
        names = {item["name"] for item in listing["content"]}
        expected = {p.name for p in (REPO / "lessons").iterdir() if not p.name.startswith(".")}
        assert names == expected
        if (REPO / "lessons" / GUIDE).is_file():  # the lab opens on the course guide
            assert redirect_of(port, "/", headers) == f"/lab/tree/{GUIDE}"
        # the interface is Chinese and asks nothing about news, from the course's own settings
        for plugin, key, value in (
            ("@jupyterlab/translation-extension:plugin", "locale", "zh_CN"),
            ("@jupyterlab/apputils-extension:notification", "fetchNews", "false"),
        ):
            request = urllib.request.Request(url + f"lab/api/settings/{plugin}", headers=headers)
            with urllib.request.urlopen(request, timeout=10) as response:
                assert json.load(response)["settings"][key] == value, plugin
        request = urllib.request.Request(url + "lab/api/translations/zh_CN", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            strings = json.load(response)["data"]
        assert strings["jupyterlab"]["Help"] == ["帮助"]  # the zh-CN language pack is there
    except Exception:
        print(log.read_text(errors="replace")[-3000:])
        raise
    finally:
        stop_process_group(process)
    assert process.poll() is not None


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
