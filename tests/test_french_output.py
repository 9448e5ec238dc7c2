"""A French annex and a French match report as a French-speaking buyer reads them: citations in French,
and French typography (a no-break space before a colon)."""

from __future__ import annotations

from click.testing import CliRunner

from sociaalaankopen import Catalogue
from sociaalaankopen.cli import cli
from sociaalaankopen.draft import draft_bytes, draft_for_route
from sociaalaankopen.legal import legal_references


def test_every_legal_reference_is_cited_in_three_languages() -> None:
    for ref in legal_references().values():
        assert ref.short_in("nl") == ref.short
        for lang in ("fr", "en"):
            assert ref.short_in(lang) != ref.short, (ref.key, lang)
            assert ref.title_in(lang) != ref.title, (ref.key, lang)
            assert "Wet " not in ref.short_in(lang) and "Richtlijn" not in ref.title_in(lang)


def test_a_french_annex_cites_the_law_in_french(catalogue: Catalogue) -> None:
    """Before, every French annex said 'Base juridique: art. 15 Wet 17 juni 2016; art. 20 Richtlijn 2014/24/EU'."""
    draft = draft_for_route(catalogue, "opdracht-voorbehouden", lang="fr", tender_title="Entretien")
    text = draft_bytes(draft, "markdown").decode("utf-8")
    assert "**Base juridique\u00a0:** art. 15 loi du 17 juin 2016\u00a0; art. 20 directive 2014/24/UE" in text
    cited = [line for line in text.splitlines() if line.startswith("**Base juridique")]
    assert cited and not [line for line in cited if "Wet " in line or "Richtlijn" in line or "KB " in line]
    assert "**Marché\u00a0:** Entretien" in text
    data = draft_bytes(draft, "json").decode("utf-8")
    assert '"short": "art. 15 loi du 17 juin 2016"' in data


def test_an_english_annex_keeps_its_colons(catalogue: Catalogue) -> None:
    text = draft_bytes(draft_for_route(catalogue, "opdracht-voorbehouden", lang="en"), "markdown").decode("utf-8")
    assert "**Legal basis:** Art. 15 Act of 17 June 2016; Art. 20 Directive 2014/24/EU" in text


def test_the_french_match_report_puts_a_space_before_its_colons() -> None:
    found = CliRunner().invoke(cli, ["match", "--lang", "fr", "Nettoyage des bâtiments communaux et des écoles"])
    assert found.exit_code == 0, found.output
    assert "Clauses\u00a0:" in found.output
    assert "pourquoi\u00a0:" in found.output or "Aucune voie" in found.output
    assert "Clauses:" not in found.output


def test_clauses_show_cites_the_law_in_the_language_asked() -> None:
    found = CliRunner().invoke(cli, ["clauses", "show", "voorbehouden-opdracht", "--lang", "fr"])
    assert found.exit_code == 0, found.output
    assert "art. 15 loi du 17 juin 2016" in found.output


def test_language_support_follows_the_language_of_the_work_floor(catalogue: Catalogue) -> None:
    """The French clause imposed Dutch coaching on a Walloon or Brussels contractor: the language is a choice now."""
    from sociaalaankopen.render import render_clause

    clause = catalogue.clause("uitvoering-taalondersteuning-werkvloer")
    french = render_clause(clause, "fr", {"taal": "frans"}).text
    assert "le français pour sa fonction" in french and "néerlandais" not in french
    german = render_clause(clause, "fr", {"taal": "duits"}).text
    assert "cours d'allemand langue seconde" in german  # not 'de allemand'
    dutch = render_clause(clause, "nl").text
    assert "het Nederlands onvoldoende beheerst" in dutch
