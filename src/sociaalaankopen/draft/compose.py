"""Choose what goes into an annex: one route, for a tender or at its defaults.

`draft_for_tender` does what `sociaalaankopen draft --from-tender` does (match, choose the best
route or the one asked for, take that route's clauses for this tender, build); the CLI, the web
tool and the guide only parse their input and call it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..catalogue import Catalogue
from ..errors import ParameterError, Problem
from ..matching import MatchResult, RouteMatch, matcher_for
from ..matching.routes import route_clauses
from ..model import Tender
from ..render import checked_language
from .build import build_draft
from .model import Draft, DraftRoute

Values = Mapping[str, Mapping[str, Any]]


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
) -> Draft:
    """The annex of one route. With the `result` of matching a tender, the route's clauses for that
    tender (core, fitting optional and cross-cutting ones); without, its core and preparation clauses.
    `lang` is nl, fr or en, in any case; another is a ParameterError."""
    lang = checked_language(lang, "draft")
    route = catalogue.route(route_id)
    match: RouteMatch | None = result.route(route_id) if result else None
    if match is not None:
        roles = [(c.id, c.role) for c in match.clauses]
        why = match.why
    else:
        ranked = result.ranked if result else ()
        roles = [(c.id, c.role) for c in route_clauses(route, catalogue.clauses, ranked)]
        why = ""
    info = DraftRoute(route.id, route.title.get(lang), why, route.when_to_use)
    return build_draft(
        catalogue,
        _choices(roles, values or {}, extra),
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
