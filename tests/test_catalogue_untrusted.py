"""A catalogue from elsewhere is untrusted input: whatever a file holds, loading it gives one line per problem
(the file, the field, what is wrong, how to fix it), never a traceback, and no line that blames a file
that is correct."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import minimal_clause
from sociaalaankopen import Catalogue, CatalogueError
from sociaalaankopen.cli import cli
from test_catalogue import EXAMPLE, SECTOR


def problems(root: Path, lang: str = "en") -> list[str]:
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(root)
    return info.value.lines(lang)


def three_clauses(**replace: str) -> dict[str, str]:
    """A catalogue of three clauses, a sector and an example; `replace` changes the first clause."""
    return {
        "proef.md": minimal_clause(**replace),
        "proef-twee.md": minimal_clause("proef-twee"),
        "proef-drie.md": minimal_clause("proef-drie"),
        "sectors/groen.md": SECTOR,
        "examples/voorbeeld.md": EXAMPLE,
    }


# --- 1a: values YAML reads but Python cannot make ----------------------------------------------------


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            {"reviewed: 2026-11-28": "reviewed: 2026-02-30"},
            ":22: reviewed: '2026-02-30' is not a date that exists",
        ),
        (
            {"reviewed: 2026-11-28": "reviewed: 2026-13-45"},
            ":22: reviewed: '2026-13-45' is not a date that exists",
        ),
        (
            {"reviewed: 2026-11-28": "reviewed: 2026-11-30T25:00:00"},
            ":22: reviewed: '2026-11-30T25:00:00' is not a date that exists",
        ),
        ({"{nl: Titel,": "{nl: 2026-02-30,"}, ":7: title.nl: '2026-02-30' is not a date that exists"),
    ],
)
def test_a_date_that_does_not_exist_is_one_line_at_its_field(tmp_catalogue, replace, expected):
    root = tmp_catalogue({"proef.md": minimal_clause(**replace)})
    assert problems(root) == [
        f"{root / 'proef.md'}{expected} (write a real date as YYYY-MM-DD, e.g. 2026-02-28)",
    ]


def test_a_number_of_thousands_of_digits_is_one_line(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"ambition: 1": "ambition: 1" + "0" * 5000})})
    assert problems(root) == [
        f"{root / 'proef.md'}:5: ambition: is a number of more than 15 digits (1000000000000000000…) "
        "(write a smaller number, or quote it if it is a text)"
    ]


def test_a_number_of_thousands_of_digits_in_a_template_is_one_line(tmp_catalogue):
    source = "{% if uren > 1" + "0" * 5000 + " %}veel{% endif %}"
    root = tmp_catalogue({"proef.md": minimal_clause(**{"presteert {{ uren }} uur.": f"presteert {source} uur."})})
    [line] = problems(root)
    assert line.startswith(f"{root / 'proef.md'}:27: text.nl: template syntax error: a number cannot be read")


@pytest.mark.parametrize(
    "source",
    [
        "{% if uren > 1 %}" * 250 + "x" + "{% endif %}" * 250,
        "{{ " + "(" * 3000 + "uren" + ")" * 3000 + " }}",
        "{{ " + "not " * 1000 + "uren }}",
    ],
)
def test_a_template_nested_too_deeply_for_the_parser_is_one_line(tmp_catalogue, source):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"presteert {{ uren }} uur.": f"{{{{ uren }}}} {source}"})})
    assert problems(root) == [
        f"{root / 'proef.md'}:27: text.nl: template syntax error: the template is nested too deeply "
        "(check the {{ }} and {% %} tags)"
    ]


def test_a_template_nested_deeper_than_python_compiles_is_one_line(tmp_catalogue):
    # 60 nested {% if %}: Jinja parses them, but Python cannot compile the code Jinja makes of them.
    source = "{% if uren > 1 %}" * 60 + "{{ uren }}" + "{% endif %}" * 60
    root = tmp_catalogue({"proef.md": minimal_clause(**{"presteert {{ uren }} uur.": source})})
    assert problems(root) == [
        f"{root / 'proef.md'}:27: text.nl: nests its tags and expressions more than 40 levels deep "
        "(write the conditions one after the other instead of inside each other)"
    ]


def test_the_command_line_prints_no_traceback_and_exits_1(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"reviewed: 2026-11-28": "reviewed: 2026-02-30"})})
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        f"error: {root / 'proef.md'}:22: reviewed: '2026-02-30' is geen bestaande datum "
        "(schrijf een bestaande datum als JJJJ-MM-DD, bv. 2026-02-28)"
    ]


# --- 2: a clause text that can never render ----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ('{% if uren > "30" %}veel{% endif %}', "'>' not supported between instances of 'int' and 'str'"),
        ('{% if "a" in uren %}a{% endif %}', "argument of type 'int' is not iterable"),
    ],
)
def test_a_text_that_fails_with_its_defaults_is_refused_at_its_line(tmp_catalogue, source, reason):
    text = minimal_clause(**{"presteert {{ uren }} uur.": "presteert {{ uren }} uur.\n" + source})
    root = tmp_catalogue({"proef.md": text})
    assert problems(root) == [
        f"{root / 'proef.md'}:28: text.nl: fails to render with its defaults: {reason} "
        "(make the text work with every value its parameters allow: compare a number with a number)"
    ]


def test_a_text_that_fails_at_a_bound_or_a_choice_names_the_value(tmp_catalogue):
    text = minimal_clause(
        **{
            "    label: {nl: Uren, fr: Heures, en: Hours}\n": "    label: {nl: Uren, fr: Heures, en: Hours}\n  ritme:\n    type: choice\n    default: maand\n"
            "    choices: [maand, jaar]\n    label: {nl: Ritme, fr: Rythme, en: Rhythm}\n",
            # 1000 hours (the max) divides by zero; 'jaar' compares a text with a number.
            "presteert {{ uren }} uur.": "presteert {{ uren }} uur {{ ritme }}.\n"
            "{{ 'x' if uren < 1000 else uren / 0 }}",
            "preste {{ uren }} heures.": "preste {{ uren }} heures {{ ritme }}.\n"
            "{% if ritme == 'jaar' and ritme > 3 %}x{% endif %}",
        }
    )
    root = tmp_catalogue({"proef.md": text})
    lines = problems(root)
    assert lines[0].startswith(f"{root / 'proef.md'}:33: text.nl: uses '/', which clause templates may not use")
    assert lines[1:] == [
        f"{root / 'proef.md'}:38: text.fr: fails to render with ritme = jaar: '>' not supported between instances "
        "of 'str' and 'int' (make the text work with every value its parameters allow: compare a number with a number)"
    ]


def test_a_text_that_fails_at_its_maximum_names_the_value(tmp_catalogue):
    text = minimal_clause(
        **{"presteert {{ uren }} uur.": "presteert {{ uren }} uur.{% if uren >= 1000 %}{{ uren > 'a' }}{% endif %}"}
    )
    root = tmp_catalogue({"proef.md": text})
    assert problems(root) == [
        f"{root / 'proef.md'}:27: text.nl: fails to render with uren = 1000: '>' not supported between instances "
        "of 'int' and 'str' (make the text work with every value its parameters allow: compare a number with a number)"
    ]


def test_every_bundled_text_renders_with_every_trial(catalogue):
    # The check renders each text with its defaults, bounds and choices: the bundled ones all take them.
    from sociaalaankopen.catalogue.checks import _trials
    from sociaalaankopen.templates import LANG_VARIABLE, compile_template

    tried = 0
    for clause in catalogue.clauses.values():
        for lang in ("nl", "fr", "en"):
            source = getattr(clause.text, lang)
            if source:
                for _, _, values in _trials(clause, lang):
                    compile_template(source).render({**values, LANG_VARIABLE: lang})
                    tried += 1
    assert tried > len(catalogue.clauses) * 3


# --- 3: images -----------------------------------------------------------------------------------------


def test_an_image_in_any_catalogue_text_is_refused_at_its_line(tmp_catalogue):
    files = three_clauses(**{"Altijd.": "Altijd.\n\n![img](https://evil.example/x.png)"})
    files["sectors/groen.md"] = SECTOR.replace("Let op.", "Let op.\n\n![x][pixel]\n\n[pixel]: https://evil.example/y")
    files["examples/voorbeeld.md"] = EXAMPLE.replace("Een gemeente.", "[![logo](logo.png)](https://example.org)")
    root = tmp_catalogue(files)
    fix = "(remove it, or link to it as [text](https://…))"
    assert sorted(problems(root)) == sorted(
        [
            f"{root / 'proef.md'}:41: when_to_use: holds an image ('https://evil.example/x.png'), "
            f"which a catalogue text may not hold {fix}",
            f"{root / 'sectors' / 'groen.md'}:19: attention: holds an image ('https://evil.example/y'), "
            f"which a catalogue text may not hold {fix}",
            f"{root / 'examples' / 'voorbeeld.md'}:14: situation: holds an image ('logo.png'), "
            f"which a catalogue text may not hold {fix}",
        ]
    )


def test_an_image_in_a_clause_text_is_refused(tmp_catalogue):
    text = minimal_clause(**{"presteert {{ uren }} uur.": "presteert {{ uren }} uur. ![p]({{ uren }}.png)"})
    root = tmp_catalogue({"proef.md": text})
    [line] = problems(root)
    assert line.startswith(f"{root / 'proef.md'}:27: text.nl: holds an image ('x.png')")


# --- 4: no line that blames a correct file -------------------------------------------------------------


@pytest.mark.parametrize(
    "broken",
    [
        minimal_clause("proef-twee", **{"ambition: 1": "ambition: 7"}),
        minimal_clause("proef-twee", **{"ambition: 1": "ambition: [1"}),
        minimal_clause("proef-twee", **{"Nooit.": "Nooit. \udcff"}),
        "",
        minimal_clause("proef-vier"),  # the id is not the file's name
    ],
    ids=["bad value", "bad yaml", "not utf-8", "empty", "id mismatch"],
)
def test_a_file_that_fails_to_load_gives_one_line_not_one_per_reference(tmp_catalogue, broken):
    files = three_clauses(**{"legal_basis:": "related: [proef-twee]\nlegal_basis:"})
    files["examples/voorbeeld.md"] = EXAMPLE.replace("clauses: [proef]", "clauses: [proef, proef-twee]")
    root = tmp_catalogue(files)
    (root / "proef-twee.md").write_bytes(broken.encode("utf-8", "surrogateescape"))
    lines = problems(root)
    assert len(lines) == 1, lines
    assert lines[0].startswith(str(root / "proef-twee.md"))


ROUTE = """\
---
id: eigen-route
title: {nl: Route, fr: Route, en: Route}
summary: {nl: Route, fr: Route, en: Route}
reservation: none
contract_types: [services]
clauses:
  - {id: proef, role: core}
anchors: [proef]
---

## Wanneer kiezen

Altijd.

## Wanneer niet

Nooit.
"""


def test_a_route_that_fails_to_load_is_not_blamed_on_the_clauses_that_join_it(tmp_catalogue):
    files = three_clauses(**{"legal_basis:": "routes: [eigen-route]\nlegal_basis:"})
    files["routes/eigen-route.md"] = ROUTE.replace("role: core", "role: kern")
    root = tmp_catalogue(files)
    assert problems(root) == [
        f"{root / 'routes' / 'eigen-route.md'}: clauses.0.role: 'kern' is not allowed "
        "(use one of 'core', 'optional' or 'preparation')"
    ]


def test_a_route_whose_reserving_clause_failed_is_not_blamed_for_its_reservation(tmp_catalogue):
    files = three_clauses(**{"ambition: 1": "ambition: 9"})
    files["routes/eigen-route.md"] = ROUTE.replace("reservation: none", "reservation: res-ws")
    root = tmp_catalogue(files)
    assert problems(root) == [
        f"{root / 'proef.md'}: ambition: 9 is not allowed (use one of 1, 2 or 3)",
    ]


def test_a_file_name_that_is_no_id_gets_advice_that_is_valid(tmp_catalogue):
    files = three_clauses()
    files["Proef Twee.md"] = minimal_clause("proef-twee")
    root = tmp_catalogue(files)
    assert problems(root) == [
        f"{root / 'Proef Twee.md'}: id: 'proef-twee' differs from the file name (rename the file to proef-twee.md "
        "(a file name is an id: lowercase letters, digits and single hyphens))"
    ]


# --- 6: pydantic's errors, said with a fix ------------------------------------------------------------


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            {"legal_basis: [richtlijn-2014-24-art-70]": "legal_basis: []"},
            "legal_basis: holds 0 entries; it needs at least 1 "
            "(list them as [first, second], or one '- entry' line each under it)",
        ),
        (
            {"legal_basis: [richtlijn-2014-24-art-70]": "legal_basis: richtlijn-2014-24-art-70"},
            "legal_basis: is not a list (write a list: [first, second], or one '- entry' line each under it)",
        ),
        ({"{nl: Titel,": "{nl: '',"}, "title.nl: is empty (write a text)"),
        (
            {"reviewed: 2026-11-28": "reviewed: '2026-1'"},
            "reviewed: '2026-1' is not a date (write a date as YYYY-MM-DD, e.g. 2026-02-28)",
        ),
        (
            {"  uren:\n": "  x: 3\n  uren:\n"},
            "parameters.x: is not a set of fields (write its fields as 'name: value' lines, indented under it)",
        ),
        (
            {"    min: 10": "    min: tien"},
            "parameters.uren.min: 'tien' is not a number (write a number)",
        ),
        (
            {"    default: 100": "    default: [100]"},
            "parameters.uren.default: [100] is not a number, a text or a text per language "
            "(write a number, a text or a text per language)",
        ),
        (
            {"ambition: 1": "ambition: 1\ncross_cutting: misschien"},
            "cross_cutting: 'misschien' is not true or false (write true or false)",
        ),
    ],
)
def test_a_validation_error_is_said_with_a_fix(tmp_catalogue, replace, expected):
    root = tmp_catalogue({"proef.md": minimal_clause(**replace)})
    assert problems(root) == [f"{root / 'proef.md'}: {expected}"]


def test_a_validation_error_is_said_in_dutch(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"{nl: Titel,": "{nl: '',"})})
    assert problems(root, "nl") == [f"{root / 'proef.md'}: title.nl: is leeg (schrijf een tekst)"]


def test_an_unknown_validation_error_keeps_pydantics_english():
    from sociaalaankopen.catalogue.validation import describe

    error = {"type": "something_new", "loc": ("x",), "msg": "Something is off", "input": 1}
    assert str(describe(error, "clause", "f.md")) == "f.md: x: something is off"


# --- 5: catalogue.yaml ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ("extend: bundled\n", ": extend: is not a known key (use extends)"),
        ("extends: bundled\nfoo: 1\n", ": foo: is not a known key (use extends)"),
        ("", ": is empty (write 'extends: bundled' in it to extend the bundled catalogue, or remove it)"),
        (
            "# only a comment\n",
            ": is empty (write 'extends: bundled' in it to extend the bundled catalogue, or remove it)",
        ),
        ("extends: bundled\nextends: none\n", ":2: extends: is given twice"),
    ],
)
def test_a_manifest_with_a_mistake_is_not_read_as_no_manifest(tmp_catalogue, manifest, expected):
    root = tmp_catalogue({"proef.md": minimal_clause(), "catalogue.yaml": manifest})
    [line] = problems(root)
    assert line.startswith(f"{root / 'catalogue.yaml'}{expected}")


def test_a_manifest_that_is_a_folder_is_refused(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(), "catalogue.yaml/x": ""})
    assert problems(root) == [
        f"{root / 'catalogue.yaml'}: is not a file (remove it, or make it a file that says 'extends: bundled')"
    ]


def test_an_alias_in_the_manifest_is_refused(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(), "catalogue.yaml": "x: &b bundled\nextends: *b\n"})
    assert problems(root) == [
        f"{root / 'catalogue.yaml'}:2: uses a YAML alias (*b) (write the value out instead)",
    ]


@pytest.mark.parametrize("name", ["catalogue.yml", "Catalogue.yaml"])
def test_a_misnamed_manifest_is_an_error_not_a_folder_that_stands_alone(tmp_catalogue, name):
    root = tmp_catalogue({"proef.md": minimal_clause(), name: "extends: bundled\n"})
    assert problems(root) == [
        f"{root / name}: is not read: the settings of a catalogue folder are read from catalogue.yaml only "
        "(rename it to catalogue.yaml)"
    ]


def test_entries_that_loading_skips_are_said(tmp_catalogue):
    root = tmp_catalogue(
        {
            "proef.md": minimal_clause(),
            "tweede.MD": minimal_clause("tweede"),
            "Examples/voorbeeld.md": EXAMPLE,
            "plaatjes/logo.png": "",
            "sectors/groen.markdown": SECTOR,
            ".git/HEAD": "",
            "LICENSE": "",
        }
    )
    catalogue = Catalogue.load(root)
    assert [str(w) for w in catalogue.warnings] == [
        f"{root / 'Examples'}: is not a folder the catalogue reads (rename it to examples)",
        f"{root / 'plaatjes'}: is not a folder the catalogue reads "
        "(move it out of the catalogue folder, or rename it to one of: examples, sectors, routes)",
        f"{root / 'tweede.MD'}: is not read: only files whose name ends in '.md' are (rename it to tweede.md)",
        f"{root / 'sectors/groen.markdown'}: is not read: only files whose name ends in '.md' are "
        "(rename it to groen.md)",
    ]
    result = CliRunner().invoke(cli, ["check", "--strict", str(root)])
    assert result.exit_code == 1


def test_a_misspelt_folder_is_said_with_the_errors_it_causes(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(), "sector/groen.md": SECTOR, "examples/voorbeeld.md": EXAMPLE})
    assert problems(root) == [
        f"{root / 'sector'}: is not a folder the catalogue reads (rename it to sectors)",
        f"{root / 'examples/voorbeeld.md'}: sector: 'groen' is not a sector profile (use the id of a file in sectors/)",
    ]


# --- 6: YAML aliases (a "billion laughs") -----------------------------------------------------------------

# Nine levels of nine aliases: 9**9 (387 million) strings once expanded, minutes and gigabytes to build
# and to turn into text.
BOMB = 'x_a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"x_{new}: &{new} [{','.join([f'*{old}'] * 9)}]\n" for old, new in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_an_alias_bomb_in_the_front_matter_is_refused_before_it_is_expanded(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"reviewed: 2026-11-28": "reviewed: 2026-11-28\n" + BOMB})})
    assert problems(root) == [
        f"{root / 'proef.md'}:24: front matter: uses a YAML alias (*a) (write the value out instead)",
    ]
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {root / 'proef.md'}:24: front matter: gebruikt een YAML-alias (*a) (schrijf de waarde voluit)"
    ]


def test_one_alias_is_refused_too(tmp_catalogue):
    replace = {
        "keywords: {nl: [groenonderhoud], fr: [espaces verts], en: [grounds maintenance]}": (
            "keywords: {nl: &k [groenonderhoud], fr: [espaces verts], en: *k}"
        )
    }
    root = tmp_catalogue({"proef.md": minimal_clause(**replace)})
    assert problems(root) == [
        f"{root / 'proef.md'}:20: front matter: uses a YAML alias (*k) (write the value out instead)",
    ]


def test_a_huge_value_is_quoted_without_turning_it_into_text_whole():
    from sociaalaankopen.errors import short_value

    bomb: object = ["lol"] * 9
    for _ in range(9):
        bomb = [bomb] * 9
    assert short_value(bomb) == "[[[[[[[[[['lol', 'lol', 'lol', 'lol', '…"
    assert short_value({"a": [10**5000]}) == "{'a': […]}"
    assert short_value(["kort", 1]) == ["kort", 1]


# --- file names and files that are not UTF-8 ---------------------------------------------------------------


@pytest.mark.parametrize("cache", ["1", ""])
def test_a_file_whose_name_is_not_utf8_is_one_line(tmp_catalogue, monkeypatch, cache):
    if not cache:
        monkeypatch.setenv("SOCIAALAANKOPEN_NO_CACHE", "1")
    root = tmp_catalogue({"proef.md": minimal_clause()})
    (root / os.fsdecode(b"caf\xe9.md")).write_text(minimal_clause("cafe"), "utf-8")
    result = CliRunner().invoke(cli, ["check", str(root), "--lang", "en"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {root}/caf\ufffd.md: its name is not UTF-8 (rename it using ASCII or UTF-8 characters)"
    ]


def test_a_manifest_saved_in_cp1252_is_one_line(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    (root / "catalogue.yaml").write_bytes(b"# Caf\xe9\nextends: bundled\n")
    assert problems(root) == [f"{root / 'catalogue.yaml'}: is not UTF-8 (byte 5) (save the file as UTF-8)"]


# --- every rule of the models says how to fix what it refuses --------------------------------------------

_PARAMETER = "    type: integer\n    default: 100\n    min: 10\n    max: 1000\n"
MODEL_RULES = {
    "no choices": (_PARAMETER, "    type: choice\n    default: a\n", "parameters.uren.choices"),
    "default no choice": (
        _PARAMETER,
        "    type: choice\n    default: c\n    choices: [a, b]\n",
        "parameters.uren.default",
    ),
    "labels of other choices": (
        _PARAMETER,
        "    type: choice\n    default: a\n    choices: [a, b]\n    choice_labels: {a: {nl: A, fr: A, en: A}}\n",
        "parameters.uren.choice_labels",
    ),
    "choices of a number": (_PARAMETER, _PARAMETER + "    choices: [a, b]\n", "parameters.uren.choices"),
    "labels of a number": (
        _PARAMETER,
        _PARAMETER + "    choice_labels: {a: {nl: A, fr: A, en: A}}\n",
        "parameters.uren.choice_labels",
    ),
    "text with a number": (_PARAMETER, "    type: text\n    default: 100\n", "parameters.uren.default"),
    "number per language": (_PARAMETER, "    type: integer\n    default: {nl: honderd}\n", "parameters.uren.default"),
    "number as text": (_PARAMETER, "    type: integer\n    default: veel\n", "parameters.uren.default"),
    "integer with decimals": ("    default: 100\n", "    default: 100.5\n", "parameters.uren.default"),
    "percentage above 100": (
        _PARAMETER,
        "    type: percentage\n    default: 10\n    max: 150\n",
        "parameters.uren.max",
    ),
    "three decimals": (_PARAMETER, "    type: amount\n    default: 100.125\n", "parameters.uren.default"),
    "min above max": ("    min: 10\n", "    min: 2000\n", "parameters.uren.min"),
    "default below min": ("    default: 100\n", "    default: 5\n", "parameters.uren.default"),
    "default above max": ("    default: 100\n", "    default: 5000\n", "parameters.uren.default"),
    "theme twice": ("themes: [employment]", "themes: [employment, employment]", "themes"),
    "parameter name": ("  uren:\n", "  Uren-2:\n", "parameters"),
}


@pytest.mark.parametrize("rule", list(MODEL_RULES))
def test_every_rule_of_a_clause_says_the_field_and_the_fix(tmp_catalogue, rule):
    old, new, field = MODEL_RULES[rule]
    root = tmp_catalogue({"proef.md": minimal_clause(**{old: new})})
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(root)
    found = info.value.problems
    assert found[0].field == field, found[0]
    for problem in found:
        assert problem.field and problem.fix, problem
        assert problem.text("nl").endswith(")") and problem.text("fr").endswith(")"), problem


@pytest.mark.parametrize(
    ("change", "field"),
    [({"sector: groen\n": "buyer: Stad X\n"}, "buyer"), ({"status: illustrative": "status: sourced"}, "sources")],
)
def test_every_rule_of_an_example_says_the_field_and_the_fix(tmp_catalogue, change, field):
    example = EXAMPLE
    for old, new in change.items():
        example = example.replace(old, new)
    root = tmp_catalogue({**three_clauses(), "examples/voorbeeld.md": example})
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(root)
    [problem] = info.value.problems
    assert (problem.where, problem.field) == (str(root / "examples/voorbeeld.md"), field)
    assert problem.fix


# --- 7: duplicate keys, numbers that are not finite ----------------------------------------------------


def test_a_key_given_twice_is_refused(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"ambition: 1": "ambition: 1\nambition: 3"})})
    assert problems(root) == [
        f"{root / 'proef.md'}:6: ambition: is given twice "
        "(keep one of the two lines: YAML would silently use the last one)"
    ]


def test_a_key_given_twice_in_a_nested_mapping_names_its_path(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"    max: 1000": "    max: 1000\n    max: 2000"})})
    [line] = problems(root)
    assert line.startswith(f"{root / 'proef.md'}:15: parameters.uren.max: is given twice")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+400"])
def test_a_number_that_is_not_finite_is_refused(tmp_catalogue, value):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"    max: 1000": f"    max: {value}"})})
    assert problems(root) == [
        f"{root / 'proef.md'}:14: parameters.uren.max: '{value}' is not a finite number "
        "(write a number such as 10 or 12.5)"
    ]
