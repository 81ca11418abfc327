"""nbgrader's Execute preprocessor with the sandbox, a notebook wall clock,
an output cap and a tamper check.

It replaces ``nbgrader.preprocessors.Execute`` in ``Autograde.autograde_preprocessors``
(same place in the list, same configuration: traitlets config for ``Execute``
applies to this subclass), so nbgrader's own pipeline and the course's own
preprocessors are unchanged.
"""

from __future__ import annotations

import os
import secrets
import threading

from nbclient.util import ensure_async, run_sync
from nbgrader import utils
from nbgrader.preprocessors import Execute
from traitlets import Bool, Dict, Float, Integer

from . import warm
from .kernel import EVENTS, SandboxedKernelManager

TRUNCATED = "\n[course autograde: further output dropped, over the output limit]\n"


class WallClockExceeded(Exception):
    """The notebook ran longer than its wall-clock limit; the kernel was killed."""


class TamperDetected(Exception):
    """A statement that must fail passed after a test cell: errors are being swallowed."""


class KernelNotEntered(Exception):
    """A kernel started ahead failed to move into the submission folder."""


class SandboxedExecute(Execute):
    wall_seconds = Float(600.0, help="wall-clock limit per notebook (0: none)").tag(config=True)
    output_bytes = Integer(4 * 1024 * 1024, help="output kept per notebook").tag(config=True)
    canary = Bool(True, help="check after each test cell that failures still fail").tag(config=True)
    plan = Dict(help="sandbox.Plan.to_dict(); empty: no jail").tag(config=True)
    slot = Integer(0, help="worker slot (selects the sandbox uid)").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        self._output_used = 0
        self._dropped = False
        self._wall_hit = False
        self._tampered: list[int] = []
        self._adopted: warm.WarmKernel | None = None

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if isinstance(km, SandboxedKernelManager):
            km.plan = self.plan
            km.slot = self.slot
        return km

    async def async_start_new_kernel(self, **kwargs) -> None:
        """nbclient's start, or the adoption of the kernel started ahead for this notebook
        when it was started exactly as nbclient is about to start one (see
        :mod:`course.autograde.warm`)."""
        own_km = self.km
        recorder = _StartRecorder(own_km)
        self.km = recorder  # nbclient works out its start arguments and hands them over
        try:
            await super().async_start_new_kernel(**kwargs)
        finally:
            self.km = own_km
        call = recorder.call
        wanted = warm.Launch.make(
            type(own_km), getattr(own_km, "plan", None), getattr(own_km, "slot", 0),
            own_km.kernel_name, call.get("extra_arguments"),
            call.get("cwd") or os.getcwd(), dict(call.get("env") or os.environ),
        )  # fmt: skip
        notebook = ((self.resources or {}).get("nbgrader") or {}).get("notebook", "")
        warm.learn(notebook, wanted)
        ready = warm.take()
        if ready is not None and ready.launch == wanted:
            self.km = ready.km
            self._adopted = ready
            warm.STATS["adopted"] += 1
            return
        if ready is not None:
            ready.discard()
            warm.STATS["discarded"] += 1
        await ensure_async(own_km.start_kernel(**call))

    # nbclient binds its sync names to its own async functions: rebind them to ours
    start_new_kernel = run_sync(async_start_new_kernel)

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        adopted, self._adopted = self._adopted, None
        if adopted is not None:
            km = adopted.km
            km.own_workdir()
            code = warm.enter_workdir_code(km.workdir)
            msg_id = kc.execute(code, silent=True, store_history=False)
            reply = await self.async_wait_for_reply(msg_id)
            if ((reply or {}).get("content") or {}).get("status") != "ok":
                await self._async_cleanup_kernel()
                raise KernelNotEntered(f"the kernel could not enter {km.workdir}: {reply}")
        return kc

    start_new_kernel_client = run_sync(async_start_new_kernel_client)

    def _on_wall_clock(self) -> None:
        self._wall_hit = True
        km = self.km
        if isinstance(km, SandboxedKernelManager):
            km.kill_now()

    def preprocess(self, nb, resources=None, km=None):
        timer = None
        if self.wall_seconds and self.wall_seconds > 0:
            timer = threading.Timer(self.wall_seconds, self._on_wall_clock)
            timer.daemon = True
            timer.start()
        try:
            result = super().preprocess(nb, resources, km=km)
        except Exception as err:
            if self._wall_hit:
                EVENTS.append(f"wall-clock limit {self.wall_seconds:g} s exceeded")
                raise WallClockExceeded(
                    f"notebook ran over {self.wall_seconds:g} s; kernel killed"
                ) from err
            raise
        finally:
            if timer is not None:
                timer.cancel()
        if self._dropped:
            EVENTS.append(f"output over {self.output_bytes} bytes dropped")
        if self._tampered:
            EVENTS.append(f"tampering: failures swallowed after cells {self._tampered}")
            raise TamperDetected(
                f"a failing check passed after grade cell(s) {self._tampered}: "
                "the submission suppresses errors"
            )
        return result

    def output(self, outs, msg, display_id, cell_index):
        out = super().output(outs, msg, display_id, cell_index)
        if out is None or out.get("output_type") == "error" or display_id:
            return out  # errors decide grades: never dropped
        self._output_used += len(str(out.get("text", ""))) + len(str(out.get("data", "")))
        if self.output_bytes and self._output_used > self.output_bytes:
            if outs and outs[-1] is out:
                outs.pop()
            if not self._dropped:
                self._dropped = True
                outs.append(_stream(TRUNCATED))
        return out

    def preprocess_cell(self, cell, resources, index):
        # nbclient's sync execute_cell is bound to NotebookClient.async_execute_cell,
        # so this is the hook that sees every executed cell
        result = super().preprocess_cell(cell, resources, index)
        done = result[0] if isinstance(result, tuple) else cell
        # only a test that passed can have had its failure swallowed: a failed one shows that
        # failures still get through, and costs the trainee, never helps
        failed = any(out.get("output_type") == "error" for out in done.get("outputs", []))
        if self.canary and done.cell_type == "code" and utils.is_grade(done) and not failed:
            run_sync(self._check_canary)(index)
        return result

    async def _check_canary(self, cell_index: int) -> None:
        a, b = secrets.token_hex(6), secrets.token_hex(6)
        code = f"assert {a!r} == {b!r}, {a!r}"
        msg_id = self.kc.execute(code, store_history=False, stop_on_error=False)
        try:
            reply = await self.async_wait_for_reply(msg_id)
        except Exception:
            return  # a dead or hung kernel is reported by the next step, not as tampering
        status = ((reply or {}).get("content") or {}).get("status")
        if status == "ok":
            self._tampered.append(cell_index)


class _StartRecorder:
    """Stands in for the kernel manager while nbclient works out how to start the kernel:
    records the arguments instead of starting anything."""

    def __init__(self, km) -> None:
        self._km = km
        self.call: dict = {}

    def __getattr__(self, name):
        return getattr(self._km, name)

    async def start_kernel(self, **kwargs) -> None:
        self.call = dict(kwargs)


def _stream(text: str):
    from nbformat.v4 import new_output

    return new_output("stream", name="stderr", text=text)
