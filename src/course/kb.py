"""The knowledge base: the article's facts as validated, typed data.

Nothing is read at import time. :func:`load` reads ``data/article.yaml`` (or another file) on first
use, validates it against the pydantic models below and caches the result. A malformed file raises
:class:`KnowledgeBaseError` whose message names the file, the item and the field.

Typical use::

    from course import kb
    base = kb.load()
    base.get_list("four_spirits").texts()   # the four spirits, in the article's order

What the course shows of it (tables, notes) is built in :mod:`course.authoring.tables`.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SectionId = Literal["editors_note", "lead", "tempering", "party_building", "integrity", "closing"]
DEFAULT_FILE = "article.yaml"


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is unreadable, malformed or inconsistent."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _nonblank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


class Sourced(_Model):
    """Anything that traces to the article: its section and a verbatim phrase from it."""

    section: SectionId
    anchor: str = Field(description="a short phrase copied verbatim from the article")
    unstated: str | None = Field(
        default=None, description="what the article names but does not spell out (our words)"
    )

    _check_anchor = field_validator("anchor")(_nonblank)


class Publication(_Model):
    title: str
    publisher: str
    channel: list[str]
    published: str
    editor: str
    series: str
    series_number: int
    series_number_anchor: str
    series_started: str
    series_started_anchor: str
    anchor: str

    @property
    def citation(self) -> str:
        """The citation in the form lessons print it."""
        return f"{self.publisher}，{self.published[:10]}，《{self.title}》"


class Section(_Model):
    id: SectionId
    number: int = Field(ge=0, description="the section's place in the article, from 0")
    title: str
    heading: bool = Field(
        default=True,
        description="the title is the article's own (编者按, the three headings); False where "
        "the article gives none and the title is the course's name for the part",
    )
    summary: str
    anchor: str


class Fact(Sourced):
    id: str
    topic: str
    value: str
    summary: str


class Item(_Model):
    """One entry of a list. ``section`` is inherited from its list when omitted."""

    id: str
    text: str
    anchor: str
    section: SectionId | None = None
    note: str | None = None
    form: str | None = None
    how: str | None = None

    _check_text = field_validator("text", "anchor")(_nonblank)


class FactList(Sourced):
    id: str
    title: str
    summary: str
    count: int | None = Field(
        default=None, description="the number of items the article itself states"
    )
    count_anchor: str | None = None
    open: bool = Field(
        default=False,
        description="the article ends the list with 等: it names these items and gives no "
        "number, so the course never states one",
    )
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> FactList:
        ids = [item.id for item in self.items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate item ids {dupes}")
        if self.count is not None:
            if self.open:
                raise ValueError("an open list ('open: true') has no count")
            if self.count_anchor is None:
                raise ValueError("'count' needs a 'count_anchor' quoting the article")
            if self.count != len(self.items):
                raise ValueError(
                    f"the article states {self.count} items but {len(self.items)} are listed"
                )
        # Items inherit the list's section (the model is frozen, so rebuild them).
        object.__setattr__(
            self,
            "items",
            [
                i if i.section else i.model_copy(update={"section": self.section})
                for i in self.items
            ],
        )
        return self

    def texts(self) -> list[str]:
        """The items' texts, in the article's order."""
        return [item.text for item in self.items]

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"list {self.id!r} has no item {item_id!r}")


class FrameworkPart(_Model):
    id: str
    symbol: Literal["4", "5", "0"]
    name: str
    requirement: str
    meaning: str
    anchor: str
    list_id: str | None = None


class Framework(Sourced):
    name: str
    parts: list[FrameworkPart] = Field(min_length=4, max_length=4)
    closing: str


class Person(Sourced):
    id: str
    name: str
    role: str


class Place(Sourced):
    id: str
    name: str
    role: str


class Term(Sourced):
    term: str
    explanation: str


class KnowledgeBase(_Model):
    schema_version: Literal[1]
    publication: Publication
    sections: list[Section] = Field(min_length=1)
    facts: list[Fact]
    lists: list[FactList]
    framework_4500: Framework
    people: list[Person]
    places: list[Place]
    glossary: list[Term]

    @model_validator(mode="after")
    def _references(self) -> KnowledgeBase:
        for kind, entries in (("facts", self.facts), ("lists", self.lists)):
            ids = [e.id for e in entries]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} ids {dupes}")
        list_ids = {lst.id for lst in self.lists}
        for part in self.framework_4500.parts:
            if part.list_id is not None and part.list_id not in list_ids:
                raise ValueError(f"framework part {part.id!r} names unknown list {part.list_id!r}")
        if self.framework_4500.closing not in {f.id for f in self.facts}:
            raise ValueError(
                f"framework closing names unknown fact {self.framework_4500.closing!r}"
            )
        return self

    # -- lookups ---------------------------------------------------------------------------------
    def get_list(self, list_id: str) -> FactList:
        for lst in self.lists:
            if lst.id == list_id:
                return lst
        raise KeyError(f"no list {list_id!r}; known: {', '.join(x.id for x in self.lists)}")

    def get_fact(self, fact_id: str) -> Fact:
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(f"no fact {fact_id!r}")

    def get_section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"no section {section_id!r}")

    def resolve(self, ref: str) -> Any:
        """Return the entry named by a reference such as ``lists.four_spirits``,
        ``lists.four_spirits.red_boat``, ``facts.motto``, ``framework_4500`` (the whole framework),
        ``framework_4500.five``, ``sections.lead``, ``people.miao_weilun``, ``places.nagqu`` or
        ``glossary.六个清``. Raises KeyError for an unknown reference."""
        kind, _, rest = ref.partition(".")
        if kind == "lists":
            list_id, _, item_id = rest.partition(".")
            lst = self.get_list(list_id)
            return lst.item(item_id) if item_id else lst
        if kind == "facts":
            return self.get_fact(rest)
        if kind == "framework_4500":
            if not rest:
                return self.framework_4500
            for part in self.framework_4500.parts:
                if part.id == rest:
                    return part
        if kind == "sections":
            return self.get_section(rest)
        named = {
            "people": (self.people, "id"),
            "places": (self.places, "id"),
            "glossary": (self.glossary, "term"),
        }
        if kind in named:
            entries, key = named[kind]
            for entry in entries:
                if getattr(entry, key) == rest:
                    return entry
        raise KeyError(f"unknown knowledge-base reference {ref!r}")

    def sourced_entries(self) -> list[tuple[str, str, str]]:
        """Every (reference, section, anchor) triple in the base, for checks against the article."""
        out = [("publication", "editors_note", self.publication.anchor)]
        out += [(f"sections.{s.id}", s.id, s.anchor) for s in self.sections]
        out += [(f"facts.{f.id}", f.section, f.anchor) for f in self.facts]
        for lst in self.lists:
            out.append((f"lists.{lst.id}", lst.section, lst.anchor))
            if lst.count_anchor:
                out.append((f"lists.{lst.id}#count", lst.section, lst.count_anchor))
            out += [
                (f"lists.{lst.id}.{i.id}", i.section or lst.section, i.anchor) for i in lst.items
            ]
        fw = self.framework_4500
        out.append(("framework_4500", fw.section, fw.anchor))
        out += [(f"framework_4500.{p.id}", fw.section, p.anchor) for p in fw.parts]
        out += [(f"people.{p.id}", p.section, p.anchor) for p in self.people]
        out += [(f"places.{p.id}", p.section, p.anchor) for p in self.places]
        out += [(f"glossary.{t.term}", t.section, t.anchor) for t in self.glossary]
        return out


# -- loading --------------------------------------------------------------------------------------
def _describe(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """Turn a pydantic location into words naming the item, e.g.
    ``lists[four_spirits] > items[2] (id 'old_tibet') > field 'anchor'``."""
    parts: list[str] = []
    node: Any = raw
    for i, key in enumerate(loc):
        is_last = i == len(loc) - 1
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            label = f"[{key}]"
            if isinstance(node, dict):
                name = node.get("id") or node.get("term")
                if name is not None:
                    label = f"[{key}] (id {name!r})"
            parts[-1] = parts[-1] + label if parts else label
        elif isinstance(node, dict):
            node = node.get(key)
            parts.append(f"field {key!r}" if is_last else str(key))
        else:
            parts.append(f"field {key!r}" if is_last else str(key))
    return " > ".join(parts) or "the top level"


def parse(raw: Any, source: str) -> KnowledgeBase:
    """Validate already-parsed data; ``source`` names the file in error messages."""
    if not isinstance(raw, dict):
        raise KnowledgeBaseError(
            f"{source}: expected a mapping at the top level, got {type(raw).__name__}"
        )
    try:
        return KnowledgeBase.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{source}: {exc.error_count()} problem(s) in the knowledge base:"]
        for err in exc.errors():
            where = _describe(raw, tuple(err["loc"]))
            lines.append(f"  - {where}: {err['msg']}")
        raise KnowledgeBaseError("\n".join(lines)) from None


def load_file(path: str | Path) -> KnowledgeBase:
    """Read, parse and validate a knowledge-base YAML file (not cached)."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeBaseError(
            f"{path}: cannot read the knowledge base: {exc.strerror}"
        ) from None
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise KnowledgeBaseError(f"{path}: not valid YAML{where}: {problem}") from None
    return parse(raw, str(path))


@functools.cache
def load() -> KnowledgeBase:
    """The course's knowledge base, loaded and validated on first call, then cached."""
    with resources.as_file(resources.files("course") / "data" / DEFAULT_FILE) as path:
        return load_file(path)
