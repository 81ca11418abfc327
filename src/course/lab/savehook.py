"""The pre-save hook: a saved notebook never holds a widget view that cannot come back.

JupyterLab saves what a cell displays. For an ipywidgets view that is only a reference to a
widget model living in the kernel (``application/vnd.jupyter.widget-view+json``), so a notebook
reopened with a new kernel shows ipywidgets' English "Error displaying widget: model not found"
in every quiz cell. ipywidgets' own remedy, saving the widget state in the notebook, brings back
a quiz that no longer reaches the kernel (measured: a click on 提交答案 then does nothing and
saves nothing), and makes a lesson file some 25 times larger.

So every widget view is saved as a short Chinese instruction instead: run the cell again, and
the quiz comes back with the learner's answers, which live in the answers store, never in the
notebook. The notebook in the browser is not changed; only the file is. Saved widget state
(``metadata.widgets``), which would point at the same dead models, is dropped too.

Enabled by the server extension :mod:`course.lab.server`.
"""

from __future__ import annotations

import html
from typing import Any

from . import strings as s

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: the CSS class of the instruction, a stable hook for tests and styling
RERUN_CLASS = "course-rerun"


def instruction() -> dict[str, str]:
    """The mime bundle saved in place of a widget view (a new dict)."""
    body = (
        f"<div class='{RERUN_CLASS}' style='border-left:4px solid #1565c0;padding:0.3em 0.8em;"
        f"margin:0.3em 0;background:#f3f7fc'><strong>{html.escape(s.RERUN_TITLE)}</strong>"
        f"<p style='margin:0.25em 0'>{html.escape(s.RERUN)}</p></div>"
    )
    return {"text/html": body, "text/plain": f"{s.RERUN_TITLE}：{s.RERUN}"}


def scrub(nb: dict[str, Any]) -> int:
    """Replace, in the notebook ``nb`` (nbformat 4 as a dict; changed in place), every output
    that shows a widget view by :func:`instruction` (one per cell: consecutive views become one)
    and drop saved widget state. Returns how many widget views were replaced."""
    replaced = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        kept, said = [], False  # said: the last output kept is the instruction
        for output in cell.get("outputs") or []:
            if WIDGET_VIEW not in (output.get("data") or {}):
                kept.append(output)
                said = False
                continue
            replaced += 1
            if not said:
                kept.append({"output_type": "display_data", "data": instruction(), "metadata": {}})
                said = True
        cell["outputs"] = kept
    nb.get("metadata", {}).pop("widgets", None)
    return replaced


def pre_save_hook(model: dict[str, Any], path: str, **_kwargs: Any) -> None:
    """Jupyter Server's pre-save hook (``ContentsManager.register_pre_save_hook``): scrub a
    notebook's content before it is written (changes ``model``); other files pass unchanged."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        scrub(model["content"])
