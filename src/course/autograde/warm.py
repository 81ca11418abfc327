"""Start each submission's grading kernel early, while nbgrader does its database work.

A Python kernel takes most of a second to boot.  nbgrader starts it only when its ``Execute``
step comes, after the database phase of ``init_assignment`` and the sanitising pass, all of
which run in the grading process alone.  A worker therefore starts the kernel as soon as the
submission's ``autograded/<student>/<assignment>/`` folder exists, and ``SandboxedExecute``
adopts it instead of starting its own, so that both boot together.

Nothing about the kernel the notebook runs in may differ from a cold start:

* it is adopted only if the kernel manager class, kernel name, extra arguments, working
  directory and the whole environment (``NBGRADER_EXECUTION`` included) equal what nbclient
  would start with at that moment; otherwise it is killed and a kernel is started as usual;
* it boots in an empty private directory, not in the submission folder, which may still hold
  files the trainee added (``QuarantineTraineeCode`` removes them during the sanitising pass,
  before the kernel is moved into the folder).  ipykernel and IPython read nothing from their
  start directory as they boot (ipykernel keeps it off ``sys.path`` while it loads; IPython no
  longer loads configuration from it), so this is a precaution, not a change of behaviour;
* on adoption it is moved into the folder by a silent request (no history, no execution
  count, no variables), and the files nbgrader copied in meanwhile are given to the sandbox
  uid, as at a cold start.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass

from nbclient.util import run_sync

from .kernel import SandboxedKernelManager


@dataclass
class Launch:
    """What a kernel is started with; two kernels with equal launches are interchangeable."""

    manager: type
    plan: dict  # the sandbox plan (Plan.to_dict(); {} without a jail)
    slot: int  # the worker slot (selects the sandbox uid)
    kernel_name: str
    extra_arguments: tuple[str, ...]
    cwd: str
    env: dict[str, str]

    @classmethod
    def make(
        cls, manager: type, plan: dict, slot: int, kernel_name: str, extra_arguments, cwd, env
    ) -> Launch:
        return cls(
            manager,
            dict(plan or {}),
            slot,
            kernel_name or "",
            tuple(extra_arguments or ()),
            os.path.realpath(cwd),
            dict(env),
        )


@dataclass
class WarmKernel:
    km: SandboxedKernelManager
    launch: Launch

    def discard(self) -> None:
        """Kill the kernel now and release its sandbox (never raises)."""
        with contextlib.suppress(Exception):
            self.km.kill_now()
        with contextlib.suppress(Exception):
            run_sync(self.km.shutdown_kernel)(now=True)
        with contextlib.suppress(Exception):
            self.km.release_sandbox()


#: the kernel started ahead for the next Execute of this process (at most one)
_PENDING: list[WarmKernel] = []
#: how the kernels of this process were last started, by notebook name ("" for any)
LEARNED: dict[str, Launch] = {}
#: counts, for the report and the tests: started, adopted, discarded
STATS = {"started": 0, "adopted": 0, "discarded": 0}


def pending() -> WarmKernel | None:
    return _PENDING[0] if _PENDING else None


def take() -> WarmKernel | None:
    """The pending kernel, handed over (the caller adopts or discards it)."""
    return _PENDING.pop() if _PENDING else None


def discard_pending() -> None:
    while _PENDING:
        _PENDING.pop().discard()
        STATS["discarded"] += 1


def start(launch: Launch, config) -> WarmKernel | None:
    """Start a kernel for ``launch`` in the background; returns it, or None if it failed
    (the Execute step will then start one itself and report any error)."""
    discard_pending()
    km = launch.manager(kernel_name=launch.kernel_name, config=config)
    km.plan = launch.plan
    km.slot = launch.slot
    km.boot_elsewhere = True
    try:
        run_sync(km.start_kernel)(
            extra_arguments=list(launch.extra_arguments), cwd=launch.cwd, env=dict(launch.env)
        )
    except Exception:  # noqa: BLE001 - a cold start follows, and reports the error
        WarmKernel(km, launch).discard()
        return None
    warm = WarmKernel(km, launch)
    _PENDING.append(warm)
    STATS["started"] += 1
    return warm


def learn(notebook: str, launch: Launch) -> None:
    LEARNED[notebook] = LEARNED[""] = launch


def enter_workdir_code(workdir: str) -> str:
    """Code run silently on adoption: move into ``workdir`` as if the kernel had started there.

    It binds no name in the user namespace.  ``sys.path`` needs no change: the kernel's start
    directory is not on it (ipykernel's launcher takes it off; IPython puts ``''``, the current
    directory, there instead), which the tests check."""
    return f"__import__('os').chdir({workdir!r})"


def predicted_kernel_name(config, source_notebook: str) -> str:
    """The kernel nbclient will ask for: ``Execute.kernel_name`` if configured, else the
    kernelspec of the instructor's notebook (which OverwriteKernelspec puts back)."""
    for section in ("SandboxedExecute", "Execute", "ExecutePreprocessor", "NotebookClient"):
        name = config.get(section, {}).get("kernel_name") if section in config else None
        if name:
            return name
    try:
        with open(source_notebook, encoding="utf-8") as fh:
            return json.load(fh)["metadata"]["kernelspec"]["name"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
