"""The shapes of the HTTP API, as pydantic models built on the library's own models.

They give the OpenAPI document its schemas. The API returns exactly the library's JSON (what
`match --format json`, `clauses show --format json` and `export` print); tests check that JSON
against these models, so the document and the answers cannot drift apart.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt
from pydantic.json_schema import SkipJsonSchema, WithJsonSchema

from ..numbers import MAX_NUMBER
from ..render import MAX_TEXT_VALUE

# The documents the library prints (export, match result) are modelled once, in schemas.py.
from ..schemas import (  # noqa: F401  (re-exported for the routes and the tests)
    ClauseOut,
    ClausePlaceholderOut,
    ExportOut,
    LegalReferenceOut,
    LotOut,
    MatchOut,
    MatchResultOut,
    RouteClauseOut,
    RouteMatchOut,
    TenderRead,
    Value,
)
from ..vocab import ContractType, InstrumentId, Language, ThemeId

# A parameter value a request gives, with the limits the server checks (render.coerce) said in the
# OpenAPI document too; the server's own check gives the problem, in the words the command line uses.
ValueIn = Annotated[
    Value,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "maxLength": MAX_TEXT_VALUE},
                {"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER},
            ],
            "description": "A number (finite, at most 10¹² in size) or a text of one line (at most "
            f"{MAX_TEXT_VALUE:,} characters, no control characters), within the parameter's own bounds or choices",
        }
    ),
]

# A text with something in it (a blank text or one with a NUL byte is no tender), and a CPV code.
TEXT_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"
# A text of a tender object may be blank when another field says what the purchase is (a notice with a
# title and an empty description, as `match --file` reads it); it holds no NUL byte either.
FIELD_PATTERN = r"^[^\x00]*$"
CPV_PATTERN = r"^[0-9]{2,8}(-[0-9])?$"  # in a tender object, as `match --file` reads JSON: '9091' is 90910000
CPV_CODE_PATTERN = r"^[0-9]{8}(-[0-9])?$"  # laid over a tender, as `--cpv` takes them: whole codes
_TEXT: dict[str, Any] = {"type": "string", "pattern": TEXT_PATTERN}


def one_of_required(*branches: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema: at least one of these properties must be given, as described (and never both a text
    and a tender object)."""
    return {
        "anyOf": [{"required": list(b), "properties": b} for b in branches],
        "not": {"required": ["text", "tender"]},
    }


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


class RenderRequest(_Request):
    lang: Language = "nl"
    values: dict[str, ValueIn] = Field(
        default_factory=dict, description="Parameter values; the others keep their default"
    )


class RenderOut(BaseModel):
    id: str
    lang: Language = Field(description="The language of the text: Dutch when the clause has no text in the asked one")
    fell_back: bool
    values: dict[str, Value]
    text: str
    placeholders: list[ClausePlaceholderOut] = Field(
        description="Text in square brackets the text still holds, to fill in before publishing (a value "
        "left at a default such as '[naam van de contactpersoon]'); empty when there is none"
    )


class SectorRow(BaseModel):
    id: str
    title: str
    cpv: list[str]


class CpvOut(BaseModel):
    code: str
    label: str


# --- matching ----------------------------------------------------------------------------------------


_TENDER_FIELDS: dict[str, Any] = {
    "anyOf": [
        {"required": ["title"], "properties": {"title": _TEXT}},
        {"required": ["description"], "properties": {"description": _TEXT}},
        {"required": ["cpv"], "properties": {"cpv": {"type": "array", "minItems": 1}}},
    ]
}


class TenderIn(BaseModel):
    """A tender object as `match --file` reads JSON: id, title, description, cpv, type, value, currency,
    lang, lots. Another field is refused (a typo such as `descripton` would be a tender without its words)."""

    # The tender reader checks id, type, value, currency, lang and lots, and says every problem at once;
    # they are described here, not checked, so that their problems are not said in two rounds.
    model_config = ConfigDict(extra="forbid", json_schema_extra=_TENDER_FIELDS)

    id: Any = Field(None, description="The tender's id (a text)")
    title: str | None = Field(None, pattern=FIELD_PATTERN)
    description: str | None = Field(None, pattern=FIELD_PATTERN)
    # A code may be a number, as a spreadsheet writes it (77310000, 45233130.0): the reader checks those.
    cpv: list[Annotated[str, Field(pattern=CPV_PATTERN)] | StrictInt | StrictFloat] | None = None
    type: Any = Field(None, description="works, supplies or services")
    value: Any = Field(
        None, description='The estimated value: a number, "250.000 EUR", or {"amount": …, "currency": …}'
    )
    currency: Any = Field(None, description="EUR by default")
    lang: Any = Field(None, description="nl, fr or en (default: detected)")
    lots: Any = Field(None, description='The lots: a list of {"id", "title", "description", "cpv"}')


class MatchRequest(_Request):
    """A tender to match: a text, or a tender object, with fields laid over it (the CLI's options)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=one_of_required(
            {"text": _TEXT},
            {"tender": {"type": "object"}},
            {"title": _TEXT},
            {"cpv": {"type": "array", "minItems": 1}},
        ),
    )

    text: str | None = Field(
        None, pattern=TEXT_PATTERN, description="The tender as plain text: the first short line is its title"
    )
    tender: TenderIn | None = None
    title: str | None = Field(None, pattern=TEXT_PATTERN)
    cpv: list[Annotated[str, Field(pattern=CPV_CODE_PATTERN)]] = Field(default_factory=list, max_length=100)
    type: ContractType | None = None
    lang: Language | None = Field(None, description="The tender's language (default: detected)")
    top: int = Field(5, ge=1, le=100)
    per_lot: bool = False


# A form has no null: leaving a field out is how it says "not given", so the form models do not
# offer null in the OpenAPI document (Schemathesis sent lang=null as the text "null").
FormNone = SkipJsonSchema[None]


class MatchUploadOptions(_Request):
    lang: Language | FormNone = Field(None, description="The tender's language (default: detected)")
    top: int = Field(5, ge=1, le=100)
    per_lot: bool = False


class MatchUpload(MatchUploadOptions):
    """A tender file to match: text, JSON, OCDS or eForms XML (5 MB at most)."""

    file: bytes


# --- the annex ---------------------------------------------------------------------------------------

DraftFormat = Literal["markdown", "html", "docx", "json"]


class DraftChoice(_Request):
    id: str
    values: dict[str, ValueIn] = Field(default_factory=dict)


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

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=one_of_required(
            {"text": _TEXT},
            {"tender": {"type": "object"}},
            {"route": {"type": "string"}},
            {"clauses": {"type": "array", "minItems": 1}},
        ),
    )

    text: str | None = Field(
        None, pattern=TEXT_PATTERN, description="The tender as plain text, to draft its best route"
    )
    tender: TenderIn | None = Field(None, description="The tender as an object, to draft its best route")
    clauses: list[DraftChoice] = Field(default_factory=list, max_length=200)


class DraftUpload(DraftOptions):
    """A tender file (text, JSON, OCDS, eForms XML; 5 MB at most) to draft its best route, or `route`."""

    file: bytes
    route: str | FormNone = Field(None, description="The route to draft (default: the tender's best route)")
    lang: Language | FormNone = Field(None, description="Default: the tender's language, else nl")
    title: str | FormNone = Field(None, max_length=500, description="The tender's title, at the top of the annex")


MEDIA_TYPES: dict[str, str] = {
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
}
SUFFIXES = {"markdown": "md", "html": "html", "docx": "docx", "json": "json"}
