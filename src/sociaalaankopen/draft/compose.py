"""Choose what goes into an annex: one route, for a tender or at its defaults.

`draft_for_tender` does what `sociaalaankopen draft --from-tender` does (match, choose the best
route or the one asked for, take that route's clauses for this tender, with the values of the
tender's sectors, build); the CLI, the web tool and the guide only parse their input and call it.
`sector_values` gives those starting values on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..catalogue import Catalogue
from ..errors import (
    CatalogueError,
    ParameterError,
    Problem,
    TenderError,
    checked_ids,
    checked_mapping,
    checked_optional_text,
    checked_type,
    wrong_type,
    wrong_type_problem,
)
from ..matching import MatchResult, RouteMatch, matcher_for
from ..matching.routes import route_clauses
from ..messages import said
from ..model import SectorProfile, Tender
from ..render import checked_language
from .build import build_draft
from .model import Draft, DraftRoute

Values = Mapping[str, Mapping[str, Any]]


def _options(where: str, values: object, extra: object, tender_title: object) -> tuple[Values, list[str]]:
    """The values per clause and the extra clauses as given to a public function, checked for their types:
    one ParameterError naming the argument, not an AttributeError later (a string as `extra` would be
    read one character at a time)."""
    given = checked_mapping(values, where, "values", said("a mapping of clause ids to their values"))
    problems = [
        wrong_type_problem(where, f"values[{cid!r}]", v, said("a mapping of parameter names to values"))
        for cid, v in given.items()
        if not isinstance(v, Mapping)
    ]
    if problems:
        raise ParameterError(problems)
    ids = checked_ids(extra, where, "extra", said("a list of clause ids"))
    checked_optional_text(tender_title, where, "tender_title")
    return given, ids


def _choices(
    roles: Sequence[tuple[str, str]], values: Values, extra: Sequence[str]
) -> list[tuple[str, Mapping[str, Any], str]]:
    chosen = [(cid, values.get(cid, {}), role) for cid, role in roles]
    ids = {cid for cid, _ in roles}
    chosen += [(cid, values.get(cid, {}), "chosen") for cid in extra if cid not in ids]
    unknown = [cid for cid in values if cid not in ids and cid not in extra]
    if unknown:
        raise ParameterError(
            [
                Problem(cid, "", "has values but is not in the annex", "add it with --clause or drop its values")
                for cid in unknown
            ]
        )
    return chosen


def sector_values(
    catalogue: Catalogue, sectors: Sequence[str], clause_ids: Iterable[str], lang: str = "nl"
) -> dict[str, dict[str, Any]]:
    """The values the sectors of a tender (ids, strongest first; `MatchResult.sectors`) give these clauses,
    in `lang`: per parameter, the strongest sector that sets it. The annex of a route for that tender
    starts from them; what the buyer gives overrides them."""
    return {
        cid: {name: value for name, (value, _) in values.items()}
        for cid, values in _sector_values(catalogue, sectors, clause_ids, lang).items()
    }


def _sector_values(
    catalogue: Catalogue, sectors: Sequence[str], clause_ids: Iterable[str], lang: str
) -> dict[str, dict[str, tuple[Any, SectorProfile]]]:
    """What `sector_values` says, with the sector each value comes from."""
    found: dict[str, dict[str, tuple[Any, SectorProfile]]] = {}
    profiles = [catalogue.sectors[s] for s in sectors if s in catalogue.sectors]
    for clause_id in clause_ids:
        values: dict[str, tuple[Any, SectorProfile]] = {}
        for profile in reversed(profiles):  # the strongest last: its values win
            values.update((name, (value, profile)) for name, value in profile.values_in(clause_id, lang).items())
        if values:
            found[clause_id] = values
    return found


def draft_for_route(
    catalogue: Catalogue,
    route_id: str,
    *,
    lang: str = "nl",
    values: Values | None = None,
    extra: Sequence[str] = (),
    result: MatchResult | None = None,
    tender_title: str | None = None,
    guidance: str = "separate",
    sectors: Sequence[str] | None = None,
) -> Draft:
    """The annex of one route. With the `result` of matching a tender, the route's clauses for that
    tender (core, fitting optional and cross-cutting ones); without, its core and preparation clauses.
    Its clauses start from the values of `sectors` (sector ids, strongest first; default: the sectors of
    `result`, if any), and `values` win over those.
    `lang` is nl, fr or en, in any case; another is a ParameterError."""
    lang = checked_language(lang, "draft")
    _catalogue(catalogue, "draft_for_route")
    checked_type(route_id, str, "draft_for_route", "route_id", said("a route id (str)"))
    given, ids = _options("draft_for_route", values, extra, tender_title)
    if result is not None and not isinstance(result, MatchResult):
        raise wrong_type("draft_for_route", "result", result, said("a MatchResult or None"))
    route = catalogue.route(route_id)
    match: RouteMatch | None = result.route(route_id) if result else None
    if match is not None:
        roles = [(c.id, c.role) for c in match.clauses]
        why = match.why_in(lang)
    else:
        ranked = result.ranked if result else ()
        roles = [(c.id, c.role) for c in route_clauses(route, catalogue.clauses, ranked)]
        why = ""
    info = DraftRoute(route.id, route.title.get(lang), why, route.when_to_use)
    origins: dict[str, dict[str, str]] = {}
    if sectors is None:
        sectors = result.sectors if result is not None else ()
    else:
        sectors = checked_ids(sectors, "draft_for_route", "sectors", said("a list of sector ids"))
        unknown = [s for s in sectors if s not in catalogue.sectors]
        if unknown:
            # A misspelt sector gave its clauses none of its values, and no word of it.
            known = ", ".join(catalogue.sectors) or "none"
            raise CatalogueError(
                [
                    Problem(
                        s or "''", "sectors", "is not a sector of the catalogue", "use one of: {known}", known=known
                    )
                    for s in unknown
                ]
            )
    if sectors:
        # The tender's sectors set the starting values of their clauses; the buyer's values win.
        starting = _sector_values(catalogue, sectors, [*(cid for cid, _ in roles), *ids], lang)
        for cid, found in starting.items():
            mine = given.get(cid, {})
            origins[cid] = {name: profile.title.get(lang) for name, (_, profile) in found.items() if name not in mine}
        given = {
            cid: {**{name: value for name, (value, _) in starting.get(cid, {}).items()}, **given.get(cid, {})}
            for cid in {**given, **starting}
        }
    return build_draft(
        catalogue,
        _choices(roles, given, ids),
        value_sources=origins,
        lang=lang,
        tender_title=tender_title,
        route=info,
        guidance=guidance,
    )


def draft_for_tender(
    catalogue: Catalogue,
    tender: Tender | str,
    *,
    route: str | None = None,
    lang: str | None = None,
    values: Values | None = None,
    extra: Sequence[str] = (),
    tender_title: str | None = None,
    guidance: str = "separate",
) -> Draft:
    """Match a tender and draft the annex of its best route, or of `route`. `lang` defaults to the
    tender's language; a string is read as the tender's description. `lang` is nl, fr or en, in any
    case; another is a ParameterError (raised before the tender is matched)."""
    if lang is not None:
        lang = checked_language(lang, "draft")
    _catalogue(catalogue, "draft_for_tender")
    if not isinstance(tender, Tender | str):
        raise wrong_type("draft_for_tender", "tender", tender, said("a Tender or its description (str)"), TenderError)
    if route is not None:
        checked_type(route, str, "draft_for_tender", "route", said("a route id (str) or None"))
    _options("draft_for_tender", values, extra, tender_title)  # before the tender is matched
    result = matcher_for(catalogue).match_tender(tender)
    if route is None:
        if not result.routes:
            known = ", ".join(catalogue.routes) or "none"
            raise ParameterError(
                Problem(
                    "draft",
                    "route",
                    "no route fits this tender",
                    "name one with --route ID ({known}) or choose clauses with --clause",
                    known=known,
                )
            )
        route = result.routes[0].id
    catalogue.route(route)  # an unknown id is one clear line
    return draft_for_route(
        catalogue,
        route,
        lang=lang or result.tender.lang or "nl",
        values=values,
        extra=extra,
        result=result,
        tender_title=tender_title or result.tender.title or None,
        guidance=guidance,
    )


def _catalogue(catalogue: object, where: str) -> None:
    if not isinstance(catalogue, Catalogue):
        raise wrong_type(where, "catalogue", catalogue, said("a Catalogue (Catalogue.load())"))


def draft_annex(
    catalogue: Catalogue,
    clauses: Sequence[tuple[str, Mapping[str, Any]]] = (),
    *,
    tender: Tender | str | None = None,
    route: str | None = None,
    lang: str | None = None,
    tender_title: str | None = None,
    guidance: str = "separate",
) -> Draft:
    """What `sociaalaankopen draft` and the HTTP API's draft do: with a tender, the annex of its best
    route (or of `route`); with a route alone, that route at its defaults; else exactly the `clauses`
    chosen, (id, values). Beside a route, the chosen clauses join it and their values set those of its
    clauses."""
    options: dict[str, Any] = {
        "values": {cid: v for cid, v in clauses if v},
        "extra": [cid for cid, _ in clauses],
        "tender_title": tender_title,
        "guidance": guidance,
    }
    if tender is not None:
        return draft_for_tender(catalogue, tender, route=route, lang=lang, **options)
    if route:
        return draft_for_route(catalogue, route, lang=lang or "nl", **options)
    return build_draft(catalogue, list(clauses), lang=lang or "nl", tender_title=tender_title, guidance=guidance)
