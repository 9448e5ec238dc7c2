"""Exact scores for the clauses that can matter, upper bounds for the others (MaxScore style).

In a large catalogue a tender finds thousands of candidate clauses and shows five. Each candidate has a
cheap upper bound of its points (`rules.upper_bounds`: its hits undecayed, everything its sectors bring,
what the rules could add, no penalty). The matcher scores exactly, with the rules, the clauses the routes
name and the cross-cutting clauses that could join a route, then the other candidates from the highest
bound down, until the k-th best exact score is above what the bound of every clause left can reach: none
of those can enter the best k. The rules work per clause, so scoring a subset gives each clause the score
and reasons it gets when every candidate is scored. Whoever reads further (the full ranking, a clause by
id) gets the clauses it asks for scored then (see `results.Ranking`).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, MutableMapping
from dataclasses import replace

from .rules import Query, Scores, points_for, score
from .weights import MIN_SCORE

# Candidates are scored in rounds: the first round takes this many more than asked, each next one twice
# the one before.
FIRST_ROUND = 8


class Pruned:
    """The scores of one tender's candidates: exact for the clauses scored so far, bounded for the others."""

    def __init__(self, query: Query, bounds: dict[int, float] | Bounds) -> None:
        """`bounds`: per candidate, the most points it could get; as a dict, or as `Bounds` that hold only
        the candidates that could score MIN_SCORE and know their order (bulk.py)."""
        self.query = query
        self.scores = Scores()  # of the clauses scored so far
        # Per candidate not scored yet, the most points it could get; a clause whose bound stays under
        # MIN_SCORE cannot score at all.
        low = points_for(MIN_SCORE)
        self.pending: MutableMapping[int, float] = (
            {owner: points for owner, points in bounds.items() if points >= low} if isinstance(bounds, dict) else bounds
        )
        self._order: list[int] | None = None  # the pending dict's owners, highest bound first
        self._next = 0  # where in `_order` the owners not scored yet start
        self.exact_top = 0  # `top(k)` of the scores so far is exact for k up to this

    def settle(self, owners: Iterable[int]) -> dict[int, int]:
        """Score those of `owners` not scored yet: their scores (of those that reach MIN_SCORE)."""
        pending = self.pending
        chosen = frozenset(owner for owner in owners if owner in pending)
        if not chosen:
            return {}
        for owner in chosen:
            del pending[owner]
        part = score(replace(self.query, only=chosen, from_sectors={}))
        scores = self.scores
        scores.items.update(part.items)
        scores.factor.update(part.factor)
        scores.penalties.update(part.penalties)
        scores.score.update(part.score)
        return part.score

    def settle_from(self, minimum: int, among: Collection[int] | None = None) -> dict[int, int]:
        """Score the clauses not scored yet (of `among`) that could score `minimum` or more."""
        pending, low = self.pending, points_for(minimum)
        if among is None:
            return self.settle([owner for owner, points in pending.items() if points >= low])
        return self.settle([owner for owner in among if pending.get(owner, -1.0) >= low])

    def top(self, k: int, first: Iterable[int] = ()) -> None:
        """Score `first`, then the other candidates from the highest bound down, until no clause left
        unscored can be among the best `k`: its bound stays under the k-th best score. (A bound that
        reaches that score could still win on the clause id.)"""
        if k <= 0:
            self.settle(first)
            return
        pending, scored = self.pending, self.scores.score
        size = k + FIRST_ROUND
        wanted = [*first, *self._highest(size)]
        while True:
            self.settle(wanted)
            floor = heapq.nlargest(k, scored.values())[-1] if len(scored) >= k else MIN_SCORE
            limit = points_for(floor)
            following = self._highest(1, peek=True)
            if not following or pending[following[0]] < limit:
                break
            # Of the next ones, only those whose bound reaches the floor can still enter the best k (the
            # floor only rises): the others are left unscored.
            size *= 2
            wanted = [owner for owner in self._highest(size) if pending[owner] >= limit]
        self.exact_top = max(self.exact_top, k)

    def _highest(self, n: int, peek: bool = False) -> list[int]:
        """The `n` candidates not scored yet with the highest bounds, highest first (on a tie, the first
        given). `peek`: without moving past them (they are not scored next)."""
        pending = self.pending
        if isinstance(pending, Bounds):
            return pending.highest(n)
        order = self._order
        if order is None:
            order = self._order = sorted(pending, key=pending.__getitem__, reverse=True)
        found: list[int] = []
        at = self._next
        while at < len(order) and len(found) < n:
            if order[at] in pending:
                found.append(order[at])
            at += 1
        if not peek:
            self._next = at
        return found


class Bounds(MutableMapping[int, float]):
    """Candidates and their bounds held apart from a dict (bulk.py), that can give the highest ones."""

    def highest(self, n: int) -> list[int]:
        """The `n` candidates with the highest bounds, highest first; on a tie, the lowest owner first."""
        raise NotImplementedError

    def __setitem__(self, owner: int, points: float) -> None:
        raise TypeError("candidates are only taken out")
