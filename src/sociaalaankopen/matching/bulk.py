"""A tender's evidence over a large catalogue: points summed per clause with numpy, hits made when read.

In a catalogue of thousands of clauses a tender finds thousands of candidates and shows five. The plain
path (`Matcher._evidence`) makes one hit per clause and pattern found, and prune.py then sums each
candidate's hits to bound its points. Here each phrase found adds the points of all its clauses at once
(one array per phrase, made when a tender first finds it), the bounds of every candidate are one vector,
and a clause's hits are made only when it is scored: from the phrases the tender holds and the clause's
own patterns. Sectors are read as on the plain path, since their strengths are needed in full.

The hits, and with them every score and reason, are those of the plain path: tests/test_match_pruning.py
matches the dev set and a synthetic catalogue both ways. numpy is imported only for a large catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterator, Mapping
from itertools import chain
from typing import Any

import numpy as np

from .evidence import Entry, Hit, Item, add_found, add_hits, evidence_of
from .index import Index
from .prune import Bounds
from .reasons import Reason
from .rules import Clauses, Query, bound_terms, points_for
from .weights import FUZZY, MIN_SCORE

Relation = tuple[float, float, Reason]  # closeness, points, reason of a CPV relation (see Matcher._cpv_of)
# Where a phrase was found, whether its words stand together there, and the typo read (see add_found).
Found = tuple[frozenset[int], bool, tuple[str, str] | None]
# A phrase and whether its patterns are title words (counted in the title only): 2 * phrase + title.
_Key = int


class Bulk:
    """What the bulk path keeps of one catalogue: per clause its patterns, and arrays made on first use."""

    def __init__(self, index: Index, clauses: int) -> None:
        self.clauses = clauses  # owners 0 .. clauses - 1 are the clauses, the sectors come after
        phrase_of = [0] * len(index.patterns)
        for phrase, numbers in enumerate(index.members):
            for number in numbers:
                phrase_of[number] = phrase
        # Per clause, its patterns as entries by key (see _Key), in the catalogue's order.
        self.patterns_of: list[dict[_Key, list[Entry]]] = [{} for _ in range(clauses)]
        for number, (owner, kind, _slots, points, near, text) in enumerate(index.patterns):
            if owner < clauses:
                key = 2 * phrase_of[number] + (kind == "title")
                self.patterns_of[owner].setdefault(key, []).append((owner, points, near, number, text))
        # Per phrase: arrays (clauses, points, points when near) of its keyword and its title patterns,
        # and the entries of the sectors' patterns.
        self._phrases: dict[int, tuple[Any, Any, tuple[Entry, ...]]] = {}
        self._cpv: dict[str, tuple[Any, Any, dict[int, Relation]]] = {}  # per CPV code, see `cpv`
        self._arrays: dict[int, tuple[object, Any]] = {}  # per clause collection (by id), see `_owners`
        self._recommended: tuple[dict[str, int], Any, Any, Any] | None = None  # see _recommendations

    def phrase(
        self, phrase: int, keywords: tuple[Entry, ...], titles: tuple[Entry, ...]
    ) -> tuple[Any, Any, tuple[Entry, ...]]:
        """One phrase's patterns (`keywords`, `titles`: its entries, see Matcher._member_entries): the
        clauses' as arrays (clauses, points, points when near; None for none), the sectors' as entries."""
        found = self._phrases.get(phrase)
        if found is None:
            clauses = self.clauses
            found = self._phrases[phrase] = (
                _arrays([e for e in keywords if e[0] < clauses]),
                _arrays([e for e in titles if e[0] < clauses]),
                tuple(e for e in [*keywords, *titles] if e[0] >= clauses),
            )
        return found

    def cpv(self, code: str, relations: dict[int, Relation]) -> tuple[Any, Any, dict[int, Relation]]:
        """One tender code's relations: clauses and points as arrays, and those of the sectors."""
        found = self._cpv.get(code)
        if found is None:
            clauses = self.clauses
            owned = [(owner, relation[1]) for owner, relation in relations.items() if owner < clauses]
            found = (
                np.array([owner for owner, _ in owned], dtype=np.intp),
                np.array([points for _, points in owned], dtype=float),
                {owner: relation for owner, relation in relations.items() if owner >= clauses},
            )
            if len(self._cpv) > 50_000:
                self._cpv.clear()
            self._cpv[code] = found
        return found

    def collect(
        self,
        located: list[tuple[int, list[int], bool]],
        entries: Callable[[int], tuple[tuple[Entry, ...], tuple[Entry, ...]]],
        typos: dict[int, tuple[str, str]],
        focus_end: int,
        relations: list[dict[int, Relation]],
        codes: list[str],
        reason_of: Callable[[int], Reason],
    ) -> BulkEvidence:
        """The evidence of one tender from the phrases it holds (`Matcher._located`) and the relations of
        its CPV codes, in the tender's order."""
        sector_hits: dict[int, list[Hit]] = {}
        found: dict[_Key, Found] = {}
        owners, weights = [], []
        for phrase, found_at, together in located:
            keywords, titles, sectors = self.phrase(phrase, *entries(phrase))
            if sectors:  # sector titles are keyword patterns: found anywhere
                add_hits(sector_hits, sectors, found_at, together, typos, reason_of)
            groups = [(False, keywords, found_at)] if keywords is not None else []
            if titles is not None and min(found_at) < focus_end:
                groups.append((True, titles, [p for p in found_at if p < focus_end]))
            for is_title, (clauses, points, near), at in groups:
                typo = next((typos[p] for p in at if p in typos), None) if typos and together else None
                found[2 * phrase + is_title] = (frozenset(at), together, typo)
                owners.append(clauses)
                weights.append(near if not together else points if typo is None else points * FUZZY)
        size = self.clauses
        if owners:
            hit_points = np.bincount(np.concatenate(owners), np.concatenate(weights), minlength=size)
        else:
            hit_points = np.zeros(size, dtype=float)
        cpv_points = np.zeros(size)
        sector_cpv: dict[int, Relation] = {}
        for code, relation_of in zip(codes, relations, strict=True):
            clauses, points, related = self.cpv(code, relation_of)
            if len(clauses):
                cpv_points[clauses] = np.maximum(cpv_points[clauses], points)
            for owner, relation in related.items():  # on a tie, the tender's first code wins
                old = sector_cpv.get(owner)
                if old is None or relation[0] > old[0]:
                    sector_cpv[owner] = relation
        return BulkEvidence(self, found, reason_of, sector_hits, sector_cpv, relations, hit_points, cpv_points)

    def pending(self, query: Query, evidence: Mapping[int, list[Item]]) -> BoundVector:
        """Per clause that could score MIN_SCORE, a bound of its points (as `rules.upper_bounds`)."""
        assert isinstance(evidence, BulkEvidence)
        bound = evidence.direct_bounds()
        sectors, extra = bound_terms(query)
        if sectors:
            if self._recommended is None:
                self._recommended = _recommendations(query.clauses)
            sector_at, owners, divisors, rows = self._recommended
            at = [(sector_at[sector.id], points) for points, sector in sectors if sector.id in sector_at]
            if at:
                per_row = np.zeros(len(sector_at))
                per_row[[row for row, _ in at]] = [points for _, points in at]
                bound += np.bincount(owners, per_row[rows] / divisors, minlength=self.clauses)
        for group, points in extra:
            bound[self._owners(group)] += points  # a group holds each clause once
        return BoundVector(bound, bound >= points_for(MIN_SCORE))

    def _owners(self, group: Collection[int]) -> Any:
        """A collection of clauses as an array (made once per collection)."""
        found = self._arrays.get(id(group))
        if found is None or found[0] is not group:
            found = self._arrays[id(group)] = (group, np.fromiter(group, dtype=np.intp, count=len(group)))
        return found[1]  # (the group is kept with it: its id stays its own)


def _recommendations(clauses: Clauses) -> tuple[dict[str, int], Any, Any, Any]:
    """Every sector's recommended clauses as arrays: sector id -> row; then per recommendation its clause,
    divisor and sector row. A tender's sector points, one per row, then spread over the clauses at once."""
    rows: dict[str, int] = {}
    owners, divisors, sector_rows = [], [], []
    for owner, found in clauses.recommenders.items():
        for sector_id, divisor in found:
            owners.append(owner)
            divisors.append(divisor)
            sector_rows.append(rows.setdefault(sector_id, len(rows)))
    return rows, np.array(owners, dtype=np.intp), np.array(divisors, dtype=float), np.array(sector_rows, dtype=np.intp)


class BoundVector(Bounds):
    """The candidates not scored yet and their bounds, as a vector over all clauses and a mask: a tender
    has thousands of candidates and scores a few dozen, so none of them is put in a dict."""

    def __init__(self, bound: Any, pending: Any) -> None:
        self._bound = bound
        self._pending = pending  # per clause: a candidate not scored yet
        self._count = int(pending.sum())

    def __getitem__(self, owner: int) -> float:
        if owner not in self:
            raise KeyError(owner)
        return float(self._bound[owner])

    def __contains__(self, owner: object) -> bool:
        return isinstance(owner, int) and 0 <= owner < len(self._pending) and bool(self._pending[owner])

    def __delitem__(self, owner: int) -> None:
        if owner not in self:
            raise KeyError(owner)
        self._pending[owner] = False
        self._count -= 1

    def __iter__(self) -> Iterator[int]:
        pending: list[int] = np.flatnonzero(self._pending).tolist()
        return iter(pending)

    def __len__(self) -> int:
        return self._count

    def highest(self, n: int) -> list[int]:
        candidates = np.flatnonzero(self._pending)
        bounds = self._bound[candidates]
        if n < len(candidates):  # the n highest, then only those sorted
            chosen = np.argpartition(-bounds, n - 1)[:n]
            cut = bounds[chosen].min()
            chosen = np.flatnonzero(bounds >= cut)  # with every tie of the last, so that ties go by owner
            candidates, bounds = candidates[chosen], bounds[chosen]
        order = np.lexsort((candidates, -bounds))[:n]
        highest: list[int] = candidates[order].tolist()
        return highest


def _arrays(entries: list[Entry]) -> tuple[Any, Any, Any] | None:
    """The clauses, points and points when near of some patterns, as arrays (None for none)."""
    if not entries:
        return None
    return (
        np.array([e[0] for e in entries], dtype=np.intp),
        np.array([e[1] for e in entries], dtype=float),
        np.array([e[2] for e in entries], dtype=float),
    )


class BulkEvidence(Mapping[int, list[Item]]):
    """What `evidence.Evidence` holds, for a large catalogue: a clause's hits and CPV relation are found
    when it is first read; the sectors' are found at once."""

    def __init__(
        self,
        bulk: Bulk,
        found: dict[_Key, Found],
        reason_of: Callable[[int], Reason],
        sector_hits: dict[int, list[Hit]],
        sector_cpv: dict[int, Relation],
        relations: list[dict[int, Relation]],
        hit_points: Any,
        cpv_points: Any,
    ) -> None:
        self._bulk = bulk
        self._found = found
        self._reason_of = reason_of
        self._sector_hits = sector_hits
        self._sector_cpv = sector_cpv
        self._relations = relations  # per tender code, its relations (all owners)
        self._hit_points = hit_points  # per clause, the points of its hits, undecayed
        self._cpv_points = cpv_points  # per clause, the points of its closest CPV relation
        self._made: dict[int, list[Item]] = {}

    def __getitem__(self, owner: int) -> list[Item]:
        made = self._made.get(owner)
        if made is None:
            if owner < self._bulk.clauses:
                made = evidence_of(owner, self._clause_hits(owner), self._clause_relation(owner))
            else:
                made = evidence_of(owner, self._sector_hits.get(owner), self._sector_cpv.get(owner))
            self._made[owner] = made
        return made

    def _clause_hits(self, owner: int) -> list[Hit] | None:
        if not self._hit_points[owner]:
            return None
        hits: dict[int, list[Hit]] = {}
        found, reason_of = self._found, self._reason_of
        patterns = self._bulk.patterns_of[owner]
        for key in patterns.keys() & found.keys():  # the order of an owner's hits does not matter (kept)
            positions, together, typo = found[key]
            add_found(hits, patterns[key], positions, together, typo, reason_of)
        return hits.get(owner)

    def _clause_relation(self, owner: int) -> Relation | None:
        """The closest relation of one of the tender's codes; on a tie the first code's (as Matcher._cpv)."""
        if not self._cpv_points[owner]:
            return None
        best = None
        for relations in self._relations:
            relation = relations.get(owner)
            if relation is not None and (best is None or relation[0] > best[0]):
                best = relation
        return best

    def cpv_related(self, owner: int) -> bool:
        """Whether one of the tender's CPV codes relates to one of the owner's (as `Evidence.cpv_related`)."""
        if owner < self._bulk.clauses:
            return bool(self._cpv_points[owner])
        return owner in self._sector_cpv

    def __contains__(self, owner: object) -> bool:
        if not isinstance(owner, int):
            return False
        if owner < self._bulk.clauses:
            return owner >= 0 and bool(self._hit_points[owner] or self._cpv_points[owner])
        return owner in self._sector_hits or owner in self._sector_cpv

    def clauses(self) -> list[int]:
        """The clauses with evidence."""
        found: list[int] = np.flatnonzero(self._hit_points + self._cpv_points).tolist()
        return found

    def sectors(self) -> list[int]:
        """The sectors with evidence."""
        hits = self._sector_hits
        return [*hits, *(owner for owner in self._sector_cpv if owner not in hits)]

    def sector_items(self, sectors: Container[int]) -> Iterator[tuple[int, list[Item]]]:
        """(sector, evidence) of the sectors with evidence (all are among `sectors`: kept apart here)."""
        made, hits, cpv = self._made, self._sector_hits, self._sector_cpv
        for owner in self.sectors():
            items = made.get(owner)
            if items is None:
                items = made[owner] = evidence_of(owner, hits.get(owner), cpv.get(owner))
            yield owner, items

    def __iter__(self) -> Iterator[int]:
        return chain(self.clauses(), self.sectors())

    def __len__(self) -> int:
        return len(self.clauses()) + len(self.sectors())

    def direct_bounds(self) -> Any:
        """Per clause, a bound of its direct evidence's points: its hits undecayed and its CPV relation."""
        return self._hit_points + self._cpv_points
