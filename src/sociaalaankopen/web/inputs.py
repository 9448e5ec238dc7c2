"""Turning what a request carries (a JSON body, a form, an upload) into the library's inputs.

Both the API and the pages use these, so a tender or a set of values is read one way.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from ..errors import Problem, TenderError
from ..model import Lot, Tender
from .models import TenderIn
from .problems import RequestError, UnsupportedMediaType
from .security import MAX_BODY
from .validation import request_problems

# Form fields are short; the pasted tender text may be as long as an uploaded file.
FORM_LIMITS: dict[str, Any] = {"max_files": 1, "max_fields": 1000, "max_part_size": MAX_BODY}


M = TypeVar("M", bound=BaseModel)


def validation_error(
    e: ValidationError, model: type[BaseModel] | None = None, also: tuple[str, ...] = ()
) -> RequestError:
    """The problems of a body that does not fit `model` (whose fields, with `also`, a misspelt one is told)."""
    return RequestError(request_problems(e.errors(), "request", model, also))


async def read_json(request: Request, model: type[M]) -> M:
    """The JSON body of a request as `model`. JSON is UTF-8 (RFC 8259): a body that says it is in another
    charset is refused rather than read as if it were not."""
    for parameter in request.headers.get("content-type", "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(
                Problem(
                    "request",
                    "content-type",
                    "charset {charset} is not accepted",
                    "send the JSON in UTF-8 (charset=utf-8, or no charset)",
                    charset=value.strip(),
                )
            )
    return parse_json(model, await request.body())


def parse_json(model: type[M], body: bytes) -> M:
    """A JSON body, strictly: 0 is not false and "5" is not 5, as the OpenAPI document says."""
    if not body.strip():
        # Every body is required (the OpenAPI document says so): an empty one is not read as {}.
        raise RequestError(
            Problem("request", "body", "is empty", "send one JSON object, as /api/v1/openapi.json describes it")
        )
    try:
        return model.model_validate_json(body, strict=True)
    except ValidationError as e:
        raise validation_error(e, model) from None


def parse_fields(model: type[M], form: Any, skip: tuple[str, ...] = ()) -> M:
    """Validate the text fields of a form as the OpenAPI document describes them: a field left out is not
    given; an empty one is a value like any other (`lang=` is no language, and is refused)."""
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k not in skip}
    try:
        return model.model_validate(fields)
    except ValidationError as e:
        raise validation_error(e, model, skip) from None


async def read_upload(value: Any, where: str = "file") -> tuple[bytes, str] | None:
    """The bytes and file name of an uploaded file; None when no file was chosen."""
    if not isinstance(value, UploadFile):
        return None
    data = await value.read(MAX_BODY + 1)
    name = value.filename or where
    if not data and not value.filename:
        return None
    return data, name


def tender_from_upload(data: bytes, name: str, fmt: str | None = None, **fields: Any) -> Tender:
    from ..readers import compose_tender

    return compose_tender(source=data, source_name=name, fmt=fmt, warn=_ignore, **fields)


def tender_as_text(tender: Tender) -> str:
    """A tender read from a file, written as the text a buyer could paste: its title, its description (and
    its lots' titles) and a line with its CPV codes. The language links of the routes of an uploaded file
    post it, so the routes come back in the other language without the file."""
    parts = [tender.title or "", tender.description or "", *(lot.title for lot in tender.lots if lot.title)]
    codes = tender.all_cpv()
    if codes:
        parts.append("CPV " + ", ".join(codes))
    return "\n\n".join(part for part in parts if part)


def tender_from_text(text: str | None, **fields: Any) -> Tender:
    from ..readers import compose_tender

    if text is not None and text.lstrip("\ufeff \t\r\n").startswith("<?xml"):
        # An eForms notice pasted as text was matched as markup, with no title and no CPV codes read.
        raise TenderError(
            Problem("request", "text", "is an XML document, not a tender text", "upload the notice as a file instead")
        )
    return compose_tender(text, warn=_ignore, **fields)


_LOT_FIELDS = tuple(Lot.model_fields)  # what a lot of a tender object holds: id, title, description, cpv


def tender_from_object(data: dict[str, Any], **fields: Any) -> Tender:
    from ..readers import compose_tender

    # A lot's unknown field is refused as the tender's is (by its schema): a lot with "titel" was a lot
    # without its title, without a word.
    lots = data.get("lots")
    unknown = [
        Problem(
            "request",
            f"tender.lots.{n}.{key}",
            "is not a field of this request",
            "use one of: {known}",
            known=", ".join(_LOT_FIELDS),
        )
        for n, lot in enumerate(lots if isinstance(lots, list) else [])
        if isinstance(lot, dict)
        for key in lot
        if key not in _LOT_FIELDS
    ]
    if unknown:
        raise TenderError(unknown)
    try:
        raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError):
        raise TenderError(Problem("tender", "", "cannot be read as JSON", "give a flat tender object")) from None
    return compose_tender(source=raw, source_name="tender", fmt="json", warn=_ignore, **fields)


# What the schema checks in a tender object itself; the reader checks the rest (models.TenderIn).
_SCHEMA_CHECKED = ("title", "description", "cpv")


def document_sent_as_json(body: dict[str, Any]) -> RequestError | None:
    """A request whose body (or `tender`) is an OCDS document: one problem saying how to send it, instead
    of one line per OCDS key that the request does not take. None for any other body."""
    from ..readers.ocds import is_ocds

    for where, data in (("body", body), ("tender", body.get("tender"))):
        if is_ocds(data):
            return RequestError(
                Problem(
                    "request",
                    where,
                    "is an OCDS document, not a tender object",
                    "send OCDS and eForms documents as the multipart form field file",
                )
            )
    return None


def tender_problems(data: object) -> list[Problem]:
    """The reader's problems with the fields of a tender object in a request that does not fit its schema,
    so that they are said together with the schema's (a wrong value beside a misspelt field)."""
    if not isinstance(data, dict):
        return []
    try:
        tender_from_object({k: v for k, v in data.items() if k in TenderIn.model_fields})
    except TenderError as e:
        return [p for p in e.problems if p.field and p.field not in _SCHEMA_CHECKED]
    return []


def body_object(body: bytes) -> dict[str, Any]:
    """A JSON body as an object, as it came ({} when it is none): to say more of a body its schema refused."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _ignore(problem: object) -> None:
    """Readers' warnings (a guessed encoding, an unknown CPV code) are not logged: they quote the tender."""


def media_type(request: Request) -> str:
    """The media type of a request's body, without its parameters ('application/json')."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def form_str(form: Any, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


async def read_form(request: Request) -> Any:
    """The form of a request; a body that is no valid form is a 422 like malformed JSON (not a bare 400)."""
    try:
        return await request.form(**FORM_LIMITS)
    except HTTPException as e:
        if e.status_code != 400:
            raise
        if str(e.detail).startswith("Too many files"):  # the framework's words, in English: say it in ours
            raise RequestError(Problem("request", "file", "holds more than one file", "send one file")) from None
        raise RequestError(
            Problem(
                "request",
                "body",
                "is not a valid form: {reason}",
                "send multipart/form-data with the file as 'file'",
                reason=e.detail,
            )
        ) from None
