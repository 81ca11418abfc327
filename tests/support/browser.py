"""Drive JupyterLab in a real Chromium through Playwright (sync API).

:func:`open_notebook` follows a recipe that passed 24 times of 24 on this project's machine: open
``/lab?reset``, wait for the launcher's "Python 3" card (kernel specs loaded), open the notebook
from the file browser, and call it ready only when the status bar shows ``Python 3 … | Idle``
(``空闲`` in the Chinese interface), accepting any dialog meanwhile.
The servers must run with ``--LabApp.expose_app_in_browser=True`` (``window.jupyterapp``).
"""

from __future__ import annotations

import re
import time
import urllib.parse

from playwright.sync_api import Page

from tests.support.lab import TOKENS, LabServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLE_STATUS = re.compile(r"Python 3.*\|\s*(Idle|空闲)")
_STATUS_SELECTOR = ".jp-StatusBar-Widget"


def _login_url(server: LabServer | str, token: str | None, path: str) -> str:
    if isinstance(server, LabServer):
        base, token = server.url, token or server.token
    else:
        base = server if server.endswith("/") else server + "/"
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(base).query)
        base = base.split("?", 1)[0]
        token = token or (query.get("token") or [None])[0] or TOKENS.get(base)
    url = base + path
    if token:
        url += ("&" if "?" in url else "?") + "token=" + token
    return url


def accept_dialogs(page: Page) -> int:
    """Click "accept" on every open JupyterLab dialog; return how many were accepted."""
    accepted = 0
    buttons = page.locator(".jp-Dialog .jp-mod-accept")
    while buttons.count():
        try:
            buttons.first.click(timeout=2000)
            accepted += 1
        except Exception:  # the dialog closed on its own meanwhile
            break
    return accepted


def wait_kernel_idle(page: Page, timeout: float = 60) -> None:
    """Wait until the status bar reads ``Python 3 … | Idle``, accepting dialogs meanwhile."""
    deadline = time.monotonic() + timeout
    status = page.locator(_STATUS_SELECTOR).filter(has_text=IDLE_STATUS)
    while time.monotonic() < deadline:
        accept_dialogs(page)
        if status.count():
            return
        page.wait_for_timeout(200)
    texts = page.locator(_STATUS_SELECTOR).all_inner_texts()
    raise TimeoutError(f"kernel not idle after {timeout:.0f} s; status bar: {texts}")


def open_notebook(
    page: Page,
    server: LabServer | str,
    token_or_path: str,
    path: str | None = None,
    timeout: float = 90,
) -> None:
    """Open the notebook ``path`` (relative to the server root) and wait until its kernel is idle.

    Call as ``open_notebook(page, server, path)`` with a :class:`LabServer` or a base URL that
    this process started (or that carries ``?token=``), or as
    ``open_notebook(page, base_url, token, path)``.
    """
    token, path = (None, token_or_path) if path is None else (token_or_path, path)
    page.goto(_login_url(server, token, "lab?reset"))
    page.locator(".jp-LauncherCard").filter(has_text="Python 3").first.wait_for(
        timeout=timeout * 1000
    )
    name = path.rsplit("/", 1)[-1]
    if "/" in path.strip("/"):  # not in the root listing: open it by command
        page.evaluate("p => window.jupyterapp.commands.execute('docmanager:open', {path: p})", path)
    else:
        item = page.locator(".jp-DirListing-item").filter(
            has=page.locator(".jp-DirListing-itemText", has_text=re.compile(f"^{re.escape(name)}$"))
        )
        item.first.dblclick(timeout=timeout * 1000)
    page.locator(".jp-NotebookPanel").first.wait_for(timeout=timeout * 1000)
    wait_kernel_idle(page, timeout)


# JupyterLab's run-all promise never settles when the kernel connection drops mid-run: wait for
# it at most ``ms`` milliseconds (null: it did not finish).
_RUN_ALL = """async (ms) => {
  const app = window.jupyterapp;
  const run = app.commands.execute('notebook:run-all-cells').then(() => true);
  const late = new Promise((resolve) => setTimeout(() => resolve(false), ms));
  if (!(await Promise.race([run, late]))) { return null; }
  const panel = app.shell.currentWidget;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return cells.map(c => c.model.executionCount);
}"""


_SCROLL_TO = """async (element) => {
  const notebook = window.jupyterapp.shell.currentWidget.content;
  const index = notebook.widgets.findIndex((cell) => cell.node.contains(element));
  if (index >= 0) { await notebook.scrollToItem(index, 'center'); }
  element.scrollIntoView({block: 'center'});
}"""


def reveal(locator, timeout: float = 30) -> None:
    """Wait until ``locator`` is in the page, then scroll the notebook to it (JupyterLab's
    windowing hides cells out of view, and late outputs move them) and wait until it shows."""
    locator.first.wait_for(state="attached", timeout=timeout * 1000)
    locator.first.evaluate(_SCROLL_TO)
    locator.first.wait_for(timeout=timeout * 1000)


def run_all(page: Page, timeout: float = 120) -> list[int | None]:
    """Run every cell of the current notebook; wait until done; return the execution counts.

    Raises if the kernel is still busy after ``timeout`` seconds.
    """
    counts = page.evaluate(_RUN_ALL, int(timeout * 1000))
    if counts is None:
        texts = page.locator(_STATUS_SELECTOR).all_inner_texts()
        raise TimeoutError(f"Run All not finished after {timeout:.0f} s; status bar: {texts}")
    page.locator(".jp-InputPrompt", has_text="[*]").first.wait_for(
        state="detached", timeout=timeout * 1000
    )
    wait_kernel_idle(page, timeout)
    return counts


_WATCH_RESTART = """() => {
  const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
  window.__courseRestarted = false;
  const watch = (_, status) => { if (status === 'restarting') window.__courseRestarted = true; };
  ctx.statusChanged.connect(watch);
}"""


def restart_kernel(page: Page, timeout: float = 60) -> None:
    """Restart the current notebook's kernel through the menu command and its confirm dialog."""
    page.evaluate(_WATCH_RESTART)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-kernel'); }")
    page.locator(".jp-Dialog .jp-mod-accept").first.click(timeout=timeout * 1000)
    page.wait_for_function("() => window.__courseRestarted === true", timeout=timeout * 1000)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus === 'idle'",
        timeout=timeout * 1000,
    )
    wait_kernel_idle(page, timeout)
