"""Every string of the quiz centre the trainee reads, in Simplified Chinese, in one place.
Templates with ``{name}`` fields are filled with :meth:`str.format`."""

TITLE = "正式测验中心"
INTRO = (
    "这里列出培训管理员发布的正式测验。每个测验按这几步完成："
    "①「获取」：把测验复制到你的文件夹；②「打开」：在新标签页中打开测验，运行全部单元格后逐题作答；"
    "③ 答完后先保存测验笔记本（Ctrl+S），再回到这里点「提交」；"
    "④ 培训管理员评分并发回反馈后，点「获取反馈」，再点「查看反馈」阅读每题的得分和解析。"
)
REFRESH = "刷新列表"
REFRESH_TOOLTIP = "重新读取已发布的测验和你的提交记录"
NONE_RELEASED = "目前还没有发布的正式测验。培训管理员发布后，点「刷新列表」即可看到。"
LOADING = "正在读取测验列表…"

# -- one quiz -----------------------------------------------------------------------------------
QUIZ_TITLE = "测验 {assignment}"
#: The title when the trainee sees quizzes of more than one course.
QUIZ_TITLE_COURSE = "测验 {assignment}（课程 {course}）"
STATE_RELEASED = "已发布，尚未获取"
STATE_FETCHED = "已获取，尚未提交"
STATE_SUBMITTED = "已提交（共 {n} 次）"
SUBMITTED_AT = "最近一次提交：{when}"
FEEDBACK_READY = "反馈已发回，请点「获取反馈」。"
FEEDBACK_NEW = "反馈有更新，请点「获取反馈」。"
FEEDBACK_WAITING = "尚无反馈：培训管理员评分后会发回。"
FEEDBACK_HERE = "反馈已获取。"
FETCH = "获取"
FETCH_TOOLTIP = "把这个测验复制到你的文件夹"
OPEN = "打开"
SUBMIT = "提交"
SUBMIT_AGAIN = "再次提交"
SUBMIT_TOOLTIP = "提交前请先保存测验笔记本（Ctrl+S）；可以多次提交，以最后一次为准"
CHECK = "检查作答"
CHECK_TOOLTIP = "看看已经保存了几道题的答案（不显示对错）"
GET_FEEDBACK = "获取反馈"
GET_FEEDBACK_TOOLTIP = "取回培训管理员发回的评分和解析"
VIEW_FEEDBACK = "查看反馈"

# -- what a click did ----------------------------------------------------------------------------
FETCHED = "已获取测验 {assignment}，保存在 {folder}。请点「打开」作答。"
SUBMITTED = (
    "已提交测验 {assignment}，提交时间 {when}。答案有改动时可以「再次提交」，以最后一次提交为准。"
)
FEEDBACK_FETCHED = "已获取反馈，请点「查看反馈」。"
FEEDBACK_NONE = "还没有发回的反馈：培训管理员评分并发回后再来获取。"
CHECKED = "{n} 道答题控件题中已保存 {saved} 道答案。"
CHECKED_MISSING = "尚未保存答案：{numbers}。请打开测验，在这些题下作答并点击“提交答案”。"
CHECKED_REFLECTION = "思考题：{state}。"
REFLECTION_WRITTEN = "已填写（以最后一次保存的笔记本为准）"
REFLECTION_EMPTY = "尚未填写，或填写后还没有保存笔记本（Ctrl+S）"
CHECK_NOTE = "这里只检查是否已作答，不判断对错；评分由培训管理员在提交后进行。"
NEED_ID = "还没有确认学员编号：请先「打开」测验，运行全部单元格，在“测验须知”中确认学员编号并作答，再来提交。"
UNEXPECTED = "操作没有完成。请点「刷新列表」后重试；仍然出错，请告诉培训管理员。"
TECHNICAL = "技术信息（请转告培训管理员）："

# -- failures (DeskError) ------------------------------------------------------------------------
NO_EXCHANGE = "找不到发布测验的共享文件夹，暂时无法获取或提交测验。请告诉培训管理员。"
BAD_ID = "学员编号“{trainee}”不能用于提交。请告诉培训管理员。"
STEP_FAILED = {
    "List": "读取测验列表时出错。请稍后点「刷新列表」重试；仍然出错，请告诉培训管理员。",
    "FetchAssignment": "获取测验时出错。请稍后重试；仍然出错，请告诉培训管理员。",
    "Submit": "提交没有完成。请先保存测验笔记本再重试；仍然出错，请告诉培训管理员。",
    "FetchFeedback": "获取反馈时出错。请稍后重试；仍然出错，请告诉培训管理员。",
}
