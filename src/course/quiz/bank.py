"""The practice question bank: ``data/practice_bank.yaml``, validated and checked against the
knowledge base on first use (nothing is read at import time).

A problem raises :class:`BankError` naming the file, the question id and the field.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import Question

BANK_FILE = "practice_bank.yaml"
SCHEMA_VERSION = 1


class BankError(ValueError):
    """The question bank is unreadable, malformed or refers to something the KB lacks."""


def parse(raw: Any, source: str, base: Any = None) -> list[Question]:
    """Validate parsed YAML (``{"schema_version": 1, "questions": [...]}``) against the schema and
    the knowledge base ``base`` (default: :func:`course.kb.load`). Returns the questions."""
    from .. import kb

    base = base or kb.load()
    if not isinstance(raw, dict) or raw.get("schema_version") != SCHEMA_VERSION:
        raise BankError(f"{source}: expected a mapping with schema_version: {SCHEMA_VERSION}")
    entries = raw.get("questions")
    if not isinstance(entries, list) or not entries:
        raise BankError(f"{source}: 'questions' must be a non-empty list")
    problems: list[str] = []
    questions: list[Question] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        qid = entry.get("id", f"#{n}") if isinstance(entry, dict) else f"#{n}"
        try:
            q = Question.model_validate(entry)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(x) for x in err["loc"]) or "(question)"
                problems.append(f"question {qid!r}, field {field!r}: {err['msg']}")
            continue
        if q.id in seen:
            problems.append(f"question {qid!r}, field 'id': duplicate id")
        seen.add(q.id)
        problems += content_problems(q, f"question {qid!r}", base, "a practice question")
        questions.append(q)
    if problems:
        raise BankError(f"{source}: {len(problems)} problem(s):\n  - " + "\n  - ".join(problems))
    return questions


def content_problems(q: Question, where: str, base: Any, kind: str) -> list[str]:
    """What a question with a key must have, named ``where, field …``: its key (``kind`` says
    which question needs it), an explanation and knowledge-base references that resolve in
    ``base``. Returns the problems (empty: none); ``q`` is not changed."""
    problems = []
    if q.answer is None:
        problems.append(f"{where}, field 'answer': {kind} needs its key")
    if not q.explanation:
        problems.append(f"{where}, field 'explanation': must not be empty")
    if not q.refs:
        problems.append(f"{where}, field 'refs': at least one knowledge-base reference is needed")
    for i, ref in enumerate(q.refs):
        try:
            base.resolve(ref)
        except KeyError as exc:
            problems.append(f"{where}, field 'refs.{i}': {exc.args[0]}")
    return problems


def load_file(path: str | Path, base: Any = None) -> list[Question]:
    """Read and validate a bank file (not cached)."""
    import yaml

    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BankError(f"{path}: cannot read the question bank: {exc}") from None
    return parse(raw, str(path), base)


@functools.cache
def load() -> tuple[Question, ...]:
    """The course's practice bank, validated on first call, then cached."""
    with resources.as_file(resources.files("course") / "data" / BANK_FILE) as path:
        return tuple(load_file(path))


# -- selection ------------------------------------------------------------------------------------
def _expand(refs: Iterable[str], base: Any) -> set[str]:
    """The given references plus, for a 「4500」 part, the list that spells it out."""
    out = set(refs)
    for ref in refs:
        if ref.startswith("framework_4500"):
            parts = base.framework_4500.parts
            wanted = ref.partition(".")[2]
            out |= {f"lists.{p.list_id}" for p in parts if p.list_id and wanted in ("", p.id)}
    return out


def _related(a: str, b: str) -> bool:
    """One reference names the other or contains it (``lists.x`` and ``lists.x.item``)."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def select(
    refs: Iterable[str] = (),
    section: str | None = None,
    questions: Iterable[Question] | None = None,
) -> list[Question]:
    """The bank's questions that refer to any of ``refs`` (a list also matches its items and an
    item its list) and, if given, belong to ``section``; in bank order."""
    from .. import kb

    pool = load() if questions is None else tuple(questions)
    wanted = _expand(list(refs), kb.load())
    out = []
    for q in pool:
        if section is not None and q.section != section:
            continue
        if wanted and not any(_related(r, w) for r in q.refs for w in wanted):
            continue
        out.append(q)
    return out
