"""What the matcher returns: a match per clause, and the tender as the matcher read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Clause, Tender
from ..schemas import MATCH_SCHEMA_VERSION
from .reasons import Reason

if TYPE_CHECKING:
    from .routes import RouteMatch


@dataclass(frozen=True)
class Match:
    """One clause that fits a tender, its score (0-100) and the reasons, in the tender's language."""

    id: str
    clause: Clause
    score: int
    reasons: tuple[str, ...]
    evidence: tuple[Reason, ...] = field(repr=False, default=())
    lang: str = "nl"

    def reasons_in(self, lang: str) -> list[str]:
        if lang == self.lang:
            return list(self.reasons)  # already rendered in the tender's language
        return [r.text(lang) for r in self.evidence]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON form (see docs/matching.md): title and reasons in `lang`, default the tender's language."""
        lang = lang or self.lang
        return {
            "id": self.id,
            "title": self.clause.title.get(lang),
            "instrument": self.clause.instrument,
            "themes": list(self.clause.themes),
            "ambition": self.clause.ambition,
            "score": self.score,
            "reasons": self.reasons_in(lang),
        }


@dataclass(frozen=True)
class LotResult:
    """The clauses that fit one lot, matched on the lot's own title, description and CPV codes."""

    id: str | None
    title: str
    matches: list[Match]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "matches": [m.to_dict(lang) for m in self.matches]}


@dataclass(frozen=True)
class MatchResult:
    """A tender as the matcher read it (language and contract type filled in), its matches and, when
    asked for, the matches of each of its lots."""

    tender: Tender
    inferred: tuple[str, ...]
    matches: list[Match]
    lots: tuple[LotResult, ...] = ()
    # The routes that fit, best first (see routes.py).
    routes: tuple[RouteMatch, ...] = ()
    # Every clause that scored, best first: what the routes and the annex choose from.
    ranked: tuple[Match, ...] = field(default=(), repr=False)

    def route(self, id: str) -> RouteMatch | None:
        return next((r for r in self.routes if r.id == id), None)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        tender = self.tender.model_dump(mode="json")
        tender["inferred"] = list(self.inferred)
        data: dict[str, Any] = {
            "schema_version": MATCH_SCHEMA_VERSION,
            "tender": tender,
            "routes": [r.to_dict(lang) for r in self.routes],
            "matches": [m.to_dict(lang) for m in self.matches],
        }
        if self.lots:
            data["lots"] = [lot.to_dict(lang) for lot in self.lots]
        return data
