"""The catalogue as one JSON-ready document: the open-data face other tools rely on.

The shape is documented in docs/catalogue.md ("Export format") and is kept stable:
fields are only ever added.
"""

from __future__ import annotations

from typing import Any

from .catalogue import Catalogue
from .model import Clause, Example, Route, SectorProfile
from .render import render_clause
from .schema_versions import EXPORT_SCHEMA_VERSION
from .vocab import LANGUAGES

EXPORT_VERSION = 1


def clause_to_dict(clause: Clause, catalogue: Catalogue) -> dict[str, Any]:
    texts = {}
    for lang in LANGUAGES:
        if clause.text.has(lang):
            texts[lang] = render_clause(clause, lang, catalogue=catalogue).text
    return {
        "id": clause.id,
        "instrument": clause.instrument,
        "themes": list(clause.themes),
        "ambition": clause.ambition,
        "contract_types": list(clause.contract_types),
        "title": clause.title.model_dump(),
        "summary": clause.summary.model_dump(),
        "text": texts,
        "template": clause.text.model_dump(exclude_none=True),
        "parameters": {name: p.model_dump(exclude_none=True) for name, p in clause.parameters.items()},
        "limits": [limit.model_dump(exclude_defaults=True) for limit in clause.limits],
        "keywords": clause.keywords.model_dump(),
        "cpv": list(clause.cpv),
        "eforms": {bt: list(codes) for bt, codes in clause.eforms.items()},
        "legal_basis": list(clause.legal_basis),
        "monitoring": clause.monitoring.model_dump(),
        "when_to_use": clause.when_to_use,
        "when_not": clause.when_not,
        "verification": clause.verification,
        "related": list(clause.related),
        "sources": [s.model_dump(exclude_none=True) for s in clause.sources],
        "excludes": list(clause.excludes),
        "cross_cutting": clause.cross_cutting,
        "routes": list(clause.routes),
        "reviewed": clause.reviewed.isoformat(),
    }


def route_to_dict(route: Route, catalogue: Catalogue) -> dict[str, Any]:
    data = route.model_dump(mode="json")
    # The clauses that join the route from their own file are listed too, as optional.
    data["clauses"] = [{"id": cid, "role": role} for cid, role in catalogue.route_members(route.id)]
    return data


def example_to_dict(example: Example) -> dict[str, Any]:
    return example.model_dump(mode="json", exclude_none=True)


def sector_to_dict(sector: SectorProfile) -> dict[str, Any]:
    return sector.model_dump(mode="json")


def export_catalogue(catalogue: Catalogue) -> dict[str, Any]:
    from ._version import __version__
    from .legal import legal_references

    return {
        "format": "sociaalaankopen-catalogue",
        "version": EXPORT_VERSION,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generator": f"sociaalaankopen {__version__}",
        "clauses": [clause_to_dict(c, catalogue) for c in catalogue.clauses.values()],
        "examples": [example_to_dict(e) for e in catalogue.examples.values()],
        "sectors": [sector_to_dict(s) for s in catalogue.sectors.values()],
        "routes": [route_to_dict(r, catalogue) for r in catalogue.routes.values()],
        "legal_references": {k: v.to_dict() for k, v in legal_references().items()},
    }
