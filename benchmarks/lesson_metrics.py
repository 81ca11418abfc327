"""Print, for each lesson notebook: the Han characters a learner reads, its tables and diagrams,
its practice questions (as the quiz engine selects them) and reviews, its execution time on a
fresh kernel, the time the generator estimates (``course.authoring.timing``, rates in its
docstring) and the time the lesson states.

    .venv/bin/python benchmarks/lesson_metrics.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course.authoring.cells import diagram_calls, directive, han_count, practice_calls  # noqa: E402
from course.authoring.notebooks import render_folder  # noqa: E402
from tests.support.lessons import (  # noqa: E402
    LESSONS,
    LESSONS_DIR,
    execute_notebook,
    offered,
    stated_minutes,
)

COLUMNS = ("notebook", "Han chars", "tables", "diagrams", "questions", "reviews", "run s")
COLUMNS += ("reading", "practice", "estimate", "stated")


def measure(path: Path, env: dict[str, str]) -> list:
    """One row of figures for the lesson at ``path`` (runs it on a fresh kernel)."""
    nb = nbformat.read(path, as_version=4)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    tables = sum(1 for m in markdown if (d := directive(m)) is not None and d.kind == "table")
    reviews = sum(1 for s in code for call in practice_calls(s) if call.name == "review")
    start = time.perf_counter()
    execute_notebook(path, env)
    seconds = time.perf_counter() - start
    estimate = render_folder(LESSONS_DIR)[path].estimate
    return [
        path.name,
        sum(han_count(m) for m in markdown),
        tables,
        sum(diagram_calls(s) for s in code),
        sum(len(offered(s)) for s in code),
        reviews,
        f"{seconds:.1f}",
        estimate.reading,
        estimate.practice,
        estimate.total,
        stated_minutes(nb),
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"COURSE_ANSWERS_DIR": f"{tmp}/answers", "MPLCONFIGDIR": f"{tmp}/mpl"}
        print(" | ".join(COLUMNS))
        for path in LESSONS:
            print(" | ".join(str(x) for x in measure(path, env)))


if __name__ == "__main__":
    main()
