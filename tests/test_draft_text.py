"""The annex's own words around the clause texts: numbers in the annex's language, values that cannot
pass for the annex's marks."""

from __future__ import annotations

import io

import pytest

from sociaalaankopen import Catalogue
from sociaalaankopen.draft import build_draft, draft_bytes


@pytest.mark.parametrize(("lang", "shown"), [("nl", "12,5 %"), ("fr", "12,5 %"), ("en", "12.5 %")])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_proposed_weighting_is_written_in_the_annex_language(catalogue: Catalogue, lang, shown, fmt) -> None:
    draft = build_draft(catalogue, [("gunning-sociaal-integratieplan", {"weging": 12.5})], lang=lang)
    text = draft_bytes(draft, fmt).decode("utf-8")
    label = draft.labels()["weighting"] + ("\u00a0:" if lang == "fr" else ":")
    assert f"{label}** {shown}" in text if fmt == "markdown" else f"{label}</strong> {shown}" in text


def test_a_value_cannot_close_the_annex_value_mark(catalogue: Catalogue) -> None:
    # '==' marks a value in the Markdown annex: a value or title holding it ended the mark early.
    draft = build_draft(
        catalogue, [("voorbehouden-perceel", {"perceel_omschrijving": "a ==m== b"})], tender_title="==x=="
    )
    text = draft_bytes(draft, "markdown").decode("utf-8")
    assert "==a \\=\\=m\\=\\= b==" in text
    assert "\\=\\=x\\=\\=" in text and "==x==" not in text
    html = draft_bytes(draft, "html").decode("utf-8")
    assert "a ==m== b" in html and "==x==" in html  # shown as written


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_guidance_in_dutch_only_is_announced_and_marked_dutch(catalogue: Catalogue, lang: str) -> None:
    # A French or English annex gave the guidance in Dutch, unannounced and unmarked: a screen reader
    # read it with French or English sounds, and Word spell-checked it as such.
    from docx import Document
    from docx.oxml.ns import qn

    from sociaalaankopen.draft import draft_for_route
    from sociaalaankopen.typography import french_spacing

    draft = draft_for_route(catalogue, "opdracht-voorbehouden", lang=lang)
    clause = draft.items()[0].clause
    html = draft_bytes(draft, "html").decode("utf-8")
    announced = draft.labels()["part.guidance.dutch"]
    announced = french_spacing(announced) if lang == "fr" else announced  # 'néerlandais\u00a0; elles'
    assert announced and announced.replace("'", "&#x27;") in html.replace("'", "&#x27;")
    first_words = clause.when_to_use.split()[0]
    assert f'<span lang="nl">{first_words}' in html
    markdown = draft_bytes(draft, "markdown").decode("utf-8")
    assert "\ue004" not in markdown and "\ue005" not in markdown and clause.when_to_use.split("\n")[0] in markdown
    document = Document(io.BytesIO(draft_bytes(draft, "docx")))
    dutch = [
        run.text
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run._r.rPr is not None
        and (found := run._r.rPr.find(qn("w:lang"))) is not None
        and found.get(qn("w:val")) == "nl-BE"
    ]
    assert any(first_words in text for text in dutch)


def test_a_dutch_annex_marks_nothing_as_dutch(catalogue: Catalogue) -> None:
    from sociaalaankopen.draft import draft_for_route

    html = draft_bytes(draft_for_route(catalogue, "opdracht-voorbehouden", lang="nl"), "html").decode("utf-8")
    assert 'lang="nl">' in html and "<span lang=" not in html


def test_an_unknown_annex_format_is_a_parameter_error(catalogue: Catalogue) -> None:
    from sociaalaankopen import ParameterError

    draft = build_draft(catalogue, ["voorbehouden-opdracht"])
    with pytest.raises(ParameterError) as info:
        draft_bytes(draft, "pdf")  # was a bare ValueError
    assert str(info.value) == "draft: format: 'pdf' is not an annex format (use one of markdown, html, docx, json)"


def test_the_json_annex_says_its_guidance_is_dutch(catalogue: Catalogue) -> None:
    import json

    from sociaalaankopen.draft import draft_for_route

    data = json.loads(draft_bytes(draft_for_route(catalogue, "opdracht-voorbehouden", lang="en"), "json"))
    assert tuple(map(int, data["schema_version"].split("."))) >= (1, 1)  # the field came with 1.1
    assert data["guidance"] and {g["lang"] for g in data["guidance"]} == {"nl"}
