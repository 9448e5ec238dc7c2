"""sociaalaankopen: social clauses for public procurement in Flanders and Belgium."""

__version__ = "0.1.0"

from .catalogue import Catalogue  # noqa: E402
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

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Clause",
    "Example",
    "Lot",
    "OutputError",
    "Parameter",
    "ParameterError",
    "SectorProfile",
    "SiteError",
    "SociaalAankopenError",
    "TemplateError",
    "Tender",
    "TenderError",
    "__version__",
]
