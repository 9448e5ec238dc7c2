"""The HTTP API tested by a tool that did not write it: Schemathesis generates requests from
/api/v1/openapi.json (a bounded number per endpoint) and checks that no answer is a server error,
that every status code and answer conforms to the document, and (below) that every documented status
code can occur. What it found is kept as regression tests at the end of the file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from schemathesis.checks import positive_data_acceptance

from sociaalaankopen import Catalogue
from sociaalaankopen.web import create_app
from sociaalaankopen.web.security import MAX_BODY

EXAMPLES_PER_ENDPOINT = 30
API = "/api/v1"


APP = create_app(Catalogue.load())
schema = schemathesis.openapi.from_asgi(f"{API}/openapi.json", APP)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(APP, raise_server_exceptions=False) as c:
        yield c


@schema.parametrize()
# derandomize: the same examples on every run, so a failure in CI is one a developer can repeat.
@settings(max_examples=EXAMPLES_PER_ENDPOINT, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case: Any) -> None:
    # Every check but one: a tender file has rules the schema cannot state (text, JSON, OCDS or eForms
    # XML, not a PNG), and a parameter name must be the clause's, so a schema-valid request can rightly fail.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


# --- every documented status code can occur ----------------------------------------------------------

_TOO_LARGE = b"x" * (MAX_BODY + 1)
_TENDER = "Groenonderhoud en hagen scheren in het stadspark"
# Found by Schemathesis: a multipart body without part headers (was an undocumented 400).
_BROKEN_FORM: dict[str, Any] = {
    "content": b"--b\r\n3831163327164972.0--b--\r\n",
    "headers": {"content-type": "multipart/form-data; boundary=b"},
}

# (method, path, status) -> a request that gets that answer: (path with values, keyword arguments).
REACHES: dict[tuple[str, str, str], tuple[str, dict[str, Any]]] = {
    ("get", "/clauses", "200"): ("/clauses?theme=employment&lang=fr", {}),
    ("get", "/clauses", "422"): ("/clauses?ambition=4", {}),
    ("get", "/clauses/{clause_id}", "200"): ("/clauses/voorbehouden-opdracht", {}),
    ("get", "/clauses/{clause_id}", "404"): ("/clauses/bestaat-niet", {}),
    ("get", "/clauses/{clause_id}", "422"): ("/clauses/voorbehouden-opdracht?lang=fr", {}),
    ("post", "/clauses/{clause_id}/render", "200"): ("/clauses/voorbehouden-opdracht/render", {"json": {"lang": "en"}}),
    ("post", "/clauses/{clause_id}/render", "415"): (
        "/clauses/voorbehouden-opdracht/render",
        {"content": b"lang=en", "headers": {"content-type": "text/plain"}},
    ),
    ("post", "/clauses/{clause_id}/render", "404"): ("/clauses/bestaat-niet/render", {"json": {}}),
    ("post", "/clauses/{clause_id}/render", "413"): (
        "/clauses/voorbehouden-opdracht/render",
        {"content": _TOO_LARGE, "headers": {"content-type": "application/json"}},
    ),
    ("post", "/clauses/{clause_id}/render", "422"): ("/clauses/voorbehouden-opdracht/render", {"json": {"lang": "de"}}),
    ("get", "/sectors", "200"): ("/sectors?lang=en", {}),
    ("get", "/sectors", "422"): ("/sectors?lang=de", {}),
    ("get", "/cpv", "200"): ("/cpv?q=7731&limit=3", {}),
    ("get", "/cpv", "422"): ("/cpv", {}),
    ("get", "/export", "200"): ("/export", {}),
    ("get", "/export", "422"): ("/export?x=1", {}),
    ("post", "/match", "200"): ("/match", {"json": {"text": _TENDER, "per_lot": True}}),
    ("post", "/match", "413"): ("/match", {"content": _TOO_LARGE, "headers": {"content-type": "application/json"}}),
    ("post", "/match", "415"): ("/match", {"content": _TENDER.encode(), "headers": {"content-type": "text/plain"}}),
    ("post", "/match", "422"): ("/match", {"json": {"text": _TENDER, "top": 0}}),
    ("post", "/draft", "200"): ("/draft", {"json": {"route": "perceel-voorbehouden", "format": "json"}}),
    ("post", "/draft", "413"): ("/draft", {"content": _TOO_LARGE, "headers": {"content-type": "application/json"}}),
    ("post", "/draft", "415"): ("/draft", {"content": b"route=x", "headers": {"content-type": "text/plain"}}),
    ("post", "/draft", "422"): ("/draft", {"json": {}}),
}


def documented(client: TestClient) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Every (method, path, status) of the OpenAPI document, with its answer's description."""
    doc = client.get(f"{API}/openapi.json").json()
    found = {}
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            for status, answer in operation["responses"].items():
                found[(method, path.removeprefix(API), status)] = answer
    return found


def response_validator(client: TestClient, answer: dict[str, Any], media_type: str) -> Draft202012Validator:
    doc = client.get(f"{API}/openapi.json").json()
    schema = answer["content"][media_type]["schema"]
    return Draft202012Validator({**schema, "components": doc["components"]})


def test_every_documented_status_code_can_occur(client: TestClient) -> None:
    expected = documented(client)
    assert sorted(expected) == sorted(REACHES), "give each documented status an example request in REACHES"
    for (method, path, status), (url, kwargs) in REACHES.items():
        response = client.request(method.upper(), API + url, **kwargs)
        assert str(response.status_code) == status, (method, url, response.text[:300])
        media_type = response.headers["content-type"].split(";")[0]
        content = expected[(method, path, status)]["content"]
        assert media_type in content, (method, url, media_type)
        if media_type.endswith("json"):
            problems = [
                e.message
                for e in response_validator(client, expected[(method, path, status)], media_type).iter_errors(
                    response.json()
                )
            ]
            assert problems == [], (method, url, problems)


# --- what Schemathesis found, kept --------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b",\x06\xff", b'{"lang": "en", "values": {}', b'{"lang": "en", "values": {"x": 0}, "extra": 1}'],
)
def test_a_render_body_that_cannot_be_read_is_a_problem_not_a_400(client: TestClient, body: bytes) -> None:
    """Found: render answered an undocumented 400 to a JSON body that is not UTF-8."""
    response = client.post(
        f"{API}/clauses/voorbehouden-opdracht/render", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("endpoint", ["match", "draft"])
def test_a_form_offers_no_null(client: TestClient, endpoint: str) -> None:
    """Found: the upload forms documented `lang: null`, which a form sends as the text "null" (then
    refused). A form leaves a field out instead; the JSON bodies still take null."""
    doc = client.get(f"{API}/openapi.json").json()
    form = doc["paths"][f"{API}/{endpoint}"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    name = form["$ref"].rsplit("/", 1)[1]
    properties = doc["components"]["schemas"][name]["properties"]
    assert '"null"' not in json.dumps(properties["lang"]), properties["lang"]
    files = {"file": ("tender.txt", _TENDER.encode())}
    assert client.post(f"{API}/{endpoint}", files=files, data={"lang": "en"}).status_code == 200
    body = {"text": _TENDER, "lang": None}
    assert client.post(f"{API}/{endpoint}", json=body).status_code == 200


@pytest.mark.parametrize("endpoint", ["match", "draft"])
def test_a_broken_form_is_a_problem_not_a_400(client: TestClient, endpoint: str) -> None:
    """Found: match and draft answered an undocumented 400 to a multipart body they cannot parse."""
    response = client.post(f"{API}/{endpoint}", **_BROKEN_FORM)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_a_json_flag_is_not_a_number(client: TestClient) -> None:
    """Found: match took `per_lot: 0` (pydantic's lax mode) although the document says boolean."""
    response = client.post(f"{API}/match", json={"text": _TENDER, "per_lot": 0})
    assert response.status_code == 422, response.text
    assert "per_lot" in response.json()["detail"]


def test_the_json_annex_is_documented_with_its_schema(client: TestClient) -> None:
    """The JSON annex of /draft was documented as any object; it now refers to the schema that
    `schema --of draft` prints, so Schemathesis checks its answers against it."""
    doc = client.get(f"{API}/openapi.json").json()
    content = doc["paths"][f"{API}/draft"]["post"]["responses"]["200"]["content"]["application/json"]
    assert content["schema"] == {"$ref": "#/components/schemas/DraftOut"}
    assert "schema_version" in doc["components"]["schemas"]["DraftOut"]["required"]
