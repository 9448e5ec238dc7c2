"""Every message the package can show exists in Dutch, French and English, with the same placeholders.

The templates are read out of the source with `ast`: the message and fix of each `Problem(...)` (and of
the readers' `error(...)`), and the template of each `message(...)` call. A template may be a string
literal or a choice between literals (`"a" if x else "b"`); anything else is reported, so that no
message can slip past this test by being built at run time.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from sociaalaankopen.messages import PLACEHOLDER

SOURCE = Path(__file__).parent.parent / "src" / "sociaalaankopen"
# Call name -> the positions of its English templates.
TEMPLATE_ARGUMENTS = {
    "Problem": (2, 3),
    "LibraryProblem": (2, 3),
    "message": (0,),
    "say": (0,),
    "usage_error": (0,),
    "said": (0,),
    "Invalid": (0, 1),  # the message and its fix
}
READER_ERROR = {"error": (1, 2)}  # readers/base.py: error(where, message, fix, field, **args)
# Functions that pass on a template they were given, and may name it by a variable.
FORWARDERS = {
    ("cli.py", "say"),
    ("cli.py", "usage_error"),
    ("errors.py", "parts"),
    ("messages.py", "text"),
    ("cli_language.py", "localise_help"),
    ("errors.py", "at"),
    ("errors.py", "validation_problem"),
    ("errors.py", "__init__"),
    ("readers/base.py", "error"),
    ("web/validation.py", "_said"),
    ("web/problems.py", "_api_fix"),
}


def _literals(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _calls(node: ast.AST, function: str) -> Iterator[tuple[ast.Call, str]]:
    """Every call under `node`, with the name of the innermost function it is in."""
    for child in ast.iter_child_nodes(node):
        inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
        if isinstance(child, ast.Call):
            yield child, inner
        yield from _calls(child, inner)


def extract() -> tuple[dict[str, list[str]], list[str]]:
    """(template -> the places it is used, the places whose template is not a literal)."""
    found: dict[str, list[str]] = {}
    unreadable: list[str] = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        tree = ast.parse(path.read_text("utf-8"))
        calls = dict(TEMPLATE_ARGUMENTS, **(READER_ERROR if relative.startswith("readers/") else {}))
        for node, name in _calls(tree, ""):
            if not (isinstance(node.func, ast.Name) and node.func.id in calls):
                continue
            for i in calls[node.func.id]:
                if i >= len(node.args):
                    continue
                place = f"{relative}:{node.lineno}"
                texts = _literals(node.args[i])
                if texts is None:
                    if (relative, name) not in FORWARDERS:
                        unreadable.append(place)
                    continue
                for text in texts:
                    if text:
                        found.setdefault(text, []).append(place)
    _extract_help(found, unreadable)
    return found, sorted(set(unreadable))


def _extract_help(found: dict[str, list[str]], unreadable: list[str]) -> None:
    """The help texts of the command line: `help=` of every option, and the docstring of every command."""
    tree = ast.parse((SOURCE / "cli.py").read_text("utf-8"))
    for node, function in _calls(tree, ""):
        texts = [kw.value for kw in node.keywords if kw.arg == "help"]
        if isinstance(node.func, ast.Name) and node.func.id == "_lang_option":
            texts += node.args[:1]
        for text in texts:
            literal = _literals(text)
            if literal is None:
                if function != "_lang_option":
                    unreadable.append(f"cli.py:{node.lineno}")
                continue
            for t in literal:
                found.setdefault(t, []).append(f"cli.py:{node.lineno}")
    for node in ast.walk(tree):
        decorated = isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in ("command", "group")
            for d in node.decorator_list
        )
        docstring = ast.get_docstring(node) if decorated else None  # type: ignore[arg-type]
        if docstring:
            found.setdefault(docstring, []).append(f"cli.py:{node.lineno}")


def table(lang: str) -> dict[str, object]:
    text = resources.files("sociaalaankopen").joinpath("data", "messages", f"{lang}.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def placeholders(text: str) -> set[str]:
    return {m[0] for m in PLACEHOLDER.finditer(text)}


TEMPLATES, UNREADABLE = extract()


def test_the_extractor_finds_the_messages_it_should() -> None:
    # One of each kind of call: a Problem, a reader's error, a CLI status line, a choice between two.
    assert "{id!r} is not a clause in the catalogue" in TEMPLATES
    assert "is a PDF, not text" in TEMPLATES
    assert "ok: {counts}" in TEMPLATES
    assert "is in use by another program" in TEMPLATES and "cannot be listened on: {reason}" in TEMPLATES
    assert "Show one clause, its text rendered with the defaults or with --set values." in TEMPLATES  # a docstring
    assert "Only this ambition level (1-3)." in TEMPLATES  # an option's help
    assert len(TEMPLATES) > 200


def test_every_message_template_is_a_literal() -> None:
    assert UNREADABLE == [], "write these templates as string literals, with the values as keyword arguments"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_message_has_a_translation(lang: str) -> None:
    translated = table(lang)["messages"]
    assert isinstance(translated, dict)
    missing = {t: places[0] for t, places in TEMPLATES.items() if t not in translated}
    assert missing == {}, f"add these to data/messages/{lang}.json"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_no_translation_is_left_over(lang: str) -> None:
    translated = table(lang)["messages"]
    assert isinstance(translated, dict)
    assert sorted(set(translated) - set(TEMPLATES)) == [], f"remove these from data/messages/{lang}.json"


def test_english_is_the_source_and_needs_no_table() -> None:
    assert table("en")["messages"] == {}


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_a_translation_keeps_every_placeholder(lang: str) -> None:
    translated = table(lang)["messages"]
    assert isinstance(translated, dict)
    differ = {
        t: (sorted(placeholders(t)), sorted(placeholders(said)))
        for t, said in translated.items()
        if placeholders(t) != placeholders(said)
    }
    assert differ == {}


def test_every_language_has_the_same_counted_nouns() -> None:
    nouns = {lang: table(lang)["nouns"] for lang in ("nl", "fr", "en")}
    assert all(isinstance(n, dict) for n in nouns.values())
    assert set(nouns["fr"]) == set(nouns["nl"]) == set(nouns["en"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "nl"),
        ({"LANG": "C.UTF-8"}, "nl"),
        ({"LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "nl_BE.UTF-8"}, "nl"),
        ({"LANGUAGE": "de:en", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "nl"),
        ({"SOCIAALAANKOPEN_LANG": "fr", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"SOCIAALAANKOPEN_LANG": "xx", "LANG": "en_GB.UTF-8"}, "en"),
    ],
)
def test_the_default_language_comes_from_the_variable_then_the_locale(environ: dict[str, str], lang: str) -> None:
    from sociaalaankopen.messages import default_language

    assert default_language(environ) == lang


def test_a_problem_is_said_in_each_language() -> None:
    from sociaalaankopen.errors import Problem

    p = Problem("clauses/x.md", "routes", "{id!r} is not a route", "use one of: {known}", id="r9", known="a, b")
    assert str(p) == "clauses/x.md: routes: 'r9' is not a route (use one of: a, b)"
    assert p.text("nl") == "clauses/x.md: routes: 'r9' is geen route (gebruik een van: a, b)"
    assert p.text("fr") == "clauses/x.md: routes: 'r9' n'est pas une voie (utilisez l'un de ces choix\u00a0: a, b)"
    assert p.message == "'r9' is not a route" and p.fix == "use one of: a, b"


def test_french_messages_set_their_signs_with_no_break_spaces() -> None:
    """A French message never lets a line break before : ; ! ? » or after «; the values it shows (a path,
    a quoted value, an address) and the 'where: field:' of a problem line stay as written, for scripts."""
    import re

    from sociaalaankopen.errors import Problem
    from sociaalaankopen.messages import message, translations

    loose = re.compile(r"\S [:;!?»]|« \S")
    assert [t for t in translations("fr") if loose.search(message(t, "fr"))] == []
    assert message("Parameters:", "fr") == "Paramètres\u00a0:"
    assert message("use one of: {known}", "fr", known="a : b") == "utilisez l'un de ces choix\u00a0: a : b"
    p = Problem("x.md", "values", "still holds text in brackets to fill in: {placeholders}", placeholders="[a]")
    assert p.text("fr") == "x.md: values: contient encore du texte entre crochets à compléter\u00a0: [a]"
    assert message("{id} has no {language} text; showing the Dutch text", "nl", id="x", language="Franse") == (
        "x heeft geen Franse-tekst; de Nederlandse tekst wordt getoond"
    )


def test_braces_that_name_no_value_are_shown_as_written() -> None:
    from sociaalaankopen.messages import fill

    assert fill("check the {{ }} and {% %} tags near {name}", {"name": "x"}) == "check the {{ }} and {% %} tags near x"


def _click_messages() -> set[str]:
    """Every message click translates: the literal arguments of its `_()` and `ngettext()` calls."""
    import click

    found: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    assert 'extra["required"] = "required"' in (Path(click.__file__).parent / "core.py").read_text("utf-8")
    return found | {"required"}  # core.py says it through a variable: _(extra["required"])


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_click_translations_are_messages_click_still_has(lang: str) -> None:
    translated = table(lang)["click"]
    assert isinstance(translated, dict)
    assert sorted(set(translated) - _click_messages()) == [], "click changed these messages: update the table"
    assert {t: s for t, s in translated.items() if placeholders(t) != placeholders(s)} == {}
    # The usage errors and help headings a user meets most.
    assert {
        "Usage:",
        "No such option {name!r}.",
        "Missing argument",
        "Invalid value for {param_hint}: {message}",
    } <= set(translated)
