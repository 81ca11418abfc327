"""Binder: the Dockerfile repo2docker would build, and that build replayed without Docker (a fresh
virtual environment, a temporary home; see ``tests/support/binder.py``).

In the result: JupyterLab serves with the Chinese interface and no news pop-up, the instructor
tools are absent, every lesson executes; and a learner in a real Chromium opens the launch path,
runs the course guide, answers a practice question, downloads the answers file, and brings the
answers back by uploading it into a fresh session. Screenshots: ``test-artifacts/binder-*.png``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from course.portability.restore import read
from tests.support import run_all, wait_kernel_idle
from tests.support.binder import REPO, build_image, runtime_python, start_session_lab
from tests.support.browser import reveal

ARTIFACTS = REPO / "test-artifacts"
LAUNCH_PATH = "lab/tree/lessons/00_course_guide.ipynb"  # the README's ?urlpath=
QUESTION = ".quiz-q-note_series_start"  # the guide's practice question (true/false, answer 对)


def test_repo2docker_dockerfile_has_our_steps():
    proc = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(REPO)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert f"python={runtime_python()}" in out  # binder/runtime.txt
    assert "apt-get install --yes --no-install-recommends fonts-wqy-microhei" in out
    copy = out.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    pip = out.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    post = out.index("RUN ./binder/postBuild")
    assert copy < pip < post  # `.` is a local reference: installed after the repository copy


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    image = build_image(tmp_path_factory.mktemp("binder-image"))
    print("\nBinder build replayed:", {k: f"{v:.1f} s" for k, v in image.timings.items()})
    return image


def _default(body: str, key: str):
    return json.loads(body)["schema"]["properties"][key]["default"]


@pytest.mark.slow
def test_image_serves_chinese_interface_without_news_or_instructor_tools(image, tmp_path):
    overrides = json.loads((image.venv / "share/jupyter/lab/settings/overrides.json").read_text())
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert "全部正常" in image.post_build_output  # postBuild's `course doctor`
    server = start_session_lab(image, image.new_session_home(tmp_path / "home"), tmp_path / "lab")
    try:
        # overrides.json becomes the schema's default, which the frontend composes settings from
        status, body = server.get("lab/api/settings/@jupyterlab/translation-extension:plugin")
        assert status == 200 and _default(body, "locale") == "zh_CN"
        status, body = server.get("lab/api/translations/zh_CN")
        assert status == 200 and json.loads(body)["data"], "no zh_CN language pack served"
        status, body = server.get("lab/api/settings/@jupyterlab/apputils-extension:notification")
        assert _default(body, "fetchNews") == "false" and _default(body, "checkForUpdates") is False
        assert server.get("formgrader")[0] == 404  # instructor server extension off
        disabled = server.page_config().get("disabledExtensions", [])
        assert "@jupyter/nbgrader:formgrader" in disabled
        assert "@jupyter/nbgrader:create-assignment" in disabled
        assert "@jupyter/nbgrader" in disabled  # every nbgrader tool: they are English
        assert "course: widget views are saved as an instruction" in server.log()
    finally:
        server.stop()


_EXECUTE = """
import sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
for name in sys.argv[1:]:
    nb = nbformat.read(name, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(Path(name).parent)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    print(name, "errors:", len(errors), flush=True)
"""


@pytest.mark.slow
def test_every_lesson_executes_in_the_image(image, tmp_path):
    home = image.new_session_home(tmp_path / "home")
    lessons = sorted(str(p) for p in (home / "lessons").glob("*.ipynb"))
    proc = subprocess.run(
        [str(image.bin / "python"), "-c", _EXECUTE, *lessons],
        cwd=home,
        env=image.env(home),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert len(lines) == len(lessons) >= 7 and all(line.endswith("errors: 0") for line in lines)


def _open_launch_path(page, server) -> None:
    """What the README's Binder link does: JupyterLab straight on the course guide."""
    page.goto(f"{server.url}{LAUNCH_PATH}?token={server.token}")
    page.locator(".jp-NotebookPanel").first.wait_for(timeout=90_000)
    wait_kernel_idle(page, 90)


# JupyterLab's notebook windowing hides (display: none) the cells outside the viewport: scroll
# the notebook to the element's cell with JupyterLab's own API, then to the element.


def _run_all(page) -> None:
    """Run All; when the kernel connection dropped meanwhile (seen once under CI: the run never
    ends, the status bar stays on 「正在连接」), reload the page and run all again, as a learner
    would. A second failure fails the test."""
    try:
        run_all(page, timeout=240)
    except TimeoutError:
        page.reload()
        page.locator(".jp-NotebookPanel").first.wait_for(timeout=90_000)
        wait_kernel_idle(page, 90)
        run_all(page, timeout=240)


def _download(page, link, tries: int = 3):
    """Scroll to ``link`` and click it until a download starts; return the download."""
    for attempt in range(tries):
        reveal(link)
        try:
            with page.expect_download(timeout=15_000) as info:
                link.first.click(timeout=5_000)
            return info.value
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def _shot(page, locator, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    reveal(locator)
    path = ARTIFACTS / name
    page.screenshot(path=path)
    return path


def test_learner_journey_download_then_restore_in_a_fresh_session(image, page, tmp_path):
    # -- session 1: launch, first-run check, answer, download --------------------------------
    home1 = image.new_session_home(tmp_path / "session1")
    server = start_session_lab(image, home1, tmp_path / "lab1")
    try:
        _open_launch_path(page, server)
        assert page.locator("#jp-MainMenu").get_by_text("文件", exact=True).count()  # Chinese UI
        assert not page.locator(".jp-Notification-Toast").count()  # no news pop-up
        has = "p => window.jupyterapp.hasPlugin(p)"
        assert not page.evaluate(has, "@jupyter/nbgrader:formgrader")
        assert not page.evaluate(has, "@jupyter/nbgrader:create-assignment")
        _run_all(page)
        first = page.locator(".course-first-run")
        reveal(first)
        assert "全部正常" in first.inner_text() and "会话不保存任何内容" in first.inner_text()
        _shot(page, first, "binder-1-first-run.png")

        question = page.locator(QUESTION).first
        reveal(question)
        question.get_by_label("对", exact=True).check()
        page.wait_for_timeout(300)  # let the value reach the kernel
        question.locator("button.quiz-submit").click()
        reveal(question.locator(".quiz-feedback", has_text="回答正确"))
        # the page's answers-file bars (the first-run one, the guide's own) follow every answer
        bar = page.locator(".course-backup").filter(has_text="1 道练习题").last
        reveal(bar)
        _shot(page, question, "binder-2-practice-feedback.png")
        # the shot scrolled back to the question; the bar is far enough below (past the quiz
        # centre) for JupyterLab's windowing to hide it meanwhile, and outputs that arrive late
        # (a loaded machine) can move it out of the window again: scroll to it, as a person would
        download = _download(page, bar.locator("a.course-backup-link"))
        assert download.suggested_filename.startswith("course-answers-")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
    finally:
        server.stop()
    contents = read(saved.read_bytes())
    assert contents.practice["answers"]["note_series_start"]["answer"] is True

    # -- session 2: a fresh copy of the image; upload the file; answers come back ----------------
    home2 = image.new_session_home(tmp_path / "session2")
    assert not (home2 / ".course-answers").exists()
    server = start_session_lab(image, home2, tmp_path / "lab2")
    try:
        _open_launch_path(page, server)
        _run_all(page)
        question = page.locator(QUESTION).first
        reveal(question)
        assert "已恢复" not in question.locator(".quiz-feedback").inner_text()
        upload = page.locator(".course-backup-upload").first
        reveal(upload)
        with page.expect_file_chooser() as chooser:  # the learner picks the downloaded file
            upload.click()
        chooser.value.set_files(saved)
        status = page.locator(".course-backup-status", has_text="已恢复答案文件").first
        reveal(status)
        reveal(question.locator(".quiz-feedback", has_text="已恢复"))
        assert "回答正确" in question.locator(".quiz-feedback").inner_text()
        assert question.get_by_label("对", exact=True).is_checked()
        reveal(page.locator(".course-backup-contents", has_text="1 道练习题"))
        _shot(page, question, "binder-3-restored.png")
        _shot(page, status, "binder-4-restore-message.png")
    finally:
        server.stop()
    stored = json.loads((home2 / ".course-answers/practice.json").read_text(encoding="utf-8"))
    assert stored["answers"]["note_series_start"]["correct"] is True
