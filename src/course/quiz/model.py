"""Questions as validated data, and how an answer is checked. Pure Python: no widgets.

A :class:`Question` carries its answer key in ``answer``; ``answer=None`` means *no key* (graded
mode): the answer is only recorded. Answers are always JSON values, in these shapes:

==========  =============================================  ====================================
type        ``answer`` (the key) / a learner's answer       notes
==========  =============================================  ====================================
single      one option text                                 ``options`` lists the choices
multiple    list of option texts (any order)                partial credit, see :func:`check`
truefalse   ``true`` / ``false``                            no options
matching    ``{left: right}`` for every ``left`` item        ``options`` = right-hand choices
ordering    list of all ``options`` in the right order      ``options`` = the items
fill        list of accepted variants / one string          compared after :func:`normalise`
==========  =============================================  ====================================
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

QuestionType = Literal["single", "multiple", "truefalse", "matching", "ordering", "fill"]
SectionId = Literal["editors_note", "lead", "tempering", "party_building", "integrity", "closing"]


class Question(BaseModel):
    """One question. ``answer`` is the key, or None for a question asked without a key."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(
        pattern=r"^[a-z0-9_]+$", description="stable id; the answer store is keyed by it"
    )
    type: QuestionType
    section: SectionId = Field(description="the article section the answer comes from")
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

    @property
    def graded(self) -> bool:
        """True when the question has no key: answers are recorded, never judged."""
        return self.answer is None

    @model_validator(mode="after")
    def _shape(self) -> Question:
        problems = _shape_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def check(self, given: Any) -> Result:
        """Judge ``given`` against the key. Raises ValueError for a question without a key."""
        if self.answer is None:
            raise ValueError(f"question {self.id!r} has no answer key")
        return check(self, given)


@dataclass(frozen=True)
class Result:
    correct: bool
    score: float  # between 0 and 1


def _dupes(values: list[str]) -> list[str]:
    return sorted({v for v in values if values.count(v) > 1})


def _shape_problems(q: Question) -> list[str]:
    """What is wrong with the question's options and key, in words (empty if nothing)."""
    out: list[str] = []
    opts, key, t = q.options, q.answer, q.type
    if _dupes(opts):
        out.append(f"duplicate options {_dupes(opts)}")
    if t in ("single", "multiple", "ordering", "matching") and len(opts) < 2:
        out.append(f"a {t} question needs at least 2 options")
    if t in ("truefalse", "fill") and opts:
        out.append(f"a {t} question takes no options")
    if t == "matching":
        if len(q.left) < 2 or _dupes(q.left):
            out.append("a matching question needs at least 2 distinct 'left' items")
    elif q.left:
        out.append("only a matching question takes 'left' items")
    if key is None:
        return out
    if t == "single" and key not in opts:
        out.append(f"answer {key!r} is not one of the options")
    elif t == "multiple":
        if not isinstance(key, list) or not key or _dupes(key):
            out.append("answer must be a non-empty list of distinct options")
        elif set(key) - set(opts):
            out.append(f"answers {sorted(set(key) - set(opts))} are not options")
    elif t == "truefalse" and not isinstance(key, bool):
        out.append("answer must be true or false")
    elif t == "matching":
        if not isinstance(key, dict) or set(key) != set(q.left):
            out.append("answer must map every 'left' item to an option")
        elif set(key.values()) - set(opts):
            out.append(f"answers {sorted(set(key.values()) - set(opts))} are not options")
    elif t == "ordering" and (not isinstance(key, list) or sorted(key) != sorted(opts)):
        out.append("answer must list every option exactly once")
    elif t == "fill":
        variants = [key] if isinstance(key, str) else key
        if not isinstance(variants, list) or not variants or not all(variants):
            out.append("answer must be a non-empty string or list of strings")
    return out


# -- normalisation of typed answers --------------------------------------------------------------
_QUOTES = "\"'“”‘’「」『』〝〞‟„«»‹›《》〈〉"
_DROP = re.compile(f"[\\s{re.escape(_QUOTES)}]+")
_TRAILING = re.compile(r"[.。!！?？;；,，、]+$")


def normalise(text: str) -> str:
    """Canonical form of a typed answer: full-width forms folded to half-width (NFKC), letters
    lower-cased, every space and quotation mark removed, 、 read as a comma, trailing punctuation
    dropped. Returns a new string."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = _DROP.sub("", text)
    text = text.replace("、", ",").replace("，", ",")
    return _TRAILING.sub("", text)


def fill_variants(q: Question) -> list[str]:
    return [q.answer] if isinstance(q.answer, str) else list(q.answer)


# -- checking ---------------------------------------------------------------------------------------
def _multiple_score(key: set[str], given: set[str]) -> float:
    """Each right option chosen gains 1/len(key), each wrong one loses as much, floor 0: guessing
    every option gains nothing over choosing only the sure ones."""
    raw = (len(given & key) - len(given - key)) / len(key)
    return max(0.0, raw)


def check(q: Question, given: Any) -> Result:
    """Judge a learner's answer ``given`` (shape as in the module table) against ``q.answer``."""
    t, key = q.type, q.answer
    if given is None:
        return Result(False, 0.0)
    if t == "multiple":
        chosen = set(given)
        score = _multiple_score(set(key), chosen)
        return Result(chosen == set(key), round(score, 4))
    if t == "matching":
        hits = sum(1 for left, right in key.items() if given.get(left) == right)
        return Result(hits == len(key), round(hits / len(key), 4))
    if t == "ordering":
        ok = list(given) == list(key)
    elif t == "fill":
        ok = normalise(given) in {normalise(v) for v in fill_variants(q)}
    else:  # single, truefalse
        ok = given == key
    return Result(ok, 1.0 if ok else 0.0)


def is_empty(q: Question, given: Any) -> bool:
    """True when ``given`` is no answer at all (nothing chosen, blank text, unpaired items)."""
    if given is None:
        return True
    if q.type == "multiple":
        return len(given) == 0
    if q.type == "fill":
        return not normalise(given)
    if q.type == "matching":
        return all(v is None for v in given.values())
    return False


def format_answer(q: Question, value: Any) -> str:
    """An answer (a key or a learner's) in words, for feedback and the summary table."""
    from . import strings as s

    if value is None:
        return s.NOT_ANSWERED
    if q.type == "truefalse":
        return s.TRUE if value else s.FALSE
    if q.type == "multiple":
        return "、".join(o for o in q.options if o in set(value)) or s.NOT_ANSWERED
    if q.type == "ordering":
        return " → ".join(value)
    if q.type == "matching":
        return "；".join(f"{k} — {value.get(k) or s.NOT_ANSWERED}" for k in q.left)
    if q.type == "fill" and isinstance(value, list):
        return " / ".join(value)
    return str(value)


# -- where the answer is in the article -------------------------------------------------------------
_UNNUMBERED = {"editors_note", "lead", "closing"}


def section_label(section_id: str) -> str:
    """The learner-facing name of an article section: 编者按, 导语 and 结语 by their titles; the
    article's three headed parts as 第一部分/第二部分/第三部分 followed by their headings, numbered
    in the article's order (knowledge-base ``number``)."""
    from .. import kb
    from . import strings as s

    base = kb.load()
    section = base.get_section(section_id)
    if section_id in _UNNUMBERED:
        return section.title
    headed = sorted((x for x in base.sections if x.id not in _UNNUMBERED), key=lambda x: x.number)
    n = [x.id for x in headed].index(section_id)
    return s.PART_LABEL.format(numeral=s.PART_NUMERALS[n], title=section.title)


def source_text(q: Question) -> str:
    """「出处：…」 for a question: its ``source`` override, else its section's label."""
    from . import strings as s

    return s.SOURCE.format(label=q.source or section_label(q.section))
