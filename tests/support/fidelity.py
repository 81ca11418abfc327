"""The check that cannot be argued with: no learner-visible string shares an unmarked run of
more than :data:`LIMIT` Han characters with the article.

The course's rule (``/work/shared/source/README.md``): facts carry over, sentences do not; a name,
a list item, a title or a short key phrase may be quoted, marked as a quotation. So:

* a run inside quotation marks -- 「」, “”, 『』 (nested), or 《》 (a document's title) -- is
  marked and not counted;
* everything else is compared with the article on its Han characters only: punctuation, digits,
  Latin letters and spaces are dropped on both sides, so a sentence copied with its commas
  changed is still a copied sentence. A table cell (``|``) is its own string.

Used per content file by ``tests/test_fidelity.py``; other tests (the graded quizzes' data)
call :func:`copies_in` with their own strings.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

#: The longest run of Han characters a string may share with the article outside quotation marks.
LIMIT = 20
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_MARKS = {"「": "」", "“": "”", "『": "』", "《": "》"}
_ALL_MARKS = re.escape("".join(_MARKS) + "".join(_MARKS.values()))
#: An innermost quotation: an opening mark, no mark inside, its closing mark.
_INNERMOST = re.compile(
    "|".join(f"{re.escape(o)}[^{_ALL_MARKS}]*{re.escape(c)}" for o, c in _MARKS.items())
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CUT = "\x00"


def han(text: str) -> str:
    """The Han characters of ``text``, in order (a new string)."""
    return "".join(_HAN.findall(text))


def unmarked_parts(text: str) -> list[str]:
    """The parts of ``text`` outside quotation marks (nested quotations are removed whole) and
    outside HTML comments, cut at table-cell bars. An unmatched mark is left as plain text."""
    text = _COMMENT.sub(_CUT, text)
    while True:
        cut = _INNERMOST.sub(_CUT, text)
        if cut == text:
            break
        text = cut
    return [part for part in re.split(f"[{_CUT}|]", text) if part]


@dataclass(frozen=True)
class Article:
    """The article reduced to its Han characters, with every run of ``LIMIT + 1`` of them."""

    han: str
    grams: frozenset[str]

    @classmethod
    def from_text(cls, text: str) -> Article:
        chars = han(text)
        size = LIMIT + 1
        return cls(chars, frozenset(chars[i : i + size] for i in range(len(chars) - size + 1)))

    def copied_runs(self, text: str) -> list[str]:
        """Every maximal run of more than LIMIT Han characters that ``text`` shares with the
        article outside quotation marks (an empty list when there is none)."""
        runs = []
        size = LIMIT + 1
        for part in unmarked_parts(text):
            chars = han(part)
            i = 0
            while i + size <= len(chars):
                if chars[i : i + size] not in self.grams:
                    i += 1
                    continue
                j = i + size
                while j < len(chars) and chars[i : j + 1] in self.han:
                    j += 1
                runs.append(chars[i:j])
                i = j
        return runs


def copies_in(strings: Iterable[tuple[str, str]], article: Article) -> list[str]:
    """``where: run`` for every copied run in ``(where, text)`` pairs (empty: none)."""
    return [f"{where}: {run}" for where, text in strings for run in article.copied_runs(text)]


# -- learner-visible strings of each kind of content ---------------------------------------------
def notebook_strings(path: Path) -> Iterator[tuple[str, str]]:
    """A notebook's markdown cells and every string constant of its code cells."""
    nb = nbformat.read(path, as_version=4)
    for n, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            yield f"{path.name} cell {n}", cell.source
        elif cell.cell_type == "code":
            yield from ((f"{path.name} cell {n}", s) for s in code_strings(cell.source))


def code_strings(source: str) -> list[str]:
    """Every string constant in Python ``source`` (none if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


#: Bank fields that are identifiers or references, not text a learner reads.
_BANK_CODES = {"id", "type", "section", "refs", "attempts"}


def bank_strings(path: Path) -> Iterator[tuple[str, str]]:
    """Every text of every question of a practice bank file (prompt, options, items, keys,
    explanation, hint, source)."""
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for question in raw["questions"]:
        for field, value in question.items():
            if field not in _BANK_CODES:
                where = f"{path.name} {question.get('id')}.{field}"
                yield from ((where, s) for s in _texts(value))


def pool_strings(path: Path) -> Iterator[tuple[str, str]]:
    """Every text of a graded quiz's question data (title, scope, reflection and rubric, every
    question of every pool), each with where it is."""
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field in ("title", "scope", "reflection"):
        yield from ((f"{path.name} {field}", s) for s in _texts(raw.get(field)))
    for pool_id, pool in raw["pools"].items():
        for question in pool["questions"]:
            for field, value in question.items():
                if field not in _BANK_CODES:
                    where = f"{path.name} {pool_id}/{question.get('id')}.{field}"
                    yield from ((where, s) for s in _texts(value))


def _texts(value: Any) -> Iterator[str]:
    """Every string in a YAML value (mapping keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def model_strings(model: Any, fields: set[str], where: str = "") -> Iterator[tuple[str, str]]:
    """The string values of the named ``fields`` anywhere in a pydantic model tree."""
    from pydantic import BaseModel

    if isinstance(model, list):
        for n, item in enumerate(model):
            label = getattr(item, "id", None) or getattr(item, "term", None) or n
            yield from model_strings(item, fields, f"{where}[{label}]")
        return
    if not isinstance(model, BaseModel):
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in fields and isinstance(value, str):
            yield f"{where}.{name}", value
        elif isinstance(value, BaseModel | list):
            yield from model_strings(value, fields, f"{where}.{name}")


def figure_strings(name: str, figure: Any) -> list[tuple[str, str]]:
    """Every line of every text label of a matplotlib figure. A line is a string of its own: a
    stacked label shows one list item per line (a sentence wrapped wider than LIMIT is still
    caught on its first line)."""
    texts = figure.findobj(lambda a: hasattr(a, "get_text"))
    return [(name, line) for t in texts for line in t.get_text().splitlines() if line]
