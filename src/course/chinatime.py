"""Times as trainees read them: China Standard Time (Asia/Shanghai). Stored times stay UTC; this
is the one place that turns them into what a trainee sees."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
#: what follows a time shown to a trainee, so that nobody reads it as another zone's
SUFFIX = "（北京时间）"


def parse(value: str | dt.datetime) -> dt.datetime:
    """``value`` as an aware datetime: an ISO time (``…Z`` or with an offset) or nbgrader's
    exchange timestamp (``2026-11-30 15:04:05.123456 UTC``); a time without a zone is taken as
    UTC, the zone every stored time of the course is in. Raises ValueError if unreadable."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(" UTC"):
            text = text[: -len(" UTC")] + "+00:00"
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def china(value: str | dt.datetime) -> dt.datetime:
    """``value`` (see :func:`parse`) in China time."""
    return parse(value).astimezone(CHINA)


def shown(value: str | dt.datetime, seconds: bool = False) -> str:
    """``value`` as a trainee reads it: ``2026-11-30 23:04（北京时间）``."""
    return china(value).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M") + SUFFIX
