"""What every question type provides: the :class:`QuestionType` base class and its results.

A type knows, for its kind of question: whether a question's options, 'left' items and key fit
it (:meth:`~QuestionType.problems`); the exact shapes of an answer its widget writes
(:meth:`~QuestionType.parse_answer`); how an answer is judged and scored
(:meth:`~QuestionType.check`, :meth:`~QuestionType.is_empty`); how an answer reads in words and
the question as plain text (:meth:`~QuestionType.format_answer`, :meth:`~QuestionType.as_text`);
what the cohort report counts (:meth:`~QuestionType.frequencies`); and its input controls
(:meth:`~QuestionType.build` and the methods after it), which the common frame
:class:`course.quiz.base.QuestionWidget` shows. Only :meth:`~QuestionType.build` imports
ipywidgets, so that validating, grading and reporting never do.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from .. import strings as s

if TYPE_CHECKING:
    import ipywidgets as W

    from ..base import QuestionWidget
    from ..model import Question

# Layout shared by the controls of every type.
WIDE = {"width": "auto"}
LABEL_STYLE = {"description_width": "initial"}


@dataclass(frozen=True)
class Result:
    """The verdict on one answer: right or not, and its score between 0 and 1."""

    correct: bool
    score: float


@dataclass(frozen=True)
class Count:
    """One row of an option table: how many respondents gave ``option`` (in words), for ``item``
    (a matching question's left item, else ""). ``kind`` "blank" counts those who did not
    answer, "unreadable" those whose answer has a shape the widget never writes."""

    item: str
    option: str
    count: int
    correct: bool = False
    kind: Literal["option", "blank", "unreadable"] = "option"


def duplicates(values: list[Any]) -> list[Any]:
    """The values that occur more than once in ``values``, sorted."""
    return sorted({v for v in values if values.count(v) > 1})


def not_options(q: Question, values: list[Any]) -> list[str]:
    """The texts among ``values`` that are not options of ``q`` (``values`` are strings)."""
    return sorted(set(values) - set(q.options))


def all_strings(values: Any) -> bool:
    return all(isinstance(v, str) for v in values)


class QuestionType(ABC):
    """How one type of question behaves. One subclass per module of :mod:`course.quiz.types`;
    its ``name`` is the module's name and the ``type`` of the questions it handles. Methods take
    the :class:`~course.quiz.model.Question` and never change it."""

    name: ClassVar[str]
    #: the question lists at least 2 ``options`` (else it takes none)
    takes_options: ClassVar[bool] = True
    #: the question lists at least 2 ``left`` items to pair with the options (else none)
    takes_left: ClassVar[bool] = False
    #: tries allowed when neither the session nor the question says (keyless: unlimited)
    default_attempts: ClassVar[int] = 2
    #: how it is scored, said under the question when it has a key (None: nothing to say)
    scoring_rule: ClassVar[str | None] = None
    #: what a learner who submits nothing (or, see :meth:`incomplete`, too little) is told
    empty_message: ClassVar[str] = s.EMPTY_ANSWER

    @property
    def label(self) -> str:
        """The type's name for learners (单选题 …)."""
        return s.TYPE_LABELS[self.name]

    @property
    def instructions(self) -> str:
        """What to do, shown under the prompt."""
        return s.INSTRUCTIONS[self.name]

    # -- the question ---------------------------------------------------------------------------
    def problems(self, q: Question) -> list[str]:
        """What is wrong with the options, 'left' items and key of ``q``, in words (empty if
        nothing). A question without a key is checked for its options and items only."""
        out: list[str] = []
        t, opts = self.name, q.options
        if duplicates(opts):
            out.append(f"duplicate options {duplicates(opts)}")
        if self.takes_options and len(opts) < 2:
            out.append(f"a {t} question needs at least 2 options")
        if not self.takes_options and opts:
            out.append(f"a {t} question takes no options")
        if self.takes_left and (len(q.left) < 2 or duplicates(q.left)):
            out.append(f"a {t} question needs at least 2 distinct 'left' items")
        if not self.takes_left and q.left:
            out.append(f"a {t} question takes no 'left' items")
        if q.answer is not None:
            out += self.key_problems(q)
        return out

    def key_problems(self, q: Question) -> list[str]:
        """What is wrong with the key of ``q``: by default, that it is not an answer the widget
        could write (a type whose key has another shape, or must be complete, says more)."""
        try:
            self.parse_answer(q, q.answer)
        except ValueError as exc:
            return [str(exc)]
        return []

    def as_text(self, q: Question) -> str:
        """The question as plain text: printed instead of its widget under nbgrader, so that the
        trainee's feedback shows what was asked."""
        lines = [s.TEXT_QUESTION + q.prompt]
        if q.left:
            lines.append(s.TEXT_LEFT_ITEMS + "；".join(q.left))
        if q.options:
            lines.append(s.TEXT_OPTIONS + "；".join(q.options))
        return "\n".join(lines)

    # -- answers --------------------------------------------------------------------------------
    @abstractmethod
    def parse_answer(self, q: Question, value: Any) -> Any:
        """``value`` (a JSON value, e.g. read from an answers file) as an answer to ``q``.
        Accepts exactly the shapes the widget writes; raises ValueError, saying why, for any
        other (never another exception, whatever ``value`` is). Returns the answer."""

    @abstractmethod
    def check(self, q: Question, given: Any) -> Result:
        """Judge ``given``, an answer :meth:`parse_answer` accepted, against the key of ``q``."""

    def is_empty(self, q: Question, given: Any) -> bool:
        """True when ``given`` (a value the widget holds) is no answer at all."""
        return given is None

    def incomplete(self, q: Question, given: Any) -> bool:
        """True when ``given`` answers only part of ``q`` and cannot be submitted yet."""
        return False

    def format_answer(self, q: Question, value: Any) -> str:
        """An answer (a key, or a learner's answer) in words, for feedback, the summary table and
        the grader's printout; 「—」 for None."""
        return s.NOT_ANSWERED if value is None else self.in_words(q, value)

    @abstractmethod
    def in_words(self, q: Question, value: Any) -> str:
        """``value`` (a key or an answer, not None) in words."""

    # -- the cohort report ----------------------------------------------------------------------
    def frequencies(self, q: Question, answers: list[Any], top: int = 5) -> list[Count]:
        """How often each option, or each answer, was given among ``answers`` (one per
        respondent; None: not answered), as :meth:`tally` counts them; answers of a shape the
        widget never writes are counted in a last "unreadable" row, when there are any.
        Returns new rows; ``answers`` is not changed."""
        parsed: list[Any] = []
        unreadable = 0
        for value in answers:
            try:
                parsed.append(None if value is None else self.parse_answer(q, value))
            except ValueError:
                unreadable += 1
        rows = self.tally(q, parsed, top)
        if unreadable:
            rows.append(Count("", "", unreadable, kind="unreadable"))
        return rows

    @abstractmethod
    def tally(self, q: Question, answers: list[Any], top: int) -> list[Count]:
        """Rows counting ``answers`` (parsed, or None: not answered): every option of a choice,
        else the ``top`` most frequent answers; then the "blank" row(s)."""

    @staticmethod
    def blank(answers: list[Any], item: str = "") -> Count:
        """The row counting the respondents who did not answer."""
        return Count(item, "", sum(a is None for a in answers), kind="blank")

    # -- its controls in the widget -------------------------------------------------------------
    @abstractmethod
    def build(self, w: QuestionWidget) -> list[W.Widget]:
        """Create the input controls of ``w`` as its attributes (changes ``w``); return the
        widgets to show, in order. The only method that imports ipywidgets."""

    @abstractmethod
    def inputs(self, w: QuestionWidget) -> list[W.Widget]:
        """The controls of ``w`` to disable once the question is finished."""

    @abstractmethod
    def read(self, w: QuestionWidget) -> Any:
        """The answer in the controls of ``w`` now: a shape :meth:`parse_answer` accepts, or an
        empty one (see :meth:`is_empty`)."""

    @abstractmethod
    def show(self, w: QuestionWidget, answer: Any) -> None:
        """Put ``answer`` into the controls of ``w``; a value of another shape (None, a damaged
        record) clears them."""
