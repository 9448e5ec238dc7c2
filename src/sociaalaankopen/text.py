"""Text normalisation for matching: folding, words, stopwords, stemming, Dutch compounds, language.

Everything here works on single words and is memoised, because the same few thousand words come
back in every tender: a batch of notices spends its time in dictionary look-ups, not in Snowball.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from typing import Any

LANGS: tuple[str, ...] = ("nl", "fr", "en")

_WORD = re.compile(r"[^\W\d_]{2,}")  # runs of two letters or more: single letters are no words
# The same for text made of Latin letters only, spelt out as ranges: about twice as fast as the Unicode
# categories above, and built from them (each character below U+0250 tested), so it finds the same words.
_LATIN_END = "\u0250"
_LETTERS = [c for c in map(chr, range(ord(_LATIN_END))) if re.fullmatch(r"[^\W\d_]", c)]
_LATIN_WORD = re.compile(
    "["
    + "".join(
        re.escape(run[0]) + ("-" + re.escape(run[-1]) if len(run) > 1 else "")
        for run in (
            [c for _, c in group]
            for _, group in itertools.groupby(enumerate(_LETTERS), lambda pair: ord(pair[1]) - pair[0])
        )
    )
    + "]{2,}"
)
# A text whose other characters are all typographic signs (no letters: separators in both patterns)
# is read with the Latin pattern; any other character sends it to the Unicode one.
_SIGNS = "".join(c for c in "‘’‚“”„–—−…•·€″′‹›" if not re.fullmatch(r"[^\W\d_]", c))
_NOT_LATIN = re.compile(f"[^\\x00-{chr(ord(_LATIN_END) - 1)}{_SIGNS}]")
# Characters that NFKD does not decompose into a base letter plus accents.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "ł": "l"})
_HAS_LIGATURE = re.compile("[œŒæÆßøł]")  # a search is much faster than translating a whole notice


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short function words. Folded (no accents), because tokens are folded before they are looked up.
STOPWORDS: dict[str, frozenset[str]] = {
    "nl": _words(
        """aan al alle alleen als altijd andere ben bij binnen dan dat de der deze die dit doch doen door dus
        een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is
        ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons
        ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen
        wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder zou tussen via per inzake betreffende
        zoals waarbij waarvan welke dient deze hierbij evenals alsook tevens"""
    ),
    "fr": _words(
        """au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon
        ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre
        vous est sont ete etre avoir ont fait comme dont cette cet celui celle ceux entre sans sous selon lors
        afin ainsi aussi tout tous toute toutes plus chaque leurs ni si vers chez"""
    ),
    "en": _words(
        """a about above after again all am an and any are as at be been before being below between both but by
        can could did do does doing down during each few for from further had has have having he her here hers
        him his how i if in into is it its itself me more most my no nor not of off on once only or other our
        out over own same she should so some such than that the their them then there these they this those
        through to too under until up very was we were what when where which while who whom why will with would
        you your within upon including"""
    ),
}
ALL_STOPWORDS: frozenset[str] = frozenset().union(*STOPWORDS.values())
# Per stopword, the languages that use it ('en' is Dutch and French): one look-up per word.
_STOPWORD_LANGS: dict[str, tuple[str, ...]] = {
    w: tuple(lang for lang in LANGS if w in STOPWORDS[lang]) for w in ALL_STOPWORDS
}

# Words every tender uses, whatever it buys: they say how it is bought, not what. A keyword made of
# them alone is weak evidence, and they never count as title words. (Lots are not among them: the
# catalogue has clauses about dividing into lots.)
PROCUREMENT_WORDS: frozenset[str] = _words(
    """opdracht opdrachten overheidsopdracht aanbesteding aanbestedingen aanbesteder aanbestedende opdrachtgever
    opdrachtnemer inschrijver inschrijvers offerte offertes bestek raamovereenkomst overeenkomst contract
    procedure plaatsing gunning uitvoering levering diensten dienst project
    aankondiging clausule clausules voorwaarde voorwaarden minimum maximum aantal deel eigen jaar jaren periode
    duur kader betreft voorzien geraamd waarde bedrag euro onder andere nieuwe nieuw
    marche marches public publics publique publiques pouvoir adjudicateur adjudicataire titulaire soumissionnaire
    soumissionnaires offre offres cahier charges accord cadre contrat contrats execution prestation prestations
    objet consultation procedure attribution condition conditions clause clauses exploitation gestion duree
    montant nombre partie type services service annee annees periode ensemble cadre present presente
    contracting authority tender tenders tenderer tenderers contractor bid bids framework agreement award
    procurement notice clause clauses condition conditions number part year years period value amount
    including provision"""
)

# Dutch roots that buyers compound into tender titles but that the CPV labels rarely show on
# their own ("groen" only appears inside "groenvoorzieningen"). They help split compounds;
# the catalogue keywords and CPV labels add the rest.
DOMAIN_WORDS: frozenset[str] = _words(
    """groen haag heg hagen scheer scheren maai maaien snoei snoeien onderhoud schoonmaak schoon poets poetsen
    reiniging dienst diensten werk werken levering leveringen opdracht aankoop bouw bouwwerk renovatie
    afbraak sloop weg wegen riolering riool dak gevel vloer raam ramen glas kledij kleding textiel werkkledij
    linnen was wasserij strijk catering maaltijd maaltijden voeding koffie thee drank dranken fruit
    vervoer transport leerling leerlingen bus kantoor meubilair meubel meubelen papier drukwerk druk verpakking
    mailing post verhuis verhuizing kringloop hergebruik afval inzameling sortering fiets fietsen herstel
    scan scannen archief onthaal bewaking beveiliging ict website websites software hardware computer laptop
    promotie sport materiaal product producten middel middelen stad gemeente school gebouw gebouwen park
    parken plein begraafplaats speelplein sportterrein terrein kerkhof boom bomen struik perceel percelen
    opleiding stage leren werkplek tewerkstelling arbeid sociaal sociale economie maatwerk bedrijf bedrijven
    toegankelijk toegankelijkheid handel eerlijk keten zorg thuis hulp rust woon centrum ziekenhuis
    kinder opvang overeenkomst raamovereenkomst bestek contract beheer plan plaats begraaf vuil zwerfvuil
    straat straten veeg vegen sneeuw strooi ruim ruimen"""
)


_MEMO_LIMIT = 200_000  # entries per memo: a long batch does not grow memory without end
_FOLDED: dict[str, str] = {}
_STOPWORD_OF: dict[str, tuple[str, ...]] = {}  # a word as written -> the languages it is a stopword of


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Réservé' -> 'reserve'. Memoised for words (the same come back in every tender)."""
    found = _FOLDED.get(text)
    if found is None:
        found = _fold(text)
        if len(text) <= 40:
            if len(_FOLDED) > _MEMO_LIMIT:
                _FOLDED.clear()
            _FOLDED[text] = found
    return found


def _fold(text: str) -> str:
    text = text.lower().translate(_LIGATURES)
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def words(text: str, keep_case: bool = False) -> list[str]:
    """The words of a text, of two letters or more, lowercased (unless `keep_case`) with accents kept:
    the stemmers need them."""
    if not keep_case:
        text = text.lower()
    if _HAS_LIGATURE.search(text):
        text = text.translate(_LIGATURES)
    if text.isascii() or not _NOT_LATIN.search(text):
        return _LATIN_WORD.findall(text)
    return _WORD.findall(text)


# --- stemming ------------------------------------------------------------------------------------

# The Snowball algorithm of each language. Dutch is the original Porter-style one: Snowball 3.0 made
# "dutch" the Kraaij-Pohlmann stemmer, which strips the prefix ge- and so gives 'gebouwen' (buildings)
# the stem of 'bouwen' (to build) and 'gemeente' the stem 'meen'. Naming it pins it across versions.
STEMMER_ALGORITHMS: dict[str, str] = {"nl": "dutch_porter", "fr": "french", "en": "english"}
_STEMMERS: dict[str, Any] = {}
_STEMS: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}


def _stemmer(lang: str) -> Any:
    if lang not in _STEMMERS:
        _STEMMERS[lang] = _load_stemmer(STEMMER_ALGORITHMS[lang])
    return _STEMMERS[lang]


def _load_stemmer(name: str) -> Any:
    """The Snowball stemmer of one language: PyStemmer's C build, or the pure-Python one.

    Both run the same Snowball algorithms and give the same stems; PyStemmer is about forty
    times faster and imports in a millisecond, which is what batch matching needs.
    """
    try:
        import Stemmer

        return Stemmer.Stemmer(name)
    except ImportError:  # a platform without a PyStemmer wheel
        import snowballstemmer

        return snowballstemmer.stemmer(name)


def stemmer_version() -> str:
    """What identifies the stemmers, for cache keys: an index must be queried with the stems it was built with.

    The module in use, its file and that file's size and time: installing another version rewrites the
    file. (Not importlib.metadata: importing it costs a `match` more time than the whole match.)"""
    module = sys.modules[type(_stemmer("nl")).__module__]
    path = getattr(module, "__file__", None) or module.__name__
    algorithms = " ".join(f"{lang}:{name}" for lang, name in STEMMER_ALGORITHMS.items())
    try:
        stat = os.stat(path)
        return f"{module.__name__} {path} {stat.st_size} {stat.st_mtime_ns} {algorithms}"
    except OSError:
        return f"{module.__name__} {path} {algorithms}"


# Words whose Snowball stem is that of another, common word with another meaning: each keeps a stem of
# its own. 'voirie' (roads) stems to 'voir' (to see), so the 'Voir II.2.4' of every French notice read
# as road works; 'uniformen' (uniforms) to 'uniform', the adjective of 'een uniform verslag'.
OWN_STEMS: dict[str, dict[str, str]] = {
    "nl": {"uniformen": "uniformen"},
    "fr": {"voirie": "voiri", "voiries": "voiri"},
    "en": {},
}


def stem(word: str, lang: str) -> str:
    """The Snowball stem of a lowercased word, folded: ('nettoyage', 'fr') -> 'nettoyag'; the words of
    `OWN_STEMS` keep their own."""
    memo = _STEMS[lang]
    found = memo.get(word)
    if found is None:
        own = OWN_STEMS[lang].get(fold(word))
        found = own if own is not None else fold(_stemmer(lang).stemWord(word))
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        memo[word] = found
    return found


# --- language detection ----------------------------------------------------------------------------

LANGUAGE_WORDS = 200  # the words of a text that decide its language


def _stopword_languages_memo(word: str) -> tuple[str, ...]:
    found = _STOPWORD_OF.get(word)
    if found is None:
        if len(_STOPWORD_OF) > _MEMO_LIMIT:
            _STOPWORD_OF.clear()
        found = _STOPWORD_OF[word] = stopword_languages(word)
    return found


def stopword_languages(word: str) -> tuple[str, ...]:
    """The languages a word (as written) is a stopword of: 'en' is Dutch and French. A word with accents is
    none of the (unaccented) Dutch and English ones: 'thé' is no 'the', 'één' no 'een'."""
    found = _STOPWORD_LANGS.get(fold(word), ())
    if found and not word.isascii():
        return tuple(lang for lang in found if lang == "fr")
    return found


# Letters French writes and Dutch and English titles hardly ever do (not the Dutch trema: 'België').
_FRENCH_LETTERS = re.compile("[éèêàâçîôûùœÉÈÊÀÂÇÎÔÛÙŒ]")


def detect_language(
    tokens: str | Iterable[str],
    vocabulary: Mapping[str, Collection[str]] | None = None,
    default: str = "nl",
    stopwords: Iterable[tuple[str, ...]] | None = None,
) -> str:
    """Guess nl, fr or en from stopword counts; on a tie, from the words of `vocabulary`, then from French
    accents; else `default`.

    Stopwords decide texts of a sentence or more. Titles of three words have none, so the
    vocabulary (per language: words the catalogue and the CPV labels use) breaks the tie.
    `stopwords`: per token, the languages it is a stopword of, when the caller knows them already.
    """
    # The first couple of hundred words decide; a long notice does not need reading to the end.
    first = list(itertools.islice(words(tokens) if isinstance(tokens, str) else tokens, LANGUAGE_WORDS))
    if stopwords is None:
        stopwords = list(map(_stopword_languages_memo, first))
    tally = Counter(itertools.chain.from_iterable(stopwords))
    counts = {lang: tally[lang] for lang in LANGS}
    best = max(counts.values())
    leaders = [lang for lang in LANGS if counts[lang] == best]
    if len(leaders) == 1 and best > 0:
        return leaders[0]
    if vocabulary:
        folded = [fold(t) for t in first]
        votes = {lang: sum(1 for t in folded if t in vocabulary.get(lang, ())) for lang in leaders}
        top = max(votes.values())
        if top > 0:
            leaders = [lang for lang in leaders if votes[lang] == top]
            if len(leaders) == 1:
                return leaders[0]
    # Still a tie ('Rénovation' is a French and an English word, 'Crèche' none the vocabulary knows):
    # accents only French writes say French.
    if "fr" in leaders and any(_FRENCH_LETTERS.search(t) for t in first):
        return "fr"
    return default if default in leaders else leaders[0]


# --- Dutch compounds ------------------------------------------------------------------------------

_LINKS = ("", "s", "en")  # groen|onderhoud, stad|s|reiniging, leerling|en|vervoer
_MIN_PART = 3
_MIN_COMPOUND = 7
# The longest Dutch compounds in tenders have about 30 letters. A longer run of letters is text without
# spaces (copied from a PDF) or a code: no compound, and splitting it would cost the square of its length.
_MAX_COMPOUND = 64
_DOUBLED = re.compile(r"(^|[^aeiou])(aa|ee|oo|uu)([^aeiou])$")
_SHORT = re.compile(r"[^aeiou][aeiou][bdfgklmnprst]$")
_VOWELS = frozenset("aeiou")


def _forms(word: str) -> set[str]:
    """A lexicon word and the forms it takes as the part of a compound: stem, plural, long vowel. From
    Snowball's stem, not an own one (`OWN_STEMS`): 'uniform' stays a known form of 'uniformen', a real
    word rather than a typo of 'uniforms'."""
    base = fold(_stemmer("nl").stemWord(word))
    forms = {word, base, base + "en", base + "e"}
    m = _DOUBLED.search(base)
    if m:  # haag -> hagen, uur -> uren
        short = base[: m.start(2)] + m.group(2)[0] + m.group(3)
        forms |= {short + "en", short + "e"}
    elif _SHORT.search(base):
        if word[len(base) : len(base) + 1] in _VOWELS and word.startswith(base):
            # An open syllable: its vowel is long, and doubles when the syllable closes: maken -> maak
            # (schoonmaak), hagen -> haag, bomen -> boom. The Porter stems drop the doubling.
            forms.add(base[:-1] + base[-2] + base[-1])
        forms.add(base + base[-1] + "en")  # bus -> bussen, stad -> stadden (harmless)
    return {f for f in forms if len(f) >= _MIN_PART}


class CompoundSplitter:
    """Split Dutch compounds into the known words they are made of, with linking -s- and -en-.

    A part must be a word of the lexicon (or one of its forms). Of all splits, the one with the
    fewest parts wins, then the one with the longest parts: 'maatwerkbedrijf' is maatwerk|bedrijf,
    not maat|werk|bedrijf. Parts that are compounds themselves are split again, so the result
    holds every level: 'groenonderhoudswerken' gives groenonderhoud, groen, onderhoud, werken.
    """

    def __init__(self, lexicon: Iterable[str]) -> None:
        known: set[str] = set()
        for word in lexicon:
            word = fold(word)
            if len(word) >= _MIN_PART and word.isalpha() and word not in ALL_STOPWORDS:
                known |= _forms(word)
        self.known = frozenset(known - ALL_STOPWORDS)
        self._memo: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"known": self.known}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.known = state["known"]
        self._memo = {}

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a folded word, the top-level split first, or () when it is no compound of known words."""
        return self._parts(word)[1]

    def top(self, word: str) -> tuple[str, ...]:
        """Only the top-level split: 'maatwerkbedrijf' -> ('maatwerk', 'bedrijf')."""
        return self._parts(word)[0]

    def _parts(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        found = self._memo.get(word)
        if found is None:
            found = self._split(word)
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            self._memo[word] = found
        return found

    def _split(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if not _MIN_COMPOUND <= len(word) <= _MAX_COMPOUND:
            return (), ()
        best = self._best(word)
        if best is None or len(best) < 2:
            return (), ()
        parts = list(best)
        for part in best:
            parts.extend(p for p in self.split(part) if p not in parts)
        return tuple(best), tuple(parts)

    def _best(self, word: str) -> list[str] | None:
        n = len(word)
        known = self.known
        # best[i]: the best split of word[i:] as (number of parts, -sum of squared lengths, parts).
        best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
        best[n] = (0, 0, [])
        for i in range(n - _MIN_PART, -1, -1):
            choice: tuple[int, int, list[str]] | None = None
            # The whole word is no split of itself, even when the lexicon knows it.
            for j in range(i + _MIN_PART, n + 1 if i else n):
                part = word[i:j]
                if part not in known:
                    continue
                for link in _LINKS:
                    k = j + len(link)
                    if k > n or (link and (k == n or word[j:k] != link)):
                        continue
                    rest = best[k]
                    if rest is None:
                        continue
                    candidate = (rest[0] + 1, rest[1] - len(part) ** 2, [part, *rest[2]])
                    if choice is None or candidate[:2] < choice[:2]:
                        choice = candidate
            best[i] = choice
        whole = best[0]
        return whole[2] if whole else None


@cache
def cpv_word_counts(lang: str) -> dict[str, int]:
    """Every word of the CPV labels in one language, folded, with the number of labels it occurs in."""
    from .cpv import cpv_codes

    counts: dict[str, int] = {}
    for code in cpv_codes().values():
        for word in {fold(w) for w in words(code.label(lang))}:
            counts[word] = counts.get(word, 0) + 1
    return counts


def cpv_words(lang: str, min_labels: int = 1) -> frozenset[str]:
    """The words of the CPV labels in one language (folded) that occur in at least `min_labels` labels."""
    return frozenset(w for w, n in cpv_word_counts(lang).items() if n >= min_labels)


@cache
def default_splitter() -> CompoundSplitter:
    """A splitter over the Dutch CPV labels and the built-in domain words (no catalogue)."""
    return CompoundSplitter(cpv_words("nl") | DOMAIN_WORDS)


def split_compound(word: str, splitter: CompoundSplitter | None = None) -> tuple[str, ...]:
    """The parts of a Dutch compound: 'hagenscheerwerken' -> ('hagen', 'scheer', 'werken')."""
    return (splitter or default_splitter()).split(fold(word))
