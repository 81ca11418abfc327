"""The course's own corpus of hostile and broken submissions of a graded quiz, built in code.

Each :class:`Case` lays out one trainee's folder in ``submitted/`` (starting from an honest
submission, see :mod:`tests.support.submissions`) and says what grading it must give, once under
``course autograde`` and once under plain ``nbgrader autograde`` with the course's configuration:

* ``Graded(like=REF)``: graded, every grade cell scoring exactly what the honest reference
  trainee ``REF`` scores (no forged mark; an added cell, a shadowing file or a restored test changes
  nothing); ``errors=True``: every widget question's test cell also shows an error (answers
  missing or damaged: a visible 0, never a silent one); ``answer_gone=True``: the free-text
  answer cell was deleted, so it comes back empty and scores 0 instead of awaiting a grader;
* ``Refused(words)``: not graded at all, nothing of it in ``autograded/``; the report (or
  nbgrader's log) names the trainee with a reason containing each of ``words``;
* ``Failed(words)``: nbgrader could not grade it (an unreadable notebook), reported with a reason;
* ``Logged(words)``: nbgrader never looks at the folder; the course's preprocessor says so in the
  log (a folder whose name starts with a dot).

``plain=None`` leaves a case out of the plain nbgrader run, with ``why``: nbgrader copies a
submission's files before any course code runs, and one case (a link to ``/dev/zero``) would make
it copy without end. The references are honest trainees; so are ``honest-*`` and the glob victim.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from tests.support.grading import cell_index
from tests.support.submissions import Quiz

MiB = 1024 * 1024


@dataclass(frozen=True)
class Graded:
    like: str
    errors: bool = False
    answer_gone: bool = False  # the free-text answer cell was deleted: it comes back empty, 0


@dataclass(frozen=True)
class Refused:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Failed:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Logged:
    words: tuple[str, ...]


Outcome = Graded | Refused | Failed | Logged


SAME = "same"  # plain nbgrader gives the outcome course autograde gives


@dataclass(frozen=True)
class Case:
    trainee: str
    what: str
    build: Callable[[Quiz, str], None]
    course: Outcome
    plain: Outcome | str | None = SAME  # None: left out of the plain run
    why: str = ""  # why plain nbgrader is left out
    status: str | None = None  # what `course grading status` must say of it, when checked

    def expected(self, runner: str) -> Outcome | None:
        if runner == "course" or self.plain == SAME:
            return self.course
        return self.plain


# -- building blocks ------------------------------------------------------------------------------


def _folder(quiz: Quiz, trainee: str) -> Path:
    return quiz.submitted / trainee / quiz.assignment


def _notebook(quiz: Quiz, trainee: str) -> Path:
    return _folder(quiz, trainee) / f"{quiz.assignment}.ipynb"


def _edit(quiz: Quiz, trainee: str, change: Callable[[nbformat.NotebookNode], None]) -> None:
    path = _notebook(quiz, trainee)
    nb = nbformat.read(path, as_version=4)
    change(nb)
    path.write_text(json.dumps(nb, ensure_ascii=False), "utf-8")


def _first_test(quiz: Quiz) -> str:
    return next(iter(quiz.points))


def _right(quiz: Quiz, trainee: str) -> None:
    quiz.submit(trainee, quiz.right_answers(trainee))


def _wrong(quiz: Quiz, trainee: str) -> None:
    quiz.submit(trainee, quiz.wrong_answers(trainee))


def _partial(quiz: Quiz, trainee: str) -> None:
    right, wrong = quiz.right_answers(trainee), quiz.wrong_answers(trainee)  # in slot order
    quiz.submit(trainee, {q: (right if i % 2 else wrong)[q] for i, q in enumerate(right)})


def _no_answers(quiz: Quiz, trainee: str) -> None:
    quiz.submit(trainee, None)


def _blank(quiz: Quiz, trainee: str) -> None:
    quiz.submit(trainee, {})


def _copied(source: str) -> Callable[[Quiz, str], None]:
    """Submits the answers file of ``source``'s paper, all right: a neighbour's file."""

    def build(quiz: Quiz, trainee: str) -> None:
        answers = quiz.right_answers(source)
        assert quiz.data.paper().foreign(trainee, list(answers)), "the two papers are the same"
        quiz.submit(trainee, answers)

    return build


def _one_foreign(quiz: Quiz, trainee: str) -> None:
    """Its own paper answered right, plus one right answer to a question of another paper."""
    from tests.support import papers

    answers = quiz.right_answers(trainee)
    other = next(q for q in quiz.types if q not in quiz.paper(trainee).values())
    answers[other] = papers.right(papers.questions(quiz.data)[other])
    quiz.submit(trainee, answers)


def _added_code(code: str, right: bool = True) -> Callable[[Quiz, str], None]:
    """Answers right (or wrong) and adds a code cell after the first test cell."""

    def build(quiz: Quiz, trainee: str) -> None:
        quiz.submit(trainee, quiz.right_answers(trainee) if right else quiz.wrong_answers(trainee))

        def change(nb):
            nb.cells.insert(cell_index(nb, _first_test(quiz)), nbformat.v4.new_code_cell(code))

        _edit(quiz, trainee, change)

    return build


def _answers_file(content: bytes | None = None, link: str | None = None, **kwargs):
    """Answers right, then replaces ``answers.json`` by ``content`` or a link to ``link``
    (``{root}`` is the course root)."""

    def build(quiz: Quiz, trainee: str) -> None:
        folder = quiz.submit(trainee, quiz.right_answers(trainee))
        target = folder / "answers.json"
        target.unlink()
        if link is not None:
            os.symlink(link.format(root=quiz.course.root), target)
        elif content is not None:
            target.write_bytes(content)

    return build


def _replace(name: str, make: Callable[[Path, Quiz], None], answers: str = "right"):
    """An honest submission whose file ``name`` is replaced by what ``make(path, quiz)`` makes."""

    def build(quiz: Quiz, trainee: str) -> None:
        chosen = {"right": quiz.right_answers(trainee), "none": None}[answers]
        folder = quiz.submit(trainee, chosen)
        path = folder / name
        if path.is_file() or path.is_symlink():
            path.unlink()
        make(path, quiz)

    return build


def _symlink(target: str) -> Callable[[Path, Quiz], None]:
    return lambda path, quiz: os.symlink(target.format(root=quiz.course.root), path)


def _sparse(size: int) -> Callable[[Path, Quiz], None]:
    def make(path: Path, quiz: Quiz) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)

    return make


def _bytes(data: bytes) -> Callable[[Path, Quiz], None]:
    return lambda path, quiz: path.write_bytes(data)


def _fifo(path: Path, quiz: Quiz) -> None:
    os.mkfifo(path)


def _link_to_fifo(path: Path, quiz: Quiz) -> None:
    os.mkfifo(path.with_name("pipe"))
    os.symlink("pipe", path)


def _socket(path: Path, quiz: Quiz) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


def _hard_link_to_source(path: Path, quiz: Quiz) -> None:
    os.link(quiz.course.root / "source" / quiz.assignment / f"{quiz.assignment}.ipynb", path)


def _deep(levels: int) -> Callable[[Path, Quiz], None]:
    def make(path: Path, quiz: Quiz) -> None:
        deep = path.joinpath(*["d"] * levels)
        deep.mkdir(parents=True)
        (deep / "bottom.txt").write_text("deep", "utf-8")

    return make


def _many(count: int) -> Callable[[Path, Quiz], None]:
    def make(path: Path, quiz: Quiz) -> None:
        path.mkdir()
        for i in range(count):
            (path / f"f{i}.txt").write_text("x", "utf-8")

    return make


def _nested_json(depth: int) -> bytes:
    inner = "[" * depth + "]" * depth
    return ('{"schema_version": 1, "answers": {"q": {"answer": ' + inner + "}}}").encode()


def _folder_link(target: str, level: str) -> Callable[[Quiz, str], None]:
    """The trainee's folder (``level='trainee'``) or assignment folder is a symbolic link."""

    def build(quiz: Quiz, trainee: str) -> None:
        if level == "trainee":
            os.symlink(target.format(root=quiz.course.root), quiz.submitted / trainee)
        else:
            (quiz.submitted / trainee).mkdir()
            os.symlink(target.format(root=quiz.course.root), _folder(quiz, trainee))

    return build


def _notebook_bytes(make: Callable[[bytes], bytes]) -> Callable[[Quiz, str], None]:
    def build(quiz: Quiz, trainee: str) -> None:
        quiz.submit(trainee, quiz.right_answers(trainee))
        path = _notebook(quiz, trainee)
        path.write_bytes(make(path.read_bytes()))

    return build


def _notebook_edit(change: Callable[[Quiz, nbformat.NotebookNode], None], answers: str = "right"):
    def build(quiz: Quiz, trainee: str) -> None:
        quiz.submit(
            trainee,
            {"right": quiz.right_answers(trainee), "wrong": quiz.wrong_answers(trainee)}[answers],
        )
        _edit(quiz, trainee, lambda nb: change(quiz, nb))

    return build


def _delete_test(quiz, nb):
    nb.cells.pop(cell_index(nb, _first_test(quiz)))


def _edit_test(quiz, nb):
    cell = nb.cells[cell_index(nb, _first_test(quiz))]
    cell.source = "2.0  # full marks, please"
    cell.metadata.nbgrader["points"] = 200


def _delete_setup(quiz, nb):
    nb.cells.pop(cell_index(nb, "setup"))


def _delete_ask(quiz, nb):
    nb.cells.pop(cell_index(nb, f"ask_{_first_test(quiz)}"))


def _reverse(quiz, nb):
    nb.cells.reverse()


def _test_as_solution(quiz, nb):
    meta = nb.cells[cell_index(nb, _first_test(quiz))].metadata.nbgrader
    meta.update(solution=True, grade=False, locked=False)


def _answer_cell_as_code(quiz, nb):
    index = cell_index(nb, quiz.reflection)
    old = nb.cells[index]
    cell = nbformat.v4.new_code_cell("while True:\n    pass")
    cell.metadata = old.metadata
    nb.cells[index] = cell


def _points_on_answer(quiz, nb):
    meta = nb.cells[cell_index(nb, quiz.reflection)].metadata.nbgrader
    meta.update(points=100)


def _duplicate_test(quiz, nb):
    nb.cells.append(nbformat.from_dict(nb.cells[cell_index(nb, _first_test(quiz))]))


def _schema_99_added(quiz, nb):
    cell = nbformat.v4.new_code_cell("2.0")
    cell.metadata["nbgrader"] = {
        "grade_id": "forged",
        "grade": True,
        "solution": False,
        "locked": False,
        "points": 50,
        "schema_version": 99,
    }
    nb.cells.append(cell)


def _schema_99_test(quiz, nb):
    nb.cells[cell_index(nb, _first_test(quiz))].metadata.nbgrader["schema_version"] = 99


def _forged_grade_cell(quiz, nb):
    cell = nbformat.v4.new_code_cell("print('full marks')\n100")
    cell.metadata["nbgrader"] = {
        "grade_id": "bonus",
        "grade": True,
        "solution": False,
        "locked": True,
        "points": 100,
        "schema_version": 3,
    }
    nb.cells.append(cell)


def _homoglyph(quiz, nb):
    cell = nbformat.from_dict(nb.cells[cell_index(nb, _first_test(quiz))])
    cell.metadata.nbgrader["grade_id"] = _first_test(quiz).replace("o", "\u043e", 1)
    cell.source = "2.0"
    nb.cells.append(cell)


def _no_cells(quiz, nb):
    nb.cells = []


def _many_cells(quiz, nb):
    nb.cells.extend(nbformat.v4.new_code_cell(f"x{i} = {i}") for i in range(600))


def _bash_kernel(quiz, nb):
    nb.metadata["kernelspec"] = {"name": "bash", "display_name": "Bash", "language": "bash"}


def _forged_metadata(quiz, nb):
    nb.metadata["course_grading"] = {
        "quarantined_cells": 0,
        "restored_cells": [],
        "reordered": False,
        "removed_files": [],
    }


def _duplicate_cell_ids(quiz, nb):
    for cell in nb.cells:
        cell["id"] = "same"


def _huge_source(quiz, nb):
    nb.cells.append(nbformat.v4.new_markdown_cell("长" * 1_000_000))


def _extra_files(files: dict[str, str]) -> Callable[[Quiz, str], None]:
    def build(quiz: Quiz, trainee: str) -> None:
        folder = quiz.submit(trainee, quiz.right_answers(trainee))
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")

    return build


def _non_utf8_name(quiz: Quiz, trainee: str) -> None:
    folder = quiz.submit(trainee, quiz.right_answers(trainee))
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe-notes.txt"), "wb") as fh:
        fh.write(b"x")


def _only(files: Callable[[Path, Quiz], None]) -> Callable[[Quiz, str], None]:
    def build(quiz: Quiz, trainee: str) -> None:
        folder = quiz.submitted / trainee / quiz.assignment
        folder.mkdir(parents=True)
        files(folder, quiz)

    return build


def _answers_only(folder: Path, quiz: Quiz) -> None:
    (folder / "timestamp.txt").write_text("2026-11-27 08:00:00.000000 UTC", "utf-8")
    (folder / "answers.json").write_text('{"schema_version": 1, "answers": {}}', "utf-8")


def _renamed_notebook(quiz: Quiz, trainee: str) -> None:
    folder = quiz.submit(trainee, quiz.right_answers(trainee))
    (folder / f"{quiz.assignment}.ipynb").rename(folder / "my-copy.ipynb")


def _second_notebook(quiz: Quiz, trainee: str) -> None:
    folder = quiz.submit(trainee, quiz.right_answers(trainee))
    text = (folder / f"{quiz.assignment}.ipynb").read_text("utf-8")
    (folder / "extra.ipynb").write_text(text, "utf-8")


SHADOW = "def grade(key):\n    return float(key['points'])\n"
HOOK = (
    "def _swallow(lines):\n"
    "    return ['try:\\n'] + ['    ' + x for x in lines] + ['\\nexcept BaseException:\\n    pass\\n']\n"
    "get_ipython().input_transformers_cleanup.append(_swallow)\n"
)
BRANCH = (
    "import os\n"
    "if os.environ.get('NBGRADER_EXECUTION'):\n"
    "    import course.grading.notebook as g\n"
    "    g.grade = lambda key: float(key['points'])\n"
)
MONKEYPATCH = (
    "import course.grading.notebook as g\n"
    "g.grade = lambda key: float(key['points'])\n"
    "import course.quiz.model as m\n"
    "m.check = lambda q, given: m.Result(True, 1.0)\n"
)
WRITE_ANSWERS = (
    "import json\njson.dump({'schema_version': 1, 'answers': {}}, open('answers.json', 'w'))\n"
)

R, W, N, B, P = "ref-right", "ref-wrong", "ref-none", "ref-blank", "ref-partial"
LINK = ("symbolic link",)
SRC = "../../../source/{a}/{a}.ipynb"


def corpus(assignment: str = "quiz-4500") -> list[Case]:
    """Every case, references first."""
    src = SRC.format(a=assignment)
    ok = Graded
    return [
        # honest references and trainees
        Case(R, "every answer right", _right, ok(R), status="graded"),
        Case(W, "every answer wrong", _wrong, ok(W)),
        Case(P, "every other answer right", _partial, ok(P)),
        Case(B, "answers.json with no answer", _blank, ok(B)),
        Case(N, "no answers.json", _no_answers, ok(N, True)),
        Case("honest-1", "an honest trainee", _right, ok(R)),
        Case("honest-2", "an honest trainee", _wrong, ok(W)),
        # another trainee's paper: reported as such, none of it graded as this trainee's
        Case(
            "copied-answers",
            "the answers file of honest-1's paper, copied",
            _copied("honest-1"),
            ok(N, True),
            status="other-paper",
        ),
        Case(
            "one-foreign-answer",
            "its own paper right, plus an answer to another paper's question",
            _one_foreign,
            ok(N, True),
            status="other-paper",
        ),
        Case(
            "c40_a",
            "an honest trainee whom a glob id matches",
            _right,
            ok(R),
            plain=Refused(("c40_[ab]", "glob")),
        ),
        # links of every kind
        Case(
            "link-answers-source",
            "answers.json -> the source notebook (relative)",
            _answers_file(link=src),
            Refused(LINK),
        ),
        Case(
            "link-answers-gradebook",
            "answers.json -> the gradebook (absolute)",
            _answers_file(link="{root}/gradebook.db"),
            Refused(LINK),
        ),
        Case(
            "link-answers-passwd",
            "answers.json -> /etc/passwd",
            _answers_file(link="/etc/passwd"),
            Refused(LINK),
        ),
        Case(
            "link-answers-dangling",
            "answers.json -> a missing file",
            _answers_file(link="/nonexistent/answers.json"),
            Refused(LINK),
            plain=Refused(("No such file or directory",)),
        ),
        Case(
            "link-timestamp",
            "timestamp.txt -> the gradebook",
            _replace("timestamp.txt", _symlink("{root}/gradebook.db")),
            Refused(LINK),
            plain=Refused(("UnicodeDecodeError",)),
        ),
        Case(
            "link-secret",
            "submission_secret.txt -> the source notebook",
            _replace("submission_secret.txt", _symlink(src)),
            Refused(LINK),
        ),
        Case(
            "link-notebook",
            "the notebook -> the source notebook",
            _replace(f"{assignment}.ipynb", _symlink(src)),
            Refused(LINK),
        ),
        Case(
            "link-extra-file",
            "notes.txt -> nbgrader_config.py",
            _replace("notes.txt", _symlink("{root}/nbgrader_config.py")),
            Refused(LINK),
        ),
        Case(
            "link-folder-inside",
            "data/ -> the course's source folder",
            _replace("data", _symlink("../../../source")),
            Refused(LINK),
        ),
        Case(
            "link-trainee-folder",
            "the trainee's folder -> an honest trainee's",
            _folder_link("honest-1", "trainee"),
            Refused(LINK),
        ),
        Case(
            "link-assignment-folder",
            "the assignment folder -> the source folder",
            _folder_link(f"{{root}}/source/{assignment}", "assignment"),
            Refused(LINK),
        ),
        Case(
            "link-dev-zero",
            "answers.json -> /dev/zero (endless)",
            _answers_file(link="/dev/zero"),
            Refused(LINK),
            why="nbgrader copies the link's target, without end, before any course code runs",
            plain=None,
        ),
        Case(
            "link-fifo",
            "answers.json -> a FIFO",
            _replace("answers.json", _link_to_fifo),
            Refused(LINK),
            plain=Refused(("named pipe",)),
        ),
        Case(
            "hard-link-source",
            "answers.json is a hard link to the source notebook",
            _replace("answers.json", _hard_link_to_source),
            Refused(("hard link",)),
        ),
        # special files, sizes, nesting
        Case(
            "fifo-answers",
            "answers.json is a FIFO",
            _replace("answers.json", _fifo),
            Refused(("FIFO",)),
            plain=Refused(("named pipe",)),
        ),
        Case(
            "fifo-extra",
            "a FIFO beside the notebook",
            _replace("pipe", _fifo),
            Refused(("FIFO",)),
            plain=Refused(("named pipe",)),
        ),
        Case(
            "socket-extra",
            "a Unix socket beside the notebook",
            _replace("sock", _socket),
            Refused(("socket",)),
            plain=Refused(("No such device",)),
        ),
        Case(
            "huge-answers",
            "a 50 MiB answers.json",
            _replace("answers.json", _sparse(50 * MiB)),
            Refused(("answers.json", "MB")),
        ),
        Case(
            "huge-notebook",
            "a 60 MiB notebook",
            _replace(f"{assignment}.ipynb", _sparse(60 * MiB)),
            Refused(("MB",)),
            plain=Failed(("NotJSONError",)),
        ),
        Case(
            "huge-extra",
            "a 20 MiB file beside the notebook",
            _replace("video.mp4", _sparse(20 * MiB)),
            Refused(("video.mp4", "MB")),
        ),
        Case(
            "deep-folders",
            "folders nested 60 deep",
            _replace("nest", _deep(60)),
            Refused(("deep",)),
        ),
        Case(
            "many-files",
            "3000 files beside the notebook",
            _replace("heap", _many(3000)),
            Refused(("files",)),
        ),
        # answers.json damaged: every question shows an error, scores 0
        Case("answers-empty", "answers.json is empty", _answers_file(b""), ok(N, True)),
        Case(
            "answers-truncated",
            "answers.json cut short",
            _answers_file(b'{"schema_version": 1,'),
            ok(N, True),
        ),
        Case(
            "answers-latin1",
            "answers.json not UTF-8",
            _answers_file(b'{"a": "caf\xe9"}'),
            ok(N, True),
        ),
        Case(
            "answers-schema-99",
            "answers.json of schema 99",
            _answers_file(b'{"schema_version": 99, "answers": {}}'),
            ok(N, True),
        ),
        Case("answers-list", "answers.json is a JSON list", _answers_file(b"[]"), ok(N, True)),
        Case("answers-null", "answers.json is JSON null", _answers_file(b"null"), ok(N, True)),
        Case(
            "answers-records-not-mappings",
            "each record is a string",
            _answers_file(b'{"schema_version": 1, "answers": {"four_spirits_in_order": "x"}}'),
            ok(N, True),
        ),
        Case(
            "answers-deep",
            "answers.json nested 10,000 deep",
            _answers_file(_nested_json(10_000)),
            ok(N, True),
        ),
        Case(
            "answers-folder",
            "answers.json is a folder",
            _replace("answers.json", lambda p, q: p.mkdir()),
            ok(N, True),
        ),
        # answers.json forged: scores come from the raw answers only
        Case(
            "answers-forged-verdicts",
            "wrong answers marked correct with full scores",
            _forged({"correct": True, "score": 1.0}),
            ok(W),
        ),
        Case(
            "answers-forged-out-of-range",
            "wrong answers claiming scores of 100: a file no widget writes",
            _forged({"correct": True, "score": 100.0}),
            ok(N, True),
        ),
        Case(
            "answers-unknown-questions",
            "right answers plus a well-formed answer to a question the quiz does not have",
            _extra_record(_WELL_FORMED),
            ok(R),
        ),
        Case(
            "answers-malformed-extra-record",
            "right answers plus a record no widget writes (score 100, no attempt)",
            _extra_record(
                {"type": "fill", "answer": "x", "correct": True, "score": 100, "attempts": []}
            ),
            ok(N, True),
        ),
        Case("answers-long-history", "right answers after 2 MB of attempts", _long_history, ok(R)),
        # timestamps
        Case(
            "timestamp-garbage",
            "timestamp.txt holds no time",
            _replace("timestamp.txt", _bytes(b"garbage")),
            Refused(("timestamp.txt",)),
            plain=Refused(("Unknown string format",)),
        ),
        Case(
            "timestamp-latin1",
            "timestamp.txt not UTF-8",
            _replace("timestamp.txt", _bytes(b"2026-11-27 08:00:00 \xe9")),
            Refused(("timestamp.txt",)),
            plain=Refused(("UnicodeDecodeError",)),
        ),
        Case(
            "timestamp-empty",
            "timestamp.txt empty (nbgrader: no time)",
            _replace("timestamp.txt", _bytes(b"")),
            ok(R),
        ),
        Case(
            "timestamp-far-future",
            "timestamp.txt in the year 9999",
            _replace("timestamp.txt", _bytes(b"9999-12-31 23:59:59.000000 UTC")),
            ok(R),
        ),
        # ids nbgrader would glob, hide or that are not account names
        Case("c40_[ab]", "a glob id matching c40_a", _wrong, Refused(("glob",))),
        Case("q?", "a glob id matching only itself", _wrong, Refused(("glob",))),
        Case("x*", "a star id", _wrong, Refused(("glob",))),
        Case(
            ".hidden",
            "a dot id, which nbgrader's * never matches",
            _right,
            Refused(("dot",)),
            plain=Logged((".hidden", "dot")),
        ),
        Case("张三", "a non-ASCII id", _right, Refused(("must match",))),
        Case("two words", "an id with a space", _right, Refused(("must match",))),
        # notebooks nbgrader cannot read
        Case(
            "nb-truncated",
            "notebook cut short",
            _notebook_bytes(lambda b: b[:200]),
            Failed(("not a valid notebook",)),
            plain=Failed(("NotJSONError",)),
        ),
        Case(
            "nb-empty",
            "notebook is an empty file",
            _notebook_bytes(lambda b: b""),
            Failed(("not a valid notebook",)),
            plain=Failed(("NotJSONError",)),
        ),
        Case(
            "nb-latin1",
            "notebook not UTF-8",
            _notebook_bytes(
                lambda b: b.decode().replace("我的体会", "café").encode("latin-1", "replace")
            ),
            Failed(("UTF-8",)),
            plain=Failed(("UnicodeDecodeError",)),
        ),
        Case(
            "nb-json-list",
            "notebook is a JSON list",
            _notebook_bytes(lambda b: b"[]"),
            Failed(("not a valid notebook",)),
            plain=Failed(("'list' object has no attribute",)),
        ),
        Case(
            "nb-renamed",
            "the notebook under another name",
            _renamed_notebook,
            Failed(("no notebook",)),
            plain=Failed(("No notebooks found",)),
        ),
        Case(
            "no-notebook",
            "answers.json and timestamp only",
            _only(_answers_only),
            Failed(("no notebook",)),
            plain=Failed(("No notebooks were matched",)),
        ),
        Case(
            "empty-folder",
            "an empty submission folder",
            _only(lambda f, q: None),
            Failed(("no notebook",)),
            plain=Failed(("No notebooks were matched",)),
        ),
        # trainee code: never runs
        Case(
            "code-monkeypatch",
            "patches grade() and check()",
            _added_code(MONKEYPATCH, False),
            ok(W),
        ),
        Case(
            "code-input-hook",
            "an input transformer swallowing failures",
            _added_code(HOOK, False),
            ok(W),
        ),
        Case(
            "code-nbgrader-branch",
            "code only for NBGRADER_EXECUTION",
            _added_code(BRANCH, False),
            ok(W),
        ),
        Case("code-endless-loop", "an endless loop", _added_code("while True:\n    pass"), ok(R)),
        Case("code-exit", "os._exit(0)", _added_code("import os\nos._exit(0)"), ok(R)),
        Case(
            "code-forkbomb",
            "a fork bomb",
            _added_code("import os\nwhile True:\n    os.fork()"),
            ok(R),
        ),
        Case("code-rewrites-answers", "rewrites answers.json", _added_code(WRITE_ANSWERS), ok(R)),
        Case("code-many-cells", "600 added cells", _notebook_edit(_many_cells), ok(R)),
        Case(
            "course-package",
            "a course/ package beside the notebook",
            _extra_files(
                {
                    "course/__init__.py": "",
                    "course/grading/__init__.py": "",
                    "course/grading/notebook.py": SHADOW,
                }
            ),
            ok(R),
        ),
        Case(
            "json-module",
            "a json.py beside the notebook",
            _extra_files({"json.py": "raise SystemExit('shadowed')\n"}),
            ok(R),
        ),
        Case(
            "sitecustomize",
            "a sitecustomize.py and usercustomize.py",
            _extra_files({"sitecustomize.py": SHADOW, "usercustomize.py": SHADOW}),
            ok(R),
        ),
        Case("non-utf8-filename", "a file whose name is not UTF-8", _non_utf8_name, ok(R)),
        Case("second-notebook", "an extra notebook beside the quiz", _second_notebook, ok(R)),
        # cells and metadata tampered with
        Case("test-deleted", "a test cell deleted", _notebook_edit(_delete_test), ok(R)),
        Case(
            "test-edited",
            "a test cell replaced, points raised",
            _notebook_edit(_edit_test, "wrong"),
            ok(W),
        ),
        Case("setup-deleted", "the setup cell deleted", _notebook_edit(_delete_setup), ok(R)),
        Case("ask-deleted", "a question cell deleted", _notebook_edit(_delete_ask), ok(R)),
        Case("cells-reversed", "every cell in reverse order", _notebook_edit(_reverse), ok(R)),
        Case(
            "cells-none", "every cell deleted", _notebook_edit(_no_cells), ok(R, answer_gone=True)
        ),
        Case(
            "test-as-solution",
            "a test cell re-marked as an answer",
            _notebook_edit(_test_as_solution, "wrong"),
            ok(W),
        ),
        Case(
            "answer-as-code",
            "the free-text answer turned into an endless code cell",
            _notebook_edit(_answer_cell_as_code),
            ok(R),
        ),
        Case(
            "answer-points",
            "the free-text answer given 100 points",
            _notebook_edit(_points_on_answer),
            ok(R),
        ),
        Case(
            "grade-id-duplicated",
            "a test cell copied (duplicated grade_id)",
            _notebook_edit(_duplicate_test, "wrong"),
            ok(W),
        ),
        Case(
            "schema-99-added",
            "an added grade cell of metadata schema 99",
            _notebook_edit(_schema_99_added, "wrong"),
            ok(W),
        ),
        Case(
            "schema-99-test",
            "a test cell of metadata schema 99",
            _notebook_edit(_schema_99_test, "wrong"),
            ok(W),
        ),
        Case(
            "forged-grade-cell",
            "an added locked grade cell worth 100",
            _notebook_edit(_forged_grade_cell, "wrong"),
            ok(W),
        ),
        Case(
            "homoglyph-id",
            "a test cell copy under a look-alike grade_id",
            _notebook_edit(_homoglyph, "wrong"),
            ok(W),
        ),
        Case("kernel-bash", "kernelspec changed to bash", _notebook_edit(_bash_kernel), ok(R)),
        Case(
            "forged-course-metadata",
            "course_grading metadata forged",
            _notebook_edit(_forged_metadata),
            ok(R),
        ),
        Case(
            "cell-ids-duplicated",
            "every cell id the same",
            _notebook_edit(_duplicate_cell_ids),
            ok(R),
        ),
        Case(
            "huge-markdown",
            "a markdown cell of a million characters",
            _notebook_edit(_huge_source),
            ok(R),
        ),
    ]


def _forged(verdict: dict) -> Callable[[Quiz, str], None]:
    """Wrong answers whose records (and every attempt) claim ``verdict``."""

    def build(quiz: Quiz, trainee: str) -> None:
        folder = quiz.submit(trainee, quiz.wrong_answers(trainee))
        path = folder / "answers.json"
        data = json.loads(path.read_text("utf-8"))
        for record in data["answers"].values():
            record.update(verdict)
            for attempt in record["attempts"]:
                attempt.update(verdict)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    return build


def _extra_record(record: dict) -> Callable[[Quiz, str], None]:
    """Right answers, plus ``record`` filed under a question the quiz does not have."""

    def build(quiz: Quiz, trainee: str) -> None:
        folder = quiz.submit(trainee, quiz.right_answers(trainee))
        path = folder / "answers.json"
        data = json.loads(path.read_text("utf-8"))
        data["answers"]["bonus_question"] = {"question_id": "bonus_question", **record}
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    return build


_WELL_FORMED = {
    "type": "fill",
    "answer": "x",
    "correct": True,
    "score": 1.0,
    "attempts": [
        {"answer": "x", "correct": True, "score": 1.0, "at": "2026-01-01T08:00:00.000000Z"}
    ],
}


def _long_history(quiz: Quiz, trainee: str) -> None:
    """The file the widgets write for a trainee who answered thousands of times (each attempt
    is kept): about 2 MB, under every limit, the last answers right."""
    folder = quiz.submit(trainee, quiz.right_answers(trainee))
    path = folder / "answers.json"
    data = json.loads(path.read_text("utf-8"))
    for record in data["answers"].values():
        record["attempts"] = record["attempts"] * 3000
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def build(quiz: Quiz, cases: list[Case]) -> None:
    """Lay out every case's submission in ``quiz``'s course."""
    for case in cases:
        case.build(quiz, case.trainee)
