"""Render chosen clauses into a `Draft`: checked values, no conflicting clauses, per stage in legal order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..catalogue import Catalogue
from ..errors import (
    ParameterError,
    Problem,
    SociaalAankopenError,
    checked_optional_text,
    short_value,
    wrong_type,
    wrong_type_problem,
)
from ..legal import legal_references
from ..messages import said
from ..model import Clause, Parameter
from ..numbers import format_number
from ..render import bounds_text, checked_language, clean_line, quoted, render_clause
from ..route_rules import BOTH_RESERVE, EXCLUDE_EACH_OTHER, conflicts, routes_holding
from ..vocab import EFORMS_FIELD_LABELS, EFORMS_FIELDS, ROUTE_ROLES, STAGES, eforms_label, unit_label
from .labels import LABELS
from .model import GUIDANCE_MODES, Draft, DraftItem, DraftRoute, DraftSection, EformsEntry, ValueRow

Choice = str | tuple[str, Mapping[str, Any]] | tuple[str, Mapping[str, Any], str]

# What a clause does in an annex: its role in the route, or 'chosen' by hand (data/vocab.json).
ROLES: tuple[str, ...] = tuple(t.id for t in ROUTE_ROLES)


# A comma that starts the next name=value: one inside a value ('koffie, thee en suiker', '80,5') stays.
_NEXT_VALUE = re.compile(r",(?=\s*[A-Za-z_][\w-]*\s*=)")


def parse_clause_option(option: str) -> tuple[str, dict[str, str]]:
    """'id:percentage=10,uren=500' -> ('id', {'percentage': '10', 'uren': '500'}); a comma inside a
    value stays in it ('id:producten=koffie, thee', 'id:aandeel=80,5')."""
    clause_id, _, params = option.partition(":")
    values: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in _NEXT_VALUE.split(params))):
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(
                Problem(
                    clause_id.strip(),
                    item,
                    "is not of the form name=value",
                    "write e.g. --clause id:percentage=10,uren=500",
                )
            )
        if name.strip() in values and values[name.strip()] != value.strip():
            raise ParameterError(
                Problem(clause_id.strip(), name.strip(), "is given twice, with two values", "give each parameter once")
            )
        values[name.strip()] = value.strip()
    return clause_id.strip(), values


def _eforms(items: Sequence[DraftItem], lang: str) -> list[EformsEntry]:
    found: dict[tuple[str, str], list[str]] = {}
    for item in items:
        for bt, codes in item.clause.eforms.items():
            for code in codes:
                found.setdefault((bt, code), []).append(item.clause.id)
    if not any(bt == "BT-71" for bt, _ in found):
        found[("BT-71", "none")] = []
    order = list(EFORMS_FIELDS)
    entries = [
        EformsEntry(bt, EFORMS_FIELD_LABELS[bt].label(lang), code, eforms_label(bt, code, lang), clause_ids)
        for (bt, code), clause_ids in found.items()
    ]
    return sorted(entries, key=lambda e: (order.index(e.field), e.code))


def _shown(value: Any, lang: str) -> str:
    return format_number(value, lang) if isinstance(value, int | float) else str(value)


def allowed(param: Parameter, lang: str) -> str:
    """The values a parameter accepts, for a person: '30–100 %', 'ja, nee', 'tekst'. The one description
    of them: the annex, the guide's clause pages and the tool all show this."""
    t = LABELS[lang]
    if param.type == "choice":
        return ", ".join(param.choice_label(choice, lang) for choice in param.choices or [])
    if param.type == "text":
        return t["values.text"]
    # A bound with cents says both decimals, as a value does.
    shown = bounds_text(param, lambda n: _shown(param.number(n), lang), ("{low}–{high}", "≥ {low}", "≤ {high}"), lang)
    if shown is None:
        shown = t["values.free"] + (f" ({unit_label(param.unit, lang)})" if param.unit else "")
    return shown


def allowed_in(clause: Clause, name: str, lang: str) -> str:
    """What `allowed` says of a parameter of `clause`, with the limits it shares with other parameters
    ('20–80 %; samen met ‘Vast deel (c)’ ten hoogste 100 %', '1–29 percelen; ten hoogste ‘Aantal percelen’')."""
    param = clause.parameters[name]
    found = [allowed(param, lang)]
    unit = f"\u00a0{unit_label(param.unit, lang)}" if param.unit else ""  # '100 %' is not split over two lines
    t = LABELS[lang]
    for limit in clause.sound_limits():
        if name not in limit.sum:
            continue
        others = " + ".join(quoted(clause.parameters[n].label.get(lang), lang) for n in limit.sum if n != name)
        for which, key in ((limit.max, "max"), (limit.min, "min")):
            if which is None:
                continue
            if isinstance(which, str):
                bound = quoted(clause.parameters[which].label.get(lang), lang)
            else:
                bound = _shown(param.number(which), lang) + unit
            if others:
                found.append(t[f"values.limit_{key}"].format(others=others, bound=bound))
            else:
                found.append(t[f"values.at_{key}"].format(bound=bound))
    return (" ; " if lang == "fr" else "; ").join(found)


def _value_rows(item: DraftItem, lang: str, sectors: Mapping[str, str]) -> list[ValueRow]:
    clause = item.clause
    defaults = clause.defaults(lang)
    return [
        ValueRow(
            clause.id,
            clause.title.get(lang),
            name,
            param.label.get(lang),
            param.choice_label(str(item.rendered.values[name]), lang)
            if param.type == "choice"
            else _shown(item.rendered.values[name], lang)
            + (f" {unit_label(param.unit, lang)}" if param.unit and param.type != "text" else ""),
            allowed_in(clause, name, lang),
            item.rendered.values[name] != defaults[name],
            sectors.get(name, ""),
        )
        for name, param in clause.parameters.items()
    ]


def _conflict_problems(ids: Sequence[str], catalogue: Catalogue) -> list[Problem]:
    problems = []
    for a, b, why in conflicts(ids, catalogue.clauses):
        held_a = ", ".join(routes_holding(a, catalogue.routes, catalogue.clauses)) or "-"
        held_b = ", ".join(routes_holding(b, catalogue.routes, catalogue.clauses)) or "-"
        problems.append(
            Problem(
                "draft",
                "clauses",
                "{a!r} (route {held_a}) and {b!r} (route {held_b}) exclude each other"
                if why == EXCLUDE_EACH_OTHER
                else "{a!r} (route {held_a}) and {b!r} (route {held_b}) both reserve the contract (BT-71 or BT-736)"
                if why == BOTH_RESERVE
                else "{a!r} (route {held_a}) and {b!r} (route {held_b}): one is written for a concession, "
                "the other for a public contract",
                "keep one of them, or draft one route with --route ID",
                a=a,
                held_a=held_a,
                b=b,
                held_b=held_b,
            )
        )
    return problems


def _choice(choice: object, n: int) -> tuple[str, Mapping[str, Any], str] | Problem:
    """One chosen clause as (id, values, role), or the problem with it: a wrong type, an unknown role."""
    if isinstance(choice, str):
        return choice, {}, "chosen"
    shape = said("a clause id, (id, values) or (id, values, role)")
    if not isinstance(choice, tuple | list):
        return wrong_type_problem("build_draft", f"clauses[{n}]", choice, shape)
    if len(choice) not in (2, 3):
        return Problem(
            "build_draft", f"clauses[{n}]", "has {count} items, expected {expected}", count=len(choice), expected=shape
        )
    clause_id, values, *rest = choice
    if not isinstance(clause_id, str):
        return wrong_type_problem("build_draft", f"clauses[{n}][0]", clause_id, said("a clause id (str)"))
    if not isinstance(values, Mapping):
        return wrong_type_problem(clause_id, "values", values, said("a mapping of parameter names to values"))
    role = rest[0] if rest else "chosen"
    if not isinstance(role, str) or role not in ROLES:
        return Problem(
            clause_id,
            "role",
            "{role!r} is not a role of a clause",
            "use one of {known}",
            role=short_value(role),
            known=", ".join(ROLES),
        )
    return clause_id, values, role


def build_draft(
    catalogue: Catalogue,
    clauses: Sequence[Choice],
    *,
    lang: str = "nl",
    tender_title: str | None = None,
    route: DraftRoute | None = None,
    guidance: str = "separate",
    value_sources: Mapping[str, Mapping[str, str]] | None = None,
) -> Draft:
    """Render the chosen clauses (ids, (id, values) or (id, values, role)) into an annex.
    `value_sources`: per clause, the parameters whose value a sector profile gave, with its title.

    Every wrong id or parameter and every pair of clauses that cannot stand together is reported
    at once. Clauses appear per stage, in legal order, and in the order given within a stage;
    the market-consultation call goes to its own part, before the notice. `lang` is nl, fr or en, in
    any case; another is a ParameterError.
    """
    lang = checked_language(lang, "draft")
    if not isinstance(catalogue, Catalogue):
        raise wrong_type("build_draft", "catalogue", catalogue, said("a Catalogue (Catalogue.load())"))
    if isinstance(clauses, str | bytes | Mapping) or not isinstance(clauses, Iterable):
        raise wrong_type(
            "build_draft", "clauses", clauses, said("a list of clause ids, (id, values) or (id, values, role)")
        )
    checked_optional_text(tender_title, "build_draft", "tender_title")
    if guidance not in GUIDANCE_MODES:
        raise ParameterError(
            Problem("draft", "guidance", "{guidance!r} is not a mode", "use separate or none", guidance=guidance)
        )
    problems: list[Problem] = []
    items: list[DraftItem] = []
    warnings: list[Problem] = []
    legal = legal_references()
    seen: set[str] = set()
    for n, given in enumerate(clauses):
        choice = _choice(given, n)
        if isinstance(choice, Problem):
            problems.append(choice)
            continue
        clause_id, values, role = choice
        if clause_id in seen:
            problems.append(Problem(clause_id, "", "is chosen twice", "name each clause once"))
            continue
        seen.add(clause_id)
        try:
            clause: Clause = catalogue.clause(clause_id)
            rendered = render_clause(clause, lang, values, catalogue=catalogue)
        except SociaalAankopenError as e:
            problems += e.problems
            continue
        if rendered.fell_back:
            warnings.append(
                Problem(clause_id, "", "has no {language} text; the annex uses the Dutch text", language=lang)
            )
        weighting = rendered.values.get("weging") if clause.instrument == "award_criterion" else None
        items.append(DraftItem(clause, rendered, [legal[k] for k in clause.legal_basis], weighting, role))
    problems += _conflict_problems([i.clause.id for i in items], catalogue)
    if problems:
        raise ParameterError(problems)
    if not items:
        raise ParameterError(Problem("draft", "clauses", "no clauses chosen", "pass --clause ID or --from-tender FILE"))
    sections: list[DraftSection] = []
    preparation: list[DraftSection] = []
    for stage in STAGES:
        chosen = [i for i in items if i.clause.instrument == stage.id]
        if chosen:
            part = preparation if stage.id == "market_consultation" else sections
            part.append(DraftSection(stage.id, stage.label(lang), chosen))
    ordered = [i for s in [*sections, *preparation] for i in s.items]
    return Draft(
        lang=lang,
        title=LABELS[lang]["annex.title"],
        tender_title=(clean_line(tender_title) or None) if tender_title else None,
        sections=sections,
        eforms=_eforms(ordered, lang),
        warnings=warnings,
        preparation=preparation,
        route=route,
        values=[
            row for item in ordered for row in _value_rows(item, lang, (value_sources or {}).get(item.clause.id, {}))
        ],
        guidance=guidance,
    )
