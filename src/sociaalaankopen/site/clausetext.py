"""A clause text on its page: with its parameter values marked, and as clean text to paste.

The marks come from the renderer (`RenderedClause.marked`: every printed value between
VALUE_START and VALUE_END, every placeholder the buyer still fills in between PLACEHOLDER_START
and PLACEHOLDER_END). They are private-use characters, which Markdown treats as letters, and
become `<mark>` once the HTML is made. The paste-ready text is the rendered Markdown without its
marks: paragraphs separated by a blank line, numbered and bulleted lists kept, no `**` or links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Clause
from ..plaintext import inline_text
from ..render import PLACEHOLDER_END, PLACEHOLDER_START, render_clause, unmarked
from ..templates import VALUE_END, VALUE_START
from .markdown import parser

if TYPE_CHECKING:
    from ..catalogue import Catalogue

_HTML_MARKS = {
    VALUE_START: '<mark class="value">',
    VALUE_END: "</mark>",
    PLACEHOLDER_START: '<mark class="placeholder">',
    PLACEHOLDER_END: "</mark>",
}


@dataclass(frozen=True)
class MarkedText:
    marked: str  # the Markdown with its values and placeholders marked
    plain: str  # the paste-ready text
    fell_back: bool  # no text in the language asked for: the Dutch one


def marked_text(clause: Clause, lang: str, catalogue: Catalogue) -> MarkedText:
    """The clause's text in `lang` (or Dutch) at its defaults, marked and plain.
    Raises what `render_clause` raises for a broken template."""
    rendered = render_clause(clause, lang, catalogue=catalogue)
    return MarkedText(rendered.marked, plain_text(rendered.text), rendered.fell_back)


def mark_values(html: str) -> str:
    """Turn the marks in rendered HTML into <mark> elements."""
    for mark, tag in _HTML_MARKS.items():
        html = html.replace(mark, tag)
    return html


def plain_text(markdown: str) -> str:
    """Paste-ready text of rendered clause Markdown: no Markdown marks, lists kept."""
    lines: list[str] = []
    lists: list[list[int]] = []  # per open list: [next number] for ordered lists, [] for bullets
    prefix_next = ""
    for token in parser().parse(unmarked(markdown)):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if lines and lines[-1] and not lists:
                lines.append("")
            lists.append([int(token.attrGet("start") or 1)] if token.type == "ordered_list_open" else [])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                lines.append("")
        elif token.type == "list_item_open":
            counter = lists[-1]
            marker = f"{counter[0]}. " if counter else "• "
            if counter:
                counter[0] += 1
            prefix_next = "   " * (len(lists) - 1) + marker
        elif token.type == "inline":
            text = inline_text(token)
            indent = "   " * len(lists)
            if prefix_next:
                lines.append(prefix_next + text.replace("\n", "\n" + indent))
                prefix_next = ""
            elif lists:
                lines.append(indent + text.replace("\n", "\n" + indent))
            else:
                lines.append(text)
        elif token.type in ("paragraph_close", "heading_close") and not lists:
            lines.append("")
        elif token.type in ("fence", "code_block"):
            lines += [token.content.rstrip("\n"), ""]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
