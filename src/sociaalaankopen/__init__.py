"""sociaalaankopen: social clauses for public procurement in Flanders and Belgium.

The public names are loaded on first use, so `import sociaalaankopen` (and the CLI) start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

_PUBLIC = {
    "Catalogue": "catalogue",
    "CatalogueError": "errors",
    "OutputError": "errors",
    "ParameterError": "errors",
    "SiteError": "errors",
    "SociaalAankopenError": "errors",
    "TemplateError": "errors",
    "TenderError": "errors",
    "Clause": "model",
    "Example": "model",
    "Lot": "model",
    "Parameter": "model",
    "SectorProfile": "model",
    "Tender": "model",
    "Route": "model",
    "Match": "matching",
    "MatchResult": "matching",
    "RouteMatch": "matching",
    "draft_for_route": "draft",
    "draft_for_tender": "draft",
    "RenderedClause": "render",
    "render_clause": "render",
    "Draft": "draft",
    "build_draft": "draft",
    "read_tender": "readers",
    "build_site": "site",
}

__all__ = [
    "__version__",
    "Catalogue",
    "CatalogueError",
    "Clause",
    "Draft",
    "Example",
    "Lot",
    "Match",
    "MatchResult",
    "OutputError",
    "Parameter",
    "ParameterError",
    "RenderedClause",
    "Route",
    "RouteMatch",
    "SectorProfile",
    "SiteError",
    "SociaalAankopenError",
    "TemplateError",
    "Tender",
    "TenderError",
    "build_draft",
    "build_site",
    "draft_for_route",
    "draft_for_tender",
    "read_tender",
    "render_clause",
]

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .draft import Draft, build_draft, draft_for_route, draft_for_tender
    from .errors import (
        CatalogueError,
        OutputError,
        ParameterError,
        SiteError,
        SociaalAankopenError,
        TemplateError,
        TenderError,
    )
    from .matching import Match, MatchResult, RouteMatch
    from .model import Clause, Example, Lot, Parameter, Route, SectorProfile, Tender
    from .readers import read_tender
    from .render import RenderedClause, render_clause
    from .site import build_site


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'sociaalaankopen' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
