"""What the learner sees of the answers file (download / upload / restore), in Simplified Chinese."""

from course.quiz.strings import WIDGETS_MISSING  # one text for every widget that cannot render

# -- keeping one's work: the answers file (download / upload) ------------------------------------
BACKUP_TITLE = "保存与恢复你的答案"
BACKUP_EXPLAIN = (
    "点击“下载全部答案”，把你做过的全部练习题和正式测验的答案保存成一个文件（.zip），"
    "留在自己的电脑上。以后在新的会话中，用“上传答案文件”选择这个文件，答案就会恢复。"
)
BACKUP_BINDER = (
    "⚠ 你正在 Binder（mybinder.org）上学习：这里的会话不保存任何内容，大约 10 分钟无操作就会被关闭，"
    "关闭后笔记本和答案都会消失。离开前请务必点击“下载全部答案”。"
)
BACKUP_BINDER_SHORT = "⚠ Binder 会话不保存任何内容：离开前请点击“下载全部答案”。"
BACKUP_DOWNLOAD = "⬇ 下载全部答案"
BACKUP_DOWNLOAD_TOOLTIP = "把练习题和正式测验的全部答案下载为一个文件"
BACKUP_CONTENTS = "（{practice} 道练习题的答案{graded}，{time} 生成）"
BACKUP_CONTENTS_GRADED = "、正式测验 {names}"
BACKUP_FAILED = "⚠ 答案文件没有生成（{reason}）。你的答案仍保存在本会话中；请告诉培训管理员。"
BACKUP_UPLOAD = "上传答案文件"
BACKUP_UPLOAD_TOOLTIP = "选择以前下载的答案文件（.zip），恢复其中的答案"
BACKUP_NOT_ZIP = "这个文件不是答案文件（不是 .zip 压缩文件）。请选择“下载全部答案”得到的文件。"
BACKUP_NOT_OURS = (
    "这个文件不是本课程的答案文件。请选择“下载全部答案”得到的文件（course-answers-….zip）。"
)
BACKUP_NEWER = (
    "这个答案文件的格式（版本 {version}）本课程不认识，可能来自更新的课程版本。请告诉培训管理员。"
)
BACKUP_BAD_PART = (
    "答案文件已损坏（{part} 无法读取）。没有做任何改动。请换一个答案文件，或告诉培训管理员。"
)
BACKUP_TOO_BIG = "这个文件太大，不是本课程的答案文件。没有做任何改动。"
BACKUP_ERROR = "✘ 没有恢复：{reason}"
RESTORE_DONE = "✔ 已恢复答案文件：新增 {added} 道题的答案，更新 {updated} 道题的答案。"
RESTORE_NOTHING_NEW = "✔ 已读取答案文件：其中的答案本会话都已经有了，没有需要恢复的内容。"
RESTORE_KEPT_NEWER = "有 {n} 道题你在本会话中的答案更新，已保留本会话的答案。"
RESTORE_GRADED = "正式测验文件夹：{folders}。"
RESTORE_SET_ASIDE = "同名但内容不同的笔记本已另存为：{files}。"
RESTORE_RERUN = "本页的练习题已显示恢复的答案；其他已打开的课程页面，请重新运行（菜单「运行」→「运行所有单元格」）。"

__all__ = ["WIDGETS_MISSING"]
