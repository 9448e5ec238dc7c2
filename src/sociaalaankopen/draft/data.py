"""The annex as data (`draft --format json`), for other tools: see docs/draft.md."""

from __future__ import annotations

from typing import Any

from ..render import unmarked
from ..schema_versions import DRAFT_SCHEMA_VERSION
from .model import Draft
from .placeholders import placeholder_rows, unfilled_placeholders


def to_data(draft: Draft) -> dict[str, Any]:
    eforms: dict[str, list[str]] = {}
    for entry in draft.eforms:
        eforms.setdefault(entry.field, []).append(entry.code)
    sections = [("bestek", s) for s in draft.sections] + [("preparation", s) for s in draft.preparation]
    clauses = [
        {
            "id": item.clause.id,
            "instrument": item.clause.instrument,
            "role": item.role,
            "part": part,
            "title": item.clause.title.get(draft.lang),
            "text": unmarked(item.rendered.text),
            "parameters": dict(item.rendered.values),
            "weighting": item.weighting,
        }
        for part, section in sections
        for item in section.items
    ]
    guidance = [
        {
            "id": item.clause.id,
            "lang": "nl",  # the guidance texts exist in Dutch only (see to_markdown)
            "when_to_use": item.clause.when_to_use,
            "when_not": item.clause.when_not,
            "verification": item.clause.verification,
            "monitoring": item.clause.monitoring.model_dump(),
            "legal_basis": [
                {"short": ref.short_in(draft.lang), "title": ref.title_in(draft.lang)} for ref in item.legal
            ],
        }
        for item in draft.items()
        if draft.guidance == "separate"
    ]
    route = None
    if draft.route:
        route = {"id": draft.route.id, "title": draft.route.title, "why": draft.route.why}
    return {
        "schema_version": DRAFT_SCHEMA_VERSION,
        "lang": draft.lang,
        "title": draft.title,
        "tender_title": draft.tender_title,
        "route": route,
        "clauses": clauses,
        "values": [
            {
                "clause": row.clause_id,
                "name": row.name,
                "label": row.label,
                "value": row.value,
                "allowed": row.allowed,
                "changed": row.changed,
                "sector": row.sector or None,
            }
            for row in draft.values
        ],
        "guidance": guidance,
        "eforms": eforms,
        "warnings": [str(w) for w in draft.warnings],
        "placeholders": placeholder_rows(unfilled_placeholders(draft)),
    }
