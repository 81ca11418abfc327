"""Add a course's trainees to its gradebook; run as the course's grader, in its course folder.

``course hub roster apply`` (root) starts ``python -m course.hub.students`` from the hub's
environment as ``grader-<course>`` with a JSON list of ``{"id": ..., "name": ...}`` on standard
input, so that the gradebook (SQLite file or PostgreSQL) is written by its owner with the
course's own nbgrader configuration. Trainees are added or renamed, never removed: a trainee
taken off the roster keeps their grades. Prints one line per trainee added or changed.
"""

from __future__ import annotations

import json
import sys


def course_gradebook(course_dir: str):
    """A Gradebook of the course in ``course_dir`` on the database its nbgrader configuration
    names (created if it does not exist yet: ``course hub init`` makes it so)."""
    from nbgrader.api import Gradebook

    from course.nbcourse import open_course

    course = open_course(course_dir)
    return Gradebook(course.db_url, course.course_id)


def sync(course_dir: str, trainees: list[dict]) -> list[str]:
    """Add or rename ``trainees`` in the gradebook; return what changed."""
    from nbgrader.api import MissingEntry

    done = []
    with course_gradebook(course_dir) as gb:
        for trainee in trainees:
            try:
                known = gb.find_student(trainee["id"])
            except MissingEntry:
                known = None
            if known is not None and known.last_name == trainee["name"]:
                continue
            gb.update_or_create_student(trainee["id"], last_name=trainee["name"], first_name=None)
            done.append(("renamed " if known else "added ") + trainee["id"])
    return done


def main() -> int:
    course_dir = sys.argv[1]
    for line in sync(course_dir, json.load(sys.stdin)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
