"""The clause renderer: checked parameters and a sandbox that hostile catalogues cannot escape."""

from __future__ import annotations

import pytest

from conftest import minimal_clause
from sociaalaankopen import Catalogue, CatalogueError, ParameterError, TemplateError
from sociaalaankopen.render import render_clause, render_text

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


def test_hostile_clause_file_cannot_load_or_render(tmp_catalogue):
    text = minimal_clause(**{"presteert {{ uren }} uur.": "presteert {{ uren }} {{ uren.__class__.__mro__ }}."})
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    with pytest.raises(TemplateError) as info:
        render_clause("proef", catalogue=catalogue)
    assert "refused by the sandbox" in info.value.lines()[0]
    assert info.value.lines()[0].startswith(str(catalogue.roots[0] / "proef.md"))


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
        ({"uren": "5"}, "proef: uren: 5 is out of range (use a whole number from 10 to 1000 uur)"),
        ({"uren": "12.5"}, "proef: uren: 12.5 is not a whole number (use a whole number from 10 to 1000 uur)"),
        ({"uren": "veel"}, "proef: uren: 'veel' is not a number (use a whole number from 10 to 1000 uur)"),
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
