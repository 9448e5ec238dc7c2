"""The shapes of the HTTP API, as pydantic models built on the library's own models.

They give the OpenAPI document its schemas. The API returns exactly the library's JSON (what
`match --format json`, `clauses show --format json` and `export` print); tests check that JSON
against these models, so the document and the answers cannot drift apart.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Example, Keywords, Localized, Monitoring, Parameter, SectorProfile, Source, Tender
from ..vocab import ContractType, InstrumentId, Language, ThemeId

Value = str | int | float


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- clauses -----------------------------------------------------------------------------------------


class ClauseRow(BaseModel):
    """A clause in a list (as `clauses list --format json`)."""

    id: str
    instrument: InstrumentId
    themes: list[ThemeId]
    ambition: int = Field(ge=1, le=3)
    contract_types: list[ContractType]
    title: str


class ClauseOut(BaseModel):
    """A whole clause (as in the catalogue export): texts rendered with the defaults, and the templates."""

    id: str
    instrument: InstrumentId
    themes: list[ThemeId]
    ambition: int = Field(ge=1, le=3)
    contract_types: list[ContractType]
    title: Localized
    summary: Localized
    text: dict[str, str] = Field(description="The text rendered with the default values, per language written")
    template: dict[str, str] = Field(description="The Jinja2 template of the text, per language written")
    parameters: dict[str, Parameter]
    keywords: Keywords
    cpv: list[str]
    eforms: dict[str, list[str]]
    legal_basis: list[str]
    monitoring: Monitoring
    when_to_use: str
    when_not: str
    verification: str
    related: list[str]
    sources: list[Source]


class RenderRequest(_Request):
    lang: Language = "nl"
    values: dict[str, Value] = Field(
        default_factory=dict, description="Parameter values; the others keep their default"
    )


class RenderOut(BaseModel):
    id: str
    lang: Language = Field(description="The language of the text: Dutch when the clause has no text in the asked one")
    fell_back: bool
    values: dict[str, Value]
    text: str


class SectorRow(BaseModel):
    id: str
    title: str
    cpv: list[str]


class CpvOut(BaseModel):
    code: str
    label: str


class LegalReferenceOut(BaseModel):
    key: str
    short: str
    title: str
    subject: str


class ExportOut(BaseModel):
    """The catalogue export (as `sociaalaankopen export`)."""

    format: Literal["sociaalaankopen-catalogue"]
    version: int
    generator: str
    clauses: list[ClauseOut]
    examples: list[Example]
    sectors: list[SectorProfile]
    legal_references: dict[str, LegalReferenceOut]


# --- matching ----------------------------------------------------------------------------------------


class MatchRequest(_Request):
    """A tender to match: a text, or a tender object, with fields laid over it (the CLI's options)."""

    text: str | None = Field(None, description="The tender as plain text: the first short line is its title")
    tender: dict[str, Any] | None = Field(
        None, description="A tender object as `match --file` reads JSON: title, description, cpv, type, lots…"
    )
    title: str | None = None
    cpv: list[str] = Field(default_factory=list, max_length=100)
    type: ContractType | None = None
    lang: Language | None = Field(None, description="The tender's language (default: detected)")
    top: int = Field(5, ge=1, le=100)
    per_lot: bool = False


class MatchUploadOptions(_Request):
    lang: Language | None = Field(None, description="The tender's language (default: detected)")
    top: int = Field(5, ge=1, le=100)
    per_lot: bool = False


class MatchUpload(MatchUploadOptions):
    """A tender file to match: text, JSON, OCDS or eForms XML (5 MB at most)."""

    file: bytes


class MatchOut(BaseModel):
    id: str
    title: str
    instrument: InstrumentId
    themes: list[ThemeId]
    ambition: int = Field(ge=1, le=3)
    score: int = Field(ge=0, le=100)
    reasons: list[str]


class LotOut(BaseModel):
    id: str | None
    title: str
    matches: list[MatchOut]


class TenderRead(Tender):
    """The tender as the matcher read it; `inferred` names the fields it filled in itself."""

    inferred: list[str]


class RouteClauseOut(BaseModel):
    id: str
    instrument: InstrumentId
    role: Literal["core", "optional", "cross-cutting", "preparation"]


class RouteMatchOut(BaseModel):
    """A route that fits the tender: how well (0-100, and in a word), why, and its clauses for the tender."""

    id: str
    title: str
    fit: int = Field(ge=0, le=100)
    strength: Literal["strong", "good", "possible"]
    why: str
    clauses: list[RouteClauseOut]


class MatchResultOut(BaseModel):
    """The match result (as `match --format json`)."""

    tender: TenderRead
    routes: list[RouteMatchOut]
    matches: list[MatchOut]
    lots: list[LotOut] | None = Field(None, description="Only with per_lot")


# --- the annex ---------------------------------------------------------------------------------------

DraftFormat = Literal["markdown", "html", "docx", "json"]


class DraftChoice(_Request):
    id: str
    values: dict[str, Value] = Field(default_factory=dict)


class DraftOptions(_Request):
    route: str | None = Field(None, description="The route to draft (default with a tender: its best route)")
    lang: Language | None = Field(None, description="Default: the tender's language, else nl")
    title: str | None = Field(None, max_length=500, description="The tender's title, at the top of the annex")
    format: DraftFormat = "markdown"
    guidance: Literal["separate", "none"] = Field(
        "separate", description="The buyer's guidance as its own part, or none"
    )


class DraftRequest(DraftOptions):
    """What to draft, as `draft` takes it: a tender (`text` or `tender`, as --from-tender), a `route`, and
    `clauses` with their values (as --clause ID:NAME=VALUE; with a route or tender, added to its clauses)."""

    text: str | None = Field(None, description="The tender as plain text, to draft its best route")
    tender: dict[str, Any] | None = Field(None, description="The tender as an object, to draft its best route")
    clauses: list[DraftChoice] = Field(default_factory=list, max_length=200)


class DraftUpload(DraftOptions):
    """A tender file (text, JSON, OCDS, eForms XML; 5 MB at most) to draft its best route, or `route`."""

    file: bytes


MEDIA_TYPES: dict[str, str] = {
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}
SUFFIXES = {"markdown": "md", "html": "html", "docx": "docx", "json": "json"}
