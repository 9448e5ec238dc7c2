"""The annex as one standalone, printable HTML page (no external resources)."""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from . import Draft
from .markdown import to_markdown

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
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2, h3 { break-after: avoid; }
               table, tr { break-inside: avoid; } }
"""


def to_html(draft: Draft) -> str:
    body = _MD.render(to_markdown(draft))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{draft.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(draft.title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
