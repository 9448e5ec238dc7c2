"""What a QA pass over the tool's pages and the HTTP API found, kept as tests: each failed before its fix.

Pages and API are called in-process, as in test_web_pages.py and test_web_api.py; what only a browser
shows (the language links carrying typed values) is in test_web_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from sociaalaankopen import Catalogue
from sociaalaankopen.web import create_app

ROOT = Path(__file__).parents[1]
GREEN = (ROOT / "examples" / "groenonderhoud.txt").read_text("utf-8")
# A route with a market consultation, a reserved contract and selection criteria with several values.
C = {
    "route": "opdracht-voorbehouden",
    "clause": ["marktconsultatie-sociale-economie", "voorbehouden-opdracht", "selectie-proportionele-eisen"],
    "title": "Groen",
}


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


def summary(html: str) -> str:
    """The error summary at the top of a page."""
    found = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert found, "the page has no error summary"
    return found.group(1).replace("&#39;", "'").replace("&amp;", "&")


# --- 1. Enter in a field ----------------------------------------------------------------------------------


def test_enter_in_a_field_checks_the_values_and_removes_no_clause(client: TestClient) -> None:
    """Enter submits a form with its first submit button: that was the first clause's 'Verwijderen'."""
    html = client.get("/compose", params=C).text
    form = html[html.index('<form class="tool-form compose"') :]
    first = re.search(r"<button[^>]*>", form)
    assert first and 'type="submit"' in first[0]
    assert 'name="action" value="check"' in first[0] and 'name="remove"' not in first[0]
    assert 'tabindex="-1"' in first[0] and 'aria-hidden="true"' in first[0]  # not a second "check" to tab to


def test_check_stays_on_the_page_and_says_the_values_are_valid(client: TestClient) -> None:
    """The form always sends its (empty) add list: "check" was taken for an addition and redirected."""
    response = client.get("/compose", params={**C, "add": "", "action": "check"})
    assert response.status_code == 200 and "Alle waarden zijn in orde." in response.text


# --- 2. The real reason of a wrong value, in the page's language -----------------------------------------


@pytest.mark.parametrize(
    ("prefix", "param", "value", "said"),
    [
        ("/", "voorbehouden-opdracht.percentage_doelgroep", "40 %", "'40 %' is geen getal"),
        ("/fr/", "voorbehouden-opdracht.percentage_doelgroep", "40 %", "'40 %' n'est pas un nombre"),
        ("/", "selectie-proportionele-eisen.minimumomzet", "100.000", "'100.000' is dubbelzinnig: 100000 of 100?"),
        (
            "/fr/",
            "selectie-proportionele-eisen.minimumomzet",
            "100.000",
            "'100.000' est ambigu\u00a0: 100000 ou 100\u00a0?",
        ),
        ("/en/", "voorbehouden-opdracht.percentage_doelgroep", "10", "10 is out of range"),
    ],
)
def test_a_wrong_value_says_its_real_problem_in_the_page_language(
    client: TestClient, prefix: str, param: str, value: str, said: str
) -> None:
    clause = param.split(".")[0]
    response = client.get(prefix + "compose", params={"clause": clause, param: value, "action": "check"})
    assert response.status_code == 422
    text = response.text.replace("&#39;", "'")
    field_id = "f-" + param.replace(".", "-")
    at_field = re.search(rf'<p class="field-error" id="{field_id}-error">(.*?)</p>', text, re.S)
    assert at_field and said in at_field[1]
    assert said in summary(response.text)
    assert "kan niet. Toegestaan" not in text and "n'est pas possible" not in text
    assert 'lang="en"' not in text.split("<main", 1)[1]  # no English line beside it on a Dutch or French page


# --- 3. The guide in the page's language -----------------------------------------------------------------


def test_the_guide_links_lead_to_the_page_language(catalogue: Catalogue, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>gids</title>", "utf-8")
    with TestClient(create_app(catalogue, tmp_path)) as c:
        for prefix, clauses, home in [
            ("/fr/", "/gids/fr/clauses/", "/gids/fr/"),
            ("/en/", "/gids/en/clauses/", "/gids/en/"),
        ]:
            compose = c.get(prefix + "compose", params={"clause": "voorbehouden-perceel"}).text
            assert f'href="{clauses}voorbehouden-perceel.html"' in compose
            assert f'href="{clauses}index.html"' in compose and f'href="{home}index.html"' in compose
            assert 'href="/gids/clausules/' not in compose and 'hreflang="nl"' not in compose.split("site-nav")[1]
            routes = c.get(prefix + "routes", params={"sector": "groenonderhoud"}).text
            assert clauses in routes and 'href="/gids/clausules/' not in routes
        dutch = c.get("/compose", params={"clause": "voorbehouden-perceel"}).text
        assert 'href="/gids/clausules/voorbehouden-perceel.html"' in dutch
        assert 'href="/gids/hoofdstukken/index.html"' in dutch


# --- 5. Every problem of a draft's body at once ---------------------------------------------------------

_WRONG_DRAFT = {
    "route": "nope",
    "clauses": [{"id": "nope2"}, {"id": "voorbehouden-opdracht", "values": {"percentage_doelgroep": 5}}],
}


def test_a_draft_body_gets_every_problem_at_once(client: TestClient) -> None:
    response = client.post("/api/v1/draft", json=_WRONG_DRAFT)
    assert response.status_code == 422
    errors = [(e["where"], e["field"]) for e in response.json()["errors"]]
    assert errors == [
        ("request", "route"),
        ("request", "clauses.0.id"),
        ("voorbehouden-opdracht", "percentage_doelgroep"),
    ]
    body = response.json()
    assert body["type"] == "urn:sociaalaankopen:problem:parameter"
    assert "'nope' is not a route" in body["detail"] and "opdracht-voorbehouden" in body["errors"][0]["fix"]
    with_format = client.post("/api/v1/draft", json={**_WRONG_DRAFT, "format": "pdf"}).json()
    assert [e["field"] for e in with_format["errors"]] == ["format", "route", "clauses.0.id", "percentage_doelgroep"]


# --- 6. Every field of a tender object ------------------------------------------------------------------


def test_each_field_of_a_tender_object_gets_its_problem(client: TestClient) -> None:
    body = client.post("/api/v1/match", json={"tender": {"title": "S", "value": "veel", "lots": "x"}}).json()
    assert [(e["where"], e["field"]) for e in body["errors"]] == [("tender", "value"), ("tender", "lots")]


def test_an_unknown_tender_field_is_refused_with_the_known_ones(client: TestClient) -> None:
    tender = {"title": "Groenonderhoud", "descripton": "maaien", "cpvs": ["77310000"], "value": "veel"}
    response = client.post("/api/v1/match", json={"tender": tender})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["tender.descripton", "tender.cpvs", "value"]
    assert "description" in errors[0]["fix"] and "lots" in errors[0]["fix"]
    typo = client.post("/api/v1/match", json={"txt": "groen", "text": "groen"}).json()["errors"][0]
    assert typo["field"] == "txt" and "text, tender" in typo["fix"]
    draft = client.post("/api/v1/draft", json={"tender": {"title": "Groen", "ocid": "x"}})
    assert draft.status_code == 422 and draft.json()["errors"][0]["field"] == "tender.ocid"


# --- 7. No command-line words on a page or in the API ----------------------------------------------------

_CLI = re.compile(r"--[a-z]|<options>|<text>|\brequest: body\b|\bform: ")


def test_a_cpv_prefix_offers_the_whole_codes(client: TestClient) -> None:
    response = client.get("/routes", params={"cpv": "7731"})
    assert response.status_code == 200 and not _CLI.search(response.text)
    choices = response.text[response.text.index('class="cpv-choices"') :]
    offered = re.findall(r'href="/routes\?cpv=(\d+)"', choices)
    assert offered and all(code.startswith("7731") and len(code) == 8 for code in offered)
    assert "Kies een CPV-code van acht cijfers" in response.text


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda c: c.get("/en/routes"), "Form: describes no purchase"),
        (lambda c: c.post("/routes", data={"text": ""}), "Beschrijving van de opdracht: is leeg"),
        (lambda c: c.post("/fr/routes", data={"text": "   "}), "Description du marché\u00a0: est vide"),
        (
            lambda c: c.post("/en/routes", files={"file": ("t.txt", b"x" * (6 * 1024 * 1024), "text/plain")}),
            "Form: is larger than 5 MB",
        ),
        (
            lambda c: c.post("/en/routes", files={"file": ("x.docx", b"PK\x03\x04...", "application/octet-stream")}),
            "or paste it into the text field",
        ),
    ],
)
def test_a_page_names_its_form_field_not_a_command_line_option(client: TestClient, call, said: str) -> None:  # noqa: ANN001
    response = call(client)
    assert response.status_code in (413, 422)
    assert said in summary(response.text)
    assert not _CLI.search(summary(response.text)), summary(response.text)


def test_the_api_names_the_request_not_the_command_line(client: TestClient) -> None:
    body = client.post("/api/v1/match", json={}).json()
    assert body["errors"][0]["where"] == "request" and "<options>" not in body["detail"]
    zipped = client.post("/api/v1/match", files={"file": ("x.docx", b"PK\x03\x04...")}).json()
    assert 'send it as "text"' in zipped["detail"] and "command" not in zipped["detail"]


# --- 8. A 415 names what the endpoint takes --------------------------------------------------------------


def test_render_refuses_another_media_type_naming_only_json(client: TestClient) -> None:
    response = client.post("/api/v1/clauses/voorbehouden-opdracht/render", files={"a": ("a", b"b")})
    assert response.status_code == 415
    assert response.json()["errors"][0]["fix"] == "send application/json"
    match = client.post("/api/v1/match", content=b"x", headers={"content-type": "text/plain"})
    assert match.json()["errors"][0]["fix"] == "send application/json or multipart/form-data"


# --- 9. The Download page's summary ---------------------------------------------------------------------


def test_the_download_summary_lists_every_clause_with_labels_and_units(client: TestClient) -> None:
    html = client.get("/download", params=C).text
    contents = html[html.index("Inhoud van de bijlage") : html.index('class="hint"')]
    assert "Marktconsultatie met de sociale economie" in contents
    assert "Minimale gemiddelde jaaromzet (ten hoogste het dubbele van de geraamde waarde): 100.000 EUR" in contents
    assert "Minimumaandeel werknemers uit de doelgroep: 30 %" in contents
    assert "minimumomzet" not in contents and " = " not in contents
    twin = client.get("/download.json", params=C).json()
    assert "marktconsultatie-sociale-economie" in [c["id"] for s in twin["sections"] for c in s["clauses"]]


# --- 10. Download file names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "title", "disposition"),
    [
        ("/", "Groen", 'attachment; filename="bijlage-sociale-clausules-groen.docx"'),
        ("/fr/", "Groen", 'attachment; filename="annexe-clauses-sociales-groen.docx"'),
        ("/en/", "", 'attachment; filename="social-clauses-annex.docx"'),
        (
            "/fr/",
            "Entretien à Liège / 2027",
            'attachment; filename="annexe-clauses-sociales-entretien-a-liege-2027.docx"; '
            "filename*=UTF-8''annexe-clauses-sociales-entretien-%C3%A0-li%C3%A8ge-2027.docx",
        ),
    ],
)
def test_a_download_is_named_in_its_language_with_the_title(
    client: TestClient, prefix: str, title: str, disposition: str
) -> None:
    response = client.get(prefix + "annex.docx", params={"clause": "voorbehouden-perceel", "title": title})
    assert response.status_code == 200 and response.headers["content-disposition"] == disposition
    page = client.get(prefix + "download", params={"clause": "voorbehouden-perceel", "title": title}).text
    assert disposition.split('"')[1] in page  # the command on the page writes the same file


def test_the_api_names_its_file_the_same_way(client: TestClient) -> None:
    response = client.post("/api/v1/draft", json={"route": "perceel-voorbehouden", "lang": "en", "title": "Green"})
    assert response.headers["content-disposition"] == 'attachment; filename="social-clauses-annex-green.md"'


# --- 11. A pasted text and a file -----------------------------------------------------------------------


def test_a_pasted_text_and_a_file_are_refused_together(client: TestClient) -> None:
    response = client.post(
        "/en/routes",
        data={"text": "Schoonmaak van kantoren"},
        files={"file": ("tender.txt", GREEN.encode(), "text/plain")},
    )
    assert response.status_code == 422
    assert "Form: a text was pasted and a file was chosen" in summary(response.text)
    assert "Schoonmaak van kantoren" in response.text.split("<textarea")[1]  # the text stays
    dutch = client.post("/routes", data={"text": "x y"}, files={"file": ("t.txt", GREEN.encode(), "text/plain")})
    assert "er werd een tekst geplakt én een bestand gekozen" in summary(dutch.text)


# --- 12. Minor ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "prefixed"), [("/", "Fout: "), ("/fr/", "Erreur\u00a0: "), ("/en/", "Error: ")])
def test_a_page_with_errors_says_so_in_its_title_and_takes_the_focus(
    client: TestClient, prefix: str, prefixed: str
) -> None:
    wrong = client.get(
        prefix + "compose",
        params={"clause": "voorbehouden-opdracht", "voorbehouden-opdracht.percentage_doelgroep": "7"},
    )
    assert re.search(rf"<title>{re.escape(prefixed)}", wrong.text)
    assert re.search(r'<div class="error-summary"[^>]*tabindex="-1"[^>]*autofocus', wrong.text)
    right = client.get(prefix + "compose", params={"clause": "voorbehouden-opdracht"})
    assert re.search(r"<title>(?!Fout|Erreur|Error)", right.text)
    for page in (client.get(prefix + "routes", params={"sector": "nope"}), client.get(prefix + "nulle-part")):
        assert f"<title>{prefixed}" in page.text.replace("&#39;", "'")


def test_an_unknown_parameter_alone_is_shown_without_an_empty_list(client: TestClient) -> None:
    response = client.get("/compose", params={"clause": "voorbehouden-opdracht", "voorbehouden-opdracht.zzz": "40"})
    assert response.status_code == 422
    assert not re.search(r"<ul>\s*</ul>", response.text)
    assert "zzz: is geen parameter van deze clausule" in summary(response.text)


def test_two_files_are_refused_in_the_page_language(client: TestClient) -> None:
    two = [("file", ("a.txt", b"groen", "text/plain")), ("file", ("b.txt", b"groen", "text/plain"))]
    page = client.post("/fr/routes", files=two)
    assert page.status_code == 422 and "Fichier\u00a0: contient plus d'un fichier" in summary(page.text)
    assert "Too many files" not in page.text
    api = client.post("/api/v1/match", files=two).json()["errors"][0]
    assert (api["field"], api["message"]) == ("file", "holds more than one file")


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", "\u2060", "\u202e", "\u200f"])
def test_an_invisible_character_in_a_text_value_is_refused(client: TestClient, invisible: str) -> None:
    value = f"koffie{invisible}thee"
    response = client.post("/api/v1/clauses/fairtrade-producten/render", json={"values": {"producten": value}})
    assert response.status_code == 422
    assert f"U+{ord(invisible):04X}" in response.json()["detail"]
    page = client.get("/compose", params={"clause": "fairtrade-producten", "fairtrade-producten.producten": value})
    assert page.status_code == 422
    joined = client.post("/api/v1/clauses/fairtrade-producten/render", json={"values": {"producten": "a\u200db"}})
    assert joined.status_code == 200  # the zero-width joiner is part of some scripts and emoji


def test_the_language_links_keep_the_last_checked_values_without_javascript(client: TestClient) -> None:
    html = client.get("/compose", params={**C, "voorbehouden-opdracht.percentage_doelgroep": "45"}).text
    french = re.search(r'href="(/fr/compose\?[^"]*)"[^>]*hreflang="fr"', html)
    assert french
    state = dict(parse_qsl(urlsplit(french[1].replace("&amp;", "&")).query))
    assert state["voorbehouden-opdracht.percentage_doelgroep"] == "45" and state["title"] == "Groen"


# --- Accessibility audit --------------------------------------------------------------------------------


def test_each_guide_link_on_compose_names_its_clause(catalogue: Catalogue, tmp_path: Path) -> None:
    """Found by the accessibility audit: three links 'Uitleg in de gids' to three clause pages, told apart
    by nothing in their names (2.4.4)."""
    (tmp_path / "index.html").write_text("<!doctype html><title>gids</title>", "utf-8")
    with TestClient(create_app(catalogue, tmp_path)) as c:
        for prefix, colon in (("/", ": "), ("/fr/", "\u00a0: ")):
            page = c.get(prefix + "compose", params=C).text
            names = re.findall(r'<a href="/gids/[^"]*clau[^"]*\.html">(.*?)</a>', page)
            assert len(names) == 3, names
            for clause_id, name in zip(C["clause"], names, strict=True):
                title = catalogue.clause(clause_id).title.get("nl" if prefix == "/" else "fr")
                hidden = f'<span class="visually-hidden">{colon}{title}</span>'.replace("'", "&#39;")
                assert name.endswith(hidden), (name, hidden)


def test_valid_values_are_confirmed_where_the_focus_goes(client: TestClient) -> None:
    """Found by the accessibility audit: after "check" with valid values, 'All values are valid.' took no
    focus, unlike the statuses after adding or removing a clause (4.1.3)."""
    page = client.get("/en/compose", params={**C, "action": "check"}).text
    assert re.search(
        r'<p class="notice" role="status" id="checked" tabindex="-1" autofocus>All values are valid\.</p>', page
    )
    assert page.count("autofocus") == 1


def test_a_removed_clause_is_confirmed_while_another_error_remains(client: TestClient) -> None:
    """Found by the accessibility audit: 'Clause removed' was left out when a wrong value remained in another
    clause; now it stands above the error summary and takes the focus, the summary follows (4.1.3)."""
    wrong = {**C, "voorbehouden-opdracht.percentage_doelgroep": "7"}
    redirect = client.get("/en/compose", params={**wrong, "remove": "selectie-proportionele-eisen"})
    assert redirect.status_code == 303, redirect.status_code
    page = client.get(redirect.headers["location"]).text
    status = re.search(r'<p class="notice" role="status" id="status" tabindex="-1" autofocus>Clause removed: ', page)
    errors = re.search(r'<div class="error-summary" role="alert" id="fouten" tabindex="-1">', page)
    assert status and errors and status.start() < errors.start()
    assert page.count("autofocus") == 1
