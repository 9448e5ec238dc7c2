"""The annex's own words around the clause texts: numbers in the annex's language, values that cannot
pass for the annex's marks."""

from __future__ import annotations

import pytest

from sociaalaankopen import Catalogue
from sociaalaankopen.draft import build_draft, draft_bytes


@pytest.mark.parametrize(("lang", "shown"), [("nl", "12,5 %"), ("fr", "12,5 %"), ("en", "12.5 %")])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_proposed_weighting_is_written_in_the_annex_language(catalogue: Catalogue, lang, shown, fmt) -> None:
    draft = build_draft(catalogue, [("gunning-sociaal-integratieplan", {"weging": 12.5})], lang=lang)
    text = draft_bytes(draft, fmt).decode("utf-8")
    label = draft.labels()["weighting"]
    assert f"{label}:** {shown}" in text if fmt == "markdown" else f"{label}:</strong> {shown}" in text


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
