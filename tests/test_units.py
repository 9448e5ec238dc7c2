"""A parameter's unit is said in the language of the message or page it is part of (found by the sweep:
the English fixes said "from 6 to 9 uur")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sociaalaankopen import Catalogue
from sociaalaankopen.vocab import UNITS
from sociaalaankopen.web import create_app


@pytest.fixture(scope="module")
def client(catalogue: Catalogue) -> Iterator[TestClient]:
    with TestClient(create_app(catalogue), raise_server_exceptions=False) as c:
        yield c


def test_every_unit_of_the_catalogue_is_in_the_vocabulary(catalogue: Catalogue) -> None:
    missing = {
        f"{c.id}.{name}: {p.unit}"
        for c in catalogue.clauses.values()
        for name, p in c.parameters.items()
        if p.unit and p.unit not in UNITS
    }
    assert not missing, "add these units to 'units' in data/vocab.json"


@pytest.mark.parametrize(("accept", "unit"), [("en", "from 6 to 9 hours"), ("fr", "de 6 à 9 heures")])
def test_a_fix_says_the_unit_in_its_language(client: TestClient, accept: str, unit: str) -> None:
    response = client.post(
        "/api/v1/clauses/dagschoonmaak/render",
        json={"values": {"begin_uur": 20}},
        headers={"accept-language": accept},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["fix"].endswith(unit)
    assert " uur" not in response.text


def test_the_compose_page_shows_the_unit_in_its_language(client: TestClient) -> None:
    page = client.get("/en/compose", params={"clause": "dagschoonmaak"})
    assert page.status_code == 200 and "(hours)" in page.text
