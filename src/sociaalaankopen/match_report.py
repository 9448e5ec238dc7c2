"""The terminal table and the Markdown list of a match result (the JSON form is `MatchResult.to_dict`)."""

from __future__ import annotations

import textwrap

from .characters import escape_markdown
from .matching import MatchResult
from .matching.routes import strength_of
from .messages import count, message
from .numbers import format_number
from .vocab import CONTRACT_TYPES, FIT_STRENGTHS, INSTRUMENTS, ROUTE_ROLES, label


def _none(lang: str) -> str:
    return message("No clause scores 10 or more: describe the purchase in more words or give CPV codes.", lang)


def _colon(lang: str) -> str:
    """A colon after a label: French puts a no-break space before it ('Clauses :')."""
    return "\u00a0:" if lang == "fr" else ":"


def _lot(lang: str) -> str:
    return message("Lot", lang)


def _routes_text(result: MatchResult, lang: str) -> list[str]:
    heading, why = message("Routes (choose one)", lang), message("why", lang)
    if not result.routes:
        return [message("No route clearly fits: choose clauses from the list below.", lang), ""]
    lines = [f"{heading}{_colon(lang)}"]
    shared: dict[str, None] = {}
    for n, route in enumerate(result.routes, start=1):
        word = label(FIT_STRENGTHS, route.strength, lang)
        lines.append(
            f"  {message('Route', lang) if n == 1 else message('or route', lang)} {n} ({word}){_colon(lang)} {route.route.title.get(lang)}  [{route.id}]"
        )
        lines += textwrap.wrap(
            route.why_in(lang), 96, initial_indent=f"      {why}{_colon(lang)} ", subsequent_indent="      "
        )
        own = [c for c in route.clauses if c.role != "cross-cutting"]
        listed = ", ".join(f"{c.id} ({label(ROUTE_ROLES, c.role, lang)})" for c in own)
        lines += textwrap.wrap(listed, 96, initial_indent="      - ", subsequent_indent="        ")
        shared.update((c.id, None) for c in route.clauses if c.role == "cross-cutting")
    if shared:
        lines += textwrap.wrap(
            ", ".join(shared),
            96,
            initial_indent=f"  {message('Cross-cutting, with any route', lang)}{_colon(lang)} ",
            subsequent_indent="      ",
        )
    return [*lines, ""]


def _subject(result: MatchResult) -> str:
    tender = result.tender
    text = tender.title or tender.description or ", ".join(tender.all_cpv())
    first = text.strip().split("\n")[0]
    return first if len(first) <= 90 else first[:89] + "…"


def _facts(result: MatchResult, lang: str) -> str:
    tender = result.tender
    facts = [f"{tender.lang}" + (f" ({message('detected', lang)})" if "lang" in result.inferred else "")]
    if tender.type:
        facts.append(
            label(CONTRACT_TYPES, tender.type, lang).lower()
            + (f" ({message('detected', lang)})" if "type" in result.inferred else "")
        )
    codes = tender.all_cpv()
    if codes:
        facts.append("CPV " + ", ".join(codes[:4]) + (" …" if len(codes) > 4 else ""))
    if tender.value is not None:
        facts.append(f"{tender.currency or 'EUR'} {format_number(round(tender.value), lang)}")
    if tender.lots:
        facts.append(count(len(tender.lots), "lot", lang))
    return " · ".join(facts)


def format_text(result: MatchResult, lang: str | None = None) -> str:
    """A readable table: rank, score, clause id and instrument, then the clause title and the reasons."""
    lang = lang or result.tender.lang or "nl"
    heading = message("Tender:", lang)
    lines = [f"{heading} {_subject(result)}", " " * (len(heading) + 1) + _facts(result, lang), ""]
    lines += _routes_text(result, lang)
    if not result.matches:
        return "\n".join([*lines, _none(lang)])
    width = max(len(m.id) for m in result.matches)
    lines.append(message("Clauses", lang) + _colon(lang))
    for rank, m in enumerate(result.matches, start=1):
        instrument = label(INSTRUMENTS, m.clause.instrument, lang)
        word = label(FIT_STRENGTHS, strength_of(m.score), lang)
        lines.append(f"{rank:3d}  {word:9s} {m.id.ljust(width)}  {instrument}")
        indent = " " * 12
        lines += textwrap.wrap(m.clause.title.get(lang), 100, initial_indent=indent, subsequent_indent=indent)
        for reason in m.reasons_in(lang):
            lines += textwrap.wrap(reason, 100, initial_indent=indent + "- ", subsequent_indent=indent + "  ")
    for lot in result.lots:
        lines += ["", f"{_lot(lang)} {lot.id or '?'}{_colon(lang)} {lot.title or '-'}"]
        lines += [
            f"{rank:3d}  {label(FIT_STRENGTHS, strength_of(m.score), lang):9s} {m.id}  "
            f"{label(INSTRUMENTS, m.clause.instrument, lang)}{_colon(lang)} {m.clause.title.get(lang)}"
            for rank, m in enumerate(lot.matches, start=1)
        ] or [_none(lang)]
    return "\n".join(lines)


def format_markdown(result: MatchResult, lang: str | None = None) -> str:
    """A Markdown list, to paste into a note or an issue."""
    lang = lang or result.tender.lang or "nl"
    lines = [
        f"## {message('Social clauses for', lang)}{_colon(lang)} {escape_markdown(_subject(result))}",
        "",
        f"_{_facts(result, lang)}_",
        "",
    ]
    heading = message("Routes (choose one)", lang)
    if result.routes:
        lines += [f"### {heading}", ""]
        for n, route in enumerate(result.routes, start=1):
            word = label(FIT_STRENGTHS, route.strength, lang)
            title = escape_markdown(route.route.title.get(lang))
            lines.append(f"{n}. **{title}** (`{route.id}`, {word}){_colon(lang)} {route.why_in(lang)}")
            lines += [f"   - `{c.id}` ({label(ROUTE_ROLES, c.role, lang)})" for c in route.clauses]
        lines += ["", f"### {message('Clauses', lang)}", ""]
    if not result.matches:
        return "\n".join([*lines, _none(lang)])
    for rank, m in enumerate(result.matches, start=1):
        instrument = label(INSTRUMENTS, m.clause.instrument, lang)
        word = label(FIT_STRENGTHS, strength_of(m.score), lang)
        lines.append(f"{rank}. **{escape_markdown(m.clause.title.get(lang))}** (`{m.id}`, {instrument}, {word})")
        lines += [f"   - {reason}" for reason in m.reasons_in(lang)]
    for lot in result.lots:
        lines += [
            "",
            f"### {_lot(lang)} {escape_markdown(lot.id or '?')}{_colon(lang)} {escape_markdown(lot.title or '-')}",
            "",
        ]
        lines += [
            f"{rank}. **{escape_markdown(m.clause.title.get(lang))}** (`{m.id}`, {label(FIT_STRENGTHS, strength_of(m.score), lang)})"
            for rank, m in enumerate(lot.matches, start=1)
        ] or [_none(lang)]
    return "\n".join(lines)
