"""The matcher's view of a notice: which route fits it best, which reservation route fits it best,
how well (0-100) and why. `best_route` is the one place that asks the matcher."""

from __future__ import annotations

from dataclasses import dataclass

from ..matching import Matcher
from ..matching.routes import STRONG
from ..model import Tender

# A reservation route that fits this well is an opportunity when the notice reserved nothing: the
# routes' own threshold for 'strong'.
STRONG_FIT = STRONG


@dataclass(frozen=True)
class Potential:
    """The best route for a notice and the best route that reserves (a contract, lots or execution),
    with their fits and reasons (in the notice's language, Dutch for a notice read from its CPV codes
    alone), and what they were read from: the notice's text, or its CPV codes alone ('cpv') for a
    language the matcher does not read."""

    route: str
    fit: int
    basis: str
    why: str = ""
    reservation_route: str = ""
    reservation_fit: int = 0
    reservation_why: str = ""

    @property
    def strong(self) -> bool:
        """A reservation route fits strongly."""
        return self.reservation_fit >= STRONG_FIT


def best_route(matcher: Matcher, tender: Tender, basis: str) -> Potential | None:
    routes = matcher.match_tender(tender, top=1).routes
    if not routes:
        return None
    best = routes[0]
    reserving = next((r for r in routes if r.route.reservation != "none"), None)
    if reserving is None:
        return Potential(best.id, best.fit, basis, best.why)
    return Potential(best.id, best.fit, basis, best.why, reserving.id, reserving.fit, reserving.why)
