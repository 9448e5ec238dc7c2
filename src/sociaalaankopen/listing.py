"""Plain-text views of clauses for the terminal."""

from __future__ import annotations

import textwrap
from typing import Any

from .legal import legal_references
from .messages import message
from .model import Clause
from .numbers import format_number
from .plaintext import plain_text
from .render import RenderedClause
from .typography import semicolons
from .vocab import AMBITIONS, INSTRUMENTS, THEMES, label, unit_label


def clause_rows(clauses: list[Clause], lang: str) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "instrument": c.instrument,
            "themes": list(c.themes),
            "ambition": c.ambition,
            "contract_types": list(c.contract_types),
            "title": c.title.get(lang),
        }
        for c in clauses
    ]


_COLUMNS = ("id", "instrument", "ambition", "title")


def clause_table(clauses: list[Clause], lang: str) -> list[dict[str, str]]:
    """The rows of `clauses list` as the terminal shows them: instrument names in `lang`."""
    return [
        {
            "id": c.id,
            "instrument": label(INSTRUMENTS, c.instrument, lang),
            "ambition": str(c.ambition),
            "title": c.title.get(lang),
        }
        for c in clauses
    ]


def format_table(rows: list[dict[str, str]], lang: str) -> str:
    if not rows:
        return message("(no clauses)", lang)
    columns = [message("id", lang), message("instrument", lang), message("ambition", lang), message("title", lang)]
    cells = [[r[c] for c in _COLUMNS] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def clause_card(clause: Clause, rendered: RenderedClause, lang: str) -> str:
    """A clause in the terminal: facts, summary, parameter values and the text, without Markdown marks."""
    legal = legal_references()
    themes = ", ".join(label(THEMES, t, lang) for t in clause.themes)
    facts = [
        (message("id", lang), clause.id),
        (message("instrument", lang), label(INSTRUMENTS, clause.instrument, lang)),
        (message("themes", lang), themes),
        (message("ambition", lang), f"{clause.ambition} ({label(AMBITIONS, clause.ambition, lang)})"),
    ]
    names = [name for name, _ in facts]
    # A name's colon as the language writes it ('thèmes\u00a0:', as the help's headings).
    named = [message("{heading}:", lang, heading=n) for n in names]
    width = max(len(n) for n in named) + 1
    title = clause.title.get(lang)
    lines = [title, "=" * len(title)]
    lines += [n.ljust(width) + value for n, (_, value) in zip(named, facts, strict=True)]
    lines += ["", textwrap.fill(plain_text(clause.summary.get(lang)), 100), ""]
    if clause.parameters:
        lines.append(message("Parameters:", lang))
        for name, p in clause.parameters.items():
            value = rendered.values[name]
            unit = f" {unit_label(p.unit, lang)}" if p.unit else ""
            # As the text says it: a number in the language ('1.000,5'), a choice by its label, with the
            # id that --set takes beside it when the two differ.
            if p.type == "choice":
                shown = p.choice_label(str(value), lang)
                shown = shown if shown == str(value) else f"{shown} [{value}]"
            else:
                shown = format_number(value, lang)
            lines.append(f"  {name} = {shown}{unit}  ({p.label.get(lang)})")
        lines.append("")
    lines += [message("Text:", lang), "", plain_text(rendered.text), ""]
    lines.append(
        message("Legal basis:", lang) + " " + semicolons((legal[k].short_in(lang) for k in clause.legal_basis), lang)
    )
    # The catalogue holds what the contractor reports in Dutch only: a French or English card says so, as the annex does.
    monitoring = message("Monitoring:" if lang == "nl" else "Monitoring (in Dutch):", lang)
    lines.append(monitoring + f" {clause.monitoring.indicator} [{clause.monitoring.unit}]")
    return "\n".join(lines)
