"""Every learner-facing string the lesson generator writes into the notebooks (Simplified Chinese).

Templates with ``{name}`` fields are filled with :meth:`str.format`.
"""

# -- table columns -----------------------------------------------------------------------------
COL_NUMBER = "序号"
COL_ORDER = "顺序"
COL_ARTICLE = "文章原文"
COL_FORM = "形式"
COL_HOW = "方式"
COL_NOTE = "说明"
COL_TOPIC = "要点"
COL_WORDING = "文章的说法"
COL_ITEM = "项目"
COL_CONTENT = "内容"
COL_PART = "部分"
COL_MAIN = "主要内容"
COL_DIGIT = "数字"
COL_NAME = "名称"
COL_REQUIREMENT = "要求"
COL_DETAILS = "具体内容"
COL_COUNT = "文章写明的数量"
COL_ITEMS = "条目"
COL_SOURCE = "出处"
COL_KIND = "类别"
COL_ROLE = "文中角色"
COL_UNSTATED = "文章没有说明的"
COL_TERM = "术语"
COL_MEANING = "释义"
COL_LESSON = "笔记本"
COL_MINUTES = "预计用时"

# -- captions and notes ----------------------------------------------------------------------------
LIST_CAPTION = "**{title}**（按文章的顺序）"
OPEN_LIST_CAPTION = "**{title}**（按文章的顺序；文章在最后一项后面写了「等」，没有说一共有几项）"
UNSTATED_NOTE = "> **文章没有说明**：{text}"
HEADINGS_NOTE = (
    "{headed}是文章自己的标题或小标题；{unheaded}是本课程为了方便而起的叫法，文章没有这样的标题。"
)
KIND_PERSON = "人物"
KIND_PLACE = "地点"
NONE = "—"

# -- publication -----------------------------------------------------------------------------------
PUB_TITLE = "标题"
PUB_PUBLISHER = "发布媒体"
PUB_CHANNEL = "栏目"
PUB_DATE = "发布时间"
PUB_EDITOR = "编辑"
PUB_SERIES = "所属系列"
PUB_NUMBER = "系列中的篇次"
PUB_NUMBER_VALUE = "第{n}篇（标题中的「{anchor}」）"
PUB_STARTED = "系列开始刊发"
PUB_STARTED_VALUE = "{date}（编者按）"
HAN_NUMERALS = "〇一二三四五六七八九十"

# -- the first line of a code cell: all a learner sees of it while its input is folded away --------
CODE_LABELS = {
    "setup": "# 准备工作：运行即可，不显示内容",
    "practice": "# 练习题：运行后显示在下面",
    "review": "# 复习题：运行后显示在下面",
    "diagram": "# 图：运行后显示在下面",
    "backup": "# 下载和上传答案：运行后显示按钮",
    "quizzes": "# 正式测验中心：运行后显示测验列表",
}

# -- generated cells -------------------------------------------------------------------------------
TIME = "## 预计用时\n\n约 {total} 分钟（阅读约 {reading} 分钟，练习约 {practice} 分钟）"
TIME_READING_ONLY = "## 预计用时\n\n约 {total} 分钟（阅读），之后随时查阅"
PRACTICE = "**练习（{n} 题）**：运行本课后，题目显示在下面。"
REVIEW = (
    "**复习（每次最多 {n} 题）**：运行本课后，题目显示在下面。题目按你自己的作答记录挑选："
    "先是上次答错的，再是还没做过的，最后是到了复习时间的——答对的题依次隔 {intervals} 天再出现"
    "（连续答对的次数越多，间隔越长），之后每隔 {last} 天出现一次。每道题都从头作答，"
    "以前的作答记录都会保存；隔几天再运行一次，"
    "复习的就是那时该复习的题。"
)
CITATION = (
    "## 出处\n\n"
    "本课的全部内容依据下面这篇文章（版权归原发布者所有）。课程用自己的话讲解，只有名称、口号、"
    "列举的条目、文件标题和简短的关键语句是引用原文，并用「」或《》标出。\n\n"
    "{citation}"
)
BACKUP = (
    "**保存和带走答案**：运行本课后，下面有「⬇ 下载全部答案」和「上传答案文件」两个按钮。"
    "一个文件里就有你做过的全部练习题和正式测验的答案；换电脑或换会话时上传它，答案即可恢复。"
)
