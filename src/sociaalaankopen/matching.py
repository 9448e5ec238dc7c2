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

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import cache as _cache
from .cpv import prefix
from .model import Clause, SectorProfile, Tender
from .text import (
    ALL_STOPWORDS,
    DOMAIN_WORDS,
    LANGS,
    PROCUREMENT_WORDS,
    CompoundSplitter,
    cpv_words,
    detect_language,
    fold,
    stem,
    stemmer_version,
    words,
)
from .vocab import CONTRACT_TYPES, label

if TYPE_CHECKING:
    from .catalogue import Catalogue

# --- weights (points before saturation) -------------------------------------------------------------

W_KEYWORD = 20.0  # a clause keyword found in the tender, at full specificity
W_TITLE = 6.0  # a word of the clause title or summary
W_SECTOR = 34.0  # a clause recommended first by a sector the tender clearly belongs to
W_CPV = 22.0  # a tender CPV code under one of the clause's own codes
W_TRAINING_WORKS = 14.0  # a training clause on a works contract
W_RESERVED = 12.0  # a reserved contract where the sector has social-economy suppliers
W_LOTS = 16.0  # a clause about lots, for a contract above the European threshold that has no lots
K = 50.0  # saturation: 50 points give a score of 63, 100 points give 86
SECTOR_K = 20.0  # saturation of a sector's strength (0..1)
SECTOR_DECAY = 0.15  # weight of the n-th recommended clause: 1 / (1 + 0.15 · n)
NEAR = 0.5  # a phrase whose words are near each other (within NEAR_WINDOW words) but not together
NEAR_WINDOW = 10
FOCUS_WORDS = 30  # without a title, the first words of the description stand in for it
DECAY = 0.6  # the n-th piece of direct evidence for one clause counts DECAY ** n: the first says most
PARTS = 0.85  # a one-word keyword found through its compound parts
FUZZY = 0.8  # a word read through a typo
TYPE_MISMATCH = 0.4  # share of points kept by a clause not meant for the tender's contract type
NO_SOCIAL_ECONOMY = 0.5  # share kept by a reserved contract when the sector has no social-economy offer
MIN_SCORE = 10  # below this, a match is noise and is not returned
MAX_REASONS = 5
# From which estimated value (EUR, excl. VAT) a contract without lots brings up the lots clauses. Art. 58
# of the Act of 17 June 2016 asks the buyer to consider lots and to state why it does not divide, whatever
# the value; the matcher raises it for large contracts only, taking the European thresholds for sub-central
# buyers (2024-2025) as the mark of "large". A heuristic, not a legal threshold.
LOTS_THRESHOLDS = {"works": 5_538_000, "supplies": 221_000, "services": 221_000}
MIN_SECTOR = 0.35  # a sector this strong counts for the reservation rule
MIN_FUZZY_LENGTH = 5  # shorter words with a typo are too ambiguous to correct
TWO_TYPOS_LENGTH = 9  # from this length on, a word may have two typos

# --- reasons -------------------------------------------------------------------------------------------

Text = str | tuple[str, str, str]  # a plain string, or (nl, fr, en)
T = TypeVar("T")

_TEMPLATES: dict[str, tuple[str, str, str]] = {
    "keyword": ("trefwoord '{0}'", "mot-clé « {0} »", "keyword '{0}'"),
    "keyword_fuzzy": (
        "trefwoord '{0}' (geschreven als '{1}')",
        "mot-clé « {0} » (écrit « {1} »)",
        "keyword '{0}' (written '{1}')",
    ),
    "keyword_near": (
        "de woorden van '{0}', dicht bij elkaar",
        "les mots de « {0} », proches l'un de l'autre",
        "the words of '{0}', close together",
    ),
    "title": (
        "woord '{0}' uit titel of samenvatting",
        "mot « {0} » du titre ou du résumé",
        "word '{0}' from the title or summary",
    ),
    "sector": ("past bij sector {1}: {0}", "correspond au secteur {1} : {0}", "fits sector {1}: {0}"),
    "direct": ("bij deze clausule: {0}", "pour cette clause : {0}", "for this clause: {0}"),
    "cpv_equal": ("CPV {0} (zelfde code)", "CPV {0} (même code)", "CPV {0} (same code)"),
    "cpv_under": ("CPV {0} valt onder {1}", "CPV {0} relève de {1}", "CPV {0} falls under {1}"),
    "cpv_sibling": (
        "CPV {0} en {1} delen groep {2}",
        "CPV {0} et {1} partagent le groupe {2}",
        "CPV {0} and {1} share group {2}",
    ),
    "training_works": (
        "werken{0}: opleidingsclausules passen bij werken",
        "travaux{0} : les clauses de formation conviennent aux travaux",
        "works{0}: training clauses suit works",
    ),
    "reserved": (
        "sociale economie actief in sector {0}: voorbehouden kan",
        "économie sociale active dans le secteur {0} : la réservation est possible",
        "social economy active in sector {0}: reserving is possible",
    ),
    "reserved_not": (
        "weinig sociale economie in sector {0}: voorbehouden is moeilijk",
        "peu d'économie sociale dans le secteur {0} : réserver est difficile",
        "little social economy in sector {0}: reserving is hard",
    ),
    "no_lots": (
        "opdracht van {0} zonder percelen: overweeg percelen en motiveer als u niet verdeelt (art. 58)",
        "marché de {0} sans lots : envisagez l'allotissement et motivez si vous n'allotissez pas (art. 58)",
        "contract of {0} without lots: consider lots and state why if you do not divide (art. 58)",
    ),
    "type_mismatch": (
        "past minder: bedoeld voor {0}{1}",
        "convient moins : prévue pour {0}{1}",
        "fits less: meant for {0}{1}",
    ),
}
_SOURCES: dict[str, tuple[str, str, str]] = {
    "given": ("", "", ""),
    "cpv": (" (volgens CPV)", " (selon le CPV)", " (from CPV)"),
    "words": (" (volgens de titel)", " (selon le titre)", " (from the title)"),
}
_AND = {"nl": " of ", "fr": " ou ", "en": " or "}


class Reason(NamedTuple):
    """Why a clause matched, in a form that renders in nl, fr or en. Kind 'joined' lists its args."""

    kind: str
    args: tuple[Text | Reason, ...] = ()

    def text(self, lang: str = "nl") -> str:
        i = LANGS.index(lang) if lang in LANGS else 0
        rendered = [a.text(lang) if isinstance(a, Reason) else a if isinstance(a, str) else a[i] for a in self.args]
        if self.kind == "joined":
            return ", ".join(rendered)
        return _TEMPLATES[self.kind][i].format(*rendered)

    def __str__(self) -> str:
        return self.text("nl")


# --- results -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One clause that fits a tender, its score (0-100) and the reasons, in the tender's language."""

    id: str
    clause: Clause
    score: int
    reasons: tuple[str, ...]
    evidence: tuple[Reason, ...] = field(repr=False, default=())
    lang: str = "nl"

    def reasons_in(self, lang: str) -> list[str]:
        return [r.text(lang) for r in self.evidence]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON form (see docs/matching.md): title and reasons in `lang`, default the tender's language."""
        lang = lang or self.lang
        return {
            "id": self.id,
            "title": self.clause.title.get(lang),
            "instrument": self.clause.instrument,
            "themes": list(self.clause.themes),
            "ambition": self.clause.ambition,
            "score": self.score,
            "reasons": self.reasons_in(lang),
        }


@dataclass(frozen=True)
class MatchResult:
    """A tender as the matcher read it (language and contract type filled in) and its matches."""

    tender: Tender
    inferred: tuple[str, ...]
    matches: list[Match]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        tender = self.tender.model_dump(mode="json")
        tender["inferred"] = list(self.inferred)
        return {"tender": tender, "matches": [m.to_dict(lang) for m in self.matches]}


# --- the index ---------------------------------------------------------------------------------------

# A pattern: (owner, kind, slots, points, points when only near, text). Each slot holds the keys that
# satisfy one word of the phrase. Tuples of interned strings: the cached index loads in milliseconds.
Slot = tuple[str, ...]
Pattern = tuple[int, str, tuple[Slot, ...], float, float, str]


class Lexicon(NamedTuple):
    """What only some tenders need: real words per language, to break language-detection ties and to tell
    a typo from a real word, and the typo candidates. The matcher loads it from the cache on demand."""

    vocabulary: dict[str, frozenset[str]]  # per language: words of the CPV labels and the catalogue
    known: frozenset[str]  # 'lang:stem' keys of the CPV label words: inflections of real words
    by_length: dict[tuple[str, int], list[str]]  # index words by first letter and length (two-edit candidates)
    deletes: dict[str, tuple[str, ...]]  # an index word with one letter left out -> those index words


class Index(NamedTuple):
    """Everything the matcher needs that depends only on the catalogue: built once, cached on disk."""

    owners: list[tuple[str, str]]  # (kind 'clause' | 'sector', id)
    patterns: list[Pattern]
    postings: dict[str, list[int]]  # key of a pattern's first word -> pattern numbers
    keys: frozenset[str]  # every key any pattern uses
    surfaces: dict[str, tuple[str, ...]]  # a folded index word -> its keys (for typo correction)
    splitter: CompoundSplitter
    cpv_exact: dict[str, list[tuple[int, str]]]  # significant CPV digits -> (owner, code)
    cpv_below: dict[str, list[tuple[int, str]]]  # a CPV prefix -> (owner, code) strictly under it
    acronyms: frozenset[str]  # stopwords that some keyword writes in capitals ('IT')
    lexicon: Lexicon | None  # cached apart, loaded on demand


_BACKGROUND: tuple[dict[str, int], int] | None = None


def _cpv_background() -> tuple[dict[str, int], int]:
    """In how many CPV labels each key occurs: a word in many labels ('diensten') says little."""
    global _BACKGROUND
    if _BACKGROUND is None:
        import csv
        from importlib import resources

        text = resources.files("sociaalaankopen").joinpath("data/cpv_2008.csv").read_text("utf-8")
        counts: dict[str, int] = {}
        rows = list(csv.DictReader(text.splitlines()))
        for row in rows:
            for lang in LANGS:
                keys: set[str] = set()
                for w in words(row[f"label_{lang}"]):
                    f = fold(w)
                    if f not in ALL_STOPWORDS:
                        keys.add(f)
                        keys.add(f"{lang}:{stem(w, lang)}")
                for k in keys:
                    counts[k] = counts.get(k, 0) + 1
        _BACKGROUND = (counts, len(rows))
    return _BACKGROUND


def _specificity(key_sets: Iterable[Iterable[str]], background: Mapping[str, int], total: int) -> list[float]:
    """Per word, 1 for a word no CPV label uses, falling to 0.25 for a word in a thousand labels."""
    top = math.log(total + 1)
    found = []
    for keys in key_sets:
        if not PROCUREMENT_WORDS.isdisjoint(keys):
            found.append(0.25)
            continue
        df = min((background.get(k, 0) for k in keys), default=0)
        found.append(max(0.25, min(1.0, math.log((total + 1) / (df + 1)) / top)))
    return found


def _slot(word: str, lang: str) -> Slot:
    word = word.lower()
    return _interned(fold(word), f"{lang}:{stem(word, lang)}")


def _interned(*keys: str) -> Slot:
    return tuple(sys.intern(k) for k in sorted(set(keys)))


def _acronym(word: str) -> bool:
    """'IT' in 'IT services' is no pronoun: a word in capitals is kept even when it is a stopword."""
    return len(word) <= 5 and word.isupper()


def _content(text: str) -> list[str]:
    return [w for w in words(text, keep_case=True) if fold(w) not in ALL_STOPWORDS or _acronym(w)]


def build_index(clauses: Iterable[Clause], sectors: Iterable[SectorProfile]) -> Index:
    """Index the clauses and sector profiles. Linear in their number; the CPV background is built once."""
    clauses, sectors = list(clauses), list(sectors)
    background, total = _cpv_background()
    owners: list[tuple[str, str]] = [("clause", c.id) for c in clauses] + [("sector", s.id) for s in sectors]
    vocabulary: dict[str, set[str]] = {lang: set(cpv_words(lang)) for lang in LANGS}
    # Compound parts: the catalogue's words, the domain words, and the Dutch CPV words common enough
    # to be used in two labels (the rare ones, 'microfiche-uitrusting', make no tender compounds).
    lexicon: set[str] = set(cpv_words("nl", min_labels=2)) | set(DOMAIN_WORDS)
    items: list[Clause | SectorProfile] = [*clauses, *sectors]
    for item in items:
        for lang in LANGS:
            for phrase in [*item.keywords.get(lang), item.title.get(lang)]:
                folded = [fold(w) for w in words(phrase)]
                vocabulary[lang].update(folded)
                if lang == "nl":
                    lexicon.update(folded)
    splitter = CompoundSplitter(lexicon)

    patterns: list[Pattern] = []
    acronyms: set[str] = set()

    def add_phrase(owner: int, phrase: str, lang: str, weight: float) -> None:
        content = _content(phrase)
        if all(fold(w) in ALL_STOPWORDS for w in content):
            return  # nothing, or only an acronym that is also a stopword ('EN' of 'EN 301 549'): too ambiguous
        acronyms.update(fold(w) for w in content if fold(w) in ALL_STOPWORDS)
        slots = tuple(_slot(w, lang) for w in content)
        specs = _specificity(slots, background, total)
        # A phrase is at least as specific as its most specific word, more when its words are all fairly rare.
        spec = 1.0 - math.prod(1.0 - s for s in specs)
        patterns.append((owner, "keyword", slots, weight * min(1.0, spec), weight * max(specs) * NEAR, phrase))
        if lang == "nl" and len(content) == 1:
            top_parts = splitter.top(fold(content[0]))
            if len(top_parts) > 1:
                part_slots = tuple(_interned(p, f"nl:{stem(p, 'nl')}") for p in top_parts)
                points = weight * min(1.0, specs[0]) * PARTS
                patterns.append((owner, "parts", part_slots, points, points * NEAR, phrase))

    # Title words, and those summary words that are keyword words somewhere in the catalogue (the
    # rest of a summary is sentence: 'mogen', 'volume'), weighted by how few clauses use them.
    topical = {fold(w) for item in items for phrase in item.keywords.all() for w in words(phrase)}
    title_keys: list[dict[Slot, str]] = []
    df: dict[Slot, int] = {}
    for clause in clauses:
        seen: dict[Slot, str] = {}
        for lang in LANGS:
            candidates = _content(clause.title.get(lang))
            candidates += [w for w in _content(clause.summary.get(lang)) if fold(w) in topical]
            for w in candidates:
                if len(w) >= 4 and fold(w) not in PROCUREMENT_WORDS:
                    seen.setdefault(_slot(w, lang), w)
        title_keys.append(seen)
        for slot in seen:
            df[slot] = df.get(slot, 0) + 1

    for n, clause in enumerate(clauses):
        for lang in LANGS:
            for phrase in clause.keywords.get(lang):
                add_phrase(n, phrase, lang, W_KEYWORD)
        for slot, word in title_keys[n].items():
            idf = math.log(1 + len(clauses) / df[slot]) / math.log(1 + len(clauses))
            spec = _specificity([slot], background, total)[0]
            if idf * spec >= 0.35:
                patterns.append((n, "title", (slot,), W_TITLE * idf * spec, 0.0, word))
    for m, sector in enumerate(sectors, start=len(clauses)):
        for lang in LANGS:
            for phrase in [sector.title.get(lang), *sector.keywords.get(lang)]:
                add_phrase(m, phrase, lang, W_KEYWORD)

    postings: dict[str, list[int]] = {}
    keys: set[str] = set()
    surfaces: dict[str, set[str]] = {}
    for number, (_owner, _kind, slots, _points, _near, _text) in enumerate(patterns):
        for key in slots[0]:
            postings.setdefault(key, []).append(number)
        for slot in slots:
            keys.update(slot)
            for key in slot:
                if ":" not in key and len(key) >= MIN_FUZZY_LENGTH:
                    surfaces.setdefault(key, set()).update(slot)
    by_length: dict[tuple[str, int], list[str]] = {}
    deletes: dict[str, list[str]] = {}
    for surface in sorted(surfaces):
        by_length.setdefault((surface[0], len(surface)), []).append(surface)
        for variant in _deletes(surface):
            deletes.setdefault(variant, []).append(surface)

    cpv_exact: dict[str, list[tuple[int, str]]] = {}
    cpv_below: dict[str, list[tuple[int, str]]] = {}
    owned: list[list[str]] = [list(c.cpv) for c in clauses] + [list(s.cpv) for s in sectors]
    for owner, codes in enumerate(owned):
        for code in codes:
            significant = prefix(code)
            cpv_exact.setdefault(significant, []).append((owner, code))
            for length in range(2, len(significant)):
                cpv_below.setdefault(significant[:length], []).append((owner, code))

    return Index(
        owners=owners,
        patterns=patterns,
        postings=postings,
        keys=frozenset(keys),
        surfaces={k: tuple(sorted(v)) for k, v in surfaces.items()},
        splitter=splitter,
        cpv_exact=cpv_exact,
        cpv_below=cpv_below,
        acronyms=frozenset(acronyms),
        lexicon=Lexicon(
            vocabulary={lang: frozenset(v) for lang, v in vocabulary.items()},
            known=frozenset(k for k in background if ":" in k),
            by_length=by_length,
            deletes={k: tuple(v) for k, v in deletes.items()},
        ),
    )


def _deletes(word: str) -> set[str]:
    """The word itself and every way to leave one letter out: two words one edit apart share one of these."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


# --- the matcher -------------------------------------------------------------------------------------


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
    ) -> None:
        self.index = index
        self.clauses = clauses
        self.sectors = sectors
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

    def match_tender(self, tender: Tender | str, top: int = 5) -> MatchResult:
        """Like `match`, and also the tender as read: its language and contract type, detected if absent."""
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
        matches = self._rank(tender, evidence, strengths, lang, kind, source, top)
        return MatchResult(tender.model_copy(update={"lang": lang, "type": kind}), tuple(inferred), matches)

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
        near = {s for variant in _deletes(word) for s in deletes.get(variant, ()) if s[0] == word[0]}
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
                    points, reason = near_points, Reason("keyword_near", (_display(text),))
                else:
                    typo = next((typos[p] for p in found_at if p in typos), None)
                    if typo is not None:
                        points *= FUZZY
                        reason = Reason("keyword_fuzzy", (_display(text), typo[0]))
                    else:
                        reason = Reason("title" if kind == "title" else "keyword", (_display(text),))
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
                    from_sectors.setdefault(owner, []).append((points, Reason("sector", (why, _title(sector)))))
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
                items.append((W_LOTS, Reason("no_lots", (_euros(tender.value or 0),))))
            if kind == "works" and "training" in clause.themes:
                items.append((W_TRAINING_WORKS, Reason("training_works", (_SOURCES[source],))))
            factor = 1.0
            penalties: list[Reason] = []
            if clause.instrument == "reserved_contract" and strong:
                strength, sector, _ = strong[0]
                if sector.social_economy_active:
                    items.append((W_RESERVED * strength, Reason("reserved", (_title(sector),))))
                else:
                    factor *= NO_SOCIAL_ECONOMY
                    penalties.append(Reason("reserved_not", (_title(sector),)))
            if not items:
                continue
            if kind and kind not in clause.contract_types:
                factor *= TYPE_MISMATCH
                penalties.append(Reason("type_mismatch", (_types(clause.contract_types), _SOURCES[source])))
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
            shown = _grouped([r for p, r in items if p >= floor][:MAX_REASONS]) + [r for p, r in items if p == 0.0]
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


# Evidence found on the clause itself (its keywords, title and CPV codes), as opposed to its sector.
_DIRECT = frozenset({"keyword", "keyword_fuzzy", "keyword_near", "title", "cpv_equal", "cpv_under", "cpv_sibling"})


def _grouped(reasons: list[Reason]) -> list[Reason]:
    """Join the clause's own evidence into one reason, where the strongest of it stood."""
    direct = [r for r in reasons if r.kind in _DIRECT]
    if len(direct) < 2:
        return reasons
    out: list[Reason] = []
    for reason in reasons:
        if reason.kind not in _DIRECT:
            out.append(reason)
        elif reason is direct[0]:
            out.append(Reason("direct", (Reason("joined", tuple(direct)),)))
    return out


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


def _euros(value: float) -> str:
    return "€ " + f"{value:,.0f}".replace(",", ".")


def _display(text: str) -> str:
    """A catalogue phrase as quoted in a reason: 'Groenonderhoud' -> 'groenonderhoud', 'ICT' stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _title(sector: SectorProfile) -> tuple[str, str, str]:
    return (sector.title.nl, sector.title.fr, sector.title.en)


def _types(types: Iterable[str]) -> tuple[str, str, str]:
    ids = list(types)
    return tuple(  # type: ignore[return-value]
        _AND[lang].join(label(CONTRACT_TYPES, t, lang).lower() for t in ids) for lang in LANGS
    )


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


# --- building or loading the matcher of a catalogue ---------------------------------------------------

_LOADED: dict[str, Matcher] = {}


def _code_version() -> str:
    """The matcher's own sources take part in the cache key: change the scoring, rebuild the index."""
    here = Path(__file__).resolve().parent
    parts = []
    for name in ("matching.py", "text.py", "cpv.py"):
        try:
            parts.append(str((here / name).stat().st_mtime_ns))
        except OSError:
            parts.append("?")
    parts.append(stemmer_version())
    return "-".join(parts)


def _without_gc(load: Callable[[], T]) -> T:
    """Run `load` with the garbage collector paused: unpickling an index creates some hundred thousand
    objects, and the collections they would trigger cost more than the unpickling itself."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return load()
    finally:
        if enabled:
            gc.enable()


def matcher_for(catalogue: Catalogue) -> Matcher:
    """The matcher of a catalogue: from memory, from the disk cache, or built (and cached).

    The lexicon is cached apart from the index: most tenders never need it, and a `match` call
    should not pay for loading it."""
    key = _cache.digest([catalogue.fingerprint.encode(), _code_version().encode()])
    matcher = _LOADED.get(key)
    if matcher is None:
        built: dict[str, Lexicon | None] = {}

        def build() -> Index:
            index = build_index(catalogue.clauses.values(), catalogue.sectors.values())
            built["lexicon"] = index.lexicon
            return index._replace(lexicon=None)

        def lexicon() -> Lexicon:
            found = _without_gc(
                lambda: _cache.cached(
                    "lexicon",
                    key,
                    lambda: (
                        built.get("lexicon")
                        or build_index(catalogue.clauses.values(), catalogue.sectors.values()).lexicon
                    ),
                )
            )
            assert found is not None
            return found

        index = _without_gc(lambda: _cache.cached("matcher", key, build))
        if "lexicon" in built:
            lexicon()  # just built: store it now
        matcher = Matcher(index, catalogue.clauses, catalogue.sectors, lexicon)
        if len(_LOADED) > 4:
            _LOADED.clear()
        _LOADED[key] = matcher
    return matcher


__all__ = ["Index", "Lexicon", "Match", "MatchResult", "Matcher", "Reason", "build_index", "matcher_for"]
