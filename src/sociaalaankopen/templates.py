"""The Jinja2 sandbox that clause templates run in, and the environment of the package's own HTML templates.

Catalogues may come from other organisations, so a template gets the immutable sandbox
(no attribute walks to Python internals, no mutation), no loader (no file access) and
StrictUndefined (a variable that was not declared is an error, never an empty string).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, meta, nodes, pass_context
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .characters import escape_markdown
from .numbers import MAX_DECIMALS, format_number

# The language a template is rendered in, passed under a name no parameter can have.
LANG_VARIABLE = "_lang"


# Around every value a template prints, in a marked rendering: the annex and the guide show the
# buyer at a glance which words came from a parameter. Private-use characters, never in a text.
VALUE_START, VALUE_END = "\ue000", "\ue001"


@pass_context
def _number(context: Context, value: object, decimals: int = 0) -> str:
    return format_number(value, context.get(LANG_VARIABLE) or "nl", decimals)


@pass_context
def _value(context: Context, value: object) -> str:
    # A value a clause template prints: data, never markup (the clause text around it is Markdown).
    # A number is written as the text's language writes it ('40,5', '1.000'), with or without `number`.
    return escape_markdown(format_number(value, context.get(LANG_VARIABLE) or "nl"))


@pass_context
def _marked_value(context: Context, value: object) -> str:
    return f"{VALUE_START}{_value(context, value)}{VALUE_END}"


@cache
def environment(marked: bool = False) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,  # clause texts are Markdown; each output format escapes on its own
        keep_trailing_newline=False,
        loader=None,
        # finalize runs on the result of every {{ expression }}, after its filters.
        finalize=_marked_value if marked else _value,
    )
    env.filters["number"] = _number
    # Nothing from the outside world: no globals such as range/lipsum/cycler/joiner/namespace.
    env.globals.clear()
    return env


def page_environment(package: str) -> Environment:
    """The environment of the HTML templates in `package`/templates (the guide, the web tool, the
    observatory's report): every value escaped, a name not given an error."""
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=True,  # every catalogue text is escaped; only rendered Markdown is marked safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates are package data; no stat() per page
    )


@lru_cache(maxsize=8192)
def compile_template(source: str, marked: bool = False) -> Template:
    """A compiled template, kept: the guide renders every clause, the annex some more than once.
    A marked template puts VALUE_START and VALUE_END around every value it prints.

    A construct a clause template may not use raises SecurityError: a loaded catalogue has none (its
    check refuses them), but a Clause built in code has not been through that check."""
    env = environment(marked)
    tree = _parse(env, source)
    for found in refusals(tree):
        construct = f"nesting deeper than {MAX_DEPTH} levels" if found.deep else found.construct
        raise SecurityError(f"{construct} (line {found.line}) is not allowed in a clause template")
    return env.from_string(tree)


def parse(source: str) -> nodes.Template:
    """Parse a template; raises jinja2.TemplateSyntaxError."""
    return _parse(environment(), source)


def _parse(env: Environment, source: str) -> nodes.Template:
    """Parse a template; what Jinja's parser cannot read without crashing is a syntax error too: a
    nesting so deep that the parser runs out of stack (`((((…))))`, `not not not …`), or a number of more
    digits than Python reads (4,300)."""
    try:
        return env.parse(source)
    except RecursionError:
        raise TemplateSyntaxError("the template is nested too deeply", 1) from None
    except ValueError as e:  # int('1000…0') in the lexer
        raise TemplateSyntaxError(f"a number cannot be read: {str(e).split(':')[0]}", 1) from None


def variables(source: str | nodes.Template) -> set[str]:
    """The variables a template (its source, or the template parsed) reads."""
    return set(meta.find_undeclared_variables(parse(source) if isinstance(source, str) else source))


# What a clause template may use (docs/catalogue.md, "Templates and parameters"): text, its parameters,
# {% if %}/{% elif %}/{% else %} and inline `a if b else c`, comparisons, and/or/not, constants and the
# `number` filter. The sandbox stops walks to Python internals but not `{% for i in "a"*3000000 %}` or
# `("a" * 4000000000)|length`: anything outside this list is refused before a template is ever rendered.
_ALLOWED = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Name,
    nodes.Const,
)
# How deep the nodes of a clause template may nest: the bundled texts need 6; a hundred nested {% if %}
# are more than Python can compile, and a deep tree more than a recursive walk of it can take.
MAX_DEPTH = 40
# Names Jinja gives a meaning of its own ({{ self }} prints the template's internals).
_RESERVED = frozenset({"self", "loop", "caller", "varargs", "kwargs", "super"})
_OPERATORS: dict[type[nodes.Node], str] = {
    nodes.Concat: "~",
    nodes.Neg: "-",
    nodes.Pos: "+",
    nodes.Getitem: "[…]",
    nodes.Slice: ":",
}
_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.FromImport: "from … import",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.Scope: "autoescape",
    nodes.ScopedEvalContextModifier: "autoescape",
    nodes.ExprStmt: "do",
}


@dataclass(frozen=True)
class Refusal:
    """A construct a clause template may not use: its line in the template and how it is written.
    `decimals` marks a `number` filter whose decimals are not a small whole number."""

    line: int
    construct: str
    decimals: bool = False
    deep: bool = False  # nested deeper than MAX_DEPTH


def _written(node: nodes.Node) -> str:
    """How a refused construct reads in a template: '{% for %}', '*', '.upper', '|length'."""
    if isinstance(node, nodes.Stmt):
        return "{% " + _STATEMENTS.get(type(node), type(node).__name__.lower()) + " %}"
    if isinstance(node, nodes.BinExpr):
        return node.operator
    if isinstance(node, nodes.Getattr):
        return f".{node.attr}"
    if isinstance(node, nodes.Call):
        return (_written(node.node) if isinstance(node.node, nodes.Getattr | nodes.Name) else "") + "(…)"
    if isinstance(node, nodes.Filter):
        return f"|{node.name}"
    if isinstance(node, nodes.Test):
        return f"is {node.name}"
    if isinstance(node, nodes.Name):
        return node.name
    return _OPERATORS.get(type(node), type(node).__name__)


def _is_number(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, int | float) and not isinstance(node.value, bool)


def _decimals_ok(node: nodes.Filter) -> bool:
    if node.kwargs or node.dyn_args or node.dyn_kwargs or len(node.args) > 1:
        return False
    if not node.args:
        return True
    arg = node.args[0]
    return isinstance(arg, nodes.Const) and type(arg.value) is int and 0 <= arg.value <= MAX_DECIMALS


def refusals(node: nodes.Node, depth: int = 0) -> Iterator[Refusal]:
    """Every construct of a parsed template that clause templates may not use, outermost first (what is
    inside a refused construct is not looked at: one problem per construct), and a nesting deeper than
    MAX_DEPTH (Python cannot compile it, and walking it could run out of stack)."""
    line = node.lineno or 1
    if depth > MAX_DEPTH:
        yield Refusal(line, "", deep=True)
        return
    if isinstance(node, nodes.Filter) and node.name == "number" and node.node is not None:
        if not _decimals_ok(node):
            yield Refusal(line, "|number(…)", decimals=True)
            return
        yield from refusals(node.node, depth + 1)
        return
    if isinstance(node, nodes.Neg | nodes.Pos) and _is_number(node.node):
        return  # a negative number
    if not isinstance(node, _ALLOWED) or (isinstance(node, nodes.Name) and node.name in _RESERVED):
        yield Refusal(line, _written(node))
        return
    for child in node.iter_child_nodes():
        yield from refusals(child, depth + 1)
