"""Two graders entering manual grades in formgrader while ``course autograde`` runs, on a hub.

Used by tests/test_hub_cohort.py (PostgreSQL: 0 errors, 0 lost grades) and by
benchmarks/hub_grading_concurrency.py (the same run on SQLite and PostgreSQL, side by side).
"""

from __future__ import annotations

import threading
import time

import requests

from course.grading.generate import REFLECTION
from tests.support.hubclient import HubUser

A = "quiz-4500"
REFLECTION_ID = REFLECTION


def formgrader(user: HubUser, course: str, method: str, path: str, **kwargs):
    """Call the course's formgrader API through the hub as ``user``; return the JSON answer."""
    url = f"{user.base}/services/{course}/formgrader/api{path}"
    response = requests.request(method, url, headers=user.headers, timeout=120, **kwargs)
    response.raise_for_status()
    return response.json()


def reflection_grade(user: HubUser, course: str, student: str) -> dict:
    """The gradebook's grade of ``student``'s reflection, as formgrader shows it."""
    subs = formgrader(user, course, "GET", f"/submitted_notebooks/{A}/{A}")
    sub = next(s for s in subs if s["student"] == student)
    grades = formgrader(user, course, "GET", "/grades", params={"submission_id": sub["id"]})
    return next(g for g in grades if g["name"] == REFLECTION_ID)


def file_submissions(bed, course: str, template: str, students: list[str]) -> None:
    """Copy the collected submission of ``template`` for each of ``students``, as the grader."""
    folder = bed.hub.course_dir(course) / "submitted"
    for student in students:
        target = folder / student / A
        bed.grader(
            course,
            "sh",
            "-c",
            f"mkdir -p '{target.parent}' && cp -r '{folder / template / A}' '{target}'",
        )


def grade_while_autograding(
    bed, course: str, graders: list[HubUser], graded: list[str], pending: str, rounds: int = 6
) -> dict:
    """``graders`` (two instructors) score the reflections of the already autograded ``graded``
    students, ``rounds`` times each, alternating students, while ``course autograde --jobs 2
    --student PENDING`` grades the others. Returns errors (HTTP failures, wrong echoes), lost
    grades (the final score differs from the last one written), autograde's process and the
    seconds it all took."""
    ids = {s: reflection_grade(graders[0], course, s)["id"] for s in graded}
    errors: list[str] = []
    written: dict[str, float] = {}
    lock = threading.Lock()

    def grade(user: HubUser, students: list[str]) -> None:
        for round_ in range(rounds):
            for student in students:
                score = float((round_ + len(written)) % 5)
                try:
                    answer = formgrader(
                        user, course, "PUT", f"/grade/{ids[student]}", json={"manual_score": score}
                    )
                    with lock:
                        written[student] = score
                    if answer["manual_score"] != score:
                        errors.append(
                            f"{student}: wrote {score}, formgrader answered {answer['manual_score']}"
                        )
                except Exception as exc:  # noqa: BLE001 - counted and reported
                    errors.append(f"{user.name} {student}: {type(exc).__name__}: {exc}")

    autograde: dict = {}

    def run_autograde() -> None:
        autograde["proc"] = bed.grader(
            course,
            "course",
            "autograde",
            A,
            "--course-dir",
            ".",
            "--jobs",
            "2",
            "--student",
            pending,
            ok=False,
        )

    threads = [
        threading.Thread(target=grade, args=(g, graded[i :: len(graders)]))
        for i, g in enumerate(graders)
    ]
    threads.append(threading.Thread(target=run_autograde))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(900)
    seconds = time.monotonic() - started
    lost = []
    for student in graded:
        try:
            final = reflection_grade(graders[1], course, student)["manual_score"]
        except Exception as exc:  # noqa: BLE001 - a gradebook that cannot be read loses everything
            lost.append(f"{student}: {type(exc).__name__}")
            continue
        if student in written and final != written[student]:
            lost.append(f"{student}: last written {written[student]}, stored {final}")
    return {
        "errors": errors,
        "lost": lost,
        "autograde": autograde.get("proc"),
        "seconds": seconds,
        "writes": rounds * len(graded),
    }
