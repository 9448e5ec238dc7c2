"""The rules that keep routes coherent: which clauses exclude each other, and what a route may hold.

Two clauses conflict when one lists the other in `excludes` (the relation must be mutual), or when
both reserve the contract: participation (eForms BT-71 other than `none`) or its execution in sheltered
employment programmes (BT-736). A contract, or a lot, is reserved one way or not at all. `check_routes` applies the rules to a catalogue being loaded; `conflicts` to a chosen set of
clauses (the annex, the web tool).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    from .catalogue.parse import Origin
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


# Why two clauses cannot stand in one annex (the problems built from these say it in full, per language).
EXCLUDE_EACH_OTHER = "exclude each other"
BOTH_RESERVE = "both reserve the contract (BT-71 or BT-736)"


def conflict(a: Clause, b: Clause) -> str | None:
    """Why two clauses cannot stand in one annex (EXCLUDE_EACH_OTHER or BOTH_RESERVE), or None."""
    if b.id in a.excludes or a.id in b.excludes:
        return EXCLUDE_EACH_OTHER
    if reserves(a) and reserves(b):
        return BOTH_RESERVE
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


def check_routes(
    clauses: Mapping[str, Clause],
    routes: Mapping[str, Route],
    sectors: Mapping[str, SectorProfile],
    origins: Mapping[tuple[str, str], Origin],
) -> list[Problem]:
    """Exclusions are mutual and name existing clauses; routes name existing clauses and hold no conflict."""
    problems: list[Problem] = []
    for cid, clause in clauses.items():
        where = origins[("clause", cid)].path
        for other in clause.excludes:
            if other == cid:
                problems.append(Problem(where, "excludes", "a clause cannot exclude itself", "remove its own id"))
            elif other not in clauses:
                problems.append(
                    Problem(
                        where,
                        "excludes",
                        "{id!r} is not a clause in the catalogue",
                        "use the id of an existing clause",
                        id=other,
                    )
                )
            elif cid not in clauses[other].excludes:
                problems.append(
                    Problem(
                        where,
                        "excludes",
                        "{other!r} does not exclude {cid!r} back",
                        "add {cid!r} to the excludes of {other!r} (exclusions are mutual)",
                        other=other,
                        cid=cid,
                    )
                )
        for rid in clause.routes:
            if rid not in routes:
                known = ", ".join(sorted(routes)) or "none"
                problems.append(
                    Problem(where, "routes", "{id!r} is not a route", "use one of: {known}", id=rid, known=known)
                )
    for rid, route in routes.items():
        problems += _check_route(route, clauses, origins[("route", rid)].path)
    for sid, sector in sectors.items():
        where = origins[("sector", sid)].path
        seen: set[str] = set()
        for choice in sector.routes:
            if choice.id not in routes:
                known = ", ".join(sorted(routes)) or "none"
                problems.append(
                    Problem(where, "routes", "{id!r} is not a route", "use one of: {known}", id=choice.id, known=known)
                )
            elif choice.id in seen:
                problems.append(
                    Problem(where, "routes", "{id!r} is listed twice", "list each route once", id=choice.id)
                )
            seen.add(choice.id)
    return problems


def _check_route(route: Route, clauses: Mapping[str, Clause], where: str) -> list[Problem]:
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
                else "holds {a!r} and {b!r}, which both reserve the contract (BT-71 or BT-736)",
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
