"""The index over a catalogue: patterns of keys per clause and sector, CPV tables, typo candidates."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ..cpv import prefix
from ..model import Clause, SectorProfile
from ..text import ALL_STOPWORDS, DOMAIN_WORDS, LANGS, PROCUREMENT_WORDS, CompoundSplitter, cpv_words, fold, stem, words
from .weights import MIN_FUZZY_LENGTH, NEAR, PARTS, TWO_TYPOS_LENGTH, W_KEYWORD, W_TITLE

# A pattern: (owner, kind, slots, points, points when only near, text). Each slot holds the keys that
# satisfy one word of the phrase. Tuples of interned strings: the cached index loads in milliseconds.
Slot = tuple[str, ...]
Pattern = tuple[int, str, tuple[Slot, ...], float, float, str]


class Lexicon(NamedTuple):
    """What only some tenders need: real words per language, to break language-detection ties and to tell
    a typo from a real word, and the typo candidates. The matcher loads it from the cache on demand."""

    vocabulary: dict[str, frozenset[str]]  # per language: words of the CPV labels and the catalogue
    known: frozenset[str]  # 'lang:stem' keys of the CPV label words: inflections of real words
    deletes: dict[str, tuple[str, ...]]  # an index word with one letter left out -> those index words
    # The same with up to two letters left out, for the index words long enough to be read through two
    # typos: two words two edits apart share one of these (the candidates of a long word, without a scan).
    # The words are joined by spaces: a hundred thousand strings load faster than as many tuples.
    deletes2: dict[str, str]


class Index(NamedTuple):
    """Everything the matcher needs that depends only on the catalogue: built once, cached on disk."""

    owners: list[tuple[str, str]]  # (kind 'clause' | 'sector', id)
    patterns: list[Pattern]
    # Patterns with the same words (a keyword that several clauses and sectors share) form one phrase:
    # a tender looks each phrase up once, however many clauses use it.
    phrases: list[tuple[Slot, ...]]
    members: list[tuple[int, ...]]  # per phrase, its pattern numbers in catalogue order
    postings: dict[str, list[int]]  # key of a phrase's rarest word -> phrase numbers
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
        from ..cpv import cpv_codes

        counts: dict[str, int] = {}
        rows = cpv_codes().values()
        for row in rows:
            for lang in LANGS:
                keys: set[str] = set()
                for w in words(row.label(lang)):
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

    phrase_of: dict[tuple[Slot, ...], int] = {}
    members: list[list[int]] = []
    postings: dict[str, list[int]] = {}
    keys: set[str] = set()
    surfaces: dict[str, set[str]] = {}
    for number, (_owner, _kind, slots, _points, _near, _text) in enumerate(patterns):
        shared = phrase_of.get(slots)
        if shared is None:
            shared = phrase_of[slots] = len(members)
            members.append([])
            for key in _rarest(slots, background):
                postings.setdefault(key, []).append(shared)
        members[shared].append(number)
        for slot in slots:
            keys.update(slot)
            for key in slot:
                if ":" not in key and len(key) >= MIN_FUZZY_LENGTH:
                    surfaces.setdefault(key, set()).update(slot)
    deletes: dict[str, list[str]] = {}
    deletes2: dict[str, list[str]] = {}
    for surface in sorted(surfaces):
        for variant in one_letter_less(surface):
            deletes.setdefault(variant, []).append(surface)
        if len(surface) >= TWO_TYPOS_LENGTH - 2:
            for variant in two_letters_less(surface):
                deletes2.setdefault(variant, []).append(surface)

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
        phrases=list(phrase_of),
        members=[tuple(m) for m in members],
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
            deletes={k: tuple(v) for k, v in deletes.items()},
            deletes2={k: " ".join(v) for k, v in deletes2.items()},
        ),
    )


def one_letter_less(word: str) -> set[str]:
    """The word itself and every way to leave one letter out: two words one edit apart share one of these."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def two_letters_less(word: str) -> set[str]:
    """The word with up to two letters left out: two words up to two edits apart share one of these."""
    ones = [word[:i] + word[i + 1 :] for i in range(len(word))]
    # From the word without its i-th letter, leave out a later one (j >= i there): each pair once.
    found = {one[:j] + one[j + 1 :] for i, one in enumerate(ones) for j in range(i, len(one))}
    found.update(ones)
    found.add(word)
    return found


def _rarest(slots: tuple[Slot, ...], background: Mapping[str, int]) -> Slot:
    """The word of a phrase that tenders use least (by the CPV labels): a phrase is found only when all
    its words are, so it is looked up under this one, and a tender probes few phrases it cannot find."""
    if len(slots) == 1:
        return slots[0]
    return min(slots, key=lambda slot: max(background.get(k, 0) for k in slot))
