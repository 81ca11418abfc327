"""Print the quiz engine's own costs, without a browser: loading the bank, building a session of
every practice question, and one submit (check + atomic, fsync'ed store write), plus the bank's
question counts by type and section.

    .venv/bin/python benchmarks/quiz_engine.py

The delay a trainee sees in the browser (click to feedback) is measured by
``tests/test_quiz_browser.py`` (run it with ``-s`` to see the figure).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    start = time.perf_counter()
    from course.answers import AnswerStore
    from course.quiz import bank
    from course.quiz.session import QuizSession

    questions = bank.load()
    print(
        f"import + load and validate the bank ({len(questions)} questions): "
        f"{ms(time.perf_counter() - start)}"
    )

    with tempfile.TemporaryDirectory() as folder:
        store = AnswerStore(Path(folder) / "practice.json")
        start = time.perf_counter()
        session = QuizSession(list(questions), store=store)
        print(f"build a session of every question: {ms(time.perf_counter() - start)}")
        times = []
        for widget in session.items:
            widget.value = widget.question.answer if widget.question.type != "fill" else "x"
            start = time.perf_counter()
            widget.submit_button.click()
            times.append(time.perf_counter() - start)
        print(
            f"submit (check, store write, feedback), {len(times)} answers: median "
            f"{ms(statistics.median(times))}, max {ms(max(times))}"
        )
        start = time.perf_counter()
        QuizSession(list(questions), store=store)
        print(f"rebuild the session with every answer restored: {ms(time.perf_counter() - start)}")

    print("\nquestions by type:", dict(Counter(q.type for q in questions)))
    print("questions by section:", dict(Counter(q.section for q in questions)))
    print("questions by topic:", dict(Counter(t for q in questions for t in bank.topics(q))))


if __name__ == "__main__":
    main()
