"""The errors ``course report`` stops with, each saying what is wrong and what to do."""

from __future__ import annotations


class ReportError(RuntimeError):
    """A report cannot be built from this gradebook; the message says why and what to do."""


class EmptyGradebook(ReportError):
    def __init__(self, db: str, why: str) -> None:
        super().__init__(
            f"成绩库为空 (empty gradebook): {db}: {why}. "
            "请先在课程目录运行 nbgrader generate_assignment 和 nbgrader autograde，"
            "或用 --db / --course-dir 指定正确的成绩库。"
        )


class UnknownAssignment(ReportError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(
            f"成绩库中没有测验 {name!r} (unknown assignment); 已有：{', '.join(known) or '无'}。"
        )


class NotAutograded(ReportError):
    def __init__(self, name: str, waiting: int) -> None:
        hint = f"submitted/ 中有 {waiting} 份提交等待评分，" if waiting else "还没有收到提交，"
        super().__init__(
            f"测验 {name!r} 尚未自动评分 (not autograded): 成绩库中没有它的评分结果；{hint}"
            f"请先运行 nbgrader autograde {name}（或 course autograde {name}）。"
        )


class BadQuestion(ReportError):
    def __init__(self, assignment: str, notebook: str, question: str, why: str) -> None:
        super().__init__(
            f"测验 {assignment!r}（{notebook}）的题目 {question!r} 无法识别 (invalid question): "
            f"{why}。请检查该题的 graded.ask(...) 和评分单元格中的 KEY。"
        )


class AnswersMissing(ReportError):
    def __init__(self, name: str, folder: str, count: int) -> None:
        super().__init__(
            f"测验 {name!r} 的 {count} 份已评分提交都没有答题记录 (missing answers record): "
            f"在 {folder} 下找不到任何 answers.json。请用 --course-dir 指定含有 "
            "submitted/ 或 autograded/ 的课程目录。"
        )
