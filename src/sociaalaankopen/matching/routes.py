"""Which routes fit a tender: a fit from 0 to 100, a reason, and the clauses that go with each route.

A route's fit is the best of two signals:

1. its anchor clauses: the best score the matcher gave one of them (a tender that speaks of a
   reserved lot, or a works contract where training clauses score high);
2. the sectors the tender belongs to: a sector lists its routes in order of preference, and the
   n-th route gets 100 · strength · (1 − SECTOR_ROUTE_DECAY · n), with the sector's own reason.

A tender that is already divided into lots adds LOTS_BONUS to the routes built on lots and takes it
from the route that reserves the whole contract: reserving a lot is then the natural reading. Routes not
meant for the tender's contract type are left out. Each route then takes its core and preparation
clauses, its optional clauses that fit the tender, and the cross-cutting clauses that fit it and do
not conflict with what the route already holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import takewhile
from typing import Any

from ..model import Clause, Localized, Route, SectorProfile, SectorRoute, Tender
from ..route_rules import conflict, members
from ..typography import semicolons
from ..vocab import INSTRUMENT_IDS
from .reasons import Reason
from .results import Match, Ranking, checked_language

MIN_FIT = 25  # below this, a route is not proposed
STRONG, GOOD = 70, 45  # fit words: strong from 70, good from 45, possible below
SECTOR_ROUTE_DECAY = 0.12
LOTS_BONUS = 8
OPTIONAL_MIN = 40  # an optional clause joins the route when it scores this much for the tender
MAX_OPTIONAL = 4
CROSS_MIN = 60  # a cross-cutting clause joins when it scores this much (not less than OPTIONAL_MIN)
MAX_CROSS = 3

ROLE_ORDER = ("preparation", "core", "optional", "cross-cutting")


def strength_of(fit: int) -> str:
    """How well a route fits, as a word other tools and the faces translate."""
    return "strong" if fit >= STRONG else "good" if fit >= GOOD else "possible"


@dataclass(frozen=True)
class RouteClause:
    id: str
    instrument: str
    role: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "instrument": self.instrument, "role": self.role}


@dataclass(frozen=True)
class RouteMatch:
    """A route that fits a tender, how well (0-100), why (in the tender's language), and its clauses.
    `because` holds the reasons `why` is made of, so that it can be said in another language too."""

    id: str
    route: Route
    fit: int
    why: str
    clauses: tuple[RouteClause, ...]
    lang: str = "nl"
    because: tuple[Reason, ...] = field(default=(), repr=False)

    @property
    def strength(self) -> str:
        return strength_of(self.fit)

    def clause_ids(self, *roles: str) -> list[str]:
        return [c.id for c in self.clauses if not roles or c.role in roles]

    def why_in(self, lang: str) -> str:
        """Why the route fits, in `lang` (nl, fr or en, in any case; another is a ParameterError)."""
        lang = checked_language(lang)
        if lang == self.lang or not self.because:
            return self.why
        return sentences((r.text(lang) for r in self.because), lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON form: title and why in `lang`, default the tender's language."""
        lang = self.lang if lang is None else checked_language(lang)
        return {
            "id": self.id,
            "title": self.route.title.get(lang),
            "fit": self.fit,
            "strength": self.strength,
            "why": self.why_in(lang),
            "clauses": [c.to_dict() for c in self.clauses],
        }


def sentences(parts: Iterable[str], lang: str = "nl") -> str:
    """Reasons said one after the other: after a full sentence (a sector's reason ends with a full stop)
    the next starts a sentence of its own; else it follows after a semicolon (in French, after a no-break
    space)."""
    said = ""
    for part in parts:
        if not part:
            continue
        if not said:
            said = part
        elif said[-1] in ".!?…":
            said = f"{said} {part[:1].upper()}{part[1:]}."
        else:
            said = semicolons((said, part), lang)
    return said


def _words(text: Localized) -> tuple[str, str, str]:
    return (text.get("nl"), text.get("fr"), text.get("en"))


def _sector_fit(
    route: Route, strengths: Sequence[tuple[float, SectorProfile]]
) -> tuple[int, tuple[SectorProfile, SectorRoute] | None]:
    """The fit the strongest sector that lists this route gives it, and that sector and its choice (for the reason)."""
    for strength, sector in strengths:
        for rank, choice in enumerate(sector.routes):
            if choice.id == route.id:
                return round(100 * strength * (1 - SECTOR_ROUTE_DECAY * rank)), (sector, choice)
    return 0, None


def _outside_art77(route: Route, has_codes: bool, cpv_related: Callable[[str], bool]) -> bool:
    """A route that reserves to public-service-mission organisations (Directive art. 77), for a tender whose
    CPV codes relate to none of its anchors' codes, as the rule `public_service_services` reads them: art. 77
    reserves only the services it lists, whatever a sector or a word suggests (building cleaning is none)."""
    return route.reservation == "res-pub-ser" and has_codes and not any(map(cpv_related, route.anchors))


def _anchor_fit(route: Route, score_of: Callable[[str], int | None]) -> tuple[int, str | None]:
    """The best score of the route's anchors (a tie goes to the anchor listed first), and that anchor."""
    best, best_id = 0, None
    for anchor in route.anchors:
        found = score_of(anchor)
        if found is not None and (best_id is None or found > best):
            best, best_id = found, anchor
    return best, best_id


def _lookups(ranked: Sequence[Match]) -> tuple[Callable[[str], int | None], Callable[[str], Match | None]]:
    """A clause's score and match in `ranked`, by id. The matcher's `Ranking` answers without making the
    matches of the other clauses; a plain sequence is indexed once."""
    if isinstance(ranked, Ranking):
        return ranked.score, ranked.get
    by_id = {m.id: m for m in ranked}

    def score_of(id: str) -> int | None:
        match = by_id.get(id)
        return None if match is None else match.score

    return score_of, by_id.get


def _scoring_at_least(ranked: Sequence[Match], minimum: int) -> dict[str, int]:
    """Clause id -> score of the clauses that score `minimum` or more, best first."""
    if isinstance(ranked, Ranking):
        return ranked.at_least(minimum)
    return {m.id: m.score for m in takewhile(lambda m: m.score >= minimum, ranked)}


def _fitting(ranked: Sequence[Match], plans: Mapping[str, RoutePlan] | None) -> dict[str, int]:
    """What `RoutePlan.choose` reads: the clauses that score OPTIONAL_MIN or more, best first. Of a
    `Ranking` whose clauses are not all scored, only those `choose` uses: the plans' optional clauses
    from OPTIONAL_MIN, the cross-cutting ones from CROSS_MIN (it stops at the first under CROSS_MIN)."""
    if not isinstance(ranked, Ranking) or not plans:
        return _scoring_at_least(ranked, OPTIONAL_MIN)
    plan = next(iter(plans.values()))
    optional = ranked.at_least(OPTIONAL_MIN, _optional(plans))
    cross = ranked.at_least(CROSS_MIN, plan.cross_cutting)
    if not cross:
        return optional
    if not optional:
        return cross
    found = sorted((-score, id) for id, score in (*optional.items(), *cross.items()))
    return {id: -minus for minus, id in found}


def _optional(plans: Mapping[str, RoutePlan]) -> frozenset[str]:
    """The optional clauses of every plan (kept by `RoutePlans`, made here for a plain mapping)."""
    if isinstance(plans, RoutePlans):
        return plans.optional
    return frozenset().union(*(p.optional for p in plans.values()))


class RoutePlan:
    """What a route's clauses for a tender depend on that does not depend on the tender: its core and
    preparation clauses, its optional ones, and the legal order of a choice (remembered per choice)."""

    def __init__(self, route: Route, clauses: Mapping[str, Clause], held: Sequence[tuple[str, str]] | None = None):
        held = members(route, clauses) if held is None else held
        self.clauses = clauses
        self.base = [(cid, role) for cid, role in held if role in ("core", "preparation") and cid in clauses]
        self.optional = frozenset(cid for cid, role in held if role == "optional")
        self.held_ids = frozenset(cid for cid, _ in held)
        self.cross_cutting = frozenset(cid for cid, c in clauses.items() if c.cross_cutting)
        self._ordered: dict[tuple[tuple[str, str], ...], tuple[RouteClause, ...]] = {}

    def choose(self, fitting: Mapping[str, int]) -> tuple[RouteClause, ...]:
        """The route's clauses for a tender, from the clauses that score OPTIONAL_MIN or more for it
        (id -> score, best first)."""
        clauses = self.clauses
        chosen = list(self.base)
        optional = [(fitting[cid], cid) for cid in self.optional.intersection(fitting)]
        if optional:
            optional.sort(key=_best_score)
            chosen += [(cid, "optional") for _, cid in optional[:MAX_OPTIONAL]]
        added = 0
        for cid, score in fitting.items():  # best first
            if added >= MAX_CROSS or score < CROSS_MIN:
                break
            clause = clauses.get(cid)
            if clause is None or not clause.cross_cutting or cid in self.held_ids:
                continue
            if any(conflict(clause, clauses[other]) for other, _ in chosen):
                continue
            chosen.append((cid, "cross-cutting"))
            added += 1
        key = tuple(chosen)
        found = self._ordered.get(key)
        if found is None:
            order = {instrument: i for i, instrument in enumerate(INSTRUMENT_IDS)}
            chosen.sort(key=lambda c: (order[clauses[c[0]].instrument], ROLE_ORDER.index(c[1])))
            found = tuple(RouteClause(cid, clauses[cid].instrument, role) for cid, role in chosen)
            if len(self._ordered) > 10_000:
                self._ordered.clear()
            self._ordered[key] = found
        return found


class RoutePlans(dict[str, "RoutePlan"]):
    """The plans of a catalogue's routes by route id, and the optional clauses of them all (what the
    routes read of a tender's ranking, asked in tender after tender)."""

    def __init__(self, plans: Mapping[str, RoutePlan]) -> None:
        super().__init__(plans)
        self.optional = frozenset().union(*(p.optional for p in plans.values()))


def _best_score(option: tuple[int, str]) -> tuple[int, str]:
    return (-option[0], option[1])


def route_clauses(
    route: Route,
    clauses: Mapping[str, Clause],
    ranked: Sequence[Match] = (),
    held: Sequence[tuple[str, str]] | None = None,
) -> tuple[RouteClause, ...]:
    """The clauses of a route for a tender (`ranked`: every clause that scored for it, best first):
    core and preparation always, the best fitting optional ones, and fitting cross-cutting clauses
    that do not conflict with them. Without a tender, the core and preparation clauses. In legal order.
    `held`: the route's members when the caller has them already (they depend on the catalogue only)."""
    return RoutePlan(route, clauses, held).choose(_scoring_at_least(ranked, OPTIONAL_MIN))


def rank_routes(
    routes: Mapping[str, Route],
    clauses: Mapping[str, Clause],
    ranked: Sequence[Match],
    strengths: Sequence[tuple[float, SectorProfile]],
    tender: Tender,
    lang: str,
    kind: str | None,
    plans: Mapping[str, RoutePlan] | None = None,
    cpv_related: Callable[[str], bool] = lambda clause_id: True,
) -> list[RouteMatch]:
    """The routes that fit a tender, best first. `ranked` holds every clause that scored, best first;
    `plans`, when given, each route's `RoutePlan` (it depends on the catalogue only: the matcher keeps
    them); `cpv_related`, whether a tender code relates to a clause's (the matcher's evidence says it). A
    route's reason is written only for the routes that are proposed."""
    score_of, match_of = _lookups(ranked)
    fitting: dict[str, int] | None = None
    found: list[tuple[int, int, RouteMatch]] = []
    has_codes = bool(tender.all_cpv())
    for position, route in enumerate(routes.values()):
        if kind and kind not in route.contract_types:
            continue
        if _outside_art77(route, has_codes, cpv_related):
            continue
        fit, anchor = _anchor_fit(route, score_of)
        from_sector, by_sector = _sector_fit(route, strengths)
        if from_sector and from_sector >= fit:
            fit = from_sector
        else:
            by_sector = None
        on_lots = False
        if len(tender.lots) >= 2 and fit:
            on_lots = any(clauses[c.id].instrument == "lots" for c in route.clauses if c.id in clauses)
            if on_lots:
                fit = min(100, fit + LOTS_BONUS)
            elif route.reservation == "res-ws":
                fit -= LOTS_BONUS
        if fit < MIN_FIT:
            continue
        because: list[Reason] = []
        if by_sector is not None:
            sector, choice = by_sector
            because.append(Reason("route_sector", (_words(sector.title), _words(choice.why))))
        elif anchor is not None:
            best = match_of(anchor)
            assert best is not None
            reason = best.evidence[0] if best.evidence else best.reasons[0] if best.reasons else ""
            because.append(Reason("route_anchor", (_words(best.clause.title), reason)))
        if on_lots:
            because.append(Reason("route_lots", (str(len(tender.lots)),)))
        why = sentences((r.text(lang) for r in because), lang)
        if fitting is None:
            fitting = _fitting(ranked, plans if plans is not None and plans.keys() >= routes.keys() else None)
        plan = plans.get(route.id) if plans is not None else None
        chosen = (plan or RoutePlan(route, clauses)).choose(fitting)
        match = RouteMatch(route.id, route, fit, why, chosen, lang, tuple(because))
        found.append((-fit, position, match))
    found.sort(key=lambda f: (f[0], f[1]))
    return [m for _, _, m in found]


__all__ = [
    "RouteClause",
    "RouteMatch",
    "RoutePlan",
    "RoutePlans",
    "rank_routes",
    "route_clauses",
    "sentences",
    "strength_of",
]
