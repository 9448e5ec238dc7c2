"""Match many tenders: stream records from a batch source, match them (on several cores if asked),
and yield one result per record, in input order. A bad record becomes an error result; the run goes on."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .errors import Problem, TenderError
from .processes import in_pool
from .readers import Record, check_lots_per_lot, iter_records, parse_record
from .schema_versions import MATCH_SCHEMA_VERSION

CHUNK = 64  # records per task sent to a worker: large enough to amortise the pickling
_SENT = object()  # see BatchResult.ok


@dataclass(frozen=True)
class BatchResult:
    """One record's outcome: its matches as JSON-ready dicts, or the lines of the error that skipped it."""

    number: int
    where: str
    id: str | None
    matches: list[dict[str, Any]] | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    lots: list[dict[str, Any]] | None = None  # with per_lot: each lot's matches
    routes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        # A result from a worker holds its matches as its JSON line until they are read (see __getstate__).
        return self.__dict__.get("matches", _SENT) is not None

    def to_json(self) -> str:
        """The JSON line of the batch output, without its newline (made once: a worker sends it ready)."""
        line = self.__dict__.get("_json")
        if line is None:
            line = json.dumps(self.to_dict(), ensure_ascii=False)
            object.__setattr__(self, "_json", line)
        return line

    def __getstate__(self) -> dict[str, Any]:
        # Sent from a worker as its JSON line: a string pickles and unpickles much faster than the
        # dicts of its matches and routes, which the receiving side makes again only if it reads them.
        state = dict(self.__dict__)
        if self.ok:
            state["_json"] = self.to_json()
            del state["matches"], state["routes"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        # Only reached for an attribute that is not set: the matches and routes of a result sent as a line.
        line = self.__dict__.get("_json")
        if name not in ("matches", "routes") or line is None:
            raise AttributeError(name)
        data = json.loads(line)
        object.__setattr__(self, "matches", data["matches"])
        object.__setattr__(self, "routes", data["routes"])
        return self.__dict__[name]

    def to_dict(self) -> dict[str, Any]:
        """The JSON line of the batch output (see docs/matching.md)."""
        data = {
            "schema_version": MATCH_SCHEMA_VERSION,
            "id": self.id,
            "record": self.number,
            "routes": self.routes,
            "matches": self.matches,
        }
        if self.lots:
            data["lots"] = self.lots
        return data


# The matcher of a worker process, set once by `_init`, and the catalogue it was loaded from.
_MATCHER: Any = None
_LOADED_FROM: tuple[str | None] | None = None


def _loaded_from(catalogue_path: str | None) -> None:
    global _LOADED_FROM
    _LOADED_FROM = (catalogue_path,)


def _init(catalogue_path: str | None) -> None:
    global _MATCHER
    import gc

    if _MATCHER is not None and (catalogue_path,) == _LOADED_FROM:
        return  # a forked worker: the parent loaded the matcher before the fork
    from .catalogue import Catalogue
    from .matching import matcher_for

    _MATCHER = matcher_for(Catalogue.load(catalogue_path))
    _loaded_from(catalogue_path)
    # The process lives for the batch: keep the garbage collector from walking the catalogue and the
    # index on every full collection (a pause of tens of milliseconds each). The lexicon, loaded later
    # if a tender needs it, is frozen too (matching/load.py).
    gc.freeze()


def _run(records: list[Record], top: int, lang: str | None, per_lot: bool = False) -> list[BatchResult]:
    results = []
    for record in records:
        warnings: list[Problem] = []
        try:
            tender = parse_record(record, warnings.append)
            if lang is not None:
                tender = tender.model_copy(update={"lang": lang})
            if per_lot:
                check_lots_per_lot(tender, record.where)
            found = _MATCHER.match_tender(tender, top, per_lot)
        except TenderError as e:
            results.append(BatchResult(record.number, record.where, None, None, e.problems, warnings))
            continue
        tender_id = tender.id if tender.id is not None else None
        matches = [m.to_dict(lang) for m in found.matches]
        lots = [lot.to_dict(lang) for lot in found.lots] if per_lot else None
        routes = [r.to_dict(lang) for r in found.routes]
        results.append(BatchResult(record.number, record.where, tender_id, matches, [], warnings, lots, routes))
    return results


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def match_batch(
    source: str | os.PathLike[str],
    *,
    catalogue_path: str | None = None,
    fmt: str | None = None,
    top: int = 5,
    lang: str | None = None,
    workers: int = 1,
    per_lot: bool = False,
) -> Iterator[BatchResult]:
    """Match every record of `source` (JSONL file or '-', JSON list, OCDS package, folder of notices).

    `lang` forces the tenders' language (else each is detected). Results come in input order. `workers` > 1 matches on that many processes; each loads the
    catalogue's cached index once. A source that cannot be read at all raises TenderError.
    """
    records = iter_records(source, fmt)
    first = next(records, None)  # read errors of the source itself surface here, before any worker starts
    if first is None:
        return
    stream = _prepend(first, records)
    _init(catalogue_path)
    if workers <= 1:
        for chunk in _chunks(stream, CHUNK):
            yield from _run(chunk, top, lang, per_lot)
        return
    import multiprocessing

    # Where processes fork, the workers start with the matcher this process has just loaded (its pages
    # shared, frozen out of the collector's way); elsewhere each worker loads it from the cache. What
    # most batches come to need (the lexicon, the typo matcher) is loaded here once, not in every worker.
    if multiprocessing.get_start_method() == "fork":
        _MATCHER.warm()
    chunks = _chunks(stream, CHUNK)
    for results in in_pool(chunks, _run, (top, lang, per_lot), workers, _init, (catalogue_path,)):
        yield from results


def _prepend(first: Record, rest: Iterator[Record]) -> Iterator[Record]:
    yield first
    yield from rest


def count_records(source: str | os.PathLike[str]) -> int | None:
    """How many records a source holds, when that is cheap to know (for a progress bar); else None."""
    from pathlib import Path

    path = Path(source)
    # Not '-', nor a named pipe: counting would read (and so take away) the tenders themselves.
    if str(source) == "-" or not (path.is_file() or path.is_dir()):
        return None
    if path.is_dir():
        from .readers import FOLDER_SUFFIXES

        return sum(1 for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
    if path.suffix.lower() in (".jsonl", ".ndjson", ".txt"):
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    return None
