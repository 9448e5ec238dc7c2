"""The matcher's view of a notice: which reservation route fits it, how well, and why.

Routes (issue 9) are not in the library yet; until they are, the potential is the best match among
the reserved-contract clauses (`voorbehouden-*`), whose ids stand for the routes they will become.
`best_route` is the one place that knows this.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..matching import Matcher
from ..model import Tender

# A fit from this score up is 'strong': the matcher found the purchase in the catalogue's own words
# or CPV codes for reserved contracts, not only a neighbouring sector (see docs/matching.md).
STRONG_FIT = 60
# Enough matches to reach the reserved-contract clauses behind the stronger clauses of a tender.
_TOP = 100


@dataclass(frozen=True)
class Potential:
    """The best reservation route for a notice, its fit (0-100), what it was read from (the notice's
    text, or its CPV codes alone for a language the matcher does not read) and the reasons, in English."""

    route: str
    fit: int
    basis: str
    reasons: tuple[str, ...]

    @property
    def strong(self) -> bool:
        return self.fit >= STRONG_FIT


def best_route(matcher: Matcher, tender: Tender, basis: str) -> Potential | None:
    result = matcher.match_tender(tender, top=_TOP)
    best = next((m for m in result.matches if m.clause.instrument == "reserved_contract"), None)
    if best is None:
        return None
    return Potential(best.id, best.score, basis, tuple(best.reasons_in("en")))
