"""One item in, its notices out: read each notice with the reader of its format, keep it or filter it
out, and ask the matcher for its potential. This is the function the engines run on each chunk."""

from __future__ import annotations

import dataclasses
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
        """A reservation route fits strongly, but the buyer reserved nothing."""
        declared = self.notice.declared
        return (
            self.potential is not None
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


def notices(item: Item) -> list[tuple[str, NoticeFacts]]:
    """The notices of one item; raises TenderError when the item cannot be read."""
    if item.kind == "xml":
        from ..readers.eforms import parse_xml, read_eforms_notice
        from ..readers.ted import is_ted, read_ted_notice

        root = parse_xml(item.payload, item.where)
        reader = read_ted_notice if is_ted(root) else read_eforms_notice
        return [(item.where, reader(root, item.where, _quiet))]
    from ..readers.base import decode
    from ..readers.jsonl import loads
    from ..readers.ocds import is_ocds, release_notice, releases

    text = decode(item.payload, item.where, _quiet)
    documents: list[tuple[str, Any]] = []
    if item.kind == "jsonl":
        documents = [(f"{item.where}:{n}", line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    else:
        documents = [(item.where, text)]
    found = []
    for where, document in documents:
        parsed = loads(document, where)
        if not is_ocds(parsed):
            raise TenderError(
                Problem(
                    where,
                    "",
                    "is JSON but not OCDS (no releases, records or ocid)",
                    "give OCDS releases, records or packages",
                )
            )
        for n, release in releases(parsed, where):
            at = where if n == 1 and "releases" not in parsed and "records" not in parsed else f"{where}: release {n}"
            found.append((at, release_notice(release, at, _quiet)))
    return found


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
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as e:
            # A notice shaped in a way no reader foresaw: one line, and the run goes on over the
            # millions of others.
            problem = Problem(
                item.where,
                "",
                "could not be read ({kind}: {reason})",
                "please report this notice",
                kind=type(e).__name__,
                reason=e,
            )
            outcomes.append(Skipped(item.where, (problem,)))
            continue
        for where, notice in found:
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
