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
}
READER_ERROR = {"error": (1, 2)}  # readers/base.py: error(where, message, fix, field, **args)
# Functions that pass on a template they were given, and may name it by a variable.
FORWARDERS = {
    ("cli.py", "say"),
    ("cli.py", "usage_error"),
    ("errors.py", "parts"),
    ("messages.py", "text"),
    ("errors.py", "at"),
    ("errors.py", "__init__"),
    ("readers/base.py", "error"),
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
    return found, sorted(set(unreadable))


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
    assert p.text("fr") == "clauses/x.md: routes: 'r9' n'est pas une voie (utilisez l'un de ces choix : a, b)"
    assert p.message == "'r9' is not a route" and p.fix == "use one of: a, b"


def test_braces_that_name_no_value_are_shown_as_written() -> None:
    from sociaalaankopen.messages import fill

    assert fill("check the {{ }} and {% %} tags near {name}", {"name": "x"}) == "check the {{ }} and {% %} tags near x"
