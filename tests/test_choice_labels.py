"""A choice parameter's choices as a person reads them (`choice_labels`): the id in the templates and on
the command line, the label in the tool, the guide and the annex, each in its language."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import minimal_clause
from sociaalaankopen import Catalogue
from sociaalaankopen.cli import cli
from sociaalaankopen.draft import build_draft
from sociaalaankopen.errors import CatalogueError
from sociaalaankopen.site.views import clause_view
from sociaalaankopen.web import create_app

REPORTING = "uitvoering-rapportering-sociale-clausules"


def test_the_annex_says_the_choice_in_its_language(catalogue: Catalogue) -> None:
    draft = build_draft(catalogue, [(REPORTING, {"frequentie": "halfjaarlijks"})], lang="fr")
    row = next(r for r in draft.values if r.name == "frequentie")
    assert row.value == "semestriel"
    assert row.allowed == "mensuel, trimestriel, semestriel, à chaque état d'avancement"
    (item,) = [item for section in draft.sections for item in section.items]
    assert "chaque semestre" in item.rendered.text  # the template compared the id


def test_the_guide_says_choices_and_units_in_the_page_language(catalogue: Catalogue) -> None:
    parameters = clause_view(catalogue.clauses[REPORTING], [], [], [], lang="en")["parameters"]
    frequency = next(p for p in parameters if p[3] == "frequentie")
    assert frequency[1:3] == ("quarterly", "monthly, quarterly, every six months, with each progress statement")
    hours = clause_view(catalogue.clauses["uitvoering-tewerkstelling-arbeidsuren"], [], [], [], lang="fr")
    months = next(p for p in hours["parameters"] if p[3] == "maanden_werkzoekend")
    assert months[1] == "12 mois"  # the unit in French: it said '12 maanden'


def test_the_tool_shows_labels_and_sends_ids(catalogue: Catalogue) -> None:
    with TestClient(create_app(catalogue)) as client:
        page = client.get("/fr/compose", params={"clause": REPORTING}).text
    assert '<option value="halfjaarlijks">semestriel</option>' in page
    assert '<option value="per kwartaal" selected>trimestriel</option>' in page


def test_the_command_line_takes_the_id_and_shows_units_in_its_language() -> None:
    result = CliRunner().invoke(cli, ["clauses", "show", "uitvoering-tewerkstelling-arbeidsuren", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "  maanden_werkzoekend = 12 mois  (" in result.output
    # A choice is typed by its id or named by its label in any language (the French label here).
    result = CliRunner().invoke(cli, ["clauses", "show", REPORTING, "--set", "frequentie=semestriel", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "frequentie = semestriel [halfjaarlijks]" in result.output
    result = CliRunner().invoke(cli, ["clauses", "show", REPORTING, "--set", "frequentie=parfois", "--lang", "fr"])
    assert result.exit_code == 1
    assert "'parfois'" in result.stderr and "halfjaarlijks" in result.stderr


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (
            "choice_labels: {a: {nl: A, fr: A, en: A}}",
            "'choice_labels' must name every choice once: a, b",
        ),
        (
            "choice_labels: {a: {nl: A, fr: A, en: A}, b: {nl: B, fr: B, en: B}, c: {nl: C, fr: C, en: C}}",
            "'choice_labels' must name every choice once: a, b",
        ),
        ("choice_labels: {a: {nl: A}, b: {nl: B, fr: B, en: B}}", "fr"),
    ],
)
def test_choice_labels_must_name_every_choice_in_every_language(tmp_catalogue, labels: str, expected: str) -> None:
    text = minimal_clause(
        **{
            "uren:\n": f"soort:\n    type: choice\n    default: a\n    choices: [a, b]\n    {labels}\n    label: "
            "{nl: Soort, fr: Sorte, en: Kind}\n  uren:\n"
        }
    )
    with pytest.raises(CatalogueError) as info:
        Catalogue.load(tmp_catalogue({"proef.md": text}))
    assert expected in str(info.value)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_guide_and_the_annex_say_alike_what_a_parameter_takes(catalogue: Catalogue, lang: str) -> None:
    # One description of the values a parameter accepts: the guide's clause page said '30 tot 100'
    # where the annex and the tool said '30–100 %'.
    compared = 0
    for clause in catalogue.clauses.values():
        if not clause.parameters:
            continue
        draft = build_draft(catalogue, [(clause.id, {})], lang=lang)
        annex = {row.name: row.allowed for row in draft.values}
        guide = {p[3]: p[2] for p in clause_view(clause, [], [], [], lang=lang)["parameters"]}
        assert guide == annex, clause.id
        compared += len(guide)
    assert compared > 50


def test_a_number_without_bounds_is_said_free_with_its_unit(tmp_catalogue) -> None:
    text = minimal_clause(**{"    min: 10\n    max: 1000\n": ""})
    catalogue = Catalogue.load(tmp_catalogue({"proef.md": text}))
    clause = catalogue.clauses["proef"]
    assert [p[2] for p in clause_view(clause, [], [], [], lang="fr")["parameters"]] == ["libre (heures)"]
    (row,) = build_draft(catalogue, [("proef", {})], lang="nl").values
    assert row.allowed == "vrij (uur)"


def test_clauses_show_says_values_as_the_text_does() -> None:
    # The values block said 'straf_bedrag = 1000.5 EUR' and 'frequentie = per kwartaal' on a French page.
    result = CliRunner().invoke(
        cli, ["clauses", "show", "conflictvrije-mineralen-ict", "--set", "straf_bedrag=1000,5", "--lang", "fr"]
    )
    assert result.exit_code == 0, result.output
    assert "  straf_bedrag = 1.000,50 EUR  (" in result.output  # an amount with cents: both decimals
    result = CliRunner().invoke(cli, ["clauses", "show", REPORTING, "--lang", "fr"])
    assert "  frequentie = trimestriel [per kwartaal]  (" in result.output  # the id --set takes, beside it


@pytest.mark.parametrize("said", ["mensuel", "Monthly", "MAANDELIJKS", "  maandelijks "])
def test_a_choice_may_be_named_by_its_label_in_any_language(catalogue, said) -> None:
    """A French buyer's `--set frequentie=mensuel` was refused with a list of Dutch ids."""
    from sociaalaankopen.render import coerce

    clause = catalogue.clause("uitvoering-rapportering-sociale-clausules")
    assert coerce(clause, "frequentie", said) == "maandelijks"


def test_a_word_that_names_no_choice_is_still_refused(catalogue) -> None:
    from sociaalaankopen.errors import ParameterError
    from sociaalaankopen.render import coerce

    with pytest.raises(ParameterError):
        coerce(catalogue.clause("uitvoering-rapportering-sociale-clausules"), "frequentie", "parfois")
