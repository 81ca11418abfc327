"""``course setup learner`` (Binder's postBuild) and the course guide's first-run report.

The whole set-up in a fresh environment with the language pack is tested in test_binder.py;
these tests cover its parts in the shared environment, with a temporary home and config folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from course.doctor import Check
from course.setup.learner import (
    NOTIFICATION_PLUGIN,
    TRANSLATION_PLUGIN,
    language_pack_installed,
    learner_overrides,
    setup_learner,
    write_overrides,
)
from course.start import BINDER_NOTE, NEXT_OK, NEXT_PROBLEM, report_html, store_check

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def user(tmp_path, monkeypatch) -> Path:
    """A temporary home and Jupyter config folder for this user."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "home" / ".jupyter"))
    return tmp_path / "home" / ".jupyter"


def test_overrides_are_merged_into_what_is_there(tmp_path):
    path = tmp_path / "overrides.json"
    path.write_text(
        json.dumps({NOTIFICATION_PLUGIN: {"doNotDisturbMode": True}, "@other/plugin:x": {"a": 1}})
    )
    write_overrides(tmp_path, learner_overrides(chinese=True))
    data = json.loads(path.read_text())
    assert data["@other/plugin:x"] == {"a": 1}
    assert data[NOTIFICATION_PLUGIN] == {
        "doNotDisturbMode": True,
        "fetchNews": "false",
        "checkForUpdates": False,
    }
    assert data[TRANSLATION_PLUGIN] == {"locale": "zh_CN"}
    assert TRANSLATION_PLUGIN not in learner_overrides(chinese=False)


def test_a_broken_overrides_file_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "overrides.json"
    path.write_text("[1, 2]")
    with pytest.raises(ValueError, match="JSON object"):
        write_overrides(tmp_path, learner_overrides())
    assert path.read_text() == "[1, 2]"


def test_setup_hides_instructor_tools_for_this_user(user, tmp_path):
    done = setup_learner(
        chinese=False, settings_dir=tmp_path / "settings", config_dir=tmp_path / "etc"
    )
    assert any("formgrader" in line for line in done)
    hook = json.loads((tmp_path / "etc/jupyter_server_config.d/course-lab.json").read_text())
    assert hook == {"ServerApp": {"jpserver_extensions": {"course.lab.server": True}}}
    overrides = json.loads((tmp_path / "settings" / "overrides.json").read_text())
    assert overrides[NOTIFICATION_PLUGIN]["fetchNews"] == "false"
    page_config = json.loads((user / "labconfig" / "page_config.json").read_text())
    disabled = page_config["disabledExtensions"]
    assert (
        disabled["@jupyter/nbgrader:formgrader"] and disabled["@jupyter/nbgrader:create-assignment"]
    )
    assert disabled["@jupyter/nbgrader"]  # every nbgrader tool: they are English
    server = json.loads((user / "jupyter_server_config.json").read_text())
    assert (
        server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    )


def test_language_pack_lookup_is_real():
    assert not language_pack_installed("xx_XX")


def _site_without_language_packs(tmp_path: Path) -> list[str]:
    """This environment's import path with the language packs left out: a folder of links to
    every entry of site-packages except the packs' packages and metadata (the course's
    ``src/`` comes first, as its editable install puts it)."""
    import course

    site = Path(next(p for p in sys.path if p.endswith("site-packages")))
    shadow = tmp_path / "site-without-packs"
    shadow.mkdir()
    for entry in site.iterdir():
        if "language_pack" not in entry.name.lower().replace("-", "_"):
            (shadow / entry.name).symlink_to(entry)
    return [str(Path(course.__file__).parent.parent), str(shadow)]


def test_setup_refuses_chinese_without_the_language_pack(user, tmp_path):
    path = _site_without_language_packs(tmp_path)
    check = "from course.setup.learner import language_pack_installed as f; print(f())"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    without = subprocess.run(
        [sys.executable, "-S", "-c", check], env=env, capture_output=True, text=True, check=True
    )
    assert without.stdout.strip() == "False"  # the environment really lacks the pack
    proc = subprocess.run(
        [
            sys.executable,
            "-S",
            "-m",
            "course",
            "setup",
            "learner",
            "--settings-dir",
            str(tmp_path / "settings"),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "jupyterlab-language-pack-zh-cn" in proc.stderr, proc.stderr
    assert not (tmp_path / "settings").exists() and not user.exists()  # nothing written


OK = [Check("python", True, "Python 3.11"), Check("course_data", True, "6 sections")]


def test_first_run_report_all_well(tmp_path):
    page = report_html(OK, store=store_check(tmp_path / "answers"))
    assert NEXT_OK in page and BINDER_NOTE not in page and "可以写入" in page


def test_first_run_report_says_what_to_do(tmp_path):
    broken = [
        *OK,
        Check("cjk_font", False, "no CJK font", "请管理员执行 apt-get install fonts-wqy-microhei"),
    ]
    page = report_html(broken, store=store_check(tmp_path / "answers"), binder=True)
    assert NEXT_PROBLEM in page and "fonts-wqy-microhei" in page and BINDER_NOTE in page


def test_unwritable_answer_folder_is_a_problem(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    ok, line = store_check(blocker / "answers")  # a file where a folder should be
    assert not ok and CJK.search(line) and "培训管理员" in line
    page = report_html(OK, store=(ok, line))
    assert NEXT_PROBLEM in page
