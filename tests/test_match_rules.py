"""Each ranking rule of `matching.rules.RULES`, shown by a tender that it decides: remove the rule (or
break it) and its test fails. Also the word-level rules of the index: acronyms and the typo guard."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import minimal_clause
from sociaalaankopen import Catalogue, Tender
from sociaalaankopen.matching import Match, Matcher, matcher_for
from sociaalaankopen.matching.rules import RULES
from sociaalaankopen.matching.weights import SECTOR_DECAY, W_SECTOR, K
from sociaalaankopen.model import Lot
from test_matching import SECTOR, SMALL

LOTS = minimal_clause(
    "percelen",
    **{
        "instrument: performance_condition": "instrument: lots",
        "themes: [employment]": "themes: [social_economy]",
        "keywords: {nl: [groenonderhoud], fr: [espaces verts], en: [grounds maintenance]}": "keywords: "
        "{nl: [percelen], fr: [lots], en: [lots]}",
        'cpv: ["77310000"]': "cpv: []",
    },
)
IT = minimal_clause(
    "it-diensten",
    **{
        "keywords: {nl: [groenonderhoud], fr: [espaces verts], en: [grounds maintenance]}": "keywords: "
        "{nl: [IT-diensten], fr: [informatique], en: [IT services]}",
        'cpv: ["77310000"]': "cpv: []",
    },
)
# A second sector that also recommends 'proef', and has few social-economy suppliers.
PRUNING = (
    SECTOR.replace("id: groen", "id: snoei")
    .replace(
        "{nl: Groenbeheer, fr: Gestion des espaces verts, en: Green space management}",
        "{nl: Snoeiwerk, fr: Taille, en: Pruning}",
    )
    .replace(
        "{nl: [hagen scheren, maaien], fr: [tonte, taille des haies], en: [mowing, hedge trimming]}",
        "{nl: [snoeien], fr: [élagage], en: [pruning]}",
    )
    .replace('cpv: ["77310000"]', 'cpv: ["77211400"]')
    .replace(
        "recommended: [groen-voorbehouden, proef, werf-opleiding]", "recommended: [proef, koffie-fair, it-diensten]"
    )
    .replace("social_economy_active: true", "social_economy_active: false")
)


@pytest.fixture
def rules(tmp_catalogue: Callable[[dict[str, str]], Path]) -> Matcher:
    root = tmp_catalogue({**SMALL, "percelen.md": LOTS, "it-diensten.md": IT, "sectors/snoei.md": PRUNING})
    return matcher_for(Catalogue.load(root))


def found(matches: list[Match], clause_id: str) -> Match | None:
    return next((m for m in matches if m.id == clause_id), None)


def test_every_rule_has_a_test_here() -> None:
    tested = {name[len("test_rule_") :] for name in globals() if name.startswith("test_rule_")}
    assert [name for name, _ in RULES if name not in tested] == []


def test_rule_direct_evidence(rules: Matcher) -> None:
    match = found(rules.match(Tender(title="Koffie", type="supplies"), top=50), "koffie-fair")
    assert match is not None and match.reasons == ("trefwoord 'koffie'",)


def test_rule_sector_recommendation(rules: Matcher) -> None:
    # 'maaien' is a keyword of the sector only; the sector brings the clauses it recommends.
    matches = rules.match(Tender(title="Maaien", type="services"), top=50)
    assert [m.id for m in matches][:2] == ["groen-voorbehouden", "proef"]
    assert found(matches, "proef").reasons == ("past bij sector Groenbeheer: trefwoord 'maaien'",)  # type: ignore[union-attr]


def test_rule_second_sector(rules: Matcher) -> None:
    """Two sectors recommend 'proef' first: the stronger counts fully, the other a quarter."""
    tender = Tender(title="Maaien en snoeien", type="services")
    result = rules.match_tender(tender, top=50)
    strengths = {sector.id: strength for strength, sector, _ in _strengths(rules, tender)}
    first, second = sorted(strengths.values(), reverse=True)
    # 'proef' is the first recommendation of 'snoei' and the second of 'groen'.
    points = {"snoei": W_SECTOR * strengths["snoei"], "groen": W_SECTOR * strengths["groen"] / (1 + SECTOR_DECAY)}
    best, other = sorted(points.values(), reverse=True)
    expected = round(100 * (1 - math.exp(-(best + 0.25 * other) / K)))
    assert round(100 * (1 - math.exp(-best / K))) != expected  # the second sector makes a difference here
    assert found(result.matches, "proef").score == expected  # type: ignore[union-attr]
    assert first > second > 0


def test_of_two_sectors_that_exclude_each_other_only_the_stronger_counts(
    rules: Matcher, tmp_catalogue: Callable[[dict[str, str]], Path]
) -> None:
    """New build and renovation share CPV codes; a tender is one or the other, never both."""
    tender = Tender(title="Maaien en snoeien", type="services")
    both = [sector.id for _, sector, _ in _strengths(rules, tender)]
    assert sorted(both) == ["groen", "snoei"]
    groen = SECTOR.replace("social_economy_active:", "excludes: [snoei]\nsocial_economy_active:")
    snoei = PRUNING.replace("social_economy_active:", "excludes: [groen]\nsocial_economy_active:")
    files = {**SMALL, "percelen.md": LOTS, "it-diensten.md": IT, "sectors/groen.md": groen, "sectors/snoei.md": snoei}
    exclusive = matcher_for(Catalogue.load(tmp_catalogue(files)))
    assert [sector.id for _, sector, _ in _strengths(exclusive, tender)] == both[:1]
    weaker = "Snoeiwerk" if both[0] == "groen" else "Groenbeheer"
    reasons = [r for m in exclusive.match(tender, top=50) for r in m.reasons]
    assert reasons and not any(weaker in r for r in reasons)


def _strengths(matcher: Matcher, tender: Tender) -> list:  # type: ignore[type-arg]
    from sociaalaankopen.text import words

    tokens = words(tender.full_text(), keep_case=True)
    where, typos, focus_end = matcher._read(tokens, "nl", len(words(tender.title)))
    return matcher._strengths(matcher._evidence(where, typos, focus_end, tender.all_cpv()))


def test_rule_lots_for_a_large_contract(rules: Matcher) -> None:
    large = Tender(title="Schoonmaak van de stadsgebouwen", type="services", value=3_000_000, currency="EUR")
    match = found(rules.match(large, top=50), "percelen")
    assert match is not None
    assert match.reasons[0] == (
        "opdracht van € 3.000.000 zonder percelen: overweeg percelen en motiveer als u niet verdeelt (art. 58)"
    )
    # Below the threshold, with lots, or in another currency (the thresholds are in euro): not brought in.
    for tender in (
        large.model_copy(update={"value": 100_000}),
        large.model_copy(update={"lots": [Lot(title="Schoonmaak van het stadhuis")]}),
        large.model_copy(update={"currency": "USD"}),
    ):
        assert found(rules.match(tender, top=50), "percelen") is None


def test_rule_training_on_works(rules: Matcher) -> None:
    match = found(rules.match(Tender(title="Nieuwe sporthal", type="works"), top=50), "werf-opleiding")
    assert match is not None and match.reasons == ("werken: opleidingsclausules passen bij werken",)
    assert found(rules.match(Tender(title="Nieuwe sporthal", type="services"), top=50), "werf-opleiding") is None


def test_rule_reservation(rules: Matcher) -> None:
    social = found(rules.match(Tender(title="Maaien en hagen scheren", type="services"), top=50), "groen-voorbehouden")
    assert social is not None
    assert "sociale economie actief in sector Groenbeheer: voorbehouden kan" in social.reasons
    # The strongest sector has few social-economy suppliers: the reserved contract is penalised.
    weak = rules.match(Tender(title="Snoeien van bomen", type="services"), top=50)
    assert all(m.id != "groen-voorbehouden" for m in weak)  # penalised, and nothing else speaks for it
    with_keyword = found(
        rules.match(Tender(title="Snoeien van bomen en groenonderhoud", type="services")), "groen-voorbehouden"
    )
    assert with_keyword is not None
    assert with_keyword.reasons[-1] == "weinig sociale economie in sector Snoeiwerk: voorbehouden is moeilijk"


def test_rule_contract_type(rules: Matcher) -> None:
    as_supplies = found(rules.match(Tender(title="Koffie", type="supplies")), "koffie-fair")
    as_services = found(rules.match(Tender(title="Koffie", type="services")), "koffie-fair")
    assert as_supplies is not None and as_services is not None
    assert as_services.score < as_supplies.score
    assert as_services.reasons[-1] == "past minder: bedoeld voor leveringen"


def test_rule_minimum_score(rules: Matcher) -> None:
    """A code of the same CPV class is weak evidence (6.6 points, score 12); for a clause meant for
    supplies on a service contract it keeps 40 % (score 5): below the minimum, not shown."""
    supplies = found(
        rules.match(Tender(title="Raamovereenkomst", cpv=["15862000"], type="supplies"), top=50), "koffie-fair"
    )
    assert supplies is not None and 10 <= supplies.score < 20
    services = rules.match(Tender(title="Raamovereenkomst", cpv=["15862000"], type="services"), top=50)
    assert found(services, "koffie-fair") is None


# --- word rules of the index ----------------------------------------------------------------------


def test_an_acronym_in_capitals_is_no_stopword(rules: Matcher) -> None:
    """'IT' in 'IT services' is kept although 'it' is an English stopword; 'it' in lowercase is not."""
    match = found(rules.match(Tender(title="IT services for the city hall", type="services"), top=50), "it-diensten")
    assert match is not None and match.reasons[0] == "keyword 'IT services'"
    assert (
        found(
            rules.match(Tender(title="Cleaning it: services for the city hall", type="services"), top=50), "it-diensten"
        )
        is None
    )


def test_a_real_word_is_no_typo(rules: Matcher) -> None:
    """'marien' (marine) is one edit from the keyword 'maaien' but a real word: it is not read as one."""
    assert rules.match(Tender(title="Bemonstering van het marien milieu", type="services"), top=50) == []
    typo = found(rules.match(Tender(title="Maaein van bermen", type="services"), top=50), "proef")
    assert typo is not None
    assert typo.reasons == ("past bij sector Groenbeheer: trefwoord 'maaien' (geschreven als 'Maaein')",)


@pytest.fixture(scope="module")
def bundled_matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    from sociaalaankopen import Catalogue
    from sociaalaankopen.matching import matcher_for

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("cache")))
        return matcher_for(Catalogue.load())


def test_rule_public_service_services(bundled_matcher: Matcher) -> None:
    """Art. 77 reserves only certain health, social and cultural services: building cleaning found the
    reservation through the word 'bibliothèques' and was offered it."""
    text = "Nettoyage des bâtiments communaux : bureaux, écoles et bibliothèques"
    without = found(bundled_matcher.match(Tender(title=text, type="services"), top=80), "voorbehouden-diensten-art77")
    assert without is not None  # on its words alone, a library may be a cultural service
    tender = Tender(title=text, type="services", cpv=["90919200"])
    match = found(bundled_matcher.match(tender, top=80), "voorbehouden-diensten-art77")
    assert match is None or (
        match.score < without.score
        and "les codes CPV du marché ne relèvent pas des services de l'article 77" in match.reasons
    )
    # Its own services keep it, without the penalty.
    social = Tender(title="Accueil extrascolaire et aide aux devoirs", type="services", cpv=["85312110"])
    kept = found(bundled_matcher.match(social, top=80), "voorbehouden-diensten-art77")
    assert kept is not None and not [r for r in kept.reasons if "article 77" in r and "CPV" in r]


def test_no_route_reserves_to_public_service_organisations_outside_the_art77_services(
    bundled_matcher: Matcher,
) -> None:
    """A cleaning sector's conditional advice ('only if the service is one of art. 77') made it a route for
    cleaning houses (CPV 90911000); for childcare (85312110) it stays."""
    cleaning = Tender(title="Nettoyage de maisons", description="Nettoyage de logements", cpv=["90911000"])
    assert "diensten-art77" not in [r.id for r in bundled_matcher.match_tender(cleaning).routes]
    childcare = Tender(title="Kinderopvang en huiswerkbegeleiding", cpv=["85312110"])
    assert "diensten-art77" in [r.id for r in bundled_matcher.match_tender(childcare).routes]
    # The route and the rule read "related" alike: guidance for families (85312300) shares the group 85312 with
    # the clause's 85312400, so the clause keeps its points, and the route stays (a prefix test hid it).
    guidance = Tender(title="Begeleiding en advies voor gezinnen en huiswerkbegeleiding", cpv=["85312300"])
    found = bundled_matcher.match_tender(guidance, top=80)
    clause = next(m for m in found.matches if m.id == "voorbehouden-diensten-art77")
    assert not [r for r in clause.reasons if "artikel 77" in r and "CPV" in r]
    assert "diensten-art77" in [r.id for r in found.routes]


@pytest.mark.parametrize(
    "text",
    [
        "Collecte des déchets ménagers et assimilés en porte-à-porte, vidange des bulles à verre et ramassage des "
        "dépôts clandestins. Marché de services de 7 ans, chauffeurs et ripeurs.",
        "Verhuis van de administratieve diensten naar het nieuwe gemeentehuis: inpakken, transport en opstellen "
        "van meubilair en archief.",
    ],
)
def test_a_sector_with_social_economy_brings_no_art77_reservation(bundled_matcher: Matcher, text: str) -> None:
    """Waste collection and removals (no CPV codes given) were offered the Directive's art. 77 reservation 'because
    the social economy is active in the sector': that is the reasoning of art. 15, and art. 77 covers neither."""
    result = bundled_matcher.match_tender(Tender(title=text), top=80)
    assert "diensten-art77" not in [r.id for r in result.routes]
    clause = next((m for m in result.ranked if m.id == "voorbehouden-diensten-art77"), None)
    assert clause is None or not [e for e in clause.evidence if e.kind == "reserved"]
    # The art. 15 reservation is still brought by the sector.
    assert any(m.id == "voorbehouden-opdracht" and any(e.kind == "reserved" for e in m.evidence) for m in result.ranked)


@pytest.mark.parametrize(
    ("title", "description", "kind"),
    [
        ("Collecte des déchets ménagers", "Collecte en porte-à-porte. Marché de services de 7 ans.", "services"),
        ("Ophaling van huisvuil", "Het betreft een overheidsopdracht voor diensten van vier jaar.", "services"),
        ("Schoolmaaltijden", "Deze leveringsopdracht omvat warme maaltijden voor drie scholen.", "supplies"),
        ("Market square", "A public works contract for the square and its sewers.", "works"),
    ],
)
def test_a_contract_type_stated_in_the_description_counts(
    bundled_matcher: Matcher, title: str, description: str, kind: str
) -> None:
    """Only the title's words were read: 'Marché de services de 7 ans' further on left the type unknown."""
    result = bundled_matcher.match_tender(Tender(title=title, description=description))
    assert result.tender.type == kind


def test_a_compound_keyword_counts_once(bundled_matcher: Matcher) -> None:
    """'Sportballen en sportmateriaal voor de sportdienst' said "trefwoord 'sportmateriaal', trefwoord
    'sportmateriaal'" and counted it twice: found whole, and by its parts ('sport' in 'sportballen')."""
    result = bundled_matcher.match_tender(Tender(title="Sportballen en sportmateriaal voor de sportdienst"), top=20)
    said = [reason for match in result.matches for reason in match.reasons]
    assert said
    assert not [reason for reason in said if reason.count("'sportmateriaal'") > 1], said
