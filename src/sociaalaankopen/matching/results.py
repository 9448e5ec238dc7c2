"""What the matcher returns: a match per clause, and the tender as the matcher read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from ..model import Clause, Tender
from ..schema_versions import MATCH_SCHEMA_VERSION
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

    @classmethod
    def explained_later(
        cls,
        id: str,
        clause: Clause,
        score: int,
        lang: str,
        explain: Callable[[], tuple[tuple[str, ...], tuple[Reason, ...]]],
    ) -> Match:
        """A match whose reasons and evidence are worked out when first read. The matcher ranks every
        clause that scores (the routes need their scores), and most of them are never shown."""
        match = object.__new__(cls)
        for name, value in (("id", id), ("clause", clause), ("score", score), ("lang", lang), ("_explain", explain)):
            object.__setattr__(match, name, value)
        return match

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            # Only reached for an attribute that is not set: the reasons of a match explained later.
            explain = self.__dict__.get("_explain")
            if explain is None or name not in ("reasons", "evidence"):
                raise AttributeError(name)
            reasons, evidence = explain()
            object.__setattr__(self, "reasons", reasons)
            object.__setattr__(self, "evidence", evidence)
            del self.__dict__["_explain"]
            return self.__dict__[name]

    def __getstate__(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

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


# The default of `evidence` lives in `__init__`; without the class attribute, a match explained later
# finds its evidence through `__getattr__`.
delattr(Match, "evidence")


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
        tender = self.tender.to_dict()
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
