"""The tool's pages, called in-process: the whole loop without JavaScript, in three languages.

Start → Routes → Compose → Download, each a server-rendered form; each page's JSON twin; the
annex files equal to what `draft` writes for the same choices; and `serve` itself on a real port.
"""

from __future__ import annotations

import html
import io
import re
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import minimal_clause
from sociaalaankopen import Catalogue
from sociaalaankopen.cli import cli
from sociaalaankopen.typography import french_spacing
from sociaalaankopen.web import create_app
from sociaalaankopen.web.i18n import TEXTS

ROOT = Path(__file__).parents[1]
GREEN = (ROOT / "examples" / "groenonderhoud.txt").read_text("utf-8")


@pytest.fixture(autouse=True)
def _messages_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording; the choice of language is tested in test_messages_cli.py."""
    monkeypatch.setenv("SOCIAALAANKOPEN_LANG", "en")


def links(html: str, pattern: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(rf'href="({pattern}[^"]*)"', html)]


def field_block(page: str, field_id: str) -> str:
    """The markup of one field on the Compose page: its label to the end of its div."""
    block = page[page.index(f'<label for="{field_id}"') :]
    return block[: block.index("</div>")]


def bounded(catalogue: Catalogue, clause_id: str) -> tuple[str, float]:
    """A bounded numeric parameter of a clause and its upper bound."""
    clause = catalogue.clause(clause_id)
    for name, p in clause.parameters.items():
        if p.type in ("integer", "percentage", "amount") and p.bounds()[1] is not None:
            return name, float(p.bounds()[1])
    raise AssertionError(f"{clause_id} has no bounded parameter")


def test_every_text_is_in_every_language() -> None:
    assert TEXTS["fr"].keys() == TEXTS["nl"].keys() == TEXTS["en"].keys()


@pytest.mark.parametrize(("prefix", "lang"), [("/", "nl"), ("/fr/", "fr"), ("/en/", "en")])
def test_start_page_in_each_language(client: TestClient, prefix: str, lang: str) -> None:
    response = client.get(prefix)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    title = french_spacing(TEXTS[lang]["start.title"]) if lang == "fr" else TEXTS[lang]["start.title"]
    assert title.replace("'", "&#39;") in response.text
    assert 'enctype="multipart/form-data"' in response.text and 'name="sector"' in response.text
    assert "<script>" not in response.text and "style=" not in response.text  # nothing inline: the CSP forbids it


def test_paste_the_tender_and_see_routes(client: TestClient) -> None:
    response = client.post("/routes", data={"text": GREEN})
    assert response.status_code == 200
    assert "Raamovereenkomst groenonderhoud 2027-2030" in response.text
    chosen = links(response.text, "/compose\\?route=")
    assert chosen, "each route has a link that chooses it"
    twin = client.post("/routes.json", data={"text": GREEN}).json()
    assert [r["id"] for r in twin["routes"]] == [dict(parse_qsl(urlsplit(c).query))["route"] for c in chosen]
    assert twin == client.post("/api/v1/match", json={"text": GREEN, "top": 10}).json()


def test_upload_a_file_and_pick_a_sector_or_a_cpv_code(client: TestClient) -> None:
    upload = client.post("/en/routes", files={"file": ("tender.txt", GREEN.encode(), "text/plain")}, data={"text": ""})
    assert upload.status_code == 200 and 'lang="en"' in upload.text
    sector = client.get("/fr/routes", params={"sector": "schoonmaak"})
    assert sector.status_code == 200 and "route card" in sector.text
    code = client.get("/routes", params={"cpv": "77310000 Groenonderhoud"})
    assert code.status_code == 200 and links(code.text, "/compose\\?")


@pytest.mark.parametrize(
    ("request_kwargs", "message"),
    [
        ({"data": {"text": "   "}}, "is empty"),
        ({"files": {"file": ("x.docx", b"PK\x03\x04...", "application/octet-stream")}}, "is a ZIP file"),
    ],
)
def test_a_bad_tender_shows_the_message_on_the_start_page(
    client: TestClient, request_kwargs: dict, message: str
) -> None:
    response = client.post("/en/routes", **request_kwargs)
    assert response.status_code == 422
    assert 'role="alert"' in response.text and message in response.text


def test_unknown_sector_and_bad_cpv_code(client: TestClient) -> None:
    assert "is not a sector" in client.get("/en/routes", params={"sector": "nope"}).text
    response = client.get("/en/routes", params={"cpv": "banaanschil"})
    assert response.status_code == 422 and "is not a CPV code" in response.text
    assert 'value="banaanschil"' in response.text  # the form keeps what was typed


@pytest.mark.parametrize(
    ("path", "params", "words"),
    [
        ("/routes", {"sector": "bogus"}, {"nl": "is geen sector uit de catalogus"}),
        ("routes", {"cpv": "zzzqqq"}, {"nl": "is geen CPV-code", "fr": "n&#39;est pas un code CPV"}),
        ("compose", {"clause": "nonexistent"}, {"nl": "werd weggelaten", "fr": "elle a été omise"}),
        (
            "compose",
            {"clause": ["voorbehouden-opdracht", "percelen-sociale-economie"]},
            {"nl": "kan niet in dezelfde bijlage staan als", "fr": "ne peut pas figurer dans la même annexe"},
        ),
        (
            "compose",
            {"route": "opdracht-voorbehouden", "remove": "voorbehouden-opdracht"},
            {"nl": "is een kernclausule van de route", "fr": "est une clause essentielle de la voie"},
        ),
    ],
)
def test_page_problems_are_in_the_page_language(
    client: TestClient, path: str, params: dict[str, str], words: dict[str, str]
) -> None:
    """Found by the sweep: these messages were English on the Dutch and French pages."""
    for lang, expected in words.items():
        prefix = "/" if lang == "nl" else f"/{lang}/"
        response = client.get(prefix + path.lstrip("/"), params=params)
        assert response.status_code == 422
        assert expected in response.text, (lang, path)
        assert f'<html lang="{lang}">' in response.text


def test_a_refused_paste_keeps_the_text_and_says_what_is_wrong_in_the_page_language(client: TestClient) -> None:
    """Found by the sweep: the textarea came back empty, the message was English and called the text a file."""
    pasted = "Lange geplakte tekst over groenonderhoud \x00 erin"
    response = client.post("/fr/routes", files={"text": (None, pasted)})
    assert response.status_code == 422
    assert "contient un caractère NUL" in response.text and "file" not in response.text.split('role="alert"')[1][:400]
    assert "Lange geplakte tekst over groenonderhoud" in response.text.split("<textarea")[1]
    empty = client.post("/fr/routes", files={"text": (None, "")})
    assert "est vide" in empty.text


def test_json_at_a_form_page_is_415_and_json_twins_answer_problems(client: TestClient) -> None:
    """Found by the sweep: JSON posted to /routes said the text was empty; /routes.json answered errors as
    page data instead of a problem document."""
    page = client.post("/en/routes", json={"text": "groenonderhoud"})
    assert page.status_code == 415 and "is not a form" in page.text
    twin = client.post("/en/routes.json", json={"text": "groenonderhoud"})
    assert twin.status_code == 415 and twin.headers["content-type"] == "application/problem+json"
    bogus = client.get("/en/routes.json", params={"sector": "bogus"})
    assert bogus.status_code == 422 and bogus.headers["content-type"] == "application/problem+json"
    body = bogus.json()
    assert body["type"] == "urn:sociaalaankopen:problem:tender" and body["errors"][0]["field"] == "sector"
    compose = client.get("/fr/compose.json", params={"clause": "nonexistent"})
    assert compose.status_code == 422 and compose.json()["errors"][0]["fix"] == "elle a été omise"


def test_cpv_words_without_javascript_offer_the_codes_as_links(client: TestClient) -> None:
    response = client.get("/fr/routes", params={"cpv": "espaces verts"})
    assert response.status_code == 200
    offered = links(response.text, "/fr/routes\\?cpv=")
    assert offered and client.get(offered[0]).status_code == 200


def test_the_page_escapes_what_the_tender_says(client: TestClient) -> None:
    response = client.post("/routes", data={"text": "<script>alert(1)</script> groenonderhoud\nmaaien van gazons"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_compose_shows_a_broken_limit_next_to_each_of_its_fields(client: TestClient) -> None:
    clause_id = "prijsherziening-sectorale-loonkost"
    both = {f"{clause_id}.aandeel_loon": "80", f"{clause_id}.aandeel_vast": "60"}  # each allowed, 140 % together
    wrong = client.get("/compose", params={"clause": clause_id, **both, "action": "check"})
    assert wrong.status_code == 422
    for name in ("aandeel_loon", "aandeel_vast"):
        field = field_block(wrong.text, f"f-{clause_id}-{name}")
        assert "bedragen samen 140 %, meer dan 100 %" in field and 'aria-invalid="true"' in field
    right = client.get("/compose", params={"clause": clause_id, **both, f"{clause_id}.aandeel_vast": "20"})
    assert right.status_code == 200 and "bedragen samen" not in right.text


def test_compose_shows_a_limit_bounded_by_a_field_beside_that_field_too(client: TestClient) -> None:
    clause_id = "percelen-sociale-economie"
    wrong = client.get(
        "/compose",
        params={"clause": clause_id, f"{clause_id}.aantal_percelen": "3", f"{clause_id}.max_percelen": "5"},
    )
    assert wrong.status_code == 422
    for name in ("max_percelen", "aantal_percelen"):  # the fix says to lower the one or raise the other
        block = wrong.text[wrong.text.index(f'for="f-{clause_id}-{name}"') :]
        field = block[: block.index("</div>")]
        assert "is meer dan ‘Aantal percelen’ (3 percelen)" in field and 'aria-invalid="true"' in field


def test_compose_shows_a_message_next_to_the_field_and_accepts_the_correction(
    client: TestClient, catalogue: Catalogue
) -> None:
    clause_id = "voorbehouden-opdracht"
    name, high = bounded(catalogue, clause_id)
    field = f"{clause_id}.{name}"
    wrong = client.get("/compose", params={"clause": clause_id, field: str(high + 1), "action": "check"})
    assert wrong.status_code == 422
    block = wrong.text[wrong.text.index(f'for="f-{clause_id}-{name}"') :]
    assert block.index("valt buiten het bereik") < block.index(f'id="f-{clause_id}-{name}"')  # at the field
    assert 'aria-invalid="true"' in block
    right = client.get("/compose", params={"clause": clause_id, field: str(int(high)), "action": "check"})
    assert right.status_code == 200 and "valt buiten het bereik" not in right.text
    assert TEXTS["nl"]["compose.ok"] in right.text


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("/", "Nog in te vullen: vervang [naam, dienst en e-mailadres van de contactpersoon] door uw eigen tekst."),
        ("/fr/", "Encore à compléter\u00a0: remplacez [nom, service et adresse e-mail de la personne de contact] par"),
        ("/en/", "Still to fill in: replace [name, department and e-mail address of the contact person] with your"),
    ],
)
def test_compose_hints_at_a_text_value_that_still_holds_a_placeholder(
    client: TestClient, prefix: str, said: str
) -> None:
    """Compose showed '[naam, dienst …]' in the field as if it were a value: only the Download page told."""
    call = "marktconsultatie-sociale-economie"
    contact, days = f"f-{call}-contact", f"f-{call}-antwoordtermijn"
    page = client.get(f"{prefix}compose", params={"clause": call, "action": "check"})
    assert page.status_code == 200 and "error-summary" not in page.text  # a hint, not an error
    field = field_block(page.text, contact)
    hint = re.search(rf'<p class="hint todo" id="{contact}-todo">(.*?)</p>', field)
    assert hint, "no hint beside the field"
    assert said in html.unescape(re.sub(r"<[^>]+>", "", hint.group(1)))
    assert '<span class="placeholder">[' in hint.group(1)  # highlighted as on the Download page
    assert f'aria-describedby="{contact}-hint {contact}-todo"' in field and "aria-invalid" not in field
    assert "todo" not in field_block(page.text, days)  # a number is never a placeholder

    # A value typed in brackets is one too; beside a wrong value elsewhere it stays a hint.
    typed = {"clause": call, f"{call}.contact": "Dienst Aankoop, [e-mailadres]", f"{call}.antwoordtermijn": "999"}
    wrong = client.get("/compose", params={**typed, "action": "check"})
    assert wrong.status_code == 422
    field = field_block(wrong.text, contact)
    assert '<span class="placeholder">[e-mailadres]</span>' in field and "aria-invalid" not in field
    assert f"#{contact}" not in wrong.text  # the error summary does not list it
    assert f'aria-describedby="{days}-hint {days}-error" aria-invalid="true"' in wrong.text

    filled = {
        **typed,
        f"{call}.contact": "Dienst Aankoop",
        f"{call}.voorwerp": "groenonderhoud",
        f"{call}.antwoordtermijn": "21",
    }
    assert 'class="hint todo"' not in client.get("/compose", params=filled).text


def test_add_and_remove_keep_the_state_in_the_address(client: TestClient) -> None:
    added = client.get(
        "/compose", params={"clause": "voorbehouden-perceel", "title": "T", "add": "uitvoering-stageplaatsen"}
    )
    assert added.status_code == 303
    state = parse_qsl(urlsplit(added.headers["location"]).query)
    assert [v for k, v in state if k == "clause"] == ["voorbehouden-perceel", "uitvoering-stageplaatsen"]
    assert ("title", "T") in state and not any(k in ("add", "remove") for k, _ in state)
    removed = client.get(added.headers["location"] + "&remove=voorbehouden-perceel")
    assert removed.status_code == 303
    assert [v for k, v in parse_qsl(urlsplit(removed.headers["location"]).query) if k == "clause"] == [
        "uitvoering-stageplaatsen"
    ]


def test_unknown_clause_and_unknown_parameter_in_the_address(client: TestClient) -> None:
    response = client.get(
        "/en/compose", params={"clause": ["nope", "voorbehouden-perceel"], "voorbehouden-perceel.x": "1"}
    )
    assert response.status_code == 422
    assert "nope: is not a clause in the catalogue" in response.text
    assert "x: is not a parameter of this clause" in response.text


@pytest.fixture
def excluding_app(tmp_catalogue: Callable[[dict[str, str]], Path]) -> Iterator[TestClient]:
    a = minimal_clause("alternatief-a")
    b = minimal_clause("alternatief-b")
    a = a.replace("monitoring:", "excludes: [alternatief-b]\nmonitoring:", 1)
    b = b.replace("monitoring:", "excludes: [alternatief-a]\nmonitoring:", 1)
    c = minimal_clause("derde")
    folder = tmp_catalogue({"alternatief-a.md": a, "alternatief-b.md": b, "derde.md": c})
    with TestClient(create_app(Catalogue.load(folder)), follow_redirects=False) as client:
        yield client


def test_a_clause_that_excludes_another_cannot_be_added_beside_it(excluding_app: TestClient) -> None:
    page = excluding_app.get("/compose", params={"clause": "alternatief-a"})
    assert re.search(r'<option value="alternatief-b" disabled>', page.text)
    refused = excluding_app.get("/en/compose", params={"clause": "alternatief-a", "add": "alternatief-b"})
    assert refused.status_code == 422
    # The page names both clauses by their titles, the ids in parentheses (the JSON twin by their ids).
    assert re.search(
        r"\(alternatief-b\): cannot stand in the same annex as [^<]*\(alternatief-a\)", html.unescape(refused.text)
    )
    assert excluding_app.get("/compose", params={"clause": "alternatief-a", "add": "derde"}).status_code == 303
    both = excluding_app.get("/download", params={"clause": ["alternatief-a", "alternatief-b"]})
    assert both.status_code == 303 and "/compose?" in both.headers["location"]
    # A file link with both: no annex; the compose page, which says why, as /download does.
    annex = excluding_app.get("/annex.md", params={"clause": ["alternatief-a", "alternatief-b"]})
    assert annex.status_code == 303 and "/compose?" in annex.headers["location"]


def cli_draft(args: list[str], out: Path | None = None) -> bytes:
    extra = ["--out", str(out), "--force"] if out else []
    result = CliRunner().invoke(cli, ["draft", *args, *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes() if out else result.stdout_bytes


def docx_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a DOCX that hold its content (the zip's timestamps differ from one save to the next)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/")}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_download_gives_exactly_what_draft_gives(
    client: TestClient, catalogue: Catalogue, lang: str, tmp_path: Path
) -> None:
    clause_id = "voorbehouden-opdracht"
    name, high = bounded(catalogue, clause_id)
    params = {
        "clause": [clause_id, "uitvoering-stageplaatsen"],
        f"{clause_id}.{name}": str(int(high)),
        "title": "Groen",
    }
    prefix = "/" if lang == "nl" else f"/{lang}/"
    page = client.get(prefix + "download", params=params)
    assert page.status_code == 200
    files = dict(zip(["docx", "html", "md"], links(page.text, prefix + "annex\\."), strict=True))
    args = ["--clause", f"{clause_id}:{name}={int(high)}", "--clause", "uitvoering-stageplaatsen", "--title", "Groen"]
    args += ["--lang", lang]
    assert client.get(files["md"]).content == cli_draft(args)
    assert client.get(files["html"]).content == cli_draft([*args, "--format", "html"])
    docx = client.get(files["docx"])
    name = {"nl": "bijlage-sociale-clausules", "fr": "annexe-clauses-sociales", "en": "social-clauses-annex"}[lang]
    assert docx.headers["content-disposition"] == f'attachment; filename="{name}-groen.docx"'
    assert docx_parts(docx.content) == docx_parts(cli_draft([*args, "--format", "docx"], tmp_path / "a.docx"))


@pytest.mark.parametrize(("prefix", "unit"), [("/", "kB"), ("/fr/", "ko"), ("/en/", "kB")])
def test_each_download_button_says_the_size_of_its_file(client: TestClient, prefix: str, unit: str) -> None:
    """The audit: the guide's downloads say 'Word (DOCX), 39 kB'; the tool's Download buttons said only
    'Word (DOCX)', 'HTML', 'Markdown', so that nobody on a slow or metered connection knew what came."""
    params = {"route": "perceel-voorbehouden", "title": "Groen"}
    page = client.get(prefix + "download", params=params).text
    buttons = re.findall(r'<a class="button" href="([^"]+)" download[^>]*>(.*?)</a>', page, re.S)
    assert len(buttons) == 3
    for href, label in buttons:
        said = html.unescape(re.sub(r"<[^>]+>", "", label))
        size = re.fullmatch(rf"(?:Word \(DOCX\)|HTML|Markdown), (\d+)\u00a0{unit}", said)
        assert size, said
        body = client.get(href.replace("&amp;", "&")).content
        assert int(size.group(1)) == max(1, round(len(body) / 1000)), (said, len(body))  # the file it gives


def test_the_tool_keeps_the_files_of_a_few_annexes_only(catalogue: Catalogue) -> None:
    """The Download page makes the files to say their sizes and keeps them for the click that follows; it
    keeps a few, the latest used, not every annex ever asked for."""
    from sociaalaankopen.draft import build_draft, draft_bytes
    from sociaalaankopen.web.state import Selection
    from sociaalaankopen.web.views.download import AnnexFiles

    kept = AnnexFiles(size=2)
    draft = build_draft(catalogue, ["dagschoonmaak"], lang="nl")
    selections = [Selection.from_items([("clause", "dagschoonmaak"), ("title", t)]) for t in ("a", "b", "c")]
    first = kept.get("nl", selections[0], draft, ("markdown",))
    assert first == {"markdown": draft_bytes(draft, "markdown")}
    assert kept.get("nl", selections[0], draft, ("markdown", "html"))["markdown"] is first["markdown"]  # kept
    kept.get("nl", selections[1], draft, ("markdown",))
    kept.get("nl", selections[0], draft, ("markdown",))  # used again: now the latest
    kept.get("nl", selections[2], draft, ("markdown",))
    assert [key for _, key in kept.files] == [selections[0].query(), selections[2].query()]


def test_download_lists_the_placeholders_still_to_fill_in(client: TestClient) -> None:
    """The Download page said nothing of '[naam, dienst …]' left in the annex: it reached the bestek."""
    call = "marktconsultatie-sociale-economie"
    params: dict[str, str | list[str]] = {"clause": [call, "voorbehouden-opdracht"], "title": "Espaces verts"}
    page = client.get("/fr/download", params=params).text
    notice = re.search(
        r'<div class="notice placeholders" role="status" aria-labelledby="todo-title">(.*?)</div>', page, re.S
    )
    assert notice, "no notice of the placeholders"
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", notice.group(1))  # said to a screen reader
    said = html.unescape(re.sub(r"<[^>]+>", "", shown))
    assert "Encore à compléter" in said and "Consultation du marché associant l'économie sociale" in said
    assert "Objet du marché envisagé\u00a0: [description du marché envisagé]" in said
    assert (
        "Personne de contact pour les réponses\u00a0: [nom, service et adresse e-mail de la personne de contact]"
        in said
    )
    field = links(notice.group(1), "/fr/compose")[0]
    assert field.endswith(f"#f-{call}-voorwerp") and "title=Espaces+verts" in field
    assert f'id="f-{call}-voorwerp"' in client.get(field.split("#")[0]).text  # the link leads to the field
    # Warned, not blocked: the files are still offered, and they name the warning for a screen reader.
    assert page.count('download aria-describedby="todo-title todo-lead"') == 3
    twin = client.get("/fr/download.json", params=params).json()["placeholders"]
    assert [(p["clause"], p["parameter"]) for p in twin] == [(call, "voorwerp"), (call, "contact")]
    api = client.post("/api/v1/draft", json={"clauses": [{"id": call}], "lang": "fr", "format": "json"}).json()
    assert api["placeholders"] == twin  # the API's annex says the same

    filled = {**params, f"{call}.voorwerp": "l'entretien des espaces verts", f"{call}.contact": "Service achats"}
    page = client.get("/fr/download", params=filled).text
    assert "placeholders" not in page and "aria-describedby" not in page
    assert client.get("/fr/download.json", params=filled).json()["placeholders"] == []


def todo_lead(page: str) -> str:
    found = re.search(r'<p id="todo-lead">(.*?)</p>', page, re.S)
    assert found, "no lead to the notice of the placeholders"
    return html.unescape(found.group(1))


@pytest.mark.parametrize(
    ("prefix", "lead"),
    [
        (
            "/",
            "Eén clausule bevat nog tekst tussen [haken] die alleen u kunt invullen. Wat in de clausuletekst zelf "
            "staat, heeft geen veld: dat vult u na het downloaden aan in de bijlage. Met [haken] erin is het "
            "bestek nog niet klaar om te publiceren.",
        ),
        (
            "/fr/",
            "Une clause contient encore du texte entre [crochets] que vous seul pouvez compléter. Ce qui figure "
            "dans le texte même de la clause n'a pas de champ\u00a0: complétez-le dans l'annexe, après le "
            "téléchargement. Avec des [crochets], le cahier spécial des charges n'est pas encore prêt à être publié.",
        ),
        (
            "/en/",
            "One clause still holds text in [brackets] that only you can fill in. What is in the clause text "
            "itself has no field: complete it in the annex, after downloading. With [brackets] in it, the "
            "specification is not ready to publish.",
        ),
    ],
)
def test_download_says_a_placeholder_of_the_clause_text_is_completed_in_the_annex(
    client: TestClient, prefix: str, lead: str
) -> None:
    """'[nummer]' is in the clause text itself: no field on the Compose page can fill it in. The lead said
    "Some clauses … Fill it in at the clauses" for this one clause."""
    page = client.get(prefix + "download", params={"clause": "uitvoering-overname-personeel-schoonmaak"}).text
    assert todo_lead(page) == lead


def test_download_says_where_each_kind_of_placeholder_is_filled_in(client: TestClient) -> None:
    call, staff = "marktconsultatie-sociale-economie", "uitvoering-overname-personeel-schoonmaak"
    one = todo_lead(client.get("/en/download", params={"clause": [call, "voorbehouden-opdracht"]}).text)
    assert one == (
        "One clause still holds text in [brackets] that only you can fill in. A value with a link is filled in "
        "at the clauses, or after downloading in the annex itself. With [brackets] in it, the specification is "
        "not ready to publish."
    )
    both = todo_lead(client.get("/en/download", params={"clause": [call, staff]}).text)
    assert both == (
        "Some clauses still hold text in [brackets] that only you can fill in. A value with a link is filled in "
        "at the clauses, or after downloading in the annex itself. What is in the clause text itself has no "
        "field: complete it in the annex, after downloading. With [brackets] in it, the specification is not "
        "ready to publish."
    )


def test_download_with_a_wrong_value_goes_back_to_compose(client: TestClient, catalogue: Catalogue) -> None:
    name, high = bounded(catalogue, "voorbehouden-opdracht")
    response = client.get(
        "/fr/download", params={"clause": "voorbehouden-opdracht", f"voorbehouden-opdracht.{name}": "x"}
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/fr/compose?")


def test_json_twins(client: TestClient) -> None:
    start = client.get("/fr/index.json").json()
    assert any(s["id"] == "groenonderhoud" for s in start["sectors"])
    compose = client.get("/compose.json", params={"clause": "voorbehouden-perceel"}).json()
    assert compose["clauses"] == ["voorbehouden-perceel"] and compose["download"].startswith("/download?")
    download = client.get("/download.json", params={"clause": "voorbehouden-perceel"}).json()
    assert set(download["files"]) == {"docx", "html", "markdown"}
    assert (
        client.get("/compose.json", params={"clause": "voorbehouden-perceel", "add": "uitvoering-stageplaatsen"})
        .headers["location"]
        .startswith("/compose.json")
    )


def test_not_found_is_a_page_in_its_language(client: TestClient) -> None:
    response = client.get("/fr/nulle-part")
    assert response.status_code == 404 and '<html lang="fr">' in response.text
    assert TEXTS["fr"]["notfound.title"] in response.text


def test_the_guide_is_served_beside_the_tool(catalogue: Catalogue, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>gids</title>", "utf-8")
    (tmp_path / "clausules").mkdir()
    (tmp_path / "clausules" / "voorbehouden-perceel.html").write_text("<p>perceel</p>", "utf-8")
    with TestClient(create_app(catalogue, tmp_path)) as c:
        assert c.get("/gids/").text.startswith("<!doctype html>")
        page = c.get("/compose", params={"clause": "voorbehouden-perceel"}).text
        assert 'href="/gids/clausules/voorbehouden-perceel.html"' in page
        assert c.get("/gids/clausules/voorbehouden-perceel.html").headers["x-content-type-options"] == "nosniff"


# --- the serve command --------------------------------------------------------------------------------


def test_serve_refuses_a_missing_guide_a_broken_catalogue_and_a_busy_port(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["serve", "--guide", str(tmp_path / "site")])
    assert missing.exit_code == 1 and len(missing.stderr.splitlines()) == 1 and "guide build" in missing.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "kapot.md").write_text("geen front matter", "utf-8")
    result = runner.invoke(cli, ["serve", "--catalogue", str(broken)])
    assert result.exit_code == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: 127.0.0.1:{port}: --port: is already in use (stop the other server or pass another --port)\n"
    )
    # An empty --host listened on every interface (and said http://:8000/): the tool open to the network.
    result = runner.invoke(cli, ["serve", "--host", "", "--port", "0"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: '': --host: is empty: the tool would listen on every network interface "
        "(give 127.0.0.1 for this machine only, or the address to listen on)\n"
    )


def test_serve_answers_on_a_free_port_and_logs_nothing_of_a_tender(tmp_path: Path) -> None:
    import httpx

    process = subprocess.Popen(
        [sys.executable, "-m", "sociaalaankopen", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1))  # type: ignore[union-attr]
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(base + "/api/v1/sectors", timeout=5)
                break
            except httpx.TransportError:
                import time

                time.sleep(0.1)
        secret = "Geheime opdracht voor groenonderhoud van het kasteelpark"
        assert httpx.post(base + "/routes", data={"text": secret}, timeout=30).status_code == 200
        assert httpx.get(base + "/compose", params={"title": secret}, timeout=30).status_code == 200
    finally:
        process.terminate()
        out, err = process.communicate(timeout=30)
    assert secret not in out + err and "kasteelpark" not in out + err


def test_a_route_keeps_its_core_clauses_and_downloads_as_draft_route(client: TestClient, catalogue: Catalogue) -> None:
    from sociaalaankopen.matching.routes import route_clauses

    route = catalogue.routes["opdracht-voorbehouden"]
    core = [c.id for c in route_clauses(route, catalogue.clauses)]
    page = client.get("/compose", params={"route": route.id, "clause": "uitvoering-stageplaatsen"})
    assert page.status_code == 200
    for clause_id in core:
        assert f'value="{clause_id}"' in page.text  # the route's core clauses are there without asking
        assert f'name="remove" value="{clause_id}"' not in page.text  # and cannot be removed
    refused = client.get("/en/compose", params={"route": route.id, "remove": core[0]})
    assert refused.status_code == 422 and "is a core clause of the route" in refused.text
    name, _ = bounded(catalogue, "voorbehouden-opdracht")
    params = {"route": route.id, "clause": [*core, "uitvoering-stageplaatsen"], f"voorbehouden-opdracht.{name}": "55"}
    download = client.get("/en/download", params=params)
    command = re.search(r"<pre class=\"command\"><code>(.*?)</code>", download.text, re.S).group(1)  # type: ignore[union-attr]
    assert command.startswith("sociaalaankopen draft --route opdracht-voorbehouden")
    markdown = client.get(links(download.text, "/en/annex\\.md")[0]).content
    args = ["--route", route.id, *[a for c in core for a in ("--clause", c)], "--clause", "uitvoering-stageplaatsen"]
    args = [a if a != "voorbehouden-opdracht" else f"voorbehouden-opdracht:{name}=55" for a in args]
    assert markdown == cli_draft([*args, "--lang", "en"])
    assert b"55" in markdown


def test_a_page_refuses_a_body_over_5_mb_as_a_page(client: TestClient) -> None:
    response = client.post("/en/routes", files={"file": ("big.txt", b"a" * (5 * 1024 * 1024 + 1), "text/plain")})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html") and '<html lang="en">' in response.text
    assert "larger than 5 MB" in response.text


def test_hostile_values_in_the_address_are_shown_as_text(client: TestClient, catalogue: Catalogue) -> None:
    hostile = '"><script>alert(1)</script>'
    name, _ = bounded(catalogue, "voorbehouden-opdracht")
    response = client.get(
        "/compose",
        params={"clause": "voorbehouden-opdracht", f"voorbehouden-opdracht.{name}": hostile, "title": hostile},
    )
    assert response.status_code == 422
    assert "<script>alert(1)</script>" not in response.text
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in response.text
    long = client.get("/compose", params={"clause": ["voorbehouden-opdracht"] * 300, "title": "x" * 5000})
    # A title too long is kept and refused at its field (not cut without a word).
    assert long.status_code == 422 and long.text.count('name="clause"') == 1
    assert 'id="title-error"' in long.text


def language_links(html: str) -> dict[str, str]:
    return {lang: href.replace("&amp;", "&") for href, lang in re.findall(r'<a href="([^"]*)" lang="(\w\w)"', html)}


def test_switching_language_on_the_routes_of_a_pasted_text_keeps_them(client: TestClient) -> None:
    """Found by the sweep: after a POST the language links lost the text, and following one ended on an error."""
    pasted = "Raamovereenkomst groenonderhoud\nMaaien van bermen en hagen scheren. CPV 77310000"
    routes = client.post("/routes", data={"text": pasted})
    assert routes.status_code == 200
    french = client.get(language_links(routes.text)["fr"])
    assert french.status_code == 200 and '<html lang="fr">' in french.text
    ids = [dict(parse_qsl(urlsplit(c).query))["route"] for c in links(routes.text, "/compose\\?route=")]
    assert [dict(parse_qsl(urlsplit(c).query))["route"] for c in links(french.text, "/fr/compose\\?route=")] == ids
    refused = client.post("/en/routes", data={"text": "abc \x00"})
    start = client.get(language_links(refused.text)["nl"])
    assert start.status_code == 200 and "abc" in start.text.split("<textarea")[1]  # the Start page, filled in


def test_switching_language_after_an_upload_posts_its_tender_and_a_long_text_is_posted(
    client: TestClient,
) -> None:
    # The file cannot travel in an address: the tender read from it is posted as text (tests/test_web_flow.py).
    upload = client.post("/routes", files={"file": ("tender.txt", GREEN.encode(), "text/plain")})
    assert upload.status_code == 200
    assert '<form class="language-form" action="/en/routes" method="post"' in upload.text
    # A file that cannot be read leaves nothing to carry: its language links lead to the Start page.
    refused = client.post("/routes", files={"file": ("x.docx", b"PK\x03\x04...", "application/octet-stream")})
    assert refused.status_code == 422
    assert language_links(refused.text)["en"] == "/en/"
    # A text too long for an address is posted again by a small form per language (tests/test_web_flow.py).
    long = client.post("/routes", data={"text": GREEN + " maaien" * 400})
    assert long.status_code == 200
    assert '<form class="language-form" action="/en/routes" method="post"' in long.text


def test_why_a_route_fits_is_said_in_the_page_language(client: TestClient) -> None:
    # A Dutch tender on the English page: the route's 'why' was the tender's Dutch.
    twin = client.post("/en/routes.json", data={"text": GREEN}).json()
    why = twin["routes"][0]["why"]
    assert why.startswith("sector Grounds maintenance") and "Groenonderhoud" not in why
    page = client.post("/en/routes", data={"text": GREEN}).text
    assert html.escape(why, quote=True) in page or why in page


def test_a_clause_picked_to_add_is_in_the_annex_when_download_is_pressed(client) -> None:  # type: ignore[no-untyped-def]
    """Picked in "Clausule toevoegen", then "Naar downloaden" pressed instead of "Toevoegen": it was dropped."""
    response = client.get(
        "/download?title=Test&clause=uitvoering-tewerkstelling-arbeidsuren&add=fairtrade-producten",
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/download?") and "clause=fairtrade-producten" in location
    assert "clause=uitvoering-tewerkstelling-arbeidsuren" in location
    refused = client.get("/download?title=Test&add=bestaat-niet", follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"].startswith("/compose?")


def test_an_annex_link_with_a_wrong_value_leads_to_the_field_not_a_dead_end(client) -> None:  # type: ignore[no-untyped-def]
    query = (
        "route=open-sociale-voorwaarden&clause=uitvoering-tewerkstelling-arbeidsuren"
        "&uitvoering-tewerkstelling-arbeidsuren.percentage_uren=99"
    )
    for prefix in ("/", "/fr/"):
        response = client.get(f"{prefix}annex.docx?{query}", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == f"{prefix}compose?{query}"
    page = client.get(f"/annex.docx?{query}", follow_redirects=True)  # the field says what is wrong
    assert page.status_code == 422 and "99" in page.text and 'aria-invalid="true"' in page.text
    nothing = client.get("/annex.docx", follow_redirects=False)  # no clause at all: compose, to choose one
    assert nothing.status_code == 303 and nothing.headers["location"] == "/compose"


def test_a_reserved_contract_never_goes_with_an_award_for_cooperating_with_the_social_economy() -> None:
    """Reserved to maatwerkbedrijven, every tenderer is one: an award criterion for cooperating with the social
    economy then scores nothing but noise. "Met deze clausules verder" built such an annex for catering."""
    from sociaalaankopen import Catalogue
    from sociaalaankopen.route_rules import conflicts

    catalogue = Catalogue.load()
    found = conflicts(["voorbehouden-opdracht", "gunning-samenwerking-sociale-economie"], catalogue.clauses)
    assert [(a, b) for a, b, _ in found] == [("voorbehouden-opdracht", "gunning-samenwerking-sociale-economie")]


def test_a_missing_guide_page_answers_in_its_language(client) -> None:
    """/gids/fr/… without a guide served answered 'Pagina niet gevonden' in Dutch."""
    page = client.get("/gids/fr/clauses/")
    assert page.status_code == 404
    assert '<html lang="fr">' in page.text and "Page introuvable" in page.text
    assert '<html lang="en">' in client.get("/gids/en/nothing").text
    assert '<html lang="nl">' in client.get("/gids/nergens").text


@pytest.mark.parametrize(
    ("call", "field", "said"),
    [
        (lambda c: c.post("/en/routes", data={"text": ""}), "text", "Is empty"),
        (lambda c: c.get("/en/routes", params={"cpv": "12"}), "cpv", "12: is not a CPV code"),
        (lambda c: c.get("/en/routes", params={"cpv": "12345678"}), "cpv", "&#39;12345678&#39; is not a CPV 2008 code"),
        (
            lambda c: c.post("/en/routes", files={"file": ("x.docx", b"PK\x03\x04...", "application/octet-stream")}),
            "file",
            "x.docx: is a ZIP file",
        ),
        (lambda c: c.get("/en/routes", params={"sector": "nope"}), "sector", "nope: is not a sector"),
    ],
)
def test_a_start_page_error_stands_beside_its_field_and_the_summary_links_to_it(
    client: TestClient, call: Callable[[TestClient], object], field: str, said: str
) -> None:
    """Found by the accessibility audit: the Start page's errors were plain text in the summary, tied to no
    field (no message beside it, no aria-invalid, no aria-describedby, no link from the summary)."""
    response = call(client)
    assert response.status_code == 422
    summary = response.text.split('class="error-summary"')[1].split("</div>")[0]
    assert f'<a href="#{field}">' in summary
    error = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', response.text)
    assert error and error.group(1).startswith(said), error
    control = re.search(rf'<(?:input|textarea|select) id="{field}"[^>]*>', response.text)
    assert control and 'aria-invalid="true"' in control.group(0)
    described = re.search(r'aria-describedby="([^"]*)"', control.group(0))
    assert described and f"{field}-error" in described.group(1).split()
    # Only the field the problem is about.
    assert response.text.count('aria-invalid="true"') == 1 and response.text.count('class="field-error"') == 1


def test_french_pages_set_their_signs_with_no_break_spaces(client: TestClient) -> None:
    """The tool's French pages said 'Qu'achetez-vous ?' and the clause texts 'Similaire signifie : …' with
    ordinary spaces; what the user typed is given back as typed."""
    loose = re.compile(r"\S [:;!?»]|« \S")
    typed = "Nettoyage : bureaux ; écoles"
    pages = [
        client.get("/fr/"),
        client.get("/fr/compose", params={"route": "opdracht-voorbehouden"}),
        client.post("/fr/routes", data={"text": typed}),
    ]
    for response in pages:
        assert response.status_code == 200, response.text
        page = re.sub(r"<(script|style|pre|code|textarea)\b.*?</\1>", "", response.text, flags=re.S)
        assert not loose.search(re.sub(r"<[^>]*>", "", page)), loose.search(re.sub(r"<[^>]*>", "", page))
    assert "\u00a0?" in pages[0].text and "\u00a0:" in pages[1].text
    assert "/fr/routes?text=Nettoyage+%3A+bureaux+%3B+%C3%A9coles" in pages[2].text  # its address keeps it


def test_the_sector_list_sorts_accented_labels_among_the_others(client: TestClient) -> None:
    """On /fr/ 'Réemploi…' and 'Rénovation…' came after 'Restauration…': the list sorted on the code
    points, where 'é' comes after every unaccented letter. It sorts on the letters, accents folded."""
    from sociaalaankopen.typography import sort_key

    for prefix in ("/", "/fr/", "/en/"):
        names = names_of(client.get(prefix).text)
        assert len(names) > 10 and names == sorted(names, key=sort_key), prefix
    french = [n for n in names_of(client.get("/fr/").text) if n.startswith("R")]
    assert french.index("Réemploi et seconde main") < french.index("Restauration et repas")
    assert sort_key("Éclairage") < sort_key("Entretien") < sort_key("Étiquetage") < sort_key("Zones")


def names_of(page: str) -> list[str]:
    select = page.split('<select id="sector"', 1)[1].split("</select>", 1)[0]
    return [html.unescape(n) for n in re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select)]
