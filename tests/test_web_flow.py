"""The tool's pages as a buyer goes through them: the defects a QA pass found, one test each (plain HTTP)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from sociaalaankopen import Catalogue
from sociaalaankopen.route_rules import conflicts

GREEN_SHORT = "Onderhoud van het openbaar groen en de parken van de gemeente, maaien, snoeien en onkruidbestrijding."
STATIC = Path(__file__).parents[1] / "src" / "sociaalaankopen" / "web" / "static"


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


def href(page: str, pattern: str) -> str:
    found = re.search(pattern, page)
    assert found, pattern
    return html.unescape(found.group(1))


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_continue_with_these_clauses_leads_to_a_consistent_annex(client: TestClient, catalogue: Catalogue) -> None:
    routes = client.post("/routes", data={"text": GREEN_SHORT})
    assert routes.status_code == 200
    target = href(routes.text, r'<a class="button" href="([^"]+)">Met deze clausules verder')
    chosen = [v for k, v in parse_qsl(urlsplit(target).query) if k == "clause"]
    assert chosen and not conflicts(chosen, catalogue.clauses)
    compose = client.get(target)
    assert compose.status_code == 200, text_of(compose.text)
    assert "kan niet in dezelfde bijlage staan" not in compose.text
    # What was left out is said on the Routes page, with the clause it cannot stand beside.
    if 'id="weggelaten"' in routes.text:
        assert "weggelaten omdat ze niet samen kunnen" in routes.text


def test_continue_with_these_clauses_keeps_a_concession_apart_from_a_public_contract(
    client: TestClient, catalogue: Catalogue
) -> None:
    """For a cafeteria concession the link kept the concession's clauses beside the public contract's share of
    labour hours (uitvoering-tewerkstelling-arbeidsuren): a contract is one or the other."""
    text = (
        "Concessie voor de uitbating van de cafetaria van het sportcentrum. De concessiehouder zet "
        "doelgroepwerknemers in, een aandeel arbeidsuren voor langdurig werkzoekenden, en biedt een sociaal tarief."
    )
    routes = client.post("/routes", data={"text": text, "cpv": "55330000"})
    assert routes.status_code == 200
    target = href(routes.text, r'<a class="button" href="([^"]+)">Met deze clausules verder')
    chosen = [v for k, v in parse_qsl(urlsplit(target).query) if k == "clause"]
    concession = {"voorbehouden-concessie", "uitvoering-sociale-voorwaarden-concessie"}
    assert not (concession & set(chosen) and "uitvoering-tewerkstelling-arbeidsuren" in chosen), chosen
    assert not conflicts(chosen, catalogue.clauses)
    # The clause left out is named with the better one it cannot stand beside.
    assert "Voorbehouden concessie voor de uitbating" in text_of(routes.text).split("weggelaten")[-1]


@pytest.mark.parametrize("lang", ["", "fr/"])
def test_a_long_value_is_kept_and_refused_at_its_field(client: TestClient, catalogue: Catalogue, lang: str) -> None:
    clause = catalogue.clause("marktconsultatie-sociale-economie")
    name = next(n for n, p in clause.parameters.items() if p.type == "text")
    long = "a" * 2500
    r = client.get(f"/{lang}compose", params={"clause": clause.id, f"{clause.id}.{name}": long, "action": "check"})
    assert r.status_code == 422
    assert long in r.text
    assert "in orde" not in r.text and "correctes" not in r.text
    error = href(r.text, rf'<p class="field-error" id="f-{clause.id}-{name}-error">([^<]+)</p>')
    assert "2000" in error


def test_a_long_title_is_kept_and_refused_at_its_field(client: TestClient) -> None:
    title = "T" * 2550
    r = client.get("/compose", params={"clause": "uitvoering-stageplaatsen", "title": title, "action": "check"})
    assert r.status_code == 422
    assert f'value="{title}"' in r.text
    assert "500" in href(r.text, r'<p class="field-error" id="title-error">([^<]+)</p>')
    assert 'href="#title"' in r.text
    assert "Alle waarden zijn in orde" not in r.text
    # The download page does not make an annex with a cut or overlong title: back to Compose.
    download = client.get("/download", params={"clause": "uitvoering-stageplaatsen", "title": title})
    assert download.status_code == 303 and download.headers["location"].startswith("/compose?")


def test_the_step_bar_keeps_the_selection(client: TestClient) -> None:
    query = "clause=uitvoering-stageplaatsen&title=Groen"
    download = client.get(f"/download?{query}")
    step = href(download.text, r'<li><a href="([^"]+)">3\. Clausules</a>')
    assert step == f"/compose?{query}"
    routes = client.post("/routes", data={"text": GREEN_SHORT})
    step = href(routes.text, r'<li><a href="([^"]+)">3\. Clausules</a>')
    assert "clause=" in step
    assert step == href(routes.text, r'<a class="button" href="([^"]+)">Met deze clausules verder')


def test_the_page_without_routes_says_so_once(client: TestClient) -> None:
    r = client.post("/routes", data={"text": "xyz qwerty blabla"})
    assert r.status_code == 200
    assert r.text.count("Er is geen route die goed past") == 1
    assert "Er zijn geen clausules die passen" in r.text
    assert "De beste route staat eerst" not in r.text
    assert ">3. Clausules</a></p>" not in r.text


def test_an_unknown_cpv_code_is_refused(client: TestClient) -> None:
    r = client.get("/routes?cpv=99999999")
    assert r.status_code == 422
    assert "CPV-code: '99999999' is geen CPV 2008-code" in text_of(r.text)
    assert client.get("/routes?cpv=77310000").status_code == 200


def test_the_file_field_fits_a_narrow_screen_and_focus_is_dark_on_yellow() -> None:
    css = (STATIC / "tool.css").read_text("utf-8")
    assert re.search(r'\.field input\[type="file"\] \{[^}]*max-width: 100%', css)
    # A focused link and the text in it (the brand's subtitle) are dark ink: set last in the guide's style.css,
    # after every link colour (test_web_browser.py measures it on the header, the menu and the notices).
    site_css = (STATIC.parent.parent / "site" / "static" / "style.css").read_text("utf-8")
    last = site_css[site_css.rindex("a:focus-visible, a:focus-visible:visited") :]
    assert re.match(r"a:focus-visible, a:focus-visible:visited, a:focus-visible \* \{ color: var\(--ink\); \}", last)
    assert not re.search(r"\.languages a[^{]*\{[^}]*color:", css)  # the tool does not colour them again


def test_wording(client: TestClient, catalogue: Catalogue) -> None:
    from sociaalaankopen.web.i18n import TEXTS

    assert TEXTS["nl"]["nav.sectors"] == "Wat koopt u aan?"
    assert TEXTS["fr"]["nav.sectors"] == "Qu'achetez-vous ?"
    assert not any("parcours" in v.lower() for v in TEXTS["fr"].values())
    routes = client.post("/fr/routes", data={"text": GREEN_SHORT}).text
    assert "Adéquation\u00a0: " in routes and "Pourquoi\u00a0:" in routes
    compose = client.get("/fr/compose?route=opdracht-voorbehouden").text
    assert "Voie\u00a0:" in compose and "Autorisé\u00a0: " in compose
    assert not re.search(r"\w: ", text_of(compose).replace("https: ", ""))


def test_messages_and_the_add_list_name_clauses_by_title(client: TestClient, catalogue: Catalogue) -> None:
    a, b = "voorbehouden-opdracht", "voorbehouden-perceel"
    r = client.get(f"/fr/compose?clause={a}&clause={b}")
    assert r.status_code == 422
    title_a, title_b = catalogue.clause(a).title.get("fr"), catalogue.clause(b).title.get("fr")
    page = text_of(r.text)
    assert f"{title_a} ({a})" in page and f"{title_b} ({b})" in page
    assert f"{a}: " not in page
    # The JSON twin still names the ids.
    assert f"{a}: " in str(client.get(f"/fr/compose.json?clause={a}&clause={b}").json())
    one = client.get(f"/fr/compose?clause={a}").text
    assert f"(incompatible avec {a})" not in one
    assert f"(incompatible avec {title_a})" in html.unescape(one)


def test_remove_and_add_are_announced(client: TestClient, catalogue: Catalogue) -> None:
    removed = client.get("/compose?clause=uitvoering-stageplaatsen&remove=uitvoering-stageplaatsen")
    assert removed.status_code == 303
    page = client.get(removed.headers["location"]).text
    title = html.escape(catalogue.clause("uitvoering-stageplaatsen").title.get("nl"))
    assert re.search(
        rf'<p class="notice" role="status" id="status" tabindex="-1" autofocus>Clausule verwijderd: {title}', page
    )
    added = client.get("/compose?add=uitvoering-stageplaatsen")
    page = client.get(added.headers["location"]).text
    assert f"Clausule toegevoegd: {title}" in page
    # The status is not part of the selection that goes on to download.
    assert (
        "removed=" not in href(page, r'formaction="([^"]+)"')
        and "added=" not in page.split("<main")[1].split("status")[0]
    )


def test_a_long_pasted_text_travels_to_the_other_languages(client: TestClient) -> None:
    long = (GREEN_SHORT + " ") * 25
    assert len(long) > 2000
    r = client.post("/routes", data={"text": long})
    assert r.status_code == 200
    form = re.search(r'<form class="language-form" action="/fr/routes" method="post"[^>]*>(.*?)</form>', r.text, re.S)
    assert form, "the FR link posts the text"
    assert html.unescape(re.search(r'name="text" value="([^"]*)"', form.group(1)).group(1)) == long  # type: ignore[union-attr]
    fr = client.post("/fr/routes", data={"text": long})
    assert fr.status_code == 200 and "Voies pour votre marché" in fr.text


def test_a_value_of_a_route_clause_in_the_address_is_used(client: TestClient) -> None:
    """A bookmarked annex address with a value of a route's clause but no `clause=` gave the default (30 %), and
    a value below the legal floor (20 %) a 200 with 30 %: the value was dropped without a word."""
    query = "route=perceel-voorbehouden&voorbehouden-perceel.percentage_doelgroep="
    annex = client.get(f"/annex.md?{query}40")
    assert annex.status_code == 200
    assert "40 % (aangepast)" in annex.text
    wrong = client.get(f"/annex.md?{query}20")
    assert wrong.status_code == 303
    compose = client.get(wrong.headers["location"])
    assert compose.status_code == 422
    assert "20 valt buiten het bereik" in text_of(compose.text)


def test_a_value_of_a_clause_not_in_the_annex_is_said(client: TestClient) -> None:
    compose = client.get("/compose?clause=voorbehouden-opdracht&voorbehouden-perceel.percentage_doelgroep=40")
    assert "heeft waarden, maar staat niet in de bijlage" in text_of(compose.text)
    annex = client.get("/annex.md?clause=voorbehouden-opdracht&voorbehouden-perceel.percentage_doelgroep=40")
    assert annex.status_code != 200


@pytest.mark.parametrize(("lang", "said"), [("", "Gunningscriterium"), ("fr/", "Critère d'attribution")])
def test_the_add_list_says_an_instrument_once(client: TestClient, lang: str, said: str) -> None:
    """'Critère d'attribution : Critère d'attribution qualité de la collaboration…' in the list of clauses to add."""
    page = text_of(client.get(f"/{lang}compose").text)
    doubled = re.findall(rf"{said}\s*:\s*{said}", page, re.IGNORECASE)
    assert not doubled
    assert said in page


def test_the_language_links_of_an_uploaded_files_routes_keep_the_tender(client: TestClient) -> None:
    """After a file upload, the language links led to the empty Start page: the file cannot travel in an
    address. They now post the tender read from it, as text, and the routes come back in that language."""
    tender = {
        "title": "Onderhoud van het openbaar groen",
        "description": "Maaien, snoeien en onkruidbestrijding in parken en op begraafplaatsen van de gemeente.",
        "cpv": ["77310000"],
    }
    routes = client.post("/routes", files={"file": ("groen.json", json.dumps(tender).encode(), "application/json")})
    assert routes.status_code == 200
    forms = re.findall(
        r'<form class="language-form" action="([^"]+)"[^>]*><input type="hidden" name="text" value="([^"]*)"',
        routes.text,
    )
    assert [action for action, _ in forms] == ["/fr/routes", "/en/routes"]
    french = client.post(forms[0][0], data={"text": html.unescape(forms[0][1])})
    assert french.status_code == 200 and '<html lang="fr">' in french.text

    def route_ids(page: str) -> list[str]:
        return list(dict.fromkeys(re.findall(r"route=([a-z0-9-]+)", html.unescape(page))))

    assert route_ids(french.text) and route_ids(french.text) == route_ids(routes.text)
