"""Loading and validating catalogues: each kind of mistake gives its own one-line message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import minimal_clause
from sociaalaankopen import Catalogue, CatalogueError
from sociaalaankopen.catalogue import bundled_path
from sociaalaankopen.cli import cli

SECTOR = """\
---
id: groen
title: {nl: Groen, fr: Vert, en: Green}
summary: {nl: Groenonderhoud, fr: Espaces verts, en: Grounds}
cpv: ["77310000"]
contract_types: [services]
keywords: {nl: [maaien], fr: [tonte], en: [mowing]}
recommended: [proef, proef-twee, proef-drie]
---

## Aanbod sociale economie

Maaien.

## Aandachtspunten

Let op.
"""

EXAMPLE = """\
---
id: voorbeeld
title: {nl: Voorbeeld}
buyer_type: gemeente
subject: Maaien van bermen
contract_types: [services]
sector: groen
clauses: [proef]
status: illustrative
---

## Situatie

Een gemeente.

## Aanpak

Een clausule.

## Resultaat

Verwacht: uren.
"""


def problems(root: Path) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(root)
    return info.value.lines()


def test_valid_catalogue_loads(tmp_catalogue):
    root = tmp_catalogue(
        {
            "proef.md": minimal_clause("proef"),
            "proef-twee.md": minimal_clause("proef-twee"),
            "proef-drie.md": minimal_clause("proef-drie"),
            "sectors/groen.md": SECTOR,
            "examples/voorbeeld.md": EXAMPLE,
        }
    )
    catalogue = Catalogue.load(root)
    assert list(catalogue.clauses) == ["proef", "proef-drie", "proef-twee"]
    assert catalogue.sectors["groen"].recommended == ["proef", "proef-twee", "proef-drie"]
    assert catalogue.examples_using("proef")[0].id == "voorbeeld"
    assert catalogue.clauses["proef"].text.nl == "De opdrachtnemer presteert {{ uren }} uur."
    assert catalogue.warnings == []


def test_unknown_instrument_names_file_and_field(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"performance_condition": "social_magic"})})
    [line] = problems(root)
    assert line.startswith(f"{root / 'proef.md'}: instrument: 'social_magic' is not allowed (use one of ")
    assert "'performance_condition'" in line


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        ({"themes: [employment]": "themes: [happiness]"}, "themes.0: 'happiness' is not allowed"),
        ({"ambition: 1": "ambition: 4"}, "ambition: 4 is not allowed"),
        (
            {"legal_basis: [richtlijn-2014-24-art-70]": "legal_basis: [wet-2016-art-999]"},
            "legal_basis: 'wet-2016-art-999' is not a known legal reference (use a key from data/legal_references.yaml)",
        ),
        ({'cpv: ["77310000"]': 'cpv: ["12345678"]'}, "cpv: '12345678' is not a CPV 2008 code"),
        ({"BT-775: [opp]": "BT-775: [happy]"}, "eforms.BT-775: 'happy' is not in the eForms code list"),
        ({"BT-06: [soc-obj]": "BT-99: [soc-obj]"}, "eforms.BT-99"),
        (
            {"De opdrachtnemer presteert {{ uren }} uur.": "De opdrachtnemer presteert {{ uren }} uur {{ dagen }}."},
            "text.nl: uses '{{ dagen }}', which is not a declared parameter",
        ),
        (
            {"De opdrachtnemer presteert {{ uren }} uur.": "De opdrachtnemer presteert veel."},
            "parameters.uren: is declared but the Dutch text never uses it",
        ),
        (
            {"De opdrachtnemer presteert {{ uren }} uur.": "De opdrachtnemer {% if %} presteert {{ uren }}."},
            "text.nl: template syntax error",
        ),
        (
            {"    default: 100": "    default: 5000"},
            "parameters.uren.default: default 5000 is above max 1000 (use a default of 1000 or less, or raise max)",
        ),
        ({"    type: integer": "    type: float"}, "parameters.uren.type: 'float' is not allowed"),
        (
            {"monitoring: {indicator: Gepresteerde uren, unit: uur}": "monitoring: {indicator: Gepresteerde uren}"},
            "monitoring.unit: is missing (add it to the front matter)",
        ),
        ({"## Controle\n\nTijdstaten.\n": ""}, "verification: is missing (add a '## Controle' section to the body)"),
        ({"## Controle": "## Verificatie"}, "section '## Verificatie' (line"),
        (
            {"summary: {nl: Samenvatting, fr: Résumé, en: Summary}": "summary: {nl: Samenvatting, fr: Résumé}"},
            "summary.en: is missing",
        ),
        (
            {"ambition: 1": "ambition: 1\ncolour: blue"},
            "colour: is not a known field (remove it or check its spelling)",
        ),
        ({"contract_types: [services]": "contract_types: [services"}, "front matter: invalid YAML"),
    ],
)
def test_each_mistake_gives_one_line(tmp_catalogue, replace, expected):
    root = tmp_catalogue({"proef.md": minimal_clause(**replace)})
    lines = problems(root)
    assert len(lines) == 1, lines
    assert expected in lines[0]
    assert lines[0].startswith(str(root / "proef.md"))


def test_template_syntax_error_names_the_file_line(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(**{"presteert {{ uren }} uur.": "presteert {{ uren }"})})
    [line] = problems(root)
    # The Dutch text starts on line 27 of the file, after its heading and a blank line.
    assert line.startswith(f"{root / 'proef.md'}:27: text.nl: template syntax error")


# Constructs a clause template may not use (docs/catalogue.md): each would pass the sandbox and then hang,
# exhaust memory or fail only when rendered. Refused at load, one line each, at the line of the text.
HOSTILE_TEMPLATES = [
    ('{% for i in "a"*3000000 %}{% for j in "a"*3000 %}{% endfor %}{% endfor %}', "{% for %}"),
    ('{{ ("a" * 4000000000)|length }}', "|length"),
    ('{{ "a" * 4000000000 }}', "*"),
    ("{{ uren ** uren ** uren }}", "**"),
    ('{{ uren ~ "x" }}', "~"),
    ('{% include "/etc/passwd" %}', "{% include %}"),
    ('{% extends "/etc/passwd" %}', "{% extends %}"),
    ('{% import "/etc/passwd" as p %}', "{% import %}"),
    ('{% from "x" import y %}', "{% from … import %}"),
    ('{{ uren|attr("__class__") }}', "|attr"),
    ('{{ "{0.__class__}".format(uren) }}', ".format(…)"),
    ("{{ uren.__class__ }}", ".__class__"),
    ("{{ uren[0] }}", "[…]"),
    ("{{ self }}", "self"),
    ("{% set x = 1 %}", "{% set %}"),
    ("{% macro m() %}x{% endmacro %}", "{% macro %}"),
    ("{% block b %}x{% endblock %}", "{% block %}"),
    ("{% with x = 1 %}x{% endwith %}", "{% with %}"),
    ("{% filter upper %}x{% endfilter %}", "{% filter %}"),
    ("{{ uren is defined }}", "is defined"),
]


@pytest.mark.parametrize(("source", "construct"), HOSTILE_TEMPLATES)
def test_a_template_construct_outside_the_allowed_ones_is_refused_at_load(tmp_catalogue, source, construct):
    root = tmp_catalogue(
        {"proef.md": minimal_clause(**{"uur.\n\n## Clausetekst (fr)": f"uur. {source}\n\n## Clausetekst (fr)"})}
    )
    assert problems(root) == [
        f"{root / 'proef.md'}:27: text.nl: uses '{construct}', which clause templates may not use "
        "(use only its parameters, {% if %} and the number filter)"
    ]


def test_number_decimals_must_be_a_small_whole_number(tmp_catalogue):
    text = minimal_clause(**{"preste {{ uren }} heures.": "preste\n{{ uren|number(9999999) }} heures."})
    root = tmp_catalogue({"proef.md": text})
    assert problems(root) == [
        f"{root / 'proef.md'}:32: text.fr: '|number' takes at most 6 decimals, as a whole number "
        "(write e.g. '{{ bedrag | number(2) }}')"
    ]


def test_the_allowed_template_constructs_load(tmp_catalogue):
    allowed = (
        "{% if uren == 100 and not uren != 100 or uren > 5 %}veel{% elif uren <= 3 %}x{% else %}"
        "{{ uren|number(2) }} {{ -1 }} {{ 'a' if uren < 3 else 'b' }}{% endif %}"
    )
    root = tmp_catalogue({"proef.md": minimal_clause(**{"presteert {{ uren }} uur.": f"presteert {allowed} uur."})})
    assert "proef" in Catalogue.load(root).clauses


def test_a_folder_or_pipe_named_like_a_clause_file_is_one_line(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    (root / "map.md").mkdir()
    os.mkfifo(root / "pijp.md")  # reading it would never end
    (root / "examples").mkdir()
    (root / "examples" / "link.md").symlink_to(root / "map.md")
    fix = "(remove it, or rename it so its name does not end in .md)"
    assert problems(root) == [
        f"{root / 'map.md'}: is not a file {fix}",
        f"{root / 'pijp.md'}: is not a file {fix}",
        f"{root / 'examples' / 'link.md'}: is not a file {fix}",
    ]


def test_a_link_to_a_file_outside_the_catalogue_is_refused(tmp_catalogue, tmp_path):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    secret = tmp_path / "secret.md"
    secret.write_text(minimal_clause("secret"), "utf-8")
    (root / "secret.md").symlink_to(secret)
    (root / "sectors").symlink_to(tmp_path, target_is_directory=True)  # every file in it lies outside
    fix = "(copy the file into the catalogue folder)"
    assert problems(root) == [
        f"{root / 'secret.md'}: links to a file outside the catalogue folder {fix}",
        f"{root / 'sectors' / 'secret.md'}: links to a file outside the catalogue folder {fix}",
    ]


def test_a_link_to_a_file_inside_the_catalogue_is_read(tmp_catalogue):
    root = tmp_catalogue({"drafts/proef.md": minimal_clause()})
    (root / "proef.md").symlink_to(root / "drafts" / "proef.md")
    assert list(Catalogue.load(root).clauses) == ["proef"]


def test_file_name_must_equal_id(tmp_catalogue):
    root = tmp_catalogue({"andere-naam.md": minimal_clause("proef")})
    [line] = problems(root)
    assert line == (
        f"{root / 'andere-naam.md'}: id: 'proef' differs from the file name "
        "(rename the file to proef.md or set id: andere-naam)"
    )


def test_the_id_index_is_reserved(tmp_catalogue):
    # Its guide page would be clausules/index.html (sectoren/index.html): the list of all clauses (sectors).
    root = tmp_catalogue(
        {
            "proef.md": minimal_clause(),
            "index.md": minimal_clause("index"),
            "sectors/index.md": SECTOR.replace("id: groen", "id: index"),
        }
    )
    fix = "(choose another id, and name the file after it)"
    assert problems(root) == [
        f"{root / 'index.md'}: id: 'index' is reserved for the guide's list pages {fix}",
        f"{root / 'sectors/index.md'}: id: 'index' is reserved for the guide's list pages {fix}",
    ]


def test_every_problem_is_reported_at_once(tmp_catalogue):
    root = tmp_catalogue(
        {
            "een.md": minimal_clause("een", **{"performance_condition": "nope"}),
            "twee.md": minimal_clause("twee", **{'cpv: ["77310000"]': 'cpv: ["99999999"]'}),
            "sectors/groen.md": SECTOR,
        }
    )
    lines = problems(root)
    assert any("een.md: instrument:" in line for line in lines)
    assert any("twee.md: cpv:" in line for line in lines)
    assert sum("recommended: 'proef" in line for line in lines) == 3


def test_cross_references_are_checked(tmp_catalogue):
    root = tmp_catalogue(
        {
            "proef.md": minimal_clause(**{"ambition: 1": "ambition: 1\nrelated: [bestaat-niet]"}),
            "examples/voorbeeld.md": EXAMPLE.replace("clauses: [proef]", "clauses: [proef, weg]"),
        }
    )
    lines = problems(root)
    assert f"{root / 'proef.md'}: related: 'bestaat-niet' is not a clause in the catalogue" in lines[0]
    assert any("voorbeeld.md: clauses: 'weg' is not a clause in the catalogue" in line for line in lines)
    assert any("voorbeeld.md: sector: 'groen' is not a sector profile" in line for line in lines)


def test_illustrative_example_may_not_name_a_buyer(tmp_catalogue):
    root = tmp_catalogue(
        {"proef.md": minimal_clause(), "examples/voorbeeld.md": EXAMPLE.replace("sector: groen\n", "buyer: Stad X\n")}
    )
    [line] = problems(root)
    assert "an illustrative example may not name a real buyer" in line


def test_missing_translation_is_a_warning(tmp_catalogue):
    text = minimal_clause().replace("## Clausetekst (fr)\n\nLe titulaire preste {{ uren }} heures.\n\n", "")
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert [str(w) for w in catalogue.warnings] == [
        f"{catalogue.origin('clause', 'proef').path}: text.fr: has no clause text in this language "
        "(add a '## Clausetekst (fr)' section)"
    ]


def test_a_source_address_that_is_no_web_address_is_a_warning(tmp_catalogue):
    clause = minimal_clause().replace(
        "reviewed: 2026-11-28\n", 'reviewed: 2026-11-28\nsources: [{title: Bron, url: "javascript:alert(1)"}]\n'
    )
    example = EXAMPLE.replace(
        "status: illustrative\n",
        "status: sourced\nsources: [{title: Bron, url: https://example.org/a}, {title: Map, url: /etc/passwd}]\n",
    )
    root = tmp_catalogue({"proef.md": clause, "examples/voorbeeld.md": example.replace("sector: groen\n", "")})
    catalogue = Catalogue.load(root)
    assert [str(w) for w in catalogue.warnings] == [
        f"{root / 'proef.md'}: sources: 'javascript:alert(1)' is not an http(s) address (give a full address)",
        f"{root / 'examples' / 'voorbeeld.md'}: sources: '/etc/passwd' is not an http(s) address (give a full address)",
    ]


def test_a_yaml_error_in_the_manifest_is_one_line(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause(), "catalogue.yaml": "title: x\nextends: [bundled\n"})
    assert problems(root) == [
        f"{root / 'catalogue.yaml'}: invalid YAML on line 3: did not find expected ',' or ']' "
        "(write it as YAML, e.g. 'extends: bundled')"
    ]


def test_folder_extends_bundled_catalogue_and_overrides_by_id(tmp_catalogue):
    bundled = Catalogue.load()
    some_id = next(iter(bundled.clauses))
    override = minimal_clause(some_id).replace("title: {nl: Titel,", "title: {nl: Eigen titel,")
    root = tmp_catalogue(
        {
            "catalogue.yaml": "extends: bundled\n",
            f"{some_id}.md": override,
            "eigen-clausule.md": minimal_clause("eigen-clausule"),
        }
    )
    merged = Catalogue.load(root)
    assert merged.clauses[some_id].title.nl == "Eigen titel"
    assert "eigen-clausule" in merged.clauses
    assert len(merged.clauses) == len(bundled.clauses) + 1
    assert merged.overridden == [f"clause:{some_id}"]
    # Without the manifest the folder stands alone.
    (root / "catalogue.yaml").unlink()
    assert set(Catalogue.load(root).clauses) == {some_id, "eigen-clausule"}


@pytest.mark.parametrize(
    ("clause", "change", "bundled_file", "field"),
    [
        # The example of docs/catalogue.md: an own version of a clause that leaves out its `excludes`.
        (
            "uitvoering-tewerkstelling-arbeidsuren",
            ("excludes: [uitvoering-tewerkstelling-vte]\n", ""),
            "uitvoering-tewerkstelling-vte.md",
            "excludes",
        ),
        (
            "voorbehouden-opdracht",
            ("  BT-71: [res-ws]\n", "  BT-71: [res-pub-ser]\n"),
            "routes/opdracht-voorbehouden.md",
            "reservation",
        ),
    ],
)
def test_a_problem_an_override_causes_in_a_bundled_file_is_said_once_at_the_override(
    tmp_catalogue, clause, change, bundled_file, field
):
    text = (bundled_path() / f"{clause}.md").read_text("utf-8")
    assert change[0] in text
    root = tmp_catalogue({"catalogue.yaml": "extends: bundled\n", f"{clause}.md": text.replace(*change)})
    [line] = problems(root)
    assert line.startswith(f"{root / clause}.md: breaks the bundled file {bundled_path() / bundled_file}: {field}: ")


@pytest.mark.parametrize(
    ("lang", "old", "new"),
    [
        ("fr", "Le titulaire preste {{ uren }} heures.", "Au moins 100 heures."),
        ("en", "The contractor performs {{ uren }} hours.", "The contractor performs 100 hours."),
    ],
)
def test_a_translation_that_does_not_print_a_value_the_dutch_text_prints_is_a_warning(tmp_catalogue, lang, old, new):
    root = tmp_catalogue({"proef.md": minimal_clause(**{old: new})})
    assert [str(w) for w in Catalogue.load(root).warnings] == [
        f"{root / 'proef.md'}: text.{lang}: never uses '{{{{ uren }}}}', which the Dutch text prints "
        "(write '{{ uren }}' where the text states that value, as the Dutch text does)"
    ]
    result = CliRunner().invoke(cli, ["check", "--strict", str(root), "--lang", "en"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "error: 1 warning with --strict (1 clause, 0 examples, 0 sectors)"


def test_a_translation_may_read_the_value_in_a_condition(tmp_catalogue):
    new = "The contractor performs {% if uren > 500 %}many{% else %}some{% endif %} hours."
    root = tmp_catalogue({"proef.md": minimal_clause(**{"The contractor performs {{ uren }} hours.": new})})
    assert Catalogue.load(root).clauses["proef"].text.en == new


CHOICE = (
    "  soort:\n    type: choice\n    default: maand\n    choices: [maand, kwartaal]\n    label: {nl: S, fr: S, en: S}\n"
)


@pytest.mark.parametrize(
    ("lang", "condition", "line"),
    [
        ("fr", "{% if soort == 'mois' %}", 36),
        ("en", "{% if 'quarter' != soort %}", 40),
        ("nl", "{% if uren > 5 and soort == 'jaar' %}", 32),
    ],
)
def test_a_choice_compared_with_a_text_that_is_not_one_of_its_choices_is_refused(tmp_catalogue, lang, condition, line):
    texts = {"nl": "presteert {{ uren }} uur", "fr": "preste {{ uren }} heures", "en": "performs {{ uren }} hours"}
    replace = {"  uren:\n": CHOICE + "  uren:\n"}
    for each, text in texts.items():
        replace[text] = text + (
            f" {condition}x{{% endif %}}" if each == lang else " {% if soort == 'maand' %}x{% endif %}"
        )
    root = tmp_catalogue({"proef.md": minimal_clause(**replace)})
    value = condition.split("'")[1]
    assert problems(root) == [
        f"{root / 'proef.md'}:{line}: text.{lang}: compares 'soort' with '{value}', which is not one of its choices "
        "(compare it with one of maand, kwartaal)"
    ]


def test_cache_is_invalidated_by_content(tmp_catalogue):
    root = tmp_catalogue({"proef.md": minimal_clause()})
    assert Catalogue.load(root).clauses["proef"].title.nl == "Titel"
    (root / "proef.md").write_text(minimal_clause().replace("{nl: Titel,", "{nl: Nieuwe titel,"), "utf-8")
    assert Catalogue.load(root).clauses["proef"].title.nl == "Nieuwe titel"


def test_not_a_folder(tmp_path):
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(tmp_path / "nergens")
    assert info.value.lines() == [
        f"{tmp_path / 'nergens'}: is not a folder (pass the folder that holds the clause files)"
    ]


def test_bundled_catalogue_ships_inside_the_package():
    # Tests run against the installed (non-editable) package: the catalogue must be in the wheel.
    assert bundled_path().parts[-3:] == ("sociaalaankopen", "_bundled", "clauses")
    assert Catalogue.load().clauses


def test_cache_keeps_a_bounded_number_of_entries(tmp_path, monkeypatch):
    from sociaalaankopen import cache

    monkeypatch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path))
    for i in range(cache.KEEP + 5):
        assert cache.cached("proef", f"{i:064x}", lambda i=i: i) == i
    assert len(list(tmp_path.glob("proef-*.pickle"))) == cache.KEEP
    assert cache.cached("proef", f"{cache.KEEP + 4:064x}", lambda: "rebuilt") == cache.KEEP + 4


def test_raw_html_in_a_catalogue_text_is_refused_at_its_line(tmp_catalogue):
    text = minimal_clause(
        **{
            "presteert {{ uren }} uur.": 'presteert {{ uren }} uur.\n\n<a href="{{ uren }}">x</a>',
            "Altijd.": "Altijd.\n\n<script>alert(1)</script>",
        }
    )
    root = tmp_catalogue({"proef.md": text})
    fix = "(write it as Markdown: **bold**, a link as [text](https://…))"
    assert problems(root) == [
        f'{root / "proef.md"}:29: text.nl: holds raw HTML (<a href="x"> </a>), which a catalogue text may not hold {fix}',
        f"{root / 'proef.md'}:43: when_to_use: holds raw HTML (<script>alert(1)</script>), which a catalogue text "
        f"may not hold {fix}",
    ]


def test_a_tag_written_as_code_or_a_comparison_is_no_html(tmp_catalogue):
    text = minimal_clause(
        **{"presteert {{ uren }} uur.": "presteert {% if uren<500 %}{{ uren }}{% endif %} uur, zonder `<script>`."}
    )
    assert "proef" in Catalogue.load(tmp_catalogue({"proef.md": text})).clauses


def test_a_link_that_runs_code_is_refused_at_its_line(tmp_catalogue):
    # markdown-it drops such a link when it renders HTML, but the annex and the downloads carry the
    # Markdown itself, to paste into tools that may not.
    text = minimal_clause(
        **{
            "presteert {{ uren }} uur.": "presteert {{ uren }} uur, zie [de gids](chapter:inleiding).\n\n"
            "[klik](javascript:alert(1)) of ![x](data:text/html,x)",
            "Altijd.": "Altijd, zie [de wet](https://www.ejustice.just.fgov.be/) of [ons](mailto:a@b.be).\n\n"
            "[verwijzing]: JAVA&#x53;CRIPT:alert(1)\n\nZie [verwijzing].",
        }
    )
    root = tmp_catalogue({"proef.md": text})
    fix = "(link to a full https:// address, or to clause:<id>, sector:<id>, example:<id> or chapter:<id>)"
    runs = "which runs or opens something other than a web page"
    assert problems(root) == [
        f"{root / 'proef.md'}:29: text.nl: holds a link to 'javascript:alert(1)', {runs} {fix}",
        f"{root / 'proef.md'}:29: text.nl: holds an image ('data:text/html,x'), which a catalogue text may not "
        "hold (remove it, or link to it as [text](https://…))",
        f"{root / 'proef.md'}:45: when_to_use: holds a link to 'JAVASCRIPT:alert(1)', {runs} {fix}",
    ]
