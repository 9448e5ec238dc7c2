"""The clause renderer: checked parameters and a sandbox that hostile catalogues cannot escape."""

from __future__ import annotations

import pytest

from conftest import minimal_clause
from sociaalaankopen import Catalogue, CatalogueError, ParameterError, TemplateError
from sociaalaankopen.render import PLACEHOLDER_END, PLACEHOLDER_START, render_clause, render_text
from sociaalaankopen.templates import format_number

HOSTILE = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ uren.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].listdir('/') }}",
    "{% include '/etc/passwd' %}",
    "{% import '/etc/passwd' as p %}",
    "{{ self._TemplateReference__context }}",
    "{{ namespace() }}",
    "{{ range(10**9)|list }}",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_sandbox_refuses_hostile_templates(source):
    with pytest.raises(TemplateError) as info:
        render_text(source, {"uren": 5}, "hostile.md", 10)
    [line] = info.value.lines()
    assert line.startswith("hostile.md")
    assert "root:" not in line


def test_hostile_clause_file_cannot_load(tmp_catalogue):
    text = minimal_clause(**{"presteert {{ uren }} uur.": "presteert {{ uren }} {{ uren.__class__.__mro__ }}."})
    root = tmp_catalogue({"proef.md": text})
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(root)
    assert info.value.lines() == [
        f"{root / 'proef.md'}:27: text.nl: uses '.__mro__', which clause templates may not use "
        "(use only its parameters, {% if %} and the number filter)"
    ]


# What passes the sandbox but hangs or fills the memory: refused before rendering even when the template
# never went through a catalogue's check (a Clause built in code).
UNBOUNDED = [
    '{% for i in "a"*3000000 %}{% for j in "a"*3000 %}{% endfor %}{% endfor %}',
    '{{ ("a" * 4000000000)|length }}',
    "{% set x = 1 %}{{ x }}",
    "{{ self }}",
]


@pytest.mark.parametrize("source", UNBOUNDED)
def test_renderer_refuses_constructs_outside_the_allowed_ones(source):
    with pytest.raises(TemplateError) as info:
        render_text(source, {"uren": 5}, "x.md")
    [line] = info.value.lines()
    assert line.startswith("x.md: template: refused by the sandbox:")
    assert "is not allowed in a clause template" in line


def test_number_prints_at_most_six_decimals():
    assert format_number(1.5, "en", 9999999) == "1.500000"
    assert format_number(1.5, "nl", 2) == "1,50"


def test_undefined_variable_is_an_error():
    with pytest.raises(TemplateError) as info:
        render_text("{{ onbekend }}", {}, "x.md")
    assert info.value.lines() == ["x.md: template: 'onbekend' is undefined (declare the variable as a parameter)"]


def test_number_filter_follows_the_language():
    assert render_text("{{ v | number }}", {"v": 1234567}, "x") == "1.234.567"
    assert render_text("{{ v | number }}", {"v": 2.5}, "x") == "2,5"
    assert render_text("{{ v | number }}", {"v": 1234567.5}, "x", lang="fr") == "1.234.567,5"
    assert render_text("{{ v | number }}", {"v": 1234567.5}, "x", lang="en") == "1,234,567.5"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"uren": "5"}, "proef: uren: 5 is out of range (use a whole number from 10 to 1,000 hours)"),
        ({"uren": "12.5"}, "proef: uren: 12.5 is not a whole number (use a whole number from 10 to 1,000 hours)"),
        ({"uren": "veel"}, "proef: uren: 'veel' is not a number (use a whole number from 10 to 1,000 hours)"),
        ({"dagen": "3"}, "proef: dagen: is not a parameter of this clause (known parameters: uren)"),
    ],
)
def test_parameter_errors_name_clause_parameter_and_range(tmp_catalogue, values, message):
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause()}))
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values=values, catalogue=catalogue)
    assert info.value.lines() == [message]


def test_values_are_coerced_and_rendered(tmp_catalogue):
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause()}))
    rendered = render_clause("proef", "fr", {"uren": "250"}, catalogue=catalogue)
    assert rendered.text == "Le titulaire preste 250 heures."
    assert rendered.values == {"uren": 250}
    assert not rendered.fell_back


def test_text_default_per_language(tmp_catalogue):
    text = minimal_clause(
        **{
            "  uren:\n    type: integer\n    default: 100\n    min: 10\n    max: 1000\n    unit: uur\n": (
                "  uren:\n    type: text\n    default: {nl: koffie en thee, fr: café et thé}\n"
            ),
        }
    )
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert render_clause("proef", "fr", catalogue=catalogue).text == "Le titulaire preste café et thé heures."
    # No English default: the Dutch one is used.
    assert render_clause("proef", "en", catalogue=catalogue).text == "The contractor performs koffie en thee hours."
    assert render_clause("proef", "nl", {"uren": "suiker"}, catalogue=catalogue).text == (
        "De opdrachtnemer presteert suiker uur."
    )


def test_only_text_parameters_take_a_default_per_language(tmp_catalogue):
    text = minimal_clause(**{"    default: 100\n": "    default: {nl: honderd}\n"})
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert "only a text parameter can have a default per language" in info.value.lines()[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # NaN compares false with every bound: it passed the range check and printed 'nan %'.
        (float("nan"), "proef: uren: nan is not a number (use a whole number from 10 to 1,000 hours)"),
        (float("inf"), "proef: uren: is too large (use a whole number from 10 to 1,000 hours)"),
        (-1e13, "proef: uren: is too large (use a whole number from 10 to 1,000 hours)"),
        # float() of this int overflows, and str() of it refuses (more than 4,300 digits).
        (10**5000, "proef: uren: is too large (use a whole number from 10 to 1,000 hours)"),
        ("9" * 400, "proef: uren: is too large (use a whole number from 10 to 1,000 hours)"),
        ("1" * 60, "proef: uren: is too large (use a whole number from 10 to 1,000 hours)"),
        ("x" * 60, f"proef: uren: '{'x' * 39}…' is not a number (use a whole number from 10 to 1,000 hours)"),
    ],
    ids=["nan", "inf", "-1e13", "int-of-5001-digits", "400-nines", "60-ones", "60-letters"],
)
def test_numbers_no_clause_can_print_are_refused(tmp_catalogue, value, message):
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause()}))
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values={"uren": value}, catalogue=catalogue)
    assert info.value.lines() == [message]


def test_an_amount_without_a_maximum_is_still_bounded(tmp_catalogue):
    text = minimal_clause(**{"    min: 10\n    max: 1000\n": "    min: 10\n"})
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert render_clause("proef", values={"uren": 10**12}, catalogue=catalogue).values == {"uren": 10**12}
    with pytest.raises(ParameterError, match="is too large"):
        render_clause("proef", values={"uren": 10**12 + 1}, catalogue=catalogue)


TEXT_PARAMETER = {
    "  uren:\n    type: integer\n    default: 100\n    min: 10\n    max: 1000\n    unit: uur\n": (
        "  uren:\n    type: text\n    default: koffie\n"
    ),
}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "koffie\x01thee",
            "proef: uren: holds an invisible control character (U+0001) (type the value again without it)",
        ),
        (
            "koffie\ufffe",
            "proef: uren: holds an invisible control character (U+FFFE) (type the value again without it)",
        ),
        ("a\ue000b", "proef: uren: holds an invisible control character (U+E000) (type the value again without it)"),
        ("x" * 2001, "proef: uren: is longer than 2000 characters (shorten it)"),
        (" \n\t\x0b ", "proef: uren: is empty (give a text value)"),
    ],
)
def test_text_values_a_document_cannot_hold_are_refused(tmp_catalogue, value, message):
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause(**TEXT_PARAMETER)}))
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values={"uren": value}, catalogue=catalogue)
    assert info.value.lines() == [message]


def test_a_text_value_is_one_line_of_plain_text_in_the_markdown(tmp_catalogue):
    """A value is data: its line breaks (Word's Shift+Enter is a vertical tab) become spaces, and its
    Markdown shows as written instead of opening a heading, a list or HTML inside the clause."""
    from markdown_it import MarkdownIt

    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause(**TEXT_PARAMETER)}))
    value = "koffie\x0bthee\n\n# Kop\n1. a *b* <script>x</script> [l](u) &amp;"
    rendered = render_clause("proef", values={"uren": value}, catalogue=catalogue)
    assert rendered.values == {"uren": "koffie thee # Kop 1. a *b* <script>x</script> [l](u) &amp;"}
    html = MarkdownIt("commonmark").render(rendered.text)
    assert html == (
        "<p>De opdrachtnemer presteert koffie thee # Kop 1. a *b* &lt;script&gt;x&lt;/script&gt; [l](u) &amp;amp; "
        "uur.</p>\n"
    )
    # A value that would start a line as a list item or a heading does not either.
    for start in ("# Kop", "1. een", "- een", "= een", "[x](https://example.org)"):
        text = render_text("{{ v }}", {"v": start}, "x")
        assert MarkdownIt("commonmark").render(text) == f"<p>{start}</p>\n"
    # Brackets alone stay: a value in brackets is still a placeholder the annex marks to fill in.
    marked = render_clause("proef", values={"uren": "[naam van de opdracht]"}, catalogue=catalogue).marked
    assert f"{PLACEHOLDER_START}[naam van de opdracht]{PLACEHOLDER_END}" in marked


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("minstens [x] % van het budget", ["[x]"]),
        ("zie […] hierboven", ["[…]"]),
        ("bijlage [2] en bijlage [12]", ["[2]", "[12]"]),
        ("bijlage [nummer]", ["[nummer]"]),
        ("een [x](https://example.org) link, [] niets", []),
    ],
)
def test_a_placeholder_of_one_character_is_one_too(text: str, held: list[str]) -> None:
    """'[x]', '[…]' and '[2]' went unnoticed while '[12]' was flagged: a placeholder needed two characters."""
    from sociaalaankopen.render import placeholders_in

    assert placeholders_in(text) == held


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("250000", 250000),
        ("1.250.000", 1250000),
        ("1.250,5", 1250.5),
        ("250.000,00", 250000),
        ("1,250,000", 1250000),
        ("1,250.5", 1250.5),
        ("250 000", 250000),
        ("250\u202f000", 250000),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("0.05", 0.05),
    ],
)
def test_numbers_are_read_as_a_belgian_writes_them(tmp_catalogue, value, read):
    text = minimal_clause(**{"    min: 10\n    max: 1000\n": "    min: 0\n"})
    text = text.replace("type: integer", "type: amount")
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert render_clause("proef", values={"uren": value}, catalogue=catalogue).values == {"uren": read}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # Read as 250 before: a wrong amount in the legal text, without a word.
        (
            "250.000",
            "proef: uren: '250.000' is ambiguous: 250000 or 250? (write the number without a thousands "
            "separator, with a decimal comma if it has decimals)",
        ),
        (
            "2,500",
            "proef: uren: '2,500' is ambiguous: 2500 or 2,5? (write the number without a thousands "
            "separator, with a decimal comma if it has decimals)",
        ),
    ],
)
def test_a_number_that_could_be_a_thousand_times_off_is_refused(tmp_catalogue, value, message):
    text = minimal_clause(**{"    min: 10\n    max: 1000\n": "    min: 0\n"})
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text.replace("type: integer", "type: amount")}))
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values={"uren": value}, catalogue=catalogue)
    assert info.value.lines() == [message]


def test_a_parameter_set_twice_with_two_values_is_refused():
    """`--set begin_uur=7 --set begin_uur=8` kept the last value without a word."""
    from sociaalaankopen.draft import parse_clause_option
    from sociaalaankopen.render import parse_assignments

    with pytest.raises(ParameterError) as info:
        parse_assignments(["uren=7", "uren=8"], "proef")
    assert info.value.lines() == ["proef: uren: is given twice, with two values (give each parameter once)"]
    assert parse_assignments(["uren=7", "uren=7"], "proef") == {"uren": "7"}
    with pytest.raises(ParameterError):
        parse_clause_option("proef:uren=7,uren=8")


@pytest.mark.parametrize(("lang", "expected"), [("nl", "40,5"), ("fr", "40,5"), ("en", "40.5")])
def test_a_number_printed_without_the_number_filter_is_written_in_the_language(catalogue, lang, expected) -> None:
    # '{{ percentage_doelgroep }}' printed 'au moins 40.5 %' in French, while the values table said '40,5 %'.
    rendered = render_clause("voorbehouden-opdracht", lang, {"percentage_doelgroep": "40.5"}, catalogue=catalogue)
    assert f"{expected} %" in rendered.text.replace("\u00a0", " ")
    assert "40.5" not in rendered.text if lang != "en" else "40,5" not in rendered.text


def test_a_large_whole_number_printed_without_the_filter_gets_its_thousands_separator() -> None:
    assert render_text("Minstens {{ uren }} uur.", {"uren": 1000}, "proef", lang="nl") == "Minstens 1.000 uur."
    assert render_text("At least {{ uren }} hours.", {"uren": 1000}, "proef", lang="en") == "At least 1,000 hours."
    assert render_text("{{ ja }}", {"ja": True}, "proef", lang="nl") == "True"  # not a number


SHARES = {
    "    label: {nl: Uren, fr: Heures, en: Hours}\n": (
        "    label: {nl: Uren, fr: Heures, en: Hours}\n"
        "  vast:\n    type: percentage\n    default: 20\n    min: 20\n    max: 60\n    unit: '%'\n"
        "    label: {nl: Vast, fr: Fixe, en: Fixed}\n"
        "  loon:\n    type: percentage\n    default: 70\n    min: 20\n    max: 80\n    unit: '%'\n"
        "    label: {nl: Loon, fr: Salaire, en: Wages}\n"
        "limits:\n  - sum: [loon, vast]\n    max: 100\n"
    ),
    **{
        f"{start} {{{{ uren }}}} {unit}.\n": f"{start} {{{{ uren }}}} {unit}: {{{{ loon }}}} + {{{{ vast }}}}.\n"
        for start, unit in [("presteert", "uur"), ("preste", "heures"), ("performs", "hours")]
    },
}


def test_values_each_allowed_that_together_break_a_limit_are_refused(tmp_catalogue):
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause(**SHARES)}))
    assert render_clause("proef", values={"loon": 80, "vast": 20}, catalogue=catalogue).values["loon"] == 80
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values={"loon": 75, "vast": 30}, catalogue=catalogue)
    assert info.value.lines() == [
        "proef: loon + vast: ‘Wages’ + ‘Fixed’ come to 105 % together, more than 100 % "
        "(lower them so that together they are at most 100 %)"
    ]
    assert info.value.lines("nl") == [
        "proef: loon + vast: ‘Loon’ + ‘Vast’ bedragen samen 105 %, meer dan 100 % "
        "(verlaag ze zodat ze samen hoogstens 100 % bedragen)"
    ]
    # One value alone can break it too, against the other's default; numbers as the language writes them.
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values={"vast": "40,5"}, catalogue=catalogue)
    assert "samen 110,5 %, meer dan 100 %" in info.value.lines("nl")[0]
    assert "110.5 % together" in info.value.lines("en")[0]


def test_a_limit_adds_up_in_cents_not_in_binary_fractions(tmp_catalogue):
    # 96.85 + 3.15 is 99.99999999999999 in floats: shares of exactly 100 % were refused as less.
    text = (
        minimal_clause(**SHARES)
        .replace(
            "limits:\n  - sum: [loon, vast]\n    max: 100\n",
            "limits:\n  - sum: [loon, vast]\n    min: 100\n    max: 100\n",
        )
        .replace("    default: 20\n    min: 20\n    max: 60\n", "    default: 30\n    min: 0\n    max: 100\n")
        .replace("    default: 70\n    min: 20\n    max: 80\n", "    default: 70\n    min: 0\n    max: 100\n")
    )
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    for loon, vast in [(96.85, 3.15), (88.7, 11.3), (33.33, 66.67), (0.1, 99.9)]:
        rendered = render_clause("proef", values={"loon": loon, "vast": vast}, catalogue=catalogue)
        assert (rendered.values["loon"], rendered.values["vast"]) == (loon, vast)
    with pytest.raises(ParameterError, match="99.99 % together, less than 100 %"):
        render_clause("proef", values={"loon": 96.85, "vast": 3.14}, catalogue=catalogue)


def test_a_wrong_value_is_said_once_not_again_as_a_broken_limit(tmp_catalogue):
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause(**SHARES)}))
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values={"loon": 95, "vast": 30}, catalogue=catalogue)
    assert info.value.lines() == ["proef: loon: 95 is out of range (use a percentage from 20 to 80 %)"]


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (
            "  - sum: [loon, dagen]\n    max: 100\n",
            "limits.0.sum: 'dagen' is not a numeric parameter of this clause "
            "(use one of its numeric parameters: loon, uren, vast)",
        ),
        (
            "  - sum: [loon, vast]\n    max: 80\n",
            "limits.0: the defaults (loon=70, vast=20) do not keep this limit (change the defaults or the limit)",
        ),
        (
            "  - sum: [loon, vast]\n",
            "limits.0: a limit needs 'min', 'max' or both (give 'max: 100', 'min: 0' or the name of a parameter)",
        ),
        (
            "  - sum: [loon]\n    max: 100\n",
            "limits.0: a limit on one parameter needs another parameter as its bound (else use its min and max) "
            "(add a parameter to 'sum', or name a parameter as the bound)",
        ),
        (
            "  - sum: [loon, vast]\n    max: vast\n",
            "limits.0: 'vast' is both added up and the bound of the sum "
            "(bound the sum by a number or by another parameter)",
        ),
        (
            "  - sum: [loon]\n    max: onbekend\n",
            "limits.0.max: 'onbekend' is not a numeric parameter of this clause "
            "(give a number (without quotes) or the name of a numeric parameter: loon, uren, vast)",
        ),
        (
            '  - sum: [loon, vast]\n    max: "100"\n',
            "limits.0.max: '100' is not a numeric parameter of this clause "
            "(give a number (without quotes) or the name of a numeric parameter: loon, uren, vast)",
        ),
        ("  - sum: [loon, vast]\n    max: 100.125\n", "limits.0: 100.125 has more than two decimals"),
        (
            "  - sum: [loon, uren]\n    max: 1100\n",
            "limits.0: adds up parameters in different units: loon (%), uren (uur)",
        ),
        (
            "  - sum: [loon, vast]\n    min: 120\n    max: 100\n",
            "limits.0: min 120 is greater than max 100 (swap them)",
        ),
    ],
    ids=[
        "unknown",
        "defaults",
        "no-bound",
        "one-alone",
        "self-bound",
        "unknown-bound",
        "quoted",
        "decimals",
        "units",
        "min-max",
    ],
)
def test_a_limit_the_catalogue_cannot_keep_is_refused_at_load(tmp_catalogue, limit, expected):
    text = minimal_clause(**SHARES).replace("  - sum: [loon, vast]\n    max: 100\n", limit)
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert len(info.value.lines()) == 1
    assert info.value.lines()[0].split("proef.md: ", 1)[1].startswith(expected)


def test_a_boolean_bound_is_no_number(tmp_catalogue):
    # YAML's true was taken as 1: 'ten minste 1 %' in the annex.
    text = minimal_clause(**SHARES).replace("    max: 100\n", "    min: true\n    max: 100\n")
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert "limits.0.min" in info.value.lines()[0]


def test_every_problem_of_a_clause_s_limits_is_said_at_once(tmp_catalogue):
    text = minimal_clause(**SHARES).replace(
        "  - sum: [loon, vast]\n    max: 100\n",
        "  - sum: [loon, onbekend]\n    max: 100\n  - sum: [vast]\n    max: niets\n"
        "  - sum: [loon, vast]\n    max: 100\n    when: {kleur: [rood]}\n",
    )
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(tmp_catalogue({"proef.md": text}))
    fields = [line.split("proef.md: ", 1)[1].split(":", 1)[0] for line in info.value.lines()]
    assert fields == ["limits.0.sum", "limits.1.max", "limits.2.when"]


def test_a_limit_on_a_text_parameter_is_refused_at_load(tmp_catalogue):
    text = minimal_clause(**SHARES).replace(
        "  vast:\n    type: percentage\n    default: 20\n    min: 20\n    max: 60\n    unit: '%'\n",
        "  vast:\n    type: text\n    default: twintig\n",
    )
    with pytest.raises(CatalogueError, match="limits.0.sum: 'vast' is not a numeric parameter of this clause"):
        Catalogue.load(tmp_catalogue({"proef.md": text}))


def test_the_price_revision_shares_cannot_pass_the_whole_price(catalogue):
    # a (wages) + c (fixed) leave b = 100 % - a - c for the other costs: each was allowed alone, 80 + 60 too.
    with pytest.raises(ParameterError, match="aandeel_loon \\+ aandeel_vast: .* come to 140 % together"):
        render_clause(
            "prijsherziening-sectorale-loonkost",
            values={"aandeel_loon": 80, "aandeel_vast": 60},
            catalogue=catalogue,
        )


def test_a_value_bounded_by_another_parameter_is_refused_beyond_it(catalogue):
    # 'at most 5 lots per tenderer' in a contract of 3 lots limits nobody: each value was allowed alone.
    clause = "percelen-sociale-economie"
    assert render_clause(clause, values={"aantal_percelen": 3, "max_percelen": 3}, catalogue=catalogue).values
    with pytest.raises(ParameterError) as info:
        render_clause(clause, values={"aantal_percelen": 3, "max_percelen": 5}, catalogue=catalogue)
    assert info.value.lines("nl") == [
        "percelen-sociale-economie: max_percelen: ‘Maximumaantal percelen per inschrijver’ (5 percelen) is meer dan "
        "‘Aantal percelen’ (3 percelen) (verlaag het tot hoogstens 3 percelen, of verhoog ‘Aantal percelen’)"
    ]
    # Not when the bound itself is wrong (it was compared with the default the buyer had just overridden),
    # nor without a limit per tenderer, where the text does not print the maximum.
    with pytest.raises(ParameterError) as info:
        render_clause(clause, values={"aantal_percelen": "abc", "max_percelen": 5}, catalogue=catalogue)
    assert [p.field for p in info.value.problems] == ["aantal_percelen"]
    values = {"aantal_percelen": 3, "max_percelen": 5, "beperking": "geen"}
    assert render_clause(clause, values=values, catalogue=catalogue).values["max_percelen"] == 5


AMOUNT = {"    type: integer\n    default: 100\n": "    type: amount\n    default: 100\n"}


@pytest.mark.parametrize(("value", "text"), [("100,5", "100,50"), (100.5, "100,50"), ("99,99", "99,99"), (250, "250")])
def test_an_amount_with_cents_is_said_with_both_decimals(tmp_catalogue, value, text):
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause(**AMOUNT)}))
    rendered = render_clause("proef", values={"uren": value}, catalogue=catalogue)
    assert rendered.text == f"De opdrachtnemer presteert {text} uur."


@pytest.mark.parametrize("value", ["10.1234", 100.125, "250,5555"])
def test_a_value_with_more_decimals_than_the_text_says_is_refused(tmp_catalogue, value):
    # The text printed 100,13 while the JSON annex kept 100.125. ('100,125' is refused as ambiguous.)
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": minimal_clause(**AMOUNT)}))
    with pytest.raises(ParameterError) as info:
        render_clause("proef", values={"uren": value}, catalogue=catalogue)
    assert info.value.lines()[0].endswith("has more than two decimals (round it to two decimals)")


def test_a_catalogue_number_with_more_than_two_decimals_is_refused(tmp_catalogue):
    text = minimal_clause(**{"    type: integer\n    default: 100\n": "    type: amount\n    default: 100.125\n"})
    with pytest.raises(CatalogueError, match="parameters.uren.default: default 100.125 has more than two decimals"):
        Catalogue.load(tmp_catalogue({"proef.md": text}))


def test_an_amount_default_with_cents_is_said_with_both_decimals(tmp_catalogue):
    text = minimal_clause(**{"    type: integer\n    default: 100\n": "    type: amount\n    default: 100.5\n"})
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert render_clause("proef", catalogue=catalogue).text == "De opdrachtnemer presteert 100,50 uur."
