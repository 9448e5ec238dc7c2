"""Real TED notices (tests/data/ted) the bundled catalogue once read wrongly: a word of the notice that
means something else put it in a sector it has nothing to do with, and that sector's route came first.
Each test names the notice, the sector it must no longer get, and what must still be found."""

from __future__ import annotations

from functools import cache

import pytest

from sociaalaankopen import Catalogue, Tender
from sociaalaankopen.matching import Matcher, MatchResult, matcher_for
from ted_notices import ted_notices


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOCIAALAANKOPEN_CACHE", str(tmp_path_factory.mktemp("cache")))
        return matcher_for(Catalogue.load())


@cache
def _notices() -> dict[str, Tender]:
    return {t.id: t for t in ted_notices() if t.id}


def notice(notice_id: str) -> Tender:
    return _notices()[notice_id]


def first_route(result: MatchResult) -> str | None:
    return result.routes[0].id if result.routes else None


@pytest.mark.parametrize(
    "notice_id",
    [
        "TED:105195-2022",  # fire insurance: "Voir II.1.4)"
        "TED:395543-2022",  # training for jobseekers
        "TED:657975-2021",  # gas pressure-reducing cabins
    ],
)
def test_voir_in_a_french_notice_is_no_road_works(bundled: Matcher, notice_id: str) -> None:
    """'voirie' stemmed to 'voir': every French notice that says 'Voir II.2.4)' or 'voir le cahier des
    charges' was read as road works, and got the road-works clauses and route."""
    result = bundled.match_tender(notice(notice_id), top=10)
    assert "wegenwerken-riolering" not in result.sectors
    assert "natuursteen-zonder-kinderarbeid" not in [m.id for m in bundled.match(notice(notice_id), top=100)]


def test_road_works_in_french_still_find_their_sector(bundled: Matcher) -> None:
    works = bundled.match_tender(
        Tender(
            title="Travaux de réfection des voiries communales",
            description="Réaménagement de la voirie et des trottoirs, pose de bordures et d'égouts.",
        )
    )
    assert works.sectors[:1] == ("wegenwerken-riolering",)
    assert first_route(works) == "open-sociale-voorwaarden"


@pytest.mark.parametrize(
    "notice_id",
    [
        "TED:557885-2019",  # a pension reserve through an insurance contract: 'doelen' (aims)
        "TED:056980-2021",  # occupational health services: 'doelen'
        "TED:095707-2020",  # vendor support for the GSM-R network: 'netwerk' split into net|werk
        "TED:135107-2022",  # public charging infrastructure: 'netten' (grids)
    ],
)
def test_aims_and_networks_are_no_sports_equipment(bundled: Matcher, notice_id: str) -> None:
    """'doelen' (aims, goals) and 'netten' (nets, but also grids, and the 'net' of 'netwerk') made a pension
    insurance, occupational health services and a railway radio network buy sports equipment, with the
    supply-chain route first."""
    result = bundled.match_tender(notice(notice_id))
    assert "sportmateriaal" not in result.sectors
    assert first_route(result) != "keten-waardig-werk"


def test_goals_and_nets_for_a_sports_hall_still_are_sports_equipment(bundled: Matcher) -> None:
    result = bundled.match_tender(
        Tender(title="Levering van voetbaldoelen en doelnetten", description="Voor de sportdienst van de stad.")
    )
    assert result.sectors[:1] == ("sportmateriaal",)
    assert first_route(result) == "keten-waardig-werk"


def test_a_pacs_framework_is_no_printing_and_no_workwear(bundled: Matcher) -> None:
    """The PACS (medical imaging) framework of Jessa hospital, whose description is in its lot: 'het
    dynamisch genereren en opmaken van een uniform verslag' (drawing up a uniform report) made it printing
    ('opmaak', lay-out) and workwear ('uniformen'), and the first route reserved a printing lot."""
    pacs = notice("TED:013921-2021")
    result = bundled.match_tender(pacs, top=10, per_lot=True)
    assert "drukwerk" not in result.sectors
    assert "werkkledij-textiel" not in result.sectors
    assert all("Drukwerk" not in route.why and "Werkkledij" not in route.why for route in result.routes)
    assert result.matches[0].id == "toegankelijkheid-ict"
    for lot in result.lots:
        assert "werkkledij-ilo-kernverdragen" not in [m.id for m in lot.matches]


def test_uniforms_and_lay_out_still_find_their_sectors(bundled: Matcher) -> None:
    clothing = bundled.match_tender(Tender(description="Levering van uniformen en dienstuniformen voor de politiezone"))
    assert clothing.sectors[:1] == ("werkkledij-textiel",)
    printing = bundled.match_tender(Tender(description="Grafische opmaak en drukken van het gemeentelijk infoblad"))
    assert printing.sectors[:1] == ("drukwerk",)
    report = bundled.match_tender(Tender(description="Een uniforme rapportering en een uniform verslag per dienst"))
    assert "werkkledij-textiel" not in report.sectors


@pytest.mark.parametrize(
    "notice_id",
    [
        "TED:251916-2022",  # responders to IT security incidents
        "TED:177951-2018",  # keeping a software up to date
        "TED:262747-2018",  # developing a port terminal
    ],
)
def test_security_of_software_or_a_site_is_no_guarding(bundled: Matcher, notice_id: str) -> None:
    """'sécurité' alone (IT security, safety at work, 'mise en sécurité') made the notice guarding services."""
    assert "bewaking" not in bundled.match_tender(notice(notice_id)).sectors


def test_guarding_in_french_still_is_guarding(bundled: Matcher) -> None:
    result = bundled.match_tender(notice("TED:528848-2021"))  # Gardiennage des sites EDF DTEAM
    assert result.sectors[:1] == ("bewaking",)
    assert first_route(result) == "open-sociale-voorwaarden"
    agents = bundled.match_tender(Tender(description="Mise à disposition d'agents de sécurité pour les bâtiments"))
    assert agents.sectors[:1] == ("bewaking",)


@pytest.mark.parametrize(
    "notice_id",
    [
        "TED:246024-2022",  # délégation du service public de la crèche municipale (85312110)
        "TED:298193-2021",  # concession de services: gestion d'une crèche
    ],
)
def test_a_creche_is_no_home_help(bundled: Matcher, notice_id: str) -> None:
    """Home help listed CPV 85312000 (social work without accommodation), the parent of child day care
    (85312110) and vocational guidance (85312300): a crèche got the route that reserves the whole contract
    to sheltered workshops 'because home help is a core activity of the local service economy', where
    art. 77 (certain social services) is the reservation that fits."""
    result = bundled.match_tender(notice(notice_id))
    assert first_route(result) == "diensten-art77"


@pytest.mark.parametrize(
    "notice_id",
    [
        "TED:620282-2021",  # délégation de service public: a crèche ('accueil de la petite enfance')
        "TED:304825-2020",  # a 'foyer de vie et d'accueil' for disabled adults
        "TED:345357-2020",  # after-school centres (ALAE, ALSH: 'accueil de loisirs')
    ],
)
def test_accueil_of_children_or_residents_is_no_reception_desk(bundled: Matcher, notice_id: str) -> None:
    """French 'accueil' alone is child care, a care home, a leisure centre as much as a front desk: those
    notices were reception services, with the route that reserves the whole contract to sheltered workshops."""
    result = bundled.match_tender(notice(notice_id))
    assert "onthaal" not in result.sectors
    assert first_route(result) != "opdracht-voorbehouden"


def test_a_front_desk_in_french_still_is_reception(bundled: Matcher) -> None:
    desk = bundled.match_tender(
        Tender(
            description="Accueil physique et téléphonique des visiteurs de l'hôtel de ville par des hôtesses d'accueil"
        )
    )
    assert desk.sectors[:1] == ("onthaal",)
    assert first_route(desk) == "opdracht-voorbehouden"


@pytest.mark.parametrize("notice_id", ["TED:562286-2018", "TED:189937-2021"])
def test_monitoring_is_no_computer_screens(bundled: Matcher, notice_id: str) -> None:
    """'monitoren' is the Dutch verb 'to monitor' as often as the plural of 'monitor': the maintenance of
    rail switch monitoring and an asset-planning dialogue bought IT hardware, with the supply-chain route."""
    result = bundled.match_tender(notice(notice_id))
    assert "ict-hardware" not in result.sectors
    assert first_route(result) != "keten-waardig-werk"
