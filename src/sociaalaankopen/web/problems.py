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
from .i18n import texts

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
        items.append(ProblemItem(where=p.where, field=p.field, message=message, fix=fix, line=line_of(p, lang)))
    return problem(status, "\n".join(i.line for i in items), kind=kind, errors=items)


def line_of(p: LibraryProblem, lang: str) -> str:
    """A problem in one line. One in a page's form names its field as the page does ('CPV code: …'),
    not by the field's name in the form."""
    if p.where != FORM:
        return p.text(lang)
    message, fix = p.parts(lang)
    said = f"{message} ({fix})" if fix else message
    label = texts(lang).get(f"field.{p.field}") if p.field else None
    return f"{label}{texts(lang)['colon']}{said}" if label else said[:1].upper() + said[1:]


# Where the library names the command line (its options, its text argument), the place in a request or in
# a page's form that holds the same thing. FORM is the form of a page: its field is said by its label.
FORM = "form"
_API_PLACES: dict[tuple[str, str], tuple[str, str]] = {
    ("<options>", ""): ("request", ""),
    ("<options>", "--cpv"): ("request", "cpv"),
    ("<options>", "--title"): ("request", "title"),
    ("<options>", "--type"): ("request", "type"),
    ("<options>", "--lang"): ("request", "lang"),
    ("<text>", ""): ("request", "text"),
}
_PAGE_PLACES: dict[tuple[str, str], tuple[str, str]] = {
    ("<options>", ""): (FORM, "body"),
    ("<options>", "--cpv"): (FORM, "cpv"),
    ("<text>", ""): (FORM, "text"),
    ("request", "body"): (FORM, "body"),
    ("request", "text"): (FORM, "text"),
    ("request", "file"): (FORM, "file"),
    ("draft", "clauses"): (FORM, "clause"),
}


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
    "save the description as plain text (.txt, UTF-8) or copy it into the command": said(
        'save the description as plain text (.txt, UTF-8) or send it as "text"'
    ),
}
# The same for a person at the tool's pages, who has a form, not options.
PAGE_FIXES: dict[str, Text] = {
    "run 'sociaalaankopen clauses list' to see the ids": said("pick one from the list"),
    "keep one of them, or draft one route with --route ID": said("remove one of them"),
    "pass --clause ID or --from-tender FILE": said("choose at least one clause"),
    "match them with --batch": said("upload one tender at a time"),
    "save the description as plain text (.txt, UTF-8) or copy it into the command": said(
        "save the description as plain text (.txt, UTF-8) or paste it into the text field"
    ),
}


def for_the_api(error: SociaalAankopenError) -> SociaalAankopenError:
    """The same error, with each place and fix that names the command line said the API's way."""
    return _said_for(error, _API_PLACES, API_FIXES)


def for_the_page(error: SociaalAankopenError) -> SociaalAankopenError:
    """The same error, with each place and fix that names the command line said for a page's form."""
    return _said_for(error, _PAGE_PLACES, PAGE_FIXES)


def _said_for(
    error: SociaalAankopenError, places: dict[tuple[str, str], tuple[str, str]], fixes: dict[str, Text]
) -> SociaalAankopenError:
    if not any((p.where, p.field) in places or p.fix_template in fixes for p in error.problems):
        return error
    return type(error)([_api_fix(p, places, fixes) for p in error.problems])


def _api_fix(  # the name tests/test_messages.py knows as passing templates on
    p: LibraryProblem, places: dict[tuple[str, str], tuple[str, str]], fixes: dict[str, Text]
) -> LibraryProblem:
    where, field = places.get((p.where, p.field), (p.where, p.field))
    fix = fixes.get(p.fix_template)
    return LibraryProblem(where, field, p.template, fix.template if fix else p.fix_template, **p.args)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries of the problem statuses an endpoint can answer with."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
