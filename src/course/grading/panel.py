"""The panel at the top of a graded quiz: how answers are kept, how to submit, and the offline
submission button (see :mod:`course.grading.submission`)."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as W

from course.answers import ANSWERS_FILE, AnswerStore
from course.grading import strings as s
from course.grading.submission import make_archive
from course.ids import TRAINEE_ID
from course.quiz.shuffle import trainee_id

_GENERIC_USERS = {"jovyan", "root", "anonymous", "user"}


class SubmissionPanel(W.VBox):
    """Instructions plus [学员编号][生成提交文件] and a status line."""

    def __init__(self, assignment: str, folder: Path, store: AnswerStore) -> None:
        super().__init__()
        self.assignment, self.folder, self.store = assignment, Path(folder), store
        self.add_class("graded-panel")
        paragraphs = [
            s.PANEL_HOW.format(file=ANSWERS_FILE),
            s.PANEL_SUBMIT_HUB,
            s.PANEL_SUBMIT_OFFLINE.format(file=ANSWERS_FILE),
        ]
        intro = f"<strong>{s.PANEL_TITLE}</strong>" + "".join(
            f"<p>{html.escape(p)}</p>" for p in paragraphs
        )
        if store.problem is not None:
            intro += f"<p>{html.escape(store.problem.message())}</p>"
        guess = trainee_id()
        self.trainee = W.Text(
            value="" if guess in _GENERIC_USERS else guess,
            description=s.TRAINEE_LABEL,
            placeholder=s.TRAINEE_PLACEHOLDER,
            style={"description_width": "initial"},
        )
        self.trainee.add_class("graded-trainee")
        self.button = W.Button(description=s.MAKE_ZIP, tooltip=s.MAKE_ZIP_TOOLTIP, icon="download")
        self.button.add_class("graded-make-zip")
        self.button.on_click(lambda _b: self.make_zip())
        self.status = W.Output()
        self.status.add_class("graded-zip-status")
        self.children = [W.HTML(intro), W.HBox([self.trainee, self.button]), self.status]
        self.archive: Path | None = None

    def make_zip(self) -> Path | None:
        """Build the submission zip; show a download link (or the reason it failed)."""
        from IPython.display import FileLink, display

        trainee = self.trainee.value.strip()
        self.status.clear_output()
        with self.status:
            if not TRAINEE_ID.match(trainee):
                print(s.ZIP_NEED_ID)
                return None
            try:
                self.archive = make_archive(self.folder, self.assignment, trainee)
            except (OSError, ValueError) as exc:
                print(s.ZIP_FAILED.format(reason=exc))
                return None
            size = self.archive.stat().st_size
            print(s.ZIP_READY.format(name=self.archive.name, size=size))
            display(FileLink(self.archive.name))
        return self.archive
