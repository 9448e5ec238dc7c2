"""Pydantic's errors about a catalogue file, said as problems: what is wrong and how to fix it, per language.

Pydantic names each error by a type ('too_short', 'list_type', 'date_parsing'…) with its values in `ctx`;
`WORDS` says each type the way the rest of the catalogue's problems are said, with a fix. A type not in
it is passed on in pydantic's own English words (a newer pydantic may add types). The errors of a value
that fits none of the types a field takes (`default: [1]`: not a number, not a text…) are one problem,
not one per type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import Problem, short_value, validation_problem
from ..messages import Text, said
from ..model import SECTIONS

_DATE = (said("{value!r} is not a date"), said("write a date as YYYY-MM-DD, e.g. 2026-02-28"))
_SET_OF_FIELDS = (said("is not a set of fields"), said("write its fields as 'name: value' lines, indented under it"))
_WHOLE = (said("{value!r} is not a whole number"), said("write a whole number, e.g. 10"))
_NUMBER = (said("{value!r} is not a number"), said("write a number, e.g. 12.5"))
_BOOL = (said("{value!r} is not true or false"), said("write true or false"))

# pydantic's error type -> (what is wrong, how to fix it); the placeholders are the error's `ctx` values
# and {value}, the value given.
WORDS: dict[str, tuple[Text, Text]] = {
    "too_short": (
        said("holds {actual_length} entries; it needs at least {min_length}"),
        said("list them as [first, second], or one '- entry' line each under it"),
    ),
    "too_long": (said("holds {actual_length} entries; it may hold {max_length}"), said("remove the extra entries")),
    "string_too_short": (said("is empty"), said("write a text")),
    "string_too_long": (said("is longer than {max_length} characters"), said("shorten it")),
    "list_type": (
        said("is not a list"),
        said("write a list: [first, second], or one '- entry' line each under it"),
    ),
    "dict_type": _SET_OF_FIELDS,
    "model_type": _SET_OF_FIELDS,
    "model_attributes_type": _SET_OF_FIELDS,
    "string_type": (
        said("{value!r} is not a text"),
        said("write a text; put it between quotes if it looks like a number, a date or yes/no"),
    ),
    "int_type": _WHOLE,
    "int_parsing": _WHOLE,
    "int_from_float": _WHOLE,
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": _NUMBER,
    "bool_type": _BOOL,
    "bool_parsing": _BOOL,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "greater_than_equal": (said("must be at least {ge}"), said("use a value of {ge} or more")),
    "greater_than": (said("must be more than {gt}"), said("use a value above {gt}")),
    "less_than_equal": (said("must be at most {le}"), said("use a value of {le} or less")),
    "less_than": (said("must be less than {lt}"), said("use a value below {lt}")),
    "extra_forbidden": (said("is not a known field"), said("remove it or check its spelling")),
    "string_pattern_mismatch": (
        said("{value!r} is not a valid id"),
        said("use lowercase letters, digits and single hyphens"),
    ),
}

# What a value of each type a field may take is called, for a value that fits none of them.
_KINDS: dict[str, Text] = {
    "int": said("a whole number"),
    "float": said("a number"),
    "str": said("a text"),
    "bool": said("true or false"),
    "Localized": said("a text per language"),
    "PartlyLocalized": said("a text per language"),
}
_FIELDS = said("a set of fields")


class _Joined(Text):
    """Texts said one after the other, with commas: the head of '{head} or {last}'."""

    def __init__(self, parts: Sequence[Text]) -> None:
        super().__init__(", ".join(p.template for p in parts))
        self.parts = list(parts)

    def text(self, lang: str) -> str:
        return ", ".join(p.text(lang) for p in self.parts)


def _either(expected: str) -> str | Text:
    """pydantic's list of allowed values ("1, 2 or 3") with its last "or" said in the problem's language."""
    head, sep, last = expected.rpartition(" or ")
    return said("{head} or {last}", head=head, last=last) if sep else expected


def _tag(part: object) -> bool:
    """Whether a part of an error's place names a type of a union rather than a field ('int', 'Parameter',
    'function-after[…]')."""
    return isinstance(part, str) and (part in _KINDS or part[:1].isupper() or "[" in part) and part != "[key]"


def _union_at(loc: Sequence[object]) -> int | None:
    return next((i for i, part in enumerate(loc) if _tag(part)), None)


def describe(error: Mapping[str, Any], kind: str, where: str) -> Problem:
    """One pydantic error about a catalogue file of `kind`, as a problem at its field."""
    loc = ".".join(str(p) for p in error["loc"])
    type_ = error["type"]
    if type_ == "missing":
        top = str(error["loc"][0]) if error["loc"] else ""
        heading = next((h for h, (n, lang) in SECTIONS[kind].items() if n == top and lang in (None, "nl")), None)
        if heading is not None:
            return Problem(where, loc, "is missing", "add a '## {heading}' section to the body", heading=heading)
        return Problem(where, loc, "is missing", "add it to the front matter")
    if type_ == "literal_error":
        expected = _either(str((error.get("ctx") or {}).get("expected", "")))
        value = short_value(error["input"])
        return Problem(where, loc, "{value!r} is not allowed", "use one of {expected}", value=value, expected=expected)
    words = WORDS.get(type_)
    if words is None:
        return validation_problem(where, loc, error)  # an `Invalid` of the model, or pydantic's English
    values = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, int | float | str)}
    values["value"] = short_value(error.get("input"))
    message, fix = words
    return Problem(
        where, loc, "{detail}", "{how}", detail=Text(message.template, **values), how=Text(fix.template, **values)
    )


def describe_all(errors: Sequence[Mapping[str, Any]], kind: str, where: str) -> list[Problem]:
    """The problems of pydantic's errors about one file: one per error, except that the errors of a value
    that fits none of the types its field takes are one problem ('is not a number or a text')."""
    unions: dict[tuple[object, ...], list[Mapping[str, Any]]] = {}
    for error in errors:
        at = _union_at(error["loc"])
        if at is not None:
            unions.setdefault(tuple(error["loc"][:at]), []).append(error)
    problems: list[Problem] = []
    done: set[tuple[object, ...]] = set()
    for error in errors:
        at = _union_at(error["loc"])
        prefix = tuple(error["loc"][:at]) if at is not None else None
        group = unions.get(prefix, []) if prefix is not None else []
        if prefix is None or len({e["loc"][len(prefix)] for e in group}) < 2:
            problems.append(describe(error, kind, where))
            continue
        if prefix in done:
            continue
        done.add(prefix)
        inner = [e for e in group if len(e["loc"]) > len(prefix) + 1]
        if inner:  # the value has the form of one of the types (a mapping) and fails inside it: say where
            for e in inner:
                problems.append(describe({**e, "loc": (*prefix, *e["loc"][len(prefix) + 1 :])}, kind, where))
            continue
        kinds = list(dict.fromkeys(_KINDS.get(str(e["loc"][len(prefix)]), _FIELDS) for e in group))
        if _KINDS["float"] in kinds and _KINDS["int"] in kinds:
            kinds.remove(_KINDS["int"])  # a number covers a whole number
        expected: Text = (
            said("{head} or {last}", head=_Joined(kinds[:-1]), last=kinds[-1]) if len(kinds) > 1 else kinds[0]
        )
        problems.append(
            Problem(
                where,
                ".".join(str(p) for p in prefix),
                "{value!r} is not {expected}",
                "write {expected}",
                value=short_value(group[0].get("input")),
                expected=expected,
            )
        )
    return problems
