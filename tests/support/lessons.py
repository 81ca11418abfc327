"""Helpers for checking the lesson notebooks: run them, read what a trainee sees, the practice
questions each ``practice(...)`` call offers, the stated time, and what text teaches an entry of
the knowledge base."""

from __future__ import annotations

import html
import os
import re
import unicodedata
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
LESSONS_DIR = REPO / "lessons"
LESSONS = sorted(LESSONS_DIR.glob("[0-9][0-9]_*.ipynb"))

_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'")
_TAGS = re.compile(r"<[^>]+>")
WIDGET = "application/vnd.jupyter.widget-view+json"


def execute_notebook(path: Path, env: dict[str, str], timeout: int = 120) -> nbformat.NotebookNode:
    """Run ``path`` top to bottom on a fresh kernel, working directory ``lessons/``, with ``env``
    added to the environment. Returns the executed notebook (the file is not changed); raises
    ``nbclient.exceptions.CellExecutionError`` on the first failing cell."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env={**os.environ, **env})
    return nb


def normalise(text: str) -> str:
    """Fold the forms that differ between the article and the lessons: full-width punctuation,
    quotation marks (the article's “” against the lessons' 「」), spaces and line breaks."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_QUOTES)
    return re.sub(r"\s+", "", text)


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """What a trainee reads in an executed notebook: markdown, and the text of every output
    (HTML tables with their tags removed, plain text, printed lines). Images and practice widgets
    do not count."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            data = out.get("data", {})
            if WIDGET in data:  # a practice widget: its questions are not the lesson's teaching
                continue
            if "text/html" in data:
                parts.append(_TAGS.sub(" ", data["text/html"]))
            elif "text/plain" in data:
                parts.append(data["text/plain"])
    return "\n".join(parts)


def offered(source: str) -> list:
    """The bank questions the ``practice(...)`` calls of a code cell offer, in order (a
    ``review()`` draws at run time and offers none here)."""
    from course.authoring.cells import practice_calls
    from course.quiz import bank

    return [
        q
        for call in practice_calls(source)
        if call.name == "practice"
        for q in bank.select(call.refs, call.section)
    ]


def taught_texts(base, ref: str) -> list[str]:
    """The texts a lesson must show for the knowledge-base entry ``ref`` to count as taught."""
    kind, _, rest = ref.partition(".")
    if kind == "publication":
        return [base.publication.title]
    if kind == "sections":
        return [base.get_section(rest).title]
    if kind == "facts":
        return [base.get_fact(rest).value]
    if kind == "lists":
        list_id, _, item = rest.partition(".")
        lst = base.get_list(list_id.split("#")[0])
        return [lst.item(item).text] if item else lst.texts()
    if ref == "framework_4500":
        return [base.framework_4500.name] + [p.name for p in base.framework_4500.parts]
    if kind == "framework_4500":
        return [p.name for p in base.framework_4500.parts if p.id == rest]
    if kind in ("people", "places"):
        entries = base.people if kind == "people" else base.places
        return [e.name for e in entries if e.id == rest]
    if kind == "glossary":
        return [rest]
    raise AssertionError(f"no rule for {ref}")


def stated_minutes(nb: nbformat.NotebookNode) -> int:
    """The minutes a notebook states under 「## 预计用时」 (约 N 分钟); 0 if it states none."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "## 预计用时" in cell.source:
            match = re.search(r"约 (\d+) 分钟", cell.source)
            return int(match.group(1)) if match else 0
    return 0
