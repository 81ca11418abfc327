"""What a ``course autograde`` run prints and writes: the progress bar, the ``trainee code:``
line, the result of a refused submission and the JSON record of the run."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter


def refusal(student: str, why: str) -> dict:
    """The result of a submission refused before grading (the keys of a worker's result)."""
    return {
        "student": student,
        "status": "refused",
        "reason": why,
        "seconds": 0.0,
        "events": [],
        "errors": [why],
        "log": [],
    }


class Progress:
    """A tqdm bar on a terminal; a line for each submission that needs attention."""

    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="submission", file=sys.stderr, disable=None)
        self.counts: Counter[str] = Counter()

    def update(self, result: dict) -> None:
        self.counts[result["status"]] += 1
        self.bar.set_postfix(dict(sorted(self.counts.items())), refresh=False)
        self.bar.update(1)
        if result["status"] in ("failed", "refused"):
            line = f"{result['student']}: {result['status']} ({result['reason']})"
            self.bar.write(line, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def write_record(path: str, data: dict) -> None:
    """Write the JSON report atomically; a file name that is not UTF-8 (which a trainee can
    give a file) is written with escapes instead of failing the whole report."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8", errors="backslashreplace") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
    os.replace(tmp, path)


QUARANTINED = (
    "not run (QuarantineTraineeCode is an enabled sanitising step): only the instructor's code "
    "runs, so no code of the trainee can change a result"
)
RUNS = (
    "runs in the grading kernel beside the tests; after each test that passes, a failing "
    "check must still fail (the tamper canary): a detector, not a proof against forgery"
)


def trainee_code_quarantined(config) -> bool:
    """Whether the sanitising steps of ``config`` (a traitlets Config, as nbgrader loaded it)
    include QuarantineTraineeCode, or a subclass, and it is enabled."""
    from nbgrader.converters import Autograde
    from traitlets.utils.importstring import import_item

    from course.grading.preprocessors import QuarantineTraineeCode

    steps = config.Autograde.get(
        "sanitize_preprocessors", Autograde.sanitize_preprocessors.default()
    )
    for step in steps:
        try:
            cls = import_item(step) if isinstance(step, str) else step
        except ImportError:
            continue  # nbgrader itself will fail on it, and say so
        if isinstance(cls, type) and issubclass(cls, QuarantineTraineeCode):
            return bool(cls(config=config).enabled)
    return False
