"""The exception tree. The CLI knows how to show each of these without a traceback."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from .messages import Text, fill, message, said


class Problem:
    """One thing wrong, said so a person can fix it: where, which field, what is wrong, how to fix it.

    `message` and `fix` are given as English templates whose `{name}` placeholders take the keyword
    arguments (`Problem(where, "routes", "{id!r} is not a route", "use one of: {known}", id=rid,
    known=...)`), so the same problem can be said in Dutch, French or English: `text(lang)`.
    `str()`, `.message` and `.fix` stay English, the language of logs and of the library's exceptions.
    """

    def __init__(self, where: str, field: str, message: str, fix: str = "", /, **args: object) -> None:
        self.where, self.field = where, field
        self.template, self.fix_template = message, fix
        self.args: Mapping[str, object] = args

    @property
    def message(self) -> str:
        return fill(self.template, self.args)

    @property
    def fix(self) -> str:
        return fill(self.fix_template, self.args)

    def parts(self, lang: str = "en") -> tuple[str, str]:
        """The message and the fix, in `lang`."""
        said = message(self.template, lang, **self.args) if self.template else ""
        return said, message(self.fix_template, lang, **self.args) if self.fix_template else ""

    def at(self, where: str, field: str) -> Problem:
        """The same problem at another place (for helpers that say what is wrong before they know where)."""
        return Problem(where, field, self.template, self.fix_template, **self.args)

    def text(self, lang: str = "en") -> str:
        """The one line the CLI prints: 'where: field: what is wrong (how to fix it)', in `lang`."""
        said, fix = self.parts(lang)
        if not self.field and not said:
            return self.where
        location = f"{self.where}: {self.field}" if self.field else self.where
        return f"{location}: {said}" + (f" ({fix})" if fix else "")

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.args.items())
        return f"Problem({self.where!r}, {self.field!r}, {self.template!r}, {self.fix_template!r}{extra})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.where, self.field, self.message, self.fix) == (other.where, other.field, other.message, other.fix)

    def __hash__(self) -> int:
        return hash((self.where, self.field, self.message, self.fix))


class Invalid(ValueError):
    """A value a model refuses, as a template with its values (a `ValueError`, so pydantic reports it). Pydantic
    keeps the exception in the error's `ctx`; `validation_problem` turns it back into a Problem said per language.

    `field` names the field of the model the problem is about, for a rule of the whole model (pydantic
    places it at the model: 'parameters.uren' becomes 'parameters.uren.default')."""

    def __init__(self, template: str, /, fix: str = "", *, field: str = "", **values: object) -> None:
        self.template, self.fix, self.field, self.values = template, fix, field, values
        super().__init__(fill(template, values))

    def at(self, where: str, field: str) -> Problem:
        """The refused value as a problem at a place: `field`, and within it the model's own field."""
        inner = f"{field}.{self.field}" if field and self.field else field or self.field
        return Problem(where, inner, self.template, self.fix, **self.values)


def validation_problem(where: str, field: str, error: Mapping[str, Any]) -> Problem:
    """One pydantic error as a Problem: an `Invalid` keeps its template; pydantic's own words are passed on
    (in English: they are not ours to translate)."""
    found = (error.get("ctx") or {}).get("error")
    if isinstance(found, Invalid):
        return found.at(where, field)
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return Problem(where, field, "{detail}", detail=message[:1].lower() + message[1:])


class SociaalAankopenError(Exception):
    """Base of every error the library raises on purpose."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        # Built from a list of Problems, one Problem or a string; anything else (None, a number, a list
        # of strings) is said as its text, as Exception(x) says it, not a TypeError while raising.
        if isinstance(problems, Problem):
            found = [problems]
        elif isinstance(problems, list | tuple):
            found = [p if isinstance(p, Problem) else Problem(str(p), "", "") for p in problems]
        else:
            found = [Problem(str(problems), "", "")]
        self.problems = found
        super().__init__("\n".join(self.lines()))

    def lines(self, lang: str = "en") -> list[str]:
        """One line per problem, in `lang` (English by default, as `str()` of the exception)."""
        return [p.text(lang) for p in self.problems]


class CatalogueError(SociaalAankopenError):
    """The catalogue has one or more problems."""


class ParameterError(SociaalAankopenError):
    """A clause parameter value is missing, unknown, of the wrong type or out of bounds."""


class TemplateError(SociaalAankopenError):
    """A clause template failed to render, or tried something the sandbox forbids."""


class TenderError(SociaalAankopenError):
    """A tender could not be read."""


class OutputError(SociaalAankopenError):
    """An output could not be written (for example, the file exists and --force was not given)."""


class SiteError(SociaalAankopenError):
    """The guide could not be built."""


class ObserveError(SociaalAankopenError):
    """The observatory cannot run as asked (a bad filter, an input that does not exist, an output that does)."""


def short_value(value: Any) -> Any:
    """A value as a problem quotes it: at most 40 characters (a pasted page, or a number of a thousand
    digits, is not repeated in full; Python will not even turn an int of 4,300 digits into text). A list or
    a mapping is written only as far as the 40 characters go: one of millions of values is never turned
    into text whole."""
    if _huge(value):
        return "…"
    text, cut = "", [False]
    for piece in _pieces(value, True, cut):
        text += piece
        if len(text) > 40:
            return text[:39] + "…"
    return text if cut[0] else value


def _huge(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15


_BRACKETS: tuple[tuple[type, str, str], ...] = (
    (list, "[", "]"),
    (tuple, "(", ")"),
    (dict, "{", "}"),
    (set, "{", "}"),
    (frozenset, "frozenset({", "})"),
)


def _pieces(value: Any, top: bool, cut: list[bool]) -> Iterator[str]:
    """The text of a value (`str` at the top, `repr` inside a container), piece by piece; a huge number
    inside is said as '…' (and `cut` set)."""
    if _huge(value):
        cut[0] = True
        yield "…"
        return
    brackets = next(((left, right) for kind, left, right in _BRACKETS if isinstance(value, kind)), None)
    if brackets is None:
        yield str(value) if top else repr(value)
        return
    yield brackets[0]
    for n, item in enumerate(value.items() if isinstance(value, dict) else value):
        if n:
            yield ", "
        if isinstance(value, dict):
            yield from _pieces(item[0], False, cut)
            yield ": "
            item = item[1]
        yield from _pieces(item, False, cut)
    yield brackets[1]


# --- the arguments of the public functions ----------------------------------------------------------
# A wrong type given to a public function is one problem that names the argument, the type given and
# what the argument takes (not a TypeError or AttributeError from deep inside). Checked at the public
# entry points only; what they call trusts them.

T = TypeVar("T")


def type_name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def wrong_type(
    where: str, field: str, value: object, expected: Text, kind: type[SociaalAankopenError] | None = None
) -> SociaalAankopenError:
    """The error to raise for an argument of the wrong type (a ParameterError unless `kind` says otherwise)."""
    return (kind or ParameterError)(wrong_type_problem(where, field, value, expected))


def wrong_type_problem(where: str, field: str, value: object, expected: Text) -> Problem:
    return Problem(where, field, "got {given}, expected {expected}", given=type_name(value), expected=expected)


def checked_type(value: object, types: type[T] | tuple[type[T], ...], where: str, field: str, expected: Text) -> T:
    """`value` when it is one of `types` (a bool is not an int); else a ParameterError."""
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _tuple(types)):
        raise wrong_type(where, field, value, expected)
    return value


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def checked_optional_text(value: object, where: str, field: str) -> str | None:
    """A text argument that may be None."""
    if value is None or isinstance(value, str):
        return value
    raise wrong_type(where, field, value, said("a text (str) or None"))


def checked_mapping(value: object, where: str, field: str, expected: Text) -> Mapping[Any, Any]:
    """A mapping argument; None is an empty one."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise wrong_type(where, field, value, expected)
    return value


def checked_ids(value: object, where: str, field: str, expected: Text) -> list[str]:
    """A collection of ids: a list, tuple or set of strings. A string alone is refused (it would be read
    one character at a time), as is a mapping; a wrong item is named by its position."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise wrong_type(where, field, value, expected)
    ids = list(value)
    problems = [
        wrong_type_problem(where, f"{field}[{n}]", item, said("an id (str)"))
        for n, item in enumerate(ids)
        if not isinstance(item, str)
    ]
    if problems:
        raise ParameterError(problems)
    return ids
