"""The annex as a Word document, with real heading styles, lists and tables.

The Markdown of the annex is parsed with markdown-it and each block becomes its proper Word
element, so the document is structured, not one blob of text. Values from parameters get the
character style 'Parameterwaarde' (highlighted), placeholders still to fill in 'In te vullen';
each part after the bestek text starts on a new page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..characters import printable
from ..render import DUTCH_END, DUTCH_START, PLACEHOLDER_END, PLACEHOLDER_START
from ..templates import VALUE_END, VALUE_START
from .markdown import to_markdown
from .model import Draft

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")
VALUE_STYLE = "Parameterwaarde"
PLACEHOLDER_STYLE = "In te vullen"
_SPLIT = re.compile(f"([{VALUE_START}{VALUE_END}{PLACEHOLDER_START}{PLACEHOLDER_END}{DUTCH_START}{DUTCH_END}])")
# The language Word spell-checks and reads the annex aloud in (python-docx's template says en-US).
LANGUAGE_TAGS = {"nl": "nl-BE", "fr": "fr-BE", "en": "en-GB"}


def _add_styles(document: Any) -> None:
    for name, colour in ((VALUE_STYLE, WD_COLOR_INDEX.YELLOW), (PLACEHOLDER_STYLE, WD_COLOR_INDEX.TURQUOISE)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.highlight_color = colour


class _Styles:
    """The ids of the document's styles, looked up once by name.

    python-docx looks a style up by name, and then the document's default style, by a scan of every style
    each time one is set (`paragraph.style = name`): most of the time it took to make an annex. The ids go
    on the elements directly, as python-docx itself writes them."""

    def __init__(self, document: Any) -> None:
        self.styles = document.styles
        self.ids: dict[str, str | None] = {}

    def id(self, name: str) -> str | None:
        found = self.ids.get(name, "")
        if found == "":
            style = self.styles[name]
            found = self.ids[name] = None if style == self.styles.default(style.type) else style.style_id
        return found

    def paragraph(self, document: Any, name: str | None) -> Any:
        """A new paragraph of style `name` (None: the default) at the end of the document."""
        paragraph = document.add_paragraph()
        if name is not None:
            paragraph._p.style = self.id(name)
        return paragraph

    def run(self, run: Any, name: str) -> None:
        run._r.style = self.id(name)


class _Runs:
    """Adds text runs to a paragraph, tracking bold, italic and the value marks across tokens."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.value = self.placeholder = self.dutch = False

    def add(self, paragraph: Any, token: Token) -> None:
        bold = italic = False
        for child in token.children or []:
            if child.type == "strong_open":
                bold = True
            elif child.type == "strong_close":
                bold = False
            elif child.type == "em_open":
                italic = True
            elif child.type == "em_close":
                italic = False
            elif child.type in ("text", "code_inline", "html_inline"):
                for piece in _SPLIT.split(child.content):
                    if piece in (VALUE_START, VALUE_END):
                        self.value = piece == VALUE_START
                    elif piece in (PLACEHOLDER_START, PLACEHOLDER_END):
                        self.placeholder = piece == PLACEHOLDER_START
                    elif piece in (DUTCH_START, DUTCH_END):
                        self.dutch = piece == DUTCH_START
                    elif piece:
                        run = paragraph.add_run(printable(piece))  # a foreign catalogue's text too
                        run.bold, run.italic = bold or None, italic or None
                        if self.placeholder:
                            self.styles.run(run, PLACEHOLDER_STYLE)
                        elif self.value:
                            self.styles.run(run, VALUE_STYLE)
                        if child.type == "code_inline":
                            run.font.name = "Liberation Mono"
                        if self.dutch:  # a text in Dutch only, in an annex in another language
                            language = run._r.get_or_add_rPr().makeelement(qn("w:lang"), {qn("w:val"): "nl-BE"})
                            run._r.get_or_add_rPr().append(language)
            elif child.type in ("softbreak", "hardbreak"):
                paragraph.add_run(" " if child.type == "softbreak" else "\n")


def _set_language(document: Any, lang: str) -> None:
    """The annex's language on the document's default text and on every style that names one."""
    tag = LANGUAGE_TAGS.get(lang, LANGUAGE_TAGS["nl"])
    styles = document.styles.element
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    languages = [r_pr.find(qn("w:lang"))] if r_pr.find(qn("w:lang")) is not None else []
    if not languages:
        languages = [r_pr.makeelement(qn("w:lang"), {})]
        r_pr.append(languages[0])
    languages += styles.findall(f"{qn('w:style')}/{qn('w:rPr')}/{qn('w:lang')}")
    for element in languages:
        element.set(qn("w:val"), tag)


def _list_of_its_own(document: Any, style: str, start: int) -> int:
    """A new numbering instance of a list style, counting from `start`: without it, Word numbers every
    paragraph of the style as one list through the whole document (the second clause's points at 3)."""
    style_num = document.styles[style].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    abstract = next(num.abstractNumId.val for num in numbering.num_lst if num.numId == style_num)
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def _number(paragraph: Any, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _table(document: Any, tokens: list[Token], start: int, runs: _Runs) -> int:
    rows: list[list[Token]] = []
    i = start
    while tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            rows.append([])
        elif tokens[i].type == "inline":
            rows[-1].append(tokens[i])
        i += 1
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, (row, cells) in enumerate(zip(rows, (line.cells for line in table.rows), strict=True)):
        for cell, place in zip(row, cells, strict=False):
            paragraph = place.paragraphs[0]
            runs.add(paragraph, cell)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True
    return i


def to_docx(draft: Draft, created: dt.datetime | None = None) -> bytes:
    """The annex as a Word file, dated `created` (UTC; default: now)."""
    document: Any = Document()  # python-docx is only partly typed
    styles = document.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(10.5)
    _add_styles(document)
    _set_language(document, draft.lang)
    props = document.core_properties
    props.title = draft.title
    props.language = draft.lang
    props.author = props.last_modified_by = "sociaalaankopen"
    props.comments = ""
    when = created or dt.datetime.now(dt.UTC)
    props.created = props.modified = when.replace(microsecond=0, tzinfo=None)
    props.revision = 1
    tokens = _MD.parse(to_markdown(draft, marks="raw"))
    ids = _Styles(document)
    runs = _Runs(ids)
    # Per open list: its style and its numbering (None for bullets); per open item: how many paragraphs
    # it has had.
    list_styles: list[str] = []
    list_numbers: list[int | None] = []
    item_paragraphs: list[int] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            heading = ids.paragraph(document, "Title" if level == 1 else f"Heading {level - 1}")
            runs.add(heading, tokens[i + 1])
            i += 2
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            if token.type == "bullet_list_open":
                list_styles.append("List Bullet")
                list_numbers.append(None)
            else:
                list_styles.append("List Number")
                start = int(token.attrGet("start") or 1)
                list_numbers.append(_list_of_its_own(document, "List Number", start))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_styles.pop()
            list_numbers.pop()
        elif token.type == "list_item_open":
            item_paragraphs.append(0)
        elif token.type == "list_item_close":
            item_paragraphs.pop()
        elif token.type == "paragraph_open":
            style = None
            if list_styles:
                # The first paragraph of an item carries its number; the others continue the item.
                style = list_styles[-1] if item_paragraphs and item_paragraphs[-1] == 0 else "List Continue"
                if item_paragraphs:
                    item_paragraphs[-1] += 1
            paragraph = ids.paragraph(document, style)
            if style == "List Number" and list_numbers[-1] is not None:
                _number(paragraph, list_numbers[-1])
            runs.add(paragraph, tokens[i + 1])
            i += 2
        elif token.type == "table_open":
            i = _table(document, tokens, i, runs)
        elif token.type == "hr":
            document.add_page_break()
        i += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
