"""Where the tests find the source article, and what they do when it is not there.

The article is never copied into the project (see ``/work/shared/source/README.md``): it sits
beside the checkout (``../shared/source/article.zh.txt``), or wherever ``$COURSE_ARTICLE`` points.
On a developer's machine without it the provenance tests are skipped, visibly; under continuous
integration (``CI=true``, which ``.ci/run`` sets) they fail, so that a CI run can never pass
without having checked the course against its source.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO.parent / "shared" / "source" / "article.zh.txt"
VARIABLE = "COURSE_ARTICLE"


def article_path() -> Path:
    """``$COURSE_ARTICLE`` if set, else the copy beside the checkout."""
    return Path(os.environ.get(VARIABLE) or DEFAULT)


def on_ci() -> bool:
    """True when ``$CI`` says so (``true``/``1``/``yes``, as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def article_text() -> str:
    """The article's text. When the file is absent: ``pytest.fail`` under CI, else
    ``pytest.skip``, both naming the path and the variable that overrides it."""
    path = article_path()
    if not path.is_file():
        message = (
            f"the source article is absent ({path}); set ${VARIABLE} to its path "
            "to check the course against it"
        )
        if on_ci():
            pytest.fail(f"{message} (CI=true: the provenance checks may not be skipped)")
        pytest.skip(message)
    return path.read_text(encoding="utf-8")
