"""Plain-text views of clauses for the terminal."""

from __future__ import annotations

import textwrap
from typing import Any

from .legal import legal_references
from .model import Clause
from .render import RenderedClause
from .vocab import AMBITIONS, INSTRUMENTS, THEMES, label


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


def format_table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    if not rows:
        return "(no clauses)"
    cells = [[str(r[c]) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def clause_card(clause: Clause, rendered: RenderedClause, lang: str) -> str:
    legal = legal_references()
    themes = ", ".join(label(THEMES, t, lang) for t in clause.themes)
    lines = [
        clause.title.get(lang),
        "=" * len(clause.title.get(lang)),
        f"id:         {clause.id}",
        f"instrument: {label(INSTRUMENTS, clause.instrument, lang)}",
        f"themes:     {themes}",
        f"ambition:   {clause.ambition} ({label(AMBITIONS, clause.ambition, lang)})",
        "",
        textwrap.fill(clause.summary.get(lang), 100),
        "",
    ]
    if clause.parameters:
        lines.append("Parameters:")
        for name, p in clause.parameters.items():
            value = rendered.values[name]
            unit = f" {p.unit}" if p.unit else ""
            lines.append(f"  {name} = {value}{unit}  ({p.label.get(lang)})")
        lines.append("")
    lines += ["Text:", "", rendered.text, ""]
    lines.append("Legal basis: " + "; ".join(legal[k].short for k in clause.legal_basis))
    lines.append(f"Monitoring:  {clause.monitoring.indicator} [{clause.monitoring.unit}]")
    return "\n".join(lines)
