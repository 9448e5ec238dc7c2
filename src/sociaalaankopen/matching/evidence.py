"""A tender's direct evidence per owner (clause or sector), worked out per owner when first read.

The matcher collects every hit of every owner (cheap: one tuple per pattern found); turning an owner's
hits into its evidence (each stretch of the tender counted once, each further piece counting less) is
done only for the owners that are scored. The sum of an owner's hits bounds its evidence from above:
the overlap rule only removes hits and the decay only lowers them.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from itertools import chain
from operator import itemgetter

from .reasons import Reason, display
from .weights import DECAY, FUZZY

Hit = tuple[float, int, Reason, frozenset[int]]  # points, pattern number, reason, positions in the tender
Item = tuple[float, Reason]


def _strongest(hit: Hit) -> tuple[float, int]:
    """Sort key of an owner's hits: the most points first; a tie goes to the pattern listed first."""
    return (-hit[0], hit[1])


_points = itemgetter(0)


def _minus_points(item: Item) -> float:
    return -item[0]


Entry = tuple[int, float, float, int, str]  # a pattern of a phrase: owner, points, points when near, number, text


def add_hits(
    hits: dict[int, list[Hit]],
    entries: Iterable[Entry],
    at: list[int],
    together: bool,
    typos: Mapping[int, tuple[str, str]],
    reason_of: Callable[[int], Reason],
) -> None:
    """Add to `hits` what the patterns `entries` of one phrase found at positions `at` give their owners
    (see `add_found`); the first typo among the positions is the one quoted."""
    typo = next((typos[p] for p in at if p in typos), None) if typos and together else None
    add_found(hits, entries, frozenset(at), together, typo, reason_of)


def add_found(
    hits: dict[int, list[Hit]],
    entries: Iterable[Entry],
    positions: frozenset[int],
    together: bool,
    typo: tuple[str, str] | None,
    reason_of: Callable[[int], Reason],
) -> None:
    """Add to `hits` what the patterns `entries` of one phrase found at `positions` give their owners:
    the full points where the phrase's words stand together (less where one was read through `typo`),
    the points for near words where they are only near (none for a title word)."""
    for owner, points, near_points, number, text in entries:
        if not together:
            if not near_points:
                continue
            points, reason = near_points, Reason("keyword_near", (display(text),))
        elif typo is not None:
            points *= FUZZY
            reason = Reason("keyword_fuzzy", (display(text), typo[0]))
        else:
            reason = reason_of(number)
        found = hits.get(owner)
        if found is None:
            hits[owner] = [(points, number, reason, positions)]
        else:
            found.append((points, number, reason, positions))


def kept(found: list[Hit]) -> list[Item]:
    """An owner's hits as evidence: each stretch of the tender counts once (the strongest pattern
    explains it), and each further piece of evidence counts less than the one before."""
    if len(found) == 1:
        return [(found[0][0], found[0][2])]
    used: set[int] = set()
    said: set[object] = set()
    evidence: list[Item] = []
    # Ties go to the pattern listed first in the catalogue: the same in every process.
    for points, _number, reason, positions in sorted(found, key=_strongest):
        # A compound keyword is found whole ('sorteercentrum') and by its parts ('sorteer … centrum'), perhaps
        # in other words of the tender: one keyword, counted and said once.
        if positions <= used or reason.args[:1] in said:
            continue
        used |= positions
        said.add(reason.args[:1])
        evidence.append((points * DECAY ** len(evidence), reason))
    return evidence


def evidence_of(owner: int, found: list[Hit] | None, relation: tuple[float, float, Reason] | None) -> list[Item]:
    """An owner's evidence from its hits and its CPV relation (closeness, points, reason), strongest first."""
    if found is None:
        if relation is None:
            raise KeyError(owner)
        return [(relation[1], relation[2])]
    made = kept(found)
    if relation is not None:
        made.append((relation[1], relation[2]))
        made.sort(key=_minus_points)
    return made


class Evidence(Mapping[int, list[Item]]):
    """Per owner, its direct evidence: (points, reason), strongest first. The owners with hits come first,
    then those found through a CPV code only (the order the evidence was once built in)."""

    def __init__(self, hits: dict[int, list[Hit]], cpv: Mapping[int, tuple[float, float, Reason]]) -> None:
        self._hits = hits
        self._cpv = cpv  # owner -> (closeness, points, reason)
        self._made: dict[int, list[Item]] = {}

    def __getitem__(self, owner: int) -> list[Item]:
        made = self._made.get(owner)
        if made is None:
            made = self._made[owner] = evidence_of(owner, self._hits.get(owner), self._cpv.get(owner))
        return made

    def __contains__(self, owner: object) -> bool:
        return owner in self._hits or owner in self._cpv

    def cpv_related(self, owner: int) -> bool:
        """Whether one of the tender's CPV codes relates to one of the owner's (see Matcher._cpv_of)."""
        return owner in self._cpv

    def __iter__(self) -> Iterator[int]:
        hits = self._hits
        return chain(hits, [owner for owner in self._cpv if owner not in hits])

    def __len__(self) -> int:
        hits = self._hits
        return len(hits) + sum(1 for owner in self._cpv if owner not in hits)

    def sector_items(self, sectors: Container[int]) -> Iterator[tuple[int, list[Item]]]:
        """(sector, evidence) of the `sectors` with evidence (the clauses' evidence is not made here)."""
        for owner in self:
            if owner in sectors:
                yield owner, self[owner]

    def bounds(self, owners: Mapping[int, object]) -> dict[int, float]:
        """Per owner of `owners` with evidence, an upper bound of its evidence's points: the sum of its
        hits, undecayed, and of its CPV relation."""
        hits, cpv = self._hits, self._cpv
        found = {owner: sum(map(_points, owned)) for owner, owned in hits.items() if owner in owners}
        for owner, relation in cpv.items():
            if owner in owners:
                found[owner] = found.get(owner, 0.0) + relation[1]
        return found
