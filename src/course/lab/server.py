"""The course's Jupyter Server extension: registers :func:`course.lab.savehook.pre_save_hook`.

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


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from .savehook import pre_save_hook

    serverapp.contents_manager.register_pre_save_hook(pre_save_hook)
    serverapp.log.info("course: widget views are saved as an instruction to run the cell")
