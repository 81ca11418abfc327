"""The graded questions, written once as data on the instructor's side: ``<course>/pools/*.yaml``.

One file per assignment, named after it (``pools/quiz-4500.yaml`` is ``quiz-4500``)::

    schema_version: 1
    title: 测验一：……                       # the notebook's heading
    scope: 本测验考查……                      # one paragraph under it
    paper:                                 # the rules, in the order the questions appear
      - {pool: t4500_lists, draw: 2}       # every trainee gets 2 questions of this pool
    reflection: {points: 4, prompt: ……, rubric: [……]}   # the free-text question, graded by hand
    pools:
      t4500_lists:
        section: tempering                 # the article section of every question of the pool
        points: 2                          # what each of its questions is worth
        questions:                         # course.quiz.model.Question fields, with the key
          - {id: ……, type: ……, refs: [……], prompt: ……, options: [……], answer: ……, explanation: ……}

The keys live here and in the generated source notebooks (``source/``, whose hidden tests hold
them) and nowhere else: ``quizzes/`` is not part of the package, the wheel or the sdist. Every
problem of every file is collected and raised as one :class:`PoolError` naming the file, the pool,
the question and the field, before anything is written (:mod:`course.grading.generate`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from course.grading.papers import NAME, PaperSpec
from course.ids import ASSIGNMENT_ID
from course.quiz.bank import content_problems
from course.quiz.model import Question

#: The folder of the course holding the graded question files.
POOLS_FOLDER = "pools"
SCHEMA_VERSION = 1
#: Question fields the released notebook carries (the rest -- key, explanation, refs -- stays here).
RELEASED_FIELDS = ("id", "type", "prompt", "options", "left", "source", "hint", "attempts")


class PoolError(ValueError):
    """The graded question data is unreadable, malformed or inconsistent; the message names every
    problem (file, pool, question, field)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Rule(_Model):
    pool: str
    draw: int = Field(ge=1, description="questions of the pool on every paper")


class Reflection(_Model):
    points: float = Field(gt=0)
    prompt: str = Field(min_length=1)
    rubric: list[str] = Field(min_length=1)


class _Pool(_Model):
    section: str
    points: float = Field(gt=0)
    questions: list[dict[str, Any]] = Field(min_length=1)


class _File(_Model):
    schema_version: Literal[1]
    title: str = Field(min_length=1)
    scope: str = Field(min_length=1)
    paper: list[Rule] = Field(min_length=1)
    reflection: Reflection
    pools: dict[str, _Pool] = Field(min_length=1)


@dataclass(frozen=True)
class Pool:
    id: str
    section: str
    points: float
    questions: tuple[Question, ...]  # with their keys


@dataclass(frozen=True)
class Slot:
    id: str  # the grade cell's name: <pool>_<n>
    pool: str


@dataclass(frozen=True)
class Quiz:
    """One assignment's graded questions, validated."""

    assignment: str
    path: Path
    title: str
    scope: str
    rules: tuple[Rule, ...]
    reflection: Reflection
    pools: dict[str, Pool]

    @property
    def slots(self) -> list[Slot]:
        """The paper's slots in order: ``<pool>_1`` … ``<pool>_<draw>`` for each rule."""
        return [Slot(f"{r.pool}_{n}", r.pool) for r in self.rules for n in range(1, r.draw + 1)]

    def questions(self) -> list[Question]:
        """Every question of every pool, with its key, in file order."""
        return [q for pool in self.pools.values() for q in pool.questions]

    def paper(self) -> PaperSpec:
        """What the released notebook carries: the pools without keys, explanations or refs."""
        pools = {
            pool.id: {
                "section": pool.section,
                "points": pool.points,
                "questions": [released(q) for q in pool.questions],
            }
            for pool in self.pools.values()
        }
        slots = [{"id": s.id, "pool": s.pool} for s in self.slots]
        return PaperSpec.model_validate(
            {"assignment": self.assignment, "pools": pools, "slots": slots}
        )

    def keys(self, pool: str) -> dict[str, dict[str, Any]]:
        """``{question id: {"answer": ..., "explanation": ...}}`` of one pool: a slot's hidden
        test."""
        return {
            q.id: {"answer": q.answer, "explanation": q.explanation}
            for q in self.pools[pool].questions
        }


def released(q: Question) -> dict[str, Any]:
    """The fields of ``q`` a trainee may see (no key, no explanation, no refs): a new mapping
    holding only the :data:`RELEASED_FIELDS` that are set."""
    data = q.model_dump(include=set(RELEASED_FIELDS), exclude_defaults=True)
    return {name: data[name] for name in RELEASED_FIELDS if name in data}


# -- reading and checking ---------------------------------------------------------------------------
def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(str(x) for x in loc) or "(top level)"


def _question(
    raw: Any, pool: str, section: str, n: int, base: Any, problems: list[str]
) -> Question | None:
    """One question entry of ``pool``, validated; problems are appended (named), None then."""
    qid = raw.get("id", f"#{n + 1}") if isinstance(raw, dict) else f"#{n + 1}"
    name = f"pool {pool!r}, question {qid!r}"
    if not isinstance(raw, dict):
        problems.append(f"{name}: must be a mapping of question fields")
        return None
    if "section" in raw:
        problems.append(f"{name}, field 'section': questions take their pool's section")
        return None
    try:
        q = Question.model_validate({**raw, "section": section})
    except ValidationError as exc:
        problems += [f"{name}, field {_where(e['loc'])!r}: {e['msg']}" for e in exc.errors()]
        return None
    if not NAME.match(q.id):
        problems.append(f"{name}, field 'id': must match {NAME.pattern}")
    problems += content_problems(q, name, base, "a graded question")
    if q.answer is not None:
        if q.type == "multiple" and set(q.answer) == set(q.options):
            problems.append(f"{name}, field 'options': every option is right (add a wrong one)")
        if q.type == "ordering" and list(q.options) == list(q.answer):
            problems.append(f"{name}, field 'options': listed in the key's order (scramble them)")
    return q


def parse(raw: Any, path: Path, base: Any = None) -> Quiz:
    """Validate one file's parsed YAML against the schema and the knowledge base ``base``
    (default: :func:`course.kb.load`). Returns the :class:`Quiz`; raises :class:`PoolError`
    listing every problem, each named by file, pool, question and field."""
    from course import kb

    base = base or kb.load()
    assignment = path.stem
    problems: list[str] = []
    if not ASSIGNMENT_ID.fullmatch(assignment):
        problems.append(f"the file name must be an assignment id matching {ASSIGNMENT_ID.pattern}")
    try:
        data = _File.model_validate(raw)
    except ValidationError as exc:
        raise _error(
            path, [f"field {_where(e['loc'])!r}: {e['msg']}" for e in exc.errors()]
        ) from None
    pools: dict[str, Pool] = {}
    sections = {s.id for s in base.sections}
    for pool_id, spec in data.pools.items():
        if not NAME.match(pool_id):
            problems.append(f"pool {pool_id!r}: its id must match {NAME.pattern}")
        if spec.section not in sections:
            problems.append(f"pool {pool_id!r}, field 'section': no section {spec.section!r}")
            continue
        questions = [
            _question(q, pool_id, spec.section, n, base, problems)
            for n, q in enumerate(spec.questions)
        ]
        kept = tuple(q for q in questions if q is not None)
        pools[pool_id] = Pool(pool_id, spec.section, spec.points, kept)
    used: set[str] = set()
    for n, rule in enumerate(data.paper):
        name = f"paper rule {n + 1} (pool {rule.pool!r})"
        if rule.pool in used:
            problems.append(f"{name}: the pool already has a rule (add up its draws instead)")
        used.add(rule.pool)
        if rule.pool not in data.pools:
            problems.append(f"{name}: no such pool (known: {', '.join(data.pools)})")
        elif len(data.pools[rule.pool].questions) < rule.draw:
            size = len(data.pools[rule.pool].questions)
            problems.append(
                f"{name}: draws {rule.draw} question(s) from a pool of {size}: every trainee "
                "would get the same ones, or too few exist"
            )
    for pool_id in data.pools:
        if pool_id not in used:
            problems.append(f"pool {pool_id!r}: no paper rule draws from it")
    ids = [q.id for pool in pools.values() for q in pool.questions]
    for qid in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"question {qid!r}, field 'id': duplicate id in {path.name}")
    if problems:
        raise _error(path, problems)
    return Quiz(assignment, path, data.title, data.scope, tuple(data.paper), data.reflection, pools)


def _error(path: Path, problems: list[str]) -> PoolError:
    return PoolError(f"{path}: {len(problems)} problem(s):\n  - " + "\n  - ".join(problems))


def load_file(path: str | Path, base: Any = None) -> Quiz:
    """Read and validate one pools file (not cached)."""
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PoolError(f"{path}: cannot read the graded questions: {exc}") from None
    return parse(raw, path, base)


def load(course_dir: str | Path, base: Any = None) -> list[Quiz]:
    """Every assignment of the course at ``course_dir`` (its ``pools/*.yaml``), validated
    together: each file alone, then question ids unique across the files and unused by the
    practice bank (answers and reports are keyed by them; the leak scan looks for graded ids in
    the package). Raises :class:`PoolError` naming every problem."""
    folder = Path(course_dir) / POOLS_FOLDER
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise PoolError(f"{folder}: no graded question file (<assignment>.yaml)")
    quizzes, errors = [], []
    for path in paths:
        try:
            quizzes.append(load_file(path, base))
        except PoolError as exc:
            errors.append(str(exc))
    seen: dict[str, str] = {}
    practice = _practice_ids()
    for quiz in quizzes:
        for q in quiz.questions():
            if q.id in seen:
                errors.append(
                    f"{quiz.path}: question {q.id!r}, field 'id': duplicate id, also in {seen[q.id]}"
                )
            elif q.id in practice:
                errors.append(
                    f"{quiz.path}: question {q.id!r}, field 'id': also a practice question id "
                    "(the practice bank ships in the package)"
                )
            seen[q.id] = quiz.path.name
    if errors:
        raise PoolError("\n".join(errors))
    return quizzes


@functools.cache
def _practice_ids() -> frozenset[str]:
    from course.quiz import bank

    return frozenset(q.id for q in bank.load())
