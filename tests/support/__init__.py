"""Shared test helpers: a real JupyterLab server, a real Chromium, small notebooks built in code.

See ``tests/conftest.py`` for the fixtures that wrap them (``lab_server``, ``browser``, ``page``).
"""

from tests.support.browser import open_notebook, restart_kernel, run_all, wait_kernel_idle
from tests.support.lab import LabServer, free_port, start_lab
from tests.support.notebooks import write_notebook

__all__ = [
    "LabServer",
    "free_port",
    "open_notebook",
    "restart_kernel",
    "run_all",
    "start_lab",
    "wait_kernel_idle",
    "write_notebook",
]
