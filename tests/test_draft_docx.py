"""The Word annex as Word reads it: lists numbered per list, its language, its dates."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from sociaalaankopen import Catalogue
from sociaalaankopen.draft import build_draft, draft_bytes

# Two clauses whose texts are numbered lists: each list must count from its own start.
CLAUSES = ["voorbehouden-opdracht", "marktconsultatie-sociale-economie", "gunning-sociaal-integratieplan"]


def _document(catalogue: Catalogue, lang: str = "nl") -> Any:
    draft = build_draft(catalogue, [(cid, {}) for cid in CLAUSES], lang=lang)
    return Document(io.BytesIO(draft_bytes(draft, "docx")))


def _numbered(document: Any) -> list[tuple[str, int]]:
    """(numbering instance, start) of every numbered paragraph, in order."""
    numbering = document.part.numbering_part.element
    starts = {}
    for num in numbering.num_lst:
        override = num.find(qn("w:lvlOverride"))
        start = override.find(qn("w:startOverride")) if override is not None else None
        starts[num.numId] = int(start.get(qn("w:val"))) if start is not None else 1
    found = []
    for paragraph in document.paragraphs:
        if paragraph.style.name != "List Number":
            continue
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        assert num_pr is not None, f"a numbered paragraph without a list of its own: {paragraph.text[:60]}"
        found.append((num_pr.numId.val, starts[num_pr.numId.val]))
    return found


def test_each_numbered_list_counts_from_its_own_start(catalogue: Catalogue) -> None:
    # Word numbered every 'List Number' paragraph as one list: the second clause's points went on at 3, and
    # a clause's own 'point 2 a)' pointed at another clause's point.
    numbered = _numbered(_document(catalogue))
    lists = list(dict.fromkeys(num for num, _ in numbered))
    assert len(lists) >= len(CLAUSES)  # at least one list per clause, each its own
    assert all(start == 1 for _, start in numbered)


@pytest.mark.parametrize(("lang", "tag"), [("nl", "nl-BE"), ("fr", "fr-BE"), ("en", "en-GB")])
def test_the_document_is_in_its_language_and_dated_today(catalogue: Catalogue, lang: str, tag: str) -> None:
    document = _document(catalogue, lang)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert language.get(qn("w:val")) == tag  # spelling and read-aloud in the annex's language
    props = document.core_properties
    assert props.language == lang
    assert props.created.date() == dt.datetime.now(dt.UTC).date()  # not python-docx's 2013 template
    assert "python-docx" not in (props.comments or "")
