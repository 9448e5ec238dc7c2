"""One item in, its notices out: read each notice with the reader of its format, keep it or filter it
out, and ask the matcher for its potential. This is the function the engines run on each chunk."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Problem, TenderError
from ..readers.notice import NoticeFacts
from ..vocab import RESERVATION_CODE_IDS
from .filters import Filters
from .inputs import Item
from .potential import Potential, best_route


@dataclass(frozen=True)
class Observed:
    """A notice that was read and kept, with the matcher's potential (None: no route fits at all)."""

    where: str
    notice: NoticeFacts
    potential: Potential | None

    @property
    def opportunity(self) -> bool:
        """A reservation route fits strongly, but the buyer reserved nothing where the form could say so."""
        declared = self.notice.declared
        return (
            self.notice.can_declare
            and self.potential is not None
            and self.potential.strong
            and not any(c in declared for c in RESERVATION_CODE_IDS)
        )


@dataclass(frozen=True)
class Skipped:
    where: str
    problems: tuple[Problem, ...]

    def lines(self, lang: str = "en") -> list[str]:
        """One line per problem, in `lang`."""
        return [p.text(lang) for p in self.problems]


@dataclass(frozen=True)
class Filtered:
    where: str


Outcome = Observed | Skipped | Filtered


def _quiet(problem: Problem) -> None:
    """Reader warnings (a CPV code missing from the 2008 list) are noise over millions of notices."""


# What a reader may raise on a notice shaped in a way it did not foresee (a bug to report, not a crash).
UNFORESEEN = (ValueError, TypeError, AttributeError, KeyError, IndexError)

# One notice of an item, or the problems of the part of it (a line of JSON Lines) that could not be read.
Found = tuple[str, NoticeFacts | tuple[Problem, ...]]


def _unforeseen(where: str, e: Exception) -> Problem:
    return Problem(
        where,
        "",
        "could not be read ({kind}: {reason})",
        "please report this notice",
        kind=type(e).__name__,
        reason=e,
    )


def _not_ocds(where: str) -> TenderError:
    return TenderError(
        Problem(
            where,
            "",
            "is JSON but not OCDS (no releases, records or ocid)",
            "give OCDS releases, records or packages",
        )
    )


def _tidy(notice: NoticeFacts) -> NoticeFacts:
    """The facts every output shows the same way: a buyer's name on one line with single spaces (TED
    XML breaks and indents long names), so that notices.csv and summary.json count one buyer once."""
    buyer = " ".join(notice.buyer.split())
    return notice if buyer == notice.buyer else dataclasses.replace(notice, buyer=buyer)


def notices(item: Item) -> list[Found]:
    """The notices of one item, each with where it is; raises TenderError when the item cannot be read.

    JSON Lines are read line by line: a line that cannot be read is one entry with its problems (its line
    number in `where`), and the other lines' notices are kept."""
    if item.kind == "xml":
        from ..readers.eforms import parse_xml, read_eforms_notice
        from ..readers.ted import is_ted, read_ted_notice

        root = parse_xml(item.payload, item.where)
        reader = read_ted_notice if is_ted(root) else read_eforms_notice
        return [(item.where, reader(root, item.where, _quiet))]
    from ..readers.base import decode
    from ..readers.jsonl import loads
    from ..readers.ocds import is_ocds

    text = decode(item.payload, item.where, _quiet)
    if item.kind == "jsonl":
        return _json_lines(text, item.where)
    parsed = loads(text, item.where)
    if not is_ocds(parsed):
        raise _not_ocds(item.where)
    return [(where, notice) for _, where, notice in _document(parsed, item.where)]


def _document(parsed: Any, where: str) -> list[tuple[int, str, NoticeFacts]]:
    """The notices of one OCDS document (a package, a record or a release): (number, where, facts)."""
    from ..readers.ocds import release_notice, releases

    found = []
    for n, release in releases(parsed, where):
        at = where if n == 1 and "releases" not in parsed and "records" not in parsed else f"{where}: release {n}"
        found.append((n, at, release_notice(release, at, _quiet)))
    return found


def _bare_release(parsed: Any) -> bool:
    """A release on its own (not a package or a record): the lines that are merged by ocid."""
    return (
        isinstance(parsed, Mapping)
        and "ocid" in parsed
        and not any(key in parsed for key in ("releases", "records", "compiledRelease"))
    )


def _json_lines(text: str, where: str) -> list[Found]:
    """One notice per contracting process, as in a release package: the releases of one ocid (a tender
    release, then an award release …) are one notice, read from its releases merged in date order
    (readers/ocds.py `compiled`). Packages and records on a line are read as they are. In the order of the lines."""
    from ..readers.jsonl import loads
    from ..readers.ocds import is_ocds, release_notice, releases

    entries: list[tuple[int, int, Found]] = []  # (line, number within the line, entry), to sort by
    # ocid (a release without one: its line alone) -> the process's (line, release)
    processes: dict[tuple[str, int], list[tuple[int, Mapping[str, Any]]]] = {}
    for line, document in enumerate(text.split("\n"), start=1):
        if not document.strip():
            continue
        at = f"{where}:{line}"
        try:
            parsed = loads(document, at)
            if _bare_release(parsed):
                ocid = parsed["ocid"]
                processes.setdefault((str(ocid), 0) if ocid else ("", line), []).append((line, parsed))
                continue
            if not is_ocds(parsed):
                raise _not_ocds(at)
            entries += [(line, n, (place, notice)) for n, place, notice in _document(parsed, at)]
        except TenderError as e:
            entries.append((line, 0, (at, tuple(e.problems))))
        except UNFORESEEN as e:
            entries.append((line, 0, (at, (_unforeseen(at, e),))))
    for group in processes.values():
        first = f"{where}:{group[0][0]}"
        try:
            # The rule of a release package (readers/ocds.py): the releases merged, numbered by the latest
            # release with a tender section.
            ((n, release),) = list(releases({"releases": [release for _, release in group]}, first))
            line = group[n - 1][0]
            at = f"{where}:{line}"
            entries.append((line, 0, (at, release_notice(release, at, _quiet))))
        except TenderError as e:
            entries.append((group[0][0], 0, (first, tuple(e.problems))))
        except UNFORESEEN as e:
            entries.append((group[0][0], 0, (first, (_unforeseen(first, e),))))
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


# The matcher of this process, per catalogue: loaded once, on the first chunk a worker gets.
_MATCHERS: dict[str | None, Any] = {}


def _matcher(catalogue_path: str | None) -> Any:
    if catalogue_path not in _MATCHERS:
        from ..catalogue import Catalogue
        from ..matching import matcher_for

        _MATCHERS[catalogue_path] = matcher_for(Catalogue.load(catalogue_path))
        # Parsing allocates hundreds of elements per notice; keep the collector from walking the
        # matcher's index on every full collection (see benchmarks/match_speed.py).
        import gc

        gc.freeze()
    return _MATCHERS[catalogue_path]


def observe_chunk(items: list[Item], catalogue_path: str | None, filters: Filters) -> list[Outcome]:
    """The outcomes of a chunk of items, in order: what every engine runs, locally or on a cluster."""
    outcomes: list[Outcome] = []
    for item in items:
        if item.kind == "error":
            outcomes.append(Skipped(item.where, (item.payload,)))
            continue
        try:
            found = notices(item)
        except TenderError as e:
            outcomes.append(Skipped(item.where, tuple(e.problems)))
            continue
        except UNFORESEEN as e:
            # A notice shaped in a way no reader foresaw: one line, and the run goes on over the
            # millions of others.
            outcomes.append(Skipped(item.where, (_unforeseen(item.where, e),)))
            continue
        for where, read in found:
            if not isinstance(read, NoticeFacts):
                outcomes.append(Skipped(where, read))
                continue
            notice = _tidy(read)
            if not filters.keep(notice):
                outcomes.append(Filtered(where))
                continue
            potential = None
            if notice.tender is not None:
                basis = "text" if notice.lang in ("nl", "fr", "en") and notice.tender.full_text().strip() else "cpv"
                potential = best_route(_matcher(catalogue_path), notice.tender, basis)
            # The tender stays behind: the notice's facts are all the aggregation and the CSV need.
            outcomes.append(Observed(where, dataclasses.replace(notice, tender=None), potential))
    return outcomes
