"""The annex as a Word document, with real heading styles, lists and tables.

The Markdown of the annex is parsed with markdown-it and each block becomes its proper Word
element, so the document is structured, not one blob of text.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.shared import Pt
from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import Draft
from .markdown import to_markdown

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


def _add_inline(paragraph: Any, token: Token) -> None:
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
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold or None, italic or None
            if child.type == "code_inline":
                run.font.name = "Liberation Mono"
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" " if child.type == "softbreak" else "\n")


def _table(document: Any, tokens: list[Token], start: int) -> int:
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
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _add_inline(paragraph, cell)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True
    return i


def to_docx(draft: Draft) -> bytes:
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(10.5)
    props = document.core_properties
    props.title = draft.title
    props.language = draft.lang
    props.author = "sociaalaankopen"
    tokens = _MD.parse(to_markdown(draft))
    list_styles: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            heading = document.add_heading(level=0 if level == 1 else level - 1)
            _add_inline(heading, tokens[i + 1])
            i += 2
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            list_styles.append("List Bullet" if token.type == "bullet_list_open" else "List Number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_styles.pop()
        elif token.type == "paragraph_open":
            style = list_styles[-1] if list_styles else None
            paragraph = document.add_paragraph(style=style)
            _add_inline(paragraph, tokens[i + 1])
            i += 2
        elif token.type == "table_open":
            i = _table(document, tokens, i)
        i += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
