"""``course doctor`` on this machine and on deliberately broken environments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course import kb
from course.doctor import Check, render_html, render_text
from course.doctor.checks import check_course_data

BIN = Path(sys.executable).parent


def doctor(env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "course", "doctor"],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("[问题]")]


def test_doctor_passes_on_this_machine():
    result = doctor()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "全部正常" in result.stdout
    assert problem_lines(result.stdout) == []


@pytest.mark.slow
@pytest.mark.parametrize("extension", ["@jupyter-widgets/jupyterlab-manager", "anywidget"])
def test_doctor_reports_disabled_widgets_extension(tmp_path, extension):
    env = {"JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config")}
    subprocess.run(
        [str(BIN / "jupyter"), "labextension", "disable", "--level=user", extension],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "jupyter-config" / "labconfig" / "page_config.json").is_file()

    result = doctor(env)

    assert result.returncode == 1
    problems = problem_lines(result.stdout)
    assert len(problems) == 1 and "widgets_extension" in problems[0], result.stdout
    assert "已停用" in problems[0] and f"(en) {extension}" in result.stdout
    assert "练习题只会显示一行文字" in result.stdout
    assert f"jupyter labextension enable {extension}" in result.stdout
    assert "发现 1 个问题" in result.stdout


CJK_MARKERS = ("CJK", "WenQuanYi", "Han Sans", "Noto Sans SC", "SimHei", "YaHei", "PingFang")


@pytest.mark.slow
def test_doctor_reports_missing_cjk_font(tmp_path):
    """A font cache built before the CJK fonts were installed (the usual real-world cause):
    matplotlib trusts its cache, so the fonts stay invisible until the cache is deleted."""
    env = {"MPLCONFIGDIR": str(tmp_path / "mpl")}
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.font_manager"],
        env={**os.environ, **env},
        check=True,
        timeout=300,
    )
    (cache,) = (tmp_path / "mpl").glob("fontlist-*.json")
    data = json.loads(cache.read_text(encoding="utf-8"))
    before = len(data["ttflist"])
    data["ttflist"] = [
        font for font in data["ttflist"] if not any(m in font["name"] for m in CJK_MARKERS)
    ]
    assert len(data["ttflist"]) < before, "this machine should have CJK fonts installed"
    cache.write_text(json.dumps(data), encoding="utf-8")

    result = doctor(env)

    assert result.returncode == 1
    problems = problem_lines(result.stdout)
    assert len(problems) == 1 and "cjk_font" in problems[0], result.stdout
    assert "中文会显示成方框" in result.stdout
    assert "apt-get install fonts-wqy-microhei" in result.stdout
    assert str(tmp_path / "mpl") in result.stdout  # names the cache folder to clear


def test_course_data_problem_is_reported_with_its_message(tmp_path):
    bad = tmp_path / "article.yaml"
    bad.write_text("schema_version: 1\nsections: []\n", encoding="utf-8")

    check = check_course_data(lambda: kb.load_file(bad))

    assert not check.ok
    assert str(bad) in check.detail
    assert "课程维护者" in check.fix_zh
    assert check_course_data().ok


def test_renderings_show_problems_with_fix():
    results = [
        Check("python", True, "Python 3.11.7"),
        Check("cjk_font", False, "no <CJK> font", "装字体"),
    ]
    text = render_text(results)
    assert "[ OK ] python" in text and "[问题] cjk_font" in text
    assert "解决办法：装字体" in text and "发现 1 个问题" in text
    page = render_html(results)
    assert "no &lt;CJK&gt; font" in page and "装字体" in page
    assert page.count("<tr>") == 2


@pytest.mark.slow
def test_doctor_accepts_a_trainee_lab_that_hides_nbgrader_tools(tmp_path):
    """``course lab`` hides nbgrader's (English) JupyterLab tools from trainees; the guide's
    check, which runs in that lab's kernel, must not call that a problem."""
    from course.lab.profiles import TRAINEE, write_config

    config = write_config(TRAINEE, tmp_path / "trainee")
    result = doctor({"JUPYTER_CONFIG_DIR": str(config)})
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if "nbgrader_extensions" in x)
    assert line.startswith("[ OK ]") and "不显示" in line
