"""The JSON documents other tools read, as pydantic models: the catalogue export, the match result,
a batch line and the drafted annex.

One place per fact: `schema --of` prints the JSON Schemas made from these models, the HTTP API's
OpenAPI document uses the same models, and the tests validate real outputs against both. Each document
carries its `schema_version` ("MAJOR.MINOR"): a field added raises MINOR, a field removed, renamed or
retyped raises MAJOR (see CHANGELOG.md).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import (
    Clause,
    Example,
    Keywords,
    Localized,
    Monitoring,
    Parameter,
    SectorProfile,
    Source,
    SumLimit,
    Tender,
)
from .schema_versions import DRAFT_SCHEMA_VERSION, EXPORT_SCHEMA_VERSION, MATCH_SCHEMA_VERSION, OBSERVE_SCHEMA_VERSION
from .vocab import SCHEMA_KINDS, ContractType, InstrumentId, Language, ThemeId

Value = str | int | float
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _version(current: str) -> Any:
    """The schema_version field: any MINOR of the current MAJOR validates."""
    major = current.split(".")[0]
    return Field(
        pattern=rf"^{major}\.[0-9]+$",
        examples=[current],
        description="MAJOR.MINOR: MINOR adds fields, MAJOR removes, renames or retypes them",
    )


class _Out(BaseModel):
    # Forbidding unknown fields makes a field a producer adds without a schema fail the tests.
    model_config = ConfigDict(extra="forbid", defer_build=True)


# --- the catalogue export ----------------------------------------------------------------------------


class ClauseOut(_Out):
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
    limits: list[SumLimit] = Field(description="Bounds on the sum of some numeric parameters (since 1.3)")
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
    excludes: list[str] = Field(description="Alternatives that cannot stand in the same annex")
    cross_cutting: bool = Field(description="Combines with any route")
    routes: list[str] = Field(description="Routes this clause joins as an optional clause")
    reviewed: date = Field(description="The date of the clause's last legal review")


class RouteMemberOut(_Out):
    id: str
    role: Literal["core", "optional", "preparation"]


class RouteOut(_Out):
    """A route: the clauses its file lists, then the clauses that join it from their own file (optional)."""

    id: str
    title: Localized
    summary: Localized
    reservation: Literal["res-ws", "res-pub-ser", "reserved-execution", "none"]
    contract_types: list[ContractType]
    clauses: list[RouteMemberOut]
    anchors: list[str]
    when_to_use: str
    when_not: str


class LegalNameOut(_Out):
    short: str
    title: str


class LegalReferenceOut(_Out):
    key: str
    short: str = Field(description="the citation in Dutch")
    title: str = Field(description="the title in Dutch")
    subject: str = Field(description="what the provision is about, in Dutch")
    names: dict[str, LegalNameOut] = Field(description="the citation and title per language (nl, fr, en)")


class ExportOut(_Out):
    """The catalogue export (as `sociaalaankopen export`)."""

    format: Literal["sociaalaankopen-catalogue"]
    version: int = Field(description="Kept from 0.1; use schema_version")
    schema_version: str = _version(EXPORT_SCHEMA_VERSION)
    generator: str
    clauses: list[ClauseOut]
    examples: list[Example]
    sectors: list[SectorProfile]
    routes: list[RouteOut]
    legal_references: dict[str, LegalReferenceOut]


# --- the match result --------------------------------------------------------------------------------


class MatchOut(_Out):
    id: str
    title: str
    instrument: InstrumentId
    themes: list[ThemeId]
    ambition: int = Field(ge=1, le=3)
    score: int = Field(ge=0, le=100)
    reasons: list[str]


class LotOut(_Out):
    id: str | None
    title: str
    matches: list[MatchOut]


class TenderRead(Tender):
    """The tender as the matcher read it; `inferred` names the fields it filled in itself."""

    model_config = ConfigDict(extra="forbid")

    inferred: list[Literal["lang", "type"]]


class RouteClauseOut(_Out):
    id: str
    instrument: InstrumentId
    role: Literal["core", "optional", "cross-cutting", "preparation"]


class RouteMatchOut(_Out):
    """A route that fits the tender: how well (0-100, and in a word), why, and its clauses for the tender."""

    id: str
    title: str
    fit: int = Field(ge=0, le=100)
    strength: Literal["strong", "good", "possible"]
    why: str
    clauses: list[RouteClauseOut]


class MatchResultOut(_Out):
    """The match result (as `match --format json`)."""

    schema_version: str = _version(MATCH_SCHEMA_VERSION)
    tender: TenderRead
    routes: list[RouteMatchOut]
    matches: list[MatchOut]
    lots: list[LotOut] | None = Field(None, description="Only with per_lot, and only when the tender has lots")


class BatchLineOut(_Out):
    """One line of `match --batch`: a tender's routes and matches."""

    schema_version: str = _version(MATCH_SCHEMA_VERSION)
    id: str | None = Field(description="The tender's id, if it has one")
    record: int = Field(ge=1, description="The line, position or file number of the tender in the input")
    routes: list[RouteMatchOut]
    matches: list[MatchOut]
    lots: list[LotOut] | None = Field(None, description="Only with --per-lot, and only when the tender has lots")


# --- the annex ---------------------------------------------------------------------------------------


class DraftRouteOut(_Out):
    id: str
    title: str
    why: str


class DraftClauseOut(_Out):
    id: str
    instrument: InstrumentId
    role: Literal["core", "optional", "cross-cutting", "preparation", "chosen"]
    part: Literal["bestek", "preparation"]
    title: str
    text: str = Field(description="Markdown, without the value marks")
    parameters: dict[str, Value]
    weighting: int | float | None


class ValueOut(_Out):
    clause: str
    name: str
    label: str
    value: str
    allowed: str
    changed: bool
    sector: str | None = Field(
        default=None, description="the title of the sector profile the value comes from, when the buyer gave none"
    )


class LegalCitationOut(_Out):
    short: str
    title: str


class GuidanceOut(_Out):
    id: str
    lang: Language = Field(
        description="The language of when_to_use, when_not, verification and monitoring: the catalogue holds "
        "them in Dutch only, so nl also in an annex in another language"
    )
    when_to_use: str
    when_not: str
    verification: str
    monitoring: Monitoring
    legal_basis: list[LegalCitationOut]


class ClausePlaceholderOut(_Out):
    """Text in square brackets a clause still holds (the API's render gives them so, one clause's)."""

    parameter: str | None = Field(description="The parameter whose value it is; null when the clause text holds it")
    label: str | None = Field(description="The parameter's label in the language asked; null with parameter")
    text: str = Field(description="As the text shows it, brackets included: '[naam van de contactpersoon]'")


class PlaceholderOut(ClausePlaceholderOut):
    clause: str


class DraftOut(_Out):
    """The annex as data (as `draft --format json`)."""

    schema_version: str = _version(DRAFT_SCHEMA_VERSION)
    lang: Language
    title: str
    tender_title: str | None
    route: DraftRouteOut | None = Field(description="Null for an annex of named clauses")
    clauses: list[DraftClauseOut]
    values: list[ValueOut]
    guidance: list[GuidanceOut] = Field(description="Empty with --guidance none")
    eforms: dict[str, list[str]]
    warnings: list[str]
    placeholders: list[PlaceholderOut] = Field(
        description="Text in square brackets the clauses still hold, to fill in before publishing"
    )


# --- the observatory's summary.json (docs/observe.md) -------------------------------------------------


class ObserveGroupOut(_Out):
    """The counts of one year, country, CPV division, nature, kind, language or buyer."""

    notices: int
    can_declare: int = Field(
        description="Notices whose form has a place to declare a reservation (the denominator of every share)"
    )
    declared: int = Field(description="Notices that declared at least one code")
    codes: dict[str, int] = Field(
        description="Notices per declared code: res-ws, res-pub-ser, reserved-execution, soc-obj"
    )
    value_eur: float = Field(description="Sum of the values stated in euro")
    can_declare_value_eur: float = Field(description="The same, of the notices that can declare")
    declared_value_eur: float
    opportunities: int


class ObserveFiltersOut(_Out):
    country: list[str]
    since: str
    until: str
    kind: list[str]


class ObservePotentialOut(_Out):
    strong_fit: int = Field(description="The fit from which a reservation route is strong")
    basis: dict[str, int] = Field(description="Notices matched on their text, on their CPV codes alone, or not at all")
    best_route: dict[str, int] = Field(description="Notices per best route")
    strong_reservation_route: dict[str, int] = Field(description="Notices per strongly fitting reservation route")


class ObserveOpportunityOut(_Out):
    id: str
    published: str
    buyer: str
    country: str
    title: str
    cpv: str
    route: str
    fit: int = Field(ge=0, le=100)
    basis: Literal["text", "cpv"]
    why: str
    declared: list[str]


class ObserveSkippedOut(_Out):
    where: str
    lines: dict[str, list[str]]


class ObserveSummaryOut(_Out):
    """summary.json of `sociaalaankopen observe`."""

    schema_version: str = _version(OBSERVE_SCHEMA_VERSION)
    notices: int
    can_declare: int = Field(description="Notices whose form has a place to declare a reservation")
    skipped: int
    skipped_first: list[ObserveSkippedOut] = Field(
        description="The first 20 skipped, each with where it is and what was wrong, in Dutch and English"
    )
    filtered_out: int
    filters: ObserveFiltersOut
    declared: dict[str, int] = Field(
        description="Notices per declared code, each counted once however many lots carry it; 'any': at least one"
    )
    social_objectives: dict[str, int]
    value_eur: float
    can_declare_value_eur: float
    declared_value_eur: float
    by_year: dict[str, ObserveGroupOut]
    by_country: dict[str, ObserveGroupOut]
    by_cpv_division: dict[str, ObserveGroupOut]
    by_nature: dict[str, ObserveGroupOut]
    by_kind: dict[str, ObserveGroupOut]
    by_language: dict[str, ObserveGroupOut]
    by_buyer: dict[str, ObserveGroupOut]
    potential: ObservePotentialOut
    opportunities: int
    top_opportunities: list[ObserveOpportunityOut]


# --- the schemas -------------------------------------------------------------------------------------


_BODY_FIELDS = ("text", "when_to_use", "when_not", "verification")


def front_matter_schema() -> dict[str, Any]:
    """The JSON Schema of a clause file's front matter (the body sections are not part of it)."""
    schema = Clause.model_json_schema()
    for name in _BODY_FIELDS:
        schema["properties"].pop(name, None)
    schema["required"] = [r for r in schema.get("required", []) if r not in _BODY_FIELDS]
    schema.get("$defs", {}).pop("PartlyLocalized", None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sociaalaankopen clause front matter"
    schema["description"] = (
        "The YAML front matter of a clause file in a sociaalaankopen catalogue. The Markdown body holds the "
        "sections '## Clausetekst (nl|fr|en)', '## Wanneer gebruiken', '## Wanneer niet' and '## Controle'."
    )
    return schema


DOCUMENTS: dict[str, tuple[type[BaseModel], str]] = {
    "export": (ExportOut, "sociaalaankopen catalogue export"),
    "match": (MatchResultOut, "sociaalaankopen match result"),
    "batch": (BatchLineOut, "sociaalaankopen match --batch line"),
    "draft": (DraftOut, "sociaalaankopen drafted annex"),
    "observe": (ObserveSummaryOut, "sociaalaankopen observe summary.json"),
}
assert ("clause", *DOCUMENTS) == SCHEMA_KINDS, "vocab.SCHEMA_KINDS names the documents modelled here"


def document_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of SCHEMA_KINDS; `clause` is a clause file's front matter."""
    if kind == "clause":
        return front_matter_schema()
    if kind not in DOCUMENTS:
        raise ValueError(f"unknown schema {kind!r}: use one of {', '.join(SCHEMA_KINDS)}")
    model, title = DOCUMENTS[kind]
    schema = model.model_json_schema(mode="serialization")
    return {"$schema": JSON_SCHEMA_DIALECT, **schema, "title": title}
