"""A clause text as plain text: what a buyer pastes into a word processor or sees in a terminal.

Markdown marks (`**`, `*`) go; numbered points, lettered sub-items and bullets stay, one paragraph
per block, so a pasted list is still a list.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .render import unmarked


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def inline_text(token: Token) -> str:
    """The text of an inline token without its marks; line breaks kept as spaces or newlines."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def plain_text(markdown: str) -> str:
    """The text without Markdown marks (and without value marks), lists kept."""
    blocks: list[str] = []
    # Per open list: its next number (None for bullets); per open item: whether its marker is written.
    lists: list[int | None] = []
    items: list[bool] = []
    for token in _parser().parse(unmarked(markdown)):
        if token.type == "ordered_list_open":
            lists.append(int(token.attrGet("start") or 1))
        elif token.type == "bullet_list_open":
            lists.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            items.append(False)
        elif token.type == "list_item_close":
            items.pop()
        elif token.type == "inline":
            indent = "   " * max(0, len(lists) - 1)
            prefix = ""
            if items and not items[-1]:
                number = lists[-1]
                prefix = "- " if number is None else f"{number}. "
                if number is not None:
                    lists[-1] = number + 1
                items[-1] = True
            elif items:
                indent += "   "
            blocks.append(indent + prefix + inline_text(token))
    return "\n\n".join(blocks)
