"""One line saying why nbgrader could not grade a student, read from nbgrader's own log.

nbgrader logs a failure as a full traceback; its last line is often an exception of nbgrader's
internals (``AttributeError: 'CourseDirectory' object has no attribute 'fail'`` for a timestamp
it cannot read, a bare ``UnicodeDecodeError`` for a notebook that is not UTF-8). The known
failures are recognised by the text they leave in the log and said plainly.
"""

from __future__ import annotations

from course.exchange.untrusted import UntrustedSubmission

NOT_A_NOTEBOOK = "the submitted file is not a valid notebook"

#: (texts that must all be in the log, the reason given), first match wins
KNOWN: tuple[tuple[tuple[str, ...], str], ...] = (
    (("DeadKernelError",), "the kernel died (the code exited it, or a limit killed it)"),
    (
        ("Timeout waiting for IOPub",),
        "a cell timed out and its kernel did not come back after the interrupt",
    ),
    (
        ("CellTimeoutError",),
        "a cell timed out and its kernel did not come back after the interrupt",
    ),
    (("UnicodeDecodeError", "in from_filename"), NOT_A_NOTEBOOK + " (it is not UTF-8 text)"),
    (("NotJSONError",), NOT_A_NOTEBOOK + " (it is not JSON)"),
    (("/nbformat/", "in from_file"), NOT_A_NOTEBOOK + " (nbformat cannot read it)"),
    (("No notebooks were matched",), "no notebook in the submission"),
    (("No notebooks found",), "no notebook of the assignment in the submission (renamed?)"),
    (("kernel_info",), "the kernel did not start"),
)


def reason(status: str, events: list[str], log: str, errors: list[str]) -> str:
    """Why a student failed or was refused ('; '-joined ``events`` otherwise). ``log``:
    nbgrader's log of the student; ``errors``: the last line of each of its error records."""
    if status not in ("failed", "refused"):
        return "; ".join(events)
    for event in events:
        if event.startswith(("wall-clock", "tampering")):
            return event
    name = UntrustedSubmission.__name__ + ": "
    for error in errors:
        if name in error:
            return error.split(name, 1)[1]
    for needles, why in KNOWN:
        if all(n in log for n in needles):
            return why
    meaningful = [e for e in errors if e and not e.startswith(("There was an error", "Please see"))]
    return meaningful[-1] if meaningful else "nbgrader reported an error (see the log)"
