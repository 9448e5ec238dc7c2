"""The HTTP API under /api/v1: the same JSON as the command line, for other tools.

Every endpoint is one call into the library; errors are RFC 9457 problem details (see problems.py).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from ..catalogue import Catalogue
from ..errors import CatalogueError, ParameterError
from ..errors import Problem as LibraryProblem
from ..vocab import ContractType, InstrumentId, Language, ThemeId
from . import models as m
from .draft_body import body_problems, problems_in_json
from .filenames import attachment
from .inputs import (
    M,
    RequestError,
    body_object,
    document_sent_as_json,
    media_type,
    parse_fields,
    read_form,
    read_json,
    read_upload,
    tender_from_object,
    tender_from_text,
    tender_from_upload,
    tender_problems,
)
from .problems import UnsupportedMediaType, responses
from .query import known_query
from .work import compute

router = APIRouter(dependencies=[Depends(known_query)])

_JSON = "application/json"
_MULTIPART = "multipart/form-data"


def catalogue_of(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


def _body_of(*schemas: tuple[str, str]) -> dict[str, Any]:
    """An OpenAPI requestBody with one schema per media type (the endpoint reads the body itself)."""
    return {
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"$ref": f"#/components/schemas/{name}"}} for media, name in schemas},
        }
    }


def _unsupported(request: Request, *, multipart: bool = True) -> UnsupportedMediaType:
    """415, naming what this endpoint takes: JSON, and (with `multipart`) a form with a file."""
    given = media_type(request) or "no content type"
    return UnsupportedMediaType(
        LibraryProblem(
            "request",
            "content-type",
            "{given} is not accepted",
            "send {json} or {multipart}" if multipart else "send {json}",
            given=given,
            json=_JSON,
            multipart=_MULTIPART,
        )
    )


async def _upload_form(request: Request, model: type[M]) -> tuple[M, tuple[bytes, str]]:
    """A multipart form: its options, and the tender file it must carry as 'file'."""
    form = await read_form(request)
    options = parse_fields(model, form, skip=("file",))
    upload = await read_upload(form.get("file"))
    if upload is None:
        raise RequestError(LibraryProblem("request", "file", "is missing", "upload the tender as 'file'"))
    return options, upload


@router.get("/clauses", response_model=list[m.ClauseRow], responses=responses(422), summary="List the clauses")
def list_clauses(
    request: Request,
    instrument: InstrumentId | None = None,
    theme: ThemeId | None = None,
    ambition: int | None = Query(None, ge=1, le=3),
    type: ContractType | None = None,
    lang: Language = "nl",
) -> Any:
    """The clauses, filtered like `clauses list`; titles in `lang`."""
    from ..listing import clause_rows

    catalogue = catalogue_of(request)
    selected = catalogue.select(instrument=instrument, theme=theme, ambition=ambition, contract_type=type)
    return JSONResponse(clause_rows(selected, lang))


@router.get("/clauses/{clause_id}", response_model=m.ClauseOut, responses=responses(404), summary="Show one clause")
def show_clause(request: Request, clause_id: str) -> Any:
    """One clause as in the catalogue export."""
    from ..export import clause_to_dict

    catalogue = catalogue_of(request)
    return JSONResponse(clause_to_dict(catalogue.clause(clause_id), catalogue))


@router.post(
    "/clauses/{clause_id}/render",
    response_model=m.RenderOut,
    responses=responses(404, 413, 415, 422),
    summary="Render a clause with parameter values",
    openapi_extra=_body_of((_JSON, "RenderRequest")),
)
async def render(request: Request, clause_id: str) -> Any:
    """The clause's text in `lang` with the given values checked against their type and bounds, and the
    text in square brackets it still holds (`placeholders`), to fill in before publishing."""
    from ..draft import clause_placeholders
    from ..render import render_clause

    if media_type(request) != _JSON:
        raise _unsupported(request, multipart=False)
    body = await read_json(request, m.RenderRequest)
    catalogue = catalogue_of(request)
    rendered = render_clause(catalogue.clause(clause_id), body.lang, body.values, catalogue=catalogue)
    return JSONResponse(
        {
            "id": clause_id,
            "lang": rendered.lang,
            "fell_back": rendered.fell_back,
            "values": rendered.values,
            "text": rendered.text,
            "placeholders": [p.to_dict() for p in clause_placeholders(rendered, body.lang)],
        }
    )


@router.get("/sectors", response_model=list[m.SectorRow], responses=responses(422), summary="List the sectors")
def list_sectors(request: Request, lang: Language = "nl") -> Any:
    return JSONResponse(
        [{"id": s.id, "title": s.title.get(lang), "cpv": list(s.cpv)} for s in catalogue_of(request).sectors.values()]
    )


@router.get("/cpv", response_model=list[m.CpvOut], responses=responses(422), summary="Complete a CPV code")
def complete_cpv(
    q: str = Query(..., max_length=100, description="The start of a code, or words of its label"),
    lang: Language = "nl",
    limit: int = Query(20, ge=1, le=100),
) -> Any:
    from ..cpv import search

    return JSONResponse([{"code": c.code, "label": c.label(lang)} for c in search(q, lang, limit)])


@router.get("/export", response_model=m.ExportOut, summary="The whole catalogue")
def export(request: Request) -> Any:
    """The catalogue as one JSON document (as `sociaalaankopen export`)."""
    from ..export import export_catalogue

    return JSONResponse(export_catalogue(catalogue_of(request)))


@router.post(
    "/match",
    response_model=m.MatchResultOut,
    responses=responses(413, 415, 422),
    summary="Match a tender",
    openapi_extra=_body_of((_JSON, "MatchRequest"), (_MULTIPART, "MatchUpload")),
)
async def match(request: Request) -> Any:
    """The routes and clauses that fit a tender, with the reasons (as `match --format json`).

    Send JSON (a text or a tender object) or a form with the tender as a file: text, JSON, OCDS or eForms XML.
    """
    kind = media_type(request)
    fields: dict[str, Any]
    if kind == _JSON:
        try:
            body = await read_json(request, m.MatchRequest)
        except RequestError as e:
            if type(e) is not RequestError:  # a charset refused: the body was not read
                raise
            sent = body_object(await request.body())
            raise document_sent_as_json(sent) or RequestError(
                [*e.problems, *tender_problems(sent.get("tender"))]
            ) from None
        fields = {"title": body.title, "cpv": body.cpv, "type": body.type, "lang": body.lang}
        if body.text is not None and body.tender is not None:
            raise RequestError(LibraryProblem("request", "text", "and tender were both given", "give one of them"))
        top, per_lot = body.top, body.per_lot
        text = body.text
        tender_object = body.tender.model_dump(exclude_none=True) if body.tender is not None else None
        upload = None
    elif kind == _MULTIPART:
        options, upload = await _upload_form(request, m.MatchUploadOptions)
        fields = {"lang": options.lang}
        top, per_lot, text, tender_object = options.top, options.per_lot, None, None
    else:
        raise _unsupported(request)

    def run() -> dict[str, Any]:
        from ..matching import matcher_for

        if upload is not None:
            tender = tender_from_upload(*upload, **fields)
        elif tender_object is not None:
            tender = tender_from_object(tender_object, **fields)
        else:
            tender = tender_from_text(text, **fields)
        if per_lot:
            from ..readers import check_lots_per_lot

            check_lots_per_lot(tender, "tender", api=True)
        result = matcher_for(catalogue_of(request)).match_tender(tender, top=top, per_lot=per_lot)
        return result.to_dict()

    return JSONResponse(await compute(request, run))


_DRAFT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The annex in the asked format",
        "content": {
            m.MEDIA_TYPES["markdown"].split(";")[0]: {"schema": {"type": "string"}},
            m.MEDIA_TYPES["html"].split(";")[0]: {"schema": {"type": "string"}},
            m.MEDIA_TYPES["docx"]: {"schema": {"type": "string", "format": "binary"}},
            m.MEDIA_TYPES["json"]: {"schema": {"$ref": "#/components/schemas/DraftOut"}},
        },
    },
    **responses(413, 415, 422),  # an unknown id in the body is a 422, like every problem of the body
}


@router.post(
    "/draft",
    response_class=Response,
    responses=_DRAFT_RESPONSES,
    summary="Draft the social-clauses annex",
    openapi_extra=_body_of((_JSON, "DraftRequest"), (_MULTIPART, "DraftUpload")),
)
async def draft(request: Request) -> Response:
    """The annex of a tender's best route (or `route`), of a route, or of chosen clauses, exactly as
    `draft --from-tender FILE | --route ID | --clause ID:NAME=VALUE … --format F` writes it."""
    kind = media_type(request)
    upload: tuple[bytes, str] | None = None
    catalogue = catalogue_of(request)
    problems: list[LibraryProblem] = []
    if kind == _JSON:
        try:
            request_json = await read_json(request, m.DraftRequest)
        except RequestError as e:
            if type(e) is not RequestError:  # a charset refused: the body was not read
                raise
            # Every problem of the body at once: those of its schema, and its unknown ids and wrong values.
            raw = await request.body()
            raise document_sent_as_json(body_object(raw)) or RequestError(
                [*e.problems, *problems_in_json(catalogue, raw)]
            ) from None
        body: m.DraftOptions = request_json
        if request_json.text is not None and request_json.tender is not None:
            problems.append(LibraryProblem("request", "text", "and tender were both given", "give one of them"))
        chosen_raw = [c.model_dump() for c in request_json.clauses]
    elif kind == _MULTIPART:
        body, upload = await _upload_form(request, m.DraftOptions)
        chosen_raw = []
    else:
        raise _unsupported(request)
    found = body_problems(catalogue, body.route, chosen_raw)
    if (problems or found) and isinstance(body, m.DraftRequest) and body.tender is not None:
        found = [*tender_problems(body.tender.model_dump(exclude_none=True)), *found]
    if problems:
        raise RequestError([*problems, *found])
    if found:
        raise ParameterError(found)

    def run() -> tuple[bytes, str, str | None]:
        from ..draft import draft_annex, draft_bytes

        chosen = [(c.id, dict(c.values)) for c in body.clauses] if isinstance(body, m.DraftRequest) else []
        tender = None
        if upload is not None:
            tender = tender_from_upload(*upload)
        elif isinstance(body, m.DraftRequest) and body.tender is not None:
            tender = tender_from_object(body.tender.model_dump(exclude_none=True))
        elif isinstance(body, m.DraftRequest) and body.text is not None:
            tender = tender_from_text(body.text)
        if tender is None and not body.route and not chosen:
            raise RequestError(
                LibraryProblem("request", "", "names nothing to draft", "give text, tender, route or clauses")
            )
        try:
            result = draft_annex(
                catalogue,
                chosen,
                tender=tender,
                route=body.route,
                lang=body.lang,
                tender_title=body.title,
                guidance=body.guidance,
            )
        except CatalogueError as e:
            # An unknown route id in the body is a body that does not fit its schema (the document lists
            # the ids), as an unknown clause id is: 422 like every problem of the body, not the 404 of an
            # address that does not exist.
            raise ParameterError(e.problems) from None
        return draft_bytes(result, body.format), result.lang, result.tender_title

    data, lang, title = await compute(request, run)
    return download(data, body.format, lang, title)


def download(data: bytes, fmt: str, lang: str, title: str | None) -> Response:
    """A file to save: its media type, and a file name the browser offers (in `lang`, with the title)."""
    return Response(
        data,
        media_type=m.MEDIA_TYPES[fmt],
        headers={"content-disposition": attachment(lang, title, m.SUFFIXES[fmt])},
    )
