"""What the matcher returns: a match per clause, and the tender as the matcher read it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol, overload

from ..model import Clause, Tender
from ..schema_versions import MATCH_SCHEMA_VERSION
from ..vocab import LANGUAGES
from .reasons import Reason

if TYPE_CHECKING:
    from .routes import RouteMatch


def checked_language(lang: object) -> str:
    """nl, fr or en, in any case; another is a ParameterError (as `render.checked_language` says it).
    Imported only for another spelling: render.py brings in Jinja2, which a match does not need."""
    if lang in LANGUAGES:
        return lang
    from ..render import checked_language as checked

    return checked(lang, "match")


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
        # Frozen: fill the instance's dict directly (one call, not one `object.__setattr__` per field).
        match.__dict__.update(id=id, clause=clause, score=score, lang=lang, _explain=explain)
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
        """The reasons in `lang`: nl, fr or en, in any case; another is a ParameterError."""
        lang = checked_language(lang)
        if lang == self.lang:
            return list(self.reasons)  # already rendered in the tender's language
        return [r.text(lang) for r in self.evidence]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON form (see docs/matching.md): title and reasons in `lang`, default the tender's language."""
        lang = self.lang if lang is None else checked_language(lang)
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


class Unscored(Protocol):
    """The candidates of a tender not scored yet (see prune.py)."""

    exact_top: int  # the best k of the scores so far are the best k of all, for k up to this

    def settle_from(self, minimum: int, among: Collection[int] | None = None) -> dict[int, int]:
        """Score the candidates not scored yet (of `among`) that could score `minimum` or more: the
        scores of those that scored (they are added to the ranking's scores too)."""
        ...


class Ranking(Sequence[Match]):
    """Every clause that scored for a tender, best first (score, then id), as a sequence of matches.

    Lazy: the order is sorted only when read beyond the first few, and a clause's `Match` is made only
    when read. A tender scores dozens of clauses (thousands in a large catalogue) and shows five. With
    `unscored`, only the clauses that can matter were scored: the others are scored when read."""

    def __init__(
        self,
        scores: Mapping[int, int],
        clause_of: Mapping[int, Clause],
        owner_of: Mapping[str, int],
        lang: str,
        explain: Callable[[int], Callable[[], tuple[tuple[str, ...], tuple[Reason, ...]]]],
        unscored: Unscored | None = None,
    ) -> None:
        self._scores = scores  # owner number -> score (filled in by `unscored` as it scores)
        self._unscored = unscored
        self._clause_of = clause_of
        self._owner_of = owner_of
        self._lang = lang
        self._explain = explain  # owner -> the function that explains its match
        self._order: list[int] | None = None
        self._made: dict[int, Match] = {}
        self._at_least: dict[int, dict[str, int]] = {}

    def _settle(self, minimum: int = 0, among: Collection[int] | None = None) -> None:
        """Score the clauses not scored yet (of `among`) that could score `minimum` or more."""
        unscored = self._unscored
        if unscored is None:
            return
        if unscored.settle_from(minimum, among):
            self._order = None
            self._at_least.clear()
        if among is None and minimum <= 0:
            self._unscored = None

    def _match(self, owner: int) -> Match:
        match = self._made.get(owner)
        if match is None:
            clause = self._clause_of[owner]
            match = Match.explained_later(clause.id, clause, self._scores[owner], self._lang, self._explain(owner))
            self._made[owner] = match
        return match

    def _sorted(self) -> list[int]:
        self._settle()
        if self._order is None:
            clause_of = self._clause_of
            ranked = sorted((-score, clause_of[owner].id, owner) for owner, score in self._scores.items())
            self._order = [owner for _, _, owner in ranked]
        return self._order

    def top(self, k: int) -> list[Match]:
        """The best `k` matches: only the clauses that score as much as the k-th best are sorted."""
        if k <= 0:
            return []
        if self._unscored is not None and k > self._unscored.exact_top:
            self._settle()
        scores = self._scores
        if self._order is None and (k < len(scores) or self._unscored is not None):
            # The k-th best score: a sort of small ints, in C. (Not all clauses are scored yet: those
            # scored hold the best k, the others are not scored for it.)
            floor = sorted(scores.values())[-k] if k < len(scores) else 0
            clause_of = self._clause_of
            best = sorted((-s, clause_of[o].id, o) for o, s in scores.items() if s >= floor)[:k]
            return [self._match(owner) for _, _, owner in best]
        return [self._match(owner) for owner in self._sorted()[:k]]

    def at_least(self, minimum: int, among: Collection[str] | None = None) -> dict[str, int]:
        """Clause id -> score of the clauses (of `among`) that score `minimum` or more, best first
        (without making their matches)."""
        clause_of = self._clause_of
        if among is not None:
            owners = _owners(among, self._owner_of)
            if self._unscored is not None:
                self._settle(minimum, owners)
            scores = self._scores
            ranked = sorted((-scores[o], clause_of[o].id) for o in owners if scores.get(o, -1) >= minimum)
            return {id: -minus for minus, id in ranked}
        self._settle(minimum)
        found = self._at_least.get(minimum)
        if found is None:
            ranked = sorted((-s, clause_of[o].id) for o, s in self._scores.items() if s >= minimum)
            found = self._at_least[minimum] = {id: -minus for minus, id in ranked}
        return found

    def score(self, id: str) -> int | None:
        """The score of one clause, None when it did not score."""
        owner = self._owner_of.get(id)
        if owner is None:
            return None
        if self._unscored is not None:
            self._settle(0, (owner,))
        return self._scores.get(owner)

    def get(self, id: str) -> Match | None:
        """The match of one clause, None when it did not score."""
        owner = self._owner_of.get(id)
        if owner is None:
            return None
        self._settle(0, (owner,))
        return None if owner not in self._scores else self._match(owner)

    def __len__(self) -> int:
        self._settle()
        return len(self._scores)

    def __iter__(self) -> Iterator[Match]:
        return (self._match(owner) for owner in self._sorted())

    @overload
    def __getitem__(self, i: int) -> Match: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Match]: ...
    def __getitem__(self, i: int | slice) -> Match | Sequence[Match]:
        if isinstance(i, slice):
            return tuple(self._match(owner) for owner in self._sorted()[i])
        return self._match(self._sorted()[i])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (to another process, a cache) as the plain tuple of its matches, not with the catalogue.
        return (tuple, (tuple(self),))

    def __repr__(self) -> str:
        return f"Ranking({len(self)} clauses)"


_OWNERS: dict[tuple[int, int], tuple[object, object, list[int]]] = {}


def _owners(ids: Collection[str], owner_of: Mapping[str, int]) -> list[int]:
    """The owner numbers of some clause ids (those known), remembered per collection: the routes ask
    for the same sets of clauses in tender after tender."""
    key = (id(ids), id(owner_of))
    found = _OWNERS.get(key)
    if found is None or found[0] is not ids or found[1] is not owner_of:
        if len(_OWNERS) > 64:
            _OWNERS.clear()
        found = _OWNERS[key] = (ids, owner_of, [owner_of[i] for i in ids if i in owner_of])
    return found[2]


@dataclass(frozen=True)
class LotResult:
    """The clauses that fit one lot, matched on the lot's own title, description and CPV codes."""

    id: str | None
    title: str
    matches: list[Match]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        lang = None if lang is None else checked_language(lang)
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
    # Every clause that scored, best first: what the routes and the annex choose from (a `Ranking`
    # from the matcher: its matches are made when read).
    ranked: Sequence[Match] = field(default=(), repr=False)
    # The ids of the sector profiles the tender belongs to, strongest first: those that propose routes.
    # An annex takes its starting values from them (`SectorProfile.values`).
    sectors: tuple[str, ...] = ()

    def route(self, id: str) -> RouteMatch | None:
        return next((r for r in self.routes if r.id == id), None)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON `match --format json` prints: titles, reasons and why in `lang` (nl, fr or en, in any
        case; another is a ParameterError), default the tender's language."""
        lang = None if lang is None else checked_language(lang)
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
