"""JSON and JSON Lines: {"id", "title", "description", "cpv": [...], "type", "value", "lang", "lots": [...]}."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..errors import Problem, TenderError
from ..model import Tender
from .base import Warn, amount, build, contract_type, cpv_list, error, json_kind, language, text_field

T = TypeVar("T")

FIELDS = ("id", "title", "description", "cpv", "type", "value", "currency", "lang", "lots")


def loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        at = f"column {e.colno}" if "\n" not in text.strip() else f"line {e.lineno}, column {e.colno}"
        raise error(
            where, "is not valid JSON: {reason} ({at})", "check the quotes, commas and brackets", reason=e.msg, at=at
        ) from None
    except RecursionError:
        raise error(where, "is not valid JSON: nested too deeply", "flatten the document") from None
    except ValueError:  # an integer of more than 4,300 digits, which Python refuses to read
        raise error(where, "holds a number with thousands of digits", "check the numbers in the document") from None


def identifier(value: Any, where: str, field: str = "id") -> str | None:
    """An id as text: a text or a whole number ("2024-001", 17); an object, a list or true is refused
    (it was written as Python shows it: "{'a': 1}", "True")."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise error(where, "is {kind}, not a text", 'give the id as a text, e.g. "2024-001"', field, kind=json_kind(value))


def tender_from_dict(data: Any, where: str, warn: Warn) -> Tender:
    if not isinstance(data, Mapping):
        raise error(
            where,
            "is {kind} in JSON, not an object",
            'write one object per tender: {"title": "…", "description": "…"}',
            kind=json_kind(data),
        )
    if not any(k in data for k in FIELDS):
        raise error(where, "has none of the tender fields", "use {known}", known=", ".join(FIELDS))
    # Every field is read, and every field's problem said at once (a wrong value and a wrong lots list).
    problems: list[Problem] = []

    def read(reader: Callable[..., T], otherwise: T, *args: Any) -> T:
        try:
            return reader(*args)
        except TenderError as e:
            problems.extend(e.problems)
            return otherwise

    none: list[str] = []
    no_amount: tuple[float | None, str | None] = (None, None)
    value, currency = read(amount, no_amount, data.get("value"), where)
    lots = data.get("lots") or []
    if not isinstance(lots, list):
        problems.append(Problem(where, "lots", "is not a list", "give a list of lots"))
        lots = []
    lot_fields = []
    for i, lot in enumerate(lots):
        field = f"lots[{i}]"
        if not isinstance(lot, Mapping):
            problems.append(
                Problem(where, field, "is not an object", 'give {"title": …, "description": …, "cpv": […]}')
            )
            continue
        lot_fields.append(
            {
                "id": read(identifier, None, lot.get("id"), where, f"{field}.id"),
                "title": read(text_field, "", lot.get("title"), where, f"{field}.title"),
                "description": read(text_field, "", lot.get("description"), where, f"{field}.description"),
                "cpv": read(cpv_list, none, lot.get("cpv"), where, warn, f"{field}.cpv"),
            }
        )
    fields = {
        "id": read(identifier, None, data.get("id"), where),
        "title": read(text_field, "", data.get("title"), where, "title"),
        "description": read(text_field, "", data.get("description"), where, "description"),
        "cpv": read(cpv_list, none, data.get("cpv"), where, warn),
        "type": read(contract_type, None, data.get("type"), where),
        "value": value,
        "currency": read(text_field, "", data.get("currency") or currency, where, "currency") or None,
        "lang": read(language, None, data.get("lang"), where),
        "lots": lot_fields,
    }
    if problems:
        raise TenderError(problems)
    return build(fields, where)


def read_json(text: str, where: str, warn: Warn) -> Tender:
    data = loads(text, where)
    if isinstance(data, list):
        if len(data) != 1:
            raise error(where, "holds {count} tenders", "match them with --batch", count=len(data))
        data = data[0]
    return tender_from_dict(data, where, warn)
