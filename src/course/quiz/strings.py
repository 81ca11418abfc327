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
RESET = "全部重做"
RESET_TOOLTIP = "让本组题目都回到未作答状态，重新作答；以前的作答记录仍然保存"
RESET_DONE = "本组题目已回到未作答状态，可以重新作答。以前的作答记录仍然保存在你的答案文件里。"
RETRY = "再做一次"
RETRY_TOOLTIP = "重新作答这道题；以前的作答记录仍然保存"
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

NOTHING_MATCHES = "没有找到与 {what} 相关的练习题。"

# -- review -------------------------------------------------------------------------------------
REVIEW_TITLE = "复习"
REVIEW_INTRO = (
    "这次复习 {n} 题，按你的作答记录挑选：先是上次答错的（{wrong} 题），再是还没做过的（{unseen} 题），"
    "最后是到了复习时间的（{due} 题）。答对的题依次隔 {intervals} 天再出现，之后每隔 {last} 天出现一次；"
    "答错的题下次复习时最先出现。再运行一次本单元格，会按新的记录重新挑选。"
)
REVIEW_NOTHING = "现在没有需要复习的题：做过的题都答对了，也都还没到复习时间。"
REVIEW_NEXT = "下一道题在 {when}（北京时间）到复习时间。"

WIDGETS_MISSING = (
    "如果你看到的是这行文字，而不是按钮和选项，说明 JupyterLab 的交互控件没有加载："
    "请刷新浏览器页面；仍然不行，请运行《课程指南》第一个单元格的环境检查。"
)
