"""Match a tender to clauses: an index over the catalogue, a score from 0 to 100, and the reasons why.

A clause collects points from five signals (the weights are the `W_*` constants below):

1. its keywords (nl, fr and en) found in the tender, as phrases, as the parts of a Dutch compound,
   or through a typo; each weighted by how specific the words are (rare in the CPV labels: specific);
2. words of its title and summary (weighted by how few clauses share them);
3. sector profiles: a tender that matches a sector's keywords or CPV codes brings the sector's
   recommended clauses, with a weight that decays with their rank in the sector's list;
4. CPV affinity between the tender's codes and the clause's own codes, along the CPV tree;
5. contract type: training clauses suit works; a reserved contract suits a sector where the social
   economy is active; a clause not meant for the tender's contract type keeps only part of its points.

The points saturate into a score: 100 · (1 − e^(−points / K)). The score does not depend on the other
clauses or on the other tenders, so 60 means the same in every run. Reasons are written in the
tender's language (nl, fr or en) and quote the catalogue's keywords (and the tender's word where it
had a typo).
"""

from .index import Index, Lexicon, build_index
from .load import matcher_for
from .matcher import Matcher
from .reasons import Reason
from .results import LotResult, Match, MatchResult
from .routes import RouteClause, RouteMatch, rank_routes

__all__ = [
    "Index",
    "Lexicon",
    "LotResult",
    "Match",
    "MatchResult",
    "Matcher",
    "Reason",
    "RouteClause",
    "RouteMatch",
    "build_index",
    "matcher_for",
    "rank_routes",
]
