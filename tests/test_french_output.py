"""A French annex and a French match report as a French-speaking buyer reads them: citations in French,
and French typography (a no-break space before a colon)."""

from __future__ import annotations

import re

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


LOOSE = re.compile(r"\S [:;!?»]|« \S")  # an ordinary space where French puts a no-break one


def test_french_markdown_sets_the_signs_of_the_text_and_leaves_code_and_addresses() -> None:
    from sociaalaankopen.typography import french_markdown

    text = (
        "**Sélection :** art. 15 : voir `a : b` et <https://x.be/a?b=1>, [lien : ici](https://x.be/a:b?c=d) "
        "à 10:30 ; ratio 1:3 ? « mot » ! ![image](x.png) [à compléter : nom]\n\n"
        "| a | b |\n| :--- | ---: |\n| x ; y | « z » |\n\n```\ncode : x\n```"
    )
    assert french_markdown(text) == (
        "**Sélection\u00a0:** art. 15\u00a0: voir `a : b` et <https://x.be/a?b=1>, [lien\u00a0: ici](https://x.be/a:b?c=d) "
        "à 10:30\u00a0; ratio 1:3\u00a0? «\u00a0mot\u00a0»\u00a0! ![image](x.png) [à compléter\u00a0: nom]\n\n"
        "| a | b |\n| :--- | ---: |\n| x\u00a0; y | «\u00a0z\u00a0» |\n\n```\ncode : x\n```"
    )
    assert french_markdown(french_markdown(text)) == french_markdown(text)


def test_a_french_clause_text_sets_its_signs_with_no_break_spaces(catalogue: Catalogue) -> None:
    """The French clause texts said 'Similaire signifie : de même nature ; …' with ordinary spaces: a line of
    the cahier spécial des charges could break before the colon. A value in the text is set the same way,
    and a placeholder it holds is still the parameter's."""
    from sociaalaankopen.draft import clause_placeholders
    from sociaalaankopen.render import render_clause

    rendered = render_clause(catalogue.clause("motivering-geen-percelen"), "fr")
    assert not LOOSE.search(rendered.text) and not LOOSE.search(rendered.marked)
    assert "[explication concrète\u00a0: quelles prestations" in rendered.text
    held = [p for p in clause_placeholders(rendered, "fr") if p.text.startswith("[explication")]
    assert [p.parameter for p in held] == ["toelichting"]
    every = [c.id for c in catalogue.clauses.values() if c.text.fr and LOOSE.search(render_clause(c, "fr").text)]
    assert every == []


def test_a_french_annex_sets_its_signs_in_markdown_html_and_word(catalogue: Catalogue) -> None:
    """Headings ('Avant l'avis : consultation du marché'), table cells ('1–29 lots ; au plus « Nombre de
    lots »') and clause texts of the French annex kept ordinary spaces before : ; ? ! and inside « »."""
    import io

    from docx import Document

    from sociaalaankopen.draft import draft_for_tender
    from sociaalaankopen.readers import read_tender

    draft = draft_for_tender(catalogue, read_tender("examples/nettoyage-maisons-fitt.xml"), lang="fr")
    markdown = draft_bytes(draft, "markdown").decode("utf-8")
    assert not LOOSE.search(markdown)
    assert "# Avant l'avis\u00a0: consultation du marché" in markdown
    assert "1–29 lots\u00a0; au plus «\u00a0Nombre de lots\u00a0»" in markdown
    assert "|---|---|---|---|" in markdown
    html = draft_bytes(draft, "html").decode("utf-8")
    assert not LOOSE.search(re.sub(r"<[^>]*>", "", html.split("</style>")[1]))
    document = Document(io.BytesIO(draft_bytes(draft, "docx")))
    runs = [r.text for p in document.paragraphs for r in p.runs]
    runs += [r.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert runs and [r for r in runs if LOOSE.search(r)] == []
    assert not LOOSE.search("\n".join(p.text for p in document.paragraphs))
    dutch = draft_bytes(draft_for_tender(catalogue, read_tender("examples/groenonderhoud.txt")), "markdown")
    assert "\u00a0" not in dutch.decode("utf-8")
