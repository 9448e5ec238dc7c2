"""The rules that keep routes coherent: which clauses exclude each other, and what a route may hold.

Two clauses conflict when one lists the other in `excludes` (the relation must be mutual), or when
both reserve the contract: participation (eForms BT-71 other than `none`) or its execution in sheltered
employment programmes (BT-736). A contract, or a lot, is reserved one way or not at all. Nor can a clause
written for a concession (Directive 2014/23/EU) stand beside one that only works in a public contract: a
contract is a concession or a public contract, never both, and the general implementing rules of public
contracts (KB of 14 January 2013), on which performance conditions rest their penalties, do not govern a
concession. `check_excludes`
and `check_route` apply the rules to a catalogue being loaded (catalogue/checks.py); `conflicts` to a chosen
set of clauses (the annex, the web tool).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    from .model import Clause, Route, SectorProfile


def reserves_participation(clause: Clause) -> bool:
    """Whether a clause reserves participation in the contract or a lot (BT-71 other than none)."""
    return any(code != "none" for code in clause.eforms.get("BT-71", []))


def reserves(clause: Clause) -> bool:
    """Whether a clause reserves the contract or a lot: its participation (BT-71) or its execution (BT-736)."""
    return reserves_participation(clause) or "yes" in clause.eforms.get("BT-736", [])


def members(route: Route, clauses: Mapping[str, Clause]) -> list[tuple[str, str]]:
    """(clause id, role) of a route: the clauses its file lists, then those that join it through `routes`."""
    found: list[tuple[str, str]] = [(c.id, c.role) for c in route.clauses]
    listed = {cid for cid, _ in found}
    found += [(cid, "optional") for cid, c in clauses.items() if route.id in c.routes and cid not in listed]
    return found


CONCESSIONS = "richtlijn-2014-23"  # the legal reference of the concessions Directive
EXECUTION_RULES = "kb-uitvoering-2013"  # the general implementing rules of public contracts


def for_concession(clause: Clause) -> bool:
    """Whether a clause is written for a concession: it rests on the concessions Directive 2014/23/EU."""
    return CONCESSIONS in clause.legal_basis


def for_public_contract(clause: Clause) -> bool:
    """Whether a clause only works in a public contract: it rests on the general implementing rules of
    public contracts (which do not govern a concession) or reserves a public contract (art. 15 of the Act,
    art. 20 or 77 of Directive 2014/24/EU, sheltered execution)."""
    return not for_concession(clause) and (EXECUTION_RULES in clause.legal_basis or reserves(clause))


# Why two clauses cannot stand in one annex (the problems built from these say it in full, per language).
EXCLUDE_EACH_OTHER = "exclude each other"
BOTH_RESERVE = "both reserve the contract (BT-71 or BT-736)"
CONCESSION_AND_CONTRACT = "one is written for a concession, the other for a public contract"


def conflict(a: Clause, b: Clause) -> str | None:
    """Why two clauses cannot stand in one annex (EXCLUDE_EACH_OTHER, BOTH_RESERVE or
    CONCESSION_AND_CONTRACT), or None."""
    if b.id in a.excludes or a.id in b.excludes:
        return EXCLUDE_EACH_OTHER
    if reserves(a) and reserves(b):
        return BOTH_RESERVE
    if (for_concession(a) and for_public_contract(b)) or (for_concession(b) and for_public_contract(a)):
        return CONCESSION_AND_CONTRACT
    return None


def conflicts(ids: Iterable[str], clauses: Mapping[str, Clause]) -> list[tuple[str, str, str]]:
    """Every pair of the given clauses that cannot stand together: (first id, second id, why)."""
    known = [clauses[i] for i in dict.fromkeys(ids) if i in clauses]
    found = []
    for a, b in combinations(known, 2):
        why = conflict(a, b)
        if why:
            found.append((a.id, b.id, why))
    return found


def routes_holding(clause_id: str, routes: Mapping[str, Route], clauses: Mapping[str, Clause]) -> list[str]:
    return [rid for rid, route in routes.items() if any(cid == clause_id for cid, _ in members(route, clauses))]


def check_excludes(
    kind: str, item: Clause | SectorProfile, items: Mapping[str, Clause | SectorProfile], where: str
) -> list[Problem]:
    """Each id in an item's `excludes` names another item of the same kind (`items`), which excludes it back."""
    problems: list[Problem] = []
    for other in item.excludes:
        if other == item.id:
            problems.append(
                Problem(
                    where,
                    "excludes",
                    "a clause cannot exclude itself" if kind == "clause" else "a sector cannot exclude itself",
                    "remove its own id",
                )
            )
        elif other not in items:
            problems.append(
                Problem(
                    where,
                    "excludes",
                    "{id!r} is not a clause in the catalogue"
                    if kind == "clause"
                    else "{id!r} is not a sector in the catalogue",
                    "use an existing id",
                    id=other,
                )
            )
        elif item.id not in items[other].excludes:
            problems.append(
                Problem(
                    where,
                    "excludes",
                    "{other!r} does not exclude {id!r} back",
                    "add {id!r} to the excludes of {other!r} (exclusions are mutual)",
                    other=other,
                    id=item.id,
                )
            )
    return problems


def check_route(route: Route, clauses: Mapping[str, Clause], where: str) -> list[Problem]:
    """A route names existing clauses once each, anchors on its own clauses, holds no conflict and keeps
    its reservation."""
    problems: list[Problem] = []
    held = members(route, clauses)
    ids = [cid for cid, _ in held]
    for cid in dict.fromkeys(ids):
        if ids.count(cid) > 1:
            problems.append(Problem(where, "clauses", "{cid!r} is listed twice", "list each clause once", cid=cid))
        if cid not in clauses:
            problems.append(
                Problem(
                    where,
                    "clauses",
                    "{id!r} is not a clause in the catalogue",
                    "use the id of an existing clause",
                    id=cid,
                )
            )
    for anchor in route.anchors:
        if anchor not in ids:
            problems.append(
                Problem(
                    where,
                    "anchors",
                    "{anchor!r} is not one of the route's clauses",
                    "add it to 'clauses' first",
                    anchor=anchor,
                )
            )
    for a, b, why in conflicts(ids, clauses):
        problems.append(
            Problem(
                where,
                "clauses",
                "holds {a!r} and {b!r}, which exclude each other"
                if why == EXCLUDE_EACH_OTHER
                else "holds {a!r} and {b!r}, which both reserve the contract (BT-71 or BT-736)"
                if why == BOTH_RESERVE
                else "holds {a!r} and {b!r}: one is written for a concession, the other for a public contract",
                "remove one of them from the route (or from the other's 'excludes' if they can go together)",
                a=a,
                b=b,
            )
        )
    reserving = [cid for cid in ids if cid in clauses and reserves_participation(clauses[cid])]
    if route.reservation in ("res-ws", "res-pub-ser"):
        if not any(route.reservation in clauses[cid].eforms.get("BT-71", []) for cid in reserving):
            problems.append(
                Problem(
                    where,
                    "reservation",
                    "is {reservation!r} but no clause of the route has BT-71 {reservation!r}",
                    "add the reserving clause or correct 'reservation'",
                    reservation=route.reservation,
                )
            )
    elif reserving:
        problems.append(
            Problem(
                where,
                "reservation",
                "is {reservation!r} but {clause!r} reserves participation (BT-71)",
                "set 'reservation' to the clause's BT-71 code or take the clause out",
                reservation=route.reservation,
                clause=reserving[0],
            )
        )
    return problems
