"""Every learner-facing string of the quiz engine, in Simplified Chinese, in one place.

Other modules never write Chinese text of their own: they format these templates. A template
with ``{name}`` fields is filled with :meth:`str.format`.
"""

# -- symbols: right and wrong are always shown in words AND a symbol, never by colour alone -------
MARK_RIGHT = "✔"
MARK_WRONG = "✘"
MARK_PARTIAL = "◐"
MARK_SAVED = "💾"
MARK_WARNING = "⚠"

# -- question-type labels and instructions ---------------------------------------------------------
TYPE_LABELS = {
    "single": "单选题",
    "multiple": "多选题",
    "truefalse": "判断题",
    "matching": "连线题",
    "ordering": "排序题",
    "fill": "填空题",
}
INSTRUCTIONS = {
    "single": "请选择一个答案，然后点击“提交答案”。",
    "multiple": "请选出所有正确的选项（可能不止一项），然后点击“提交答案”。",
    "truefalse": "请判断这句话是否符合文章内容。",
    "matching": "请为左边的每一项，在下拉框中选出与它对应的内容。",
    "ordering": (
        "请按文章中的先后顺序排列下面各项：先在列表中选中一项，"
        "再点击“上移”或“下移”（也可用 Tab 键和方向键操作）。"
    ),
    "fill": "请在输入框中填写答案。全角、半角标点和空格不影响判分，引号可写可不写。",
}

MULTIPLE_RULE = (
    "计分规则：设本题共有 N 个正确选项，每选对一项得 1/N 分，每选错一项扣 1/N 分，"
    "本题最低 0 分；全部选对且没有选错才算完全正确。所以乱选不会多得分。"
)

# -- control labels (visible text, also what screen readers announce) ------------------------------
SUBMIT = "提交答案"
SUBMIT_TOOLTIP = "提交本题答案并查看反馈"
HINT = "提示"
HINT_TOOLTIP = "显示本题的提示"
HINT_PREFIX = "提示："
CHOICE_LABEL = "选项"
TRUE = "对"
FALSE = "错"
TRUEFALSE_LABEL = "判断"
MATCH_PLACEHOLDER = "（请选择）"
ORDER_LIST_LABEL = "当前顺序"
MOVE_UP = "上移"
MOVE_DOWN = "下移"
MOVE_UP_TOOLTIP = "把选中的一项向上移动一位"
MOVE_DOWN_TOOLTIP = "把选中的一项向下移动一位"
FILL_LABEL = "答案"
FILL_PLACEHOLDER = "在这里输入答案"
QUESTION_NUMBER = "第{n}题"

# -- feedback -----------------------------------------------------------------------------------
RIGHT = "回答正确"
WRONG = "回答错误"
PARTIAL = "部分正确（本题得 {score} 分，满分 1 分）"
SAVED = "已保存"
SAVED_DETAIL = "你的答案已保存（第 {n} 次提交）。可以修改后重新提交，以最后一次提交为准。"
SAVED_FINAL = "你的答案已保存（第 {n} 次提交，已用完全部提交次数）。"
TRIES_LEFT = "还可以再试 {n} 次。"
NO_TRIES_LEFT = "已用完全部 {n} 次机会。"
CORRECT_ANSWER = "正确答案："
YOUR_ANSWER = "你的答案："
EXPLANATION = "解析："
SOURCE = "出处：{label}"
EMPTY_ANSWER = "请先作答，再点击“提交答案”。"
MATCH_INCOMPLETE = "请为左边的每一项都选出对应的内容，再提交。"
INTERNAL_ERROR = "⚠ 出错了，这次提交没有完成（{error}）。请告诉培训管理员。"
RESTORED = "（已恢复你上次的答案）"

# -- a question as plain text: printed instead of its widget under nbgrader (shown in feedback) --
TEXT_QUESTION = "题目："
TEXT_OPTIONS = "选项："
TEXT_LEFT_ITEMS = "需要配对的项："

# -- article section labels used in 「出处」 --------------------------------------------------------
# The article has an editor's note, a lead paragraph, three headed parts and a closing sentence.
# The headed parts are numbered in the article's order: 第一部分, 第二部分, 第三部分.
PART_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
PART_LABEL = "第{numeral}部分 {title}"

# -- session ------------------------------------------------------------------------------------
PROGRESS = "进度"
PROGRESS_TEXT = "已完成 {done}/{total} 题　得分 {score}/{total}"
SUMMARY_BUTTON = "查看总结"
SUMMARY_TOOLTIP = "显示每道题的答案、对错和需要复习的章节"
SUMMARY_TITLE = "答题总结"
RESET = "重新开始"
RESET_TOOLTIP = "清除本组题目的所有答案，重新作答"
RESET_DONE = "已清除本组题目的答案，可以重新作答。"
FINISHED = "全部完成！得分 {score}/{total}。下面是答题总结。"
COL_NUMBER = "题号"
COL_QUESTION = "题目"
COL_ANSWER = "你的答案"
COL_RESULT = "结果"
COL_SCORE = "得分"
COL_REVIEW = "复习章节"
RESULT_RIGHT = "✔ 正确"
RESULT_WRONG = "✘ 错误"
RESULT_PARTIAL = "◐ 部分正确"
RESULT_NONE = "未作答"
RESULT_SAVED = "已保存"
NOT_ANSWERED = "—"
PRACTICE_TITLE = "练习"

# -- answer store problems --------------------------------------------------------------------
STORE_CORRUPT = (
    "⚠ 注意：答题记录文件 {path} 已损坏，无法读取。原文件已原样保留为 {aside}，"
    "请告诉培训管理员。新的答案会记在一个新文件里。"
)
STORE_UNWRITABLE = "⚠ 注意：答案无法保存到 {path}（{reason}）。请告诉培训管理员。"
NOTHING_MATCHES = "没有找到与 {what} 相关的练习题。"

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
RESTORE_RERUN = "本页的练习题已显示恢复的答案；其他已打开的课程页面，请重新运行（菜单“运行 → 运行全部单元格”）。"
WIDGETS_MISSING = (
    "如果你看到的是这行文字，而不是按钮和选项，说明 JupyterLab 的交互控件没有加载："
    "请刷新浏览器页面；仍然不行，请运行《课程指南》第一个单元格的环境检查。"
)
