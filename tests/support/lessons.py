"""Helpers for checking the lesson notebooks: run them, read what a trainee sees, find the
practice calls and the stated time."""

from __future__ import annotations

import ast
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


def practice_calls(source: str) -> list[tuple[list[str], str | None]]:
    """Every ``practice(...)`` call in a code cell: (its reference strings, its section)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "practice":
            refs = [a.value for a in node.args if isinstance(a, ast.Constant)]
            section = next((k.value.value for k in node.keywords if k.arg == "section"), None)
            calls.append((refs, section))
    return calls


def stated_minutes(nb: nbformat.NotebookNode) -> int:
    """The minutes a notebook states under 「## 预计用时」 (约 N 分钟); 0 if it states none."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "## 预计用时" in cell.source:
            match = re.search(r"约 (\d+) 分钟", cell.source)
            return int(match.group(1)) if match else 0
    return 0
