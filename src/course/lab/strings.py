"""Every learner-facing string of the course's JupyterLab (``course lab``, the save hook), in
Simplified Chinese, in one place. Templates with ``{name}`` fields are filled with
:meth:`str.format`."""

# -- what a saved lesson shows where a quiz was (see course.lab.savehook) -------------------------
RERUN_TITLE = "这里是练习题"
RERUN = (
    "重新打开笔记本或刷新页面后，练习题需要再运行一次才会显示："
    "点一下这个单元格，按 Shift + Enter（或使用菜单「运行」→「运行所有单元格」）。"
    "你已经提交的答案都保存着，运行后会自动恢复。"
)

# -- course lab, in the terminal -------------------------------------------------------------------
STARTING = "正在启动 JupyterLab（你的课程笔记本在 {workspace}）… 按 Ctrl-C 两次可停止。"
NO_LESSONS = (
    "找不到课程的 lessons 文件夹：请在课程目录（包含 pyproject.toml 的文件夹）中运行 "
    "make lab 或 course lab。\n"
    "Cannot find the lessons/ folder: run this from the course checkout."
)
STARTING_INSTRUCTOR = (
    "正在启动教员的 JupyterLab（课程文件夹 {course}，菜单 Nbgrader → Formgrader 评分）… "
    "按 Ctrl-C 两次可停止。"
)
NO_COURSE = "找不到测验课程文件夹。\n{error}"
NO_QUIZZES = "这份课程没有测验文件夹（{folder}），本次只打开课程笔记本。"
COPIED = "已复制课程笔记本：{names}"
UPDATED = "课程更新了这些笔记本，已换成新版本：{names}"
KEPT_OLD = "课程更新了《{name}》；你改动过的旧版本保存在 {old}"
