"""What an annex is made of: the bestek part, the part before the notice, and the buyer's guidance."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem
from ..legal import LegalReference
from ..model import Clause
from ..render import RenderedClause
from .labels import LABELS

# Where a buyer's guidance goes: a separate part after the bestek text, or nowhere.
GUIDANCE_MODES = ("separate", "none")


@dataclass(frozen=True)
class DraftItem:
    clause: Clause
    rendered: RenderedClause
    legal: list[LegalReference]
    weighting: int | float | None
    # In the route: core, optional, cross-cutting or preparation; 'chosen' when picked by hand.
    role: str = "chosen"


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
class ValueRow:
    """One parameter value in the annex, as the buyer chose it or as its default."""

    clause_id: str
    clause_title: str
    name: str
    label: str
    value: str
    allowed: str
    changed: bool
    # The title of the sector profile the value comes from (`SectorProfile.values`), when the buyer gave none.
    sector: str = ""


@dataclass(frozen=True)
class DraftRoute:
    id: str
    title: str
    why: str
    when_to_use: str


@dataclass(frozen=True)
class Draft:
    lang: str
    title: str
    tender_title: str | None
    # The text that goes into the bestek, per stage in legal order.
    sections: list[DraftSection]
    eforms: list[EformsEntry]
    warnings: list[Problem] = field(default_factory=list)
    # Documents that precede the notice and are addressed to the market (the consultation call).
    preparation: list[DraftSection] = field(default_factory=list)
    route: DraftRoute | None = None
    values: list[ValueRow] = field(default_factory=list)
    guidance: str = "separate"

    def labels(self) -> dict[str, str]:
        return LABELS[self.lang]

    def items(self) -> list[DraftItem]:
        """Every clause of the annex: the bestek part first, then the part before the notice."""
        return [item for section in [*self.sections, *self.preparation] for item in section.items]
