"""The answers file format (``schema_version`` 1), its names and its limits, defined once.

::

    {"schema_version": 1,
     "answers": {"<question id>": {
         "question_id": "<question id>", "type": "single", "answer": <last answer>,
         "correct": true | false | null, "score": 0.0-1.0 | null,   # null: recorded without a key
         "attempts": [{"answer": ..., "correct": ..., "score": ..., "at": "2026-01-01T08:00:00Z"}]}}}

This is exactly what the quiz widgets write (through :class:`~course.answers.store.AnswerStore`).
:func:`decode` and :func:`validate` accept nothing else: every field is typed (strictly: ``1`` is
not ``true``, ``"1"`` is not a number), unknown fields are refused, and the generic JSON limits
(size, nesting, no ``NaN``, no duplicate key) are checked before a value is built, so that a
hostile file gets a reason instead of a ``RecursionError``. What an answer must look like for a
given question type is checked above this layer, by the question types.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, JsonValue, ValidationError

SCHEMA_VERSION = 1
ANSWERS_FILE = "answers.json"  # a graded quiz's answers, beside its notebook; submitted with it
PRACTICE_FILE = "practice.json"  # the practice store (see store.default_practice_path)
#: An answers file is a few hundred KB at most (about 200 bytes per attempt); a file beyond this
#: is refused unread, and a write that would pass it fails, so the store never outgrows its reader.
MAX_BYTES = 8 * 1024 * 1024
#: The file itself nests 5 levels deep and an answer 2 more (a matching's mapping of lists).
MAX_DEPTH = 32

_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")
#: A JSON string, or a run of anything that is neither a string nor a bracket.
_NOT_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^"\[\]{}]+', re.S)
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_PYDANTIC_TYPE = re.compile(r" or instance of \w+")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class AnswersFileError(ValueError):
    """An answers file is unusable; ``str(error)`` says why, in English, naming the field."""


def utc_now() -> str:
    """The current UTC time as the file stores it (``2026-01-01T08:00:00.000000Z``)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _utc_time(value: str) -> str:
    if not _UTC.match(value):
        raise ValueError("expected a UTC time such as 2026-01-01T08:00:00Z")
    dt.datetime.fromisoformat(value)  # a real date and time (ValueError: month 13...)
    return value


UtcTime = Annotated[str, AfterValidator(_utc_time)]
Score = Annotated[float, Field(ge=0, le=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Attempt(_Strict):
    """One answer given: the answer, its verdict (None without a key) and when (UTC)."""

    answer: JsonValue
    correct: bool | None
    score: Score | None
    at: UtcTime


class Record(_Strict):
    """A question's record: its current (last) answer and verdict, and every attempt."""

    question_id: Annotated[str, Field(min_length=1, max_length=200)]
    type: Annotated[str, Field(min_length=1, max_length=50)]
    answer: JsonValue
    correct: bool | None
    score: Score | None
    attempts: Annotated[list[Attempt], Field(min_length=1)]


class AnswersFile(_Strict):
    """A whole answers file (see the module docstring)."""

    schema_version: int
    answers: dict[Annotated[str, Field(min_length=1, max_length=200)], Record]


def empty() -> dict[str, Any]:
    """A new, empty file's content (a new dict)."""
    return {"schema_version": SCHEMA_VERSION, "answers": {}}


def _depth(text: str) -> int:
    """How deeply the JSON ``text`` nests arrays and objects (strings skipped)."""
    brackets = _NOT_BRACKET.sub("", text)  # an unterminated string's quote may remain: step 0
    return max(itertools.accumulate(map(_STEP.get, brackets, itertools.repeat(0)), initial=0))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise AnswersFileError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise AnswersFileError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise AnswersFileError(f"{text} is out of range for a number")
    return value


def decode(raw: bytes) -> Any:
    """The JSON value in ``raw``; raises :class:`AnswersFileError` for text that is not UTF-8,
    not JSON, nested deeper than :data:`MAX_DEPTH`, or holding ``NaN``/``Infinity``, a number
    out of range, a string that is not Unicode text or a duplicate key. ``raw`` is assumed to be within :data:`MAX_BYTES` (the reader checks)."""
    if not raw.strip():
        raise AnswersFileError("empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = exc.object[exc.start]
        raise AnswersFileError(
            f"not UTF-8 text (byte 0x{byte:02x} at offset {exc.start})"
        ) from None
    if _depth(text) > MAX_DEPTH:
        raise AnswersFileError(f"nested too deeply (more than {MAX_DEPTH} levels)")
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant, parse_float=_finite
        )
    except AnswersFileError:
        raise
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise AnswersFileError(f"not usable JSON ({str(exc).split(':')[0]})") from None
    if _SURROGATE_ESCAPE.search(text):  # only a \u escape can make a string that is not text
        try:
            encode(data)
        except UnicodeEncodeError:
            raise AnswersFileError("a string holds a lone surrogate (not Unicode text)") from None
    return data


def _field(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(top level)"


def validate(data: Any) -> AnswersFile:
    """``data`` (a decoded JSON value) checked against the schema; raises
    :class:`AnswersFileError` naming the first wrong field. ``data`` is not changed."""
    if not isinstance(data, dict):
        raise AnswersFileError(f"not a JSON object (a {type(data).__name__})")
    version = data.get("schema_version")
    if "schema_version" not in data:
        raise AnswersFileError("schema_version is missing")
    if type(version) is not int or version != SCHEMA_VERSION:
        raise AnswersFileError(
            f"schema_version {json.dumps(version)} is not supported "
            f"(this course reads {SCHEMA_VERSION})"
        )
    try:
        content = AnswersFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        message = _PYDANTIC_TYPE.sub("", first["msg"])
        raise AnswersFileError(f"field {_field(first)}: {message}{more}") from None
    for key, record in content.answers.items():
        if record.question_id != key:
            raise AnswersFileError(
                f"field answers.{key}.question_id: {record.question_id!r} is not its key"
            )
    return content


def parse(raw: bytes) -> tuple[dict[str, Any], AnswersFile]:
    """Decode and validate ``raw``: the plain content (a new dict, as stored) and its model.
    Raises :class:`AnswersFileError`."""
    data = decode(raw)
    return data, validate(data)


def encode(data: dict[str, Any]) -> bytes:
    """The bytes stored for ``data`` (not changed): indented, keys sorted, UTF-8."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
