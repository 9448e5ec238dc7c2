"""The structures that make the matcher fast give the answers of the plain ones (issue 13).

A `Ranking` sorts only what is read; routes look scores up in it; a tender read from JSON is made
without validating it again (`Tender.from_clean`); words of Latin text come from a spelt-out pattern;
a batch result travels from a worker as its JSON line. Each is compared here with the plain way, on
the dev set and on a synthetic catalogue built as benchmarks/match_speed.py builds it.
"""

from __future__ import annotations

import importlib.util
import json
import pickle
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sociaalaankopen import Catalogue, Tender
from sociaalaankopen.batch import match_batch
from sociaalaankopen.cpv import cpv_codes, is_known
from sociaalaankopen.matching import Matcher, build_index, matcher_for
from sociaalaankopen.matching.results import Ranking
from sociaalaankopen.matching.routes import route_clauses
from sociaalaankopen.readers.base import build
from sociaalaankopen.readers.jsonl import tender_from_dict
from sociaalaankopen.text import _LIGATURES, _WORD, detect_language, words

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = Path(__file__).parent / "data" / "dev_set.jsonl"


def _benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("match_speed", ROOT / "benchmarks" / "match_speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dev_tenders() -> list[Tender]:
    rows = [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines() if line.strip()]
    return [Tender.model_validate({k: v for k, v in row.items() if k in Tender.model_fields}) for row in rows]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matcher]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("structures-cache")))
        yield matcher_for(Catalogue.load())


@pytest.fixture(scope="module")
def synthetic() -> tuple[Matcher, list[Tender]]:
    """300 synthetic clauses: many clauses share keywords, so ties in score are common."""
    bench = _benchmark()
    clauses, sectors = bench.synthetic(Catalogue.load(), 300)
    matcher = Matcher(build_index(clauses, sectors), {c.id: c for c in clauses}, {s.id: s for s in sectors})
    return matcher, [Tender.model_validate(t) for t in bench.composed(60, seed=3)]


def _check_ranking(matcher: Matcher, tender: Tender) -> None:
    full = list(matcher.match_tender(tender, top=5).ranked)
    assert [(m.id, m.score) for m in full] == sorted(((m.id, m.score) for m in full), key=lambda p: (-p[1], p[0]))
    for k in (1, 3, 5, 10, len(full) + 1):
        # A fresh result each time: its top is a partial sort, not a slice of an order already sorted.
        assert [(m.id, m.score) for m in matcher.match_tender(tender, top=k).matches] == [
            (m.id, m.score) for m in full[:k]
        ]
    ranked = matcher.match_tender(tender, top=1).ranked
    assert isinstance(ranked, Ranking)
    for minimum in (40, 60):
        expected = [(m.id, m.score) for m in full if m.score >= minimum]
        assert list(ranked.at_least(minimum).items()) == expected
    for m in full[:5]:
        assert ranked.score(m.id) == m.score
        found = ranked.get(m.id)
        assert found is not None and found.reasons == m.reasons
    assert ranked.score("no-such-clause") is None and ranked.get("no-such-clause") is None
    assert len(ranked) == len(full) and ranked == tuple(full)


def test_the_ranking_sorts_lazily_but_as_a_full_sort_would_on_the_dev_set(bundled: Matcher) -> None:
    for tender in _dev_tenders():
        _check_ranking(bundled, tender)


def test_the_ranking_sorts_lazily_but_as_a_full_sort_would_on_a_synthetic_catalogue(
    synthetic: tuple[Matcher, list[Tender]],
) -> None:
    matcher, tenders = synthetic
    for tender in tenders:
        _check_ranking(matcher, tender)


def test_a_ranking_travels_as_the_tuple_of_its_matches(bundled: Matcher) -> None:
    result = bundled.match_tender("Groenonderhoud van parken en begraafplaatsen")
    copied = pickle.loads(pickle.dumps(result.ranked))
    assert isinstance(copied, tuple) and [m.id for m in copied] == [m.id for m in result.ranked]
    assert [m.reasons for m in copied] == [m.reasons for m in result.ranked]


def test_route_clauses_are_the_same_from_a_ranking_and_from_a_plain_sequence(bundled: Matcher) -> None:
    for tender in _dev_tenders():
        ranked = bundled.match_tender(tender).ranked
        plain = tuple(ranked)
        for route in bundled.routes.values():
            assert route_clauses(route, bundled.clauses, ranked) == route_clauses(route, bundled.clauses, plain)


def _unicode_words(text: str, keep_case: bool) -> list[str]:
    text = text if keep_case else text.lower()
    return _WORD.findall(text.translate(_LIGATURES))


def test_latin_text_gives_the_words_of_the_unicode_pattern() -> None:
    samples = [chr(c) for c in range(0x2200)] + list("’‘“”–—…•€")
    for c in samples:  # every character as a letter, a separator or part of a word
        text = f"ab{c}cd {c}{c} x{c}"
        assert words(text, keep_case=True) == _unicode_words(text, True), hex(ord(c))
    rng = random.Random(13)
    alphabet = samples + list("aeéèiorstn ’—") * 40
    for _ in range(5_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        for keep_case in (True, False):
            assert words(text, keep_case=keep_case) == _unicode_words(text, keep_case), text


def test_language_from_known_stopwords_is_the_language_from_the_words() -> None:
    from sociaalaankopen.text import stopword_languages

    for tender in _dev_tenders():
        tokens = words(tender.full_text(), keep_case=True)
        known = [stopword_languages(t) for t in tokens[:200]]
        assert detect_language(tokens, stopwords=known) == detect_language(tokens)


@pytest.mark.parametrize(
    "data",
    [
        {"title": "Groenonderhoud", "description": "Maaien en snoeien", "cpv": ["77310000-6", 77311000]},
        {"id": 7, "title": {"fr": "Nettoyage"}, "type": "Diensten", "lang": "FR-be", "value": "250 000 EUR"},
        {"title": "Werken", "value": {"amount": 12.5, "currency": "USD"}, "currency": None, "lang": "eng"},
        {"title": "Percelen", "lots": [{"id": 1, "title": "Lot 1", "cpv": "45000000"}, {"description": "Twee"}]},
        {"cpv": "7731", "value": 0},
    ],
)
def test_a_tender_read_from_json_equals_the_validated_one(data: dict[str, Any]) -> None:
    tender = tender_from_dict(data, "<test>", lambda _: None)
    validated = build(tender.model_dump(), "<test>")
    assert tender == validated
    assert tender.model_dump(mode="json") == validated.model_dump(mode="json")
    assert tender.model_fields_set == validated.model_fields_set


def test_a_tender_with_nothing_to_match_is_still_refused() -> None:
    from sociaalaankopen.errors import TenderError

    with pytest.raises(TenderError, match="nothing to match"):
        tender_from_dict({"title": "  ", "cpv": []}, "<test>", lambda _: None)


def test_the_known_cpv_codes_are_those_of_the_list() -> None:
    codes = cpv_codes()
    assert all(is_known(code) for code in list(codes)[:500])
    assert is_known("77310000-6") and is_known("7731") == ("77310000" in codes)
    assert not is_known("99999999") and not is_known("abc")


def test_a_batch_result_from_a_worker_is_its_json_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "tenders.jsonl"
    path.write_text(
        '{"id": "a", "title": "Groenonderhoud van parken"}\n{"id": "b"}\n{"id": "c", "title": "Schoonmaak"}\n',
        "utf-8",
    )
    results = list(match_batch(path, workers=1))
    for result in results:
        copied = pickle.loads(pickle.dumps(result))
        assert copied.ok == result.ok and copied.errors == result.errors
        if result.ok:
            assert "matches" not in copied.__dict__  # sent as its line, read again only when asked
            assert copied.to_json() == result.to_json() == json.dumps(result.to_dict(), ensure_ascii=False)
            assert copied.matches == result.matches and copied.routes == result.routes
            assert copied == result
    assert [r.ok for r in results] == [True, False, True]
    assert [r.to_json() for r in match_batch(path, workers=2) if r.ok] == [r.to_json() for r in results if r.ok]


def test_the_signs_read_as_spaces_are_no_letters() -> None:
    from sociaalaankopen.text import _SIGNS

    assert _SIGNS and not re.search(r"[^\W\d_]", _SIGNS)


def test_two_letters_less_is_every_way_to_leave_out_up_to_two_letters() -> None:
    from itertools import combinations

    from sociaalaankopen.matching.index import two_letters_less

    rng = random.Random(5)
    for _ in range(2_000):
        word = "".join(rng.choice("aabcdeé") for _ in range(rng.randrange(0, 13)))
        kept = [
            "".join(c for i, c in enumerate(word) if i not in left)
            for size in (0, 1, 2)
            for left in combinations(range(len(word)), size)
        ]
        assert two_letters_less(word) == set(kept), word


def test_a_bound_vector_gives_the_highest_candidates_as_a_sort_would() -> None:
    """bulk.BoundVector: the n highest pending bounds, highest first and the lowest owner first on a tie
    (bounds drawn from few values: many ties), also after candidates are taken out."""
    np = pytest.importorskip("numpy")
    from sociaalaankopen.matching.bulk import BoundVector

    rng = random.Random(3)
    for _ in range(200):
        size = rng.randrange(1, 60)
        bounds = [float(rng.randrange(6)) for _ in range(size)]
        vector = BoundVector(np.array(bounds), np.array([b >= 1.0 for b in bounds]))
        pending = {owner: b for owner, b in enumerate(bounds) if b >= 1.0}
        for owner in rng.sample(sorted(pending), len(pending) // 3):
            del vector[owner], pending[owner]
        assert len(vector) == len(pending) and sorted(vector) == sorted(pending)
        assert all(vector[owner] == b for owner, b in pending.items())
        plain = sorted(pending, key=lambda owner: (-pending[owner], owner))
        for n in (1, 2, 5, size):
            assert vector.highest(n) == plain[:n]


def test_the_nearest_position_is_what_a_full_search_finds() -> None:
    """`_Nearest` answers as `min(positions, key=distance)` does, ties to the position listed first."""
    from sociaalaankopen.matching.matcher import _Nearest

    rng = random.Random(5)
    for _ in range(300):
        positions = [rng.randrange(60) for _ in range(rng.randrange(1, 40))]
        nearest = _Nearest(positions)
        for start in range(-3, 64):
            assert nearest.to(start) == min(positions, key=lambda p: abs(p - start)), (positions, start)


def test_a_long_description_costs_what_its_length_costs(bundled: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:
    """A description repeating its words thousands of times took 149 s for 1 MB: each position of a phrase's
    first word searched every position of its other words. Counted, not timed: the positions searched one by
    one stay in proportion to the text."""
    import builtins

    from sociaalaankopen.matching import matcher as module

    looked = 0

    def counting_min(items: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal looked
        if "key" in kwargs and isinstance(items, list):
            looked += len(items)
        return builtins.min(items, *args, **kwargs)

    monkeypatch.setattr(module, "min", counting_min, raising=False)
    base = "Groenonderhoud en hagen scheren in het stadspark. Schoonmaak van kantoren. "
    text = base * 400  # 30 kB, 4,000 words
    result = bundled.match_tender(Tender(description=text))
    assert result.matches
    assert looked < 50 * len(words(text)), looked
