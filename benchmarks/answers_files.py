"""Print what the answers-file layer costs: reading and checking a submitted ``answers.json``
(``read_submitted``) and recording one answer (``AnswerStore.record``: read, check, write,
fsync) for a typical graded quiz, the whole practice bank and an extreme file, CPU time (the
fsync's wait is not CPU); and refusing a 50 MB file (time, peak Python memory).

    .venv/bin/python benchmarks/answers_files.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from course.answers import AnswerStore, read_submitted, utc_now

SIZES = [
    ("a graded quiz: 12 questions x 3 attempts", 12, 3),
    ("the practice bank: 66 questions x 2 attempts", 66, 2),
    ("extreme: 12 questions x 1000 attempts", 12, 1000),
]


def cpu_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def fill(store: AnswerStore, questions: int, attempts: int) -> None:
    answer, at = ["红船精神", "井冈山精神", "长征精神", "延安精神"], utc_now()
    attempt = {"answer": answer, "correct": None, "score": None, "at": at}
    records = {
        f"q{n}": {
            "question_id": f"q{n}",
            "type": "ordering",
            "answer": answer,
            "correct": None,
            "score": None,
            "attempts": [attempt] * attempts,
        }
        for n in range(questions)
    }
    store.update(lambda data: data["answers"].update(records))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for label, questions, attempts in SIZES:
            store = AnswerStore(Path(folder) / f"{questions}-{attempts}.json")
            fill(store, questions, attempts)
            size = store.path.stat().st_size / 1024
            read = cpu_ms(lambda s=store: read_submitted(s.path), 20)
            record = cpu_ms(lambda s=store: s.record("q0", "ordering", ["红船精神"]), 10)
            print(
                f"{label} ({size:,.0f} KB): read and check {read:.2f} ms, "
                f"record one answer {record:.2f} ms (CPU, median)"
            )
        big = Path(folder) / "answers.json"
        with open(big, "wb") as fh:
            fh.truncate(50 * 1024 * 1024)
        tracemalloc.start()
        start = time.perf_counter()
        result = read_submitted(big)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"50 MB answers.json: {result.status} ({result.problem}) in {seconds * 1000:.2f} ms, "
            f"peak Python memory {peak / 1024:.0f} KB"
        )


if __name__ == "__main__":
    main()
