"""Every Chinese string of the instructor report (labels, headings, flags, notes, errors)."""

from course.quiz.strings import TYPE_LABELS

REPORT_TITLE = "学员测验分析报告"
GENERATED = "生成时间：{when}；成绩库：{db}"
COHORT = "共 {trainees} 名学员，{assignments} 项测验：{names}"

# -- headings -------------------------------------------------------------------------------------
H_PROBLEMS = "数据问题"
H_DISTRIBUTION = "得分分布"
H_ALPHA = "信度（Cronbach's α）"
H_ITEMS = "逐题分析"
H_POOLS = "题组难度是否一致"
H_DOUBTFUL = "存疑题目"
H_OPTIONS = "选项选择情况"
H_MASTERY = "各章节掌握情况"
H_FOLLOW_UP = "需要跟进的学员"
H_METHOD = "计算方法"

# -- column labels --------------------------------------------------------------------------------
COLUMNS = {
    "assignment": "测验",
    "title": "测验名称",
    "number": "题号",
    "question": "题目编号",
    "pool": "题组",
    "lowest": "最低难度",
    "highest": "最高难度",
    "spread": "难度差",
    "fewest": "最少人数",
    "uneven": "难度不均",
    "type": "题型",
    "section": "章节",
    "points": "满分",
    "respondents": "人数",
    "mean": "平均分",
    "facility": "难度（平均得分率）",
    "discrimination": "区分度",
    "flags": "提示",
    "alpha": "α 系数",
    "items": "题数",
    "trainees": "人数",
    "mean_score": "平均分",
    "max_score": "满分",
    "median": "中位数",
    "std": "标准差",
    "option": "选项",
    "item": "配对项",
    "count": "选择人数",
    "share": "占比",
    "correct": "正确答案",
    "trainee": "学员",
    "percent": "总得分率",
    "reasons": "原因",
    "kind": "问题",
    "detail": "说明",
    "mastery": "掌握率",
}
TYPES = {**TYPE_LABELS, "manual": "思考题（人工评分）"}
NOT_ANSWERED = "未作答"
UNREADABLE = "答案格式无法识别"
NO_SECTION = "未对应章节"
ALL_ASSIGNMENTS = "全部测验"
YES = "✔"
SEPARATOR = "；"  # between flags or reasons in one table cell
LIST_SEPARATOR = "、"
TITLED = "{title}（{id}）"  # an assignment's title and id

# -- the instructor notebook's explorer ----------------------------------------------------------
ALL = "（全部）"
NO_MATCH = "没有符合条件的题目。"
PICK_ASSIGNMENT = "测验"
PICK_SECTION = "章节"

# -- flags on questions ---------------------------------------------------------------------------
FLAG_NEGATIVE = "区分度为负：高分学员反而更常答错，题目可能有误导或答案有误"
FLAG_LOW = "区分度低（< {threshold:g}）：不能区分掌握好与不好的学员"
FLAG_FLAT = "无法计算区分度：所有学员得分相同"
FLAG_SMALL = "学员太少（{n} 人），不计算区分度（至少需要 {minimum} 人）"
SMALL_COHORT = (
    "参加测验的学员太少（{n} 人），区分度没有意义，不计算，也不据此判断题目是否可疑；"
    "至少需要 {minimum} 人。"
)
NOT_PLOTTED = "无法计算区分度的题目（{numbers}）没有画在图中。"
FLAG_EASY = "过易：平均得分率 ≥ {threshold:.0%}"
FLAG_HARD = "过难：平均得分率 ≤ {threshold:.0%}"
FLAG_PENDING = "尚有人工评分未完成，未计入统计"
FLAG_UNDRAWN = "没有学员抽到这道题"
NO_UNEVEN_POOLS = "各题组内题目的难度差都不超过 {spread:.0%}（或答题人数太少，无法比较）。"

# -- follow-up reasons ----------------------------------------------------------------------------
WHY_LOW_TOTAL = "总得分率 {value:.0%}（低于 {threshold:.0%}）"
WHY_LOW_SECTION = "「{section}」掌握率 {value:.0%}（低于 {threshold:.0%}）"
WHY_NOT_SUBMITTED = "未提交或未评分：{assignment}"
WHY_ANSWERS = "{assignment} 的答题记录{problem}"
ANSWERS_MISSING = "缺失"
ANSWERS_CORRUPT = "已损坏"

# -- problems -------------------------------------------------------------------------------------
PROBLEM_ANSWERS_MISSING = "缺少答题记录 answers.json"
PROBLEM_ANSWERS_CORRUPT = "答题记录已损坏"
PROBLEM_NOT_AUTOGRADED = "已提交但尚未自动评分"
PROBLEM_PENDING = "思考题尚未人工评分"
NO_PROBLEMS = "没有发现数据问题。"
NO_DOUBTFUL = "没有存疑题目。"
NO_FOLLOW_UP = "没有需要跟进的学员。"
MORE_ROWS = "（另有 {n} 名学员未在图中显示，见 follow_up.csv）"

# -- plots ----------------------------------------------------------------------------------------
PLOT_SCORE = "得分"
PLOT_PEOPLE = "人数"
PLOT_DISTRIBUTION = "{title} 得分分布（满分 {max:g}）"
PLOT_ITEMS = "{title}：难度与区分度"
PLOT_FACILITY = "难度（平均得分率）"
PLOT_DISCRIMINATION = "区分度（题目与其余题目的相关系数）"
PLOT_DOUBTFUL_ZONE = "存疑区域"
PLOT_OPTIONS = "第{number}题 {question}（{type}）"
PLOT_SHARE = "选择该项的学员占比"
PLOT_NUMBER = "第{number}题"
PLOT_COUNT = "{share:.0%}（{count}人）"
PLOT_MASTERY = "各章节平均掌握率"
PLOT_FOLLOW_UP = "需要跟进的学员：各章节掌握率"

# -- method notes ---------------------------------------------------------------------------------
METHOD = [
    "每名学员的题目从题组中抽取，各人的题目不同，但题数和各章节分值相同。每道题的统计只计算抽到这道题的学员。",
    "难度（平均得分率）= 抽到该题的学员的平均得分 ÷ 该题满分；越接近 1 越容易。",
    "区分度 = 该题得分与“同一份题目中其余各题总分”的皮尔逊相关系数（校正的题总相关），"
    "只计算抽到该题的学员。低于 {low:g} 或为负的题目列为存疑。",
    "Cronbach's α = k/(k−1) × (1 − 各题位得分方差之和 ÷ 总分方差)，k 为每份题目的题数；"
    "一般认为 0.7 以上较好。",
    "题组难度不均：同一题组中难度最高和最低的题目相差超过 {spread:.0%}，且每道题至少有 "
    "{respondents} 名学员抽到。这样的题组会让抽到难题的学员吃亏，应调整或替换其中的题目。",
    "章节掌握率按各人抽到的题目校正：学员在该章节的得分率，减去全体学员在他抽到的这些题目上的平均得分率，"
    "再加上全体学员在该章节的平均得分率（限定在 0～1）。所有人题目相同时，它就是得分之和 ÷ 满分之和；"
    "未校正的得分率见 raw_mastery.csv。",
    "需要跟进：总得分率低于 {total:.0%}，或任一章节掌握率低于 {section:.0%}"
    "（只看所选测验中总分不少于 {points:g} 分的章节），或有测验未提交、答题记录缺失或损坏。",
    "尚未完成人工评分的思考题不计入逐题统计和 α 系数。",
]

# -- notes printed by `course report` -------------------------------------------------------------
NOTE_SKIPPED = "注意：测验 {assignment} 尚无评分结果，未纳入报告 (not autograded, skipped)"
NOTE_WAITING = "注意：{assignment} 有 {n} 份提交尚未自动评分：{who}"
NOTE_RECORD = "注意：{trainee} 的 {assignment} 答题记录不可用 ({status}: {problem})"

ERR_NO_FONT = (
    "matplotlib 找不到中文字体 {fonts} (no CJK font): "
    "请安装 fonts-noto-cjk 或 fonts-wqy-microhei，再运行 course doctor 检查。"
)

# -- errors (analytics.errors) --------------------------------------------------------------------
ERR_EMPTY = (
    "成绩库为空 (empty gradebook): {db}: {why}. "
    "请先在课程目录运行 nbgrader generate_assignment 和 nbgrader autograde，"
    "或用 --db / --course-dir 指定正确的成绩库。"
)
ERR_UNKNOWN = "成绩库中没有测验 {name!r} (unknown assignment); 已有：{known}。"
ERR_NONE = "无"
ERR_NOT_AUTOGRADED = (
    "测验 {name!r} 尚未自动评分 (not autograded): 成绩库中没有它的评分结果；{hint}"
    "请先运行 nbgrader autograde {name}（或 course autograde {name}）。"
)
ERR_WAITING = "submitted/ 中有 {n} 份提交等待评分，"
ERR_NOTHING_SUBMITTED = "还没有收到提交，"
ERR_BAD_QUESTION = (
    "测验 {assignment!r}（{notebook}）的题目 {question!r} 无法识别 (invalid question): {why}。"
    "请检查 pools/{assignment}.yaml 中的这道题，再运行 course quizzes build 重新生成测验。"
)
ERR_ANSWERS_MISSING = (
    "测验 {name!r} 的 {count} 份已评分提交都没有答题记录 (missing answers record): "
    "在 {folder} 下找不到任何 answers.json。请用 --course-dir 指定含有 "
    "submitted/ 或 autograded/ 的课程目录。"
)
