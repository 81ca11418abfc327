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
PANEL_SUBMIT_CENTRE = (
    "全部答完后先保存笔记本（Ctrl+S），再回到课程指南（00_course_guide.ipynb）的"
    "「正式测验中心」点击「提交」。"
)
PANEL_SUBMIT_OFFLINE = (
    "没有培训平台（例如在 Binder 或自己的电脑上）：先保存笔记本（Ctrl+S），"
    "填写你的学员编号，再点击“生成提交文件”，下载生成的压缩包并交给教员。"
    "压缩包里是最后一次保存的笔记本和 {file}，所以请先保存。"
)
TRAINEE_LABEL = "学员编号"
TRAINEE_PLACEHOLDER = "例如 zhangsan"
PANEL_PAPER_FIXED = "本测验的题目已按学员编号 {trainee} 抽取（编号来自培训平台的登录账号）。"
PANEL_PAPER_CONFIRMED = "本测验的题目已按学员编号 {trainee} 抽取。生成的提交文件也用这个编号。"
PANEL_PAPER_ASK = (
    "请先填写你的学员编号并点击“确认学员编号”，题目随后显示。每位学员的题目按编号抽取，"
    "提交文件也用这个编号，所以请填写教员登记的编号；在培训平台上提交时，编号就是你的登录账号。"
)
CONFIRM_ID = "确认学员编号"
CONFIRM_ID_TOOLTIP = "按这个学员编号抽取本测验的题目"
CHANGE_ID = "更换学员编号"
CHANGE_ID_TOOLTIP = "尚未作答时可以更换学员编号"
ID_NEEDED = "请填写学员编号（培训管理员登记的编号，例如 zhangsan）。"
ID_RULE = (
    "学员编号只能用英文字母、数字、点（.）、下划线（_）和连字符（-），以英文字母或数字开头，"
    "最多 64 个字符，例如 zhangsan 或 zhang-san。请填写培训管理员登记的编号。"
)
ID_NOT_LATIN = "“{typed}”里有汉字或全角字符（{chars}）。" + ID_RULE
ID_BAD_CHARS = "学员编号里不能有 {chars}。" + ID_RULE
ID_BAD_START = "学员编号要以英文字母或数字开头（“{typed}”以“{first}”开头）。" + ID_RULE
ID_TOO_LONG = "学员编号太长（{n} 个字符）。" + ID_RULE
ID_LOCKED = "已经按学员编号 {trainee} 作答，不能再更换编号（答案属于这份题目）。如编号填错，请联系培训管理员。"
ID_SAVE_FAILED = "⚠ 无法保存学员编号：{reason}。请告诉培训管理员。"
ZIP_NEED_PAPER = "请先确认学员编号并作答，再生成提交文件。"
MAKE_ZIP = "生成提交文件"
MAKE_ZIP_TOOLTIP = "把已保存的笔记本和答题记录打包成一个 .zip 文件"
ZIP_READY = (
    "已生成提交文件 {name}（{size} 字节）。请点击下载，或在左侧文件列表中右键点击它选择「下载」："
)
ZIP_FAILED = "⚠ 无法生成提交文件：{reason}。请告诉培训管理员。"

# -- the visible part of each test cell --------------------------------------------------------
RECORDED = "◆ 本题答案已于 {when}保存，提交后由教员评分。"
NOT_RECORDED = "本题尚未作答：请在上方作答并点击“提交答案”。"
RECORD_PROBLEM = "⚠ 答题记录文件 {file} 无法读取（{problem}）。请告诉培训管理员。"
NO_TRAINEE_YET = "请先在上方“测验须知”中确认学员编号，本题随后显示。"
NOT_STARTED = "请先运行测验开头的单元格（菜单「运行」→「运行所有单元格」）。"

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
ANSWERS_OTHER_PAPER = (
    "答题记录文件 {file} 里有不属于学员 {trainee} 这份题目的答案（{questions}），"
    "可能来自另一名学员的题目，因此本题不评分。请联系培训管理员。"
)

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
    "other-paper": "答题记录属于另一份题目（未按本人评分）",
    "answers-corrupt": "答题记录已损坏",
    "answers-missing": "缺少答题记录",
    "tampered": "评分单元格被删除或改动（已恢复后评分）",
    "unanswered": "已评分：一题未答",
    "incomplete": "已评分：部分未答",
    "graded": "已评分",
}
#: The details column of ``course grading status`` (the instructor reads them in Chinese; the
#: status codes stay English and stable). Templates filled with :meth:`str.format`.
STATUS_DETAILS = {
    "check-failed": "无法检查：{error}",
    "manual": "主观题等待人工评分（在 Formgrader 中评分）",
    "bad-id": "{error}：请把它的文件夹改成普通编号后重新收取",
    "not-autograded": "没有自动评分后的 {name}.ipynb（自动评分失败或尚未运行）",
    "no-score": "成绩簿中没有 {cells} 的得分：请重新自动评分",
    "no-submission": "已自动评分，但成绩簿中没有该学员的提交：请重新自动评分",
    "symlink": "{where} {name} 是符号链接（未跟随）",
    "no-notebook": "没有提交 {name}",
    "unreadable": "{where} {name} 无法读取（{error}）",
    "missing-cells": "缺少单元格：{cells}",
    "changed-cells": "单元格被改动：{cells}",
    "added-cells": "学员添加了 {count} 个代码单元格，{ran}",
    "added-ran": "这些代码运行了",
    "added-not-run": "这些代码未运行",
    "not-executed": "自动评分后的 {name}.ipynb 没有运行（自动评分被中断？）：{cells}；请重新自动评分",
    "timed-out": "运行超时：{cells}",
    "answers-missing": "缺少 {file}",
    "answers-corrupt": "{file}：{problem}",
    "unanswered": "一题未答",
    "incomplete": "未答：{questions}",
    "other-paper": "{file} 中的答案不属于该学员的题目（{questions}）{owners}：都没有按该学员评分",
    "other-paper-owners": "；这些题目在 {trainees} 的试卷上",
}
#: Where a notebook was looked at, in the details.
STATUS_WHERE = {"submitted": "提交的", "autograded": "自动评分后的"}
STATUS_HEADERS = {
    "trainee": "学员 trainee",
    "status": "状态 status",
    "score": "得分 score",
    "answered": "作答 answered",
    "details": "说明 details",
}

# -- the generated notebook (course quizzes build): what every graded quiz says around its questions
NB_COUNT = (
    "本测验共 {n} 题，满分 {total:g} 分：前 {auto} 题用答题控件作答，最后一道是思考题。"
    "每位学员的题目从题组中按学员编号抽取，不同学员抽到的题目一般不同；同一名学员重新打开、"
    "重新获取或换一台电脑，题目都不变。每位学员的题数和各部分分值都相同。"
)
NB_SCORING = (
    "**怎样评分**：点击“提交答案”只是保存答案，测验中不显示对错。你提交整份测验后，由教员收卷评分："
    "答题控件作答的题目由程序按答案评分，思考题由教员人工评分。成绩和每题的解析要等教员发回反馈后才能看到。"
)
NB_STEPS = (
    "**操作步骤**：先运行全部单元格（菜单「运行」→「运行所有单元格」），在下方“测验须知”中核对或填写学员编号，"
    "再逐题作答并点击“提交答案”。"
)
NB_SOURCE = "出处：{citation}"
# the first line of each code cell: JupyterLab shows only that line of a hidden input
NB_LABEL_SETUP = "# 测验准备：运行后显示“测验须知”，只需运行，不需要修改"
NB_LABEL_ASK = "# 第{n}题：运行后显示题目"
NB_LABEL_RECORDED = "# 第{n}题：运行后显示答案是否已保存"
NB_HEADING = "### 第{n}题（{points:g} 分）"
NB_REFLECTION_HEADING = "### 第{n}题 思考题（{points:g} 分，教员评分）"
NB_ANSWER_STUB = "请在这里写下你的回答（双击本单元格即可编辑，写完后按 Shift+Enter）。"
NB_RUBRIC_NOTE = "**评分说明**：本题由教员人工评分，评分说明在提交后由教员查看。"
NB_CLOSING = (
    "### 完成之后\n\n全部答完后，请先保存笔记本（Ctrl+S），再回到课程指南（00_course_guide.ipynb）的"
    "「正式测验中心」点击「提交」。没有测验中心时（例如在 Binder 上），按上方“测验须知”生成提交文件。"
)
