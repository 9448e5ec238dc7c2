"""The Jinja2 sandbox that clause templates run in, and the environment of the package's own HTML templates.

Catalogues may come from other organisations, so a template gets the immutable sandbox
(no attribute walks to Python internals, no mutation), no loader (no file access) and
StrictUndefined (a variable that was not declared is an error, never an empty string).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, meta, nodes, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .numbers import format_number

# The language a template is rendered in, passed under a name no parameter can have.
LANG_VARIABLE = "_lang"

# Around every value a template prints, in a marked rendering: the annex and the guide show the
# buyer at a glance which words came from a parameter. Private-use characters, never in a text.
VALUE_START, VALUE_END = "\ue000", "\ue001"


@pass_context
def _number(context: Context, value: object, decimals: int = 0) -> str:
    return format_number(value, context.get(LANG_VARIABLE) or "nl", decimals)


# What Markdown reads as markup anywhere in a line, and what it reads as a block at a line's start.
# Brackets stay: '[naam van de opdracht]' is a placeholder (render.py); a link needs '](' or '][' too.
_MARKUP = re.compile(r"([\\`*_<>|~&#])")
_LINK = re.compile(r"\]([(\[])")
_BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])(?=\s|$)|^(\s*)([-+=])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """A text to put into Markdown so that it shows as written: a buyer's value or title makes no
    emphasis, link, HTML, heading or list of its own ('# Kop', '<script>', '1. a')."""
    escaped = _LINK.sub(r"]\\\1", _MARKUP.sub(r"\\\1", text))
    return _BLOCK_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", escaped)


def _value(value: object) -> str:
    # A value a clause template prints: data, never markup (the clause text around it is Markdown).
    return escape_markdown(str(value))


def _marked_value(value: object) -> str:
    return f"{VALUE_START}{_value(value)}{VALUE_END}"


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
    A marked template puts VALUE_START and VALUE_END around every value it prints."""
    return environment(marked).from_string(source)


def parse(source: str) -> nodes.Template:
    """Parse a template; raises jinja2.TemplateSyntaxError."""
    return environment().parse(source)


def variables(source: str) -> set[str]:
    """The variables a template reads."""
    return set(meta.find_undeclared_variables(parse(source)))
