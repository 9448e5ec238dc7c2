"""The HTTP API under /api/v1, called in-process with the framework's test client.

Each endpoint answers the same JSON as the command line for the same input; every error is a
problem document (RFC 9457) carrying the CLI's one-line messages; hostile input is refused calmly.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sociaalaankopen import Catalogue
from sociaalaankopen.cli import cli
from sociaalaankopen.web import create_app
from sociaalaankopen.web import models as m
from sociaalaankopen.web.security import CSP, MAX_BODY

ROOT = Path(__file__).parents[1]
GREEN = (ROOT / "examples" / "groenonderhoud.txt").read_text("utf-8")
EFORMS = ROOT / "tests" / "data" / "eforms"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(catalogue: Catalogue) -> Iterator[TestClient]:
    with TestClient(create_app(catalogue), raise_server_exceptions=False) as c:
        yield c


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def cli_errors(*args: str, lang: str = "en") -> list[str]:
    """The error lines of a command, in `lang` (the API's default language: English)."""
    result = CliRunner().invoke(cli, list(args), env={"SOCIAALAANKOPEN_LANG": lang})
    assert result.exit_code == 1, result.output
    return [line.removeprefix("error: ") for line in result.stderr.splitlines() if line.startswith("error: ")]


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    m_problem = {"type", "title", "status", "detail", "errors"}
    assert set(body) == m_problem
    assert body["status"] == status
    assert "Traceback" not in response.text
    return dict(body)


def some_parameter(catalogue: Catalogue, kind: str = "integer") -> tuple[str, str, Any]:
    """(clause id, parameter name, parameter) of the first clause with a bounded parameter of `kind`."""
    for clause in catalogue.clauses.values():
        for name, p in clause.parameters.items():
            if p.type == kind and p.bounds()[1] is not None:
                return clause.id, name, p
    raise AssertionError(f"no clause with a bounded {kind} parameter")


# --- clauses -----------------------------------------------------------------------------------------


def test_list_clauses_is_the_cli_list(client: TestClient) -> None:
    response = client.get("/api/v1/clauses", params={"instrument": "award_criterion", "lang": "fr"})
    assert response.status_code == 200
    assert response.json() == cli_json(
        "clauses", "list", "--instrument", "award_criterion", "--lang", "fr", "--format", "json"
    )
    assert {row["instrument"] for row in response.json()} == {"award_criterion"}
    for row in response.json():
        m.ClauseRow.model_validate(row)


def test_list_clauses_refuses_an_unknown_filter(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/clauses", params={"instrument": "bribery"}), 422)
    assert body["errors"][0]["field"] == "instrument"


def test_show_clause_is_the_export_of_that_clause(client: TestClient, catalogue: Catalogue) -> None:
    response = client.get("/api/v1/clauses/voorbehouden-opdracht")
    assert response.status_code == 200
    exported = cli_json("clauses", "show", "voorbehouden-opdracht", "--format", "json")
    exported.pop("rendered")
    assert response.json() == exported
    m.ClauseOut.model_validate(response.json())


def test_unknown_clause_is_404_with_the_cli_message(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/clauses/bestaat-niet"), 404)
    said = [f"{e['where']}: {e['message']}" for e in body["errors"]]
    assert said == [line.split(" (")[0] for line in cli_errors("clauses", "show", "bestaat-niet")]
    assert body["type"] == "urn:sociaalaankopen:problem:not-in-catalogue"
    # the fix is the API's way, not the command line's (found by the sweep)
    assert body["errors"][0]["fix"] == "GET /api/v1/clauses lists the ids" and "sociaalaankopen" not in body["detail"]


def test_render_with_values(client: TestClient, catalogue: Catalogue) -> None:
    clause_id, name, p = some_parameter(catalogue)
    value = int(p.bounds()[1])
    response = client.post(f"/api/v1/clauses/{clause_id}/render", json={"lang": "en", "values": {name: value}})
    assert response.status_code == 200
    body = m.RenderOut.model_validate(response.json())
    assert body.values[name] == value
    assert body.lang == "en"
    cli_text = (
        CliRunner()
        .invoke(cli, ["clauses", "show", clause_id, "--lang", "en", "--set", f"{name}={value}", "--format", "markdown"])
        .stdout
    )
    assert body.text == cli_text.rstrip("\n")


def test_render_says_the_placeholders_the_text_still_holds(client: TestClient) -> None:
    """The render answer gave '[naam, dienst …]' in its text and nothing to tell a tool it is a blank."""
    call = "marktconsultatie-sociale-economie"
    response = client.post(f"/api/v1/clauses/{call}/render", json={"lang": "fr", "values": {"voorwerp": "[parcs]"}})
    assert response.status_code == 200
    body = m.RenderOut.model_validate(response.json())
    assert response.json()["placeholders"] == [
        {"parameter": "voorwerp", "label": "Objet du marché envisagé", "text": "[parcs]"},
        {
            "parameter": "contact",
            "label": "Personne de contact pour les réponses",
            "text": "[nom, service et adresse e-mail de la personne de contact]",
        },
    ]
    assert all(p.text in body.text for p in body.placeholders)
    # The same as the JSON annex says of the clause, less the clause it is in.
    annex = client.post(
        "/api/v1/draft",
        json={"clauses": [{"id": call, "values": {"voorwerp": "[parcs]"}}], "lang": "fr", "format": "json"},
    ).json()
    assert [{k: v for k, v in p.items() if k != "clause"} for p in annex["placeholders"]] == body.model_dump()[
        "placeholders"
    ]
    filled = {"voorwerp": "parcs", "contact": "Service achats"}
    assert client.post(f"/api/v1/clauses/{call}/render", json={"values": filled}).json()["placeholders"] == []


def test_out_of_bounds_value_is_422_with_the_cli_message(client: TestClient, catalogue: Catalogue) -> None:
    clause_id, name, p = some_parameter(catalogue)
    too_high = int(p.bounds()[1]) + 1
    body = assert_problem(
        client.post(f"/api/v1/clauses/{clause_id}/render", json={"values": {name: str(too_high)}}), 422
    )
    assert body["detail"].splitlines() == cli_errors("clauses", "show", clause_id, "--set", f"{name}={too_high}")
    assert body["errors"][0]["field"] == name


@pytest.mark.parametrize(("accept", "lang"), [("fr-BE,fr;q=0.9,en;q=0.5", "fr"), ("nl", "nl"), ("de, en;q=0.5", "en")])
def test_problems_follow_accept_language(client: TestClient, catalogue: Catalogue, accept: str, lang: str) -> None:
    clause_id, name, p = some_parameter(catalogue)
    too_high = int(p.bounds()[1]) + 1
    response = client.post(
        f"/api/v1/clauses/{clause_id}/render",
        json={"values": {name: str(too_high)}},
        headers={"Accept-Language": accept},
    )
    body = assert_problem(response, 422)
    assert response.headers["content-language"] == lang
    expected = cli_errors("clauses", "show", clause_id, "--set", f"{name}={too_high}", lang=lang)
    assert body["detail"].splitlines() == expected
    assert body["errors"][0]["line"] == expected[0]


@pytest.mark.parametrize(
    "value",
    ["1e309", "NaN", "-inf", "٣", "0x10", "1" * 5000, "\x00", "10; DROP TABLE", "{{ 7*7 }}", True, None, [1], {"a": 1}],
)
def test_hostile_parameter_values_are_refused(client: TestClient, catalogue: Catalogue, value: Any) -> None:
    clause_id, name, _ = some_parameter(catalogue)
    response = client.post(f"/api/v1/clauses/{clause_id}/render", json={"values": {name: value}})
    body = assert_problem(response, 422)
    assert body["errors"], body


@pytest.mark.parametrize(
    "raw",
    ["NaN", "Infinity", "-Infinity", "1e309", "1" + "0" * 4000],
    ids=["NaN", "Infinity", "-Infinity", "1e309", "int-of-4001-digits"],
)
@pytest.mark.parametrize("kind", ["integer", "amount"])
def test_json_numbers_no_clause_can_print_are_refused(
    client: TestClient, catalogue: Catalogue, raw: str, kind: str
) -> None:
    """JSON's NaN and Infinity (which Python's parser takes) and numbers past a float: a 500 or 'nan %' in
    the annex before; a problem that names the parameter now, for one clause and for a draft."""
    found = [(c.id, n) for c in catalogue.clauses.values() for n, p in c.parameters.items() if p.type == kind]
    clause_id, name = found[0]
    body = '{"values": {"NAME": RAW}}'.replace("NAME", name).replace("RAW", raw)
    response = client.post(
        f"/api/v1/clauses/{clause_id}/render", content=body, headers={"Content-Type": "application/json"}
    )
    problem = assert_problem(response, 422)
    assert [e["field"] for e in problem["errors"]] == [name]
    body = '{"clauses": [{"id": "ID", "values": {"NAME": RAW}}], "format": "docx"}'
    body = body.replace("ID", clause_id).replace("NAME", name).replace("RAW", raw)
    response = client.post("/api/v1/draft", content=body, headers={"Content-Type": "application/json"})
    problem = assert_problem(response, 422)
    assert [e["field"] for e in problem["errors"]] == [name]


def test_a_word_annex_takes_a_title_pasted_with_a_line_break(client: TestClient, catalogue: Catalogue) -> None:
    route = next(iter(catalogue.routes))
    response = client.post("/api/v1/draft", json={"route": route, "title": "Groen\x0bonderhoud\x01", "format": "docx"})
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"PK")


def test_hostile_text_value_is_pasted_as_text_not_run(client: TestClient, catalogue: Catalogue) -> None:
    found = [(c.id, n) for c in catalogue.clauses.values() for n, p in c.parameters.items() if p.type == "text"]
    if not found:
        pytest.skip("no clause with a text parameter")
    clause_id, name = found[0]
    hostile = "{{ ''.__class__.__mro__ }} <script>alert(1)</script>"
    response = client.post(f"/api/v1/clauses/{clause_id}/render", json={"values": {name: hostile}})
    assert response.status_code == 200
    text = response.json()["text"]
    # A value is data: never rendered as a template, and no markup in the Markdown text either.
    assert "{{ ''.\\_\\_class\\_\\_.\\_\\_mro\\_\\_ }} \\<script\\>alert(1)\\</script\\>" in text


def test_unknown_parameter_name_is_refused(client: TestClient, catalogue: Catalogue) -> None:
    clause_id, _, _ = some_parameter(catalogue)
    body = assert_problem(client.post(f"/api/v1/clauses/{clause_id}/render", json={"values": {"__class__": "1"}}), 422)
    assert "is not a parameter of this clause" in body["detail"]


def test_an_unknown_or_repeated_query_parameter_is_refused(client: TestClient) -> None:
    # FastAPI ignores the one and keeps the last of the other: a typo gave every clause without a word.
    body = assert_problem(client.get("/api/v1/clauses?instrumnt=lots&lang=fr&lang=en"), 422)
    assert [e["line"] for e in body["errors"]] == [
        "query: instrumnt: is not a parameter of this address (use ambition, instrument, lang, theme, type)",
        "query: lang: is given 2 times (give it once)",
    ]
    body = assert_problem(client.get("/api/v1/export?lang=fr", headers={"Accept-Language": "nl"}), 422)
    assert body["detail"] == "query: lang: is geen parameter van dit adres (laat het weg)"
    assert_problem(client.post("/api/v1/match?top=3", json={"text": GREEN}), 422)
    assert client.get("/api/v1/cpv?q=4521&limit=3&lang=fr").status_code == 200


def test_an_empty_form_field_is_a_value_and_refused_where_the_document_refuses_it(client: TestClient) -> None:
    # Schemathesis found `lang=` and `guidance=` accepted: empty fields were dropped as if left out,
    # where the OpenAPI document says they take one of a few values.
    upload = {"file": ("aanbesteding.txt", GREEN.encode("utf-8"), "text/plain")}
    for address, field in [("draft", "lang"), ("draft", "guidance"), ("draft", "format"), ("match", "top")]:
        body = assert_problem(client.post(f"/api/v1/{address}", files=upload, data={field: ""}), 422)
        assert [e["field"] for e in body["errors"]] == [field], address
    assert client.post("/api/v1/draft", files=upload, data={"title": ""}).status_code == 200  # a text may be empty
    body = assert_problem(client.post("/api/v1/draft", files=upload, data={"route": ""}), 422)
    assert body["detail"].startswith("request: route: '' is not a route")  # it said ': route: …'


def test_sectors_and_cpv_completion(client: TestClient) -> None:
    sectors = client.get("/api/v1/sectors", params={"lang": "en"}).json()
    assert any(s["id"] == "groenonderhoud" for s in sectors)
    by_code = client.get("/api/v1/cpv", params={"q": "7731"}).json()
    assert by_code and all(c["code"].startswith("7731") for c in by_code)
    by_word = client.get("/api/v1/cpv", params={"q": "groen", "limit": 5}).json()
    assert 0 < len(by_word) <= 5 and all("groen" in c["label"].lower() for c in by_word)
    assert_problem(client.get("/api/v1/cpv"), 422)  # q is required


def test_cpv_completion_matches_the_start_of_a_word_first(client: TestClient) -> None:
    """The review: 'x' found "Leder, textielweefsels, …" and "Explosieven"; a buyer types the start of a word.
    Words start a match; inside a word only from three letters (Dutch compounds: 'vervoer' finds
    'Luchtvervoer'), after the word starts; accents need not be typed ('electricite')."""

    def labels(q: str, lang: str = "nl", limit: int = 100) -> list[str]:
        return [c["label"] for c in client.get("/api/v1/cpv", params={"q": q, "lang": lang, "limit": limit}).json()]

    assert all(re.search(r"(?:^|\W)x", label, re.I) for label in labels("x"))
    assert not any("textiel" in label.lower() or label == "Explosieven" for label in labels("x"))
    assert all(re.search(r"(?:^|\W)ex", label, re.I) for label in labels("ex"))
    assert "Explosieven" in labels("ex") and not any("textiel" in label.lower() for label in labels("ex"))
    found = labels("vervoer")
    inside = [i for i, label in enumerate(found) if not re.search(r"(?:^|\W)vervoer", label, re.I)]
    assert "Luchtvervoer" in found and inside and min(inside) > max(set(range(len(found))) - set(inside))
    assert "Elektriciteit" in labels("elektriciteit")
    assert any(label.startswith("Électricité") for label in labels("electricite", "fr"))
    assert labels("ELECTRICITE", "fr") == labels("électricité", "fr")
    assert labels("groen", limit=5)[:1] == ["Granen, aardappelen, groenten, vruchten en noten"]  # general first


def test_export_is_the_cli_export(client: TestClient) -> None:
    response = client.get("/api/v1/export")
    assert response.status_code == 200
    assert response.json() == cli_json("export")
    m.ExportOut.model_validate(response.json())


# --- match -------------------------------------------------------------------------------------------


def test_match_text_is_match_format_json(client: TestClient) -> None:
    response = client.post("/api/v1/match", json={"text": GREEN, "top": 7})
    assert response.status_code == 200
    assert response.json() == cli_json("match", GREEN, "--top", "7", "--format", "json")
    result = m.MatchResultOut.model_validate(response.json())
    assert result.routes, "the groenonderhoud tender has routes"


def test_match_tender_object_with_options(client: TestClient) -> None:
    tender = {
        "title": "Schoonmaak van kantoren",
        "lots": [{"title": "Perceel 1: ramen"}, {"title": "Perceel 2: vloeren"}],
    }
    response = client.post(
        "/api/v1/match", json={"tender": tender, "cpv": ["90910000"], "type": "services", "per_lot": True}
    )
    assert response.status_code == 200
    body = m.MatchResultOut.model_validate(response.json())
    assert body.tender.cpv == ["90910000"] and body.tender.type == "services"
    assert body.lots is not None and len(body.lots) == 2


@pytest.mark.parametrize("name", sorted(p.name for p in EFORMS.glob("*.xml")))
def test_match_upload_of_eforms_notice(client: TestClient, name: str) -> None:
    data = (EFORMS / name).read_bytes()
    response = client.post("/api/v1/match", files={"file": (name, data, "application/xml")}, data={"top": "3"})
    if response.status_code == 200:
        assert response.json() == cli_json("match", "--file", str(EFORMS / name), "--top", "3", "--format", "json")
    else:  # a notice the reader refuses (an award notice, say) gives the CLI's message
        body = assert_problem(response, 422)
        assert body["detail"].splitlines() == cli_errors("match", "--file", str(EFORMS / name))[:1] or body["detail"]


def test_match_upload_of_an_ocds_package(client: TestClient) -> None:
    path = ROOT / "tests" / "data" / "ocds" / "ocds-213czf-000-00001-02-tender.json"
    response = client.post("/api/v1/match", files={"file": (path.name, path.read_bytes(), "application/json")})
    assert response.status_code == 200
    assert response.json() == cli_json("match", "--file", str(path), "--format", "json")


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE ContractNotice [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"><x>&secret;</x></ContractNotice>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"><x>&lol9;</x></ContractNotice>"""


@pytest.mark.parametrize("payload", [XXE, BOMB], ids=["xxe", "entity-bomb"])
def test_hostile_xml_upload_is_refused_without_expanding_anything(client: TestClient, payload: bytes) -> None:
    start = time.perf_counter()
    response = client.post("/api/v1/match", files={"file": ("notice.xml", payload, "application/xml")})
    body = assert_problem(response, 422)
    assert body["errors"][0]["where"] == "notice.xml"
    assert "root:" not in response.text and "lollol" not in response.text
    assert time.perf_counter() - start < 30  # a generous bound: an expanded bomb would not finish at all


def test_body_over_5_mb_is_413(client: TestClient) -> None:
    big = b"a" * (MAX_BODY + 1)
    body = assert_problem(client.post("/api/v1/match", content=big, headers={"content-type": "application/json"}), 413)
    assert "larger than 5 MB" in body["detail"]
    upload = client.post("/api/v1/match", files={"file": ("big.txt", big, "text/plain")})
    assert_problem(upload, 413)


def test_streamed_body_over_5_mb_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while reading
        for _ in range(6):
            yield b"x" * (1024 * 1024)

    response = client.post("/api/v1/match", content=chunks(), headers={"content-type": "application/json"})
    assert_problem(response, 413)


def test_a_body_just_under_the_limit_is_read(client: TestClient) -> None:
    text = "Groenonderhoud van parken.\n" + "maaien " * ((MAX_BODY - 4096) // 7)
    response = client.post("/api/v1/match", files={"file": ("lang.txt", text.encode(), "text/plain")})
    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, ""),
        ({"text": ""}, ""),
        ({"text": "a", "tender": {"title": "b"}}, "text"),
        ({"text": "groen", "top": 0}, "top"),
        ({"text": "groen", "lang": "de"}, "lang"),
        ({"text": "groen", "cpv": ["banana"]}, ""),
        ({"text": "groen", "colour": "red"}, "colour"),
        ({"tender": {"lots": "many"}}, ""),
        ({"tender": {"title": ["a list"]}}, ""),
    ],
)
def test_bad_match_requests_are_422(client: TestClient, body: dict[str, Any], field: str) -> None:
    problem = assert_problem(client.post("/api/v1/match", json=body), 422)
    assert problem["detail"]
    if field:
        assert any(e["field"] == field for e in problem["errors"]), problem


def test_invalid_json_is_422_and_other_media_is_415(client: TestClient) -> None:
    assert_problem(client.post("/api/v1/match", content=b"{nope", headers={"content-type": "application/json"}), 422)
    assert_problem(client.post("/api/v1/match", content=b"groen", headers={"content-type": "text/plain"}), 415)
    no_file = client.post("/api/v1/match", data={"top": "3"}, files={"note": ("n.txt", b"x", "text/plain")})
    assert assert_problem(no_file, 422)["errors"][0]["field"] == "file"  # a form without the tender file


def test_binary_and_nul_uploads_are_refused(client: TestClient) -> None:
    for data in (b"PK\x03\x04rest of a docx", b"%PDF-1.7 ...", b"ab\x00cd"):
        body = assert_problem(client.post("/api/v1/match", files={"file": ("x.txt", data, "text/plain")}), 422)
        assert body["errors"][0]["where"] == "x.txt"


# --- draft -------------------------------------------------------------------------------------------


def test_draft_markdown_is_the_cli_draft(client: TestClient, catalogue: Catalogue) -> None:
    clause_id, name, p = some_parameter(catalogue)
    value = str(int(p.bounds()[1]))
    request = {"clauses": [{"id": clause_id, "values": {name: value}}, {"id": "voorbehouden-perceel"}], "title": "Test"}
    response = client.post("/api/v1/draft", json={**request, "format": "markdown", "lang": "fr"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    expected = (
        CliRunner()
        .invoke(
            cli,
            [
                "draft",
                "--clause",
                f"{clause_id}:{name}={value}",
                "--clause",
                "voorbehouden-perceel",
                "--title",
                "Test",
                "--lang",
                "fr",
            ],
        )
        .stdout
    )
    assert response.text == expected


def test_draft_docx_holds_the_value(client: TestClient, catalogue: Catalogue) -> None:
    import docx

    clause_id, name, p = some_parameter(catalogue)
    value = int(p.bounds()[1])
    response = client.post(
        "/api/v1/draft", json={"clauses": [{"id": clause_id, "values": {name: value}}], "format": "docx"}
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(par.text for par in document.paragraphs)
    assert str(value) in text


def test_draft_errors(client: TestClient, catalogue: Catalogue) -> None:
    clause_id, name, p = some_parameter(catalogue)
    body = assert_problem(
        client.post("/api/v1/draft", json={"clauses": [{"id": clause_id, "values": {name: "-5"}}, {"id": "nope"}]}), 422
    )
    assert len(body["errors"]) == 2  # every problem at once, as the CLI reports them
    assert_problem(client.post("/api/v1/draft", json={"clauses": []}), 422)
    assert_problem(client.post("/api/v1/draft", json={"clauses": [{"id": clause_id}], "format": "pdf"}), 422)
    assert_problem(client.post("/api/v1/draft", data={"x": "1"}), 415)


# --- the whole API -----------------------------------------------------------------------------------


def test_openapi_says_the_limits_of_a_value_the_server_checks(client: TestClient, catalogue: Catalogue) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for model in ("RenderRequest", "DraftChoice"):
        value = schemas[model]["properties"]["values"]["additionalProperties"]
        assert value["anyOf"] == [
            {"type": "string", "maxLength": 2000},
            {"type": "number", "minimum": -1e12, "maximum": 1e12},
        ], model
    clause_id, name, _ = some_parameter(catalogue)
    for beyond in ("x" * 2001, 1e13):  # what the document now says is refused, is
        response = client.post(f"/api/v1/clauses/{clause_id}/render", json={"values": {name: beyond}})
        assert_problem(response, 422)


def test_openapi_document(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    paths = set(doc["paths"])
    expected = {
        "clauses",
        "clauses/{clause_id}",
        "clauses/{clause_id}/render",
        "sectors",
        "cpv",
        "export",
        "match",
        "draft",
    }
    assert paths == {f"/api/v1/{p}" for p in expected}
    schemas = doc["components"]["schemas"]
    for name in ("Problem", "MatchRequest", "MatchUpload", "DraftRequest", "MatchResultOut", "TenderRead", "Parameter"):
        assert name in schemas, name
    for path, item in doc["paths"].items():
        for operation in item.values():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(answer["content"]) == [PROBLEM], (path, status)
    assert not any(p.startswith("/fr") or p == "/" for p in paths)  # pages stay out of the API document


def test_every_answer_has_the_security_headers(client: TestClient) -> None:
    answers = [
        client.get("/api/v1/clauses"),
        client.get("/api/v1/nope"),
        client.get("/"),
        client.get("/static/style.css"),
        client.post("/api/v1/match", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/json"}),
        client.delete("/api/v1/clauses"),
    ]
    for response in answers:
        assert response.headers["content-security-policy"] == CSP
        assert "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"


def test_wrong_method_is_405_problem(client: TestClient) -> None:
    assert_problem(client.delete("/api/v1/clauses"), 405)


def test_a_bug_is_a_500_problem_without_a_traceback(catalogue: Catalogue) -> None:
    app = create_app(catalogue)

    def broken() -> None:
        raise RuntimeError("secret tender text")

    app.add_api_route("/api/v1/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/v1/broken")
    body = assert_problem(response, 500)
    assert "secret" not in response.text and body["type"] == "about:blank"
    assert response.headers["content-security-policy"] == CSP
    assert body["errors"][0]["fix"]


@pytest.mark.parametrize(("path", "lang"), [("/broken", "nl"), ("/fr/broken", "fr"), ("/en/annex.broken", "en")])
def test_a_bug_on_a_page_is_the_error_page_in_its_language(catalogue: Catalogue, path: str, lang: str) -> None:
    """Found by the sweep: a 500 on a page's address was a problem document, raw JSON in the browser."""
    from sociaalaankopen.web.i18n import TEXTS

    app = create_app(catalogue)

    def broken() -> None:
        raise RuntimeError("secret tender text")

    app.add_api_route(path, broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get(path)
    assert response.status_code == 500 and response.headers["content-type"].startswith("text/html")
    assert (
        f'<html lang="{lang}">' in response.text and TEXTS[lang]["error.title"].replace("'", "&#39;") in response.text
    )
    assert "secret" not in response.text and response.headers["content-security-policy"] == CSP


def test_draft_of_a_route_and_of_a_tender_is_the_cli_draft(client: TestClient, tmp_path: Path) -> None:
    route = client.post("/api/v1/draft", json={"route": "perceel-voorbehouden", "format": "json", "lang": "en"})
    assert route.status_code == 200 and route.headers["content-type"] == "application/json"
    assert route.json() == cli_json("draft", "--route", "perceel-voorbehouden", "--format", "json", "--lang", "en")
    tender = tmp_path / "groen.txt"
    tender.write_text(GREEN, "utf-8")
    expected = cli_json("draft", "--from-tender", str(tender), "--format", "json")
    assert client.post("/api/v1/draft", json={"text": GREEN, "format": "json"}).json() == expected
    upload = client.post(
        "/api/v1/draft", files={"file": ("groen.txt", GREEN.encode(), "text/plain")}, data={"format": "json"}
    )
    assert upload.json() == expected
    assert expected["route"]["id"], "the tender's best route"


def test_draft_of_an_unknown_route_and_of_nothing(client: TestClient) -> None:
    """An id in the body that the catalogue lacks is a body that does not fit its schema: 422, as an unknown
    clause id in the body is (the sweep found the two answered 404 and 422)."""
    body = assert_problem(client.post("/api/v1/draft", json={"route": "nergens"}), 422)
    # Said as every other problem of the body: where it is in the request, with the value it has.
    assert [(e["where"], e["field"], e["message"]) for e in body["errors"]] == [
        ("request", "route", "'nergens' is not a route")
    ]
    assert cli_errors("draft", "--route", "nergens")[0].split(" (")[1] == body["detail"].split(" (")[1]
    clause = assert_problem(client.post("/api/v1/draft", json={"clauses": [{"id": "../x"}]}), 422)
    assert body["type"] == clause["type"] == "urn:sociaalaankopen:problem:parameter"
    assert_problem(client.post("/api/v1/draft", json={}), 422)


def test_the_document_says_what_a_request_needs(client: TestClient, catalogue: Catalogue) -> None:
    """Found by Schemathesis: `{}` was schema-valid but refused. The schemas now say that a match or a draft
    needs something to work on, never both a text and a tender object, and which ids a draft may name."""
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("MatchRequest", "DraftRequest"):
        assert {tuple(branch["required"]) for branch in schemas[name]["anyOf"]} >= {("text",), ("tender",)}
        assert schemas[name]["not"] == {"required": ["text", "tender"]}
    assert schemas["DraftChoice"]["properties"]["id"]["enum"] == sorted(catalogue.clauses)
    assert_problem(client.post("/api/v1/draft", json={"text": GREEN, "tender": {"title": "x"}}), 422)
    assert_problem(client.post("/api/v1/match", json={"tender": {"title": "   "}}), 422)


def test_bodies_are_read_strictly_and_as_json_only(client: TestClient, catalogue: Catalogue) -> None:
    """Found by Schemathesis: `"per_lot": 0` was accepted as false, and a body that is not UTF-8 gave an
    undocumented 400."""
    assert_problem(client.post("/api/v1/match", json={"text": "groen", "per_lot": 0}), 422)
    assert_problem(client.post("/api/v1/match", json={"text": "groen", "top": "5"}), 422)
    clause_id, _, _ = some_parameter(catalogue)
    garbage = b"\xff\xfe\r\x17["
    assert_problem(
        client.post(
            f"/api/v1/clauses/{clause_id}/render", content=garbage, headers={"content-type": "application/json"}
        ),
        422,
    )
    assert_problem(
        client.post(f"/api/v1/clauses/{clause_id}/render", content=b"{}", headers={"content-type": "text/plain"}), 415
    )


def test_a_broken_form_is_422_like_broken_json(client: TestClient) -> None:
    """Found by Schemathesis: a multipart body that is no valid form gave an undocumented 400."""
    broken = b"--xx\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--xx--\r\n"
    headers = {"content-type": "multipart/form-data; boundary=xx"}
    for path in ("/api/v1/match", "/api/v1/draft"):
        body = assert_problem(client.post(path, content=broken, headers=headers), 422)
        assert body["errors"][0]["field"] == "body"
    page = client.post("/en/routes", content=broken, headers=headers)
    assert page.status_code == 422 and "is not a valid form" in page.text


# --- request validation, said for people (found by the sweep) -----------------------------------------


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ({"text": "   "}, "request: text: is empty (give a title or a description of the purchase)"),
        ({"text": "a\x00b"}, "request: text: holds a NUL character (remove it: a tender text is plain text)"),
        ({"text": "groen", "top": 0}, "request: top: 0 is too small (use 1 or more)"),
        (
            {"text": "groen", "cpv": ["banana"]},
            'request: cpv.0: "banana" is not a CPV code (use 8 digits, e.g. 77310000)',
        ),
        (
            {"text": "groen", "lang": "de"},
            "request: lang: \"de\" is not one of the values it takes (use one of: 'nl', 'fr', 'en')",
        ),
    ],
)
def test_a_request_that_does_not_fit_its_schema_is_said_for_people(
    client: TestClient, body: dict[str, Any], line: str
) -> None:
    problem = assert_problem(client.post("/api/v1/match", json=body), 422)
    assert [e["line"] for e in problem["errors"]] == [line]
    assert "^" not in problem["detail"] and "pattern" not in problem["detail"]


def test_a_value_of_no_accepted_kind_is_one_problem_with_a_plain_field_path(
    client: TestClient, catalogue: Catalogue
) -> None:
    clause_id, name, _ = some_parameter(catalogue)
    for value in ([40], None, True, {}):
        response = client.post(f"/api/v1/clauses/{clause_id}/render", json={"values": {name: value}})
        problem = assert_problem(response, 422)
        assert [e["field"] for e in problem["errors"]] == [f"values.{name}"], value
        assert problem["errors"][0]["message"] == "should be a number or a text"
    form = assert_problem(client.post("/api/v1/match", files={"file": ("a.txt", b"groen")}, data={"lang": "xx"}), 422)
    assert [e["field"] for e in form["errors"]] == ["lang"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "/api/v1/match", {"json": {"text": "groen", "top": 0, "colour": 1, "per_lot": 0}}),
        ("post", "/api/v1/match", {"content": b"{nope", "headers": {"content-type": "application/json"}}),
        ("post", "/api/v1/match", {"content": b"[]", "headers": {"content-type": "application/json"}}),
        ("get", "/api/v1/cpv", {"params": {"q": "groen", "limit": 0}}),
        ("get", "/api/v1/clauses", {"params": {"ambition": 9, "lang": "de"}}),
        ("post", "/api/v1/draft", {"json": {"title": "x" * 600, "format": "pdf"}}),
    ],
)
def test_every_request_error_has_a_fix_and_is_in_the_language_it_says(
    client: TestClient, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    answers = {}
    for accept, lang in (("", "en"), ("nl-BE", "nl"), ("fr", "fr")):
        headers = {**kwargs.get("headers", {}), "accept-language": accept}
        response = getattr(client, method)(path, **{**kwargs, "headers": headers})
        problem = assert_problem(response, 422)
        assert response.headers["content-language"] == lang and response.headers["vary"] == "Accept-Language"
        assert all(e["fix"] for e in problem["errors"]), problem
        answers[lang] = [e["message"] for e in problem["errors"]]
    # the messages are said in each language (not English under a Dutch or French label)
    assert answers["nl"] != answers["en"] and answers["fr"] != answers["en"]


def test_a_body_over_the_limit_is_the_documented_too_large_problem(client: TestClient) -> None:
    big = b"a" * (MAX_BODY + 1)
    for response in (
        client.post("/api/v1/match", content=big, headers={"content-type": "application/json"}),
        client.post("/api/v1/match", files={"file": ("big.txt", big, "text/plain")}),
    ):
        problem = assert_problem(response, 413)
        assert problem["type"] == "urn:sociaalaankopen:problem:too-large"
        assert [(e["field"], bool(e["fix"])) for e in problem["errors"]] == [("body", True)]


@pytest.mark.parametrize("path", ["/api", "/api/v1", "/api/v2/match", "/api/nope/"])
def test_an_unknown_api_address_is_a_problem_document_not_a_page(client: TestClient, path: str) -> None:
    problem = assert_problem(client.get(path), 404)
    assert problem["errors"][0]["fix"] == "see /api/v1/openapi.json for the API's addresses"


def test_fixes_in_api_errors_name_the_api_not_the_command_line(client: TestClient) -> None:
    conflict = client.post(
        "/api/v1/draft", json={"clauses": [{"id": "voorbehouden-opdracht"}, {"id": "percelen-sociale-economie"}]}
    )
    twice = client.post("/api/v1/match", files={"file": ("t.jsonl", b'{"title": "a"}\n{"title": "b"}\n')})
    for response in (conflict, twice):
        assert response.status_code == 422, response.text
        assert "--" not in response.text and "sociaalaankopen " not in response.text, response.text


def test_a_clause_named_many_times_is_one_problem(client: TestClient) -> None:
    body = assert_problem(client.post("/api/v1/draft", json={"clauses": [{"id": "voorbehouden-perceel"}] * 200}), 422)
    assert body["detail"].splitlines() == ["voorbehouden-perceel: is chosen twice (name each clause once)"]


@pytest.mark.parametrize(
    "path", ["/", "/fr/compose?clause=voorbehouden-perceel", "/api/v1/sectors", "/api/v1/openapi.json", "/index.json"]
)
def test_head_is_answered_wherever_get_is(client: TestClient, path: str) -> None:
    """Found by the sweep: HEAD was 405 on the pages and the API."""
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-security-policy"] == CSP
    assert client.head("/api/v1/match").status_code == 405  # POST only: no GET, so no HEAD


def test_an_empty_json_body_is_422_not_an_empty_object(client: TestClient, catalogue: Catalogue) -> None:
    """Found by the sweep: an empty body was read as {} although the document says the body is required."""
    clause_id, _, _ = some_parameter(catalogue)
    for path in (f"/api/v1/clauses/{clause_id}/render", "/api/v1/match", "/api/v1/draft"):
        response = client.post(path, content=b"", headers={"content-type": "application/json"})
        problem = assert_problem(response, 422)
        assert [(e["field"], e["message"]) for e in problem["errors"]] == [("body", "is empty")]
    assert client.post(f"/api/v1/clauses/{clause_id}/render", json={}).status_code == 200  # {} itself is fine


def test_json_in_another_charset_is_415(client: TestClient) -> None:
    """Found by the sweep: `charset=latin-1` was accepted and ignored."""
    body = json.dumps({"text": "groen"}).encode()
    refused = client.post("/api/v1/match", content=body, headers={"content-type": "application/json; charset=latin-1"})
    assert assert_problem(refused, 415)["errors"][0]["field"] == "content-type"
    for charset in ("utf-8", "UTF-8", '"utf-8"'):
        headers = {"content-type": f"application/json; charset={charset}"}
        assert client.post("/api/v1/match", content=body, headers=headers).status_code == 200


def test_per_lot_is_refused_beyond_500_lots_as_on_the_command_line(client: TestClient) -> None:
    """60,000 lots took 22 s and 118 MB, and every other request of the tool waited for them."""
    lots = [{"id": str(i), "title": f"Schoonmaak perceel {i}"} for i in range(501)]
    body = assert_problem(
        client.post("/api/v1/match", json={"tender": {"title": "Schoonmaak", "lots": lots}, "per_lot": True}), 422
    )
    assert [(e["field"], e["message"]) for e in body["errors"]] == [
        ("lots", "has 501 lots; per_lot matches at most 500 lots of a tender")
    ]
    assert client.post("/api/v1/match", json={"tender": {"title": "Schoonmaak", "lots": lots}}).status_code == 200


def test_an_id_that_is_no_text_is_refused_not_written_as_python_shows_it(client: TestClient) -> None:
    tender = {"title": "Schoonmaak", "id": {"a": 1}, "lots": [{"id": True, "title": "x"}]}
    body = assert_problem(client.post("/api/v1/match", json={"tender": tender}), 422)
    assert sorted((e["field"], e["message"]) for e in body["errors"]) == [
        ("id", "is an object, not a text"),
        ("lots[0].id", "is true or false, not a text"),
    ]
    found = client.post("/api/v1/match", json={"tender": {"title": "Schoonmaak", "id": 17}}).json()
    assert found["tender"]["id"] == "17"  # a whole number is a fine id


def test_a_trailing_slash_is_no_address_and_no_redirect(client: TestClient) -> None:
    response = client.get("/api/v1/clauses/", headers={"Host": "evil.example"}, follow_redirects=False)
    body = assert_problem(response, 404)
    assert "location" not in response.headers and body["errors"][0]["where"] == "/api/v1/clauses/"
    response = client.post("/api/v1/match/", json={"text": "Schoonmaak"}, follow_redirects=False)
    assert_problem(response, 404)


def test_a_wrong_method_names_head_among_the_allowed(client: TestClient) -> None:
    response = client.delete("/api/v1/clauses")
    assert_problem(response, 405)
    assert response.headers["allow"] == "GET, HEAD"
    assert client.head("/api/v1/clauses").status_code == 200


def test_an_empty_query_value_says_so_and_how_to_mend_it(client: TestClient) -> None:
    """It said 'ambition: should be a whole number (give it as a number without quotes…)': a query has none."""
    found = assert_problem(client.get("/api/v1/clauses?ambition=&theme=&lang=en"), 422)
    assert sorted((e["field"], e["message"], e["fix"]) for e in found["errors"]) == [
        ("ambition", "is empty", "leave the parameter out, or give it a value"),
        ("theme", "is empty", "leave the parameter out, or give it a value"),
    ]
    assert_problem(client.get("/api/v1/clauses?ambition=x"), 422)


def test_an_ocds_document_sent_as_json_gets_one_line_saying_how_to_send_it(client: TestClient) -> None:
    package = json.loads((ROOT / "examples" / "ocds-fietspaden.json").read_text("utf-8"))
    for address, body, field in (
        ("/api/v1/match", package, "body"),
        ("/api/v1/match", {"tender": package}, "tender"),
        ("/api/v1/draft", package, "body"),
    ):
        found = assert_problem(client.post(address, json=body), 422)
        assert [(e["field"], e["message"]) for e in found["errors"]] == [
            (field, "is an OCDS document, not a tender object")
        ], (address, field)
    # It is read as the form's file, as documented.
    files = {"file": ("ocds-fietspaden.json", (ROOT / "examples" / "ocds-fietspaden.json").read_bytes())}
    assert client.post("/api/v1/match", files=files).status_code == 200


def test_an_xml_notice_sent_as_text_is_refused_not_matched_as_markup(client: TestClient) -> None:
    notice = (ROOT / "examples" / "fietsdeelsysteem.xml").read_text("utf-8")
    found = assert_problem(client.post("/api/v1/match", json={"text": notice}), 422)
    assert [(e["field"], e["message"]) for e in found["errors"]] == [("text", "is an XML document, not a tender text")]


def test_every_operation_documents_the_422_that_an_unknown_query_parameter_gets(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            content = operation["responses"]["422"]["content"]
            assert content == {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}, (method, path)
    assert_problem(client.get("/api/v1/export?x=1"), 422)
    assert_problem(client.get("/api/v1/clauses/voorbehouden-opdracht?lang=fr"), 422)


def test_cpv_codes_laid_over_a_tender_are_whole_codes_in_the_document_as_on_the_server(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["components"]["schemas"]["MatchRequest"]["properties"]["cpv"]["items"]["pattern"] == (
        "^[0-9]{8}(-[0-9])?$"
    )
    found = assert_problem(client.post("/api/v1/match", json={"text": "Schoonmaak", "cpv": ["90910000", "9091"]}), 422)
    assert [(e["field"], e["message"]) for e in found["errors"]] == [("cpv.1", '"9091" is not a CPV code')]
    # In a tender object a CPV prefix is read as match --file reads JSON: '9091' is 90910000.
    found = client.post("/api/v1/match", json={"tender": {"title": "Schoonmaak", "cpv": ["9091"]}}).json()
    assert found["tender"]["cpv"] == ["90910000"]


def test_json_nested_too_deeply_is_said_so_not_called_invalid(client: TestClient) -> None:
    body = '{"tender": ' + "[" * 100_000 + "]" * 100_000 + "}"
    found = assert_problem(
        client.post("/api/v1/match", content=body, headers={"content-type": "application/json"}), 422
    )
    assert [(e["field"], e["message"]) for e in found["errors"]] == [("body", "is nested too deeply")]


def test_an_unknown_field_of_a_lot_is_refused_as_one_of_the_tender(client: TestClient) -> None:
    tender = {"title": "Schoonmaak", "lots": [{"id": "1", "titel": "Kantoren"}, {"id": "2", "title": "Scholen"}]}
    found = assert_problem(client.post("/api/v1/match", json={"tender": tender}), 422)
    assert [(e["field"], e["message"], e["fix"]) for e in found["errors"]] == [
        ("tender.lots.0.titel", "is not a field of this request", "use one of: id, title, description, cpv")
    ]


def test_a_tender_object_with_a_blank_title_or_description_is_read_as_match_file_reads_it(
    client: TestClient, tmp_path: Path
) -> None:
    """Real notices often have a title and no description (or the other way round). `match --file` read such
    a tender object; the API refused it, 'tender.description: is empty', though its schema asks only that one
    of title, description and cpv says something."""
    tender = {"id": "2024-001", "title": "Schoonmaak van kantoren", "description": "", "cpv": ["90910000"]}
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(tender), "utf-8")
    response = client.post("/api/v1/match", json={"tender": tender})
    assert response.status_code == 200, response.text
    assert response.json() == cli_json("match", "--file", str(path), "--format", "json")
    untitled = {"title": " ", "description": "Schoonmaak van kantoren"}
    drafted = client.post("/api/v1/draft", json={"tender": untitled, "format": "json"})
    assert drafted.status_code == 200, drafted.text
    # A tender object that says nothing, or holds a NUL byte, is still refused with one line.
    found = assert_problem(client.post("/api/v1/match", json={"tender": {"title": " ", "description": ""}}), 422)
    assert [e["line"] for e in found["errors"]] == [
        "tender: has no title, description or CPV code: nothing to match (give at least a title or a description)"
    ]
    found = assert_problem(client.post("/api/v1/match", json={"tender": {"title": "a\x00b"}}), 422)
    assert [e["line"] for e in found["errors"]] == [
        "request: tender.title: holds a NUL character (remove it: a tender text is plain text)"
    ]


def test_cpv_codes_written_as_numbers_in_a_tender_object_are_read_as_match_file_reads_them(
    client: TestClient, tmp_path: Path
) -> None:
    """A spreadsheet or a script writes CPV codes as numbers (77310000, 45233130.0, 3311000 without its
    leading zero). `match --file` reads them; the API refused the same tender object: 'tender.cpv.0: should
    be a text (give it between quotes, for example "groen")'."""
    tender = {"title": "Groenonderhoud", "cpv": [77310000, 45233130.0, 3311000]}
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(tender), "utf-8")
    response = client.post("/api/v1/match", json={"tender": tender})
    assert response.status_code == 200, response.text
    assert response.json() == cli_json("match", "--file", str(path), "--format", "json")
    assert response.json()["tender"]["cpv"] == ["77310000", "45233130", "03311000"]
    # A number that could be two codes is refused as the reader refuses it; a value of no kind, once.
    short = assert_problem(client.post("/api/v1/match", json={"tender": {"title": "x", "cpv": [3311]}}), 422)
    assert [(e["field"], e["message"]) for e in short["errors"]] == [
        ("cpv", "3311 is a number of 4 digits, which may have lost a leading zero")
    ]
    for wrong in (True, None, [1]):
        found = assert_problem(client.post("/api/v1/match", json={"tender": {"title": "x", "cpv": [wrong]}}), 422)
        assert [(e["field"], e["message"]) for e in found["errors"]] == [
            ("tender.cpv.0", "should be a number or a text")
        ]
    text = assert_problem(client.post("/api/v1/match", json={"tender": {"title": "x", "cpv": ["abc"]}}), 422)
    assert [e["line"] for e in text["errors"]] == [
        'request: tender.cpv.0: "abc" is not a CPV code (use 8 digits, e.g. 77310000)'
    ]
