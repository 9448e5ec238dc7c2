"""Checks a model cannot make on its own: references to legal keys, CPV codes, eForms codes, template
variables, and references between the items of a catalogue."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from ..cpv import cpv_codes, normalise
from ..errors import Problem
from ..model import Clause, Example, Route, SectorProfile, Source, is_web_address, text_heading
from ..route_rules import check_excludes, check_route
from ..vocab import EFORMS_FIELDS, LANGUAGES, eforms_codes
from .parse import Origin

if TYPE_CHECKING:
    from jinja2 import nodes

# The problem of an id that names nothing: (where, field, id) -> Problem.
Unknown = Callable[[str, str, str], Problem]


def unknown(
    ids: Iterable[str], known: Collection[str] | Mapping[str, object], where: str, field: str, problem: Unknown
) -> list[Problem]:
    """One problem per id that is not among the `known` ones."""
    return [problem(where, field, id) for id in ids if id not in known]


def unknown_clause(where: str, field: str, id: str) -> Problem:
    """The same words wherever a clause is referred to."""
    return Problem(where, field, "{id!r} is not a clause in the catalogue", "use the id of an existing clause", id=id)


def unknown_sector(where: str, field: str, id: str) -> Problem:
    return Problem(where, field, "{id!r} is not a sector profile", "use the id of a file in sectors/", id=id)


def unknown_legal(where: str, field: str, id: str) -> Problem:
    return Problem(
        where, field, "{id!r} is not a known legal reference", "use a key from data/legal_references.yaml", id=id
    )


def unknown_route(routes: Collection[str]) -> Unknown:
    known = ", ".join(sorted(routes)) or "none"

    def problem(where: str, field: str, id: str) -> Problem:
        return Problem(where, field, "{id!r} is not a route", "use one of: {known}", id=id, known=known)

    return problem


def check_cpv(codes: Iterable[str], where: str, field_: str) -> list[Problem]:
    table = cpv_codes()
    return [
        Problem(
            where,
            field_,
            "{code!r} is not a CPV 2008 code",
            "use an 8-digit code from the CPV list, e.g. 77310000",
            code=code,
        )
        for code in codes
        if normalise(str(code)) not in table
    ]


def check_sources(sources: Iterable[Source], where: str) -> list[Problem]:
    """Warnings: a source's address that is no web address (`javascript:…`, a file path) becomes no link."""
    return [
        Problem(where, "sources", "{value!r} is not an http(s) address", "give a full address", value=source.url)
        for source in sources
        if source.url is not None and not is_web_address(source.url)
    ]


def _refused(tree: nodes.Template, where: str, first: int, lang: str) -> list[Problem]:
    """A problem per construct a clause template may not use (templates.refusals), at its line in the file."""
    from ..numbers import MAX_DECIMALS
    from ..templates import refusals

    problems: list[Problem] = []
    for found in refusals(tree):
        at = f"{where}:{first + found.line - 1}"
        if found.decimals:
            problems.append(
                Problem(
                    at,
                    f"text.{lang}",
                    "'|number' takes at most {most} decimals, as a whole number",
                    "write e.g. '{{ bedrag | number(2) }}'",
                    most=MAX_DECIMALS,
                )
            )
        else:
            problems.append(
                Problem(
                    at,
                    f"text.{lang}",
                    "uses '{construct}', which clause templates may not use",
                    "use only its parameters, {% if %} and the number filter",
                    construct=found.construct,
                )
            )
    return problems


def check_clause(clause: Clause, origin: Origin) -> tuple[list[Problem], list[Problem]]:
    from jinja2 import TemplateSyntaxError

    from ..legal import legal_references
    from ..templates import parse, variables

    where = origin.path
    warnings: list[Problem] = []
    problems = unknown(
        clause.legal_basis,
        legal_references(),
        where,
        "legal_basis",
        unknown_legal,
    )
    problems += check_cpv(clause.cpv, where, "cpv")
    lists = eforms_codes()
    for bt, codes in clause.eforms.items():
        allowed = lists[EFORMS_FIELDS[bt]]
        for code in codes:
            if code not in allowed:
                problems.append(
                    Problem(
                        where,
                        f"eforms.{bt}",
                        "{code!r} is not in the eForms code list",
                        "use one of {allowed}",
                        code=code,
                        allowed=", ".join(sorted(allowed)),
                    )
                )
    reservation = [c for c in clause.eforms.get("BT-71", []) if c != "none"] + [
        c for c in clause.eforms.get("BT-736", []) if c == "yes"
    ]
    if clause.instrument == "reserved_contract" and not reservation:
        problems.append(
            Problem(
                where,
                "eforms.BT-71",
                "a reserved contract must state its reservation",
                "add BT-71: [res-ws] or [res-pub-ser], or BT-736: [yes] for reserved execution",
            )
        )
    declared = set(clause.parameters)
    used_anywhere: set[str] = set()
    for lang in LANGUAGES:
        source = getattr(clause.text, lang)
        heading = text_heading(lang)
        if not source:
            warnings.append(
                Problem(
                    where,
                    f"text.{lang}",
                    "has no clause text in this language",
                    "add a '## {heading}' section",
                    heading=heading,
                )
            )
            continue
        try:
            tree = parse(source)
        except TemplateSyntaxError as e:
            line = origin.section_lines.get(heading, 0) + (e.lineno or 1) - 1
            problems.append(
                Problem(
                    f"{where}:{line}",
                    f"text.{lang}",
                    "template syntax error: {reason}",
                    "check the {{ }} and {% %} tags",
                    reason=e.message,
                )
            )
            continue
        used = variables(tree)
        problems += _refused(tree, where, origin.section_lines.get(heading, 1), lang)
        used_anywhere |= used
        for name in sorted(used - declared):
            problems.append(
                Problem(
                    where,
                    f"text.{lang}",
                    "uses '{{ {name} }}', which is not a declared parameter",
                    "declare '{name}' under parameters or remove it from the text",
                    name=name,
                )
            )
        if lang == "nl":
            for name in sorted(declared - used):
                problems.append(
                    Problem(
                        where,
                        f"parameters.{name}",
                        "is declared but the Dutch text never uses it",
                        "use it in the clause text or remove it",
                    )
                )
    warnings += check_sources(clause.sources, where)
    for lang in ("fr", "en"):
        if not clause.keywords.get(lang):
            warnings.append(
                Problem(
                    where,
                    f"keywords.{lang}",
                    "has no keywords in this language",
                    "add the words buyers write in tenders",
                )
            )
    return problems, warnings


T = TypeVar("T")


def _located(
    kind: str, items: Mapping[str, T], origins: Mapping[tuple[str, str], Origin]
) -> Iterator[tuple[str, T, str]]:
    """Each item of a kind with its id and the file it came from: where a problem with it is reported."""
    return ((id, item, origins[(kind, id)].path) for id, item in items.items())


def check_references(
    clauses: dict[str, Clause],
    examples: dict[str, Example],
    sectors: dict[str, SectorProfile],
    origins: Mapping[tuple[str, str], Origin],
    routes: Mapping[str, Route] | None = None,
) -> list[Problem]:
    """Every id an item names is an item of the catalogue. With `routes`: the routes too, and the rules
    of route_rules.py (exclusions of clauses and of sectors are mutual, a route holds no conflict)."""
    problems: list[Problem] = []
    for cid, clause, where in _located("clause", clauses, origins):
        problems += unknown(clause.related, clauses, where, "related", unknown_clause)
        if cid in clause.related:
            problems.append(Problem(where, "related", "a clause cannot relate to itself", "remove its own id"))
    for _, example, where in _located("example", examples, origins):
        problems += unknown(example.clauses, clauses, where, "clauses", unknown_clause)
        sector = [example.sector] if example.sector is not None else []
        problems += unknown(sector, sectors, where, "sector", unknown_sector)
    for _, profile, where in _located("sector", sectors, origins):
        problems += unknown(profile.recommended, clauses, where, "recommended", unknown_clause)
        problems += check_cpv(profile.cpv, where, "cpv")
    if routes is None:
        return problems
    some_route = unknown_route(routes)
    kinds: tuple[tuple[str, Mapping[str, Clause | SectorProfile]], ...] = (("clause", clauses), ("sector", sectors))
    for kind, items in kinds:
        for _, item, where in _located(kind, items, origins):
            problems += check_excludes(kind, item, items, where)
    for _, clause, where in _located("clause", clauses, origins):
        problems += unknown(clause.routes, routes, where, "routes", some_route)
    for _, route, where in _located("route", routes, origins):
        problems += check_route(route, clauses, where)
    for _, profile, where in _located("sector", sectors, origins):
        seen: set[str] = set()
        for choice in profile.routes:
            if choice.id not in routes:
                problems.append(some_route(where, "routes", choice.id))
            elif choice.id in seen:
                problems.append(
                    Problem(where, "routes", "{id!r} is listed twice", "list each route once", id=choice.id)
                )
            seen.add(choice.id)
    return problems
