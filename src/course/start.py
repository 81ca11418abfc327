"""The first-run check of the course guide's first cell.

:func:`first_run` shows, in Chinese, the ``course doctor`` checks (reused as they are), whether
answers can be saved here, and -- on Binder -- that the session keeps nothing, with the
download / upload bar right there. The report itself is plain HTML, not a widget, so that it
shows even when JupyterLab's widget extension is what is broken.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

TITLE = "第一次打开课程：环境检查"
STORE_OK = "答案保存位置：{folder}（可以写入）"
STORE_PROBLEM = (
    "答案无法保存到 {folder}（{reason}）：提交的答案会丢失。"
    "解决办法：请告诉培训管理员，需要让这个文件夹可以写入。"
)
BINDER_NOTE = (
    "你正在 Binder（mybinder.org）上学习。这里不需要账号，但会话不保存任何内容："
    "大约 10 分钟无操作，会话就会被关闭，笔记本和答案都会消失。"
    "离开前请点击下面的“下载全部答案”保存文件；下次打开新的会话后，在这里点击“上传答案文件”即可恢复。"
)
NEXT_OK = "可以开始学习了：请继续往下阅读，依次运行后面的单元格。"
NEXT_PROBLEM = "请先按上表中的“解决办法”处理，处理后重新运行本单元格；如果解决不了，请把本页截图发给培训管理员。"


def store_check(folder: Path | None = None) -> tuple[bool, str]:
    """Can answers be written to the practice store's folder? Returns (ok, Chinese line).
    Creates the folder if needed and a temporary file that is removed at once."""
    from course.answers import default_practice_path

    folder = folder or default_practice_path().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as exc:
        return False, STORE_PROBLEM.format(folder=folder, reason=exc.strerror or exc)
    return True, STORE_OK.format(folder=folder)


def report_html(results=None, store: tuple[bool, str] | None = None, binder: bool = False) -> str:
    """The first-run report as HTML (pure given its inputs; runs the checks if not given)."""
    from course.doctor import render_html, run_checks
    from course.doctor.render import render_first_run

    results = run_checks() if results is None else results
    store = store or store_check()
    ok = store[0] and all(r.ok for r in results)
    next_step = NEXT_OK if ok else NEXT_PROBLEM
    note = BINDER_NOTE if binder else ""
    return render_first_run(TITLE, render_html(results), store, next_step, note)


def first_run(results=None) -> None:
    """Display the first-run report of ``results`` (``course.doctor.run_checks()``; run now if
    not given); on Binder also the download / upload bar. Returns nothing."""
    from IPython.display import HTML, display

    from course.portability.widget import on_binder

    binder = on_binder()
    display(HTML(report_html(results, binder=binder)))
    if binder:
        from course.portability.widget import BackupBar

        display(BackupBar(full=True))
