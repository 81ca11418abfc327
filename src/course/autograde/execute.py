"""nbgrader's Execute preprocessor with the sandbox, a notebook wall clock,
an output cap and a tamper check.

It replaces ``nbgrader.preprocessors.Execute`` in ``Autograde.autograde_preprocessors``
(same place in the list, same configuration: traitlets config for ``Execute``
applies to this subclass), so nbgrader's own pipeline and the course's own
preprocessors are unchanged.
"""

from __future__ import annotations

import secrets
import threading

from nbclient.util import run_sync
from nbgrader import utils
from nbgrader.preprocessors import Execute
from traitlets import Bool, Instance, Integer

from .kernel import EVENTS, SandboxedKernelManager
from .sandbox import Plan

TRUNCATED = "\n[course autograde: further output dropped, over the output limit]\n"


class WallClockExceeded(Exception):
    """The notebook ran longer than its wall-clock limit; the kernel was killed."""


class TamperDetected(Exception):
    """A statement that must fail passed after a test cell: errors are being swallowed."""


class SandboxedExecute(Execute):
    """nbgrader's Execute with the run's sandbox: ``plan`` (limits, jail) and ``slot`` (which
    sandbox uid), given once by the grading worker through its configuration."""

    canary = Bool(True, help="check after each test cell that failures still fail").tag(config=True)
    plan = Instance(Plan, allow_none=True, help="the run's sandbox; None: no limits").tag(
        config=True
    )
    slot = Integer(0, help="worker slot (selects the sandbox uid)").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        self._output_used = 0
        self._dropped = False
        self._wall_hit = False
        self._tampered: list[int] = []

    @property
    def wall_seconds(self) -> float:
        return self.plan.limits.wall_seconds if self.plan is not None else 0.0

    @property
    def output_bytes(self) -> int:
        return self.plan.limits.output_bytes if self.plan is not None else 0

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if isinstance(km, SandboxedKernelManager):
            km.plan = self.plan
            km.slot = self.slot
        return km

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


def _stream(text: str):
    from nbformat.v4 import new_output

    return new_output("stream", name="stderr", text=text)
