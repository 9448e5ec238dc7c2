"""Download: the annex of the composed selection as DOCX, HTML or Markdown, exactly as `draft` makes it."""

from __future__ import annotations

import shlex
import threading
from collections import OrderedDict

from starlette.requests import Request

from ...catalogue import Catalogue
from ...draft import EXTENSIONS, Draft, build_draft, draft_bytes, draft_for_route, unfilled_placeholders
from ...draft.placeholders import placeholder_rows
from ...errors import ParameterError, Problem, SociaalAankopenError
from ...numbers import file_size
from ..filenames import annex_name
from ..i18n import texts
from ..pages import View, url
from ..state import Selection
from ..work import compute
from .compose import read_selection, title_problem

# The file formats offered, as (format of `draft`, suffix in the address).
FILES = tuple((fmt, EXTENSIONS[fmt]) for fmt in ("docx", "html", "markdown"))
ALL = tuple(fmt for fmt, _ in FILES)
KEPT = 32  # the annexes whose files are kept between the Download page and the click on one of its buttons


class AnnexFiles:
    """The files of the last few annexes, by language and selection. The Download page makes them to say
    each one's size (a Word file takes a tenth of a second); the button pressed next gets the same bytes
    without making them again. Another server process makes them anew: the same annex."""

    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.files: OrderedDict[tuple[str, str], dict[str, bytes]] = OrderedDict()

    def get(self, lang: str, selection: Selection, draft: Draft, formats: tuple[str, ...]) -> dict[str, bytes]:
        """The annex in `formats`: those kept, the others made now (and kept)."""
        key = (lang, selection.query())
        with self.lock:
            files = dict(self.files.get(key, {}))
        missing = [fmt for fmt in formats if fmt not in files]
        files.update({fmt: draft_bytes(draft, fmt) for fmt in missing})
        with self.lock:
            self.files[key] = {**self.files.get(key, {}), **files}
            self.files.move_to_end(key)
            while len(self.files) > self.size:
                self.files.popitem(last=False)
        return {fmt: files[fmt] for fmt in formats}


def annex_files(
    request: Request, lang: str, selection: Selection, draft: Draft, formats: tuple[str, ...] = ALL
) -> dict[str, bytes]:
    """The annex of the selection in `formats` (every one by default), through this server process's
    AnnexFiles."""
    kept = getattr(request.app.state, "annex_files", None)
    if kept is None:
        kept = request.app.state.annex_files = AnnexFiles()
    return kept.get(lang, selection, draft, formats)


def draft_of(request: Request, lang: str) -> tuple[Selection, Draft]:
    """The annex of the selection in the address: the same call `draft [--route R] --clause …` makes."""
    catalogue: Catalogue = request.app.state.catalogue
    selection = Selection.from_items(request.query_params.multi_items())
    too_long = title_problem(selection.title)
    if too_long is not None:
        raise ParameterError(too_long)
    title = selection.title or None
    if not selection.route and selection.unchosen():
        # With a route, draft_for_route says it of a clause neither in the route nor chosen.
        raise ParameterError(
            [
                Problem(c, "", "has values but is not in the annex", "add it with clause={id} or drop its values", id=c)
                for c in selection.unchosen()
            ]
        )
    if selection.route:
        values = {c: v for c, v in selection.values.items() if v}
        draft = draft_for_route(
            catalogue, selection.route, lang=lang, values=values, extra=selection.clauses, tender_title=title
        )
    else:
        draft = build_draft(catalogue, selection.choices(), lang=lang, tender_title=title)
    return selection, draft


def cli_command(selection: Selection, lang: str) -> str:
    """The `draft` command that writes the same annex."""
    words = ["sociaalaankopen", "draft"]
    if selection.route:
        words += ["--route", selection.route]
    for clause_id, values in selection.choices():
        words += ["--clause", clause_id + (":" + ",".join(f"{k}={v}" for k, v in values.items()) if values else "")]
    if selection.title:
        words += ["--title", selection.title]
    words += ["--lang", lang, "--format", "docx", "--out", f"{annex_name(lang, selection.title)}.docx"]
    return shlex.join(words)


async def download_view(request: Request, lang: str) -> View:
    if request.query_params.get("add", "").strip():
        # A clause picked in "Add a clause" and then "To download" pressed: it goes into the annex, as
        # "Add" would have done (it was dropped without a word); one that cannot is said on the compose page.
        selection, problems = read_selection(request)
        if problems:
            return View("", "", redirect=url(lang, "compose", request.url.query))
        return View("", "", redirect=url(lang, "download", selection.query()))
    try:
        selection, draft = draft_of(request, lang)
    except SociaalAankopenError:
        # The compose page shows each problem next to its field.
        query = Selection.from_items(request.query_params.multi_items()).query()
        return View("", "", redirect=url(lang, "compose", query))
    query = selection.query()
    # Every clause of the annex (the market consultation before the notice too), its values as the annex's
    # values table says them: the label and unit of the compose page, not the parameter's name.
    rows = [(row.clause_id, {"name": row.name, "label": row.label, "value": row.value}) for row in draft.values]
    sections = [
        {
            "title": section.title,
            "clauses": [
                {
                    "id": item.clause.id,
                    "title": item.clause.title.get(lang),
                    "values": item.rendered.values,
                    "shown": [row for clause_id, row in rows if clause_id == item.clause.id],
                }
                for item in section.items
            ],
        }
        for section in [*draft.sections, *draft.preparation]
    ]
    files = [(fmt, url(lang, f"annex.{suffix}", query)) for fmt, suffix in FILES]
    # Each button says the size of its file, as the guide's downloads do: the bytes its address then gives.
    made = await compute(request, lambda: annex_files(request, lang, selection, draft))
    buttons = [(fmt, href, file_size(len(made[fmt]), lang)) for fmt, href in files]
    # What is still in [brackets]: a value leads to its field on the Compose page; text the clause itself
    # holds can only be filled in in the annex. The download is not blocked (Word is a fine place too).
    unfilled = unfilled_placeholders(draft)
    todo = [
        {
            "title": u.clause_title,
            "placeholders": [
                {
                    **p.to_dict(),
                    "href": url(lang, "compose", query) + f"#f-{u.clause_id}-{p.parameter}" if p.parameter else None,
                }
                for p in u.placeholders
            ],
        }
        for u in unfilled
    ]
    # The notice's lead says only what applies: one clause or more, fields to fill in, text without one.
    in_field = [bool(p.parameter) for u in unfilled for p in u.placeholders]
    todo_lead = [
        "download.todo.lead.one" if len(unfilled) == 1 else "download.todo.lead.many",
        *(["download.todo.fields"] if any(in_field) else []),
        *(["download.todo.text"] if not all(in_field) else []),
        "download.todo.ready",
    ]
    return View(
        "download.html",
        texts(lang)["download.title"],
        {
            "sections": sections,
            "files": buttons,
            "back": url(lang, "compose", query),
            "step_compose": url(lang, "compose", query),
            "warnings": [w.text(lang) for w in draft.warnings],
            "unfilled": todo,
            "todo_lead": todo_lead,
            "command": cli_command(selection, lang),
        },
        {
            "title": draft.title,
            "tender_title": draft.tender_title,
            "sections": sections,
            "files": dict(files),
            "placeholders": placeholder_rows(unfilled),
        },
    )
