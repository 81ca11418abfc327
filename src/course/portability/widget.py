"""The download / upload bar: keep one's answers anywhere the course runs, Binder included.

The download is a plain link (``<a download>`` with a ``data:`` URL) that the kernel keeps up to
date: built when the bar is shown and rebuilt after every answer given in a quiz session it
follows (see :func:`follow`); one bar per notebook follows every session of the notebook. One
click saves the file; no server extension, no pop-up. The upload is an
ipywidgets ``FileUpload``; a bad file is refused with a Chinese reason and changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import os
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as W

from course.answers import AnswerStore

from . import strings as s
from .backup import Backup, build
from .restore import BackupError, Report, restore

if TYPE_CHECKING:
    from course.quiz.session import QuizSession

_LINK_STYLE = (
    "display:inline-block;padding:4px 14px;margin:2px 8px 2px 0;border-radius:4px;"
    "background:#1565c0;color:#fff;text-decoration:none;font-weight:bold"
)
BINDER_VARIABLES = ("BINDER_LAUNCH_HOST", "BINDER_REPO_URL", "BINDER_REQUEST")
#: Every bar built in this kernel: :func:`follow` refreshes those of a session's store.
LIVE: weakref.WeakSet[BackupBar] = weakref.WeakSet()


def on_binder() -> bool:
    """True in a BinderHub session such as mybinder.org's (BinderHub's spawner sets these)."""
    return any(os.environ.get(v) for v in BINDER_VARIABLES)


def download_link(backup: Backup) -> str:
    """The HTML of a one-click download of ``backup`` (a new string)."""
    payload = base64.b64encode(backup.data).decode("ascii")
    graded = (
        s.BACKUP_CONTENTS_GRADED.format(names="、".join(backup.graded)) if backup.graded else ""
    )
    when = dt.datetime.now().strftime("%H:%M")
    contents = s.BACKUP_CONTENTS.format(practice=backup.practice_count, graded=graded, time=when)
    return (
        f"<a class='course-backup-link' download='{html.escape(backup.name)}' "
        f"href='data:application/zip;base64,{payload}' title='{s.BACKUP_DOWNLOAD_TOOLTIP}' "
        f"style='{_LINK_STYLE}'>{s.BACKUP_DOWNLOAD}</a>"
        f"<span class='course-backup-contents'>{html.escape(contents)}</span>"
    )


class BackupBar(W.VBox):
    """[⬇ 下载全部答案] (what it holds) [上传答案文件] and a status line.

    ``practice_store``: the practice store to pack and restore into (None: the default one).
    ``on_restored``: called with the :class:`~course.portability.restore.Report` after a restore
    (default: every quiz session of this kernel on the same practice store is rebuilt, so the
    restored answers show at once). ``full``: also show the title and the explanation."""

    def __init__(
        self,
        practice_store: AnswerStore | None = None,
        on_restored: Callable[[Report], Any] | None = None,
        full: bool = False,
    ) -> None:
        super().__init__()
        self.practice_store = practice_store
        self.on_restored = on_restored
        self.backup: Backup | None = None
        self.add_class("course-backup")
        self.link = W.HTML()
        self.link.add_class("course-backup-download")
        self.upload = W.FileUpload(
            accept=".zip",
            multiple=False,
            description=s.BACKUP_UPLOAD,
            tooltip=s.BACKUP_UPLOAD_TOOLTIP,
            icon="upload",
        )
        self.upload.add_class("course-backup-upload")
        self.upload.observe(self._uploaded, names="value")
        self.status = W.HTML()
        self.status.add_class("course-backup-status")
        intro = []
        if full:
            notes = [s.BACKUP_EXPLAIN] + ([s.BACKUP_BINDER] if on_binder() else [])
            intro = [
                W.HTML(
                    f"<h4>{s.BACKUP_TITLE}</h4>"
                    + "".join(f"<p>{html.escape(n)}</p>" for n in notes)
                )
            ]
        elif on_binder():
            intro = [W.HTML(f"<p>{html.escape(s.BACKUP_BINDER_SHORT)}</p>")]
        self.children = [*intro, W.HBox([self.link, self.upload]), self.status]
        LIVE.add(self)
        self.refresh()

    def __repr__(self) -> str:  # what a notebook shows when the widgets cannot render
        return s.WIDGETS_MISSING

    def packs(self, store: AnswerStore) -> bool:
        """Whether this bar's answers file holds ``store`` (its practice store)."""
        own = self.practice_store or AnswerStore()
        return own.path.resolve() == store.path.resolve()

    def refresh(self) -> Backup | None:
        """Rebuild the answers file and the link; return it (None if it could not be built)."""
        try:
            self.backup = build(self.practice_store)
        except (OSError, ValueError) as exc:
            self.backup = None
            self.link.value = f"<span>{html.escape(s.BACKUP_FAILED.format(reason=exc))}</span>"
            return None
        self.link.value = download_link(self.backup)
        return self.backup

    def restore_bytes(self, data: bytes) -> Report | None:
        """Restore an uploaded answers file; show the outcome; return the report (None if the
        file was refused, in which case nothing was changed)."""
        try:
            report = restore(data, self.practice_store)
        except (BackupError, OSError) as exc:
            self.status.value = (
                f"<p role='status'>{html.escape(s.BACKUP_ERROR.format(reason=exc))}</p>"
            )
            return None
        self.status.value = f"<p role='status'>{html.escape(report.message())}</p>"
        if self.on_restored is not None:
            self.on_restored(report)
        else:
            from course.quiz.session import reload_sessions

            store = self.practice_store
            reload_sessions(store.path if store is not None else None)
        self.refresh()
        return report

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        self.restore_bytes(bytes(files[-1]["content"]))
        self.upload.value = ()  # the same file can be chosen again


def follow(session: QuizSession) -> None:
    """After every answer given in ``session`` (not changed otherwise), rebuild every bar of this
    kernel that packs its store, wherever the bar is on the page."""

    def refresh(_change: Any) -> None:
        for bar in list(LIVE):
            if bar.packs(session.store):
                bar.refresh()

    session.observe(refresh, names="changes")
