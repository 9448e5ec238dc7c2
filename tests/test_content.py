"""The bundled catalogue: coverage, completeness and legal hygiene (issue 3)."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sociaalaankopen import Catalogue
from sociaalaankopen.cli import cli
from sociaalaankopen.legal import legal_references
from sociaalaankopen.render import render_clause
from sociaalaankopen.vocab import BUYER_TYPE_IDS, INSTRUMENT_IDS, LANGUAGES, THEME_IDS

REQUIRED_SECTORS = [
    "groenonderhoud", "schoonmaak", "catering-maaltijden", "wasserij-linnen", "drukwerk", "verpakking-mailing",
    "verhuis", "kringloop-hergebruik", "afvalinzameling-sortering", "fietsherstel", "digitalisering-scannen",
    "onthaal", "bewaking", "bouw-nieuwbouw", "renovatie", "wegenwerken-riolering", "ict-hardware",
    "ict-diensten-websites", "werkkledij-textiel", "koffie-thee-voeding", "promotiemateriaal", "meubilair",
    "sportmateriaal", "poetsdienst-thuishulp", "leerlingenvervoer", "schoonmaakproducten", "kantoorbenodigdheden",
]  # fmt: skip

# Articles of the Act of 17 June 2016 verified in the project's legal reference list. Any other
# article number of the Act in a clause text is a guess, and a guess does harm.
VERIFIED_ACT_ARTICLES = {"7", "15", "58", "66", "67", "68", "69", "81", "82", "84"}
ACT_ARTICLE = re.compile(
    r"(?:artikel|art\.|article)\s+(\d+)(?:(?!richtlijn|directive)[^.;]){0,80}?"
    r"(?:wet|loi|act)\s+(?:van|du|of)\s+17\s+(?:juni|juin|june)\s+2016",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load()


def _terms() -> dict[str, list[dict]]:
    text = resources.files("sociaalaankopen").joinpath("data/terms.yaml").read_text("utf-8")
    return yaml.safe_load(text)


PARAMETER = re.compile(r"\{\{-?\s*(\w+)|\{%-?\s*(?:el)?if\s+(\w+)")


def _structure(text: str) -> dict[str, object]:
    """What a full translation keeps: paragraphs, numbered and lettered points, list items, parameters."""
    return {
        "paragraphs": len([p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]),
        "numbered points": len(re.findall(r"(?m)^\s*\d+[.)]\s", text)),
        "lettered points": len(re.findall(r"(?m)^\s*[a-z][.)]\s", text)),
        "list items": len(re.findall(r"(?m)^\s*[-*]\s", text)),
        "parameters": sorted({name for pair in PARAMETER.findall(text) for name in pair if name}),
    }


def _clause_ids() -> list[str]:
    return sorted(Catalogue.load().clauses)


@pytest.mark.parametrize("clause_id", _clause_ids())
def test_french_and_english_texts_have_the_structure_of_the_dutch(catalogue, clause_id):
    clause = catalogue.clauses[clause_id]
    dutch = _structure(clause.text.get("nl"))
    for lang in ("fr", "en"):
        assert _structure(clause.text.get(lang)) == dutch, f"{clause_id} ({lang}) differs from the Dutch text"


@pytest.mark.parametrize("clause_id", _clause_ids())
def test_translations_are_about_as_long_as_the_dutch(catalogue, clause_id):
    """A French or English text much shorter than the Dutch is a summary, not a translation."""
    clause = catalogue.clauses[clause_id]
    dutch = len(clause.text.get("nl"))
    for lang in ("fr", "en"):
        ratio = len(clause.text.get(lang)) / dutch
        assert 0.85 <= ratio <= 1.25, f"{clause_id}: {lang}/nl length ratio {ratio:.2f} outside 0.85-1.25"


def _texts_in(clause, lang: str) -> list[str]:
    texts = [clause.title.get(lang), clause.summary.get(lang), clause.text.get(lang)]
    texts += [parameter.label.get(lang) for parameter in clause.parameters.values()]
    if lang == "nl":
        texts += [clause.when_to_use, clause.when_not, clause.verification]
    return [re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text) for text in texts]  # parameter names are not prose


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_term_list_holds(catalogue, lang):
    rules = [(rule["term"], re.compile(pattern, re.IGNORECASE)) for rule in _terms()[lang]
             for pattern in rule["forbidden"]]  # fmt: skip
    found = [
        f"{clause.id}: '{match.group(0)}' (use '{term}')"
        for clause in catalogue.clauses.values()
        for text in _texts_in(clause, lang)
        for term, pattern in rules
        for match in pattern.finditer(text)
    ]
    assert found == []


GUIDE = Path(__file__).resolve().parents[1] / "guide"


def _dutch_prose_beyond_the_clauses(catalogue) -> list[tuple[str, str]]:
    """(where, text) of the Dutch prose a buyer reads on the guide's pages besides the clauses."""
    texts: list[tuple[str, str]] = []
    for sector in catalogue.sectors.values():
        whys = [route.why.get("nl") for route in sector.routes]
        texts += [
            (f"sectors/{sector.id}", t)
            for t in (sector.title.nl, sector.summary.nl, sector.offer, sector.attention, *whys)
        ]
    for route in catalogue.routes.values():
        texts += [
            (f"routes/{route.id}", t) for t in (route.title.nl, route.summary.nl, route.when_to_use, route.when_not)
        ]
    for example in catalogue.examples.values():
        texts += [
            (f"examples/{example.id}", t)
            for t in (example.title.get("nl"), example.subject, example.situation, example.approach, example.result)
        ]
    texts += [(f"guide/{page.name}", page.read_text("utf-8")) for page in sorted(GUIDE.glob("*.md"))]
    return [(where, re.sub(r"\]\([^)]*\)", "]", text)) for where, text in texts if text]  # link targets are ids


def test_the_dutch_term_list_holds_beyond_the_clauses(catalogue):
    """Sector pages said "ILO-kernverdragen" where every clause says IAO, and the guide "een clausule zonder
    straf" where the term is bijzondere straf."""
    rules = [(rule["term"], re.compile(pattern, re.IGNORECASE)) for rule in _terms()["nl"]
             if rule.get("scope") != "clauses" for pattern in rule["forbidden"]]  # fmt: skip
    found = [
        f"{where}: '{match.group(0)}' (use '{term}')"
        for where, text in _dutch_prose_beyond_the_clauses(catalogue)
        for term, pattern in rules
        for match in pattern.finditer(text)
    ]
    assert found == []


def test_the_term_list_catches_its_forbidden_variants():
    terms = {lang: {rule["term"]: rule["forbidden"] for rule in rules} for lang, rules in _terms().items()}
    samples = [
        ("nl", "bijzondere straf", "wordt een straf van 100 euro toegepast", "een bijzondere straf van 100 euro"),
        ("fr", "pouvoir adjudicateur", "l'accord de l'adjudicateur", "l'accord du pouvoir adjudicateur"),
        ("fr", "pénalité spéciale", "une pénalité de 100 euros", "une pénalité spéciale de 100 euros"),
        ("fr", "approbation des sous-traitants", "la liste agréée", "la liste approuvée"),
        ("fr", "approbation des sous-traitants", "par sous-traitant non agréé", "par sous-traitant non approuvé"),
        ("fr", "approbation des sous-traitants", "il ne peut refuser l'agrément", "il ne peut refuser l'approbation"),
        # The recognition of works contractors (agréation) stays right.
        (
            "fr",
            "approbation des sous-traitants",
            "un sous-traitant déjà agréé",
            "des sous-traitants agréés dans la catégorie",
        ),
        ("en", "remedial measures", "the measures of office of that decree", "the remedial measures of that decree"),
        ("en", "special penalty", "a penalty of EUR 100", "a special penalty of EUR 100"),
    ]
    for lang, term, wrong, right in samples:
        patterns = [re.compile(p, re.IGNORECASE) for p in terms[lang][term]]
        assert any(p.search(wrong) for p in patterns), (lang, wrong)
        assert not any(p.search(right) for p in patterns), (lang, right)


# The legal basis sits in the clause's metadata and guidance, not at the head of the operative text.
DIRECTIVE_OPENING = {
    "nl": re.compile(r"overeenkomstig (?:artikel|art\.)[^.;]{0,80}?richtlijn", re.IGNORECASE),
    "fr": re.compile(r"conformément (?:à l'article|à l'art\.|aux articles)[^.;]{0,80}?directive", re.IGNORECASE),
    "en": re.compile(r"in accordance with (?:article|art\.)[^.;]{0,80}?directive", re.IGNORECASE),
}


def test_no_clause_text_rests_on_a_directive_article(catalogue):
    found = [
        f"{clause.id} ({lang})"
        for clause in catalogue.clauses.values()
        for lang, pattern in DIRECTIVE_OPENING.items()
        if pattern.search(clause.text.get(lang))
    ]
    assert found == []


# A Flemish programme named in a French or English text: the reader in Brussels or Wallonia, where it does
# not exist, must read that it is Flemish, in the title and summary, and in the text where it is named.
FLEMISH_ONLY = re.compile(r"wijk-werk", re.IGNORECASE)
SAYS_FLEMISH = {"fr": re.compile(r"flamand|Région flamande"), "en": re.compile(r"Flemish")}


def test_french_and_english_texts_say_that_wijk_werken_is_flemish(catalogue):
    found = [
        f"{clause.id} ({lang}, {part})"
        for clause in catalogue.clauses.values()
        for lang, says in SAYS_FLEMISH.items()
        for part, text in (
            ("title", clause.title.get(lang)),
            ("summary", clause.summary.get(lang)),
            ("text", clause.text.get(lang)),
        )
        if FLEMISH_ONLY.search(text) and not says.search(text)
    ]
    assert found == []


# 'Critère d'attribution qualité de la collaboration…' is no French (nor 'Award criterion quality of…' English):
# the subject of a criterion follows a colon, as in the other titles that name it.
CRITERION_TITLE = {"fr": ("Critère d'attribution", " :"), "en": ("Award criterion", ":")}


def test_titles_that_name_an_award_criterion_put_a_colon_after_it(catalogue):
    found = [
        f"{clause.id} ({lang}): {clause.title.get(lang)}"
        for clause in catalogue.clauses.values()
        for lang, (start, colon) in CRITERION_TITLE.items()
        if clause.title.get(lang).startswith(start) and not clause.title.get(lang).startswith(start + colon)
    ]
    assert found == []


def test_check_strict_passes_on_the_bundled_catalogue():
    result = CliRunner().invoke(cli, ["check", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_stages_are_the_instruments_in_the_same_order():
    from sociaalaankopen.vocab import STAGES

    assert tuple(t.id for t in STAGES) == INSTRUMENT_IDS


def test_sizes(catalogue):
    assert len(catalogue.clauses) >= 45
    assert len(catalogue.examples) >= 40
    assert sum(e.status == "sourced" for e in catalogue.examples.values()) >= 12
    assert len(catalogue.sectors) >= 25


@pytest.mark.parametrize("instrument", INSTRUMENT_IDS)
def test_every_instrument_has_clauses(catalogue, instrument):
    assert catalogue.select(instrument=instrument)


@pytest.mark.parametrize("theme", THEME_IDS)
def test_every_theme_has_clauses(catalogue, theme):
    assert catalogue.select(theme=theme)


@pytest.mark.parametrize("sector", REQUIRED_SECTORS)
def test_required_sectors_have_cpv_and_three_existing_recommendations(catalogue, sector):
    profile = catalogue.sectors[sector]
    assert profile.cpv
    assert len(profile.recommended) >= 3
    assert all(cid in catalogue.clauses for cid in profile.recommended)


def test_every_clause_is_complete_in_three_languages(catalogue):
    for clause in catalogue.clauses.values():
        for lang in LANGUAGES:
            assert clause.title.get(lang) and clause.summary.get(lang), clause.id
            assert clause.keywords.get(lang), f"{clause.id}: no {lang} keywords"
            assert clause.text.has(lang), f"{clause.id}: no {lang} text"
        assert clause.monitoring.unit and clause.monitoring.indicator


def test_legal_basis_only_from_the_data_file(catalogue):
    known = set(legal_references())
    for clause in catalogue.clauses.values():
        assert set(clause.legal_basis) <= known, clause.id


def test_no_guessed_article_of_the_act(catalogue):
    for clause in catalogue.clauses.values():
        for lang in LANGUAGES:
            text = clause.text.get(lang)
            for article in ACT_ARTICLE.findall(text):
                assert article in VERIFIED_ACT_ARTICLES, f"{clause.id} ({lang}) cites art. {article} of the Act"
        for field in (clause.when_to_use, clause.when_not, clause.verification):
            for article in ACT_ARTICLE.findall(field):
                assert article in VERIFIED_ACT_ARTICLES, f"{clause.id} cites art. {article} of the Act"


# A concession is not awarded on a bestek: its terms are in the concession documents, as the concession clauses
# write. "In het bestek" in a concession's text sends the buyer to look for a document the concession has not got.
PUBLIC_CONTRACT_DOCUMENTS = {
    "nl": re.compile(r"\bbestek\b", re.IGNORECASE),
    "fr": re.compile(r"\bcahier spécial des charges\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:the )?specifications\b", re.IGNORECASE),
}


def test_concession_clauses_speak_of_concession_documents(catalogue):
    found = [
        (clause.id, lang)
        for clause in catalogue.clauses.values()
        if "richtlijn-2014-23" in clause.legal_basis
        for lang in LANGUAGES
        if PUBLIC_CONTRACT_DOCUMENTS[lang].search(clause.text.get(lang))
    ]
    assert found == []


# "Artikel 58" alone on a sector page reads as the Act's lots or the Directive's selection criteria, "artikel 69, 1°" as
# an exclusion ground or abnormally low tenders. A sector page stands alone in the guide: the first time it cites an
# article, it names the Act or the Directive.
CITED_ARTICLE = re.compile(r"\b(?:artikel|article)\s+(\d+)(?!\d)", re.IGNORECASE)
INSTRUMENT = re.compile(r"\s*(?:,\s*)?(?:§\s*\d+|\d+°|lid \d+)?\s*(?:van|de|of)\s+(?:de |la |the )?(?:wet|richtlijn|loi|directive|act)\b",
                        re.IGNORECASE)  # fmt: skip


def _unnamed_articles(text: str) -> list[str]:
    named: set[str] = set()
    unnamed = []
    for match in CITED_ARTICLE.finditer(text):
        number = match.group(1)
        if INSTRUMENT.match(text, match.end()):
            named.add(number)
        elif number not in named:
            unnamed.append(match.group(0))
            named.add(number)
    return unnamed


def test_sector_pages_name_the_act_or_directive_of_an_article(catalogue):
    found = [
        (sector.id, article)
        for sector in catalogue.sectors.values()
        for text in (
            sector.offer,
            sector.attention,
            *(route.why.get(lang) for route in sector.routes for lang in LANGUAGES),
        )
        for article in _unnamed_articles(text)
    ]
    assert found == []
    assert _unnamed_articles("motiveer het (artikel 58).") == ["artikel 58"]
    assert _unnamed_articles("(artikel 66, §1 van de wet van 17 juni 2016) en later artikel 66") == []


def test_no_clause_text_leaves_a_parameter_unrendered(catalogue):
    for clause in catalogue.clauses.values():
        for lang in LANGUAGES:
            text = render_clause(clause, lang, catalogue=catalogue).text
            assert "{{" not in text and "{%" not in text and "}}" not in text, f"{clause.id} ({lang})"


def test_award_criteria_suggest_a_weighting(catalogue):
    for clause in catalogue.select(instrument="award_criterion"):
        assert clause.parameters["weging"].type == "percentage", clause.id


def test_reserved_contracts_declare_bt71(catalogue):
    for clause in catalogue.select(instrument="reserved_contract"):
        assert clause.eforms.get("BT-71") or clause.eforms.get("BT-736") == ["yes"], clause.id


def test_examples_spread_over_buyer_types_and_are_honest(catalogue):
    buyer_types = {e.buyer_type for e in catalogue.examples.values()}
    assert {"gemeente", "ocmw", "woonzorgcentrum", "sociale_huisvestingsmaatschappij", "intercommunale",
            "school"} <= buyer_types  # fmt: skip
    assert buyer_types <= set(BUYER_TYPE_IDS)
    for example in catalogue.examples.values():
        if example.status == "sourced":
            assert example.sources, example.id
        else:
            assert example.buyer is None, example.id


# Sourced examples whose source states no year for the case. Named one by one, so that a new sourced example
# without a year cannot slip in: find the year in the source, or leave the example out.
YEAR_NOT_IN_SOURCE = {"vlaams-brabant-erfgoedonderhoud-voorbehouden"}


def test_sourced_examples_name_the_buyer_a_year_and_only_web_sources(catalogue):
    """A reader must be able to open every source of a sourced example and see when the case happened."""
    sourced = [e for e in catalogue.examples.values() if e.status == "sourced"]
    assert sourced
    for example in sourced:
        assert example.buyer, example.id
        for source in example.sources:
            assert source.url and source.url.startswith("https://"), f"{example.id}: {source.title}"
        if example.id in YEAR_NOT_IN_SOURCE:
            assert example.year is None, f"{example.id} has a year now: take it out of YEAR_NOT_IN_SOURCE"
        else:
            assert example.year is not None, f"{example.id} has no year"
            assert 1990 <= example.year <= date.today().year, f"{example.id}: year {example.year}"


def test_multiword_keywords_carry_two_content_words(catalogue):
    """'bouw van' matched 'van … gebouwen' in a cleaning tender: a phrase of one word and an article or
    preposition is as loose as that word alone, and looser than it looks."""
    glue = {"van", "de", "het", "een", "voor", "in", "op", "met", "aan", "te", "der", "du", "des", "la", "le",
            "les", "of", "the", "a", "an", "for", "to", "on"}  # fmt: skip
    items = [*catalogue.clauses.values(), *catalogue.sectors.values()]
    weak = [
        (item.id, keyword)
        for item in items
        for keyword in item.keywords.all()
        if len(keyword.split()) > 1 and sum(w not in glue for w in keyword.lower().split()) < 2
    ]
    assert weak == []


def test_clauses_with_a_special_penalty_warn_about_small_value_contracts(catalogue):
    """The general implementing rules apply only partly to small-value contracts unless the tender documents
    declare them applicable; a buyer pasting a penalty clause into such a contract must be told."""
    silent = [
        clause.id
        for clause in catalogue.clauses.values()
        if "bijzondere straf" in clause.text.get("nl")
        and "beperkte waarde" not in " ".join((clause.when_to_use, clause.when_not, clause.verification))
    ]
    assert silent == []


# Words of every tender's procedure, not of a social clause: as keywords they matched any tender that states its
# award criteria ("Critères d'attribution : prix, qualité") to fair trade, diversity and integration plans.
PROCEDURE_WORDS = {
    "gunningscriterium",
    "gunningscriteria",
    "critère d'attribution",
    "critères d'attribution",
    "award criterion",
    "award criteria",
    "bestek",
    "cahier des charges",
    "specifications",
}


def test_no_keyword_is_a_word_of_every_procedure(catalogue):
    found = [
        (clause.id, word)
        for clause in catalogue.clauses.values()
        for word in clause.keywords.all()
        if word.lower() in PROCEDURE_WORDS
    ]
    assert not found, found


def test_a_choice_is_not_listed_in_its_parameters_label(catalogue):
    """The audit: the tool's Download page and the annex's values table said "Beperking per inschrijver: op
    het aantal gegunde percelen, op het aantal percelen waarop men mag inschrijven, of geen: op het aantal
    gegunde percelen" — a label written before choices had labels of their own still listed them, and the
    value chosen came after the list. The choices are shown where one is chosen; the label names the thing."""
    listed = []
    for clause in catalogue.clauses.values():
        for name, parameter in clause.parameters.items():
            for lang in LANGUAGES:
                label = parameter.label.get(lang).lower()
                named = [c for c, text in (parameter.choice_labels or {}).items() if text.get(lang).lower() in label]
                if len(named) >= 2:
                    listed.append(f"{clause.id}.{name} ({lang}): {parameter.label.get(lang)}")
    assert not listed, "\n".join(listed)
