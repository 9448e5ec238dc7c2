"""The social-clauses annex of a tender: chosen or matched clauses, per stage, in legal order.

`build_draft` gathers and renders everything into a `Draft`; the modules beside this one
turn a Draft into Markdown, HTML or DOCX. Nothing here writes files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Catalogue
from ..errors import ParameterError, Problem, SociaalAankopenError
from ..legal import LegalReference, legal_references
from ..model import Clause
from ..render import RenderedClause, render_clause
from ..vocab import EFORMS_FIELD_LABELS, EFORMS_FIELDS, STAGES, eforms_label
from .labels import LABELS

__all__ = [
    "FORMATS",
    "LABELS",
    "Draft",
    "DraftItem",
    "DraftSection",
    "EformsEntry",
    "build_draft",
    "draft_bytes",
    "parse_clause_option",
]


@dataclass(frozen=True)
class DraftItem:
    clause: Clause
    rendered: RenderedClause
    legal: list[LegalReference]
    weighting: int | float | None


@dataclass(frozen=True)
class DraftSection:
    instrument: str
    title: str
    items: list[DraftItem]


@dataclass(frozen=True)
class EformsEntry:
    field: str
    field_label: str
    code: str
    label: str
    clauses: list[str]


@dataclass(frozen=True)
class Draft:
    lang: str
    title: str
    tender_title: str | None
    sections: list[DraftSection]
    eforms: list[EformsEntry]
    warnings: list[str] = field(default_factory=list)

    def labels(self) -> dict[str, str]:
        return LABELS[self.lang]


def parse_clause_option(option: str) -> tuple[str, dict[str, str]]:
    """'id:percentage=10,uren=500' -> ('id', {'percentage': '10', 'uren': '500'})."""
    clause_id, _, params = option.partition(":")
    values: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in params.split(","))):
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


def build_draft(
    catalogue: Catalogue,
    clauses: Sequence[str | tuple[str, Mapping[str, Any]]],
    *,
    lang: str = "nl",
    tender_title: str | None = None,
) -> Draft:
    """Render the chosen clauses (ids, or (id, parameter values)) into an annex.

    Every wrong id or parameter is reported at once. Clauses appear per stage, in legal order,
    and in the order given within a stage.
    """
    problems: list[Problem] = []
    items: list[DraftItem] = []
    warnings: list[str] = []
    legal = legal_references()
    seen: set[str] = set()
    for choice in clauses:
        clause_id, values = (choice, {}) if isinstance(choice, str) else choice
        if clause_id in seen:
            problems.append(Problem(clause_id, "", "is chosen twice", "name each clause once"))
            continue
        seen.add(clause_id)
        try:
            clause = catalogue.clause(clause_id)
            rendered = render_clause(clause, lang, values, catalogue=catalogue)
        except SociaalAankopenError as e:
            problems += e.problems
            continue
        if rendered.fell_back:
            warnings.append(f"{clause_id} has no {lang} text; the annex uses the Dutch text")
        weighting = rendered.values.get("weging") if clause.instrument == "award_criterion" else None
        items.append(DraftItem(clause, rendered, [legal[k] for k in clause.legal_basis], weighting))
    if problems:
        raise ParameterError(problems)
    if not items:
        raise ParameterError(Problem("draft", "clauses", "no clauses chosen", "pass --clause ID or --from-tender FILE"))
    sections = []
    for stage in STAGES:
        chosen = [i for i in items if i.clause.instrument == stage.id]
        if chosen:
            sections.append(DraftSection(stage.id, stage.label(lang), chosen))
    title = LABELS[lang]["annex.title"]
    return Draft(lang, title, tender_title, sections, _eforms(items, lang), warnings)


FORMATS = ("markdown", "html", "docx")


def draft_bytes(draft: Draft, fmt: str) -> bytes:
    """The annex in one of FORMATS, as bytes ready to write."""
    if fmt == "markdown":
        from .markdown import to_markdown

        return to_markdown(draft).encode("utf-8")
    if fmt == "html":
        from .html import to_html

        return to_html(draft).encode("utf-8")
    if fmt == "docx":
        from .docx import to_docx

        return to_docx(draft)
    raise ValueError(f"unknown format {fmt!r}")
