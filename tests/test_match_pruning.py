"""Pruned scoring gives the answers of scoring every candidate (prune.py), and so does evidence collected
in bulk (bulk.py, for large catalogues).

The matcher scores exactly only the clauses that can be among the best k or that the routes read, and
bounds the others; `ranked` scores the rest when read. Each tender is matched both ways and compared:
the best k with their reasons, the routes with their clauses, and the full ranking. On the dev set
(bundled catalogue) and on a synthetic catalogue built as benchmarks/match_speed.py builds it, given
the bundled routes so that optional and cross-cutting clauses join them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sociaalaankopen import Catalogue, Tender
from sociaalaankopen.matching import Matcher, build_index, matcher_for
from sociaalaankopen.matching.matcher import BULK_FROM, PRUNE_FROM
from test_match_structures import _benchmark, _dev_tenders


def answers(matcher: Matcher, tender: Tender, top: int, prune: bool, bulk: bool = False) -> dict[str, Any]:
    """Everything a result says, read in the order callers read it: the matches and routes first (before
    anything reads the full ranking), then the full ranking, then a ranking read by id only. `bulk`: the
    evidence is collected in bulk, however few the clauses."""
    matcher.prune = prune
    matcher.prune_from = 0  # prune however few the candidates
    matcher.bulk_from = 0 if bulk else BULK_FROM
    try:
        result = matcher.match_tender(tender, top=top)
        found: dict[str, Any] = {
            "matches": [(m.id, m.score, m.reasons, m.evidence) for m in result.matches],
            "routes": [(r.to_dict(), r.clause_ids()) for r in result.routes],
            "json": result.to_dict(),
        }
        found["ranked"] = [(m.id, m.score, m.reasons) for m in result.ranked]
        by_id = matcher.match_tender(tender, top=top).ranked
        found["by_id"] = [(id, by_id.score(id)) for id, _, _ in found["ranked"][::3]]
        return found
    finally:
        matcher.prune, matcher.prune_from, matcher.bulk_from = True, PRUNE_FROM, BULK_FROM


def _compare(matcher: Matcher, tenders: list[Tender]) -> int:
    """Compares every way (pruned or not, in bulk or not) with the plain full scoring, for every tender
    and k; the number of tenders with more candidates than k."""
    assert matcher.prune
    pruned_some = 0
    for tender in tenders:
        for top in (1, 5, 20):
            exact = answers(matcher, tender, top, prune=False)
            assert answers(matcher, tender, top, prune=True) == exact, (tender.title, top)
            assert answers(matcher, tender, top, prune=True, bulk=True) == exact, (tender.title, top, "bulk")
            assert answers(matcher, tender, top, prune=False, bulk=True) == exact, (tender.title, top, "bulk")
            pruned_some += len(exact["ranked"]) > top
    return pruned_some


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matcher]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("pruning-cache")))
        yield matcher_for(Catalogue.load())


def test_pruned_answers_equal_the_full_scoring_on_the_dev_set(bundled: Matcher) -> None:
    tenders = _dev_tenders()
    assert bundled.routes
    # Most rankings hold more clauses than asked for: the comparison covers clauses left unscored.
    assert _compare(bundled, tenders) > len(tenders)


def test_pruned_answers_equal_the_full_scoring_on_a_synthetic_catalogue() -> None:
    bench = _benchmark()
    catalogue = Catalogue.load()
    clauses, sectors = bench.synthetic(catalogue, 400)
    matcher = Matcher(
        build_index(clauses, sectors),
        {c.id: c for c in clauses},
        {s.id: s for s in sectors},
        routes=catalogue.routes,
    )
    tenders = [Tender.model_validate(t) for t in bench.composed(60, seed=11)]
    assert _compare(matcher, tenders) > len(tenders)
    # The routes took synthetic clauses (optional or cross-cutting) for some tenders.
    taken = {
        cid
        for t in tenders
        for r in matcher.match_tender(t).routes
        for cid in r.clause_ids("optional", "cross-cutting")
    }
    assert taken
