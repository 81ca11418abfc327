"""Print, for each lesson notebook: its markdown length, its practice questions (as the quiz
engine selects them), its execution time on a fresh kernel, and a reading-time estimate to compare
with the time the lesson states.

    .venv/bin/python benchmarks/lesson_metrics.py

The estimate assumes a trainee reads study text at about 250 Chinese characters a minute, spends
about 40 s on each practice question, 20 s on each table or diagram and 5 s on running each cell.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course.quiz import bank  # noqa: E402
from tests.support.lessons import (  # noqa: E402
    LESSONS,
    execute_notebook,
    practice_calls,
    stated_minutes,
)

CHARS_PER_MINUTE = 250
SECONDS_PER_QUESTION = 40
SECONDS_PER_PICTURE = 20
SECONDS_PER_CELL = 5
_PICTURE = re.compile(r"show_table|diagram_")


def measure(path: Path, env: dict[str, str]) -> dict[str, float]:
    nb = nbformat.read(path, as_version=4)
    markdown = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    calls = [call for src in code for call in practice_calls(src)]
    questions = sum(len(bank.select(refs, section)) for refs, section in calls)
    pictures = sum(len(_PICTURE.findall(src)) for src in code)
    start = time.perf_counter()
    execute_notebook(path, env)
    seconds = time.perf_counter() - start
    estimate = (
        len(markdown) / CHARS_PER_MINUTE
        + (
            questions * SECONDS_PER_QUESTION
            + pictures * SECONDS_PER_PICTURE
            + len(code) * SECONDS_PER_CELL
        )
        / 60
    )
    return {"chars": len(markdown), "cells": len(nb.cells), "practice": len(calls),
            "questions": questions, "pictures": pictures, "run_s": seconds,
            "estimate_min": estimate, "stated_min": stated_minutes(nb)}  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"COURSE_ANSWERS_DIR": f"{tmp}/answers", "MPLCONFIGDIR": f"{tmp}/mpl"}
        header = f"{'notebook':32} {'md chars':>8} {'cells':>5} {'calls':>5} {'questions':>9} " \
                 f"{'pictures':>8} {'run s':>6} {'est. min':>8} {'stated':>6}"  # fmt: skip
        print(header)
        for path in LESSONS:
            m = measure(path, env)
            print(f"{path.name:32} {m['chars']:8d} {m['cells']:5d} {m['practice']:5d} "
                  f"{m['questions']:9d} {m['pictures']:8d} {m['run_s']:6.1f} "
                  f"{m['estimate_min']:8.1f} {m['stated_min']:6d}")  # fmt: skip


if __name__ == "__main__":
    main()
