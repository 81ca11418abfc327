"""The gradebook and the trainees' answers records, read into pandas.

The gradebook is read through SQLAlchemy with nbgrader's own table models (``nbgrader.api``), so
any database nbgrader supports works; by default it is the course's configured ``db_url``
(:mod:`course.nbcourse`), ``--db`` overrides it. It is only read: unlike
``nbgrader.api.Gradebook`` this never creates tables or a course row. Answers come from
``answers.json`` of each graded submission: its ``autograded`` folder (what was graded), else its
``submitted`` folder, as the course's ``CourseDirectory`` places them.

A graded quiz gives every trainee their own paper: each grade cell of a slot is mapped to the
question the trainee had there (the paper's draw, :mod:`course.grading.papers`), so that the
scores and answers tables hold one row per trainee and question actually asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from course.answers import ANSWERS_FILE, CORRUPT, MISSING, SubmittedAnswers, read_submitted
from course.grading.cells import source_order
from course.ids import IdError
from course.nbcourse import Course, open_course

from . import errors
from .progress import bar
from .questions import QuestionInfo, describe, first_heading

if TYPE_CHECKING:
    import pandas as pd

    from course.grading.papers import PaperSpec


@dataclass
class Cohort:
    """Everything the report is computed from (long tables, one row per fact)."""

    db: str  # the database URL, password hidden
    course_dir: Path  # the course's root
    assignments: list[str]  # with graded submissions, in due-date then name order
    titles: dict[str, str]  # assignment -> the notebook's first heading (or its name)
    questions: pd.DataFrame  # one row per question: QuestionInfo fields + section_label
    scores: pd.DataFrame  # trainee, assignment, slot, question, score, points, pending
    answers: pd.DataFrame  # trainee, assignment, question, answer (None: not answered)
    records: pd.DataFrame  # trainee, assignment, status (ok/missing/corrupt), problem
    students: list[str]  # every trainee in the gradebook
    waiting: dict[str, list[str]] = field(default_factory=dict)  # submitted, not graded
    skipped: list[str] = field(default_factory=list)  # assignments without graded submissions


def _engine(db_url: str):
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    shown = url.render_as_string(hide_password=True)
    local = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if local and not Path(url.database).is_file():
        raise errors.EmptyGradebook(shown, "the database file does not exist")
    engine = create_engine(db_url)
    if "assignment" not in inspect(engine).get_table_names():
        engine.dispose()
        raise errors.EmptyGradebook(shown, "it has no nbgrader tables")
    return engine, shown


def _notebook_order(course: Course, assignment: str, notebook: str) -> list[str]:
    """Grade ids in notebook order, from any copy of the notebook in the course folder."""
    name = f"{notebook}.ipynb"
    copies = [(kind, None) for kind in ("source", "release")]
    copies += [("autograded", t) for t in course.students("autograded", assignment)]
    for kind, trainee in copies:
        try:
            order = source_order(course.path(kind, trainee, assignment) / name)
        except IdError:  # an id nbgrader would glob: not a copy to trust
            continue
        if order:
            return order
    return []


def _questions(
    session, course: Course, names: list[str]
) -> tuple[list[QuestionInfo], dict, dict[tuple[str, str], PaperSpec]]:
    from nbgrader.api import Assignment, GradeCell, Notebook, SourceCell, TaskCell
    from sqlalchemy import select

    nbs = session.execute(
        select(Notebook.id, Notebook.name, Assignment.name).join(Assignment)
    ).all()
    cells: dict[str, list[tuple[str, float]]] = {}
    for model in (GradeCell, TaskCell):
        for nb_id, name, points in session.execute(
            select(model.notebook_id, model.name, model.max_score)
        ):
            if points and points > 0:
                cells.setdefault(nb_id, []).append((name, points))
    sources: dict[str, dict[str, str]] = {}
    for nb_id, name, text in session.execute(
        select(SourceCell.notebook_id, SourceCell.name, SourceCell.source)
    ):
        sources.setdefault(nb_id, {})[name] = text or ""
    out, titles, papers = [], {}, {}
    for nb_id, notebook, assignment in sorted(nbs, key=lambda r: (r[2], r[1])):
        if assignment not in names:
            continue
        order = _notebook_order(course, assignment, notebook)
        graded = sorted(
            cells.get(nb_id, []), key=lambda c: order.index(c[0]) if c[0] in order else len(order)
        )
        infos, paper = describe(assignment, notebook, graded, sources.get(nb_id, {}))
        out.extend(infos)
        if paper is not None:
            papers[(assignment, notebook)] = paper
        headings = [first_heading(s) for s in sources.get(nb_id, {}).values()]
        titles.setdefault(assignment, next((h for h in headings if h), assignment))
    return out, titles, papers


def _asked_question(scores: pd.DataFrame, papers: dict[tuple[str, str], PaperSpec]) -> list:
    """The question each score row is about: the trainee's question in a slot, else the grade
    cell itself (a manual question)."""
    drawn: dict[tuple[str, str, str], dict[str, str]] = {}
    out = []
    for trainee, assignment, notebook, cell in zip(
        scores["trainee"], scores["assignment"], scores["notebook"], scores["grade_id"], strict=True
    ):
        paper = papers.get((assignment, notebook))
        if paper is None:
            out.append(cell)
            continue
        key = (trainee, assignment, notebook)
        if key not in drawn:
            drawn[key] = paper.draw(trainee)
        out.append(drawn[key].get(cell, cell))
    return out


def _scores(session, names: list[str]):
    import pandas as pd
    from nbgrader.api import (
        Assignment,
        BaseCell,
        Grade,
        Notebook,
        SubmittedAssignment,
        SubmittedNotebook,
    )
    from sqlalchemy import select

    stmt = (
        select(
            SubmittedAssignment.student_id.label("trainee"),
            Assignment.name.label("assignment"),
            Notebook.name.label("notebook"),
            BaseCell.name.label("grade_id"),
            Grade.score.label("score"),
            Grade.needs_manual_grade.label("pending"),
        )
        .select_from(Grade)
        .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
        .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
        .join(BaseCell, Grade.cell_id == BaseCell.id)
        .where(Assignment.name.in_(names))
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=list(stmt.selected_columns.keys()))


def _record(course: Course, trainee: str, assignment: str) -> SubmittedAnswers:
    try:
        folders = [course.path(k, trainee, assignment) for k in ("autograded", "submitted")]
    except IdError as exc:  # an id nbgrader globbed: its files may be someone else's
        return SubmittedAnswers(Path(trainee), CORRUPT, problem=str(exc))
    for folder in folders:
        if (folder / ANSWERS_FILE).is_file():
            return read_submitted(folder / ANSWERS_FILE)
    return read_submitted(folders[-1] / ANSWERS_FILE)


def _waiting(course: Course, assignment: str, graded: set[str]) -> list[str]:
    return sorted(set(course.students("submitted", assignment)) - graded)


def load(
    course: Course | str | Path | None = None,
    db_url: str | None = None,
    assignments: list[str] | None = None,
    progress: bool = True,
) -> Cohort:
    """Read the cohort of ``assignments`` (None: every assignment with graded submissions) of
    ``course`` (a :class:`~course.nbcourse.Course`, or its folder: see
    :func:`~course.nbcourse.open_course`) from its gradebook, or from ``db_url`` if given.

    Raises :class:`~.errors.EmptyGradebook` (no database, no assignment or nothing graded),
    :class:`~.errors.UnknownAssignment`, :class:`~.errors.NotAutograded` (an assignment asked
    for by name has no graded submission) and :class:`~.errors.AnswersMissing` (no graded
    submission of an assignment has an answers record)."""
    import pandas as pd
    from nbgrader.api import Assignment, Student
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    if not isinstance(course, Course):
        course = open_course(course)
    engine, shown = _engine(db_url or course.db_url)
    try:
        with Session(engine) as session:
            rows = session.execute(select(Assignment.name, Assignment.duedate)).all()
            known = [n for n, _ in sorted(rows, key=lambda r: (r[1] is None, r[1] or 0, r[0]))]
            if not known:
                raise errors.EmptyGradebook(shown, "no assignment has been generated")
            for name in assignments or []:
                if name not in known:
                    raise errors.UnknownAssignment(name, known)
            wanted = list(assignments or known)
            scores = _scores(session, wanted)
            graded = set(scores["assignment"])
            waiting = {
                a: _waiting(course, a, set(scores.loc[scores["assignment"] == a, "trainee"]))
                for a in wanted
            }
            for name in assignments or []:
                if name not in graded:
                    raise errors.NotAutograded(name, len(waiting[name]))
            if not graded:
                raise errors.EmptyGradebook(shown, "no submission has been autograded")
            names = [a for a in wanted if a in graded]
            infos, titles, papers = _questions(session, course, names)
            students = sorted(s for (s,) in session.execute(select(Student.id)))
    finally:
        engine.dispose()
    questions = pd.DataFrame([vars(q) for q in infos])
    questions["section_label"] = questions["section"].map(_section_label)
    scores = scores.assign(question=_asked_question(scores, papers), slot=scores["grade_id"])
    keyed = questions.set_index(["assignment", "notebook", "question"])
    scores = scores.join(keyed[["points", "type"]], on=["assignment", "notebook", "question"])
    scores = scores.dropna(subset=["points"])  # zero-point task cells
    auto_rows = scores[scores["type"] != "manual"]
    scores = scores[["trainee", "assignment", "slot", "question", "score", "points", "pending"]]
    scores = scores.astype({"score": float, "points": float, "pending": bool})

    pairs = sorted(set(zip(scores["trainee"], scores["assignment"], strict=True)))
    asked: dict[tuple[str, str], list[str]] = {}
    for trainee, assignment, qid in zip(
        auto_rows["trainee"], auto_rows["assignment"], auto_rows["question"], strict=True
    ):
        asked.setdefault((trainee, assignment), []).append(qid)
    records, answers = [], []
    for trainee, assignment in bar(pairs, "answers records", progress):
        rec = _record(course, trainee, assignment)
        records.append((trainee, assignment, rec.status, rec.problem))
        for qid in asked.get((trainee, assignment), []):
            answers.append((trainee, assignment, qid, rec.answers.get(qid)))
    records = pd.DataFrame(records, columns=["trainee", "assignment", "status", "problem"])
    for a in names:
        mine = records[records["assignment"] == a]
        if (mine["status"] == MISSING).all():
            raise errors.AnswersMissing(a, str(course.root), len(mine))
    return Cohort(
        db=shown,
        course_dir=course.root,
        assignments=names,
        titles=titles,
        questions=questions,
        scores=scores.reset_index(drop=True),
        answers=pd.DataFrame(answers, columns=["trainee", "assignment", "question", "answer"]),
        records=records,
        students=students,
        waiting={a: w for a, w in waiting.items() if w},
        skipped=[a for a in wanted if a not in graded],
    )


def _section_label(section: str | None) -> str:
    from course.quiz.model import section_label

    from . import strings as s

    return section_label(section) if isinstance(section, str) else s.NO_SECTION
