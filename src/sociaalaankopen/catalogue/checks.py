"""Checks a model cannot make on its own: references to legal keys, CPV codes, eForms codes, template
variables, and references between the items of a catalogue."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..cpv import cpv_codes, normalise
from ..errors import Problem, short_value
from ..messages import Text
from ..model import Clause, Example, Route, SectorProfile, Source, is_web_address, text_heading
from ..route_rules import check_excludes, check_route, members
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
    from ..templates import MAX_DEPTH, refusals

    problems: list[Problem] = []
    deep = False
    for found in refusals(tree):
        at = f"{where}:{first + found.line - 1}"
        if found.deep and deep:
            continue  # one nesting, however many of its branches go too deep
        if found.deep:
            deep = True
            problems.append(
                Problem(
                    at,
                    f"text.{lang}",
                    "nests its tags and expressions more than {most} levels deep",
                    "write the conditions one after the other instead of inside each other",
                    most=MAX_DEPTH,
                )
            )
        elif found.decimals:
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


def _names(tree: nodes.Template) -> set[str]:
    """The names a template reads, without the ones it sets itself ({% set %}, {% for %}) and the ones
    Jinja gives a meaning of its own ({{ self }}: refused as such)."""
    from jinja2 import nodes

    from ..templates import _RESERVED

    names = list(tree.find_all(nodes.Name))
    return {n.name for n in names if n.ctx == "load"} - {n.name for n in names if n.ctx != "load"} - _RESERVED


def _trials(clause: Clause, lang: str) -> Iterator[tuple[str | None, object, dict[str, object]]]:
    """The values a check renders a clause text with: its defaults in `lang`, then each parameter in turn
    at its lowest and highest value and at each of its choices, the others at their defaults. Each as
    (the parameter that differs from its default or None, its value, the values)."""
    defaults: dict[str, object] = dict(clause.defaults(lang))
    yield None, None, defaults
    for name, param in clause.parameters.items():
        if param.type == "choice":
            tried: list[object] = list(param.choices or [])
        elif param.type == "text":
            continue
        else:
            # As render.coerce passes a number on: whole numbers as int.
            tried = [int(b) if float(b).is_integer() else b for b in param.bounds() if b is not None]
        for value in dict.fromkeys(tried):
            if value != defaults.get(name) or type(value) is not type(defaults.get(name)):
                yield name, value, {**defaults, name: value}


def _unrenderable(clause: Clause, source: str, lang: str, where: str, first: int) -> list[Problem]:
    """The problem of a clause text that fails to render with its defaults, or with a value its parameters
    allow (`{% if percentage > "30" %}` compares a number with a text: every rendering fails), at the
    line that fails; none when every trial renders. One problem per text: the first trial that fails.
    Rendered by Jinja itself, in the sandbox, as the annex renders it (the compiled text is kept for it)."""
    import traceback

    from ..templates import LANG_VARIABLE, compile_template

    for name, value, values in _trials(clause, lang):
        try:
            # Inside the try: compiling folds constants, and a constant such as 1e400 fails there.
            compile_template(source).render({**values, LANG_VARIABLE: lang})
        except Exception as error:  # whatever rendering raises on these values: the text cannot take them
            # Jinja rewrites the traceback so that a frame of the template names its line.
            lines = [f.lineno for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
            at = f"{where}:{first + (lines[-1] if lines and lines[-1] else 1) - 1}"
            reason = (str(error) or type(error).__name__)[:200]
            if name is None:
                return [
                    Problem(
                        at,
                        f"text.{lang}",
                        "fails to render with its defaults: {reason}",
                        "make the text work with every value its parameters allow: compare a number with a number",
                        reason=reason,
                    )
                ]
            return [
                Problem(
                    at,
                    f"text.{lang}",
                    "fails to render with {name} = {value}: {reason}",
                    "make the text work with every value its parameters allow: compare a number with a number",
                    name=name,
                    value=value,
                    reason=reason,
                )
            ]
    return []


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
    used_in: dict[str, set[str]] = {}  # per language whose text was read in full, the names it reads
    printed_nl: set[str] = set()
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
        refused = _refused(tree, where, origin.section_lines.get(heading, 1), lang)
        problems += refused
        if any(r.template.startswith("nests") for r in refused):
            continue  # too deep to walk for its variables; the nesting was reported
        # A refused template is not handed to Jinja's code generator, which folds constants as it goes:
        # `{{ "a" * 4000000000 }}` would be computed. Its names are read off the tree instead.
        used = _names(tree) if refused else variables(tree)
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
        if not refused and not used - declared:
            problems += _unrenderable(clause, source, lang, where, origin.section_lines.get(heading, 1))
        if not refused:
            used_in[lang] = used
            printed_nl |= _printed(tree) if lang == "nl" else set()
            problems += _unknown_choices(tree, clause, where, origin.section_lines.get(heading, 1), lang)
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
    # A warning (`check --strict` fails on it): an annex can be drafted, and says the placeholders it holds.
    warnings += _untranslated_values(printed_nl & declared, used_in, where)
    problems += check_limits(clause, where)
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


def _printed(tree: nodes.Template) -> set[str]:
    """The names a template prints: those read inside a {{ … }} (also within an {% if %})."""
    from jinja2 import nodes

    return {
        name.name
        for output in tree.find_all(nodes.Output)
        for expression in output.nodes
        for name in ([expression] if isinstance(expression, nodes.Name) else expression.find_all(nodes.Name))
        if name.ctx == "load"
    }


def _untranslated_values(printed: set[str], used_in: Mapping[str, set[str]], where: str) -> list[Problem]:
    """A parameter the Dutch text prints that the French or English text never reads: that text states a
    value of its own (`Au moins 10 %`), whatever the buyer chooses."""
    return [
        Problem(
            where,
            f"text.{lang}",
            "never uses '{{ {name} }}', which the Dutch text prints",
            "write '{{ {name} }}' where the text states that value, as the Dutch text does",
            name=name,
        )
        for lang in ("fr", "en")
        if lang in used_in
        for name in sorted(printed - used_in[lang])
    ]


def _unknown_choices(tree: nodes.Template, clause: Clause, where: str, first_line: int, lang: str) -> list[Problem]:
    """A choice parameter compared with a text that is not one of its choices (`frequentie == 'mois'` where
    the choices are maand and kwartaal): the condition can never hold, so the text says the other branch."""
    from jinja2 import nodes

    choices = {name: p.choices or [] for name, p in clause.parameters.items() if p.type == "choice"}
    problems: list[Problem] = []
    for compare in tree.find_all(nodes.Compare):
        left = compare.expr
        for operand in compare.ops:  # `a == b == c` compares a with b, then b with c
            pair, left = (left, operand.expr), operand.expr
            if operand.op not in ("eq", "ne"):
                continue
            for name, value in (pair, pair[::-1]):
                if not (isinstance(name, nodes.Name) and name.name in choices and isinstance(value, nodes.Const)):
                    continue
                if value.value not in choices[name.name]:
                    problems.append(
                        Problem(
                            f"{where}:{first_line + (compare.lineno or 1) - 1}",
                            f"text.{lang}",
                            "compares '{name}' with {value!r}, which is not one of its choices",
                            "compare it with one of {choices}",
                            name=name.name,
                            value=short_value(value.value),
                            choices=", ".join(choices[name.name]),
                        )
                    )
    return problems


def check_limits(clause: Clause, where: str) -> list[Problem]:
    """Every problem of a clause's `limits` the model cannot see alone: names that are no numeric
    parameter (or, in `when`, no choice parameter or choice), units that differ, defaults that break it."""
    params = clause.parameters
    numeric = sorted(name for name, p in params.items() if p.numeric)
    choices = sorted(name for name, p in params.items() if p.type == "choice")
    known, known_choices = ", ".join(numeric) or "none", ", ".join(choices) or "none"
    problems: list[Problem] = []
    for i, limit in enumerate(clause.limits):
        at = f"limits.{i}"
        found = [
            Problem(
                where,
                f"{at}.sum",
                "{name!r} is not a numeric parameter of this clause",
                "use one of its numeric parameters: {known}",
                name=name,
                known=known,
            )
            for name in limit.sum
            if name not in numeric
        ]
        found += [
            Problem(
                where,
                f"{at}.{key}",
                "{name!r} is not a numeric parameter of this clause",
                "give a number (without quotes) or the name of a numeric parameter: {known}",
                name=bound,
                known=known,
            )
            for key, bound in (("min", limit.min), ("max", limit.max))
            if isinstance(bound, str) and bound not in numeric
        ]
        for name, allowed in limit.when.items():
            if name not in choices:
                found.append(
                    Problem(
                        where,
                        f"{at}.when",
                        "{name!r} is not a choice parameter of this clause",
                        "use one of its choice parameters: {known}",
                        name=name,
                        known=known_choices,
                    )
                )
                continue
            found += [
                Problem(
                    where,
                    f"{at}.when.{name}",
                    "{value!r} is not one of the choices of {name!r}",
                    "use one of {allowed}",
                    value=value,
                    name=name,
                    allowed=", ".join(params[name].choices or []),
                )
                for value in allowed
                if value not in (params[name].choices or [])
            ]
        problems += found
        if found:
            continue
        units = list(dict.fromkeys(params[name].unit for name in limit.names()))
        if len(units) > 1:
            problems.append(
                Problem(
                    where,
                    at,
                    "adds up parameters in different units: {units}",
                    "add up only parameters in one unit",
                    units=", ".join(f"{name} ({params[name].unit or '-'})" for name in limit.names()),
                )
            )
        elif limit.broken_by(clause.defaults()) is not None:
            problems.append(
                Problem(
                    where,
                    at,
                    "the defaults ({values}) do not keep this limit",
                    "change the defaults or the limit",
                    values=", ".join(f"{name}={params[name].default_for()}" for name in limit.names()),
                )
            )
    return problems


T = TypeVar("T")


def _located(
    kind: str, items: Mapping[str, T], origins: Mapping[tuple[str, str], Origin]
) -> Iterator[tuple[str, T, str]]:
    """Each item of a kind with its id and the file it came from: where a problem with it is reported."""
    return ((id, item, origins[(kind, id)].path) for id, item in items.items())


def _known(items: Mapping[str, object], failed: Collection[str]) -> set[str]:
    """The ids a reference may name: the items loaded, and the items whose file exists but failed to load
    (their problems are reported at their file; a reference to one is no problem of its own)."""
    return {*items, *failed}


def check_sector_values(
    profile: SectorProfile, clauses: Mapping[str, Clause], failed: Collection[str], where: str
) -> list[Problem]:
    """The values a sector gives clauses: of a clause it recommends, of its parameters, each allowed (in
    every language, and together within the clause's limits), and one text per language only for a text."""
    from ..errors import ParameterError
    from ..model import Localized
    from ..render import resolve_values

    problems: dict[tuple[str, str], Problem] = {}  # a number refused in three languages is said once
    for clause_id, values in profile.values.items():
        field = f"values.{clause_id}"
        clause = clauses.get(clause_id)
        if clause is None:
            if clause_id not in failed:
                problem = unknown_clause(where, "values", clause_id)
                problems[(problem.field, problem.message)] = problem
            continue
        if clause_id not in profile.recommended:
            problem = Problem(
                where,
                field,
                "gives values to a clause the sector does not recommend",
                "add {id!r} to 'recommended' or remove its values",
                id=clause_id,
            )
            problems[(field, problem.message)] = problem
            continue
        for name, value in values.items():
            param = clause.parameters.get(name)
            if isinstance(value, Localized) and param is not None and param.type != "text":
                problem = Problem(
                    where,
                    f"{field}.{name}",
                    "gives a value per language, but the parameter is of type {type}",
                    "give one value",
                    type=param.type,
                )
                problems[(problem.field, problem.message)] = problem
        for lang in LANGUAGES:
            try:
                resolve_values(clause, profile.values_in(clause_id, lang), lang)
            except ParameterError as error:
                for found in error.problems:
                    problem = found.at(where, f"{field}.{found.field}")
                    if not any(k[0] == problem.field for k in problems):
                        problems[(problem.field, problem.message)] = problem
    return list(problems.values())


def check_references(
    clauses: dict[str, Clause],
    examples: dict[str, Example],
    sectors: dict[str, SectorProfile],
    origins: Mapping[tuple[str, str], Origin],
    routes: Mapping[str, Route] | None = None,
    failed: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """Every id an item names is an item of the catalogue. With `routes`: the routes too, and the rules
    of route_rules.py (exclusions of clauses and of sectors are mutual, a route holds no conflict).

    `failed`: per kind, the ids of the files that exist but failed to load. A reference to one is not
    reported, nor is a rule that needs what the file would have said (a route's reservation, when one of
    its clauses failed): one mistake gives one problem, at its own file."""
    failed = failed or {}
    failed_clauses, failed_sectors = failed.get("clause", ()), failed.get("sector", ())
    some_clause = _known(clauses, failed_clauses)
    some_sector = _known(sectors, failed_sectors)
    problems: list[Problem] = []
    for cid, clause, where in _located("clause", clauses, origins):
        problems += unknown(clause.related, some_clause, where, "related", unknown_clause)
        if cid in clause.related:
            problems.append(Problem(where, "related", "a clause cannot relate to itself", "remove its own id"))
    for _, example, where in _located("example", examples, origins):
        problems += unknown(example.clauses, some_clause, where, "clauses", unknown_clause)
        sector = [example.sector] if example.sector is not None else []
        problems += unknown(sector, some_sector, where, "sector", unknown_sector)
    for _, profile, where in _located("sector", sectors, origins):
        problems += unknown(profile.recommended, some_clause, where, "recommended", unknown_clause)
        problems += check_cpv(profile.cpv, where, "cpv")
        problems += check_sector_values(profile, clauses, failed_clauses, where)
    if routes is None:
        return problems
    some_route = unknown_route(routes)
    some_routes = _known(routes, failed.get("route", ()))
    kinds: tuple[tuple[str, Mapping[str, Clause | SectorProfile]], ...] = (("clause", clauses), ("sector", sectors))
    for kind, items in kinds:
        gone = failed.get(kind, ())
        for _, item, where in _located(kind, items, origins):
            problems += [
                p
                for p in check_excludes(kind, item, items, where)
                if not (p.args.get("id") in gone and p.args.get("id") not in items)
            ]
    for _, clause, where in _located("clause", clauses, origins):
        problems += unknown(clause.routes, some_routes, where, "routes", some_route)
    for _, route, where in _located("route", routes, origins):
        found = check_route(route, clauses, where)
        if any(c.id in failed_clauses and c.id not in clauses for c in route.clauses):
            found = [
                p
                for p in found
                if p.field != "reservation"
                and not (p.field == "clauses" and p.args.get("id") in failed_clauses)
                and not (p.field == "anchors" and p.args.get("anchor") in failed_clauses)
            ]
        problems += found
    for _, profile, where in _located("sector", sectors, origins):
        seen: set[str] = set()
        for choice in profile.routes:
            if choice.id not in some_routes:
                problems.append(some_route(where, "routes", choice.id))
            elif choice.id in seen:
                problems.append(
                    Problem(where, "routes", "{id!r} is listed twice", "list each route once", id=choice.id)
                )
            seen.add(choice.id)
    return problems


# --- a folder that extends the bundled catalogue ------------------------------------------------------


def _references(kind: str, item: object, clauses: Mapping[str, Clause]) -> list[tuple[str, str]]:
    """(kind, id) of the items an item names (a route: also the clauses that join it): what another file
    can break in it."""
    if isinstance(item, Clause):
        return [*(("clause", c) for c in [*item.excludes, *item.related]), *(("route", r) for r in item.routes)]
    if isinstance(item, Route):
        return [("clause", c) for c, _ in members(item, clauses)]
    if isinstance(item, SectorProfile):
        named = [*item.recommended, *item.values]
        return [*(("clause", c) for c in named), *(("sector", s) for s in item.excludes)]
    if isinstance(item, Example):
        return [("clause", c) for c in item.clauses] + ([("sector", item.sector)] if item.sector else [])
    return []


def blame_extension(
    problems: list[Problem],
    items: Mapping[str, Mapping[str, object]],
    origins: Mapping[tuple[str, str], Origin],
    bundled: str | None,
) -> list[Problem]:
    """The problems of a catalogue, each said once; with `bundled` (the folder of the bundled catalogue,
    which another folder extends), each at the file to fix.

    The bundled catalogue is sound on its own, so a problem found at one of its files (`vte.md`: the
    clause 'arbeidsuren' does not exclude it back) comes from a file of the extending folder: one that
    overrides or joins an item the bundled one names. The problem is said at that file, with the bundled
    file it breaks."""
    if bundled is None:
        return list(dict.fromkeys(problems))
    inside = {origin.path: key for key, origin in origins.items() if origin.path.startswith(bundled)}
    own = {key for key, origin in origins.items() if not origin.path.startswith(bundled)}
    said: list[Problem] = []
    for problem in problems:
        at = inside.get(problem.where)
        cause = _cause(problem, at, items, own) if at is not None else None
        if cause is None:
            said.append(problem)
            continue
        said.append(
            Problem(
                origins[cause].path,
                "",
                "breaks the bundled file {file}: {field}: {detail}",
                "{how}",
                file=problem.where,
                field=problem.field,
                detail=Text(problem.template, **problem.args),
                how=Text(problem.fix_template, **problem.args),
            )
        )
    return list(dict.fromkeys(said))


def _cause(
    problem: Problem,
    at: tuple[str, str],
    items: Mapping[str, Mapping[str, object]],
    own: Collection[tuple[str, str]],
) -> tuple[str, str] | None:
    """The item of the extending folder a problem at a bundled item comes from: one the problem names,
    else the first one the bundled item names."""
    kind, id = at
    named = [v for v in problem.args.values() if isinstance(v, str)]
    clauses: Mapping[str, Any] = items["clause"]
    references = _references(kind, items[kind][id], clauses)
    for ref in [*(r for r in references if r[1] in named), *references]:
        if ref in own:
            return ref
    return None
