"""Text normalisation: folding, Dutch compounds, stemming and language detection."""

from __future__ import annotations

import sys

import pytest

from sociaalaankopen.text import CompoundSplitter, detect_language, fold, split_compound, stem, words


def test_fold_strips_case_accents_and_ligatures() -> None:
    assert fold("Réservé à l'Économie") == "reserve a l'economie"
    assert fold("Œuvre") == "oeuvre"


def test_words_keep_accents_for_the_stemmers_and_drop_single_letters() -> None:
    assert words("L'entretien des espaces verts (lot 2)") == ["entretien", "des", "espaces", "verts", "lot"]
    assert words("IT-diensten", keep_case=True) == ["IT", "diensten"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("groenonderhoud", ("groen", "onderhoud")),
        ("hagenscheerwerken", ("hagen", "scheer", "werken")),
        ("stadsreiniging", ("stad", "reiniging")),  # linking -s-
        ("rioleringswerken", ("riolering", "werken")),
        ("schoolgebouwen", ("school", "gebouwen")),
    ],
)
def test_split_compound(word: str, parts: tuple[str, ...]) -> None:
    assert split_compound(word) == parts


def test_split_compound_gives_every_level() -> None:
    parts = split_compound("schoonmaakdiensten")
    assert parts[0] == "schoonmaak"
    assert "diensten" in parts
    assert {"schoon", "maak"} <= set(parts)  # schoonmaak is itself split


@pytest.mark.parametrize("word", ["aanbesteding", "onderhoud", "beveiliging", "toegankelijkheid", "groen"])
def test_words_that_are_no_compounds_stay_whole(word: str) -> None:
    assert split_compound(word) == ()


def test_splitter_prefers_fewest_parts() -> None:
    splitter = CompoundSplitter(["maat", "werk", "maatwerk", "bedrijf"])
    assert splitter.split("maatwerkbedrijf")[:2] == ("maatwerk", "bedrijf")


def test_splitter_knows_linking_en_and_plurals() -> None:
    splitter = CompoundSplitter(["leerling", "vervoer"])
    parts = splitter.split("leerlingenvervoer")
    assert parts[-1] == "vervoer" and parts[0].startswith("leerling")
    # A long vowel shortens before -en: haag -> hagen.
    assert CompoundSplitter(["haag", "scheren", "werk"]).split("hagenscheerwerken") == ("hagen", "scheer", "werken")


def test_splitter_needs_every_part_known() -> None:
    assert CompoundSplitter(["groen"]).split("groenonderhoud") == ()


def test_a_run_of_letters_longer_than_any_compound_is_not_split() -> None:
    """Text without spaces (copied from a PDF) is no compound. It was split all the same, at a cost of the
    square of its length: a tender of one such word of a few megabytes held an API worker for hours."""
    splitter = CompoundSplitter(["groen", "onderhoud"])
    assert splitter.split("groenonderhoudgroenonderhoud") == ("groen", "onderhoud", "groen", "onderhoud")
    assert splitter.split("groenonderhoud" * 50) == ()


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("schoonmaakdiensten", "schoonmaakdienst", "nl"),
        ("hagen", "haag", "nl"),
        ("opleidingen", "opleiding", "nl"),
        ("nettoyage", "nettoyages", "fr"),
        ("réservé", "réservés", "fr"),
        ("cleaning", "cleaned", "en"),
    ],
)
def test_stemming_joins_inflections(a: str, b: str, lang: str) -> None:
    assert stem(a, lang) == stem(b, lang)


@pytest.mark.parametrize(("a", "b"), [("gebouwen", "bouwen"), ("gemeente", "meenemen"), ("gebruik", "bruikbaar")])
def test_dutch_stemming_keeps_the_prefix_ge(a: str, b: str) -> None:
    """Snowball 3's default Dutch stemmer strips ge-: 'gebouwen' (buildings) got the stem of 'bouwen' (to build)."""
    assert stem(a, "nl") != stem(b, "nl")
    assert stem(a, "nl").startswith("ge")


def test_the_cache_key_names_the_stemming_algorithms() -> None:
    from sociaalaankopen.text import stemmer_version

    assert "nl:dutch_porter" in stemmer_version()


def test_stems_are_folded() -> None:
    assert stem("réservé", "fr") == "reserv"


def test_a_word_whose_stem_is_another_word_keeps_its_own() -> None:
    """Snowball stems 'voirie' (roads) to 'voir' (to see): 'Voir II.2.4)' read as road works."""
    assert stem("voirie", "fr") == stem("voiries", "fr") == stem("Voiries".lower(), "fr")
    assert stem("voirie", "fr") != stem("voir", "fr")
    assert stem("uniformen", "nl") != stem("uniforme", "nl")


def test_the_pure_python_stemmer_stems_as_pystemmer_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyStemmer has no wheel the matcher falls back to snowballstemmer: same stems, same matches."""
    from sociaalaankopen import text

    sample = {
        "dutch_porter": [
            "werken",
            "gebouwen",
            "schoonmaakdiensten",
            "opleidingen",
            "voorbehouden",
            "maatwerkbedrijven",
        ],
        "french": ["nettoyage", "réservés", "entreprises", "formations", "travailleurs", "espaces"],
        "english": ["cleaning", "reserved", "workshops", "trainings", "buildings", "contracting"],
    }
    fast = {name: [text._load_stemmer(name).stemWord(w) for w in words] for name, words in sample.items()}
    monkeypatch.setitem(sys.modules, "Stemmer", None)  # as on a platform without PyStemmer
    fallback = {name: text._load_stemmer(name) for name in sample}
    assert all(type(s).__module__.startswith("snowballstemmer") for s in fallback.values())
    assert {name: [fallback[name].stemWord(w) for w in words] for name, words in sample.items()} == fast


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Onderhoud van de groenzones in de stad en de deelgemeenten", "nl"),
        ("Entretien des espaces verts de la ville et des communes", "fr"),
        ("Maintenance of the green areas in the city and the villages", "en"),
    ],
)
def test_detect_language_by_stopwords(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_breaks_ties_with_a_vocabulary() -> None:
    vocabulary = {"nl": {"schoonmaak"}, "fr": {"nettoyage"}, "en": {"cleaning"}}
    assert detect_language("Nettoyage bureaux", vocabulary) == "fr"
    assert detect_language("Office cleaning", vocabulary) == "en"


def test_detect_language_of_short_french_titles() -> None:
    """A short French title was read as Dutch, and its routes, reasons and annex came in Dutch: the
    vocabulary's tie between French and English fell back to Dutch ('Rénovation'), a word no vocabulary
    knows ignored its accents ('Crèche'), and 'thé' counted as the English stopword 'the'."""
    vocabulary = {"nl": {"renovatie", "papier"}, "fr": {"renovation", "the", "papier"}, "en": {"renovation", "the"}}
    assert detect_language("Rénovation", vocabulary) == "fr"
    assert detect_language("Crèche", vocabulary) == "fr"
    assert detect_language("Thé", vocabulary) == "fr"
    assert detect_language("Café et thé", vocabulary) == "fr"
    # A word that is French and English, written without accents, is taken for French (listed first) rather
    # than for Dutch, which it is not; a word Dutch shares stays Dutch.
    assert detect_language("Renovation", vocabulary) == "fr"
    assert detect_language("Papier", vocabulary) == "nl"
    # The Dutch trema is no French accent; Dutch and English stopwords still decide.
    assert detect_language("België") == "nl"
    assert detect_language("Renovatie van de crèche") == "nl"
    assert detect_language("Renovation of the crèche") == "en"


def test_detect_language_defaults_to_dutch() -> None:
    assert detect_language("Xyzzy 2025") == "nl"
