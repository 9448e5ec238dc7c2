"""Why a clause matched, in a form that renders in Dutch, French or English."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from ..model import SectorProfile
from ..text import LANGS
from ..vocab import CONTRACT_TYPES, label

Text = str | tuple[str, str, str]  # a plain string, or (nl, fr, en)

_TEMPLATES: dict[str, tuple[str, str, str]] = {
    "keyword": ("trefwoord '{0}'", "mot-clé « {0} »", "keyword '{0}'"),
    "keyword_fuzzy": (
        "trefwoord '{0}' (geschreven als '{1}')",
        "mot-clé « {0} » (écrit « {1} »)",
        "keyword '{0}' (written '{1}')",
    ),
    "keyword_near": (
        "de woorden van '{0}', dicht bij elkaar",
        "les mots de « {0} », proches l'un de l'autre",
        "the words of '{0}', close together",
    ),
    "title": (
        "woord '{0}' uit titel of samenvatting",
        "mot « {0} » du titre ou du résumé",
        "word '{0}' from the title or summary",
    ),
    "sector": ("past bij sector {1}: {0}", "correspond au secteur {1} : {0}", "fits sector {1}: {0}"),
    "direct": ("bij deze clausule: {0}", "pour cette clause : {0}", "for this clause: {0}"),
    # Why a route fits (routes.py).
    "route_sector": ("sector {0}: {1}", "secteur {0} : {1}", "sector {0}: {1}"),
    "route_anchor": ("clausule '{0}' past: {1}", "la clause « {0} » convient : {1}", "clause '{0}' fits: {1}"),
    "route_lots": (
        "de opdracht heeft al {0} percelen",
        "le marché compte déjà {0} lots",
        "the contract already has {0} lots",
    ),
    "cpv_equal": ("CPV {0} (zelfde code)", "CPV {0} (même code)", "CPV {0} (same code)"),
    "cpv_under": ("CPV {0} valt onder {1}", "CPV {0} relève de {1}", "CPV {0} falls under {1}"),
    "cpv_sibling": (
        "CPV {0} en {1} delen groep {2}",
        "CPV {0} et {1} partagent le groupe {2}",
        "CPV {0} and {1} share group {2}",
    ),
    "training_works": (
        "werken{0}: opleidingsclausules passen bij werken",
        "travaux{0} : les clauses de formation conviennent aux travaux",
        "works{0}: training clauses suit works",
    ),
    "reserved": (
        "sociale economie actief in sector {0}: voorbehouden kan",
        "économie sociale active dans le secteur {0} : la réservation est possible",
        "social economy active in sector {0}: reserving is possible",
    ),
    "reserved_not": (
        "weinig sociale economie in sector {0}: voorbehouden is moeilijk",
        "peu d'économie sociale dans le secteur {0} : réserver est difficile",
        "little social economy in sector {0}: reserving is hard",
    ),
    "no_lots": (
        "opdracht van {0} zonder percelen: overweeg percelen en motiveer als u niet verdeelt (art. 58)",
        "marché de {0} sans lots : envisagez l'allotissement et motivez si vous n'allotissez pas (art. 58)",
        "contract of {0} without lots: consider lots and state why if you do not divide (art. 58)",
    ),
    "type_mismatch": (
        "past minder: bedoeld voor {0}{1}",
        "convient moins : prévue pour {0}{1}",
        "fits less: meant for {0}{1}",
    ),
}
SOURCES: dict[str, tuple[str, str, str]] = {
    "given": ("", "", ""),
    "cpv": (" (volgens CPV)", " (selon le CPV)", " (from CPV)"),
    "words": (" (volgens de titel)", " (selon le titre)", " (from the title)"),
}
_AND = {"nl": " of ", "fr": " ou ", "en": " or "}


class Reason(NamedTuple):
    """Why a clause matched, in a form that renders in nl, fr or en. Kind 'joined' lists its args."""

    kind: str
    args: tuple[Text | Reason, ...] = ()

    def text(self, lang: str = "nl") -> str:
        # The same reasons come back in tender after tender (a sector's, a keyword's): render each once.
        key = (self, lang)
        found = _RENDERED.get(key)
        if found is None:
            found = self._render(lang)
            if len(_RENDERED) > 100_000:
                _RENDERED.clear()
            _RENDERED[key] = found
        return found

    def _render(self, lang: str) -> str:
        i = LANGS.index(lang) if lang in LANGS else 0
        rendered = [a.text(lang) if isinstance(a, Reason) else a if isinstance(a, str) else a[i] for a in self.args]
        if self.kind == "joined":
            return ", ".join(rendered)
        return _TEMPLATES[self.kind][i].format(*rendered)

    def __str__(self) -> str:
        return self.text("nl")


_RENDERED: dict[tuple[Reason, str], str] = {}

# Evidence found on the clause itself (its keywords, title and CPV codes), as opposed to its sector.
_DIRECT = frozenset({"keyword", "keyword_fuzzy", "keyword_near", "title", "cpv_equal", "cpv_under", "cpv_sibling"})


def grouped(reasons: list[Reason]) -> list[Reason]:
    """Join the clause's own evidence into one reason, where the strongest of it stood."""
    direct = [r for r in reasons if r.kind in _DIRECT]
    if len(direct) < 2:
        return reasons
    out: list[Reason] = []
    for reason in reasons:
        if reason.kind not in _DIRECT:
            out.append(reason)
        elif reason is direct[0]:
            out.append(Reason("direct", (Reason("joined", tuple(direct)),)))
    return out


def euros(value: float) -> str:
    return "€ " + f"{value:,.0f}".replace(",", ".")


def display(text: str) -> str:
    """A catalogue phrase as quoted in a reason: 'Groenonderhoud' -> 'groenonderhoud', 'ICT' stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def sector_title(sector: SectorProfile) -> tuple[str, str, str]:
    return (sector.title.nl, sector.title.fr, sector.title.en)


def contract_types_text(types: Iterable[str]) -> tuple[str, str, str]:
    return _contract_types_text(tuple(types))


@cache
def _contract_types_text(ids: tuple[str, ...]) -> tuple[str, str, str]:
    return tuple(  # type: ignore[return-value]
        _AND[lang].join(label(CONTRACT_TYPES, t, lang).lower() for t in ids) for lang in LANGS
    )
