"""The matcher: read a tender, collect evidence per clause and sector, score and explain."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..cpv import prefix
from ..model import Clause, Lot, Route, SectorProfile, Tender
from ..route_rules import members
from ..text import ALL_STOPWORDS, LANGS, LANGUAGE_WORDS, detect_language, fold, stem, stopword_languages, words
from .evidence import Entry, Evidence, Hit, add_hits

if TYPE_CHECKING:
    from .bulk import Bulk, BulkEvidence
from .index import Index, Lexicon, Slot, one_letter_less, two_letters_less
from .prune import Pruned
from .reasons import Reason, display, grouped
from .results import LotResult, Match, MatchResult, Ranking
from .routes import CROSS_MIN, RoutePlan, RoutePlans, rank_routes
from .rules import Clauses, Query, points_for, score, upper_bounds
from .weights import (
    FOCUS_WORDS,
    LOT_CONTEXT_WORDS,
    MAX_REASONS,
    MIN_FUZZY_LENGTH,
    MIN_SECTOR,
    NEAR_WINDOW,
    SECTOR_K,
    TWO_TYPOS_LENGTH,
    W_CPV,
)

PRUNE_FROM = 200  # see Matcher.prune_from
BULK_FROM = 1_000  # see Matcher.bulk_from
_UNSEEN = object()
_first = itemgetter(0)
_NOTHING: tuple[tuple[str, ...], None] = ((), None)  # a word no pattern uses


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Title words that say which contract type a tender is, when it states none and has no CPV code.
# Compounds are listed whole: 'snoeiwerken' is pruning (a service), 'dakwerken' is works.
_WORKS_WORDS = _word_set("""werken bouwwerken wegenwerken rioleringswerken dakwerken renovatiewerken afbraakwerken
    sloopwerken grondwerken bestratingswerken infrastructuurwerken nutswerken schilderwerken verbouwingswerken
    herstellingswerken omgevingswerken funderingswerken bouw nieuwbouw verbouwing renovatie aanleg heraanleg
    afbraak sloop travaux construction renovation rehabilitation works refurbishment""")
_SUPPLIES_WORDS = _word_set("""levering leveringen aankoop aanschaf fourniture fournitures achat acquisition
    supply supplies purchase""")
_SERVICES_WORDS = _word_set("""diensten dienstverlening prestations services service""")
# A contract type the text states in so many words, wherever it stands ('Marché de services de 7 ans',
# 'overheidsopdracht voor leveringen', 'public works contract'), on folded text.
_STATED_TYPE = re.compile(
    r"\bmarches? (?:publics? )?de (?P<fr>services|fournitures|travaux)\b"
    r"|\b(?:overheids)?opdracht(?:en)? (?:voor|van) (?P<nl>diensten|leveringen|werken)\b"
    r"|\b(?P<nl2>diensten|leverings|werken)opdracht(?:en)?\b"
    r"|\b(?:public )?(?P<en>services|supply|supplies|works) contracts?\b"
)
_STATED_KIND = {
    "services": "services", "fournitures": "supplies", "travaux": "works",
    "diensten": "services", "leveringen": "supplies", "werken": "works", "leverings": "supplies",
    "supply": "supplies", "supplies": "supplies", "works": "works",
}  # fmt: skip


class Matcher:
    """Matches tenders against one catalogue's index. Build it with `matcher_for(catalogue)`."""

    def __init__(
        self,
        index: Index,
        clauses: Mapping[str, Clause],
        sectors: Mapping[str, SectorProfile],
        lexicon: Callable[[], Lexicon] | None = None,
        routes: Mapping[str, Route] | None = None,
    ) -> None:
        self.index = index
        self.clauses = clauses
        self.sectors = sectors
        self.routes = routes or {}
        self._lexicon = index.lexicon
        self._load_lexicon = lexicon
        self._words: dict[str, list[Any]] = {}  # tender word -> what is known of it (see _known)
        self._fuzzy: dict[str, str | None] = {}
        # A word more than two letters longer than every index word is no typo of one (see _correct): its
        # candidates would cost the cube of its length to look for.
        self._longest_typo = max(map(len, index.surfaces), default=0) + 2
        self._reasons: dict[int, Reason] = {}  # per pattern, the reason it gives when found (made on first use)
        self._probes: dict[str, Any] = {}  # see _probe
        self._members_of: dict[int, tuple[tuple[Entry, ...], tuple[Entry, ...]]] = {}  # see _member_entries
        self._cpv_memo: dict[str, dict[int, tuple[float, float, Reason]]] = {}  # see _cpv_of
        self._cpv_sets: dict[tuple[str, ...], dict[int, tuple[float, float, Reason]]] = {}  # see _cpv
        self._sector_of = {n: sectors[oid] for n, (kind, oid) in enumerate(index.owners) if kind == "sector"}
        self._clause_of = {n: clauses[oid] for n, (kind, oid) in enumerate(index.owners) if kind == "clause"}
        self._clauses = Clauses.of_catalogue(self._clause_of, self._sector_of.values())
        self._plans = RoutePlans(
            {rid: RoutePlan(route, clauses, members(route, clauses)) for rid, route in self.routes.items()}
        )
        # What the routes read of the ranking, scored before the other candidates: the clauses their plans
        # name (anchors, optional clauses) and the cross-cutting clauses.
        owner_of = self._clauses.owner_of
        named = {cid for route in self.routes.values() for cid in route.anchors}
        named.update(cid for plan in self._plans.values() for cid in plan.optional)
        self._route_owners = tuple(sorted(owner_of[cid] for cid in named if cid in owner_of))
        self._cross = (
            frozenset(n for n, c in self._clause_of.items() if c.cross_cutting) if self.routes else frozenset()
        )
        self.prune = True  # score only the candidates that can matter (prune.py); False: every candidate
        # Pruning pays from this many owners with evidence on: with fewer, bounding them and scoring in
        # rounds costs more than scoring them all (the bundled catalogue's tenders find a few dozen).
        self.prune_from = PRUNE_FROM
        # From this many clauses, a tender's evidence is collected in bulk (bulk.py). The clauses must be
        # the first owners (as build_index numbers them): else never.
        size = len(self._clause_of)
        self._bulk_size = size if all(kind == "clause" for kind, _ in index.owners[:size]) else -1
        self.bulk_from = BULK_FROM
        self._bulk: Bulk | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            if self._load_lexicon is None:
                raise ValueError("this index has no lexicon and no way to load one")
            self._lexicon = self._load_lexicon()
        return self._lexicon

    def warm(self) -> None:
        """Load now what a batch of tenders soon needs: the lexicon (words with a typo, language ties)
        and rapidfuzz. Before forking workers: they share it instead of each loading it."""
        if self._lexicon is None and self._load_lexicon is not None:
            self._lexicon = self._load_lexicon()
        from rapidfuzz import process  # noqa: F401
        from rapidfuzz.distance import OSA  # noqa: F401

    # --- public ---

    def match(self, tender: Tender | str, top: int = 5) -> list[Match]:
        """The best `top` clauses for a tender, best first; a string is read as its description."""
        return self.match_tender(tender, top).matches

    def match_many(self, tenders: Iterable[Tender | str], top: int = 5) -> Iterable[list[Match]]:
        return (self.match(t, top) for t in tenders)

    def match_tender(self, tender: Tender | str, top: int = 5, per_lot: bool = False) -> MatchResult:
        """Like `match`, and also the tender as read: its language and contract type, detected if absent.

        With `per_lot`, each lot is matched on its own as well: its title (or the tender's), description
        and CPV codes (or the tender's), in the tender's language and contract type. A reserved lot or a
        training clause often fits one lot, not the whole tender."""
        if isinstance(tender, str):
            tender = Tender(description=tender)
        elif not isinstance(tender, Tender):
            from ..errors import TenderError, wrong_type
            from ..messages import said

            raise wrong_type("match_tender", "tender", tender, said("a Tender or its description (str)"), TenderError)
        problems = tender.problems("match_tender")
        if problems:
            from ..errors import TenderError

            raise TenderError(problems)
        if type(top) is not int or type(per_lot) is not bool:
            _refuse_arguments(top, per_lot)
        tokens = words(tender.full_text(), keep_case=True)
        known = self._known(tokens)
        inferred: list[str] = []
        lang: str | None = tender.lang
        if lang is None:
            stop = [entry[0] for entry in known[:LANGUAGE_WORDS]]
            lang = detect_language(tokens, _LazyVocabulary(self), stopwords=stop)
            inferred.append("lang")
        # Title words of clauses only count in the tender's title (or its first words): in a long
        # description, common words ('system', 'risk') would match some title by chance.
        focus = len(words(tender.title)) if tender.title else FOCUS_WORDS
        where, typos, focus_end = self._read(tokens, lang, focus, known)
        evidence = self._evidence(where, typos, focus_end, tender.all_cpv())
        strengths = self._strengths(evidence)
        kind, source = self._contract_type(tender, tokens)
        if kind and source != "given":
            inferred.append("type")
        query = Query(tender, kind, source, evidence, strengths, self._clauses)
        # Every clause that scores (those that cannot matter are scored when read), so that the routes
        # see the scores of their clauses too.
        ranked = self._rank(query, lang, top)
        matches = ranked.top(top)
        counted = [(strength, sector) for strength, sector, _ in strengths if strength >= MIN_SECTOR]
        routes = rank_routes(
            self.routes,
            self.clauses,
            ranked,
            counted,
            tender,
            lang,
            kind,
            self._plans,
            partial(_cpv_related, evidence, self._clauses.owner_of),
        )
        lots: tuple[LotResult, ...] = ()
        if per_lot:
            lots = tuple(
                LotResult(lot.id, lot.title, self.match(lot_as_tender(tender, lot, kind, lang), top))
                for lot in tender.lots
            )
        return MatchResult(
            _as_read(tender, lang, kind),
            tuple(inferred),
            matches,
            lots,
            tuple(routes),
            ranked,
            tuple(sector.id for _, sector in counted),
        )

    # --- reading the tender ---

    def _known(self, tokens: list[str]) -> list[list[Any]]:
        """Per tender word, what is known of it: [languages it is a stopword of, then per language (nl, fr,
        en) its keys and typo as `_token` finds them, or _UNSEEN]. One look-up per word serves both the
        language detection and the reading; memoised: the same words come back in every tender."""
        memo = self._words
        found = list(map(memo.get, tokens))
        if None not in found:
            return found  # type: ignore[return-value]  # every word seen before: no None
        if len(memo) > 200_000:
            memo.clear()
        known = []
        for token, entry in zip(tokens, found, strict=True):
            if entry is None:
                entry = memo.get(token)  # the same word earlier in this tender
                if entry is None:
                    entry = memo[token] = [stopword_languages(token), _UNSEEN, _UNSEEN, _UNSEEN]
            known.append(entry)
        return known

    def _read(
        self, tokens: list[str], lang: str, focus: int, known: list[list[Any]] | None = None
    ) -> tuple[dict[str, list[int]], dict[int, tuple[str, str]], int]:
        """Key -> positions of the words that satisfy it (only keys some pattern uses); position ->
        (word, index word) for typos; and the position where the first `focus` tokens end.
        `known`: what `_known` says of the tokens, when the caller has it already."""
        if known is None:
            known = self._known(tokens)
        where: dict[str, list[int]] = {}
        typos: dict[int, tuple[str, str]] = {}
        slot = 1 + LANGS.index(lang)
        position = 0
        focus_end = 0
        for n, entry in enumerate(known):
            if n == focus:
                focus_end = position
            info = entry[slot]
            if info is _UNSEEN:
                info = entry[slot] = self._token(tokens[n], lang)
            if info is None:
                continue  # a stopword: it takes no position
            if info is not _NOTHING:
                keys, read_as = info
                for key in keys:
                    found = where.get(key)
                    if found is None:
                        where[key] = [position]
                    else:
                        found.append(position)
                if read_as is not None:
                    typos[position] = (tokens[n], read_as)
            position += 1
        return where, typos, focus_end if focus < len(tokens) else position

    def _token(self, token: str, lang: str) -> tuple[tuple[str, ...], str | None] | None:
        """The index keys a tender word satisfies, and the index word it was read as when it had a typo
        (None for a stopword)."""
        lower = token.lower()
        folded = fold(lower)
        index_keys = self.index.keys
        if folded in ALL_STOPWORDS and not (folded in self.index.acronyms and token.isupper()):
            return None
        stemmed = f"{lang}:{stem(lower, lang)}"
        keys = {folded, stemmed}
        parts = self.index.splitter.split(folded) if lang == "nl" else ()
        for part in parts:
            keys.add(part)
            keys.add(f"nl:{stem(part, 'nl')}")
        read_as = None
        # Only a word the index does not know, and that is no real word, may be a typo: a real word
        # that happens to look like an index word ('maaier', 'maaien') is what it says.
        if (
            not parts
            and MIN_FUZZY_LENGTH <= len(folded) <= self._longest_typo
            and keys.isdisjoint(index_keys)
            and not self._is_word(folded, stemmed)
        ):
            read_as = self._correct(folded)
            if read_as is not None:
                keys.update(self.index.surfaces[read_as])
        # Only keys some pattern uses can be found; sorted: the same order in every process.
        found = tuple(sorted(k for k in keys if k in index_keys))
        return (found, read_as) if found or read_as is not None else _NOTHING

    def _correct(self, word: str) -> str | None:
        """The index word `word` is a typo of: one edit (two from nine letters on), same first letter.

        Candidates come from the indexes of deletions, not from a scan: one letter left out, and for long
        words that have no candidate one edit away, two. rapidfuzz picks the closest."""
        if word in self._fuzzy:
            return self._fuzzy[word]
        deletes = self.lexicon.deletes
        near = {s for variant in one_letter_less(word) for s in deletes.get(variant, ()) if s[0] == word[0]}
        limit = 1
        if not near and len(word) >= TWO_TYPOS_LENGTH:
            limit = 2
            deletes2 = self.lexicon.deletes2
            shared = [found for found in map(deletes2.get, two_letters_less(word)) if found]
            near = {s for joined in shared for s in joined.split() if s[0] == word[0] and abs(len(s) - len(word)) <= 2}
        result = None
        if near:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            found = process.extractOne(word, sorted(near), scorer=OSA.distance, score_cutoff=limit)
            result = found[0] if found else None
        if len(self._fuzzy) > 100_000:
            self._fuzzy.clear()
        self._fuzzy[word] = result
        return result

    def _is_word(self, folded: str, stemmed: str) -> bool:
        lexicon = self.lexicon
        if stemmed in lexicon.known or any(folded in v for v in lexicon.vocabulary.values()):
            return True
        # A Dutch form of a lexicon word that its stem does not give back: 'sporthallen' stems to
        # 'sporthall', 'sporthal' to itself. The splitter knows the forms; unknown, the word was read
        # as a typo of 'sportballen'.
        return stemmed.startswith("nl:") and folded in self.index.splitter.known

    def _contract_type(self, tender: Tender, tokens: list[str]) -> tuple[str | None, str]:
        """The contract type: given; else from the CPV divisions; else from words of the title.

        Not from a sector: a tender that matches a works sector through one word is not a works contract."""
        if tender.type:
            return tender.type, "given"
        codes = tender.cpv or tender.all_cpv()
        if codes:
            votes: dict[str, int] = {}
            for code in codes:
                division = code[:2]
                kind = (
                    "works" if division == "45" else "supplies" if division <= "44" or division == "48" else "services"
                )
                votes[kind] = votes.get(kind, 0) + 1
            leader = _only_best(votes)
            if leader:
                return leader, "cpv"
        stated = {
            _STATED_KIND[next(k for k in m.groups() if k)] for m in _STATED_TYPE.finditer(fold(tender.full_text()))
        }
        if len(stated) == 1:
            return stated.pop(), "words"
        title = [fold(w) for w in (words(tender.title) if tender.title else tokens[:12])]
        leader = _type_from_words(title)
        return (leader, "words") if leader else (None, "")

    # --- scoring ---

    def _evidence(
        self, where: dict[str, list[int]], typos: dict[int, tuple[str, str]], focus_end: int, codes: list[str]
    ) -> Evidence | BulkEvidence:
        """Per owner (clause or sector), its direct evidence: (points, reason), strongest first; worked
        out per owner when first read (see evidence.py). A large catalogue's in bulk (see bulk.py)."""
        if self._bulk_size >= self.bulk_from:
            return self._bulk_evidence(where, typos, focus_end, codes)
        members_of, reason_of = self._members_of, self._reason_of
        hits: dict[int, list[Hit]] = {}
        for phrase, found_at, together in self._located(where):
            keywords, titles = members_of.get(phrase) or self._member_entries(phrase)
            if keywords:
                add_hits(hits, keywords, found_at, together, typos, reason_of)
            # A title word counts in the tender's title or first words only (most are found later).
            if titles and min(found_at) < focus_end:
                add_hits(hits, titles, [p for p in found_at if p < focus_end], together, typos, reason_of)
        return Evidence(hits, self._cpv(codes) if codes else {})

    def _bulk_evidence(
        self, where: dict[str, list[int]], typos: dict[int, tuple[str, str]], focus_end: int, codes: list[str]
    ) -> BulkEvidence:
        bulk = self._bulk
        if bulk is None:
            from .bulk import Bulk

            bulk = self._bulk = Bulk(self.index, self._bulk_size)
        relations = [self._cpv_of(code) for code in codes]
        return bulk.collect(self._located(where), self._entries, typos, focus_end, relations, codes, self._reason_of)

    def _entries(self, phrase: int) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
        return self._members_of.get(phrase) or self._member_entries(phrase)

    def _located(self, where: dict[str, list[int]]) -> list[tuple[int, list[int], bool]]:
        """Each phrase the tender's words satisfy, looked up once however many patterns share it:
        (phrase, the positions of its words, whether they stand together or are only near)."""
        probes_of = self._probes
        phrases = self.index.phrases
        absent = where.keys().isdisjoint  # absent(slot): no word of the tender satisfies the slot
        present = where.keys()
        found: list[tuple[int, list[int], bool]] = []
        seen: set[int] = set()
        for key in where:
            probes = probes_of.get(key, _UNSEEN)
            if probes is _UNSEEN:
                probes = self._probe(key)
            if probes is None:
                continue
            singles, after = probes
            for phrase, slot in singles:  # most phrases: one word, found wherever one of its keys is
                if phrase in seen:
                    continue
                seen.add(phrase)
                found_at = []
                for slot_key in slot:
                    at_key = where.get(slot_key)
                    if at_key:
                        found_at += at_key
                if found_at:
                    found.append((phrase, found_at, True))
            if not after:
                continue
            # Longer phrases, by a key of another of their words: only those whose second word the
            # tender holds too are located (most longer phrases miss a word).
            for other in after.keys() & present:
                for phrase in after[other]:
                    if phrase in seen:
                        continue
                    seen.add(phrase)
                    slots = phrases[phrase]
                    if len(slots) > 2 and any(map(absent, slots)):
                        continue
                    located = _locate(slots, where)
                    if located is not None:
                        found.append((phrase, located[0], located[1]))
        return found

    def _probe(self, key: str) -> tuple[tuple[tuple[int, Slot], ...], dict[str, list[int]]] | None:
        """What a key of a tender word leads to (`Index.postings`, made on first use): the one-word
        phrases with their keys, and the longer ones by each key of one of their other words."""
        posted = self.index.postings.get(key)
        probes = None
        if posted is not None:
            phrases = self.index.phrases
            singles = tuple((phrase, phrases[phrase][0]) for phrase in posted if len(phrases[phrase]) == 1)
            after: dict[str, list[int]] = {}
            for phrase in posted:
                slots = phrases[phrase]
                if len(slots) > 1:
                    # A word other than the key's (a phrase that repeats the key's word: that word again).
                    other = next((slot for slot in slots if key not in slot), slots[1])
                    for other_key in other:
                        after.setdefault(other_key, []).append(phrase)
            probes = (singles, after)
        if len(self._probes) > 200_000:
            self._probes.clear()
        self._probes[key] = probes
        return probes

    def _member_entries(self, phrase: int) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
        """The patterns of one phrase, keyword patterns apart from title words: (owner, points, points
        when only near, pattern number, text). Made when a tender first finds the phrase."""
        patterns = self.index.patterns
        keywords: list[Entry] = []
        titles: list[Entry] = []
        for number in self.index.members[phrase]:
            owner, kind, _slots, points, near_points, text = patterns[number]
            (titles if kind == "title" else keywords).append((owner, points, near_points, number, text))
        entries = self._members_of[phrase] = (tuple(keywords), tuple(titles))
        return entries

    def _reason_of(self, number: int) -> Reason:
        """The reason a pattern gives when found whole and spelt right (made on first use)."""
        return self._reasons.get(number) or self._reason(number)

    def _reason(self, number: int) -> Reason:
        """The reason a pattern gives when found whole and spelt right."""
        _owner, kind, _slots, _points, _near, text = self.index.patterns[number]
        reason = self._reasons[number] = Reason("title" if kind == "title" else "keyword", (display(text),))
        return reason

    def _strengths(self, evidence: Evidence | BulkEvidence) -> list[tuple[float, SectorProfile, list[Reason]]]:
        """How strongly the tender belongs to each sector (0-1), strongest first, with the two best reasons."""
        keyed = []
        sector_of, exp = self._sector_of, math.exp
        for owner, items in evidence.sector_items(sector_of):
            sector = sector_of[owner]
            if items:
                strength = 1.0 - exp(-sum(map(_first, items)) / SECTOR_K)
                keyed.append((-strength, sector.id, strength, sector, items))
        keyed.sort()  # strongest first, then by id (ids are unique: the sort looks no further)
        found = [(strength, sector, [r for _, r in items[:2]]) for _, _, strength, sector, items in keyed]
        # Of two sectors that exclude each other (new build, renovation), only the stronger counts.
        excluded = set()
        for _strength, sector, _reasons in found:
            if sector.id not in excluded:
                excluded.update(sector.excludes)
        return [s for s in found if s[1].id not in excluded] if excluded else found

    def _rank(self, query: Query, lang: str, top: int) -> Ranking:
        """Score the candidates with the rules (`rules.RULES`): every clause that scores, best first,
        each explained when its reasons are first read (most never are). Pruned: only the best `top`
        and what the routes read are scored at first (see prune.py), the others when read."""
        unscored: Pruned | None = None
        evidence = query.evidence
        if self.prune and isinstance(evidence, Evidence) and len(evidence) >= self.prune_from:
            unscored = Pruned(query, upper_bounds(query, evidence.bounds(self._clause_of)))
            first: list[int] = list(self._route_owners)
            if self._cross:
                cross = self._cross
                low = points_for(CROSS_MIN)
                first += [o for o, points in unscored.pending.items() if points >= low and o in cross]
            unscored.top(top, first)
            scores = unscored.scores
        elif self.prune and self._bulk is not None and not isinstance(evidence, Evidence):
            unscored = Pruned(query, self._bulk.pending(query, evidence))
            first = list(self._route_owners)
            if self._cross:
                pending, low = unscored.pending, points_for(CROSS_MIN)
                first += [o for o in self._cross if pending.get(o, -1.0) >= low]
            unscored.top(top, first)
            scores = unscored.scores
        else:
            scores = score(query)
        items, penalties = scores.items, scores.penalties

        def explain(owner: int) -> Callable[[], tuple[tuple[str, ...], tuple[Reason, ...]]]:
            return partial(_explain, items[owner], penalties.get(owner, []), lang)

        return Ranking(scores.score, self._clause_of, self._clauses.owner_of, lang, explain, unscored)

    def _cpv(self, codes: list[str]) -> dict[int, tuple[float, float, Reason]]:
        """Per owner, the closest relation between a tender code and one of its codes: (closeness,
        points, reason). On a tie, the first code of the tender and the first relation found wins.
        Read only: memoised per list of codes, as `_cpv_of` is per code (tenders share their codes)."""
        key = tuple(codes)
        best = self._cpv_sets.get(key)
        if best is not None:
            return best
        for code in codes:
            found = self._cpv_of(code)
            if best is None:
                best = found if len(codes) == 1 else dict(found)
                continue
            for owner, relation in found.items():
                old = best.get(owner)
                if old is None or relation[0] > old[0]:
                    best[owner] = relation
        if len(self._cpv_sets) > 50_000:
            self._cpv_sets.clear()
        best = self._cpv_sets[key] = best or {}
        return best

    def _cpv_of(self, code: str) -> dict[int, tuple[float, float, Reason]]:
        """The owners one tender code relates to, with closeness, points and reason. Memoised per code:
        the same codes come back in tender after tender."""
        memoised = self._cpv_memo.get(code)
        if memoised is not None:
            return memoised
        # Per owner the closest relation so far: (closeness, kind, args); the reason is made at the end.
        best: dict[int, tuple[float, str, tuple[str, ...]]] = {}
        cpv_exact, cpv_below = self.index.cpv_exact, self.index.cpv_below
        significant = prefix(code)
        for length in range(len(significant), 1, -1):
            found = cpv_exact.get(significant[:length])
            if not found:
                continue
            # The tender's code lies under (or is) the owner's code; a division says less.
            closeness = _EXACT.get(length, 1.0)
            for owner, other in found:
                if owner not in best or closeness > best[owner][0]:
                    best[owner] = (
                        (closeness, "cpv_equal", (code,)) if other == code else (closeness, "cpv_under", (code, other))
                    )
        # The owner's code lies under the tender's broader code.
        closeness = _BELOW.get(len(significant), 0.7)
        for owner, other in cpv_below.get(significant, ()):
            if owner not in best or closeness > best[owner][0]:
                best[owner] = (closeness, "cpv_under", (other, code))
        for length in range(len(significant) - 1, 2, -1):
            group = significant[:length]
            # Siblings: the same group (3 digits) or class (4 digits and more).
            closeness = _SIBLING.get(length, 0.5)
            for owner, other in cpv_below.get(group, ()):
                if owner not in best or closeness > best[owner][0]:
                    best[owner] = (closeness, "cpv_sibling", (code, other, group.ljust(8, "0")))
        relations = {
            owner: (closeness, W_CPV * closeness, Reason(kind, args)) for owner, (closeness, kind, args) in best.items()
        }
        if len(self._cpv_memo) > 50_000:
            self._cpv_memo.clear()
        self._cpv_memo[code] = relations
        return relations


# Closeness of two CPV codes by the length of the prefix they share (see docs/matching.md).
_EXACT = {2: 0.6, 3: 0.85}  # the tender's code under the owner's: a division or group says less
_BELOW = {2: 0.3, 3: 0.5}  # the owner's code under the tender's broader code
_SIBLING = {3: 0.15, 4: 0.3}  # codes of one group (3 digits) or class (4 digits and more)


def _explain(
    items: list[tuple[float, Reason]], penalties: list[Reason], lang: str
) -> tuple[tuple[str, ...], tuple[Reason, ...]]:
    """The reasons a match shows: those worth a tenth of the strongest, at most five, then every
    penalty. (Stable: reasons of equal points keep the order of the rules.)"""
    items = sorted(items, key=itemgetter(0), reverse=True)
    floor = items[0][0] / 10
    shown = grouped([r for p, r in items if p >= floor][:MAX_REASONS]) + penalties
    return tuple(r.text(lang) for r in shown), tuple(shown)


def _cpv_related(evidence: Evidence | BulkEvidence, owner_of: Mapping[str, int], clause_id: str) -> bool:
    """Whether one of the tender's CPV codes relates to one of the clause's (as the rules read it)."""
    owner = owner_of.get(clause_id)
    return owner is not None and evidence.cpv_related(owner)


def _type_from_words(folded: Iterable[str]) -> str | None:
    votes: dict[str, int] = {}
    for word in folded:
        for kind, vocabulary in (("works", _WORKS_WORDS), ("supplies", _SUPPLIES_WORDS), ("services", _SERVICES_WORDS)):
            if word in vocabulary:
                votes[kind] = votes.get(kind, 0) + 1
    return _only_best(votes)


class _LazyVocabulary(Mapping[str, frozenset[str]]):
    """The lexicon's vocabulary, loaded only if language detection needs it (stopwords did not decide)."""

    def __init__(self, matcher: Matcher) -> None:
        self._matcher = matcher

    def __getitem__(self, lang: str) -> frozenset[str]:
        return self._matcher.lexicon.vocabulary[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)


def _only_best(votes: Mapping[str, int]) -> str | None:
    if not votes:
        return None
    best = max(votes.values())
    leaders = [k for k, v in votes.items() if v == best]
    return leaders[0] if len(leaders) == 1 else None


def _locate(slots: tuple[Slot, ...], where: Mapping[str, list[int]]) -> tuple[list[int], bool] | None:
    """Where a phrase occurs: (positions, True) when its words stand together (in any order, one word
    may come between), (positions, False) when they are within NEAR_WINDOW words, None otherwise."""
    if len(slots) == 1:  # most patterns: one word
        single: list[int] = []
        for key in slots[0]:
            positions = where.get(key)
            if positions:
                single.extend(positions)
        return (single, True) if single else None
    lists: list[list[int]] = []
    for slot in slots:
        found: list[int] = []
        for key in slot:
            positions = where.get(key)
            if positions:
                found.extend(positions)
        if not found:
            return None
        lists.append(found)
    if len(lists) == 1:
        return lists[0], True
    near: list[int] | None = None
    # A short list is searched as it is; a long one (a word repeated all over a long text) by bisection.
    others = [other if len(other) <= _SHORT else _Nearest(other) for other in lists[1:]]
    for window in (len(lists), NEAR_WINDOW):
        for start in lists[0]:
            chosen = [start]
            for other in others:
                q = other.to(start) if isinstance(other, _Nearest) else min(other, key=lambda p: abs(p - start))
                if abs(q - start) > window:
                    break
                chosen.append(q)
            else:
                if window == len(lists):
                    return chosen, True
                near = chosen
                break
        if near is not None:
            return near, False
    return None


_SHORT = 16  # positions searched one by one (faster than sorting them for a search or two)


class _Nearest:
    """The position of a list nearest to a given one, found by bisection: what `min(positions, key=distance)`
    answers (of two as near, the one listed first), in time logarithmic in the list, not linear. A long
    description has thousands of positions per word: the linear search made `_locate` quadratic."""

    __slots__ = ("first", "order")

    def __init__(self, positions: list[int]) -> None:
        self.order = sorted(set(positions))
        self.first: dict[int, int] = {}  # position -> where it is first listed
        for i, p in enumerate(positions):
            self.first.setdefault(p, i)

    def to(self, start: int) -> int:
        order = self.order
        i = bisect_left(order, start)
        if i == len(order):
            return order[-1]
        after = order[i]
        if i == 0 or after == start:
            return after
        before = order[i - 1]
        if start - before != after - start:
            return before if start - before < after - start else after
        return before if self.first[before] < self.first[after] else after


def _refuse_arguments(top: object, per_lot: object) -> None:
    """A `top` that is no whole number, or a `per_lot` that is not true or false, as a ParameterError
    (an int subclass, but not a bool, is a number)."""
    from ..errors import checked_type
    from ..messages import said

    checked_type(top, int, "match_tender", "top", said("a whole number (int)"))
    checked_type(per_lot, bool, "match_tender", "per_lot", said("true or false (bool)"))


def _as_read(tender: Tender, lang: str, kind: str | None) -> Tender:
    """The tender as the result holds it: language and type filled in, and its lists its own (a shallow copy
    shared them with the caller's tender: appending a code to one changed the other)."""
    update: dict[str, Any] = {"lang": lang, "type": kind, "cpv": list(tender.cpv)}
    if tender.lots:
        update["lots"] = [lot.model_copy(update={"cpv": list(lot.cpv)}) for lot in tender.lots]
    return tender.model_copy(update=update)


def lot_as_tender(tender: Tender, lot: Lot, kind: str | None, lang: str) -> Tender:
    """A lot as a tender of its own: its title (or the tender's), description and CPV codes (or the
    tender's), in the tender's language and contract type. A lot whose own words say little ('Lot 2:
    Ghent') is read with the tender's title and description after its own, so it keeps their context."""
    description = lot.description
    if len(words(f"{lot.title} {lot.description}")) < LOT_CONTEXT_WORDS:
        description = "\n".join(text for text in (lot.description, tender.title, tender.description) if text)
    return tender.model_copy(
        update={
            "id": lot.id,
            "title": lot.title or tender.title,
            "description": description,
            "cpv": lot.cpv or tender.cpv,
            "type": kind,
            "lang": lang,
            "value": None,
            "lots": [],
        }
    )
