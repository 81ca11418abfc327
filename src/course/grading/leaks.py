"""Find answer keys where trainees could read them: released notebooks, the wheel, the sdist.

The keys are taken from the graded question data (:mod:`course.grading.pools`, the one place
they are written), each with the hidden test the generated notebook holds for its pool
(:func:`keys`). A key is not just its answer text (the right option of a single-choice question
is, of course, printed among the options); a leak is something that tells which option is right.
For every :class:`Key` this looks for:

* its hidden-test lines and its explanation, verbatim;
* a list or mapping answer (ordering, multiple choice, matching) serialised as JSON or as a Python
  literal: anywhere in a released notebook (e.g. an ordering question whose options were written
  in the right order), after the question id in a package (where the article's lists in order
  are legitimate course content);
* a scalar answer written as ``answer = <value>`` / ``"answer": <value>`` after the question id;
* in packages only, the question id itself (graded questions must not ship in the package).
"""

from __future__ import annotations

import contextlib
import json
import re
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.grading import code

if TYPE_CHECKING:
    from course.grading.pools import Quiz

#: Text of a hidden test or a mark scheme: never in a released notebook.
NOTEBOOK_MARKERS = (
    code.BEGIN,
    code.BEGIN_MARK_SCHEME,
    f"{code.KEYS_NAME} = {{",
    f"{code.MODULE}.grade(",
)


@dataclass(frozen=True)
class Key:
    """One graded question's key, and the hidden test that holds it."""

    question: str
    points: float
    answer: Any
    explanation: str
    hidden_source: str  # the hidden region of a grade cell drawing from the question's pool


def keys(quizzes: list[Quiz]) -> list[Key]:
    """The :class:`Key` of every question of ``quizzes``."""
    out = []
    for quiz in quizzes:
        first = {}
        for slot in quiz.slots:
            first.setdefault(slot.pool, slot.id)
        for pool in quiz.pools.values():
            source = code.test_source(first[pool.id], quiz.keys(pool.id))
            hidden = code.hidden_regions(source)[0]
            for q in pool.questions:
                out.append(Key(q.id, pool.points, q.answer, q.explanation, hidden))
    return out


def serialisations(value: Any) -> set[str]:
    """The ways ``value`` is commonly written down in source and data files."""
    forms = {repr(value)}
    for ascii_only in (False, True):
        for separators in ((", ", ": "), (",", ":")):
            forms.add(json.dumps(value, ensure_ascii=ascii_only, separators=separators))
    return forms


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _near_question(question: str, form: str, text: str, package: bool) -> bool:
    """``form`` occurs in ``text``; in a package, only counts within 2000 characters after the
    question id (article facts such as the four spirits in order are course content there)."""
    start = text.find(form)
    while start != -1:
        if not package or question in text[max(0, start - 2000) : start]:
            return True
        start = text.find(form, start + 1)
    return False


def key_leaks(key: Key, name: str, text: str, *, package: bool) -> list[str]:
    """What of ``key`` the file ``name`` with content ``text`` gives away (empty: nothing)."""
    found = []
    flat = _normal(text)
    if key.explanation and _normal(key.explanation) in flat:
        found.append("explanation")
    for line in key.hidden_source.splitlines():
        if len(line.strip()) >= 20 and line.strip() in text:
            found.append(f"hidden test line {line.strip()[:40]!r}")
            break
    if isinstance(key.answer, list | dict):
        if any(
            _near_question(key.question, form, text, package) for form in serialisations(key.answer)
        ):
            found.append("answer literal")
    else:
        value = re.escape(str(key.answer))
        if isinstance(key.answer, bool):  # Python or JSON spelling
            value = f"(?:{key.answer}|{str(key.answer).lower()})"
        pattern = rf"{re.escape(key.question)}[\s\S]{{0,2000}}?answer['\"]?\s*[:=]\s*['\"]?{value}"
        if re.search(pattern, text):
            found.append("answer assignment")
    if package and re.search(rf"\b{re.escape(key.question)}\b", text):
        found.append("graded question id")
    return [f"{name}: {key.question}: {what}" for what in found]


def file_leaks(keys: list[Key], name: str, text: str, *, package: bool) -> list[str]:
    """Every leak of any of ``keys`` in one file; notebooks also must not carry test markers."""
    found = [leak for key in keys for leak in key_leaks(key, name, text, package=package)]
    if name.endswith(".ipynb"):
        found += [f"{name}: marker {m!r}" for m in NOTEBOOK_MARKERS if m in text]
    return found


def _texts_of(data: bytes, name: str) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    texts = [text]
    if name.endswith((".json", ".ipynb")):
        with contextlib.suppress(ValueError):  # \u-escaped Chinese would not match otherwise
            texts.append(json.dumps(json.loads(text), ensure_ascii=False))
    return texts


def archive_members(path: str | Path) -> dict[str, bytes]:
    """``{member name: bytes}`` of a wheel/zip or an sdist (tar.gz)."""
    path = Path(path)
    if path.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(path) as archive:
            return {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}
    with tarfile.open(path) as archive:
        return {
            m.name: archive.extractfile(m).read()  # type: ignore[union-attr]
            for m in archive.getmembers()
            if m.isfile()
        }


def scan_archive(keys: list[Key], path: str | Path) -> list[str]:
    found = []
    for name, data in archive_members(path).items():
        for text in _texts_of(data, name):
            found += file_leaks(keys, f"{Path(path).name}!{name}", text, package=True)
    return sorted(set(found))


def scan_notebooks(keys: list[Key], paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for text in _texts_of(path.read_bytes(), path.name):
            found += file_leaks(keys, str(path), text, package=False)
    return sorted(set(found))
