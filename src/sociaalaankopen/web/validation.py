"""A request that does not fit its schema, said for people: one problem per field, in the library's words.

Pydantic reports a value that fits no branch of a union once per branch (`values.x.str`, `.int`,
`.float`) and its messages quote regular expressions; a person sending the request needs one line per
field, what is wrong with it and how to fix it, in the language the answer is in. Each error type
pydantic gives for the API's models is said here as a message template (translated like every other,
see messages.py); an `Invalid` raised by a model keeps its own template.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from ..errors import Invalid, Problem, short_value, validation_problem
from ..messages import Text, said
from .models import CPV_CODE_PATTERN, CPV_PATTERN, FIELD_PATTERN, TEXT_PATTERN

# A step of pydantic's error location that names a branch of a union, not a field: 'str', 'int',
# "literal['nl','fr','en']", 'none', 'function-after[…]', 'constrained-str' (a text with a pattern), a model's
# class name.
_BRANCH = re.compile(
    r"^(str|int|float|bool|none|bytes|constrained-\w+|(literal|list|dict|function-\w+|tagged-union)\[.*\]|[A-Z]\w*)$"
)
# Where a parameter sits, which the field path does not repeat.
_PLACES = ("body", "query", "path", "header")
_BOUNDS = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")

_NUMBER = (said("should be a whole number"), said("give it as a number without quotes, for example 5"))
_DECIMAL = (said("should be a number"), said("give it as a number without quotes, for example 40"))
_TRUTH = (said("should be true or false"), said("give true or false, without quotes"))
# JSON nested deeper than the parser goes: valid JSON, so not "is not valid JSON (line 1, column 211)".
_TOO_DEEP = (said("is nested too deeply"), said("send a flat JSON object, as /api/v1/openapi.json describes it"))
# A query parameter given with no value (`?ambition=`): not "a number without quotes", there are none.
_EMPTY_QUERY = (said("is empty"), said("leave the parameter out, or give it a value"))
_OBJECT = (said("should be a JSON object"), said("give its fields between { and }"))
_NOT_ONE_OF = (said("{value} is not one of the values it takes"), said("use one of: {expected}"))

# Pydantic's error type -> (what is wrong, how to fix it); the context of the error fills the placeholders.
SAID: dict[str, tuple[Text, Text]] = {
    "missing": (said("is missing"), said("add it to the request")),
    "extra_forbidden": (
        said("is not a field of this request"),
        said("leave it out; /api/v1/openapi.json lists the fields each request takes"),
    ),
    "string_type": (said("should be a text"), said('give it between quotes, for example "groen"')),
    "int_type": _NUMBER,
    "int_parsing": _NUMBER,
    "int_from_float": _NUMBER,
    "float_type": _DECIMAL,
    "float_parsing": _DECIMAL,
    "bool_type": _TRUTH,
    "bool_parsing": _TRUTH,
    "list_type": (said("should be a list"), said('give it between [ and ], for example ["77310000"]')),
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "literal_error": _NOT_ONE_OF,
    "enum": _NOT_ONE_OF,
    "greater_than_equal": (said("{value} is too small"), said("use {ge} or more")),
    "less_than_equal": (said("{value} is too large"), said("use {le} or less")),
    "greater_than": (said("{value} is too small"), said("use more than {gt}")),
    "less_than": (said("{value} is too large"), said("use less than {lt}")),
    "string_too_long": (
        said("is longer than {max_length} characters"),
        said("shorten it to {max_length} characters"),
    ),
    "too_long": (said("holds more than {max_length} items"), said("give {max_length} at most")),
    "too_short": (said("holds fewer than {min_length} items"), said("give {min_length} at least")),
    "string_too_short": (said("is empty"), said("give a value")),
    "json_invalid": (
        said("is not valid JSON (line {line}, column {column})"),
        said("send one JSON object, as /api/v1/openapi.json describes it"),
    ),
    "none_required": (said("cannot be given here"), said("leave it out")),
}
_NOT_A_CPV_CODE = (said("{value} is not a CPV code"), said("use 8 digits, e.g. 77310000"))
_PATTERNS: dict[str, tuple[Text, Text]] = {
    "empty": (said("is empty"), said("give a title or a description of the purchase")),
    "nul": (said("holds a NUL character"), said("remove it: a tender text is plain text")),
    CPV_PATTERN: _NOT_A_CPV_CODE,
    CPV_CODE_PATTERN: _NOT_A_CPV_CODE,
}
_NOT_A_FIELD = (said("is not a field of this request"), said("use one of: {known}"))
_ANY = (said("is not valid"), said("/api/v1/openapi.json says what this field takes"))
_NUMBER_OR_TEXT = (
    said("should be a number or a text"),
    said('give a number without quotes (40) or a text between quotes ("40")'),
)


def request_problems(
    errors: Sequence[Mapping[str, Any]],
    where: str = "request",
    model: type[BaseModel] | None = None,
    also: Sequence[str] = (),
) -> list[Problem]:
    """One problem per field of the request (a union's branches are one field), in the order pydantic found
    them. With the `model` of the body, a field it does not know is answered with the fields it does."""
    fields: dict[str, list[Mapping[str, Any]]] = {}
    for error in errors:
        steps = [str(s) for s in error.get("loc", ()) if s not in _PLACES and not _BRANCH.match(str(s))]
        fields.setdefault(".".join(steps), []).append(error)
    problems = []
    for field, found in fields.items():
        known = []
        if model is not None and found[0]["type"] == "extra_forbidden":
            inside = field.split(".")[:-1]
            known = _known_fields(model, inside) + ([] if inside else list(also))
        if known:
            problems.append(_said(where, field, _NOT_A_FIELD, {"known": ", ".join(known)}))
        elif (found[0].get("loc") or ("",))[0] == "query" and found[0].get("input") == "":
            problems.append(_said(where, field, _EMPTY_QUERY, {}))
        else:
            problems.append(_problem(where, field, found))
    return problems


def _known_fields(model: type[BaseModel], steps: Sequence[str]) -> list[str]:
    """The fields of the object at `steps` in a body of `model` ('tender' -> the fields of a tender);
    a list's index steps into its items."""
    current: type[BaseModel] | None = model
    for step in steps:
        if step.isdigit() or current is None:
            continue
        field = current.model_fields.get(step)
        current = _model_in(field.annotation) if field is not None else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation holds: `TenderIn | None`, `list[DraftChoice]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for a in typing.get_args(annotation) if (m := _model_in(a)) is not None), None)


def _problem(where: str, field: str, errors: list[Mapping[str, Any]]) -> Problem:
    if len(errors) > 1:
        # A union: 'should be None' is the branch of an optional value, not what the sender meant.
        errors = [e for e in errors if e["type"] != "none_required"] or errors
    types = {e["type"] for e in errors}
    if len(types) > 1 and types <= {"string_type", "int_type", "float_type"}:
        return _said(where, field, _NUMBER_OR_TEXT, {})
    error = errors[0]
    invalid = (error.get("ctx") or {}).get("error")
    if isinstance(invalid, Invalid):
        return validation_problem(where, field, error)
    context = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, str | int | float)}
    kind = error["type"]
    given = error.get("input")
    # A number out of bounds is shown as a number, also when it came as the text of a query parameter.
    context["value"] = str(given) if kind in _BOUNDS and isinstance(given, str) else _shown(given)
    if kind == "string_pattern_mismatch":
        pattern = context.get("pattern")
        if pattern in (TEXT_PATTERN, FIELD_PATTERN):
            pattern = "nul" if "\x00" in str(error.get("input")) else "empty"
        return _said(where, field, _PATTERNS.get(str(pattern), _ANY), context)
    if kind in ("literal_error", "enum"):
        context["expected"] = str(context.get("expected", "")).replace(" or ", ", ")
    if kind == "json_invalid" and "recursion limit" in str(context.get("error", "")):
        return _said(where, "body", _TOO_DEEP, {})
    if kind == "json_invalid":
        found = re.search(r"line (\d+) column (\d+)", str(context.get("error", "")))
        context["line"], context["column"] = found.groups() if found else ("1", "1")
    return _said(
        where, field or ("body" if kind in ("json_invalid", "model_type") else ""), SAID.get(kind, _ANY), context
    )


def _said(where: str, field: str, words: tuple[Text, Text], context: Mapping[str, object]) -> Problem:
    message, fix = words
    return Problem(where, field, message.template, fix.template, **context)


def _shown(value: Any) -> str:
    """A given value as a message quotes it: JSON-like, and cut short."""
    return str(short_value(json.dumps(value, ensure_ascii=False, default=str)))
