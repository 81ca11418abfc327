"""Question types: one class per type, one module per class, found through one registry.

Every public module of this package (a name not starting with ``_``) defines exactly one
subclass of :class:`QuestionType` whose ``name`` is the module's name; that name is the ``type``
of the questions it handles. :func:`get` finds a type by name; a name that no module defines is
an :class:`UnknownType` error naming it. The registry is built from the package's contents on
first use, so adding a type is adding its module (plus its label and instructions in
:mod:`course.quiz.strings` and its tests; see ``docs/quiz-engine.md``). Importing this package
imports nothing else, and no type imports ipywidgets until it builds a widget.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from .. import strings as s
from ._base import Count, QuestionType, Result

__all__ = ["Count", "QuestionType", "Result", "UnknownType", "get", "names", "registry"]


class UnknownType(ValueError):
    """A question's ``type`` is not one of the registered question types."""


@functools.cache
def registry() -> dict[str, QuestionType]:
    """Every question type, by name: one instance of the class of each public module of this
    package. Raises TypeError naming the module whose class is missing, misnamed or incomplete
    (an abstract method not provided), or whose label or instructions are not in strings.py."""
    found: dict[str, QuestionType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        classes = [
            c
            for c in vars(module).values()
            if isinstance(c, type)
            and issubclass(c, QuestionType)
            and c.__module__ == module.__name__
        ]
        if len(classes) != 1 or getattr(classes[0], "name", None) != info.name:
            raise TypeError(
                f"{module.__name__}: a question-type module defines exactly one QuestionType "
                f"subclass with name = {info.name!r}; found {[c.__name__ for c in classes]}"
            )
        missing = [t for t in ("TYPE_LABELS", "INSTRUCTIONS") if info.name not in getattr(s, t)]
        if missing:
            raise TypeError(
                f"{module.__name__}: question type {info.name!r} has no entry in "
                f"course.quiz.strings.{' / '.join(missing)}"
            )
        try:
            found[info.name] = classes[0]()
        except TypeError as exc:  # an abstract method not provided
            raise TypeError(f"{module.__name__}: {exc}") from None
    return found


def get(name: str) -> QuestionType:
    """The question type called ``name``. Raises :class:`UnknownType` (a ValueError) naming it
    and the known types if there is none."""
    types = registry()
    if isinstance(name, str) and name in types:
        return types[name]
    raise UnknownType(f"unknown question type {name!r} (known: {', '.join(types)})")


def names() -> list[str]:
    """The names of every question type, sorted."""
    return list(registry())
