"""Markdown for the guide and for catalogue texts: CommonMark with tables, raw HTML escaped.

Every text that ends up on the site, a chapter or a clause body written by another organisation,
goes through this one parser. `html` is off, so `<script>` in a source file is shown as text;
markdown-it already refuses `javascript:`, `vbscript:`, `file:` and `data:` links.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    line: int


@dataclass
class Document:
    """A piece of Markdown that ends up on one page: where it comes from, and its parsed tokens."""

    source: str
    where: str
    first_line: int = 1
    tokens: list[Token] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def line_of(self, token: Token, needle: str = "") -> int:
        """The line in the source file of a block token (and of `needle` inside it, when given)."""
        if not token.map:
            return self.first_line
        start, end = token.map
        if needle:
            lines = self.source.split("\n")
            for number in range(start, min(end, len(lines))):
                if needle in lines[number]:
                    return self.first_line + number
        return self.first_line + start


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    return md


def _table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # A wide table scrolls inside its own box on a phone; the box takes focus so a keyboard can scroll it.
    return '<div class="table-wrap" tabindex="0">\n<table>\n'


def _table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return "</table>\n</div>\n"


def slugify(text: str) -> str:
    """An ASCII anchor for a heading: 'Wat is één opdracht?' -> 'wat-is-een-opdracht'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_SLUG.sub("-", folded).strip("-") or "sectie"


def parse(source: str, where: str, first_line: int = 1) -> Document:
    """Parse Markdown and give every heading a unique id."""
    doc = Document(source, where, first_line, parser().parse(source))
    used: set[str] = set()
    tokens = doc.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = "".join(c.content for c in (tokens[i + 1].children or []) if c.type in ("text", "code_inline"))
        base = slugify(text)
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        token.attrSet("id", anchor)
        doc.headings.append(Heading(int(token.tag[1]), text, anchor, doc.line_of(token)))
    return doc


def render(doc: Document) -> str:
    md = parser()
    return str(md.renderer.render(doc.tokens, md.options, {}))
