"""The report's progress bar on stderr (tqdm)."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from tqdm import tqdm


def bar(items: Iterable, label: str, enabled: bool = True) -> tqdm:
    """``items`` wrapped in a tqdm bar labelled ``label`` on stderr (nothing shown when not
    ``enabled``)."""
    return tqdm(
        items, desc=label, file=sys.stderr, leave=False, dynamic_ncols=True, disable=not enabled
    )
