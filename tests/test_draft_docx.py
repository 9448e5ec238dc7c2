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


def test_an_annex_looks_each_style_up_once(catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    # python-docx finds a style by name, and the default style, by scanning every style each time a
    # paragraph or run is given one: that scan was most of the time a Word annex took (0.2-0.7 s for
    # one route, on the web tool's Download page and for each download of the guide). Counted, not timed.
    from docx.styles.styles import Styles

    scans = 0
    default = Styles.default

    def counted(self: Any, style_type: Any) -> Any:
        nonlocal scans
        scans += 1
        return default(self, style_type)

    monkeypatch.setattr(Styles, "default", counted)
    draft = build_draft(catalogue, [(cid, {}) for cid in CLAUSES], lang="nl")
    data = draft_bytes(draft, "docx")
    made = scans
    monkeypatch.undo()
    document = Document(io.BytesIO(data))
    styled = sum(1 for p in document.paragraphs if p.style is not None and p.style.name != "Normal")
    runs = sum(
        1
        for p in document.paragraphs
        for r in p.runs
        if r.style is not None and r.style.name != "Default Paragraph Font"
    )
    assert styled > 20 and runs > 5  # headings, lists and values: many paragraphs and runs have a style
    assert made <= 12, f"{made} scans of the styles for {styled} styled paragraphs and {runs} styled runs"
