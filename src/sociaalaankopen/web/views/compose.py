"""Compose: the chosen clauses, each with a form made from its typed parameters, checked on the server."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from ...catalogue import Catalogue
from ...draft import allowed, allowed_in
from ...errors import ParameterError, Problem
from ...matching.routes import route_clauses
from ...model import LIMIT_JOIN, Clause
from ...render import placeholders_in, resolve_values
from ...route_rules import BOTH_RESERVE, EXCLUDE_EACH_OTHER, conflict, conflicts, members
from ...vocab import INSTRUMENTS, label, unit_label
from ..i18n import texts
from ..pages import View, guide_link, url
from ..problems import from_error
from ..state import MAX_TITLE, Selection


def read_selection(request: Request) -> tuple[Selection, list[Problem]]:
    """The selection in the address, after its add/remove action; problems with what was refused."""
    catalogue: Catalogue = request.app.state.catalogue
    params = request.query_params
    selection = Selection.from_items(params.multi_items())
    problems = []
    for clause_id in list(selection.clauses):
        if clause_id not in catalogue.clauses:
            problems.append(Problem(clause_id, "", "is not a clause in the catalogue", "it was left out"))
            selection.remove(clause_id)
    fixed = route_core(catalogue, selection)
    if selection.route and selection.route not in catalogue.routes:
        problems.append(Problem(selection.route, "", "is not a route of the catalogue", "it was left out"))
        selection.route = ""
    for clause_id in fixed:
        selection.add(clause_id)
    problems += [_unchosen(clause_id) for clause_id in selection.drop_unchosen()]
    removed = params.get("remove")
    if removed in fixed:
        problems.append(
            Problem(
                removed,
                "",
                "is a core clause of the route {route}",
                "choose another route to leave it out",
                route=selection.route,
            )
        )
    elif removed:
        selection.remove(removed)
    added = params.get("add", "").strip()
    if added:
        blocking = excluded_by(catalogue, selection.clauses).get(added)
        if added not in catalogue.clauses:
            problems.append(Problem(added, "", "is not a clause in the catalogue", "pick one from the list"))
        elif blocking:
            problems.append(
                Problem(added, "", "cannot stand in the same annex as {other}", "remove {other} first", other=blocking)
            )
        else:
            selection.add(added)
    return selection, problems


def _unchosen(clause_id: str) -> Problem:
    return Problem(
        clause_id, "", "has values but is not in the annex", "its values were left out; add the clause first"
    )


def route_core(catalogue: Catalogue, selection: Selection) -> list[str]:
    """The clauses the chosen route always holds (core and preparation): `draft --route` adds them."""
    route = catalogue.routes.get(selection.route)
    return [c.id for c in route_clauses(route, catalogue.clauses)] if route else []


def excluded_by(catalogue: Catalogue, chosen: list[str]) -> dict[str, str]:
    """Every clause that cannot join the chosen ones -> the chosen clause it conflicts with."""
    found: dict[str, str] = {}
    for candidate in catalogue.clauses.values():
        if candidate.id not in chosen:
            blocking = next((c for c in chosen if conflict(candidate, catalogue.clauses[c])), None)
            if blocking:
                found[candidate.id] = blocking
    return found


def conflict_problems(catalogue: Catalogue, chosen: list[str]) -> list[Problem]:
    return [
        Problem(
            a,
            "",
            "cannot stand in the same annex as {other}: they exclude each other"
            if why == EXCLUDE_EACH_OTHER
            else "cannot stand in the same annex as {other}: they both reserve the contract (BT-71 or BT-736)"
            if why == BOTH_RESERVE
            else "cannot stand in the same annex as {other}: one is written for a concession, the other for a "
            "public contract",
            "remove one of them",
            other=b,
        )
        for a, b, why in conflicts(chosen, catalogue.clauses)
    ]


def field_errors(catalogue: Catalogue, selection: Selection, lang: str) -> dict[tuple[str, str], Problem]:
    """(clause id, parameter) -> what is wrong with its value, for every value that fails its check."""
    errors: dict[tuple[str, str], Problem] = {}
    for clause_id, values in selection.choices():
        try:
            resolve_values(catalogue.clause(clause_id), values, lang)
        except ParameterError as e:
            for p in e.problems:
                # A limit's problem stands beside each parameter it adds up, and the one that bounds them.
                bound = p.args.get("bound_name")
                for name in [*p.field.split(LIMIT_JOIN), *([bound] if isinstance(bound, str) and bound else [])]:
                    errors[(clause_id, name)] = p
    return errors


def title_problem(title: str) -> Problem | None:
    """What is wrong with the tender's title: longer than the API's draft takes it."""
    if len(title) <= MAX_TITLE:
        return None
    return Problem(
        "title",
        "title",
        "is longer than {max_length} characters",
        "shorten it to {max_length} characters",
        max_length=MAX_TITLE,
    )


def named(catalogue: Catalogue, problem: Problem, lang: str) -> Problem:
    """A problem with the clauses it names said by their titles in `lang` (the id in parentheses)."""

    def title(clause_id: object) -> object:
        clause = catalogue.clauses.get(clause_id) if isinstance(clause_id, str) else None
        return f"{clause.title.get(lang)} ({clause.id})" if clause else clause_id

    args = dict(problem.args)
    if "other" in args:
        args["other"] = title(args["other"])
    if isinstance(args.get("route"), str) and args["route"] in catalogue.routes:
        args["route"] = f"{catalogue.routes[args['route']].title.get(lang)} ({args['route']})"
    renamed = problem.at(str(title(problem.where)), problem.field)
    renamed.args = args
    return renamed


def _said(problem: Problem, lang: str) -> str:
    message, fix = problem.parts(lang)
    said = f"{message} ({fix})" if fix else message
    return said[:1].upper() + said[1:]


def _done(catalogue: Catalogue, params: Any, lang: str) -> str:
    """The status message after a clause was removed or added (the redirect's `removed=`/`added=`)."""
    for key in ("removed", "added"):
        clause = catalogue.clauses.get(params.get(key, ""))
        if clause is not None:
            return texts(lang)[f"compose.{key}"].format(title=clause.title.get(lang))
    return ""


def _detail(problem: Problem) -> str:
    """The library's own words for a field's problem (English, as the CLI prints it), for the JSON twin."""
    return f"{problem.message} ({problem.fix})" if problem.fix else problem.message


def _in_words(value: str, problem: Problem, param: Any, lang: str) -> str:
    """What is wrong with a value, in the page's language: the check's own reason ('40 %' is not a
    number, 100.000 could be 100000 or 100) and how to put it right; a field left empty asks for a value."""
    if not value.strip():
        return texts(lang)["compose.invalid.empty"].format(allowed=allowed(param, lang))
    message, fix = problem.parts(lang)
    said = f"{message} ({fix})" if fix else message
    return said[:1].upper() + said[1:]


def _todo(value: str, lang: str) -> dict[str, Any] | None:
    """The hint beside a text value that still holds a placeholder ('[naam van de contactpersoon]', often
    its default): the words around the placeholders, which the page shows highlighted. A hint, not an
    error: the buyer may fill them in in the annex instead. (The value as given, so also beside a value a
    wrong one keeps from rendering; the Download page lists those the clause text prints.)"""
    held = placeholders_in(value)
    if not held:
        return None
    before, after = texts(lang)["compose.todo"].split("{placeholders}")
    return {"before": before, "placeholders": held, "after": after}


def _fields(
    clause: Clause, selection: Selection, errors: dict[tuple[str, str], Problem], lang: str
) -> list[dict[str, Any]]:
    given = selection.values.get(clause.id, {})
    fields = []
    for name, param in clause.parameters.items():
        value = given.get(name, str(param.default_for(lang)))
        fields.append(
            {
                "name": f"{clause.id}.{name}",
                "id": f"f-{clause.id}-{name}",
                "label": param.label.get(lang),
                "type": param.type,
                "unit": unit_label(param.unit, lang) if param.unit else "",
                "choices": [(choice, param.choice_label(choice, lang)) for choice in param.choices or []],
                "value": value,
                "allowed": allowed_in(clause, name, lang),
                "todo": _todo(value, lang) if param.type == "text" else None,
                "error": _in_words(given.get(name, ""), errors[(clause.id, name)], param, lang)
                if (clause.id, name) in errors
                else None,
            }
        )
    return fields


def compose_view(request: Request, lang: str) -> View:
    catalogue: Catalogue = request.app.state.catalogue
    selection, problems = read_selection(request)
    params = request.query_params
    if not problems and (params.get("add", "").strip() or params.get("remove", "").strip()):
        # After adding or removing, the address shows the new selection, ready to bookmark. (The form
        # always sends the add list, empty unless a clause is picked: "check" is not an addition.)
        # What was done travels with it (`removed=`/`added=`), so the page can say it in a status message.
        done = [("removed", removed)] if (removed := params.get("remove", "").strip()) else []
        done += [("added", added)] if (added := params.get("add", "").strip()) else []
        query = "&".join(filter(None, (selection.query(), urlencode(done))))
        return View("", "", redirect=url(lang, "compose", query))
    problems += conflict_problems(catalogue, selection.clauses)
    errors = field_errors(catalogue, selection, lang)
    # Values for a parameter a clause does not have (an old bookmark) are reported, not silently used.
    problems += [p for (clause_id, name), p in errors.items() if name not in catalogue.clause(clause_id).parameters]
    title_error = title_problem(selection.title)
    # The JSON twin names clauses by id; the page by their titles in its language, the id in parentheses.
    messages = [p.text(lang) for p in problems]
    page_messages = [named(catalogue, p, lang).text(lang) for p in problems]
    blocked = excluded_by(catalogue, selection.clauses)
    route = catalogue.routes.get(selection.route)
    roles = dict(members(route, catalogue.clauses)) if route else {}
    fixed = route_core(catalogue, selection)
    clauses: list[dict[str, Any]] = [
        {
            "id": c.id,
            "title": c.title.get(lang),
            "instrument": label(INSTRUMENTS, c.instrument, lang),
            "summary": c.summary.get(lang),
            "fields": _fields(c, selection, errors, lang),
            "guide": guide_link(request, "clause", c.id, lang),
            "role": roles.get(c.id),
            "fixed": c.id in fixed,
        }
        for c in (catalogue.clause(i) for i in selection.clauses)
    ]
    colon = texts(lang)["colon"]
    title_said = _said(title_error, lang) if title_error else ""
    error_links = [("#title", colon.join((texts(lang)["compose.tender_title"], title_said)))] if title_said else []
    error_links += [
        (f"#{field['id']}", colon.join((clause["title"], field["label"], field["error"])))
        for clause in clauses
        for field in clause["fields"]
        if field["error"]
    ]
    addable = [
        {
            "id": c.id,
            "title": c.title.get(lang),
            "instrument": label(INSTRUMENTS, c.instrument, lang),
            # 'Gunningscriterium aantal opleidingsuren' already says its instrument: not said twice.
            "named": c.title.get(lang).lower().startswith(label(INSTRUMENTS, c.instrument, lang).lower()),
            "blocked_by": catalogue.clause(blocked[c.id]).title.get(lang) if c.id in blocked else None,
        }
        for c in catalogue.clauses.values()
        if c.id not in selection.clauses
    ]
    all_errors = [*errors.values(), *([title_error] if title_error else [])]
    data = {
        "route": selection.route or None,
        "clauses": selection.clauses,
        "values": selection.values,
        "title": selection.title,
        "errors": [
            {"clause": clause_id, "parameter": name, "message": _detail(p)} for (clause_id, name), p in errors.items()
        ]
        + ([{"clause": None, "parameter": "title", "message": _detail(title_error)}] if title_error else []),
        "messages": messages,
        "download": url(lang, "download", selection.query()),
    }
    return View(
        "compose.html",
        texts(lang)["compose.title"],
        {
            "selection": selection,
            "route": route.title.get(lang) if route else None,
            "clauses": clauses,
            "addable": addable,
            "messages": page_messages,
            "title_error": title_said,
            "done": _done(catalogue, params, lang),
            "has_errors": bool(error_links),
            "error_links": error_links,
            "checked": request.query_params.get("action") == "check",
        },
        data,
        status=422 if errors or messages or title_error else 200,
        problem=from_error(ParameterError(list(dict.fromkeys([*problems, *all_errors]))), lang)
        if all_errors or problems
        else None,
    )
