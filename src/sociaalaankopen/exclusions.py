"""Which clauses cannot stand in the same annex: alternatives (`excludes`), not additions."""

from __future__ import annotations

from collections.abc import Iterable

from .catalogue import Catalogue
from .errors import Problem


def excluded_by(catalogue: Catalogue, chosen: Iterable[str]) -> dict[str, str]:
    """Every clause that one of the chosen clauses excludes -> the chosen clause that excludes it."""
    found: dict[str, str] = {}
    for clause_id in chosen:
        clause = catalogue.clauses.get(clause_id)
        for other in clause.excludes if clause else ():
            found.setdefault(other, clause_id)
    return found


def conflicts(catalogue: Catalogue, chosen: Iterable[str]) -> list[Problem]:
    """One problem per pair of chosen clauses that exclude each other."""
    ids = list(chosen)
    problems = []
    for i, clause_id in enumerate(ids):
        clause = catalogue.clauses.get(clause_id)
        for other in ids[i + 1 :]:
            if clause and other in clause.excludes:
                problems.append(
                    Problem(
                        clause_id,
                        "excludes",
                        f"cannot stand in the same annex as {other}",
                        f"keep one of {clause_id} and {other}",
                    )
                )
    return problems
