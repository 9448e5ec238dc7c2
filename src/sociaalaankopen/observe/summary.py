"""Aggregate notices into summary.json, one notice at a time, in memory that does not grow with them.

Counts per year, country, CPV division, contract nature and kind are bounded by their vocabularies.
Buyers are not: the table keeps the busiest `BUYERS_KEPT` and prunes the rest when it doubles (exact
while a run has fewer buyers than that, the heavy hitters after). Opportunities are counted; the
report lists the `OPPORTUNITIES_KEPT` with the best fit.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from ..schema_versions import OBSERVE_SCHEMA_VERSION
from ..vocab import DECLARED_CODE_IDS
from .extract import Observed, Skipped
from .potential import STRONG_FIT

BUYERS_KEPT = 10_000
OPPORTUNITIES_KEPT = 50
SKIPPED_KEPT = 20


@dataclass
class Group:
    """The counts of one year, country, buyer …: notices, those whose form can declare a reservation,
    those that declared something, and values. Shares are of the notices that can declare."""

    notices: int = 0
    can_declare: int = 0
    declared: int = 0
    codes: dict[str, int] = field(default_factory=dict)
    value_eur: float = 0.0
    can_declare_value_eur: float = 0.0
    declared_value_eur: float = 0.0
    opportunities: int = 0

    def add(self, item: Observed) -> None:
        codes = item.notice.declared
        can_declare = item.notice.can_declare
        self.notices += 1
        self.can_declare += can_declare
        self.declared += bool(codes)
        for code in codes:
            self.codes[code] = self.codes.get(code, 0) + 1
        self.opportunities += item.opportunity
        notice = item.notice
        if notice.value is not None and notice.currency == "EUR":
            self.value_eur += notice.value
            if can_declare:
                self.can_declare_value_eur += notice.value
            if codes:
                self.declared_value_eur += notice.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "notices": self.notices,
            "can_declare": self.can_declare,
            "declared": self.declared,
            "codes": {code: self.codes[code] for code in DECLARED_CODE_IDS if code in self.codes},
            "value_eur": round(self.value_eur, 2),
            "can_declare_value_eur": round(self.can_declare_value_eur, 2),
            "declared_value_eur": round(self.declared_value_eur, 2),
            "opportunities": self.opportunities,
        }


DIMENSIONS = ("by_year", "by_country", "by_cpv_division", "by_nature", "by_kind", "by_language")


def _keys(item: Observed) -> dict[str, str]:
    notice = item.notice
    return {
        "by_year": notice.published[:4] or "unknown",
        "by_country": notice.country or "unknown",
        "by_cpv_division": notice.cpv_main[:2] or "unknown",
        "by_nature": notice.nature or "unknown",
        "by_kind": notice.kind,
        "by_language": notice.lang or "unknown",
    }


class Summary:
    """What summary.json says, built up notice by notice."""

    def __init__(self) -> None:
        self.total = Group()
        self.skipped = 0
        self.skipped_first: list[dict[str, Any]] = []  # the first SKIPPED_KEPT, with their lines
        self.filtered = 0
        self.social_objectives: dict[str, int] = {}
        self.groups: dict[str, dict[str, Group]] = {name: {} for name in DIMENSIONS}
        self.buyers: dict[str, Group] = {}
        self.potential = {"text": 0, "cpv": 0, "none": 0}
        self.routes: dict[str, int] = {}
        self.best_routes: dict[str, int] = {}
        self.opportunities: int = 0
        self._best: list[tuple[int, str, str, int, dict[str, Any]]] = []  # a min-heap of the best opportunities

    def add(self, item: Observed) -> None:
        self.total.add(item)
        for name, key in _keys(item).items():
            self.groups[name].setdefault(key, Group()).add(item)
        for code in item.notice.social_objectives:
            self.social_objectives[code] = self.social_objectives.get(code, 0) + 1
        self._buyer(item)
        potential = item.potential
        self.potential[potential.basis if potential else "none"] += 1
        if potential is not None:
            self.best_routes[potential.route] = self.best_routes.get(potential.route, 0) + 1
        if potential is not None and potential.strong:
            self.routes[potential.reservation_route] = self.routes.get(potential.reservation_route, 0) + 1
        if item.opportunity and potential is not None:
            self.opportunities += 1
            # Best fit first, then the newest, then the id, then the first seen: a total order, so every run
            # keeps the same ones.
            entry = (
                potential.reservation_fit,
                item.notice.published,
                item.notice.id,
                -self.opportunities,
                _opportunity(item),
            )
            if len(self._best) < OPPORTUNITIES_KEPT:
                heapq.heappush(self._best, entry)
            elif entry[:4] > self._best[0][:4]:
                heapq.heapreplace(self._best, entry)

    def skip(self, item: Skipped) -> None:
        """A notice (or an input) that could not be read or came twice: counted, and the first ones kept
        with what was wrong, so that the report can say which files it is missing."""
        self.skipped += 1
        if len(self.skipped_first) < SKIPPED_KEPT:
            lines = {lang: [line.removeprefix(f"{item.where}: ") for line in item.lines(lang)] for lang in ("nl", "en")}
            self.skipped_first.append({"where": item.where, "lines": lines})

    def _buyer(self, item: Observed) -> None:
        name = " ".join(item.notice.buyer.split())
        if not name:
            return
        key = f"{name} ({item.notice.country})" if item.notice.country else name
        self.buyers.setdefault(key, Group()).add(item)
        if len(self.buyers) > 2 * BUYERS_KEPT:
            kept = sorted(self.buyers.items(), key=lambda kv: (-kv[1].notices, kv[0]))[:BUYERS_KEPT]
            self.buyers = dict(kept)

    def to_dict(self, filters: dict[str, Any] | None = None) -> dict[str, Any]:
        total = self.total
        declared = {code: total.codes.get(code, 0) for code in DECLARED_CODE_IDS}
        declared["any"] = total.declared
        buyers = sorted(self.buyers.items(), key=lambda kv: (-kv[1].notices, kv[0]))[:20]
        best = sorted(self._best, key=lambda e: e[:4], reverse=True)
        return {
            "schema_version": OBSERVE_SCHEMA_VERSION,
            "notices": total.notices,
            "can_declare": total.can_declare,
            "skipped": self.skipped,
            "skipped_first": self.skipped_first,
            "filtered_out": self.filtered,
            "filters": filters or {},
            "declared": declared,
            "social_objectives": dict(sorted(self.social_objectives.items())),
            "value_eur": round(total.value_eur, 2),
            "can_declare_value_eur": round(total.can_declare_value_eur, 2),
            "declared_value_eur": round(total.declared_value_eur, 2),
            **{name: {key: group.to_dict() for key, group in sorted(self.groups[name].items())} for name in DIMENSIONS},
            "by_buyer": {key: group.to_dict() for key, group in buyers},
            "potential": {
                "strong_fit": STRONG_FIT,
                "basis": dict(self.potential),
                "best_route": dict(sorted(self.best_routes.items())),
                "strong_reservation_route": dict(sorted(self.routes.items())),
            },
            "opportunities": self.opportunities,
            "top_opportunities": [entry[4] for entry in best],
        }


def _opportunity(item: Observed) -> dict[str, Any]:
    notice, potential = item.notice, item.potential
    assert potential is not None
    return {
        "id": notice.id,
        "published": notice.published,
        "buyer": notice.buyer,
        "country": notice.country,
        "title": notice.title,
        "cpv": notice.cpv_main,
        "route": potential.reservation_route,
        "fit": potential.reservation_fit,
        "basis": potential.basis,
        "why": potential.reservation_why,
        "declared": list(notice.declared),
    }
