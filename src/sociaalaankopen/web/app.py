"""The web application: the tool's pages in three languages, the HTTP API, the guide beside them.

`create_app` builds it around one loaded catalogue; `serve.py` runs it on uvicorn.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from .._version import __version__
from ..catalogue import Catalogue
from ..errors import Problem as LibraryProblem
from ..errors import SociaalAankopenError
from ..messages import accepted_language
from ..schemas import DraftOut
from . import models
from .api import download, router
from .i18n import PREFIX, texts
from .pages import GUIDE, View, respond
from .problems import (
    MEDIA_TYPE,
    NoSuchAddress,
    Problem,
    RequestError,
    ServerFailure,
    TooLarge,
    WrongMethod,
    for_the_api,
    for_the_page,
    from_error,
    problem,
    responses,
)
from .security import MAX_BODY, BodyLimit, CatchAll, HeadAsGet, SecurityHeaders
from .state import MAX_VALUE
from .validation import request_problems
from .views.compose import compose_view
from .views.download import FILES, annex_files, download_view, draft_of
from .views.routes import routes_view
from .views.start import start_view

API = "/api/v1"
# Schemas the API's request bodies refer to, which no endpoint declares as a typed parameter.
# DraftOut: the JSON annex (schemas.py), which /draft returns as a file rather than a response model.
_EXTRA_SCHEMAS = (
    Problem,
    models.RenderRequest,
    models.MatchRequest,
    models.MatchUpload,
    models.DraftRequest,
    models.DraftUpload,
    DraftOut,
)


def create_app(catalogue: Catalogue | None = None, guide_dir: str | os.PathLike[str] | None = None) -> FastAPI:
    """The application for a catalogue (default: the bundled one) and, optionally, a built guide folder."""
    app = FastAPI(
        title="sociaalaankopen API",
        version=__version__,
        description="Social clauses for public procurement in Flanders and Belgium: list and render clauses, "
        "match a tender, draft the annex. Errors are RFC 9457 problem details.",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # Swagger UI needs inline scripts and a CDN; the CSP allows neither
        redoc_url=None,
        # `/api/v1/clauses/` is not `/api/v1/clauses`: a 404, not a redirect built from the Host header
        # (to which a client would send its POST body again).
        redirect_slashes=False,
    )
    app.state.catalogue = catalogue or Catalogue.load()
    app.state.guide_dir = Path(guide_dir) if guide_dir is not None else None
    app.include_router(router, prefix=API)
    _add_pages(app)
    app.mount(
        "/static",
        StaticFiles(packages=[("sociaalaankopen.web", "static"), ("sociaalaankopen.site", "static")]),
        name="static",
    )
    if app.state.guide_dir is not None:
        app.mount(GUIDE, StaticFiles(directory=app.state.guide_dir, html=True), name="guide")
    _add_handlers(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    # The last added runs first: HEAD read as GET, headers on every answer, the body limit, the safety net.
    app.add_middleware(CatchAll, answer=_failure_response)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app


# --- pages -------------------------------------------------------------------------------------------

PageView = Callable[[Request, str], View | Awaitable[View]]


def _add_pages(app: FastAPI) -> None:
    pages: list[tuple[str, PageView, list[str]]] = [
        ("", lambda request, lang: start_view(request, lang, form=_text_of(request)), ["GET"]),
        ("routes", routes_view, ["GET", "POST"]),
        ("compose", compose_view, ["GET"]),
        ("download", download_view, ["GET"]),
    ]
    for lang, prefix in PREFIX.items():
        for page, view, methods in pages:
            for as_json in (False, True):
                path = prefix + (f"{page or 'index'}.json" if as_json else page)
                app.add_api_route(
                    path, _page_handler(view, lang, page, as_json), methods=methods, include_in_schema=False
                )
        for fmt, suffix in FILES:
            app.add_api_route(f"{prefix}annex.{suffix}", _annex_handler(lang, fmt), include_in_schema=False)
    app.add_api_route("/fr", _redirect("/fr/"), include_in_schema=False)
    app.add_api_route("/en", _redirect("/en/"), include_in_schema=False)


def _text_of(request: Request) -> dict[str, str]:
    """A text in the Start page's address (a language link of a refused paste) fills its text field."""
    return {"text": request.query_params.get("text", "")[:MAX_VALUE]}


def _page_handler(view: PageView, lang: str, page: str, as_json: bool) -> Callable[[Request], Awaitable[Response]]:
    async def handler(request: Request) -> Response:
        result = view(request, lang)
        if not isinstance(result, View):
            result = await result
        return respond(request, result, lang, page, as_json)

    return handler


def _annex_handler(lang: str, fmt: str) -> Callable[[Request], Response]:
    def handler(request: Request) -> Response:
        from starlette.responses import RedirectResponse

        from .pages import url
        from .state import Selection

        try:
            selection, draft = draft_of(request, lang)
        except SociaalAankopenError:
            # A bookmarked or edited link with a value out of range: the compose page shows the problem next
            # to its field, with every choice kept (a 422 page only offered "back to the start").
            query = Selection.from_items(request.query_params.multi_items()).query()
            return RedirectResponse(url(lang, "compose", query), status_code=303)
        return download(annex_files(request, lang, selection, draft, (fmt,))[fmt], fmt, lang, draft.tender_title)

    return handler


def _redirect(target: str) -> Callable[[], Response]:
    def handler() -> Response:
        from starlette.responses import RedirectResponse

        return RedirectResponse(target, status_code=308)

    return handler


def _lang_of(path: str) -> str:
    """The language of an address: its prefix (/fr/…), also under the guide (/gids/fr/…)."""
    if path.startswith(GUIDE + "/"):
        path = path[len(GUIDE) :]
    return next((lang for lang, prefix in PREFIX.items() if prefix != "/" and path.startswith(prefix)), "nl")


# --- errors ------------------------------------------------------------------------------------------


def _is_api(request: Request) -> bool:
    """An address of the API (also /api and /api/v2/…, so a program that misses one gets JSON) or a JSON twin."""
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or path.endswith(".json")


def _problem_response(request: Request, body: Problem, headers: dict[str, str] | None = None) -> Response:
    if _is_api(request):
        return JSONResponse(body.model_dump(), status_code=body.status, media_type=MEDIA_TYPE, headers=headers)
    lang = _lang_of(request.url.path)
    key = "notfound.title" if body.status == 404 else "error.title"
    view = View("error.html", texts(lang)[key], {"problem": body}, body.model_dump(), status=body.status)
    response = respond(request, view, lang, "", False)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _error_response(request: Request, exc: SociaalAankopenError) -> Response:
    """A page answers an error as a page in its language; the API as a problem document."""
    if not _is_api(request):
        return _problem_response(request, from_error(for_the_page(exc), _lang_of(request.url.path)))
    # The API answers in English unless the client asks for Dutch or French (Accept-Language).
    lang = accepted_language(request.headers.get("accept-language", "")) or "en"
    headers = {"Content-Language": lang, "Vary": "Accept-Language"}
    return _problem_response(request, from_error(for_the_api(exc), lang), headers)


def _failure_response(scope: Scope) -> Response:
    """What CatchAll answers for a bug: the error page on a page's address, a problem document on the API's."""
    failure = ServerFailure(
        LibraryProblem(
            "request",
            "",
            "the server failed on this request; it has been noted without its content",
            "try again later; if it keeps failing, tell the maintainers what you did",
        )
    )
    return _error_response(Request(scope), failure)


def _add_handlers(app: FastAPI) -> None:
    async def library_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SociaalAankopenError)
        return _error_response(request, exc)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return await library_error(request, RequestError(request_problems(exc.errors())))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        path = request.url.path
        headers = dict(exc.headers or {})
        if exc.status_code == 404:
            error: SociaalAankopenError = NoSuchAddress(
                LibraryProblem(
                    path,
                    "",
                    "there is no page or endpoint here",
                    "see /api/v1/openapi.json for the API's addresses"
                    if _is_api(request)
                    else "start from the home page",
                )
            )
        elif exc.status_code == 405:
            allowed = headers.pop("allow", headers.pop("Allow", ""))
            methods = [m.strip() for m in allowed.split(",") if m.strip()]
            if "GET" in methods and "HEAD" not in methods:  # HeadAsGet answers HEAD wherever GET is
                methods.append("HEAD")
            allowed = headers["Allow"] = ", ".join(methods)
            error = WrongMethod(
                LibraryProblem(
                    path, "", "does not take {method}", "use {allowed}", method=request.method, allowed=allowed
                )
            )
        elif exc.status_code == 413:
            error = TooLarge(
                LibraryProblem(
                    "request",
                    "body",
                    "is larger than {mb} MB",
                    "pass the notice or its description, not the full tender documents"
                    if path.endswith(("/match", "/draft", "/routes"))
                    else "send a smaller request",
                    mb=MAX_BODY // (1024 * 1024),
                )
            )
        else:
            detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
            return _problem_response(request, problem(exc.status_code, detail), headers)
        response = await library_error(request, error)
        response.headers.update(headers)
        return response

    app.add_exception_handler(SociaalAankopenError, library_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)


# --- the OpenAPI document ----------------------------------------------------------------------------


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in _EXTRA_SCHEMAS:
        found = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in found.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components.setdefault(model.__name__, found)
    _name_the_ids(schema, app.state.catalogue)
    _only_possible_statuses(schema)
    app.openapi_schema = schema
    return schema


def _only_possible_statuses(schema: dict[str, Any]) -> None:
    """Every operation can answer 422, as a problem document: a query parameter it does not take
    (`/export?x=1`, `/clauses/{id}?lang=fr`) is refused (query.py), also where FastAPI sees no parameter
    to validate and so documents no 422."""
    (problem,) = responses(422).values()
    for item in schema["paths"].values():
        for operation in item.values():
            operation["responses"]["422"] = problem
    used = str(schema["paths"])
    for name in ("HTTPValidationError", "ValidationError"):
        if f"/{name}'" not in used and name in schema["components"]["schemas"]:
            del schema["components"]["schemas"][name]


def _name_the_ids(schema: dict[str, Any], catalogue: Catalogue) -> None:
    """The clause and route ids of the served catalogue, in the document: as the values a draft may name,
    and as examples of the clause id in a path."""
    components = schema["components"]["schemas"]
    components["DraftChoice"]["properties"]["id"]["enum"] = sorted(catalogue.clauses)
    for name in ("DraftRequest", "DraftUpload"):
        route = components[name]["properties"]["route"]
        for branch in route.get("anyOf", [route]):
            if branch.get("type") == "string":
                branch["enum"] = sorted(catalogue.routes)
    for item in schema["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "clause_id":
                    parameter["schema"]["examples"] = sorted(catalogue.clauses)[:3]
