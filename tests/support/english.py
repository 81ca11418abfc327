"""What a person sees in the page, and the English words in it (names and key names aside): the
check that a trainee's path through the lab is Chinese."""

from __future__ import annotations

import re

# Names the zh-CN interface keeps as they are, and key names in shortcuts.
NAMES = {
    *("JupyterLab", "Jupyter", "Notebook", "Python", "ipykernel", "IPython", "Markdown", "URL"),
    "HTML",
}
KEYS = {"Ctrl", "Shift", "Alt", "Enter", "Esc", "Tab", "Up", "Down", "Backspace", "Delete"}
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
FILE_OR_ID = re.compile(
    r"\S+\.(ipynb|py|md|txt|json|html|lock|zip)\b|\b[0-9a-f]{8}(-[0-9a-f]{4}){0,4}[0-9a-f]*\b"
)

# The text a person sees: text nodes that are rendered inside the window, but not code cells'
# source (the lessons' code is not learner text).
_SEEN = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('.jp-Cell-inputWrapper, script, style')) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || r.bottom < 0 || r.right < 0 ||
        r.top > innerHeight || r.left > innerWidth) continue;
    out.push(node.textContent.trim());
  }
  return out;
}"""


def english_in_view(page, names: tuple[str, ...] = ()) -> set[str]:
    """The English words in what ``page`` (a Playwright page or frame) shows now, names and key
    names aside; ``names`` are more names to leave out (ids such as ``quiz-4500``)."""
    words = set()
    for text in page.evaluate(_SEEN):
        text = FILE_OR_ID.sub(" ", text)
        for name in names:
            text = text.replace(name, " ")
        words |= set(WORD.findall(text))
    return words - NAMES - KEYS
