"""Start: describe the purchase (paste, upload) or pick a sector or a CPV code."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from ...catalogue import Catalogue
from ...errors import SociaalAankopenError
from ...typography import sort_key
from ..i18n import texts
from ..pages import View
from ..problems import FORM, ProblemItem, for_the_page, from_error

# The Start page's fields, by their id (and name) in the form: the ones a problem can stand beside.
FIELDS = ("text", "file", "sector", "cpv")


def start_view(
    request: Request,
    lang: str,
    *,
    error: SociaalAankopenError | None = None,
    form: dict[str, str] | None = None,
    suggestions: list[tuple[str, str, str]] | None = None,
    field: str = "text",
) -> View:
    """The Start page; with an error, each of its problems in the summary, linked to its field, and beside
    that field. A problem that names none of the fields stands beside `field`, the one the form was sent with."""
    catalogue: Catalogue = request.app.state.catalogue
    sectors = sorted(((s.id, s.title.get(lang)) for s in catalogue.sectors.values()), key=lambda s: sort_key(s[1]))
    form = form or {}
    problem = from_error(for_the_page(error), lang) if error is not None else None
    items = problem.errors if problem is not None else []
    errors = [(_field_of(item, field), item.line) for item in items]
    field_errors: dict[str, list[str]] = {}
    for item in items:
        field_errors.setdefault(_field_of(item, field), []).append(_beside(item, lang))
    data: dict[str, Any] = {"sectors": [{"id": i, "title": t} for i, t in sectors]}
    if suggestions:
        data["cpv"] = [{"code": code, "label": label, "routes": href} for code, label, href in suggestions]
    return View(
        "start.html",
        texts(lang)["start.title"],
        {
            "sectors": sectors,
            "errors": errors,
            "field_errors": field_errors,
            "form": form,
            "suggestions": suggestions or [],
        },
        data,
        status=problem.status if problem else 200,
        problem=problem,
    )


def _field_of(item: ProblemItem, field: str) -> str:
    return item.field if item.field in FIELDS else field


def _beside(item: ProblemItem, lang: str) -> str:
    """A problem as it stands beside its field: without the field's name, which its label says; with the
    file or the value it is about ('x.docx: is a ZIP file …')."""
    said = f"{item.message} ({item.fix})" if item.fix else item.message
    if item.where != FORM:
        return f"{item.where}{texts(lang)['colon']}{said}"
    return said[:1].upper() + said[1:]
