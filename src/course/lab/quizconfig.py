"""The nbgrader configuration a lab started by ``course lab`` reads: written into the lab's own
Jupyter configuration folder (``JUPYTER_CONFIG_DIR``, see :mod:`course.lab.profiles`), which
nbgrader searches like every Jupyter configuration folder, before the working folder.

* The trainee's lab gets ``nbgrader_config.py`` naming the course (id, ignored files, largest
  file), its exchange, and ``Exchange.assignment_dir`` = the lab's root: nbgrader's fetch puts a
  quiz there (and fetch_feedback its feedback), so it is what the file browser shows, and submit
  sends that copy. Anything loading the configuration as nbgrader does (``NbGrader``'s
  ``load_config_file`` with the lab's environment) sees these values.
* The instructor's lab runs in the course folder, whose own ``nbgrader_config.py`` nbgrader reads
  from the working folder; the lab's folder holds only a note saying so, so that nothing from
  the OS account's ``~/.jupyter`` (``course grading mode``) applies.

Both values come from the course's configuration as nbgrader's commands load it
(:func:`course.nbcourse.open_course`): one machine needs no environment variable.
"""

from __future__ import annotations

from pathlib import Path

from course.nbcourse import Course

CONFIG_NAME = "nbgrader_config.py"
HEADER = (
    "# Written by `course lab` at each start from the course in {root}; edit that instead.",
    "c = get_config()  # noqa: F821",
)


def trainee_lines(course: Course, assignment_dir: Path) -> list[str]:
    """The trainee lab's nbgrader configuration lines: the course of ``course``, its exchange,
    and ``assignment_dir`` (absolute) as where quizzes are fetched to. Pure."""
    coursedir = course.coursedir
    lines = [
        f"c.CourseDirectory.course_id = {course.course_id!r}",
        f"c.CourseDirectory.ignore = {list(coursedir.ignore)!r}",
        f"c.CourseDirectory.max_file_size = {coursedir.max_file_size!r}",
        f"c.Exchange.assignment_dir = {str(Path(assignment_dir).absolute())!r}",
    ]
    exchange = course.config.get("Exchange", {})
    if course.exchange_root is not None:
        lines.append(f"c.Exchange.root = {str(course.exchange_root)!r}")
    if "path_includes_course" in exchange:
        lines.append(f"c.Exchange.path_includes_course = {exchange['path_includes_course']!r}")
    return lines


def instructor_lines(course: Course) -> list[str]:
    """The instructor lab's lines: none of its own (the course folder's file applies). Pure."""
    return [f"# The course's own {course.root / CONFIG_NAME} applies (the lab runs there)."]


def write(config_dir: Path, course: Course, lines: list[str]) -> Path:
    """Write ``<config_dir>/nbgrader_config.py`` (replacing the previous one atomically).
    Returns its path."""
    path = Path(config_dir) / CONFIG_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join([*(h.format(root=course.root) for h in HEADER), *lines]) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def remove(config_dir: Path) -> None:
    """Remove a previous run's nbgrader configuration from ``config_dir`` (a lab without a
    course folder must not keep an old course's exchange)."""
    (Path(config_dir) / CONFIG_NAME).unlink(missing_ok=True)
