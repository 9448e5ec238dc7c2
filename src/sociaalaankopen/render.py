"""Render a clause text with checked parameter values, inside the Jinja2 sandbox."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.exceptions import SecurityError

from .characters import CONTROLS, escape_markdown
from .errors import ParameterError, Problem, TemplateError, checked_mapping, short_value, wrong_type
from .messages import Text, said, typed_language
from .model import LIMIT_JOIN, Clause, Parameter, SumLimit, text_heading
from .numbers import ambiguity, format_number, parse_number, usable
from .templates import LANG_VARIABLE, VALUE_END, VALUE_START, compile_template
from .typography import french_markdown, french_spacing
from .vocab import LANGUAGES, unit_label

if TYPE_CHECKING:
    from .catalogue import Catalogue

# A placeholder the buyer still has to fill in: '[naam van de opdracht]', and '[x]', '[…]' or '[2]' of one
# character too (not a Markdown link).
PLACEHOLDER_START, PLACEHOLDER_END = "\ue002", "\ue003"
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,160}\](?![(\[])")
_VALUE = re.compile(f"{VALUE_START}[^{VALUE_END}]*{VALUE_END}")
_LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s")
_LETTER_ITEM = re.compile(r"^\s*[a-z]\)\s")
# Around a text of the annex that exists in Dutch only (the guidance), in an annex in French or English:
# the HTML marks it lang="nl", the Word file sets its language, so a screen reader reads it as Dutch.
DUTCH_START, DUTCH_END = "\ue004", "\ue005"
MARKS = (VALUE_START, VALUE_END, PLACEHOLDER_START, PLACEHOLDER_END, DUTCH_START, DUTCH_END)

MAX_TEXT_VALUE = 2000  # characters: a text value is a phrase in a clause's sentence, not a document
_SPACE = re.compile(r"\s+")  # line breaks and tabs too (Word's Shift+Enter is a vertical tab): one space
_UNPRINTABLE = re.compile(f"[{CONTROLS}{''.join(MARKS)}]")  # and the marks a text must not forge


@dataclass(frozen=True)
class RenderedClause:
    """A clause text ready to paste: the language it is in says whether it fell back to Dutch."""

    clause: Clause
    lang: str
    text: str
    values: dict[str, Any]
    fell_back: bool
    # The same text with every printed value between VALUE_START and VALUE_END, and every
    # placeholder still to fill in between PLACEHOLDER_START and PLACEHOLDER_END.
    marked: str = ""


def separate_items(text: str) -> str:
    """Give each line of a list item's body its own paragraph.

    Clause texts write sub-items as '   a) …' under a numbered point. In Markdown such a line
    continues the paragraph above it, so 'a) … b) … c) …' would run together; a blank line before
    it keeps it a paragraph of its own inside the same numbered point."""
    out: list[str] = []
    for line in text.split("\n"):
        if (
            out
            and out[-1].strip()
            and line.strip()
            and (line.startswith("  ") or _LETTER_ITEM.match(line))
            and not _LIST_MARKER.match(line)
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


def mark_placeholders(text: str) -> str:
    return _PLACEHOLDER.sub(lambda m: f"{PLACEHOLDER_START}{m.group(0)}{PLACEHOLDER_END}", text)


def placeholders(rendered: RenderedClause) -> list[tuple[str | None, str]]:
    """The placeholders a rendered clause still holds, each once, in order: (the parameter whose value
    holds it, or None when the clause text itself does; the placeholder as the buyer sees it).

    A text parameter's default is often a placeholder ('[naam van de contactpersoon]') the buyer should
    replace; one the text does not print leaves no blank, so only the printed values count."""
    printed = [unmarked(span) for span in _VALUE.findall(rendered.marked)]
    # A value is printed escaped, and a French one with the text's spacing ('[explication\u00a0: …]').
    shown = french_spacing if rendered.lang == "fr" else str
    found: list[tuple[str | None, str]] = [
        (name, shown(held))
        for name, value in rendered.values.items()
        if isinstance(value, str)
        for held in placeholders_in(value)
        if any(shown(escape_markdown(held)) in span for span in printed)
    ]
    found += [(None, held) for held in placeholders_in(unmarked(_VALUE.sub(" ", rendered.marked)))]
    return list(dict.fromkeys(found))


def placeholders_in(text: str) -> list[str]:
    """The placeholders a text holds, each once, in order: a text value as the buyer typed it or left it
    at its default (the Compose page's hint), or a clause text."""
    return list(dict.fromkeys(held[0] for held in _PLACEHOLDER.finditer(text)))


def unmarked(text: str) -> str:
    """A marked text without its marks."""
    for mark in MARKS:
        text = text.replace(mark, "")
    return text


def bounds_text(
    param: Parameter, shown: Callable[[float], str], forms: tuple[str, str, str], lang: str = "nl"
) -> str | None:
    """A parameter's bounds in words, with its unit in `lang`: `forms` says both bounds, only the lowest and
    only the highest ('{low}–{high}', '≥ {low}', '≤ {high}'); None when it has no bounds."""
    low, high = param.bounds()
    unit = f" {unit_label(param.unit, lang)}" if param.unit else ""
    if low is not None and high is not None:
        return forms[0].format(low=shown(low), high=shown(high)) + unit
    if low is not None:
        return forms[1].format(low=shown(low)) + unit
    if high is not None:
        return forms[2].format(high=shown(high)) + unit
    return None


class _Unit(Text):
    """A parameter's unit, said in the language of the message it is part of (the catalogue writes it in Dutch)."""

    def text(self, lang: str) -> str:
        return f" {unit_label(self.template, lang)}"


# How a label is quoted inside a sentence, per language (it starts with a capital: 'Aantal percelen').
_QUOTES = {"nl": ("‘", "’"), "fr": ("« ", " »"), "en": ("‘", "’")}


def quoted(label: str, lang: str) -> str:
    """A parameter's label inside a sentence of `lang`: ‘Aantal percelen’, « Nombre de lots »."""
    start, end = _QUOTES.get(lang, _QUOTES["en"])
    return f"{start}{label}{end}"


class _Labels(Text):
    """Parameters named by their labels, quoted, in the language of the message they are part of."""

    def __init__(self, params: list[Parameter]) -> None:
        super().__init__(LIMIT_JOIN.join(p.label.nl for p in params))
        self.params = params

    def text(self, lang: str) -> str:
        return LIMIT_JOIN.join(quoted(p.label.get(lang), lang) for p in self.params)


class _Quantity(Text):
    """A value of a parameter with its unit, written in the language of the message (1.500.000 EUR,
    100,5 %, 12,50 euro)."""

    def __init__(self, value: float, param: Parameter) -> None:
        super().__init__(f"{value:g}")
        self.value, self.param = value, param

    def text(self, lang: str) -> str:
        shown = format_number(self.param.number(self.value), lang)
        return f"{shown} {unit_label(self.param.unit, lang)}" if self.param.unit else shown


class _Bound(Text):
    """A bound of a parameter, written as the language of the message writes numbers (2.000.000 in Dutch,
    2,000,000 in English; it read 2e+06)."""

    def __init__(self, value: float, param: Parameter) -> None:
        super().__init__(format_number(param.number(value), "en"))
        self.value, self.param = value, param

    def text(self, lang: str) -> str:
        return format_number(self.param.number(self.value), lang)


def _allowed(param: Parameter) -> Text:
    """What a parameter takes, said in the language of the problem it is shown in."""
    if param.type == "choice":
        return said("one of {choices}", choices=", ".join(param.choices or []))
    kind = said(
        "a whole number" if param.type == "integer" else "a percentage" if param.type == "percentage" else "an amount"
    )
    low, high = param.bounds()
    values = {
        "kind": kind,
        "low": _Bound(low, param) if low is not None else "",
        "high": _Bound(high, param) if high is not None else "",
    }
    values["unit"] = _Unit(param.unit) if param.unit else ""
    if low is not None and high is not None:
        return said("{kind} from {low} to {high}{unit}", **values)
    if low is not None:
        return said("{kind} of at least {low}{unit}", **values)
    if high is not None:
        return said("{kind} of at most {high}{unit}", **values)
    return kind


def coerce(clause: Clause, name: str, value: Any) -> Any:
    """Check one value against its declared parameter; return it in its proper type."""
    where = clause.id
    param = clause.parameters.get(name)
    if param is None:
        known = ", ".join(clause.parameters) or "none"
        raise ParameterError(
            Problem(where, name, "is not a parameter of this clause", "known parameters: {known}", known=known)
        )
    if param.type == "text":
        return clean_text_value(where, name, value)
    shown = short_value(str(value) if isinstance(value, Decimal) else value)  # '7', not Decimal('7')
    if param.type == "choice":
        # By its id, or by its label in any language: a French buyer types 'mensuel' for 'maandelijks'.
        choice = str(value) if str(value) in (param.choices or []) else param.choice_named(str(value))
        if shown == "…" or choice is None:
            raise ParameterError(
                Problem(where, name, "{value!r} is not allowed", "use {allowed}", value=shown, allowed=_allowed(param))
            )
        return choice
    not_a_number = Problem(
        where, name, "{value!r} is not a number", "use {allowed}", value=shown, allowed=_allowed(param)
    )
    if isinstance(value, bool):
        raise ParameterError(not_a_number)
    if isinstance(value, str):
        problem = ambiguity(where, name, value.strip(), shown)
        if problem:
            raise ParameterError(problem)
        found: int | float | None = parse_number(value)
    elif isinstance(value, int | float):
        if value != value:  # NaN, from JSON: it compares false with every bound
            raise ParameterError(not_a_number)
        found = value
    elif isinstance(value, Decimal):  # what a database driver or a spreadsheet library hands over
        if not value.is_finite():
            raise ParameterError(not_a_number)
        found = float(value)
    else:
        raise ParameterError(not_a_number)
    if found is None:
        raise ParameterError(not_a_number)
    number = usable(found)
    if number is None:
        raise ParameterError(Problem(where, name, "is too large", "use {allowed}", allowed=_allowed(param)))
    if param.type == "integer" and not number.is_integer():
        raise ParameterError(
            Problem(where, name, "{value} is not a whole number", "use {allowed}", value=shown, allowed=_allowed(param))
        )
    low, high = param.bounds()
    if (low is not None and number < low) or (high is not None and number > high):
        raise ParameterError(
            Problem(where, name, "{value} is out of range", "use {allowed}", value=shown, allowed=_allowed(param))
        )
    if number.is_integer():
        return int(number)
    if round(number, 2) != number:  # the texts say two decimals: a third would be stated rounded
        raise ParameterError(
            Problem(where, name, "{value} has more than two decimals", "round it to two decimals", value=shown)
        )
    return param.number(number)


def clean_text_value(where: str, name: str, value: object) -> str:
    """A text value as a clause prints it: its whitespace (line breaks too) one space. Refused when it
    is empty, too long, or holds a character no document can hold."""
    text = _SPACE.sub(" ", str(value)).strip()
    if not text:
        raise ParameterError(Problem(where, name, "is empty", "give a text value"))
    if len(text) > MAX_TEXT_VALUE:
        raise ParameterError(
            Problem(where, name, "is longer than {limit} characters", "shorten it", limit=MAX_TEXT_VALUE)
        )
    found = _UNPRINTABLE.search(text)
    if found:
        raise ParameterError(
            Problem(
                where,
                name,
                "holds an invisible control character (U+{code})",
                "type the value again without it",
                code=f"{ord(found[0]):04X}",
            )
        )
    return text


def clean_line(text: str) -> str:
    """A line of free text from a tender or a buyer (a title): its whitespace one space, and without
    the characters no document can hold and the marks of MARKS."""
    return _SPACE.sub(" ", _UNPRINTABLE.sub(" ", text)).strip()


def resolve_values(clause: Clause, values: Mapping[str, Any] | None = None, lang: str = "nl") -> dict[str, Any]:
    """The defaults in `lang`, overridden by checked values. Reports every wrong value at once."""
    resolved = clause.defaults(lang)
    problems: list[Problem] = []
    for name, value in (values or {}).items():
        try:
            resolved[name] = coerce(clause, name, value)
        except ParameterError as e:
            problems += e.problems
    wrong = {p.field for p in problems}  # a limit of a value already refused would be said on a guess
    problems += [
        found
        for limit in clause.sound_limits()
        if not wrong.intersection(limit.names())
        for found in _limit_problems(clause, limit, resolved)
    ]
    if problems:
        raise ParameterError(problems)
    return resolved


def _limit_problems(clause: Clause, limit: SumLimit, values: Mapping[str, Any]) -> list[Problem]:
    """What is wrong when values that are each allowed together break a limit of their clause: one
    problem, its field the parameters added up, joined by ' + ' (the web tool shows it beside each, and
    beside the parameter that bounds them: `bound_name`)."""
    broken = limit.broken_by(values)
    if broken is None:
        return []
    total, which, over = broken
    first = clause.parameters[limit.sum[0]]  # the parameters of a limit share one unit (catalogue.checks)
    bound = limit.bound(which, values)
    assert bound is not None
    args: dict[str, object] = {
        "total": _Quantity(total, first),
        "labels": _Labels([clause.parameters[n] for n in limit.sum]),
        "bound": _Quantity(bound, first),
        "bound_name": which if isinstance(which, str) else "",
    }
    where, field = clause.id, LIMIT_JOIN.join(limit.sum)
    if isinstance(which, str):  # bounded by another parameter
        args["other"] = _Labels([clause.parameters[which]])
        if over:
            return [
                Problem(
                    where,
                    field,
                    "{labels} ({total}) is more than {other} ({bound})",
                    "lower it to {bound} at most, or raise {other}",
                    **args,
                )
            ]
        return [
            Problem(
                where,
                field,
                "{labels} ({total}) is less than {other} ({bound})",
                "raise it to {bound} at least, or lower {other}",
                **args,
            )
        ]
    if over:
        return [
            Problem(
                where,
                field,
                "{labels} come to {total} together, more than {bound}",
                "lower them so that together they are at most {bound}",
                **args,
            )
        ]
    return [
        Problem(
            where,
            field,
            "{labels} come to {total} together, less than {bound}",
            "raise them so that together they are at least {bound}",
            **args,
        )
    ]


def render_text(
    source: str, values: Mapping[str, Any], where: str, first_line: int = 1, lang: str = "nl", marked: bool = False
) -> str:
    """Render one template in the sandbox; errors name the file and line."""
    try:
        template = compile_template(source, marked)
        return template.render({**values, LANG_VARIABLE: lang}).strip()
    except SecurityError as e:
        raise TemplateError(
            Problem(
                where,
                "template",
                "refused by the sandbox: {reason}",
                "clause templates may only use their parameters",
                reason=e,
            )
        ) from None
    except jinja2.TemplateSyntaxError as e:
        line = first_line + (e.lineno or 1) - 1
        raise TemplateError(
            Problem(
                f"{where}:{line}",
                "template",
                "syntax error: {reason}",
                "check the {{ }} and {% %} tags",
                reason=e.message,
            )
        ) from None
    except jinja2.UndefinedError as e:
        raise TemplateError(
            Problem(where, "template", "{reason}", "declare the variable as a parameter", reason=e.message)
        ) from None
    except jinja2.TemplateError as e:
        raise TemplateError(
            Problem(where, "template", "{reason}", "clause templates may only use their parameters", reason=e)
        ) from None
    except (TypeError, ValueError, ArithmeticError) as e:
        raise TemplateError(
            Problem(where, "template", "failed to render: {reason}", "check the expressions in the text", reason=e)
        ) from None


def checked_language(lang: object, where: str) -> str:
    """A language the clause texts and the annex are written in: nl, fr or en, in any case ('NL' is nl).
    Anything else is one ParameterError naming it and the accepted ones (not a KeyError deep inside)."""
    found = typed_language(lang) if isinstance(lang, str) else None
    if found is None:
        raise ParameterError(
            Problem(
                where,
                "lang",
                "{value!r} is not a supported language",
                "use one of {known}",
                value=short_value(lang),
                known=", ".join(LANGUAGES),
            )
        )
    return found


def render_clause(
    clause: Clause | str,
    lang: str = "nl",
    values: Mapping[str, Any] | None = None,
    *,
    catalogue: Catalogue | None = None,
) -> RenderedClause:
    """Render a clause's text in `lang` (falling back to Dutch) with checked parameter values.

    `clause` is a Clause or, with `catalogue`, a clause id. `lang` is nl, fr or en, in any case; another
    is a ParameterError.
    """
    if not isinstance(clause, Clause | str):
        raise wrong_type("render_clause", "clause", clause, said("a Clause or a clause id (str)"))
    lang = checked_language(lang, clause if isinstance(clause, str) else clause.id)
    values = checked_mapping(
        values,
        clause if isinstance(clause, str) else clause.id,
        "values",
        said("a mapping of parameter names to values"),
    )
    from .catalogue import Catalogue

    if catalogue is not None and not isinstance(catalogue, Catalogue):
        raise wrong_type("render_clause", "catalogue", catalogue, said("a Catalogue (Catalogue.load()) or None"))
    where_path: str | None = None
    if isinstance(clause, str):
        if catalogue is None:
            catalogue = Catalogue.load()
        clause = catalogue.clause(clause)
    heading_line = 1
    if catalogue is not None and clause.id in catalogue.clauses:
        origin = catalogue.origin("clause", clause.id)
        where_path = origin.path
    source = getattr(clause.text, lang, None)
    fell_back = not source
    used_lang = "nl" if fell_back else lang
    source = clause.text.get(used_lang)
    if catalogue is not None and where_path is not None:
        heading_line = catalogue.origin("clause", clause.id).section_lines.get(text_heading(used_lang), 1)
    resolved = resolve_values(clause, values, used_lang)
    where = where_path or clause.id
    text = separate_items(render_text(source, resolved, where, heading_line, used_lang))
    marked = mark_placeholders(separate_items(render_text(source, resolved, where, heading_line, used_lang, True)))
    if used_lang == "fr":  # the text and the values in it, as French sets its signs, on every face that shows it
        text, marked = french_markdown(text), french_markdown(marked)
    return RenderedClause(clause, used_lang, text, resolved, fell_back, marked)


def parse_assignments(items: list[str] | tuple[str, ...], clause_id: str) -> dict[str, str]:
    """Turn ['percentage=10', 'hours=500'] into a dict; a malformed item is a ParameterError."""
    values: dict[str, str] = {}
    problems = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            problems.append(Problem(clause_id, item, "is not of the form name=value", "write e.g. --set percentage=10"))
            continue
        if name.strip() in values and values[name.strip()] != value.strip():
            problems.append(
                Problem(clause_id, name.strip(), "is given twice, with two values", "give each parameter once")
            )
        values[name.strip()] = value.strip()
    if problems:
        raise ParameterError(problems)
    return values
