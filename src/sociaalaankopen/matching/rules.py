"""The ranking rules: how a clause's evidence becomes its score, one small rule after the other.

As in markdown-it-py's core, `RULES` is an ordered list of (name, rule). Each rule reads the tender
(a `Query`) and works on the `Scores` of its candidates: it brings in candidates, adds points with a
reason, scales points with a penalty, or drops candidates. A rule touches only the clauses it concerns
(the lots rule, the lots clauses), so a tender costs what it finds, not what the catalogue holds.

The order is part of the result: points are summed in it and reasons of equal weight are shown in it.
tests/test_match_rules.py tests each rule; the golden rankings (tests/fixtures/match) pin the whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from ..model import Clause, SectorProfile, Tender
from .reasons import SOURCES, Reason, contract_types_text, euros, sector_title

if TYPE_CHECKING:
    from .bulk import BulkEvidence
    from .evidence import Evidence
from .weights import (
    LOTS_THRESHOLDS,
    MIN_SCORE,
    MIN_SECTOR,
    NO_SOCIAL_ECONOMY,
    OUTSIDE_ART77,
    SECOND_SECTOR,
    SECTOR_DECAY,
    TYPE_MISMATCH,
    W_LOTS,
    W_RESERVED,
    W_SECTOR,
    W_TRAINING_WORKS,
    K,
)

Item = tuple[float, Reason]  # points and the reason for them
Strength = tuple[float, SectorProfile, list[Reason]]  # how strongly the tender belongs to a sector (0-1), why


class Clauses(NamedTuple):
    """The catalogue's clauses by owner number, and the groups that some rules bring in."""

    of: Mapping[int, Clause]
    owner_of: Mapping[str, int]  # clause id -> owner number
    training: frozenset[int]
    reserved: frozenset[int]  # the clauses that reserve the contract under art. 15 (not art. 77's)
    # Clauses that reserve the contract to public-service-mission organisations (BT-71 res-pub-ser): Directive
    # art. 77 allows it only for the services it lists, which these clauses' CPV codes stand for.
    public_service: frozenset[int]
    lots: frozenset[int]
    not_for: Mapping[str, frozenset[int]]  # contract type -> the clauses not meant for it
    # sector id -> (owner number, 1 + SECTOR_DECAY · rank) of the clauses it recommends (made on first use)
    recommended: dict[str, tuple[tuple[int, float], ...]]
    # owner number -> (sector id, 1 + SECTOR_DECAY · rank) of the sectors recommending it, in the order of
    # the sectors given and their lists: to score a few clauses without reading every sector's list
    recommenders: Mapping[int, tuple[tuple[str, float], ...]]

    @classmethod
    def of_catalogue(cls, clause_of: Mapping[int, Clause], sectors: Iterable[SectorProfile] = ()) -> Clauses:
        clauses = cls(
            of=clause_of,
            owner_of={c.id: n for n, c in clause_of.items()},
            training=frozenset(n for n, c in clause_of.items() if "training" in c.themes),
            # Art. 15 reservations only: a sector's social-economy offer says nothing of art. 77's services.
            reserved=frozenset(
                n
                for n, c in clause_of.items()
                if c.instrument == "reserved_contract" and "res-pub-ser" not in c.eforms.get("BT-71", [])
            ),
            public_service=frozenset(n for n, c in clause_of.items() if "res-pub-ser" in c.eforms.get("BT-71", [])),
            lots=frozenset(n for n, c in clause_of.items() if c.instrument == "lots"),
            not_for={
                kind: frozenset(n for n, c in clause_of.items() if kind not in c.contract_types)
                for kind in ("works", "supplies", "services")
            },
            recommended={},
            recommenders={},
        )
        recommenders: dict[int, list[tuple[str, float]]] = {}
        for sector in sectors:
            for owner, divisor in clauses.recommended_by(sector):
                recommenders.setdefault(owner, []).append((sector.id, divisor))
        return clauses._replace(recommenders={owner: tuple(found) for owner, found in recommenders.items()})

    def recommended_by(self, sector: SectorProfile) -> tuple[tuple[int, float], ...]:
        found = self.recommended.get(sector.id)
        if found is None:
            owner_of = self.owner_of
            found = self.recommended[sector.id] = tuple(
                (owner_of[cid], 1 + SECTOR_DECAY * rank)
                for rank, cid in enumerate(sector.recommended)
                if cid in owner_of
            )
        return found


@dataclass
class Query:
    """What the rules know about one tender."""

    tender: Tender
    kind: str | None  # the contract type, given or inferred
    source: str  # where the contract type came from: 'given', 'cpv' or 'words'
    evidence: Evidence | BulkEvidence  # per owner (clause or sector), its direct evidence, strongest first
    strengths: list[Strength]  # the sectors the tender belongs to, strongest first
    clauses: Clauses
    from_sectors: dict[int, list[Item]] = field(default_factory=dict)  # per clause, what sectors bring, best first
    # The clauses to score; None: every candidate. Each rule works per clause, so scoring a subset gives
    # those clauses the scores and reasons they get when every candidate is scored (see prune.py).
    only: AbstractSet[int] | None = None
    # sector id -> its place in `strengths`, made on first use; shared by the copies prune.py makes
    places: dict[str, int] = field(default_factory=dict)

    def sector_places(self) -> dict[str, int]:
        places = self.places
        if not places and self.strengths:
            places.update((sector.id, n) for n, (_strength, sector, _reasons) in enumerate(self.strengths))
        return places


@dataclass
class Scores:
    """The candidates of one tender (the keys of `items`) and what the rules gave them."""

    items: dict[int, list[Item]] = field(default_factory=dict)  # points and reasons, in rule order
    factor: dict[int, float] = field(default_factory=dict)  # absent: 1
    penalties: dict[int, list[Reason]] = field(default_factory=dict)
    score: dict[int, int] = field(default_factory=dict)  # set by the last rule

    def penalise(self, owner: int, factor: float, reason: Reason) -> None:
        self.factor[owner] = self.factor.get(owner, 1.0) * factor
        self.penalties.setdefault(owner, []).append(reason)


Rule = Callable[[Query, Scores], None]


def _in_scope(query: Query, owners: Collection[int]) -> Iterable[int]:
    """The clauses of a group (a set) that are scored this time."""
    only = query.only
    if only is None:
        return owners
    if len(only) < len(owners):
        return [owner for owner in only if owner in owners]
    return [owner for owner in owners if owner in only]


def saturated(points: float) -> int:
    """Points as a score of 0-100."""
    return round(100 * (1 - math.exp(-points / K)))


def points_for(score: int) -> float:
    """A little less than the fewest points that saturate into `score`: fewer points than this surely
    score less (the slack covers the last bits in which two sums of the same points may differ)."""
    if score <= 0:
        return -math.inf
    if score > 100:
        return math.inf
    return -K * math.log(1 - (score - 0.5) / 100) * (1 - 1e-6) - 1e-6


def direct_evidence(query: Query, scores: Scores) -> None:
    """The clause's own keywords, title words and CPV codes found in the tender: the main evidence.
    Only clauses with some evidence (or brought in by a rule below) are scored at all."""
    clause_of, items, evidence = query.clauses.of, scores.items, query.evidence
    for owner in evidence if query.only is None else [o for o in query.only if o in evidence]:
        if owner in clause_of:
            items[owner] = list(evidence[owner])


def sector_recommendation(query: Query, scores: Scores) -> None:
    """A sector the tender belongs to brings the clauses it recommends, weaker further down its list;
    the best sector counts fully. Sectors know which clauses suit a kind of purchase."""
    clauses, from_sectors, only = query.clauses, query.from_sectors, query.only
    if only is not None and clauses.recommenders:  # a few clauses: from the sectors recommending each
        _from_recommenders(query, only)
    else:
        for strength, sector, reasons in query.strengths:
            reason = _sector_reason(sector, reasons)
            points = W_SECTOR * strength
            for owner, divisor in clauses.recommended_by(sector):  # points / (1 + SECTOR_DECAY · rank)
                if only is not None and owner not in only:
                    continue
                found = from_sectors.get(owner)
                if found is None:
                    from_sectors[owner] = [(points / divisor, reason)]
                else:
                    found.append((points / divisor, reason))
    items = scores.items
    for owner, found in from_sectors.items():
        if len(found) > 1:
            found.sort(key=lambda item: -item[0])
        at = items.get(owner)
        if at is None:
            items[owner] = [found[0]]
        else:
            at.append(found[0])


def _sector_reason(sector: SectorProfile, reasons: list[Reason]) -> Reason:
    why = reasons[0] if len(reasons) == 1 else Reason("joined", tuple(reasons))
    return Reason("sector", (why, sector_title(sector)))


def _from_recommenders(query: Query, only: AbstractSet[int]) -> None:
    """What `sector_recommendation` brings the clauses of `only`, found from the sectors recommending each
    (in the order the sectors' lists would bring it: by strength, then by rank)."""
    from_sectors, recommenders = query.from_sectors, query.clauses.recommenders
    place = query.sector_places()
    made: dict[int, tuple[float, Reason]] = {}  # per sector (its place): its points and reason
    for owner in only:
        found = [(place[sid], divisor) for sid, divisor in recommenders.get(owner, ()) if sid in place]
        if not found:
            continue
        found.sort(key=itemgetter(0))  # stable: one sector's ranks stay in order
        brought = []
        for n, divisor in found:
            sector_points = made.get(n)
            if sector_points is None:
                strength, sector, reasons = query.strengths[n]
                sector_points = made[n] = (W_SECTOR * strength, _sector_reason(sector, reasons))
            brought.append((sector_points[0] / divisor, sector_points[1]))
        from_sectors[owner] = brought


def second_sector(query: Query, scores: Scores) -> None:
    """A second sector recommending the clause adds only a quarter of its points: sectors overlap
    (green maintenance and cemeteries), and the second mostly repeats what the first said."""
    items = scores.items
    for owner, found in query.from_sectors.items():
        if len(found) > 1:
            points, reason = found[1]
            items[owner].append((points * SECOND_SECTOR, reason))


def lots_for_a_large_contract(query: Query, scores: Scores) -> None:
    """A large contract in euro without lots brings the lots clauses: art. 58 asks the buyer to consider
    dividing and to say why not. The thresholds are in euro: other currencies are not compared."""
    tender = query.tender
    threshold = LOTS_THRESHOLDS.get(query.kind or "services", 0)
    if tender.value is None or tender.lots or tender.value < threshold:
        return
    if (tender.currency or "EUR").upper() != "EUR":
        return
    reason = Reason("no_lots", (euros(tender.value),))
    for owner in _in_scope(query, query.clauses.lots):
        scores.items.setdefault(owner, []).append((W_LOTS, reason))


def training_on_works(query: Query, scores: Scores) -> None:
    """A works contract brings the training clauses: building sites are where work placements and
    apprenticeships are asked for, whatever the tender's words."""
    if query.kind != "works":
        return
    reason = Reason("training_works", (SOURCES[query.source],))
    for owner in _in_scope(query, query.clauses.training):
        scores.items.setdefault(owner, []).append((W_TRAINING_WORKS, reason))


def reservation(query: Query, scores: Scores) -> None:
    """A tender clearly in one sector (the strongest, from MIN_SECTOR) brings the reserved contract: a plus
    where that sector has social-economy suppliers, a penalty where it has few (no one would tender)."""
    strength, sector, _ = query.strengths[0] if query.strengths else (0.0, None, [])
    if sector is None or strength < MIN_SECTOR:
        return
    if sector.social_economy_active:
        points, reason = W_RESERVED * strength, Reason("reserved", (sector_title(sector),))
        for owner in _in_scope(query, query.clauses.reserved):
            scores.items.setdefault(owner, []).append((points, reason))
    else:
        reason = Reason("reserved_not", (sector_title(sector),))
        for owner in _in_scope(query, query.clauses.reserved):
            scores.items.setdefault(owner, [])
            scores.penalise(owner, NO_SOCIAL_ECONOMY, reason)


def public_service_services(query: Query, scores: Scores) -> None:
    """Art. 77 reserves only certain health, social and cultural services: a tender whose CPV codes relate
    to none of such a clause's codes (building cleaning, found through the word 'libraries') keeps only
    part of its points. A tender without CPV codes is not judged here."""
    if not query.tender.all_cpv():
        return
    evidence, reason, items, public = query.evidence, None, scores.items, query.clauses.public_service
    # From the smaller side: a large catalogue has hundreds of such clauses, a tender a few dozen candidates.
    owners = [o for o in items if o in public] if len(items) < len(public) else _in_scope(query, public)
    only = query.only
    for owner in owners:
        if owner in items and (only is None or owner in only) and not evidence.cpv_related(owner):
            reason = reason or Reason("art77_cpv", ())
            scores.penalise(owner, OUTSIDE_ART77, reason)


def contract_type(query: Query, scores: Scores) -> None:
    """A clause not meant for the tender's contract type keeps only part of its points: it may still
    apply (a training clause on a large service contract), but it is not the first thing to read."""
    if not query.kind:
        return
    clause_of, source = query.clauses.of, SOURCES[query.source]
    not_for = query.clauses.not_for.get(query.kind)
    reasons: dict[tuple[str, ...], Reason] = {}  # per set of contract types: one reason for every clause
    owners = list(scores.items) if not_for is None else [owner for owner in scores.items if owner in not_for]
    for owner in owners:
        types = clause_of[owner].contract_types
        if query.kind not in types:
            key = tuple(types)
            reason = reasons.get(key)
            if reason is None:
                reason = reasons[key] = Reason("type_mismatch", (contract_types_text(types), source))
            scores.penalise(owner, TYPE_MISMATCH, reason)


def minimum_score(query: Query, scores: Scores) -> None:
    """The points saturate into a score of 0-100; under MIN_SCORE a match is noise and is not shown
    (a clause brought in by a rule that gave it only a penalty has no points: score 0)."""
    factor, items, score_of = scores.factor, scores.items, scores.score
    dropped = []
    for owner, found in items.items():
        # sum() over the points in rule order: the same float, to the last bit, in every process.
        points = sum(map(_points, found))
        if factor:
            points *= factor.get(owner, 1.0)
        score = saturated(points)
        if score < MIN_SCORE:
            dropped.append(owner)
        else:
            score_of[owner] = score
    for owner in dropped:
        del items[owner]


_points = itemgetter(0)


RULES: list[tuple[str, Rule]] = [
    ("direct_evidence", direct_evidence),
    ("sector_recommendation", sector_recommendation),
    ("second_sector", second_sector),
    ("lots_for_a_large_contract", lots_for_a_large_contract),
    ("training_on_works", training_on_works),
    ("reservation", reservation),
    ("public_service_services", public_service_services),
    ("contract_type", contract_type),
    ("minimum_score", minimum_score),
]


def bound_terms(query: Query) -> tuple[list[tuple[float, SectorProfile]], list[tuple[Collection[int], float]]]:
    """What the rules could add to a clause's direct evidence, their conditions on the tender loosened:
    per sector the tender belongs to, its points (each clause it recommends gets points / divisor, see
    `Clauses.recommended_by`); and groups of clauses with the points a rule could bring each. Penalties
    only lower points: ignored. (`upper_bounds` and bulk.py add these up.)"""
    clauses = query.clauses
    sectors = [(W_SECTOR * strength, sector) for strength, sector, _ in query.strengths]
    tender = query.tender
    extra: list[tuple[Collection[int], float]] = []
    if tender.value is not None and not tender.lots:
        extra.append((clauses.lots, W_LOTS))
    if query.kind == "works":
        extra.append((clauses.training, W_TRAINING_WORKS))
    if query.strengths:
        extra.append((clauses.reserved, W_RESERVED * query.strengths[0][0]))
    return sectors, extra


def upper_bounds(query: Query, direct: Mapping[int, float]) -> dict[int, float]:
    """Per clause that the rules may score, an upper bound of its points: `direct`, a bound of its direct
    evidence (per clause), plus the `bound_terms`."""
    bound = dict(direct)
    sectors, extra = bound_terms(query)
    recommended_by = query.clauses.recommended_by
    for points, sector in sectors:
        for owner, divisor in recommended_by(sector):
            bound[owner] = bound.get(owner, 0.0) + points / divisor
    for owners, points in extra:
        for owner in owners:
            bound[owner] = bound.get(owner, 0.0) + points
    return bound


def score(query: Query, rules: list[tuple[str, Rule]] = RULES) -> Scores:
    """Run the rules over one tender, in order: the candidates that stay, with their scores."""
    scores = Scores()
    for _name, rule in rules:
        rule(query, scores)
    return scores
