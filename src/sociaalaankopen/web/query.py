"""The query string of an API call: only the parameters the endpoint takes, each once.

FastAPI ignores a parameter it does not know and keeps the last of one given twice. A tool that writes
`?instrumnt=lots` would get every clause, and one that writes `?lang=fr&lang=en` an answer in one of the
two, without a word; both are refused instead, one problem per parameter.
"""

from __future__ import annotations

import typing
from collections import Counter

from starlette.requests import Request

from ..errors import Problem
from .problems import RequestError


def _repeatable(annotation: object) -> bool:
    """Whether a query parameter of this type takes several values (`list[str]`)."""
    origins = {typing.get_origin(a) for a in (annotation, *typing.get_args(annotation))}
    return bool(origins & {list, tuple, set, frozenset})


def known_query(request: Request) -> None:
    """Refuse query parameters the matched endpoint does not take, and one value given twice."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    taken = {field.alias: _repeatable(field.field_info.annotation) for field in dependant.query_params}
    problems = []
    for name, count in Counter(key for key, _value in request.query_params.multi_items()).items():
        if name not in taken:
            problems.append(
                Problem(
                    "query",
                    name,
                    "is not a parameter of this address",
                    "leave it out" if not taken else "use {names}",
                    names=", ".join(sorted(taken)),
                )
            )
        elif count > 1 and not taken[name]:
            problems.append(Problem("query", name, "is given {count} times", "give it once", count=count))
    if problems:
        raise RequestError(problems)
