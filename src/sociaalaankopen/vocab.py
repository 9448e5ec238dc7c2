"""The controlled vocabularies of the catalogue, with their nl/fr/en labels.

This module is the one place where instruments, themes, ambition levels, contract types,
buyer types and the eForms social code lists are defined. Models, matcher, annex and site
all refer to it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")
Language = Literal["nl", "fr", "en"]


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary with its labels."""

    id: str
    nl: str
    fr: str
    en: str

    def label(self, lang: str = "nl") -> str:
        return str(getattr(self, lang, self.nl))


# Instruments in legal order: the order of the stages of a procurement procedure.
# The annex and the guide list clauses in this order.
INSTRUMENTS: tuple[Term, ...] = (
    Term("market_consultation", "Marktconsultatie", "Consultation du marché", "Market consultation"),
    Term("lots", "Verdeling in percelen", "Division en lots", "Division into lots"),
    Term("reserved_contract", "Voorbehouden opdracht", "Marché réservé", "Reserved contract"),
    Term("exclusion_ground", "Uitsluitingsgrond", "Motif d'exclusion", "Exclusion ground"),
    Term("selection_criterion", "Selectiecriterium", "Critère de sélection", "Selection criterion"),
    Term("technical_specification", "Technische specificatie", "Spécification technique", "Technical specification"),
    Term("award_criterion", "Gunningscriterium", "Critère d'attribution", "Award criterion"),
    # The examination of abnormally low prices (Act art. 84) is a check at the award stage, not a criterion.
    Term("price_examination", "Prijsonderzoek", "Vérification des prix", "Price examination"),
    Term("performance_condition", "Uitvoeringsvoorwaarde", "Condition d'exécution", "Performance condition"),
)

# The same instruments as headings of a stage in the annex and the guide: plural where the language uses it.
_PLURALS: dict[str, tuple[str, str, str]] = {
    "exclusion_ground": ("Uitsluitingsgronden", "Motifs d'exclusion", "Exclusion grounds"),
    "selection_criterion": ("Selectiecriteria", "Critères de sélection", "Selection criteria"),
    "technical_specification": ("Technische specificaties", "Spécifications techniques", "Technical specifications"),
    "award_criterion": ("Gunningscriteria", "Critères d'attribution", "Award criteria"),
    "performance_condition": ("Uitvoeringsvoorwaarden", "Conditions d'exécution", "Performance conditions"),
}
STAGES: tuple[Term, ...] = tuple(Term(t.id, *_PLURALS.get(t.id, (t.nl, t.fr, t.en))) for t in INSTRUMENTS)

THEMES: tuple[Term, ...] = (
    Term("social_economy", "Sociale economie", "Économie sociale", "Social economy"),
    Term("employment", "Tewerkstelling van kansengroepen", "Emploi des groupes cibles", "Employment of target groups"),
    Term(
        "training",
        "Opleiding en werkplekleren",
        "Formation et apprentissage sur le lieu de travail",
        "Training and work-based learning",
    ),
    Term("decent_work", "Waardig werk in de keten", "Travail décent dans la chaîne", "Decent work in supply chains"),
    Term("fair_trade", "Eerlijke handel", "Commerce équitable", "Fair trade"),
    Term("accessibility", "Toegankelijkheid", "Accessibilité", "Accessibility"),
    Term(
        "social_dumping", "Bestrijding van sociale dumping", "Lutte contre le dumping social", "Fighting social dumping"
    ),
    Term(
        "equal_opportunities",
        "Gelijke kansen en diversiteit",
        "Égalité des chances et diversité",
        "Equal opportunities and diversity",
    ),
    Term("sme_access", "Toegang voor kmo's", "Accès des PME", "SME access"),
)

AMBITIONS: tuple[Term, ...] = (
    Term("1", "Basis", "De base", "Basic"),
    Term("2", "Significant", "Significatif", "Significant"),
    Term("3", "Ambitieus", "Ambitieux", "Ambitious"),
)

CONTRACT_TYPES: tuple[Term, ...] = (
    Term("works", "Werken", "Travaux", "Works"),
    Term("supplies", "Leveringen", "Fournitures", "Supplies"),
    Term("services", "Diensten", "Services", "Services"),
)

# How well a route or clause fits a tender, in words (the number stays in JSON): see matching/routes.py.
FIT_STRENGTHS: tuple[Term, ...] = (
    Term("strong", "sterk", "forte", "strong"),
    Term("good", "goed", "bonne", "good"),
    Term("possible", "mogelijk", "possible", "possible"),
)

# What a clause does in a route.
ROUTE_ROLES: tuple[Term, ...] = (
    Term("preparation", "vóór de aankondiging", "avant l'avis", "before the notice"),
    Term("core", "kern", "base", "core"),
    Term("optional", "aanvullend", "complémentaire", "additional"),
    Term("cross-cutting", "overkoepelend", "transversale", "cross-cutting"),
    Term("chosen", "gekozen", "choisie", "chosen"),
)

BUYER_TYPES: tuple[Term, ...] = (
    Term("gemeente", "Gemeente of stad", "Commune ou ville", "Municipality"),
    Term("ocmw", "OCMW", "CPAS", "Public social welfare centre (OCMW)"),
    Term("woonzorgcentrum", "Woonzorgcentrum", "Maison de repos et de soins", "Residential care centre"),
    Term(
        "sociale_huisvestingsmaatschappij",
        "Sociale huisvestingsmaatschappij",
        "Société de logement social",
        "Social housing company",
    ),
    Term("intercommunale", "Intercommunale", "Intercommunale", "Intermunicipal company"),
    Term("school", "School of scholengroep", "École ou groupe scolaire", "School or school group"),
    Term("provincie", "Provincie", "Province", "Province"),
    Term("politiezone", "Politiezone", "Zone de police", "Police zone"),
    Term("hulpverleningszone", "Hulpverleningszone", "Zone de secours", "Emergency services zone"),
    Term("vlaamse_overheid", "Vlaamse overheid", "Autorité flamande", "Flemish government"),
    Term("federale_overheid", "Federale overheid", "Autorité fédérale", "Federal government"),
    Term("ziekenhuis", "Ziekenhuis", "Hôpital", "Hospital"),
    Term("andere", "Andere aanbesteder", "Autre pouvoir adjudicateur", "Other contracting authority"),
)

EXAMPLE_STATUSES: tuple[Term, ...] = (
    Term("sourced", "Met bron", "Sourcé", "Sourced"),
    Term("illustrative", "Illustratief", "Illustratif", "Illustrative"),
)

# The eForms business terms a clause can imply, and the code list each one draws from.
EFORMS_FIELDS: dict[str, str] = {
    "BT-06": "strategic-procurement",
    "BT-71": "reserved-procurement",
    "BT-775": "social-objective",
    "BT-736": "applicability_reserved-execution",
}

EFORMS_FIELD_LABELS: dict[str, Term] = {
    "BT-06": Term("BT-06", "Strategische aanbesteding", "Passation de marché stratégique", "Strategic procurement"),
    "BT-71": Term("BT-71", "Voorbehouden deelname", "Participation réservée", "Reserved participation"),
    "BT-775": Term("BT-775", "Sociale doelstelling", "Objectif social", "Social objective"),
    "BT-736": Term("BT-736", "Voorbehouden uitvoering", "Exécution réservée", "Reserved execution"),
}

INSTRUMENT_IDS = tuple(t.id for t in INSTRUMENTS)
THEME_IDS = tuple(t.id for t in THEMES)
CONTRACT_TYPE_IDS = tuple(t.id for t in CONTRACT_TYPES)
BUYER_TYPE_IDS = tuple(t.id for t in BUYER_TYPES)

InstrumentId = Literal[
    "market_consultation",
    "lots",
    "reserved_contract",
    "exclusion_ground",
    "selection_criterion",
    "technical_specification",
    "award_criterion",
    "price_examination",
    "performance_condition",
]
ThemeId = Literal[
    "social_economy",
    "employment",
    "training",
    "decent_work",
    "fair_trade",
    "accessibility",
    "social_dumping",
    "equal_opportunities",
    "sme_access",
]
ContractType = Literal["works", "supplies", "services"]
BuyerType = Literal[
    "gemeente",
    "ocmw",
    "woonzorgcentrum",
    "sociale_huisvestingsmaatschappij",
    "intercommunale",
    "school",
    "provincie",
    "politiezone",
    "hulpverleningszone",
    "vlaamse_overheid",
    "federale_overheid",
    "ziekenhuis",
    "andere",
]
ParameterType = Literal["integer", "percentage", "amount", "text", "choice"]
AmbitionLevel = Literal[1, 2, 3]
ExampleStatus = Literal["sourced", "illustrative"]
EformsField = Literal["BT-06", "BT-71", "BT-775", "BT-736"]


def term(vocabulary: tuple[Term, ...], id: str) -> Term:
    """The term with this id; KeyError when the vocabulary has none."""
    for t in vocabulary:
        if t.id == id:
            return t
    raise KeyError(id)


def label(vocabulary: tuple[Term, ...], id: str | int, lang: str = "nl") -> str:
    return term(vocabulary, str(id)).label(lang)


def slug(text: str) -> str:
    """'Condition d'exécution' -> 'condition-d-execution': lowercase, no accents, words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def _first_word(text: str) -> str:
    return slug(text).split("-")[0]


@cache
def words(vocabulary: tuple[Term, ...]) -> dict[str, str]:
    """Every word a person may type for a term -> its id: the id, each label, and each label's first word
    ('opleiding', 'formation') when no other term's label starts with it."""
    found: dict[str, str] = {}
    firsts: dict[str, set[str]] = {}
    for t in vocabulary:
        found[t.id] = t.id
        found[slug(t.id)] = t.id
        for lang in LANGUAGES:
            found.setdefault(slug(t.label(lang)), t.id)
            firsts.setdefault(_first_word(t.label(lang)), set()).add(t.id)
    for word, ids in firsts.items():
        if len(ids) == 1 and len(word) >= 3:
            found.setdefault(word, next(iter(ids)))
    return found


def find_word(vocabulary: tuple[Term, ...], word: str) -> str | None:
    """The id of the term `word` names (an id or a Dutch, French or English label), or None."""
    return words(vocabulary).get(slug(word))


def short_words(vocabulary: tuple[Term, ...], t: Term) -> list[str]:
    """The id and the shortest Dutch and French words that name `t`, for help texts."""
    mine = [w for w, id in words(vocabulary).items() if id == t.id]
    shown = [t.id]
    for lang in ("nl", "fr"):
        full, first = slug(t.label(lang)), _first_word(t.label(lang))
        word = first if first in mine else full
        if word not in shown:
            shown.append(word)
    return shown


@cache
def eforms_codes() -> dict[str, dict[str, Term]]:
    """The eForms code lists shipped with the package: {list name: {code: Term}}."""
    import csv  # here, not at the top: the CLI starts without them
    from importlib import resources

    lists: dict[str, dict[str, Term]] = {}
    text = resources.files("sociaalaankopen").joinpath("data/eforms_codelists.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        lists.setdefault(row["codelist"], {})[row["code"]] = Term(
            row["code"], row["label_nl"], row["label_fr"], row["label_en"]
        )
    return lists


def eforms_label(field: str, code: str, lang: str = "nl") -> str:
    return eforms_codes()[EFORMS_FIELDS[field]][code].label(lang)


# --- the observatory (`observe`) ---------------------------------------------------------------------

# What a buyer can declare in a notice, as the observatory counts it. eForms: BT-71 (res-ws,
# res-pub-ser), BT-736 (reserved-execution), BT-06 (soc-obj); TED R2.0.9: RESTRICTED_SHELTERED_WORKSHOP,
# RESTRICTED_SHELTERED_PROGRAM, RESERVED_ORGANISATIONS_SERVICE_MISSION.
DECLARED_CODES: tuple[Term, ...] = (
    Term(
        "res-ws",
        "Voorbehouden aan beschutte werkplaatsen",
        "Réservé aux ateliers protégés",
        "Reserved for sheltered workshops",
    ),
    Term(
        "res-pub-ser",
        "Voorbehouden aan organisaties met een openbaredienstverleningstaak",
        "Réservé aux organisations ayant une mission de service public",
        "Reserved for public-service-mission organisations",
    ),
    Term(
        "reserved-execution",
        "Uitvoering voorbehouden in het kader van programma's voor beschutte arbeid",
        "Exécution réservée dans le cadre de programmes d'emplois protégés",
        "Execution reserved to sheltered employment programmes",
    ),
    Term("soc-obj", "Sociale doelstelling", "Objectif social", "Social objective"),
)
DECLARED_CODE_IDS = tuple(t.id for t in DECLARED_CODES)
# The declared codes that reserve a contract, a lot or its execution (an opportunity is a notice with none).
RESERVATION_CODE_IDS: tuple[str, ...] = ("res-ws", "res-pub-ser", "reserved-execution")

NOTICE_KINDS: tuple[Term, ...] = (
    Term("prior-information", "Vooraankondiging", "Avis de préinformation", "Prior information notice"),
    Term("contract-notice", "Aankondiging van opdracht", "Avis de marché", "Contract notice"),
    Term("award", "Aankondiging van gegunde opdracht", "Avis d'attribution", "Contract award notice"),
    Term(
        "voluntary-ex-ante",
        "Vrijwillige transparantie vooraf",
        "Transparence ex ante volontaire",
        "Voluntary ex ante transparency",
    ),
    Term("modification", "Wijziging van een opdracht", "Modification d'un marché", "Contract modification"),
    Term("corrigendum", "Rechtzetting", "Rectificatif", "Corrigendum"),
    Term("design-contest", "Prijsvraag", "Concours", "Design contest"),
    Term("qualification-system", "Kwalificatiesysteem", "Système de qualification", "Qualification system"),
    Term("other", "Andere", "Autre", "Other"),
)
NOTICE_KIND_IDS = tuple(t.id for t in NOTICE_KINDS)

# The documents `schema --of` describes: a clause file's front matter, and the JSON that export,
# match, match --batch (one line) and draft print. Their models are in schemas.py.
SCHEMA_KINDS = ("clause", "export", "match", "batch", "draft", "observe")
