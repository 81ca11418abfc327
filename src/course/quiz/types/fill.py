"""填空题: type the missing words into a text box; compared after :func:`normalise`."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

from .. import strings as s
from ._base import LABEL_STYLE, Count, QuestionType, Result, all_strings

if TYPE_CHECKING:
    import ipywidgets as W

    from ..base import QuestionWidget
    from ..model import Question

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


class Fill(QuestionType):
    """The key: the accepted variants, a string or a non-empty list of strings; an answer: the
    typed string. Right (1) if it equals a variant after :func:`normalise`, else 0."""

    name = "fill"
    takes_options = False

    def parse_answer(self, q: Question, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"answer must be the typed text, not {type(value).__name__}")
        return value

    def key_problems(self, q: Question) -> list[str]:
        variants = [q.answer] if isinstance(q.answer, str) else q.answer
        if isinstance(variants, list) and variants and all_strings(variants) and all(variants):
            return []
        return ["answer must be a non-empty string or list of strings"]

    @staticmethod
    def variants(q: Question) -> list[str]:
        """The accepted answers of ``q`` (none without a key)."""
        return [q.answer] if isinstance(q.answer, str) else list(q.answer or [])

    def check(self, q: Question, given: str) -> Result:
        ok = normalise(given) in {normalise(v) for v in self.variants(q)}
        return Result(ok, 1.0 if ok else 0.0)

    def is_empty(self, q: Question, given: Any) -> bool:
        return given is None or not normalise(given)

    def in_words(self, q: Question, value: Any) -> str:
        return " / ".join(value) if isinstance(value, list) else str(value)

    def tally(self, q: Question, answers: list[Any], top: int) -> list[Count]:
        """The ``top`` most frequent answers, each as first typed (stripped); answers equal
        after :func:`normalise` count as one."""
        right = {normalise(v) for v in self.variants(q)}
        forms: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for a in answers:
            if a is not None:
                forms.setdefault(normalise(a), a.strip())
                counts[normalise(a)] += 1
        rows = [Count("", forms[k], c, k in right) for k, c in counts.most_common(top)]
        return [*rows, self.blank(answers)]

    def build(self, w: QuestionWidget) -> list[W.Widget]:
        import ipywidgets as W

        w.text = W.Text(
            value="",
            description=s.FILL_LABEL,
            placeholder=s.FILL_PLACEHOLDER,
            style=LABEL_STYLE,
            layout={"width": "24em"},
        )
        w.text.add_class("quiz-fill")
        return [w.text]

    def inputs(self, w: QuestionWidget) -> list[W.Widget]:
        return [w.text]

    def read(self, w: QuestionWidget) -> str:
        return w.text.value

    def show(self, w: QuestionWidget, answer: Any) -> None:
        w.text.value = answer if isinstance(answer, str) else ""
