"""The annex as one standalone, printable HTML page (no external resources)."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from ..render import DUTCH_END, DUTCH_START, PLACEHOLDER_END, PLACEHOLDER_START
from ..templates import VALUE_END, VALUE_START
from .markdown import to_markdown
from .model import Draft

# html=False: any HTML inside clause texts or parameter values is shown as text, never run.
_MD = MarkdownIt("commonmark", {"html": False}).enable("table")

_CSS = """
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; max-width: 48rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.8rem; border-bottom: 3px solid #1d4f91; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; color: #1d4f91; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border: 1px solid #888; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #e8eef7; }
code { font-family: "Liberation Mono", monospace; }
mark.value { background: #fff1a8; color: inherit; padding: 0 .1em; }
mark.todo { background: #cdeffd; color: inherit; padding: 0 .1em; outline: 1px dashed #1d4f91; }
hr { border: 0; border-top: 2px solid #1d4f91; margin: 3rem 0 2rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2, h3 { break-after: avoid; }
               table, tr { break-inside: avoid; } hr { break-after: page; border: 0; margin: 0; } }
"""

# The marks of values and placeholders become <mark> elements; they are private-use characters that
# markdown-it passes through as text, so no text of a clause or a value can forge one.
_MARKS = {
    VALUE_START: '<mark class="value">',
    VALUE_END: "</mark>",
    PLACEHOLDER_START: '<mark class="todo">',
    PLACEHOLDER_END: "</mark>",
    DUTCH_START: '<span lang="nl">',
    DUTCH_END: "</span>",
}


def _marked(html: str) -> str:
    for mark, tag in _MARKS.items():
        html = html.replace(mark, tag)
    return html


def to_html(draft: Draft) -> str:
    body = _marked(_MD.render(to_markdown(draft, marks="raw")))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{draft.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(draft.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
