"""sociaalaankopen: social clauses for public procurement in Flanders and Belgium."""

__version__ = "0.1.0"

from .catalogue import Catalogue  # noqa: E402
from .draft import Draft, build_draft  # noqa: E402
from .errors import (  # noqa: E402
    CatalogueError,
    OutputError,
    ParameterError,
    SiteError,
    SociaalAankopenError,
    TemplateError,
    TenderError,
)
from .model import Clause, Example, Lot, Parameter, SectorProfile, Tender  # noqa: E402
from .render import RenderedClause, render_clause  # noqa: E402

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Clause",
    "Draft",
    "Example",
    "Lot",
    "OutputError",
    "Parameter",
    "ParameterError",
    "RenderedClause",
    "SectorProfile",
    "SiteError",
    "SociaalAankopenError",
    "TemplateError",
    "Tender",
    "TenderError",
    "__version__",
    "build_draft",
    "render_clause",
]
