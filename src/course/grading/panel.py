"""The panel at the top of a graded quiz: how answers are kept and submitted, the trainee id the
paper is drawn for (see :mod:`course.grading.identity`), and the offline submission button
(see :mod:`course.grading.submission`)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as W

from course.answers import ANSWERS_FILE, AnswerStore, read_submitted
from course.grading import identity
from course.grading import strings as s
from course.grading.papers import PaperSpec
from course.grading.submission import make_archive
from course.ids import TRAINEE_ID


def id_problem(typed: str) -> str:
    """What is wrong with ``typed`` as a trainee id (:data:`course.ids.TRAINEE_ID`), in Chinese,
    with the rule and an example."""
    if not typed:
        return s.ID_NEEDED
    foreign = [c for c in dict.fromkeys(typed) if not c.isascii()]
    if foreign:
        return s.ID_NOT_LATIN.format(typed=typed, chars="".join(foreign))
    bad = [c for c in dict.fromkeys(typed) if not (c.isalnum() or c in "._-")]
    if bad:
        names = "、".join("“ ”（空格）" if c == " " else f"“{c}”" for c in bad)
        return s.ID_BAD_CHARS.format(chars=names)
    if not typed[0].isalnum():
        return s.ID_BAD_START.format(typed=typed, first=typed[0])
    return s.ID_TOO_LONG.format(n=len(typed))


class SubmissionPanel(W.VBox):
    """Instructions, [学员编号][确认学员编号] and a note on whose paper is shown, then
    [生成提交文件] and its status line.

    ``trainee`` is the id the paper is drawn for (None: not confirmed yet); ``fixed`` says the
    environment set it (a hub account), so it cannot be changed here. ``on_confirm(id)`` is
    called when the trainee confirms an id (the questions are then drawn and shown)."""

    def __init__(
        self,
        spec: PaperSpec,
        folder: Path,
        store: AnswerStore,
        trainee: str | None,
        fixed: bool,
        on_confirm: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.spec, self.folder, self.store = spec, Path(folder), store
        self.assignment = spec.assignment
        self.trainee, self.fixed, self.on_confirm = trainee, fixed, on_confirm
        self.add_class("graded-panel")
        paragraphs = [
            s.PANEL_HOW.format(file=ANSWERS_FILE),
            s.PANEL_SUBMIT_CENTRE,
            s.PANEL_SUBMIT_OFFLINE.format(file=ANSWERS_FILE),
        ]
        intro = f"<strong>{s.PANEL_TITLE}</strong>" + "".join(
            f"<p>{html.escape(p)}</p>" for p in paragraphs
        )
        if store.problem is not None:
            intro += f"<p>{html.escape(store.problem.message())}</p>"
        self.id_field = W.Text(
            value=trainee or identity.suggestion(),
            description=s.TRAINEE_LABEL,
            placeholder=s.TRAINEE_PLACEHOLDER,
            style={"description_width": "initial"},
        )
        self.id_field.add_class("graded-trainee")
        self.confirm = W.Button(description=s.CONFIRM_ID, tooltip=s.CONFIRM_ID_TOOLTIP)
        self.confirm.add_class("graded-confirm-id")
        self.confirm.on_click(lambda _b: self.toggle_id())
        self.paper_note = W.HTML()
        self.paper_note.add_class("graded-paper-note")
        self.id_status = W.Output()
        self.button = W.Button(description=s.MAKE_ZIP, tooltip=s.MAKE_ZIP_TOOLTIP, icon="download")
        self.button.add_class("graded-make-zip")
        self.button.on_click(lambda _b: self.make_zip())
        self.status = W.Output()
        self.status.add_class("graded-zip-status")
        self.children = [
            W.HTML(intro),
            W.HBox([self.id_field, self.confirm]),
            self.paper_note,
            self.id_status,
            self.button,
            self.status,
        ]
        self.archive: Path | None = None
        self._show_state()

    def _show_state(self) -> None:
        """Field, button and note as the current trainee id requires."""
        confirmed = self.trainee is not None
        self.id_field.disabled = confirmed
        self.confirm.description = s.CHANGE_ID if confirmed else s.CONFIRM_ID
        self.confirm.tooltip = s.CHANGE_ID_TOOLTIP if confirmed else s.CONFIRM_ID_TOOLTIP
        self.confirm.layout.display = "none" if self.fixed else None
        if not confirmed:
            note = s.PANEL_PAPER_ASK
        elif self.fixed:
            note = s.PANEL_PAPER_FIXED.format(trainee=self.trainee)
        else:
            note = s.PANEL_PAPER_CONFIRMED.format(trainee=self.trainee)
        self.paper_note.value = f"<p>{html.escape(note)}</p>"

    def _answered(self) -> list[str]:
        """The questions of this quiz answered so far (on any paper)."""
        record = read_submitted(self.folder / ANSWERS_FILE)
        return record.answered(list(self.spec.questions()))

    def _say(self, text: str) -> None:
        """Show ``text`` under the id field (set directly: a button's callback has no cell)."""
        self.id_status.append_stdout(text + "\n")

    def toggle_id(self) -> str | None:
        """Confirm the id in the field (draw and show the paper), or, once confirmed, free the
        field to change it -- refused when answers are on record. Returns the confirmed id."""
        self.id_status.outputs = ()
        if self.trainee is not None:
            if self.fixed:
                return self.trainee
            if self._answered():
                self._say(s.ID_LOCKED.format(trainee=self.trainee))
                return self.trainee
            self.trainee = None
            self._show_state()
            return None
        trainee = self.id_field.value.strip()
        if not TRAINEE_ID.fullmatch(trainee):
            self._say(id_problem(trainee))
            return None
        try:
            identity.save(self.folder, trainee)
        except (OSError, ValueError) as exc:
            self._say(s.ID_SAVE_FAILED.format(reason=exc))
            return None
        self.trainee = trainee
        self.id_field.value = trainee
        self._show_state()
        self.on_confirm(trainee)
        return trainee

    def make_zip(self) -> Path | None:
        """Build the submission zip under the paper's trainee id; show a download link (or the
        reason it failed)."""
        from IPython.display import FileLink, display

        self.status.clear_output()
        with self.status:
            if self.trainee is None:
                print(s.ZIP_NEED_PAPER)
                return None
            try:
                self.archive = make_archive(self.folder, self.assignment, self.trainee)
            except (OSError, ValueError) as exc:
                print(s.ZIP_FAILED.format(reason=exc))
                return None
            size = self.archive.stat().st_size
            print(s.ZIP_READY.format(name=self.archive.name, size=size))
            display(FileLink(self.archive.name))
        return self.archive
