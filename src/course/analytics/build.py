"""Every table of the report, computed from a loaded :class:`~.load.Cohort`.

Questions whose grades still await manual grading (``pending``) are left out of the item
statistics, the totals and the mastery: a score of 0 there means "not graded yet", not "wrong".
Trainees had different papers (questions drawn from pools): each question's facility and
discrimination are computed over the trainees who got it, Cronbach's alpha over the paper's
slots, pools whose questions differ much in difficulty are flagged (``pools``), and section
mastery is equated for the questions each trainee drew (:func:`.stats.equated_mastery`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from . import stats
from . import strings as s
from .load import Cohort


def section_order() -> list[str]:
    """The article's section ids in the article's order (the knowledge base's list)."""
    from course import kb

    return [section.id for section in kb.load().sections]


@dataclass(frozen=True)
class Thresholds:
    low_discrimination: float = 0.2  # below: doubtful
    #: fewer trainees than this: discrimination is not computed (with one or two it is always
    #: -1, 1 or undefined) and no question is called doubtful; the report says why
    min_trainees: int = 5
    easy: float = 0.9  # facility at or above: too easy
    hard: float = 0.3  # facility at or below: too hard
    follow_total: float = 0.6  # total percent below: follow up
    follow_section: float = 0.5  # any section mastery below: follow up...
    section_points: float = 4.0  # ...if the section's questions are worth at least this
    pool_spread: float = 0.3  # facilities of a pool's questions further apart: uneven pool
    pool_respondents: int = 5  # ...judged only when each of its questions had this many


@dataclass
class Tables:
    items: pd.DataFrame  # one row per question, with facility, discrimination, flags
    pools: pd.DataFrame  # one row per pool: facilities' spread, uneven flag
    alpha: pd.DataFrame  # one row per assignment
    totals: pd.DataFrame  # trainee x assignment: points on the counted questions
    distribution: pd.DataFrame  # one row per assignment: trainees, mean, median, ...
    options: pd.DataFrame  # one row per question x (item x) option
    mastery: pd.DataFrame  # trainee x section label: equated for the questions drawn
    raw_mastery: pd.DataFrame  # trainee x section label: points earned / possible
    sections: pd.DataFrame  # section label x assignment title (+ all): mean mastery
    follow_up: pd.DataFrame  # trainee, percent, reasons
    problems: pd.DataFrame  # trainee, assignment, kind, detail


def select(cohort: Cohort, assignments: list[str] | None = None, section: str | None = None):
    """A copy of ``cohort`` restricted to ``assignments`` and to the questions of ``section``
    (a KB section id); the cohort given is not changed."""
    keep = cohort.questions
    if assignments:
        keep = keep[keep["assignment"].isin(assignments)]
    if section:
        keep = keep[keep["section"] == section]
    pairs = pd.MultiIndex.from_frame(keep[["assignment", "question"]])

    def only(df: pd.DataFrame) -> pd.DataFrame:
        return df[pd.MultiIndex.from_frame(df[["assignment", "question"]]).isin(pairs)]

    names = [a for a in cohort.assignments if a in set(keep["assignment"])]
    return replace(
        cohort,
        assignments=names,
        questions=keep,
        scores=only(cohort.scores),
        answers=only(cohort.answers),
        records=cohort.records[cohort.records["assignment"].isin(names)],
    )


def counted(cohort: Cohort) -> pd.DataFrame:
    """The scores of questions with no pending manual grade."""
    pending = cohort.scores.groupby(["assignment", "question"])["pending"].any()
    done = pending[~pending].index
    idx = pd.MultiIndex.from_frame(cohort.scores[["assignment", "question"]])
    return cohort.scores[idx.isin(done)]


def _flags(fac: float, disc: float, th: Thresholds, n: int) -> tuple[list[str], bool]:
    """The flags of a question (facility ``fac``, discrimination ``disc``, ``n`` trainees) and
    whether it is doubtful."""
    if n < th.min_trainees:
        return [s.FLAG_SMALL.format(n=n, minimum=th.min_trainees)], False
    flags, doubtful = [], True
    if pd.isna(disc):
        flags.append(s.FLAG_FLAT)
    elif disc < 0:
        flags.append(s.FLAG_NEGATIVE)
    elif disc < th.low_discrimination:
        flags.append(s.FLAG_LOW.format(threshold=th.low_discrimination))
    else:
        doubtful = False
    if fac >= th.easy:
        flags.append(s.FLAG_EASY.format(threshold=th.easy))
    elif fac <= th.hard:
        flags.append(s.FLAG_HARD.format(threshold=th.hard))
    return flags, doubtful


def item_tables(cohort: Cohort, th: Thresholds) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per question and per assignment statistics (items, alpha)."""
    scored = counted(cohort)
    items, alphas = [], []
    for a in cohort.assignments:
        qs = cohort.questions[cohort.questions["assignment"] == a]
        mine = scored[scored["assignment"] == a]
        order = [q for q in qs["question"] if q in set(mine["question"])]
        matrix = stats.score_matrix(mine, order, missing=float("nan"))
        slots = list(dict.fromkeys(mine["slot"]))
        points = qs.set_index("question")["points"]
        asked = cohort.scores[cohort.scores["assignment"] == a]
        waiting = set(asked.loc[asked["pending"], "question"])  # awaiting manual grading
        fac = stats.facility(matrix, points)
        disc = stats.item_rest_correlation(matrix)
        if len(matrix) < th.min_trainees:
            disc[:] = float("nan")
        alphas.append(
            {
                "assignment": a,
                "title": cohort.titles.get(a, a),
                "items": len(slots),
                "trainees": len(matrix),
                "alpha": stats.cronbach_alpha(stats.score_matrix(mine, slots, column="slot")),
            }
        )
        for q in qs.itertuples():
            row = {
                "assignment": a,
                "number": q.number,
                "question": q.question,
                "pool": q.pool,
                "type": q.type,
                "section": q.section_label,
                "points": q.points,
            }
            got = int(matrix[q.question].notna().sum()) if q.question in order else 0
            if got:
                flags, doubtful = _flags(fac[q.question], disc[q.question], th, got)
                row.update(
                    respondents=got,
                    mean=matrix[q.question].mean(),
                    facility=fac[q.question],
                    discrimination=disc[q.question],
                    flags=s.SEPARATOR.join(flags),
                    doubtful=doubtful,
                    pending=False,
                )
            else:
                row.update(
                    respondents=0,
                    mean=float("nan"),
                    facility=float("nan"),
                    discrimination=float("nan"),
                    flags=s.FLAG_PENDING if q.question in waiting else s.FLAG_UNDRAWN,
                    doubtful=False,
                    pending=q.question in waiting,
                )
            items.append(row)
    return pd.DataFrame(items), pd.DataFrame(alphas)


def option_table(cohort: Cohort) -> pd.DataFrame:
    """Option frequencies of every auto-graded question, over trainees whose record is readable."""
    ok = cohort.records[cohort.records["status"] == "ok"][["trainee", "assignment"]]
    answers = cohort.answers.merge(ok, on=["trainee", "assignment"])
    grouped = {k: list(g["answer"]) for k, g in answers.groupby(["assignment", "question"])}
    frames = []
    for q in cohort.questions[cohort.questions["type"] != "manual"].itertuples():
        given = grouped.get((q.assignment, q.question), [])
        df = stats.option_frequencies(q.asked, given)
        frames.append(
            df.assign(assignment=q.assignment, number=q.number, question=q.question, type=q.type)
        )
    cols = [
        "assignment",
        "number",
        "question",
        "type",
        "item",
        "option",
        "count",
        "share",
        "correct",
    ]
    return pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)


def _section_rows(cohort: Cohort, scored: pd.DataFrame, facilities: pd.Series) -> pd.DataFrame:
    sections = cohort.questions.set_index(["assignment", "question"])["section"]
    columns = {}
    for a in cohort.assignments:
        m = stats.equated_mastery(scored[scored["assignment"] == a], sections, facilities)
        columns[cohort.titles.get(a, a)] = m.mean()
    columns[s.ALL_ASSIGNMENTS] = stats.equated_mastery(scored, sections, facilities).mean()
    table = pd.DataFrame(columns)
    table = table.reindex([x for x in section_order() if x in table.index])
    return table.rename(index=_labels(cohort))


def _labels(cohort: Cohort) -> dict[str, str]:
    q = cohort.questions.dropna(subset=["section"])
    return dict(zip(q["section"], q["section_label"], strict=True))


def build(cohort: Cohort, th: Thresholds | None = None) -> Tables:
    """Every table of the report for ``cohort``."""
    th = th or Thresholds()
    items, alpha = item_tables(cohort, th)
    scored = counted(cohort)
    totals = scored.pivot_table(
        index="trainee", columns="assignment", values="score", aggfunc="sum"
    )
    possible = scored.groupby(["assignment", "slot"])["points"].first().groupby(level=0).sum()
    distribution = pd.DataFrame(
        {
            "title": [cohort.titles.get(a, a) for a in totals.columns],
            "trainees": totals.count(),
            "mean_score": totals.mean(),
            "median": totals.median(),
            "std": totals.std(),
            "max_score": possible.reindex(totals.columns),
        }
    )
    sections = cohort.questions.set_index(["assignment", "question"])["section"]
    facilities = items.set_index(["assignment", "question"])["facility"]
    ordered = [x for x in section_order() if x in set(sections.dropna())]
    mastery = stats.equated_mastery(scored, sections, facilities)
    mastery = mastery.reindex(columns=[x for x in ordered if x in mastery.columns])
    mastery = mastery.rename(columns=_labels(cohort))
    raw = stats.mastery(scored, sections)
    raw = raw.reindex(columns=[x for x in ordered if x in raw.columns]).rename(
        columns=_labels(cohort)
    )
    worth = scored.drop_duplicates(["assignment", "slot"]).join(
        sections.rename("section"), on=["assignment", "question"]
    )
    worth = worth.groupby("section")["points"].sum().rename(_labels(cohort))
    judged = [c for c in mastery.columns if worth.get(c, 0) >= th.section_points]
    follow_up = _follow_up(cohort, scored, mastery[judged], th)
    return Tables(
        items=items,
        pools=stats.pool_spread(items, th.pool_spread, th.pool_respondents),
        alpha=alpha,
        totals=totals,
        distribution=distribution,
        options=option_table(cohort),
        mastery=mastery,
        raw_mastery=raw,
        sections=_section_rows(cohort, scored, facilities),
        follow_up=follow_up,
        problems=problems(cohort),
    )


def _follow_up(cohort: Cohort, scored: pd.DataFrame, mastery: pd.DataFrame, th: Thresholds):
    sums = scored.groupby("trainee")[["score", "points"]].sum()
    percent = sums["score"] / sums["points"]
    graded = set(zip(scored["trainee"], scored["assignment"], strict=True))
    records = cohort.records.set_index(["trainee", "assignment"])["status"]
    rows = []
    for t in sorted(set(cohort.students) | set(percent.index)):
        why = []
        p = percent.get(t, float("nan"))
        if p < th.follow_total:
            why.append(s.WHY_LOW_TOTAL.format(value=p, threshold=th.follow_total))
        if t in mastery.index:
            for label, value in mastery.loc[t].dropna().items():
                if value < th.follow_section:
                    why.append(
                        s.WHY_LOW_SECTION.format(
                            section=label, value=value, threshold=th.follow_section
                        )
                    )
        for a in cohort.assignments:
            if (t, a) not in graded:
                why.append(s.WHY_NOT_SUBMITTED.format(assignment=a))
            elif records.get((t, a), "ok") != "ok":
                problem = s.ANSWERS_MISSING if records[(t, a)] == "missing" else s.ANSWERS_CORRUPT
                why.append(s.WHY_ANSWERS.format(assignment=a, problem=problem))
        if why:
            rows.append({"trainee": t, "percent": p, "reasons": s.SEPARATOR.join(why)})
    table = pd.DataFrame(rows, columns=["trainee", "percent", "reasons"])
    return table.sort_values(["percent", "trainee"], na_position="first", ignore_index=True)


def problems(cohort: Cohort) -> pd.DataFrame:
    """Data problems: unreadable or missing answers records, submissions not autograded yet,
    questions awaiting manual grading."""
    rows = []
    for r in cohort.records[cohort.records["status"] != "ok"].itertuples():
        kind = s.PROBLEM_ANSWERS_MISSING if r.status == "missing" else s.PROBLEM_ANSWERS_CORRUPT
        rows.append((r.trainee, r.assignment, kind, r.problem))
    for a, trainees in cohort.waiting.items():
        rows += [(t, a, s.PROBLEM_NOT_AUTOGRADED, "submitted/") for t in trainees]
    pending = cohort.scores[cohort.scores["pending"]]
    for (a, q), group in pending.groupby(["assignment", "question"]):
        rows.append(("—", a, s.PROBLEM_PENDING, f"{q}: {len(group)}"))
    return pd.DataFrame(rows, columns=["trainee", "assignment", "kind", "detail"])
