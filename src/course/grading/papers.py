"""A graded quiz as released: question pools without keys, the paper's slots, and the draw that
gives every trainee their own paper. Pure Python: no widgets, no nbgrader, no file.

nbgrader releases one notebook to everyone, so the notebook holds every pool's questions without
their keys (:class:`PaperSpec`, written into its locked set-up cell) and one graded cell per
*slot*. A slot draws from one pool; the pools of one assignment are drawn independently; all the
questions of a pool are worth the pool's points and belong to its article section, so that every
paper has the same number of questions and points per section.

Which question of a pool a trainee gets in a slot is :meth:`PaperSpec.draw`: the pool's
questions in an order seeded by the trainee id, the assignment and the pool
(:func:`course.quiz.shuffle.shuffled`), the pool's k-th slot taking the k-th question. It depends
on nothing else, so the trainee's kernel, ``nbgrader autograde``, ``course autograde``, the status
report and the cohort report all derive the same paper from the same id.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from course import kb
from course.quiz.model import Question
from course.quiz.shuffle import shuffled

#: Pool, slot and grade-cell ids: what nbgrader and the answers file accept as names.
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PoolSpec(_Model):
    """One pool as released: its section, the points of each of its questions, the questions
    (without keys; each takes the pool's section)."""

    section: kb.SectionId
    points: float = Field(gt=0)
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _section_of_questions(cls, data: Any) -> Any:
        """Questions are written without a section: they take the pool's (a new mapping)."""
        if isinstance(data, dict) and isinstance(data.get("questions"), list):
            section = data.get("section")
            data = {
                **data,
                "questions": [
                    {"section": section, **q} if isinstance(q, dict) else q
                    for q in data["questions"]
                ],
            }
        return data

    @field_validator("questions")
    @classmethod
    def _keyless(cls, questions: list[Question]) -> list[Question]:
        keyed = [q.id for q in questions if not q.keyless or q.explanation]
        if keyed:
            raise ValueError(f"released questions carry no key or explanation: {keyed}")
        ids = [q.id for q in questions]
        if len(set(ids)) != len(ids):
            raise ValueError(
                f"duplicate question ids {sorted({i for i in ids if ids.count(i) > 1})}"
            )
        return questions


class SlotSpec(_Model):
    """One graded cell of the paper: its id (the grade cell's name) and the pool it draws from."""

    id: str = Field(pattern=NAME.pattern)
    pool: str


class PaperSpec(_Model):
    """Everything a graded notebook knows about its questions (no key). The slots are in the
    notebook's order; a pool's slots take its questions in the trainee's order."""

    assignment: str
    pools: dict[str, PoolSpec]
    slots: list[SlotSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> PaperSpec:
        ids = [s.id for s in self.slots]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate slot ids {sorted({i for i in ids if ids.count(i) > 1})}")
        for slot in self.slots:
            if slot.pool not in self.pools:
                raise ValueError(f"slot {slot.id!r} draws from unknown pool {slot.pool!r}")
        for pool, spec in self.pools.items():
            drawn = sum(s.pool == pool for s in self.slots)
            if drawn > len(spec.questions):
                raise ValueError(
                    f"pool {pool!r} has {len(spec.questions)} question(s) for {drawn} slot(s)"
                )
        seen: dict[str, str] = {}
        for pool, spec in self.pools.items():
            for q in spec.questions:
                if q.id in seen:
                    raise ValueError(f"question {q.id!r} is in pools {seen[q.id]!r} and {pool!r}")
                seen[q.id] = pool
        return self

    # -- lookups ----------------------------------------------------------------------------------
    def slot(self, slot_id: str) -> SlotSpec:
        """The slot called ``slot_id``; KeyError if there is none."""
        for slot in self.slots:
            if slot.id == slot_id:
                return slot
        raise KeyError(f"no slot {slot_id!r} in {self.assignment}")

    def questions(self) -> dict[str, Question]:
        """Every question of every pool, by id (a new mapping)."""
        return {q.id: q for spec in self.pools.values() for q in spec.questions}

    def pool_of(self) -> dict[str, str]:
        """The pool of every question, by question id (a new mapping)."""
        return {q.id: pool for pool, spec in self.pools.items() for q in spec.questions}

    def points(self, slot_id: str) -> float:
        return self.pools[self.slot(slot_id).pool].points

    def section(self, slot_id: str) -> str:
        return self.pools[self.slot(slot_id).pool].section

    @property
    def max_score(self) -> float:
        """The points of a whole paper (the same for every trainee)."""
        return sum(self.pools[s.pool].points for s in self.slots)

    # -- the draw ---------------------------------------------------------------------------------
    def draw(self, trainee: str) -> dict[str, str]:
        """``{slot id: question id}``: the paper of ``trainee``, in slot order. The same id
        always gives the same paper; nothing else is read."""
        by_pool: dict[str, list[str]] = {}
        for slot in self.slots:
            by_pool.setdefault(slot.pool, []).append(slot.id)
        chosen: dict[str, str] = {}
        for pool, slots in by_pool.items():
            ids = [q.id for q in self.pools[pool].questions]
            order = shuffled(ids, f"paper\x00{self.assignment}\x00{pool}", trainee)
            chosen.update(zip(slots, order, strict=False))
        return {s.id: chosen[s.id] for s in self.slots}

    def foreign(self, trainee: str, answered: set[str] | list[str]) -> list[str]:
        """The questions among ``answered`` that are in this assignment's pools but not on the
        paper of ``trainee`` (sorted): answers given to another paper. Ids that are in no pool
        are not counted (they grade nothing)."""
        mine = set(self.draw(trainee).values())
        return sorted(q for q in set(answered) & set(self.questions()) if q not in mine)
