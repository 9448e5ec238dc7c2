"""Checks a model cannot make on its own: references to legal keys, CPV codes, eForms codes, template
variables, and references between the items of a catalogue."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TypeVar

from ..cpv import cpv_codes, normalise
from ..errors import Problem
from ..model import Clause, Example, Route, SectorProfile, text_heading
from ..route_rules import check_excludes, check_route
from ..vocab import EFORMS_FIELDS, LANGUAGES, eforms_codes
from .parse import Origin

# What an unknown clause id is, and how to fix it: the same words wherever a clause is referred to.
_CLAUSE = ("a clause in the catalogue", "use the id of an existing clause")


def unknown(
    ids: Iterable[str], known: Collection[str] | Mapping[str, object], where: str, field: str, what: str, fix: str
) -> list[Problem]:
    """One problem per id that is not among the `known` ones."""
    return [Problem(where, field, f"{id!r} is not {what}", fix) for id in ids if id not in known]


def check_cpv(codes: Iterable[str], where: str, field_: str) -> list[Problem]:
    table = cpv_codes()
    return [
        Problem(
            where, field_, f"{code!r} is not a CPV 2008 code", "use an 8-digit code from the CPV list, e.g. 77310000"
        )
        for code in codes
        if normalise(str(code)) not in table
    ]


def check_clause(clause: Clause, origin: Origin) -> tuple[list[Problem], list[Problem]]:
    from jinja2 import TemplateSyntaxError

    from ..legal import legal_references
    from ..templates import variables

    where = origin.path
    warnings: list[Problem] = []
    problems = unknown(
        clause.legal_basis,
        legal_references(),
        where,
        "legal_basis",
        "a known legal reference",
        "use a key from data/legal_references.yaml",
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
                        f"{code!r} is not in the eForms code list",
                        "use one of " + ", ".join(sorted(allowed)),
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
                Problem(where, f"text.{lang}", "has no clause text in this language", f"add a '## {heading}' section")
            )
            continue
        try:
            used = variables(source)
        except TemplateSyntaxError as e:
            line = origin.section_lines.get(heading, 0) + (e.lineno or 1) - 1
            problems.append(
                Problem(
                    f"{where}:{line}",
                    f"text.{lang}",
                    f"template syntax error: {e.message}",
                    "check the {{ }} and {% %} tags",
                )
            )
            continue
        used_anywhere |= used
        for name in sorted(used - declared):
            problems.append(
                Problem(
                    where,
                    f"text.{lang}",
                    f"uses '{{{{ {name} }}}}', which is not a declared parameter",
                    f"declare '{name}' under parameters or remove it from the text",
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
        problems += unknown(clause.related, clauses, where, "related", *_CLAUSE)
        if cid in clause.related:
            problems.append(Problem(where, "related", "a clause cannot relate to itself", "remove its own id"))
    for _, example, where in _located("example", examples, origins):
        problems += unknown(example.clauses, clauses, where, "clauses", *_CLAUSE)
        sector = [example.sector] if example.sector is not None else []
        problems += unknown(sector, sectors, where, "sector", "a sector profile", "use the id of a file in sectors/")
    for _, profile, where in _located("sector", sectors, origins):
        problems += unknown(profile.recommended, clauses, where, "recommended", *_CLAUSE)
        problems += check_cpv(profile.cpv, where, "cpv")
    if routes is None:
        return problems
    some_route = "use one of: " + (", ".join(sorted(routes)) or "none")
    kinds: tuple[tuple[str, Mapping[str, Clause | SectorProfile]], ...] = (("clause", clauses), ("sector", sectors))
    for kind, items in kinds:
        for _, item, where in _located(kind, items, origins):
            problems += check_excludes(kind, item, items, where)
    for _, clause, where in _located("clause", clauses, origins):
        problems += unknown(clause.routes, routes, where, "routes", "a route", some_route)
    for _, route, where in _located("route", routes, origins):
        problems += check_route(route, clauses, where)
    for _, profile, where in _located("sector", sectors, origins):
        seen: set[str] = set()
        for choice in profile.routes:
            if choice.id not in routes:
                problems.append(Problem(where, "routes", f"{choice.id!r} is not a route", some_route))
            elif choice.id in seen:
                problems.append(Problem(where, "routes", f"{choice.id!r} is listed twice", "list each route once"))
            seen.add(choice.id)
    return problems
