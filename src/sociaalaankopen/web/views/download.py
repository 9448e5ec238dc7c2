"""Download: the annex of the composed selection as DOCX, HTML or Markdown, exactly as `draft` makes it."""

from __future__ import annotations

from starlette.requests import Request

from ...catalogue import Catalogue
from ...draft import Draft, build_draft
from ...errors import ParameterError, Problem, SociaalAankopenError
from ...route_rules import conflicts
from ..i18n import texts
from ..pages import View, url
from ..state import Selection

# The file formats offered, as (format of `draft`, suffix in the address).
FILES = (("docx", "docx"), ("html", "html"), ("markdown", "md"))


def draft_of(request: Request, lang: str) -> tuple[Selection, Draft]:
    """The annex of the selection in the address; the same call `draft --clause …` makes."""
    catalogue: Catalogue = request.app.state.catalogue
    selection = Selection.from_items(request.query_params.multi_items())
    clashes = conflicts(selection.clauses, catalogue.clauses)
    if clashes:
        raise ParameterError(
            [
                Problem(a, "", f"cannot stand in the same annex as {b}: they {why}", "remove one of them")
                for a, b, why in clashes
            ]
        )
    draft = build_draft(catalogue, selection.choices(), lang=lang, tender_title=selection.title or None)
    return selection, draft


def download_view(request: Request, lang: str) -> View:
    try:
        selection, draft = draft_of(request, lang)
    except SociaalAankopenError:
        # The compose page shows each problem next to its field.
        query = Selection.from_items(request.query_params.multi_items()).query()
        return View("", "", redirect=url(lang, "compose", query))
    query = selection.query()
    sections = [
        {
            "title": section.title,
            "clauses": [
                {"id": item.clause.id, "title": item.clause.title.get(lang), "values": item.rendered.values}
                for item in section.items
            ],
        }
        for section in draft.sections
    ]
    files = [(fmt, url(lang, f"annex.{suffix}", query)) for fmt, suffix in FILES]
    return View(
        "download.html",
        texts(lang)["download.title"],
        {"sections": sections, "files": files, "back": url(lang, "compose", query), "warnings": draft.warnings},
        {"title": draft.title, "tender_title": draft.tender_title, "sections": sections, "files": dict(files)},
    )
