"""A progress bar for long work: tqdm when it is installed, else a plain bar on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def _plain(items: list[T], label: str) -> Iterator[T]:
    total, width = len(items), 30
    for done, item in enumerate(items, start=1):
        yield item
        filled = width * done // total
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r{label} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}{end}")
        sys.stderr.flush()


def bar(items: Iterable[T], label: str, enabled: bool = True) -> Iterator[T]:
    """Yield ``items`` while showing ``label`` and a bar on stderr (nothing if not ``enabled``
    or nothing to do)."""
    items = list(items)
    if not enabled or not items:
        yield from items
        return
    try:
        from tqdm import tqdm
    except ImportError:
        yield from _plain(items, label)
        return
    yield from tqdm(items, desc=label, file=sys.stderr, leave=False, dynamic_ncols=True)
