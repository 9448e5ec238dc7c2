"""The matcher: read a tender, collect evidence per clause and sector, score and explain."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Iterator, Mapping

from ..cpv import prefix
from ..model import Clause, Lot, Route, SectorProfile, Tender
from ..text import ALL_STOPWORDS, LANGS, detect_language, fold, stem, words
from .index import Index, Lexicon, Slot, one_letter_less
from .reasons import SOURCES, Reason, contract_types_text, display, euros, grouped, sector_title
from .results import LotResult, Match, MatchResult
from .routes import rank_routes
from .weights import (
    DECAY,
    FOCUS_WORDS,
    FUZZY,
    LOT_CONTEXT_WORDS,
    LOTS_THRESHOLDS,
    MAX_REASONS,
    MIN_FUZZY_LENGTH,
    MIN_SCORE,
    MIN_SECTOR,
    NEAR_WINDOW,
    NO_SOCIAL_ECONOMY,
    SECTOR_DECAY,
    SECTOR_K,
    TWO_TYPOS_LENGTH,
    TYPE_MISMATCH,
    W_CPV,
    W_LOTS,
    W_RESERVED,
    W_SECTOR,
    W_TRAINING_WORKS,
    K,
)


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
        self._tokens: dict[tuple[str, str], tuple[tuple[str, ...], str | None] | None] = {}
        self._fuzzy: dict[str, str | None] = {}
        self._sector_of = {n: sectors[oid] for n, (kind, oid) in enumerate(index.owners) if kind == "sector"}
        self._clause_of = {n: clauses[oid] for n, (kind, oid) in enumerate(index.owners) if kind == "clause"}
        self._owner_of = {oid: n for n, (kind, oid) in enumerate(index.owners) if kind == "clause"}
        # Clauses that can score without any word or code of the tender: the contract-type rules.
        self._training = [n for n, c in self._clause_of.items() if "training" in c.themes]
        self._reserved = [n for n, c in self._clause_of.items() if c.instrument == "reserved_contract"]
        self._lots = [n for n, c in self._clause_of.items() if c.instrument == "lots"]

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            if self._load_lexicon is None:
                raise ValueError("this index has no lexicon and no way to load one")
            self._lexicon = self._load_lexicon()
        return self._lexicon

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
        tokens = words(tender.full_text(), keep_case=True)
        inferred: list[str] = []
        lang: str | None = tender.lang
        if lang is None:
            lang = detect_language(tokens, _LazyVocabulary(self))
            inferred.append("lang")
        # Title words of clauses only count in the tender's title (or its first words): in a long
        # description, common words ('system', 'risk') would match some title by chance.
        focus = len(words(tender.title)) if tender.title else FOCUS_WORDS
        where, typos, focus_end = self._read(tokens, lang, focus)
        evidence = self._evidence(where, typos, focus_end, tender.all_cpv())
        strengths = self._strengths(evidence)
        kind, source = self._contract_type(tender, tokens)
        if kind and source != "given":
            inferred.append("type")
        # Every clause that scores, so that the routes see the scores of their clauses too.
        ranked = self._rank(tender, evidence, strengths, lang, kind, source, max(top, len(self._clause_of)))
        matches = ranked[:top]
        routes = rank_routes(
            self.routes,
            self.clauses,
            ranked,
            [(strength, sector) for strength, sector, _ in strengths if strength >= MIN_SECTOR],
            tender,
            lang,
            kind,
        )
        lots: tuple[LotResult, ...] = ()
        if per_lot:
            lots = tuple(
                LotResult(lot.id, lot.title, self.match(lot_as_tender(tender, lot, kind, lang), top))
                for lot in tender.lots
            )
        return MatchResult(
            tender.model_copy(update={"lang": lang, "type": kind}),
            tuple(inferred),
            matches,
            lots,
            tuple(routes),
            tuple(ranked),
        )

    # --- reading the tender ---

    def _read(
        self, tokens: list[str], lang: str, focus: int
    ) -> tuple[dict[str, list[int]], dict[int, tuple[str, str]], int]:
        """Key -> positions of the words that satisfy it; position -> (word, index word) for typos;
        and the position where the first `focus` tokens end."""
        where: dict[str, list[int]] = {}
        typos: dict[int, tuple[str, str]] = {}
        position = 0
        focus_end = 0
        for n, token in enumerate(tokens):
            if n == focus:
                focus_end = position
            info = self._token(token, lang)
            if info is None:
                continue
            keys, read_as = info
            for key in keys:
                where.setdefault(key, []).append(position)
            if read_as is not None:
                typos[position] = (token, read_as)
            position += 1
        return where, typos, focus_end if focus < len(tokens) else position

    def _token(self, token: str, lang: str) -> tuple[tuple[str, ...], str | None] | None:
        """The keys a tender word satisfies, and the index word it was read as when it had a typo."""
        memo_key = (lang, token)
        if memo_key in self._tokens:
            return self._tokens[memo_key]
        lower = token.lower()
        folded = fold(lower)
        result: tuple[tuple[str, ...], str | None] | None = None
        if folded not in ALL_STOPWORDS or (folded in self.index.acronyms and token.isupper()):
            stemmed = f"{lang}:{stem(lower, lang)}"
            keys = {folded, stemmed}
            parts = self.index.splitter.split(folded) if lang == "nl" else ()
            for part in parts:
                keys.add(part)
                keys.add(f"nl:{stem(part, 'nl')}")
            read_as = None
            if not parts and len(folded) >= MIN_FUZZY_LENGTH and keys.isdisjoint(self.index.keys):
                read_as = self._correct(folded)
                if read_as is not None and self._is_word(folded, stemmed):
                    read_as = None  # a real word that happens to look like an index word
                if read_as is not None:
                    keys.update(self.index.surfaces[read_as])
            result = (tuple(sorted(keys)), read_as)  # sorted: the same order in every process
        if len(self._tokens) > 200_000:
            self._tokens.clear()
        self._tokens[memo_key] = result
        return result

    def _correct(self, word: str) -> str | None:
        """The index word `word` is a typo of: one edit (two from nine letters on), same first letter.

        Candidates one edit away come from the index of deletions (no scan); only long words look
        further, over the index words of about their length. rapidfuzz picks the closest."""
        if word in self._fuzzy:
            return self._fuzzy[word]
        deletes = self.lexicon.deletes
        near = {s for variant in one_letter_less(word) for s in deletes.get(variant, ()) if s[0] == word[0]}
        limit = 1
        if not near and len(word) >= TWO_TYPOS_LENGTH:
            limit = 2
            near = {
                s for n in range(len(word) - 2, len(word) + 3) for s in self.lexicon.by_length.get((word[0], n), ())
            }
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
        return stemmed in lexicon.known or any(folded in v for v in lexicon.vocabulary.values())

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
        title = [fold(w) for w in (words(tender.title) if tender.title else tokens[:12])]
        leader = _type_from_words(title)
        return (leader, "words") if leader else (None, "")

    # --- scoring ---

    def _evidence(
        self, where: dict[str, list[int]], typos: dict[int, tuple[str, str]], focus_end: int, codes: list[str]
    ) -> dict[int, list[tuple[float, Reason]]]:
        """Per owner (clause or sector), its direct evidence: (points, reason), strongest first."""
        index = self.index
        hits: dict[int, list[tuple[float, int, Reason, frozenset[int]]]] = {}
        seen: set[int] = set()
        for key in where:
            for number in index.postings.get(key, ()):
                if number in seen:
                    continue
                seen.add(number)
                owner, kind, slots, points, near_points, text = index.patterns[number]
                located = _locate(slots, where)
                if located is None:
                    continue
                found_at, together = located
                if kind == "title":
                    found_at = [p for p in found_at if p < focus_end]
                    if not found_at:
                        continue
                if not together:
                    if not near_points:
                        continue
                    points, reason = near_points, Reason("keyword_near", (display(text),))
                else:
                    typo = next((typos[p] for p in found_at if p in typos), None)
                    if typo is not None:
                        points *= FUZZY
                        reason = Reason("keyword_fuzzy", (display(text), typo[0]))
                    else:
                        reason = Reason("title" if kind == "title" else "keyword", (display(text),))
                hits.setdefault(owner, []).append((points, number, reason, frozenset(found_at)))

        evidence: dict[int, list[tuple[float, Reason]]] = {}
        for owner, found in hits.items():
            # Count each stretch of the tender once (the strongest pattern explains it), and let
            # each further piece of evidence count less than the one before.
            used: set[int] = set()
            kept: list[tuple[float, Reason]] = []
            # Ties go to the pattern listed first in the catalogue: the same in every process.
            for points, _number, reason, positions in sorted(found, key=lambda h: (-h[0], h[1])):
                if positions <= used:
                    continue
                used |= positions
                kept.append((points * DECAY ** len(kept), reason))
            evidence[owner] = kept
        for owner, (closeness, reason) in self._cpv(codes).items():
            evidence.setdefault(owner, []).append((W_CPV * closeness, reason))
            evidence[owner].sort(key=lambda item: -item[0])
        return evidence

    def _strengths(
        self, evidence: dict[int, list[tuple[float, Reason]]]
    ) -> list[tuple[float, SectorProfile, list[Reason]]]:
        """How strongly the tender belongs to each sector (0-1), strongest first, with the two best reasons."""
        found = []
        for owner, items in evidence.items():
            sector = self._sector_of.get(owner)
            if sector is not None and items:
                strength = 1.0 - math.exp(-sum(p for p, _ in items) / SECTOR_K)
                found.append((strength, sector, [r for _, r in items[:2]]))
        found.sort(key=lambda s: (-s[0], s[1].id))
        return found

    def _rank(
        self,
        tender: Tender,
        evidence: dict[int, list[tuple[float, Reason]]],
        strengths: list[tuple[float, SectorProfile, list[Reason]]],
        lang: str,
        kind: str | None,
        source: str,
        top: int,
    ) -> list[Match]:
        from_sectors: dict[int, list[tuple[float, Reason]]] = {}
        for strength, sector, reasons in strengths:
            why = reasons[0] if len(reasons) == 1 else Reason("joined", tuple(reasons))
            for rank, clause_id in enumerate(sector.recommended):
                owner = self._owner_of.get(clause_id)
                if owner is not None:
                    points = W_SECTOR * strength / (1 + SECTOR_DECAY * rank)
                    from_sectors.setdefault(owner, []).append((points, Reason("sector", (why, sector_title(sector)))))
        strong = [s for s in strengths if s[0] >= MIN_SECTOR]
        threshold = LOTS_THRESHOLDS.get(kind or "services", 0)
        big_without_lots = (
            tender.value is not None
            and not tender.lots
            and tender.value >= threshold
            and (tender.currency or "EUR").upper() == "EUR"
        )

        # Only clauses with some evidence can score: the query costs what it finds, not the catalogue size.
        candidates = {o for o in evidence if o in self._clause_of} | set(from_sectors)
        if kind == "works":
            candidates.update(self._training)
        if strong:
            candidates.update(self._reserved)
        if big_without_lots:
            candidates.update(self._lots)
        scored: list[tuple[int, str, Clause, list[tuple[float, Reason]]]] = []
        for owner in candidates:
            clause = self._clause_of[owner]
            items = list(evidence.get(owner, ()))
            sector_items = sorted(from_sectors.get(owner, ()), key=lambda item: -item[0])
            if sector_items:
                # The best sector counts fully; a second one adds a quarter (sectors overlap).
                items.append(sector_items[0])
                items += [(p * 0.25, r) for p, r in sector_items[1:2]]
            if big_without_lots and clause.instrument == "lots":
                items.append((W_LOTS, Reason("no_lots", (euros(tender.value or 0),))))
            if kind == "works" and "training" in clause.themes:
                items.append((W_TRAINING_WORKS, Reason("training_works", (SOURCES[source],))))
            factor = 1.0
            penalties: list[Reason] = []
            if clause.instrument == "reserved_contract" and strong:
                strength, sector, _ = strong[0]
                if sector.social_economy_active:
                    items.append((W_RESERVED * strength, Reason("reserved", (sector_title(sector),))))
                else:
                    factor *= NO_SOCIAL_ECONOMY
                    penalties.append(Reason("reserved_not", (sector_title(sector),)))
            if not items:
                continue
            if kind and kind not in clause.contract_types:
                factor *= TYPE_MISMATCH
                penalties.append(Reason("type_mismatch", (contract_types_text(clause.contract_types), SOURCES[source])))
            points = sum(p for p, _ in items) * factor
            score = round(100 * (1 - math.exp(-points / K)))
            if score < MIN_SCORE:
                continue
            scored.append((score, clause.id, clause, [*items, *((0.0, r) for r in penalties)]))

        best = heapq.nsmallest(top, scored, key=lambda s: (-s[0], s[1])) if top > 0 else []
        matches = []
        for score, cid, clause, items in best:
            items.sort(key=lambda item: -item[0])  # stable: the penalties (0 points) stay last
            # Show what carried the score: reasons worth a tenth of the strongest, at most five,
            # and every penalty.
            floor = items[0][0] / 10
            shown = grouped([r for p, r in items if p >= floor][:MAX_REASONS]) + [r for p, r in items if p == 0.0]
            matches.append(
                Match(
                    id=cid,
                    clause=clause,
                    score=score,
                    reasons=tuple(r.text(lang) for r in shown),
                    evidence=tuple(shown),
                    lang=lang,
                )
            )
        return matches

    def _cpv(self, codes: list[str]) -> dict[int, tuple[float, Reason]]:
        """Per owner, the closest relation between a tender code and one of its codes."""
        best: dict[int, tuple[float, Reason]] = {}

        def offer(owner: int, closeness: float, reason: Reason) -> None:
            if closeness > best.get(owner, (0.0, reason))[0]:
                best[owner] = (closeness, reason)

        for code in codes:
            significant = prefix(code)
            for length in range(len(significant), 1, -1):
                for owner, other in self.index.cpv_exact.get(significant[:length], ()):
                    # The tender's code lies under (or is) the owner's code; a division says less.
                    closeness = {2: 0.6, 3: 0.85}.get(length, 1.0)
                    offer(
                        owner,
                        closeness,
                        Reason("cpv_equal", (code,)) if other == code else Reason("cpv_under", (code, other)),
                    )
            for owner, other in self.index.cpv_below.get(significant, ()):
                # The owner's code lies under the tender's broader code.
                offer(owner, {2: 0.3, 3: 0.5}.get(len(significant), 0.7), Reason("cpv_under", (other, code)))
            for length in range(len(significant) - 1, 2, -1):
                group = significant[:length]
                for owner, other in self.index.cpv_below.get(group, ()):
                    # Siblings: the same group (3 digits) or class (4 digits and more).
                    offer(
                        owner,
                        {3: 0.15, 4: 0.3}.get(length, 0.5),
                        Reason("cpv_sibling", (code, other, group.ljust(8, "0"))),
                    )
        return best


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
    for window in (len(lists), NEAR_WINDOW):
        for start in lists[0]:
            chosen = [start]
            for other in lists[1:]:
                q = min(other, key=lambda p: abs(p - start))
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
