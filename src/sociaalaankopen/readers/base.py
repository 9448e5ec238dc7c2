"""What every reader shares: limits, decoding, and turning loose fields into a validated `Tender`."""

from __future__ import annotations

import codecs
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from ..characters import printable
from ..cpv import is_known, parse_code
from ..errors import Invalid, Problem, TenderError, short_value, validation_problem
from ..messages import Text, said
from ..model import Tender
from ..numbers import ambiguity, parse_number, usable

# A notice, with every lot, is a few dozen kilobytes. Five megabytes is a document that is not a
# tender description (a whole bestek with annexes, a log file, a binary): refuse it early.
MAX_BYTES = 5 * 1024 * 1024
# A batch file (JSONL, OCDS package) is read record by record; a package has to fit in memory.
MAX_PACKAGE_BYTES = 256 * 1024 * 1024

# `--per-lot` matches each lot on its own, and writes each lot's matches: 500 lots take about half a
# second. A tender of many thousands of lots (under the size limit, 50,000 short lots fit) would take
# minutes, gigabytes of memory and an output of hundreds of megabytes; no real tender has that many.
MAX_PER_LOT = 500

# Readers say what they guessed through a Warn: a Problem, said in the user's language by whoever shows it.
Warn = Callable[[Problem], None]


class TenderWarning(UserWarning):
    """Something in a tender was read in a way the user should know about (e.g. a guessed encoding)."""


def default_warn(problem: Problem) -> None:
    warnings.warn(str(problem), TenderWarning, stacklevel=3)


def error(where: str, message: str, fix: str = "", field: str = "", **args: object) -> TenderError:
    """A TenderError of one problem; `message` and `fix` are templates, as in `Problem`."""
    return TenderError(Problem(where, field, message, fix, **args))


def check_size(data: bytes, where: str, limit: int = MAX_BYTES) -> None:
    if len(data) > limit:
        raise error(
            where,
            "is larger than {mb} MB",
            "pass the notice or its description, not the full tender documents",
            mb=limit // (1024 * 1024),
        )


# UTF-32 before UTF-16: the UTF-32 little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """'utf-16' or 'utf-32' when the data starts with that byte order mark (what Windows PowerShell
    writes by default), else None: UTF-8, with or without its BOM, is read as bytes are."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def text_head(data: bytes) -> bytes:
    """The start of the data as UTF-8 bytes without a BOM, to tell its format: a UTF-16 or UTF-32 head
    is decoded first (as far as it goes: the head may end inside a character)."""
    encoding = bom_encoding(data)
    if encoding is None:
        return data.removeprefix(codecs.BOM_UTF8)
    head = data[: 64 * 1024]
    return head.decode(encoding, errors="ignore").lstrip("\ufeff").encode("utf-8")


def check_not_binary(head: bytes, where: str) -> None:
    """Refuse a batch source, once, when its first block is clearly no text: a ZIP or PDF, NUL bytes,
    or bytes that are neither UTF-8 nor Windows-1252 (else every line would be an error of its own,
    and a few lines of random bytes read as Windows-1252 would be matched as tenders)."""
    if bom_encoding(head) is not None:
        return  # decoded whole, and checked then
    if head.startswith((b"PK\x03\x04", b"%PDF")):
        decode(head, where, default_warn)  # raises its clear line
    if b"\x00" in head:
        raise error(where, "is a binary file, not text", "give a JSONL file or a plain text file (UTF-8)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # the head may end inside a character
    except UnicodeDecodeError as e:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            raise error(
                where, "is neither UTF-8 nor Windows-1252 text (byte {byte})", "save it as UTF-8", byte=e.start
            ) from None


def check_lots_per_lot(tender: Tender, where: str, api: bool = False) -> None:
    """Refuse to match a tender's lots one by one (`--per-lot`, the API's `per_lot`) beyond MAX_PER_LOT of
    them: 50,000 lots took 47 s and 1.2 GB, and in the web tool every other request waited for them."""
    if len(tender.lots) > MAX_PER_LOT:
        raise error(
            where,
            "has {count} lots; per_lot matches at most {max} lots of a tender"
            if api
            else "has {count} lots; --per-lot matches at most {max} lots of a tender",
            "send it without per_lot, or split its lots over several tenders"
            if api
            else "match it without --per-lot, or split its lots over several tenders",
            "lots",
            count=len(tender.lots),
            max=MAX_PER_LOT,
        )


def decode(data: bytes, where: str, warn: Warn) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, else Windows-1252 with a
    warning."""
    if data.startswith(b"PK\x03\x04"):
        raise error(
            where,
            "is a ZIP file (a .docx or .xlsx?), not text",
            "save the description as plain text (.txt, UTF-8) or copy it into the command",
        )
    if data.startswith(b"%PDF"):
        raise error(where, "is a PDF, not text", "copy the description into a .txt file (UTF-8)")
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            if encoding == "utf-32":
                raise error(where, "is not valid UTF-32 text (byte {byte})", "save it as UTF-8", byte=e.start) from None
            raise error(where, "is not valid UTF-16 text (byte {byte})", "save it as UTF-8", byte=e.start) from None
        if "\x00" in text:
            raise error(where, "is a binary file, not text", "save the description as plain text (UTF-8)")
        return text.lstrip("\ufeff").replace("\r\n", "\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if b"\x00" in data:
            raise error(where, "is a binary file, not text", "save the description as plain text (UTF-8)") from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise error(
                where, "is neither UTF-8 nor Windows-1252 text (byte {byte})", "save it as UTF-8", byte=e.start
            ) from None
        warn(
            Problem(
                where,
                "",
                "is not UTF-8 (byte {byte}); read it as Windows-1252",
                "save it as UTF-8 to be sure",
                byte=e.start,
            )
        )
    if "\x00" in text:
        raise error(where, "is a binary file, not text", "save the description as plain text (UTF-8)")
    return text.lstrip("\ufeff").replace("\r\n", "\n")


# --- loose fields ---------------------------------------------------------------------------------

_TYPES = {
    "works": "works",
    "work": "works",
    "werken": "works",
    "travaux": "works",
    "supplies": "supplies",
    "supply": "supplies",
    "goods": "supplies",
    "leveringen": "supplies",
    "levering": "supplies",
    "fournitures": "supplies",
    "services": "services",
    "service": "services",
    "diensten": "services",
    "dienst": "services",
}
_LANGS = {"nl": "nl", "nld": "nl", "dut": "nl", "fr": "fr", "fra": "fr", "fre": "fr", "en": "en", "eng": "en"}


def contract_type(value: Any, where: str, field: str = "type") -> str | None:
    if value in (None, ""):
        return None
    found = _TYPES.get(str(value).strip().lower())
    if found is None:
        raise error(where, "{value!r} is not a contract type", "use works, supplies or services", field, value=value)
    return found


def language(value: Any, where: str, field: str = "lang") -> str | None:
    """'nl', 'NLD', 'fr-BE' -> nl/fr/en; None when absent (the matcher detects it)."""
    if value in (None, ""):
        return None
    found = _LANGS.get(str(value).strip().lower().split("-")[0].split("_")[0])
    if found is None:
        raise error(
            where,
            "{value!r} is not a supported language",
            "use nl, fr or en, or leave it out to detect it",
            field,
            value=value,
        )
    return found


def language_or_none(value: Any) -> str | None:
    """Like `language`, but a language the matcher does not speak (German, say) gives None."""
    return _LANGS.get(str(value or "").strip().lower().split("-")[0])


def cpv_list(value: Any, where: str, warn: Warn, field: str = "cpv", *, exact: bool = False) -> list[str]:
    """CPV codes as 8 digits: accepts '77310000-6', 77310000, '7731', '45233130.0', 3311000 (a number
    that lost its leading zero: 03311000) and lists of them.

    With `exact` (a code a person typed), only 8 digits with an optional check digit: '123' is a typo,
    not the division 12000000. Anything else ('90911000 abc', '9091100012345') is refused, as a wrong
    type or language is (`cpv.parse_code`: one rule for files and --cpv)."""
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else [value]
    codes: list[str] = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("code") or item.get("id")
        try:
            code = parse_code(item, exact=exact)
        except Invalid as problem:
            raise TenderError(problem.at(where, field)) from None
        if not is_known(code):
            warn(Problem(where, field, "{code} is not in the CPV 2008 list; matched on its digits only", code=code))
        if code not in codes:
            codes.append(code)
    return codes


def amount(value: Any, where: str, field: str = "value", *, machine: bool = False) -> tuple[float | None, str | None]:
    """A number, a numeric string, or {"amount": …, "currency": …} -> (amount, currency). A string is read
    as people write amounts ('€ 1.250.000', '250 000 EUR', numbers.py), or with `machine` as XML writes
    them ('1250000.00'); one that could be a thousand times off ('250.000') is refused."""
    currency = None
    if isinstance(value, Mapping):
        currency = value.get("currency") or value.get("currencyID")
        value = value.get("amount")
    if value in (None, ""):
        return None, currency

    def not_an_amount() -> TenderError:  # made only when needed: amount() runs for every tender of a batch
        return error(where, "{value!r} is not an amount", "give a number, e.g. 250000", field, value=short_value(value))

    if isinstance(value, bool):
        raise not_an_amount()
    number: float | None
    if isinstance(value, str):
        text = value.replace("€", "").replace("EUR", "").strip()
        if machine:
            try:
                number = float(text)
            except ValueError:
                raise not_an_amount() from None
        else:
            problem = ambiguity(where, field, text, value)
            if problem:
                raise TenderError(problem)
            number = parse_number(text)
    elif isinstance(value, int | float):
        number = value
    else:
        raise not_an_amount()
    if number is None or number != number:
        raise not_an_amount()
    usable_number = usable(number)
    if usable_number is None:
        raise error(where, "is too large", "give the amount in euro, e.g. 250000", field)
    if usable_number < 0:
        raise error(where, "{value!r} is not an amount", "give a positive number", field, value=short_value(value))
    return usable_number, currency


def build(fields: Mapping[str, Any], where: str) -> Tender:
    """A validated Tender from fields a reader has already cleaned; refuses a tender with nothing to match.
    Its texts lose the characters no text may hold (characters.py): a tender's title reaches terminals."""
    fields = _printable(fields)
    try:
        tender = Tender.from_clean(fields) or Tender.model_validate(dict(fields))
    except ValidationError as e:
        problems = []
        for err in e.errors():
            loc = ".".join(str(p) for p in err["loc"])
            problems.append(validation_problem(where, loc, err))
        raise TenderError(problems) from None
    if not tender.full_text().strip() and not tender.all_cpv():
        raise error(
            where, "has no title, description or CPV code: nothing to match", "give at least a title or a description"
        )
    return tender


def _printable(fields: Mapping[str, Any]) -> Mapping[str, Any]:
    changed: dict[str, Any] = {}
    for name in ("id", "title", "description"):
        value = fields.get(name)
        if isinstance(value, str) and value != (clean := printable(value)):
            changed[name] = clean
    lots = fields.get("lots")
    if lots and any(isinstance(lot, Mapping) and _printable(lot) is not lot for lot in lots):
        changed["lots"] = [_printable(lot) if isinstance(lot, Mapping) else lot for lot in lots]
    return {**fields, **changed} if changed else fields


def text_field(value: Any, where: str, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):  # {"nl": "…", "fr": "…"}: a multilingual text, take the first one given
        for lang in ("nl", "fr", "en", *value):
            if isinstance(value.get(lang), str) and value[lang].strip():
                return str(value[lang]).strip()
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise error(where, "is {kind}, not text", "give a string", field, kind=json_kind(value))


def first(values: Iterable[Any]) -> Any:
    return next((v for v in values if v not in (None, "")), None)


def json_kind(value: Any) -> Text:
    """What a JSON value is, in JSON's words and the message's language (not Python's 'NoneType')."""
    if value is None:
        return said("null")
    if isinstance(value, bool):
        return said("true or false")
    if isinstance(value, int | float):
        return said("a number")
    if isinstance(value, str):
        return said("a string")
    return said("a list") if isinstance(value, list) else said("an object")
