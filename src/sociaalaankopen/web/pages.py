"""What every page shares: its language, its templates, and one view answered as HTML or as JSON.

Like datasette, each page has a JSON twin: the same view with `.json` added to the path, so a
person and a tool see one thing two ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from .._version import __version__
from ..site.links import NAMED, path_of
from ..templates import page_environment
from ..typography import french_html
from .i18n import PREFIX, texts
from .problems import MEDIA_TYPE, Problem

GUIDE = "/gids"  # where the guide is served beside the tool


@dataclass
class View:
    """A page: its template and context for HTML, `data` for its JSON twin."""

    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    data: Any = None
    status: int = 200
    redirect: str | None = None
    problem: Problem | None = None  # what the JSON twin answers when the page is an error
    # Where the language links lead, as (page, query), when not to this page with this address's query:
    # a POSTed form is not in the address, so its answer says how the other languages can show it.
    switch: tuple[str, str] | None = None
    # A pasted text too long for an address: the language links post it to their Routes page instead.
    switch_text: str | None = None


@cache
def environment() -> jinja2.Environment:
    env = page_environment("sociaalaankopen.web")
    env.globals["version"] = __version__
    return env


def url(lang: str, page: str = "", query: str | dict[str, Any] = "") -> str:
    """The address of a page in a language: url('fr', 'compose', 'clause=a') -> '/fr/compose?clause=a'."""
    if isinstance(query, dict):
        query = urlencode({k: v for k, v in query.items() if v not in (None, "")}, doseq=True)
    return PREFIX[lang] + page + (f"?{query}" if query else "")


def guide_link(request: Request, kind: str, item_id: str, lang: str) -> str | None:
    """The address of an item's guide page in the page's language, when the guide is served beside the tool."""
    return f"{GUIDE}/{path_of(kind, item_id, lang)}" if request.app.state.guide_dir is not None else None


# The guide's pages in the tool's menu: (what the menu calls it, the page's name in site/links.py). The
# chapters are Dutch only, so a French or English menu leads to the guide's home in its language instead.
_GUIDE_MENU = (
    ("nav.guide", "chapters"),
    ("nav.sectors", "sectors"),
    ("nav.clauses", "clauses"),
    ("nav.examples", "examples"),
)


def guide_menu(lang: str) -> list[tuple[str, str, str]]:
    """(menu text key, address, the language of the page it leads to) of each guide page in the menu."""
    menu = []
    for key, page in _GUIDE_MENU:
        paths = NAMED[page] if lang in NAMED[page] else NAMED["home"]
        menu.append((key, f"{GUIDE}/{paths[lang]}", lang))
    return menu


def respond(request: Request, view: View, lang: str, page: str, as_json: bool) -> Response:
    if view.redirect:
        path, sep, query = view.redirect.partition("?")
        target = f"{path}.json{sep}{query}" if as_json else view.redirect
        return RedirectResponse(target, status_code=303)
    if as_json and view.problem is not None:
        return JSONResponse(view.problem.model_dump(), status_code=view.problem.status, media_type=MEDIA_TYPE)
    if as_json:
        return JSONResponse(view.data, status_code=view.status)
    target, query = view.switch or (page, request.url.query if request.method == "GET" else "")
    html = (
        environment()
        .get_template(view.template)
        .render(
            t=texts(lang),
            lang=lang,
            title=view.title,
            page=page,
            languages=[(other, url(other, target, query)) for other in PREFIX],
            switch_text=view.switch_text,
            url=lambda target="", q="": url(lang, target, q),
            guide=request.app.state.guide_dir is not None,
            guide_menu=guide_menu(lang),
            failed=view.status >= 400,
            **{"step_compose": url(lang, "compose"), **view.context},
        )
    )
    html = french_html(html) if lang == "fr" else html  # the page's words and texts as French sets its signs
    return Response(html, status_code=view.status, media_type="text/html; charset=utf-8")
