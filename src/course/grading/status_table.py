"""The rows of ``course grading status`` as a text table (pandas, wide characters counted as
two columns) and as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from course.grading import strings as s

if TYPE_CHECKING:
    import pandas as pd

    from course.grading.status import Row

#: pandas display options of the text table: wide characters count two columns, nothing cut.
OPTIONS = {
    "display.unicode.east_asian_width": True,
    "display.max_colwidth": None,
    "display.width": None,
    "display.max_rows": None,
}
CSV_COLUMNS = ["trainee", "status", "score", "max_score", "answered", "questions", "details"]


def frame(rows: list[Row]) -> pd.DataFrame:
    """One line per row, the columns of :data:`CSV_COLUMNS`; a new frame (``rows`` unchanged)."""
    import pandas as pd

    records = [
        (r.trainee, r.status, r.score, r.max_score, r.answered, r.questions, "; ".join(r.issues))
        for r in rows
    ]
    return pd.DataFrame(records, columns=CSV_COLUMNS)


def _score(line) -> str:
    import pandas as pd

    if pd.isna(line.score):
        return "—"
    return f"{line.score:g} / {0 if pd.isna(line.max_score) else line.max_score:g}"


def render(rows: list[Row]) -> str:
    """The rows as a text table with the Chinese headers and status labels, every column
    left-aligned, wide characters counted as two columns (pandas' East Asian width option)."""
    import pandas as pd
    from pandas.io.formats.printing import get_adjustment

    table = frame(rows)
    h = s.STATUS_HEADERS
    pad = max(map(len, table["status"]), default=0) + 2  # status codes are ASCII
    shown = pd.DataFrame(
        {
            h["trainee"]: table["trainee"],
            h["status"]: [f"{code:<{pad}}{s.STATUS_LABELS[code]}" for code in table["status"]],
            h["score"]: [_score(line) for line in table.itertuples()],
            h["answered"]: [f"{line.answered}/{line.questions}" for line in table.itertuples()],
            h["details"]: table["details"].replace("", "—"),
        }
    )
    with pd.option_context(*[item for pair in OPTIONS.items() for item in pair]):
        width = get_adjustment().len  # the measure pandas aligns with under these options

        def left(column: str):
            size = max(width(v) for v in [column, *shown[column]])
            return lambda v: v + " " * (size - width(v))

        text = shown.to_string(
            index=False, justify="left", formatters={c: left(c) for c in shown.columns}
        )
    return "\n".join(line.rstrip() for line in text.splitlines())


def write_csv(rows: list[Row], path: str | Path) -> None:
    """Write the rows to ``path`` as UTF-8 CSV (an empty cell where there is no score)."""
    frame(rows).to_csv(path, index=False, encoding="utf-8")
