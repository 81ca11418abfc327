"""Every Chinese string of the graded quizzes (what trainees read, and the labels of the
instructor's status table), in one place.

Templates with ``{name}`` fields are filled with :meth:`str.format`.
"""

# -- the set-up panel at the top of a graded quiz -------------------------------------------------
PANEL_TITLE = "测验须知"
PANEL_HOW = (
    "每道题作答后请点击“提交答案”。你的答案会立即保存在本文件夹的 {file} 文件中，"
    "重启内核或关闭页面都不会丢失；测验中不显示对错，提交后由教员评分。"
    "请勿删除或修改 {file}。"
)
PANEL_SUBMIT_HUB = "在培训平台上：全部答完并保存笔记本（Ctrl+S）后，在“Assignments（作业）”列表中点击“Submit（提交）”。"
PANEL_SUBMIT_OFFLINE = (
    "没有培训平台（例如在 Binder 或自己的电脑上）：先保存笔记本（Ctrl+S），"
    "填写你的学员编号，再点击“生成提交文件”，下载生成的压缩包并交给教员。"
    "压缩包里是最后一次保存的笔记本和 {file}，所以请先保存。"
)
TRAINEE_LABEL = "学员编号"
TRAINEE_PLACEHOLDER = "例如 zhangsan"
MAKE_ZIP = "生成提交文件"
MAKE_ZIP_TOOLTIP = "把已保存的笔记本和答题记录打包成一个 .zip 文件"
ZIP_READY = "已生成提交文件 {name}（{size} 字节）。请点击下载，或在左侧文件列表中右键点击它选择“Download（下载）”："
ZIP_NEED_ID = "请先填写学员编号（只能包含字母、数字、点和连字符）。"
ZIP_FAILED = "⚠ 无法生成提交文件：{reason}。请告诉培训管理员。"

# -- the visible part of each test cell --------------------------------------------------------
RECORDED = "◆ 本题答案已保存（{when}），提交后由教员评分。"
NOT_RECORDED = "本题尚未作答：请在上方作答并点击“提交答案”。"
RECORD_PROBLEM = "⚠ 答题记录文件 {file} 无法读取（{problem}）。请告诉培训管理员。"

# -- what grading prints (it appears in the trainee's feedback) ----------------------------------
YOUR_ANSWER = "你的答案："
NOT_ANSWERED = "未作答"
UNREADABLE_ANSWER = "（答案格式无法识别）"
RESULT_RIGHT = "结果：✔ 正确（得 {got:g} 分，满分 {points:g} 分）"
RESULT_PARTIAL = "结果：◐ 部分正确（得 {got:g} 分，满分 {points:g} 分）"
RESULT_WRONG = "结果：✘ 不正确（得 0 分，满分 {points:g} 分）"
RESULT_BLANK = "结果：未作答（得 0 分，满分 {points:g} 分）"
EXPLANATION = "解析："
ANSWERS_MISSING = "没有找到答题记录文件 {file}，无法为本题评分。请联系培训管理员。"
ANSWERS_CORRUPT = "答题记录文件 {file} 已损坏（{problem}），无法为本题评分。请联系培训管理员。"

# -- what replaces a trainee-added code cell during autograde ------------------------------------
QUARANTINED = "学员添加的代码单元格：评分时不运行（原内容保留在下面的注释中）。"

# -- `course grading status`: the instructor's table (status codes stay English) ------------------
STATUS_LABELS = {
    "check-failed": "无法检查（原因见说明）",
    "bad-id": "学员编号不可用",
    "unreadable": "笔记本无法读取",
    "no-notebook": "提交中没有笔记本",
    "not-autograded": "未能自动评分",
    "not-executed": "评分未完成：笔记本没有运行",
    "no-score": "成绩簿中缺少得分",
    "timed-out": "有单元格运行超时",
    "answers-corrupt": "答题记录已损坏",
    "answers-missing": "缺少答题记录",
    "tampered": "评分单元格被删除或改动（已恢复后评分）",
    "unanswered": "已评分：一题未答",
    "incomplete": "已评分：部分未答",
    "graded": "已评分",
}
STATUS_HEADERS = {
    "trainee": "学员 trainee",
    "status": "状态 status",
    "score": "得分 score",
    "answered": "作答 answered",
    "details": "说明 details",
}
