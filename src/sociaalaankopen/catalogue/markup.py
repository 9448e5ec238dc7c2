"""Raw HTML in a catalogue's Markdown: refused, because the Markdown is pasted into tools that show it.

The annex and the guide's downloads carry a clause's texts as Markdown, to paste into an editor, a wiki
or a tender platform that renders inline HTML; a foreign catalogue's `<script>` or `<a href="javascript:…">`
would run there. The bundled catalogue holds no HTML; a link is written the Markdown way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING

from ..errors import Problem
from ..model import SECTIONS

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# A Jinja tag, read as one word: `{% if a<b %}` is no HTML, and `<a href="{{ url }}">` still is.
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")  # HTML on, as the tools a text is pasted into read it


def _html(text: str) -> Iterator[tuple[int, str]]:
    """(line in `text`, from 0; the HTML) of each piece of raw HTML in a Markdown text."""
    text = _JINJA.sub(lambda m: "x" + "\n" * m[0].count("\n"), text)
    if "<" not in text:
        return  # no HTML without a '<': most texts are not parsed at all (a cold load stays fast)
    for token in _parser().parse(text):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            yield line, token.content
        inline = [child.content for child in token.children or [] if child.type == "html_inline"]
        if inline:  # '<a href="…">x</a>' is one problem, not two
            yield line, " ".join(inline)


def raw_html(kind: str, bodies: Mapping[str, str], starts: Mapping[str, int], where: str) -> list[Problem]:
    """One problem per piece of raw HTML in the body sections of a catalogue file, at its line."""
    problems = []
    for heading, body in bodies.items():
        name, lang = SECTIONS[kind][heading]
        for line, html in _html(body):
            shown = html.strip().splitlines()[0] if html.strip() else html
            problems.append(
                Problem(
                    f"{where}:{starts.get(heading, 1) + line}",
                    f"{name}.{lang}" if lang else name,
                    "holds raw HTML ({html}), which a catalogue text may not hold",
                    "write it as Markdown: **bold**, a link as [text](https://…)",
                    html=shown[:60],
                )
            )
    return problems
