"""Tender readers: plain text, JSON and JSON Lines, OCDS and eForms, behind one dispatcher.

`read_tender` reads one tender from a file, stdin ('-'), bytes or an open file. `iter_tenders`
reads many (a JSONL file, a JSON list, an OCDS package, a folder of notices) and yields each
record's number with its Tender or the TenderError that says why that record was skipped.
Bad input is always a one-line TenderError, never a traceback.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import IO, Any, NamedTuple

from ..errors import TenderError, short_value, wrong_type
from ..messages import said
from ..model import Tender
from .base import (
    MAX_BYTES,
    MAX_PACKAGE_BYTES,
    MAX_PER_LOT,
    TenderWarning,
    Warn,
    bom_encoding,
    check_lots_per_lot,
    check_not_binary,
    check_size,
    decode,
    default_warn,
    error,
    text_head,
)

FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "ocds", "eforms")
# Files taken from a folder in batch mode; anything else (a README, a PDF) is left alone.
FOLDER_SUFFIXES = (".xml", ".json", ".txt")

Source = str | os.PathLike[str] | bytes | IO[bytes] | IO[str]

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_PER_LOT",
    "Record",
    "TenderWarning",
    "check_lots_per_lot",
    "compose_tender",
    "detect_format",
    "iter_records",
    "iter_tenders",
    "parse_record",
    "parse_tender",
    "read_tender",
]


class Record(NamedTuple):
    """One tender still to be parsed: cheap to make and to send to a worker process."""

    number: int
    where: str
    fmt: str
    payload: Any


def detect_format(data: bytes, name: str = "") -> str:
    """Guess the format from the file name, else from the first characters (after a UTF-8, UTF-16 or
    UTF-32 byte order mark: a UTF-16 JSON file is JSON)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xml":
        return "eforms"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    data = text_head(data)
    head = data.lstrip(b" \t\r\n")[:1]
    if head == b"<":
        return "eforms"
    if head in (b"{", b"["):
        lines = [line for line in data.lstrip().split(b"\n", 2)[:2] if line.strip()]
        if len(lines) == 2 and lines[0].rstrip().endswith(b"}") and lines[1].lstrip().startswith(b"{"):
            return "jsonl"
        return "json"
    return "text"


def _looks_like_text(name: str) -> bool:
    """A missing 'path' that is rather a tender's text: words with spaces, no extension, no folder."""
    return " " in name.strip() and not Path(name).suffix and os.sep not in name and "/" not in name


def _read_bytes(source: Source, limit: int = MAX_BYTES) -> tuple[bytes, str]:
    """The bytes of a source and the name to show in messages."""
    if isinstance(source, bytes):
        check_size(source, "<input>", limit)
        return source, "<input>"
    if hasattr(source, "read"):
        data = source.read(limit + 1)
        name = str(getattr(source, "name", "<input>"))
        data = data.encode("utf-8") if isinstance(data, str) else data
        check_size(data, name, limit)
        return data, name
    name = os.fspath(source)
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        check_size(data, "<stdin>", limit)
        return data, "<stdin>"
    if not name.strip():
        raise error(
            repr(name),
            "is an empty path",
            "give the path of a tender file, or the tender's text as bytes (text.encode('utf-8'))",
        )
    path = Path(name)
    if path.is_dir():
        raise error(name, "is a folder", "pass one file, or match the whole folder with --batch")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        if _looks_like_text(name):
            raise error(
                short_value(name),
                "is no file: a string is read as a path",
                "give the tender's text as bytes (text.encode('utf-8')), or check the path",
            ) from None
        raise error(name, "does not exist", "check the path") from None
    except OSError as e:
        raise error(name, "cannot be read: {reason}", reason=e.strerror) from None
    check_size(data, name, limit)
    return data, name


def _check_format(fmt: str | None) -> None:
    if fmt not in (None, "auto", *FORMATS):
        raise error(str(fmt), "is not a tender format", "use one of {known}", known=", ".join(FORMATS))


def read_tender(
    source: Source, fmt: str | None = None, *, warn: Warn | None = None, source_name: str | None = None
) -> Tender:
    """Read one tender from a path, '-' (stdin), bytes or an open file. `fmt` None guesses the format
    (from `source_name` or the path's extension, then the content); `source_name` names it in messages."""
    if isinstance(source, bytearray | memoryview):
        source = bytes(source)
    if not isinstance(source, str | os.PathLike | bytes) and not hasattr(source, "read"):
        raise wrong_type(
            "read_tender", "source", source, said("a path, '-' (stdin), bytes or an open binary file"), TenderError
        )
    if warn is not None and not callable(warn):
        raise wrong_type("read_tender", "warn", warn, said("a function that takes a Problem, or None"), TenderError)
    if source_name is not None and not isinstance(source_name, str):
        raise wrong_type("read_tender", "source_name", source_name, said("a text (str) or None"), TenderError)
    _check_format(fmt)
    data, where = _read_bytes(source)
    if source_name and source_name != "-":
        where = source_name
    return parse_tender(data, fmt, where=where, warn=warn, name=where)


def parse_tender(
    data: bytes | str, fmt: str | None = None, *, where: str = "<input>", warn: Warn | None = None, name: str = ""
) -> Tender:
    """Parse one tender from its content."""
    _check_format(fmt)
    warn = warn or default_warn
    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_size(raw, where)
    if fmt in (None, "auto"):
        fmt = detect_format(raw, name)
    if fmt == "eforms":
        from .eforms import read_eforms

        return read_eforms(raw, where, warn)
    text = decode(raw, where, warn)
    if fmt == "text":
        from .text import read_text

        return read_text(text, where, warn)
    if not text.strip():
        raise error(where, "is empty", "give a tender as JSON")
    from .jsonl import loads, read_json
    from .ocds import is_ocds, read_ocds

    if fmt == "jsonl":
        lines = [line for line in text.split("\n") if line.strip()]
        if len(lines) > 1:
            raise error(where, "holds {count} tenders", "match them with --batch", count=len(lines))
        return read_json(lines[0], where, warn)
    parsed = loads(text, where)
    if fmt == "ocds" or is_ocds(parsed):
        if not is_ocds(parsed):
            raise error(where, "is not OCDS (no releases, records or ocid)", "give an OCDS release or package")
        return read_ocds(parsed, where, warn)
    from .jsonl import tender_from_dict

    if isinstance(parsed, list):
        if len(parsed) != 1:
            raise error(where, "holds {count} tenders", "match them with --batch", count=len(parsed))
        parsed = parsed[0]
    return tender_from_dict(parsed, where, warn)


def compose_tender(
    text: str | None = None,
    *,
    source: Source | None = None,
    fmt: str | None = None,
    title: str | None = None,
    cpv: Iterable[str] = (),
    type: str | None = None,
    lang: str | None = None,
    warn: Warn | None = None,
    source_name: str | None = None,
) -> Tender:
    """A tender from a text or a source, with separately given fields laid over it (what the CLI's
    TEXT, --file, --title, --cpv, --type and --lang options say). Given CPV codes are added;
    `source_name` names the source in messages (an uploaded file's name)."""
    from .base import build, contract_type, cpv_list, language

    warn = warn or default_warn
    if text is not None and source is not None:
        raise error("TEXT", "and a file were both given", "give the tender one way")
    if source is not None:
        tender = read_tender(source, fmt, warn=warn, source_name=source_name)
    elif text is not None and "\x00" in text:
        raise error("<text>", "holds a NUL character", "remove it: a tender text is plain text")
    elif text is not None and text.strip():
        tender = parse_tender(text, fmt or "text", where="<text>", warn=warn)
    elif text is not None and not title and not cpv:
        raise error("<text>", "is empty", "give a title or a description of the purchase")
    else:
        tender = Tender.from_clean({}) or Tender()
    where = "<options>"
    fields = dict(tender)  # the fields as they are (model_dump would build the serializer: slow at start)
    if title:
        fields["title"] = title.strip()
    fields["cpv"] = list(dict.fromkeys([*tender.cpv, *cpv_list(list(cpv), where, warn, "--cpv", exact=True)]))
    if type:
        fields["type"] = contract_type(type, where, "--type")
    if lang:
        fields["lang"] = language(lang, where, "--lang")
    return build(fields, where)


# --- many tenders ----------------------------------------------------------------------------------


def iter_records(source: str | os.PathLike[str], fmt: str | None = None) -> Iterator[Record]:
    """The records of a batch source, unparsed. A source that cannot be read at all raises TenderError.

    JSONL is streamed line by line, numbered by line; a JSON list or an OCDS package by position; a
    folder by its files (.xml, .json, .txt) in name order; plain text has one tender per line. '-' reads
    stdin: as `fmt` says, else a JSON list, an OCDS package (an object with releases or records) or
    eForms XML when its first line says so, else JSONL. A source that is clearly binary is refused
    once; a UTF-16 or UTF-32 source (with its byte order mark) is read whole and decoded once.
    """
    _check_format(fmt)
    fmt = None if fmt == "auto" else fmt
    name = os.fspath(source)
    if name == "-":
        yield from _stream_records(sys.stdin.buffer, "<stdin>", fmt, stdin=True)
        return
    path = Path(name)
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES and not p.name.startswith(".")
        )
        if not files:
            raise error(name, "holds no .xml, .json or .txt files", "put one notice per file in the folder")
        for n, file in enumerate(files, start=1):
            yield Record(n, str(file), fmt or "auto", file)
        return
    try:
        f = path.open("rb")
    except FileNotFoundError:
        raise error(name, "does not exist", "check the path") from None
    except OSError as e:
        raise error(name, "cannot be read: {reason}", reason=e.strerror) from None
    with f:
        yield from _stream_records(f, name, fmt)


def _stream_records(f: IO[bytes], name: str, fmt: str | None, *, stdin: bool = False) -> Iterator[Record]:
    """The records of an open source, read once from its start (a pipe cannot go back)."""
    pipe = stdin and not _seekable(f)
    if pipe:
        # A pipe: up to the first line that is not blank, enough to tell a JSON document from JSON
        # lines, without waiting for more of a stream that a slow producer writes line by line.
        head = b""
        while not head.strip() and (line := f.readline(MAX_PACKAGE_BYTES)):
            head += line
    else:  # a file, or stdin redirected from one: a block, to tell text from a binary
        head = f.read(4096)
        # The first two lines tell JSONL from JSON, however long the first is.
        while head.count(b"\n") < 2 and len(head) <= MAX_PACKAGE_BYTES and (more := f.readline(MAX_PACKAGE_BYTES)):
            head += more
    if bom_encoding(head) is not None:
        # UTF-16 or UTF-32 (what Windows PowerShell writes): its lines cannot be split as bytes, so the
        # source is read whole (up to the package limit) and decoded once.
        data = head + f.read(max(0, MAX_PACKAGE_BYTES + 1 - len(head)))
        check_size(data, name, MAX_PACKAGE_BYTES)
        text = decode(data, name, default_warn)
        utf8 = text.encode("utf-8")
        kind = fmt or (_stdin_kind(utf8) if stdin else detect_format(utf8, name))
        if kind in ("jsonl", "text"):
            yield from _lines(io.BytesIO(utf8), name, kind)
            return
        yield from _document(data, name, kind)
        return
    check_not_binary(head, name)
    kind = fmt or (_stdin_kind(head) if stdin else detect_format(head, name))
    if kind in ("jsonl", "text"):
        # Go on from the head already read (its last line completed first).
        rest = b"" if pipe else f.readline()
        yield from _lines(chain(io.BytesIO(head + rest), f), name, kind)
        return
    data = head + f.read(max(0, MAX_PACKAGE_BYTES + 1 - len(head)))
    yield from _document(data, name, kind)


def _seekable(f: IO[bytes]) -> bool:
    try:
        return f.seekable()
    except (OSError, ValueError):
        return False


def _stdin_kind(head: bytes) -> str:
    """The format of stdin from its first line that is not blank: '[' a JSON list, '<' eForms XML, an
    object that does not end on its line or that holds releases or records a JSON document (OCDS);
    else JSON lines."""
    text = next((line.strip() for line in text_head(head).split(b"\n") if line.strip()), b"")
    if text.startswith(b"<"):
        return "eforms"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        import json

        try:
            first = json.loads(text)
        except (ValueError, RecursionError):
            return "json"  # an object written over several lines (or a bad line: said once, for the whole)
        if isinstance(first, dict) and ("releases" in first or "records" in first):
            return "json"
    return "jsonl"


def _document(data: bytes, name: str, kind: str) -> Iterator[Record]:
    """The records of a source read whole: eForms XML, a JSON list, an OCDS package or one object."""
    check_size(data, name, MAX_PACKAGE_BYTES)
    if kind == "eforms":
        yield Record(1, name, "eforms", data)
        return
    from .jsonl import loads
    from .ocds import is_ocds, releases

    parsed = loads(decode(data, name, default_warn), name)
    if kind == "ocds" or is_ocds(parsed):
        if not is_ocds(parsed):
            raise error(name, "is not OCDS (no releases, records or ocid)", "give an OCDS release or package")
        for n, release in releases(parsed, name):
            yield Record(n, f"{name}: release {n}", "ocds-release", release)
    elif isinstance(parsed, list):
        for n, item in enumerate(parsed, start=1):
            yield Record(n, f"{name}: item {n}", "object", item)
    else:
        yield Record(1, name, "object", parsed)


def _lines(lines: Iterable[bytes], name: str, fmt: str) -> Iterator[Record]:
    for n, line in enumerate(lines, start=1):
        if line.strip():
            yield Record(n, f"{name}:{n}", fmt, line)


def parse_record(record: Record, warn: Warn | None = None) -> Tender:
    """Parse one record from `iter_records`; raises TenderError when it is bad."""
    warn = warn or default_warn
    if record.fmt == "ocds-release":
        from .ocds import tender_from_release

        return tender_from_release(record.payload, record.where, warn)
    if record.fmt == "object":
        from .jsonl import tender_from_dict

        return tender_from_dict(record.payload, record.where, warn)
    if isinstance(record.payload, Path):
        return read_tender(record.payload, None if record.fmt == "auto" else record.fmt, warn=warn)
    payload: bytes = record.payload
    if len(payload) > MAX_BYTES:
        raise error(record.where, "is larger than {mb} MB", "shorten this record", mb=MAX_BYTES // (1024 * 1024))
    if record.fmt == "text":
        from .text import read_text

        return read_text(decode(payload, record.where, warn), record.where, warn)
    return parse_tender(payload, "json" if record.fmt == "jsonl" else record.fmt, where=record.where, warn=warn)


def iter_tenders(
    source: str | os.PathLike[str], fmt: str | None = None, *, warn: Warn | None = None
) -> Iterator[tuple[int, Tender | TenderError]]:
    """(record number, Tender or the TenderError that skips it) for every record of a batch source."""
    for record in iter_records(source, fmt):
        try:
            yield record.number, parse_record(record, warn)
        except TenderError as e:
            yield record.number, e
