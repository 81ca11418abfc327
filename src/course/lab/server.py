"""The course's Jupyter Server extension: registers :func:`course.lab.savehook.pre_save_hook`,
and keeps the course's bookkeeping files out of the file browser (:func:`hidden_files`: an answers
file's lock, the id a trainee confirmed for a graded quiz), which a trainee would otherwise see
beside a fetched quiz and might delete or open. They stay readable by path; only listings skip
them (Jupyter Server's ``ContentsManager.hide_globs``, added to, not replaced).

Enabled where the course runs: by ``course lab`` in its lab's own configuration
(:mod:`course.lab.profiles`), installation-wide by ``course setup learner`` (Binder's postBuild,
a hub image), or by hand with ``jupyter server extension enable course.lab.server``. A server
extension rather than ``ContentsManager.pre_save_hook``, so that it adds to hooks a hub
administrator may have set instead of replacing them.
"""

from __future__ import annotations

from typing import Any

NAME = "course.lab.server"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": NAME}]


def hidden_files() -> list[str]:
    """The file names (globs) listings leave out."""
    from course.answers import ANSWERS_FILE, PRACTICE_FILE
    from course.answers.files import LOCK_SUFFIX
    from course.grading.identity import TRAINEE_FILE

    return [ANSWERS_FILE + LOCK_SUFFIX, PRACTICE_FILE + LOCK_SUFFIX, TRAINEE_FILE]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from .savehook import pre_save_hook

    contents = serverapp.contents_manager
    contents.register_pre_save_hook(pre_save_hook)
    contents.hide_globs = [*contents.hide_globs, *hidden_files()]
    serverapp.log.info("course: widget views are saved as an instruction to run the cell")
