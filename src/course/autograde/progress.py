"""A dependency-free progress bar for grading runs."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO


class Progress:
    """Redraws one line on a terminal; prints one line per student otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.counts: Counter[str] = Counter()
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def line(self) -> str:
        """The bar as text, e.g. ``[#####-----] 5/10 graded 4 failed 1 12s``."""
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        counts = " ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        elapsed = time.monotonic() - self.started
        eta = ""
        if 0 < self.done < self.total:
            eta = f" eta {elapsed / self.done * (self.total - self.done):.0f}s"
        return f"[{bar}] {self.done}/{self.total} {counts} {elapsed:.0f}s{eta}".rstrip()

    def update(self, result: dict) -> None:
        self.done += 1
        self.counts[result["status"]] += 1
        if self.tty:
            self.stream.write("\r" + self.line())
            if self.done == self.total:
                self.stream.write("\n")
        else:
            note = result.get("reason") or ""
            self.stream.write(
                f"{self.line()}  {result['student']}: {result['status']}"
                f" ({result['seconds']:.1f}s){'  ' + note if note else ''}\n"
            )
        self.stream.flush()
