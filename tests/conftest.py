"""Fixtures shared by the whole suite: a real JupyterLab (``lab_server``) and a real Chromium
(``browser``, ``page``).

Tests that use ``page``/``browser`` are marked ``browser`` and ``slow`` automatically; tests that
use ``lab_server`` are marked ``slow``. On failure, a screenshot of the page and the server logs
are saved under ``test-artifacts/``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.lab import LabServer, start_course_lab, start_lab

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & {"page", "browser"}:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        elif fixtures & {"lab_server", "course_lab"}:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


def _artifact_name(item: pytest.Item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-150:]


def _failed(request: pytest.FixtureRequest) -> bool:
    return request.node.stash.get(_FAILED, False)


def _servers(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    starter: Callable[..., LabServer],
) -> Iterator[Callable[..., LabServer]]:
    """A factory around ``starter(where, state_dir, **kwargs)``; every server it started is
    stopped (process group) at teardown, its log kept in ``test-artifacts/`` if the test failed."""
    servers: list[LabServer] = []

    def start(where: str | Path, **kwargs) -> LabServer:
        server = starter(where, tmp_path_factory.mktemp("lab-state"), **kwargs)
        servers.append(server)
        return server

    yield start
    for number, server in enumerate(servers):
        server.stop()
        if _failed(request):
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copy(server.log_path, ARTIFACTS / f"{_artifact_name(request.node)}-{number}.log")


@pytest.fixture
def lab_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., LabServer]]:
    """Factory: ``lab_server(root_dir, settings=None, extra_args=None, env=None)`` starts a real
    JupyterLab serving ``root_dir`` and returns a :class:`LabServer` (``.url``, ``.token``,
    ``.api(path)``). Every server started is stopped (process group) at teardown."""
    yield from _servers(request, tmp_path_factory, start_lab)


@pytest.fixture
def course_lab(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., LabServer]]:
    """Factory: ``course_lab(checkout, args=None, env=None)`` runs ``course lab`` (what ``make
    lab`` runs) from the course checkout ``checkout`` and returns a :class:`LabServer`."""
    yield from _servers(request, tmp_path_factory, start_course_lab)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (its own browser download is blocked)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs chromium) or apt-get it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A fresh browser context and page; a full-page screenshot is saved if the test fails."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    if _failed(request):
        ARTIFACTS.mkdir(exist_ok=True)
        try:
            page.screenshot(path=ARTIFACTS / f"{_artifact_name(request.node)}.png", full_page=True)
        except Exception as exc:  # the page may be gone; the failure itself matters more
            print(f"screenshot failed: {exc}")
    context.close()
