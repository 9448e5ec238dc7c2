"""Errors as RFC 9457 problem details: the library's one-line messages, as JSON other tools can read."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field

from ..errors import (
    CatalogueError,
    OutputError,
    ParameterError,
    SociaalAankopenError,
    TemplateError,
    TenderError,
)
from ..errors import (
    Problem as LibraryProblem,
)
from ..messages import Text, said

MEDIA_TYPE = "application/problem+json"


class RequestError(SociaalAankopenError):
    """The request itself is malformed (not JSON, a missing field, a value of the wrong kind)."""


class UnsupportedMediaType(RequestError):
    """The request body is of a media type the endpoint does not read."""


class TooLarge(RequestError):
    """The request body is over the limit (security.MAX_BODY)."""


class NoSuchAddress(RequestError):
    """Nothing answers at this address."""


class WrongMethod(RequestError):
    """The address does not take this method."""


class ServerFailure(SociaalAankopenError):
    """A bug: the request failed on the server, through no fault of its own."""


# The kind of library error -> (HTTP status, problem type). A CatalogueError in a request is an id
# that is not in the catalogue (a broken catalogue stops `serve` before it starts).
# An empty kind is a plain HTTP error: type 'about:blank'.
_KINDS: list[tuple[type[SociaalAankopenError], int, str]] = [
    (UnsupportedMediaType, 415, "media-type"),
    (TooLarge, 413, "too-large"),
    (NoSuchAddress, 404, ""),
    (WrongMethod, 405, ""),
    (ServerFailure, 500, ""),
    (RequestError, 422, "request"),
    (TenderError, 422, "tender"),
    (ParameterError, 422, "parameter"),
    (TemplateError, 422, "template"),
    (CatalogueError, 404, "not-in-catalogue"),
    (OutputError, 500, "output"),
]


class ProblemItem(BaseModel):
    """One thing wrong, as the CLI prints it (`line`) and in its parts."""

    where: str
    field: str
    message: str
    fix: str
    line: str


class Problem(BaseModel):
    """RFC 9457 problem details, with every problem of the request in `errors`."""

    type: str = Field(description="'about:blank' for a plain HTTP error, else urn:sociaalaankopen:problem:<kind>")
    title: str
    status: int
    detail: str = Field(description="The problems, one line each, as the command line shows them")
    errors: list[ProblemItem] = Field(default_factory=list)


def problem(status: int, detail: str, *, kind: str | None = None, errors: list[ProblemItem] | None = None) -> Problem:
    phrase = HTTPStatus(status).phrase
    return Problem(
        type=f"urn:sociaalaankopen:problem:{kind}" if kind else "about:blank",
        title=phrase,
        status=status,
        detail=detail,
        errors=errors or [],
    )


def from_error(error: SociaalAankopenError, lang: str = "en") -> Problem:
    """The problem details of a library error, its messages in `lang` (the API's default: English)."""
    status, kind = next(((s, k) for cls, s, k in _KINDS if isinstance(error, cls)), (422, "request"))
    items = []
    for p in dict.fromkeys(error.problems):  # a problem said twice (a clause named 200 times) is one line
        message, fix = p.parts(lang)
        items.append(ProblemItem(where=p.where, field=p.field, message=message, fix=fix, line=p.text(lang)))
    return problem(status, "\n".join(i.line for i in items), kind=kind, errors=items)


# The library's fixes that name a command-line option or command, and how a caller of the API does the same.
API_FIXES: dict[str, Text] = {
    "run 'sociaalaankopen clauses list' to see the ids": said("GET /api/v1/clauses lists the ids"),
    "keep one of them, or draft one route with --route ID": said('keep one of them, or draft one route with "route"'),
    "pass --clause ID or --from-tender FILE": said(
        'give "clauses", a "route", or a tender ("text", "tender" or a file)'
    ),
    "add it with --clause or drop its values": said('add it to "clauses" or drop its values'),
    "name one with --route ID ({known}) or choose clauses with --clause": said(
        'name one in "route" ({known}) or choose "clauses"'
    ),
    "match them with --batch": said("send one tender per request"),
}


def for_the_api(error: SociaalAankopenError) -> SociaalAankopenError:
    """The same error, with each fix that names the command line said the API's way."""
    if not any(p.fix_template in API_FIXES for p in error.problems):
        return error
    return type(error)([_api_fix(p) for p in error.problems])


def _api_fix(p: LibraryProblem) -> LibraryProblem:
    fix = API_FIXES.get(p.fix_template)
    return LibraryProblem(p.where, p.field, p.template, fix.template, **p.args) if fix else p


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries of the problem statuses an endpoint can answer with."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
