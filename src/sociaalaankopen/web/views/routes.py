"""Routes: what fits the tender, best first, with the reasons in words and links to the guide."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from ...catalogue import Catalogue
from ...cpv import is_known, search
from ...draft import sector_values
from ...errors import Problem, SociaalAankopenError, TenderError
from ...matching import MatchResult, matcher_for
from ...model import Tender
from ...route_rules import conflict
from ...vocab import INSTRUMENTS, label
from ..i18n import texts
from ..inputs import form_str, media_type, read_form, read_upload, tender_as_text, tender_from_text, tender_from_upload
from ..pages import View, guide_link, url
from ..problems import FORM, RequestError, UnsupportedMediaType
from ..state import MAX_VALUE, Selection
from ..work import compute
from .start import start_view

TOP = 10
# A whole CPV code as a buyer types it: 8 digits, perhaps with the check digit (77310000-6).
_FULL_CODE = re.compile(r"^\d{8}(?:-\d)?$")


FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


async def tender_from_form(request: Request, lang: str, kept: dict[str, str]) -> Tender:
    """The tender a Start form describes: a pasted text or an uploaded file (POST), a sector, a CPV code or
    a text (GET: a language link of a pasted text's routes). What the form held goes into `kept`, so a
    refused form comes back filled in."""
    catalogue: Catalogue = request.app.state.catalogue
    if request.method == "POST":
        given = media_type(request)
        if given not in FORM_TYPES:
            raise UnsupportedMediaType(
                Problem(
                    "request",
                    "content-type",
                    "{given} is not a form",
                    "send the Start page's form ({multipart}), or call POST /api/v1/match with JSON",
                    given=given or "no content type",
                    multipart=FORM_TYPES[0],
                )
            )
        form = await read_form(request)
        text = form_str(form, "text") or ""
        kept["text"] = text
        upload = await read_upload(form.get("file"))
        if upload is not None:
            kept["file"] = upload[1]
            if text.strip():
                # Which one did the buyer mean? Reading one and dropping the other would answer another tender.
                raise RequestError(
                    Problem(
                        FORM,
                        "body",
                        "a text was pasted and a file was chosen",
                        "give the tender one way: clear the text field or remove the file",
                    )
                )
            tender = tender_from_upload(*upload)
            kept["file_text"] = tender_as_text(tender)
            return tender
        return tender_from_text(text)
    sector_id = request.query_params.get("sector", "")
    code = request.query_params.get("cpv", "").strip()
    text = request.query_params.get("text", "")
    kept.update({"sector": sector_id, "cpv": code, "text": text})
    if sector_id:
        sector = catalogue.sectors.get(sector_id)
        if sector is None:
            raise TenderError(
                Problem(sector_id, "sector", "is not a sector of the catalogue", "pick one from the list")
            )
        return tender_from_text(None, title=sector.title.get(lang), cpv=sector.cpv, lang=lang)
    if code:
        if not is_known(_code_of(code)):
            # A code of 8 digits that is not in the CPV list would match on nothing, without a word.
            raise TenderError(
                Problem(
                    FORM,
                    "cpv",
                    "{code!r} is not a CPV 2008 code",
                    "use an 8-digit code from the CPV list, e.g. 77310000",
                    code=_code_of(code),
                )
            )
        return tender_from_text(None, cpv=[_code_of(code)], lang=lang)
    if text:
        return tender_from_text(text)
    raise TenderError(Problem(FORM, "body", "describes no purchase", "paste a text, upload a file, or pick a sector"))


def _code_of(value: str) -> str:
    """A CPV field may hold '77310000 Groenonderhoud' (picked from the completion list): take the code."""
    head = value.split()[0] if value.split() else value
    return head


def cpv_choices(request: Request, lang: str) -> View | None:
    """Words or the first digits of a code in the CPV field (typed without the completion script): the
    Start page again, with the 8-digit codes whose label holds those words or that start with those
    digits as links, so completion works without JavaScript too."""
    typed = request.query_params.get("cpv", "").strip()
    if request.method != "GET" or not typed or _FULL_CODE.match(_code_of(typed)):
        return None
    found = [(c.code, c.label(lang), url(lang, "routes", {"cpv": c.code})) for c in search(typed, lang, 20)]
    error = (
        None
        if found
        else TenderError(
            Problem(typed, "", "is not a CPV code, and no CPV label holds these words", "use 8 digits, e.g. 77310000")
        )
    )
    return start_view(request, lang, error=error, form={"cpv": typed}, suggestions=found, field="cpv")


async def routes_view(request: Request, lang: str) -> View:
    catalogue: Catalogue = request.app.state.catalogue
    choices = cpv_choices(request, lang)
    if choices is not None:
        return choices
    kept: dict[str, str] = {}
    try:
        tender = await tender_from_form(request, lang, kept)
        result = await compute(request, lambda: matcher_for(catalogue).match_tender(tender, top=TOP))
    except SociaalAankopenError as e:
        view = start_view(request, lang, error=e, form=kept, field=_sent_field(request, kept))
        view.switch = _switch(request, kept, "")
        view.switch_text = _switch_text(request, kept)
        return view
    context = _context(request, result, lang)
    view = View("routes.html", texts(lang)["routes.title"], context, result.to_dict(lang))
    view.switch = _switch(request, kept, "routes")
    view.switch_text = _switch_text(request, kept)
    return view


def _sent_field(request: Request, kept: dict[str, str]) -> str:
    """The Start page's field a refused form was sent with: the one its problems stand beside when they
    name no field (a file's own problems name the file)."""
    if request.method == "POST":
        return "file" if kept.get("file") else "text"
    return next((name for name in ("sector", "cpv") if kept.get(name)), "text")


def _switch(request: Request, kept: dict[str, str], page: str) -> tuple[str, str] | None:
    """Where the language links of a POSTed form's answer lead: a pasted text short enough for an address
    travels in it (GET /routes?text=…: the same routes, or the same Start page filled in); an uploaded
    file cannot, so the links lead to the Start page in that language; a longer text is posted again."""
    if request.method != "POST":
        return None
    text = kept.get("text", "")
    if kept.get("file"):
        # A file read: its tender travels as text in the language links' small forms; a file refused: Start.
        return ("routes", "") if kept.get("file_text") else ("", "")
    if len(text) > MAX_VALUE:
        return "routes", ""  # the links are small forms that post the text there (`_switch_text`)
    return page, urlencode({"text": text}) if text else ""


def _switch_text(request: Request, kept: dict[str, str]) -> str | None:
    """A pasted text too long for an address, or the tender of an uploaded file written as text: the
    language links post it again (a small form each)."""
    if request.method == "POST" and kept.get("file"):
        return kept.get("file_text") or None
    text = kept.get("text", "")
    if request.method == "POST" and not kept.get("file") and len(text) > MAX_VALUE:
        return text
    return None


def consistent(catalogue: Catalogue, ranked: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The ranked clauses that can stand together in one annex, best first: a clause that conflicts with
    a better-ranked one kept (they exclude each other, or both reserve the contract) is left out, as
    (clause id, the kept clause it conflicts with)."""
    kept: list[str] = []
    left_out: list[tuple[str, str]] = []
    for clause_id in ranked:
        clause = catalogue.clause(clause_id)
        other = next((k for k in kept if conflict(clause, catalogue.clause(k))), None)
        if other is None:
            kept.append(clause_id)
        else:
            left_out.append((clause_id, other))
    return kept, left_out


def _sector_values(
    catalogue: Catalogue, result: MatchResult, clause_ids: list[str], lang: str
) -> dict[str, dict[str, str]]:
    """The values the tender's sectors give these clauses, as the Compose page's fields hold them."""
    found = sector_values(catalogue, result.sectors, clause_ids, lang)
    return {cid: {name: str(value) for name, value in values.items()} for cid, values in found.items()}


def _context(request: Request, result: MatchResult, lang: str) -> dict[str, Any]:
    title = result.tender.title
    matches = [
        {
            "id": m.id,
            "title": m.clause.title.get(lang),
            "instrument": label(INSTRUMENTS, m.clause.instrument, lang),
            "score": m.score,
            "reasons": m.reasons_in(lang),
            "guide": guide_link(request, "clause", m.id, lang),
        }
        for m in result.matches
    ]
    routes = []
    catalogue: Catalogue = request.app.state.catalogue
    for r in result.routes:
        chosen = Selection(
            clauses=r.clause_ids(),
            values=_sector_values(catalogue, result, r.clause_ids(), lang),
            title=title,
            route=r.id,
        )
        routes.append(
            {
                "id": r.id,
                "title": r.route.title.get(lang),
                "summary": r.route.summary.get(lang),
                "fit": r.fit,
                "strength": r.strength,
                "why": r.why_in(lang),
                "clauses": [
                    {
                        "id": c.id,
                        "title": catalogue.clause(c.id).title.get(lang),
                        "role": c.role,
                        "guide": guide_link(request, "clause", c.id, lang),
                    }
                    for c in r.clauses
                ],
                "compose": url(lang, "compose", chosen.query()),
            }
        )
    kept, left_out = consistent(catalogue, [m.id for m in result.matches])
    selection = Selection(clauses=kept, values=_sector_values(catalogue, result, kept, lang), title=title)
    compose = url(lang, "compose", selection.query())
    return {
        "tender": result.tender,
        "routes": routes,
        "matches": matches,
        "compose": compose,
        "left_out": [(catalogue.clause(a).title.get(lang), catalogue.clause(b).title.get(lang)) for a, b in left_out],
        "step_compose": compose if kept else url(lang, "compose"),
    }
