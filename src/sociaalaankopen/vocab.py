"""The controlled vocabularies of the catalogue, with their nl/fr/en labels.

This module is the one place where instruments, themes, ambition levels, contract types,
buyer types and the eForms social code lists are exposed. Models, matcher, annex and site
all refer to it. The terms and their labels are data, in `data/vocab.json` (read once, at import:
JSON, because the standard library reads it without slowing the CLI's start-up); the `Literal`
types below repeat their ids for the type checker, and a test keeps the two equal.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

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


@cache
def _vocabularies() -> dict[str, list[dict[str, Any]]]:
    """data/vocab.json: per vocabulary, its terms in order as {id, nl, fr, en, ...}."""
    with open(os.path.join(os.path.dirname(__file__), "data", "vocab.json"), encoding="utf-8") as f:
        data: dict[str, list[dict[str, Any]]] = json.load(f)
    return data


def _terms(name: str, labels: str = "") -> tuple[Term, ...]:
    """The terms of a vocabulary; with `labels`, each term's labels under that key where it has them."""
    return tuple(
        Term(entry["id"], *(entry.get(labels, entry)[lang] for lang in LANGUAGES)) for entry in _vocabularies()[name]
    )


# Instruments in legal order: the order of the stages of a procurement procedure.
# The annex and the guide list clauses in this order. The examination of abnormally low prices
# (price_examination, Act art. 84) is a check at the award stage, not a criterion.
INSTRUMENTS: tuple[Term, ...] = _terms("instruments")

# The same instruments as headings of a stage in the annex and the guide: plural where the language
# uses it (an instrument's `stage` labels in the data), else the instrument's own labels.
STAGES: tuple[Term, ...] = _terms("instruments", labels="stage")

THEMES: tuple[Term, ...] = _terms("themes")
AMBITIONS: tuple[Term, ...] = _terms("ambitions")
CONTRACT_TYPES: tuple[Term, ...] = _terms("contract_types")

# How well a route or clause fits a tender, in words (the number stays in JSON): see matching/routes.py.
FIT_STRENGTHS: tuple[Term, ...] = _terms("fit_strengths")

# What a clause does in a route.
ROUTE_ROLES: tuple[Term, ...] = _terms("route_roles")

BUYER_TYPES: tuple[Term, ...] = _terms("buyer_types")
EXAMPLE_STATUSES: tuple[Term, ...] = _terms("example_statuses")

# The eForms business terms a clause can imply, and the code list each one draws from.
EFORMS_FIELDS: dict[str, str] = {entry["id"]: entry["codelist"] for entry in _vocabularies()["eforms_fields"]}
EFORMS_FIELD_LABELS: dict[str, Term] = {t.id: t for t in _terms("eforms_fields")}

# The units of clause parameters, keyed by the catalogue's (Dutch) unit: a message says it in its language.
UNITS: dict[str, Term] = {t.id: t for t in _terms("units")}


def unit_label(unit: str, lang: str = "nl") -> str:
    """A parameter's unit in `lang`; a unit the vocabulary does not hold is shown as the catalogue writes it."""
    found = UNITS.get(unit)
    return found.label(lang) if found else unit


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
DECLARED_CODES: tuple[Term, ...] = _terms("declared_codes")
DECLARED_CODE_IDS = tuple(t.id for t in DECLARED_CODES)
# The declared codes that reserve a contract, a lot or its execution (an opportunity is a notice with none).
RESERVATION_CODE_IDS: tuple[str, ...] = ("res-ws", "res-pub-ser", "reserved-execution")

NOTICE_KINDS: tuple[Term, ...] = _terms("notice_kinds")
NOTICE_KIND_IDS = tuple(t.id for t in NOTICE_KINDS)

# The documents `schema --of` describes: a clause file's front matter, and the JSON that export,
# match, match --batch (one line) and draft print. Their models are in schemas.py.
SCHEMA_KINDS = ("clause", "export", "match", "batch", "draft", "observe")
