"""A person on the cohort hub in a real Chromium: the hook for browser journeys on the hub.

:func:`hub_login` types the account's password into the hub's login form and waits until the
person's JupyterLab (spawned by the hub) shows its file browser; the page is then theirs, as
after a real login. Issue 14's trainee journey runs on the hub with this and the testbed of
tests/support/cohorthub.py (its servers start with ``--LabApp.expose_app_in_browser=True``, so
tests/support/browser.py's helpers work there too).
"""

from __future__ import annotations

from playwright.sync_api import Page


def hub_login(page: Page, bed, name: str, timeout: float = 240) -> str:
    """Log ``name`` in through the login form; return the URL of their JupyterLab."""
    page.goto(bed.url + "/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", bed.password(name))
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{name}/lab**", timeout=timeout * 1000)
    page.locator(".jp-DirListing-content").first.wait_for(timeout=timeout * 1000)
    return page.url
