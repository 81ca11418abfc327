"""Questions as validated data. Pure Python: no widgets.

A :class:`Question` carries its answer key in ``answer``; ``answer=None`` means *no key* (the
question is :attr:`~Question.keyless`): the answer is only recorded. Everything that depends on
the question's ``type`` -- the shape of its options and key, of an answer, checking, scoring,
words -- is in that type's class (:mod:`course.quiz.types`, reached as :attr:`Question.kind`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .. import kb
from . import strings as s
from . import types
from .types import QuestionType, Result

__all__ = ["Question", "Result", "section_label", "source_text"]


class Question(BaseModel):
    """One question. ``answer`` is the key, or None for a question asked without a key."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(
        pattern=r"^[a-z0-9_]+$", description="stable id; the answer store is keyed by it"
    )
    type: str = Field(description="a question type of course.quiz.types")
    section: kb.SectionId = Field(description="the article section the answer comes from")
    refs: list[str] = Field(default_factory=list, description="knowledge-base references")
    prompt: str = Field(min_length=1)
    options: list[str] = Field(default_factory=list)
    left: list[str] = Field(default_factory=list, description="matching: the items to pair")
    answer: Any = None
    explanation: str = ""
    source: str | None = Field(default=None, description="override of the derived 「出处」 label")
    hint: str | None = None
    attempts: int | None = Field(
        default=None, ge=1, description="tries allowed; None: session default"
    )

    @field_validator("type")
    @classmethod
    def _known_type(cls, name: str) -> str:
        types.get(name)  # UnknownType (a ValueError) naming it
        return name

    @property
    def kind(self) -> QuestionType:
        """The class of this question's type: its checking, words, widget controls."""
        return types.get(self.type)

    @property
    def keyless(self) -> bool:
        """True when the question has no key: answers are recorded, never judged."""
        return self.answer is None

    @model_validator(mode="after")
    def _shape(self) -> Question:
        problems = self.kind.problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def check(self, given: Any) -> Result:
        """Judge ``given`` against the key; None (no answer) scores 0. Raises ValueError for a
        question without a key, or for an answer of a shape its widget never writes."""
        if self.answer is None:
            raise ValueError(f"question {self.id!r} has no answer key")
        if given is None:
            return Result(False, 0.0)
        return self.kind.check(self, self.kind.parse_answer(self, given))


# -- where the answer is in the article -------------------------------------------------------------
_UNNUMBERED = {"editors_note", "lead", "closing"}


def section_label(section_id: str) -> str:
    """The learner-facing name of an article section: 编者按, 导语 and 文末 by their titles; the
    article's three headed parts as 第一部分/第二部分/第三部分 followed by their headings, numbered
    in the article's order (knowledge-base ``number``)."""
    base = kb.load()
    section = base.get_section(section_id)
    if section_id in _UNNUMBERED:
        return section.title
    headed = sorted((x for x in base.sections if x.id not in _UNNUMBERED), key=lambda x: x.number)
    n = [x.id for x in headed].index(section_id)
    return s.PART_LABEL.format(numeral=s.PART_NUMERALS[n], title=section.title)


def source_text(q: Question) -> str:
    """「出处：…」 for a question: its ``source`` override, else its section's label."""
    return s.SOURCE.format(label=q.source or section_label(q.section))
