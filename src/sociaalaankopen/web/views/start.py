"""Start: describe the purchase (paste, upload) or pick a sector or a CPV code."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from ...catalogue import Catalogue
from ...errors import SociaalAankopenError
from ..i18n import texts
from ..pages import View
from ..problems import for_the_page, from_error


def start_view(
    request: Request,
    lang: str,
    *,
    error: SociaalAankopenError | None = None,
    form: dict[str, str] | None = None,
    suggestions: list[tuple[str, str, str]] | None = None,
) -> View:
    catalogue: Catalogue = request.app.state.catalogue
    sectors = sorted(((s.id, s.title.get(lang)) for s in catalogue.sectors.values()), key=lambda s: s[1].casefold())
    form = form or {}
    problem = from_error(for_the_page(error), lang) if error is not None else None
    errors = [item.line for item in problem.errors] if problem is not None else []
    data: dict[str, Any] = {"sectors": [{"id": i, "title": t} for i, t in sectors]}
    if suggestions:
        data["cpv"] = [{"code": code, "label": label, "routes": href} for code, label, href in suggestions]
    return View(
        "start.html",
        texts(lang)["start.title"],
        {"sectors": sectors, "errors": errors, "form": form, "suggestions": suggestions or []},
        data,
        status=problem.status if problem else 200,
        problem=problem,
    )
