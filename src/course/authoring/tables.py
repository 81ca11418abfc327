"""The knowledge base as the lessons show it: Markdown tables and notes, written into the lesson
notebooks by :mod:`course.authoring.notebooks`, so that they read the same before any cell runs.

The article's words (list items, values of facts, names of series, document titles) are shown as
quotations: in 「」 (its inner “” become 『』), or as they are when they are a 《title》. Our own words
(titles, topics, summaries, roles, explanations) are shown as they are. Nothing here changes the
knowledge base; every function returns a new :class:`Table` or string.
"""

from __future__ import annotations

from dataclasses import dataclass

from course import kb

from . import strings as s


def quote(text: str) -> str:
    """The article's ``text`` marked as a quotation (a new string)."""
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        return text
    return "「" + text.replace("“", "『").replace("”", "』") + "」"


def quote_all(texts: list[str]) -> str:
    """Several of the article's phrases, each quoted, joined with 、."""
    return "、".join(quote(t) for t in texts)


def corner(text: str) -> str:
    """Our text with the article's “” shown as the course's 「」."""
    return text.replace("“", "「").replace("”", "」")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


@dataclass(frozen=True)
class Table:
    """A table: its columns, its rows (strings), and an optional caption and note under it."""

    columns: list[str]
    rows: list[list[str]]
    caption: str | None = None
    note: str | None = None

    def markdown(self) -> str:
        """The table as GitHub-flavoured Markdown (what JupyterLab renders)."""
        lines = [self.caption, ""] if self.caption else []
        lines.append("| " + " | ".join(_cell(c) for c in self.columns) + " |")
        lines.append("|" + "---|" * len(self.columns))
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in self.rows]
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)


def _source(section_id: str) -> str:
    from course.quiz.model import section_label

    return section_label(section_id)


def han_numeral(number: int) -> str:
    """``number`` in Chinese numerals (〇 to 十), else in digits."""
    return s.HAN_NUMERALS[number] if 0 <= number <= 10 else str(number)


# -- one table per kind ---------------------------------------------------------------------------
def list_table(base: kb.KnowledgeBase, list_id: str) -> Table:
    """A list in the article's order: 序号, 文章原文, and the columns its items use."""
    lst = base.get_list(list_id)
    extra = {"form": s.COL_FORM, "how": s.COL_HOW, "note": s.COL_NOTE}
    used = [k for k in extra if any(getattr(i, k) for i in lst.items)]
    rows = [
        [str(n), quote(item.text), *(getattr(item, k) or s.NONE for k in used)]
        for n, item in enumerate(lst.items, 1)
    ]
    caption = (s.OPEN_LIST_CAPTION if lst.open else s.LIST_CAPTION).format(title=corner(lst.title))
    return Table([s.COL_NUMBER, s.COL_ARTICLE, *(extra[k] for k in used)], rows, caption)


def facts_table(base: kb.KnowledgeBase, *fact_ids: str) -> Table:
    """Single facts: 要点 (our topic), 文章的说法 (quoted), 说明 (our words)."""
    facts = [base.get_fact(f) for f in fact_ids]
    rows = [[corner(f.topic), quote(f.value), corner(f.summary)] for f in facts]
    return Table([s.COL_TOPIC, s.COL_WORDING, s.COL_NOTE], rows)


def publication_table(base: kb.KnowledgeBase) -> Table:
    """The article's own data: title, publisher, channel, date, editor, series."""
    pub = base.publication
    rows = [
        [s.PUB_TITLE, f"《{pub.title}》"],
        [s.PUB_PUBLISHER, pub.publisher],
        [s.PUB_CHANNEL, " › ".join(pub.channel)],
        [s.PUB_DATE, pub.published],
        [s.PUB_EDITOR, pub.editor],
        [s.PUB_SERIES, quote(pub.series)],
        [
            s.PUB_NUMBER,
            s.PUB_NUMBER_VALUE.format(
                n=han_numeral(pub.series_number), anchor=pub.series_number_anchor
            ),
        ],
        [s.PUB_STARTED, s.PUB_STARTED_VALUE.format(date=pub.series_started)],
    ]
    return Table([s.COL_ITEM, s.COL_CONTENT], rows)


def sections_table(base: kb.KnowledgeBase) -> Table:
    """The article's parts in order (顺序 from 1), with a note on which names are the article's."""
    sections = sorted(base.sections, key=lambda x: x.number)
    rows = [[str(n), _source(x.id), corner(x.summary)] for n, x in enumerate(sections, 1)]
    note = s.HEADINGS_NOTE.format(
        headed="".join(quote(x.title) for x in sections if x.heading),
        unheaded="".join(quote(x.title) for x in sections if not x.heading),
    )
    return Table([s.COL_ORDER, s.COL_PART, s.COL_MAIN], rows, note=note)


def framework_table(base: kb.KnowledgeBase) -> Table:
    """The 「4500」 framework: one row per part (4, 5, 0, 0), its items quoted."""
    rows = []
    for part in base.framework_4500.parts:
        items = quote_all(base.get_list(part.list_id).texts()) if part.list_id else s.NONE
        rows.append([part.symbol, corner(part.name), corner(part.requirement), items])
    return Table([s.COL_DIGIT, s.COL_NAME, s.COL_REQUIREMENT, s.COL_DETAILS], rows)


def numbers_table(base: kb.KnowledgeBase) -> Table:
    """Every list whose number the article states itself, with its items."""
    rows = [
        [corner(lst.title), str(lst.count), quote_all(lst.texts()), _source(lst.section)]
        for lst in base.lists
        if lst.count is not None
    ]
    return Table([s.COL_NAME, s.COL_COUNT, s.COL_ITEMS, s.COL_SOURCE], rows)


def people_places_table(base: kb.KnowledgeBase) -> Table:
    """Every person and place the article names, what it says of them and what it leaves out."""
    rows = [
        [kind, e.name, e.role, _source(e.section), e.unstated or s.NONE]
        for kind, entries in ((s.KIND_PERSON, base.people), (s.KIND_PLACE, base.places))
        for e in entries
    ]
    columns = [s.COL_KIND, s.COL_NAME, s.COL_ROLE, s.COL_SOURCE, s.COL_UNSTATED]
    return Table(columns, rows)


def glossary_table(base: kb.KnowledgeBase) -> Table:
    """The glossary, in the order of the places it cites in the article."""
    rows = [[corner(t.term), corner(t.explanation), _source(t.section)] for t in base.glossary]
    return Table([s.COL_TERM, s.COL_MEANING, s.COL_SOURCE], rows)


def _fact_name(fact: kb.Fact) -> str:
    # A short value names the fact best (「六个清」); a long one is a phrase: the topic names it.
    return quote(fact.value) if len(fact.value) <= 12 else fact.topic


def unstated_entries(base: kb.KnowledgeBase) -> list[tuple[str, str, str]]:
    """(reference, name, what the article leaves out) for every entry that says so, in the
    order of the article's sections (within one, facts, lists, people, places, terms)."""
    out = [(f"facts.{f.id}", _fact_name(f), f.unstated) for f in base.facts if f.unstated]
    out += [(f"lists.{x.id}", x.title, x.unstated) for x in base.lists if x.unstated]
    out += [(f"people.{p.id}", p.name, p.unstated) for p in base.people if p.unstated]
    out += [(f"places.{p.id}", p.name, p.unstated) for p in base.places if p.unstated]
    out += [(f"glossary.{t.term}", t.term, t.unstated) for t in base.glossary if t.unstated]
    return sorted(out, key=lambda entry: base.get_section(base.resolve(entry[0]).section).number)


def unstated_table(base: kb.KnowledgeBase) -> Table:
    """Everything the article names without spelling it out."""
    rows = [
        [corner(name), _source(base.resolve(ref).section), corner(text)]
        for ref, name, text in unstated_entries(base)
    ]
    return Table([s.COL_NAME, s.COL_SOURCE, s.COL_UNSTATED], rows)


def unstated_notes(base: kb.KnowledgeBase, *refs: str) -> str:
    """The notes a lesson shows where it meets what the article leaves out: one quoted line per
    reference, the knowledge base's ``unstated`` text. KeyError for a reference without one."""
    lines = []
    for ref in refs:
        text = getattr(base.resolve(ref), "unstated", None)
        if not text:
            raise KeyError(f"{ref} says nothing the article leaves out (no 'unstated')")
        lines.append(s.UNSTATED_NOTE.format(text=corner(text)))
    return "\n>\n".join(lines)


#: ``<!-- course:table KIND ARGS -->``: the table functions by kind.
TABLES = {
    "list": list_table,
    "facts": facts_table,
    "publication": publication_table,
    "sections": sections_table,
    "framework_4500": framework_table,
    "numbers": numbers_table,
    "people_places": people_places_table,
    "glossary": glossary_table,
    "unstated": unstated_table,
}
