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
from collections.abc import Collection, Iterable
from dataclasses import replace

from .rules import Query, Scores, points_for, score
from .weights import MIN_SCORE

# Candidates are scored in rounds: the first round takes this many more than asked, each next one twice
# the one before.
FIRST_ROUND = 8


class Pruned:
    """The scores of one tender's candidates: exact for the clauses scored so far, bounded for the others."""

    def __init__(self, query: Query, bounds: dict[int, float], ordered: bool = False) -> None:
        """`ordered`: `bounds` holds only clauses that could score MIN_SCORE, highest bound first."""
        self.query = query
        self.scores = Scores()  # of the clauses scored so far
        # Per candidate not scored yet, the most points it could get; a clause whose bound stays under
        # MIN_SCORE cannot score at all.
        low = points_for(MIN_SCORE)
        self.pending = bounds if ordered else {owner: points for owner, points in bounds.items() if points >= low}
        self._ordered = ordered
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
        order = list(pending) if self._ordered else sorted(pending, key=pending.__getitem__, reverse=True)
        size = k + FIRST_ROUND
        wanted = [*first, *order[:size]]
        start = size
        while True:
            self.settle(wanted)
            floor = heapq.nlargest(k, scored.values())[-1] if len(scored) >= k else MIN_SCORE
            while start < len(order) and order[start] not in pending:
                start += 1
            if start >= len(order) or pending[order[start]] < points_for(floor):
                break
            size *= 2
            wanted = order[start : start + size]
            start += size
        self.exact_top = max(self.exact_top, k)
