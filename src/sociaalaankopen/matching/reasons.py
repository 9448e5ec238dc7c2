"""Why a clause matched, in a form that renders in Dutch, French or English."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import cache
from typing import Any, NamedTuple

from ..model import SectorProfile
from ..text import LANGS
from ..typography import french_spacing
from ..vocab import CONTRACT_TYPES, label

Text = str | tuple[str, str, str]  # a plain string, or (nl, fr, en)


def _read() -> dict[str, Any]:
    """data/reasons.json: the words of each kind of reason, of where a contract type was read, and 'or'."""
    with open(os.path.join(os.path.dirname(__file__), os.pardir, "data", "reasons.json"), encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _per_language(table: dict[str, dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {key: (words["nl"], words["fr"], words["en"]) for key, words in table.items()}


_DATA = _read()
# A reason's template per kind, (nl, fr, en); the kinds starting with "route_" say why a route fits (routes.py).
_TEMPLATES = _per_language(_DATA["templates"])
SOURCES = _per_language(_DATA["sources"])  # where the contract type was read: given, from CPV, from the title
_AND: dict[str, str] = _DATA["or"]


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
        said = _TEMPLATES[self.kind][i].format(*rendered)
        # The words of a reason come from the templates, the catalogue's titles and the sectors' advice.
        return french_spacing(said) if lang == "fr" else said

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
