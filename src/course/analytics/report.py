"""Build the whole report from a loaded cohort: tables, figures, the HTML file and CSV files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import html as h
from . import plots
from . import strings as s
from .build import Tables, Thresholds, build
from .load import Cohort
from .progress import bar

FOLLOW_UP_ROWS = 40  # trainees shown in the follow-up heatmap
CSV_TABLES = (
    "items",
    "pools",
    "alpha",
    "totals",
    "distribution",
    "options",
    "mastery",
    "raw_mastery",
    "sections",
    "follow_up",
    "problems",
)


@dataclass
class Figure:
    key: str  # what the figure shows: distribution, items, options:<assignment>:<n>, ...
    caption: str
    png: bytes


def figures(cohort: Cohort, t: Tables, th: Thresholds, progress: bool = True) -> list[Figure]:
    """Every figure of the report, drawn with a progress bar."""
    jobs = [
        ("distribution", s.H_DISTRIBUTION, lambda: plots.distribution(t.totals, t.distribution)),
        ("items", s.H_ITEMS, lambda: plots.items(t.items, cohort.titles, th.low_discrimination)),
    ]
    for (a, question), rows in t.options.groupby(["assignment", "question"], sort=False):
        q = rows.iloc[0]
        caption = s.PLOT_OPTIONS.format(
            number=q["number"], question=question, type=s.TYPES[q["type"]]
        )
        caption = f"{cohort.titles.get(a, a)} {caption}"
        jobs.append(
            (f"options:{a}:{question}", caption, lambda r=rows, c=caption: plots.options(r, c))
        )
    if not t.sections.empty:
        jobs.append(("sections", s.PLOT_MASTERY, lambda: plots.heatmap(t.sections, s.PLOT_MASTERY)))
    shown = t.follow_up["trainee"].head(FOLLOW_UP_ROWS)
    rows = t.mastery.reindex(shown).dropna(how="all")
    if not rows.empty and not rows.columns.empty:
        jobs.append(("follow_up", s.PLOT_FOLLOW_UP, lambda: plots.heatmap(rows, s.PLOT_FOLLOW_UP)))
    drawn = [Figure(k, c, draw()) for k, c, draw in bar(jobs, "figures", progress)]
    return [f for f in drawn if f.png is not None]  # a figure with nothing to show is left out


def items_figure(t: Tables, th: Thresholds, png: bytes | None) -> list[str]:
    """The items figure (``png``, None when nothing could be drawn), or why there is none: too
    few trainees; the questions with no discrimination are named under it. New HTML parts."""
    trainees = int(t.alpha["trainees"].max()) if len(t.alpha) else 0
    if trainees < th.min_trainees:
        return [h.paragraph(s.SMALL_COHORT.format(n=trainees, minimum=th.min_trainees))]
    parts = [h.image(png, s.H_ITEMS)] if png is not None else []
    flat = t.items[~t.items["pending"] & t.items["discrimination"].isna()]
    if len(flat):
        numbers = "、".join(f"{r.assignment} {r.number}" for r in flat.itertuples())
        parts.append(h.paragraph(s.NOT_PLOTTED.format(numbers=numbers)))
    return parts


def _item_class(row) -> str:
    return "pending" if row["pending"] else "doubtful" if row["doubtful"] else ""


def render(cohort: Cohort, t: Tables, figs: list[Figure], th: Thresholds) -> str:
    """The report as one HTML string."""
    fig = {f.key: f for f in figs}
    items = t.items.assign(type=t.items["type"].map(s.TYPES))
    item_cols = [
        "assignment",
        "number",
        "pool",
        "question",
        "type",
        "section",
        "points",
        "respondents",
        "mean",
        "facility",
        "discrimination",
        "flags",
    ]
    fmt = {
        "facility": h.pct,
        "discrimination": h.num,
        "mean": h.num,
        "share": h.pct,
        "percent": h.pct,
        "alpha": h.num,
        "mean_score": h.num,
        "std": h.num,
        "median": h.num,
        "correct": lambda v: s.YES if v else "",
        "uneven": lambda v: s.YES if v else "",
        "lowest": h.pct,
        "highest": h.pct,
        "spread": h.pct,
        "pool": lambda v: v if isinstance(v, str) else "—",
    }
    body = []
    problems = (
        [h.table(t.problems, ["trainee", "assignment", "kind", "detail"])]
        if len(t.problems)
        else [h.paragraph(s.NO_PROBLEMS)]
    )
    body.append(h.section("problems", s.H_PROBLEMS, problems))
    body.append(
        h.section(
            "distribution",
            s.H_DISTRIBUTION,
            [
                h.table(
                    t.distribution,
                    ["title", "trainees", "mean_score", "median", "std", "max_score"],
                    fmt,
                    index="assignment",
                ),
                h.image(fig["distribution"].png, s.H_DISTRIBUTION),
            ],
        )
    )
    body.append(
        h.section(
            "alpha",
            s.H_ALPHA,
            [h.table(t.alpha, ["assignment", "title", "items", "trainees", "alpha"], fmt)],
        )
    )
    png = fig["items"].png if "items" in fig else None
    parts = [h.table(items, item_cols, fmt, _item_class), *items_figure(t, th, png)]
    body.append(h.section("items", s.H_ITEMS, parts))
    pool_cols = ["assignment", "pool", "questions", "lowest", "highest", "spread", "fewest"]
    pool_parts = [
        h.table(t.pools, [*pool_cols, "uneven"], fmt, lambda r: "doubtful" if r["uneven"] else "")
    ]
    if not t.pools["uneven"].any():
        pool_parts.append(h.paragraph(s.NO_UNEVEN_POOLS.format(spread=th.pool_spread), "note"))
    body.append(h.section("pools", s.H_POOLS, pool_parts))
    doubtful = items[items["doubtful"]]
    body.append(
        h.section(
            "doubtful",
            s.H_DOUBTFUL,
            [
                h.table(
                    doubtful,
                    ["assignment", "number", "question", "facility", "discrimination", "flags"],
                    fmt,
                )
                if len(doubtful)
                else h.paragraph(s.NO_DOUBTFUL)
            ],
        )
    )
    option_parts = []
    for (a, question), rows in t.options.groupby(["assignment", "question"], sort=False):
        f = fig[f"options:{a}:{question}"]
        cols = (["item"] if (rows["item"] != "").any() else []) + [
            "option",
            "count",
            "share",
            "correct",
        ]
        option_parts += [
            h.heading(f.caption),
            h.table(rows, cols, fmt, lambda r: "right" if r["correct"] else ""),
            h.image(f.png, f.caption),
        ]
    body.append(h.section("options", s.H_OPTIONS, option_parts))
    mastery_parts = [
        h.table(
            t.sections,
            list(t.sections.columns),
            dict.fromkeys(t.sections.columns, h.pct),
            index="section",
        )
    ]
    if "sections" in fig:
        mastery_parts.append(h.image(fig["sections"].png, s.PLOT_MASTERY))
    body.append(h.section("mastery", s.H_MASTERY, mastery_parts))
    follow = [
        h.table(t.follow_up, ["trainee", "percent", "reasons"], fmt)
        if len(t.follow_up)
        else h.paragraph(s.NO_FOLLOW_UP)
    ]
    if "follow_up" in fig:
        follow.append(h.image(fig["follow_up"].png, s.PLOT_FOLLOW_UP))
        if len(t.follow_up) > FOLLOW_UP_ROWS:
            more = s.MORE_ROWS.format(n=len(t.follow_up) - FOLLOW_UP_ROWS)
            follow.append(h.paragraph(more, "note"))
    body.append(h.section("follow_up", s.H_FOLLOW_UP, follow))
    method = [
        m.format(
            low=th.low_discrimination,
            total=th.follow_total,
            section=th.follow_section,
            points=th.section_points,
            spread=th.pool_spread,
            respondents=th.pool_respondents,
        )
        for m in s.METHOD
    ]
    body.append(h.section("method", s.H_METHOD, [h.paragraph(m, "note") for m in method]))
    trainees = t.totals.index.size
    names = s.LIST_SEPARATOR.join(
        s.TITLED.format(title=cohort.titles.get(a, a), id=a) for a in cohort.assignments
    )
    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    cards = [
        (s.COLUMNS["trainees"], str(trainees)),
        (s.COLUMNS["items"], str(int((~t.items["pending"]).sum()))),
        (s.H_DOUBTFUL, str(int(t.items["doubtful"].sum()))),
        (s.H_FOLLOW_UP, str(len(t.follow_up))),
    ]
    nav = [
        ("problems", s.H_PROBLEMS),
        ("distribution", s.H_DISTRIBUTION),
        ("alpha", "α"),
        ("items", s.H_ITEMS),
        ("pools", s.H_POOLS),
        ("doubtful", s.H_DOUBTFUL),
        ("options", s.H_OPTIONS),
        ("mastery", s.H_MASTERY),
        ("follow_up", s.H_FOLLOW_UP),
    ]
    meta = [
        s.GENERATED.format(when=when, db=cohort.db),
        s.COHORT.format(trainees=trainees, assignments=len(cohort.assignments), names=names),
    ]
    return h.page(s.REPORT_TITLE, meta, cards, nav, body)


def write(
    cohort: Cohort, out: str | Path, th: Thresholds | None = None, progress: bool = True
) -> Path:
    """Write ``out/report.html`` and one CSV per table (UTF-8 with BOM, for spreadsheet
    programs); return the HTML file's path."""
    th = th or Thresholds()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = build(cohort, th)
    figs = figures(cohort, tables, th, progress)
    for name in CSV_TABLES:
        df = getattr(tables, name)
        keep_index = name in ("totals", "distribution", "mastery", "raw_mastery", "sections")
        df.to_csv(out / f"{name}.csv", index=keep_index, encoding="utf-8-sig")
    target = out / "report.html"
    target.write_text(render(cohort, tables, figs, th), encoding="utf-8")
    return target
