"""The ids and values the body of POST /api/v1/draft names, checked before anything is drafted.

A body can be wrong in several places at once (an unknown route, an unknown clause, a value out of
bounds, a format that does not exist): the answer names every one, not the first that `draft_annex`
meets. The ids are part of the body, so they are said the way the body's other problems are: where
`request`, the field its path (`route`, `clauses.0.id`); a value keeps its clause and parameter, as the
render endpoint says it.
"""

from __future__ import annotations

from ..catalogue import Catalogue
from ..errors import ParameterError, Problem
from ..render import resolve_values
from .inputs import body_object, tender_problems


def body_problems(catalogue: Catalogue, route: object, clauses: object) -> list[Problem]:
    """Every unknown id and every wrong value of a draft's `route` and `clauses`, as they came (a value the
    schema already refuses, such as a list where a number belongs, is left to the schema's problem)."""
    problems: list[Problem] = []
    if isinstance(route, str) and route not in catalogue.routes:
        known = ", ".join(catalogue.routes) or "none"
        problems.append(
            Problem("request", "route", "{id!r} is not a route", "use one of: {known}", id=route, known=known)
        )
    for i, choice in enumerate(clauses if isinstance(clauses, list) else []):
        if not isinstance(choice, dict) or not isinstance(choice.get("id"), str):
            continue
        clause = catalogue.clauses.get(choice["id"])
        if clause is None:
            problems.append(
                Problem(
                    "request",
                    f"clauses.{i}.id",
                    "{id!r} is not a clause in the catalogue",
                    "GET /api/v1/clauses lists the ids",
                    id=choice["id"],
                )
            )
            continue
        values = choice.get("values")
        if isinstance(values, dict):
            plain = {k: v for k, v in values.items() if isinstance(v, str | int | float) and not isinstance(v, bool)}
            try:
                resolve_values(clause, plain)
            except ParameterError as e:
                problems += e.problems
    return problems


def problems_in_json(catalogue: Catalogue, body: bytes) -> list[Problem]:
    """The problems of a JSON body that does not fit its schema besides the schema's own: its ids, its
    values and its tender's fields, so that every problem of the body is said at once."""
    data = body_object(body)
    return [*tender_problems(data.get("tender")), *body_problems(catalogue, data.get("route"), data.get("clauses"))]
