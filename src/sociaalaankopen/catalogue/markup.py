"""Raw HTML, links that run code and images in a catalogue's Markdown: refused, because the Markdown is
pasted into tools that show it.

The annex and the guide's downloads carry a clause's texts as Markdown, to paste into an editor, a wiki
or a tender platform that renders inline HTML; a foreign catalogue's `<script>`, `<a href="javascript:…">`
or `[text](javascript:…)` would run there. An image (`![x](https://…)`) would be fetched from elsewhere
each time a text is shown: a tracking pixel in the annex, which is promised to be a page that loads
nothing from outside. The bundled catalogue holds no HTML and no images; its links lead to web
addresses or to items of the catalogue and chapters of the guide (`clause:<id>`, `chapter:<id>`).
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

# The schemes a link in a catalogue text may have (site/links.py resolves them): web addresses, and
# items of the catalogue and chapters of the guide. A link without a scheme ('#kop') runs nothing.
EXTERNAL_SCHEMES = ("https", "http", "mailto", "tel")
ITEM_SCHEMES = ("clause", "sector", "example", "chapter")
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)

# A Jinja tag, read as one word: `{% if a<b %}` is no HTML, and `<a href="{{ url }}">` still is.
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    class EveryLink(MarkdownIt):
        def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
            return True  # every link becomes a token, to be checked here (not dropped unseen)

    return EveryLink("commonmark")  # HTML on, as the tools a text is pasted into read it


def unsafe_scheme(href: str) -> str | None:
    """The scheme of a link that is no web address and no catalogue or guide item ('javascript'), else None."""
    m = _SCHEME.match(href)
    if m is None:
        return None
    scheme = m[1].lower()
    return None if scheme in EXTERNAL_SCHEMES or scheme in ITEM_SCHEMES else scheme


def _markup(text: str) -> Iterator[tuple[int, str, str]]:
    """(line in `text`, from 0; 'html', 'link' or 'image'; the HTML, the link or the image's address) of
    each piece of raw HTML, each link with an unsafe scheme and each image in a Markdown text."""
    text = _JINJA.sub(lambda m: "x" + "\n" * m[0].count("\n"), text)
    if "<" not in text and "](" not in text and "]:" not in text and "![" not in text:
        return  # no HTML, no link and no image: most texts are not parsed at all (a cold load stays fast)
    for token in _parser().parse(text):
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            yield line, "html", token.content
        inline, links, images = [], [], []
        for child in token.children or []:
            if child.type == "html_inline":
                inline.append(child.content)
            elif child.type == "image":
                images.append(str(child.attrGet("src") or ""))
            elif child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if unsafe_scheme(href):
                    links.append(href)
        if inline:  # '<a href="…">x</a>' is one problem, not two
            yield line, "html", " ".join(inline)
        for href in links:
            yield line, "link", href
        for src in images:
            yield line, "image", src


def raw_html(kind: str, bodies: Mapping[str, str], starts: Mapping[str, int], where: str) -> list[Problem]:
    """One problem per piece of raw HTML, per link that is no web address and no catalogue or guide item,
    and per image, in the body sections of a catalogue file, at its line."""
    problems = []
    for heading, body in bodies.items():
        name, lang = SECTIONS[kind][heading]
        field = f"{name}.{lang}" if lang else name
        for line, kind_of, found in _markup(body):
            at = f"{where}:{starts.get(heading, 1) + line}"
            if kind_of == "image":
                problems.append(
                    Problem(
                        at,
                        field,
                        "holds an image ('{src}'), which a catalogue text may not hold",
                        "remove it, or link to it as [text](https://…)",
                        src=found[:60],
                    )
                )
                continue
            if kind_of == "link":
                problems.append(
                    Problem(
                        at,
                        field,
                        "holds a link to '{href}', which runs or opens something other than a web page",
                        "link to a full https:// address, or to clause:<id>, sector:<id>, example:<id> or chapter:<id>",
                        href=found[:60],
                    )
                )
                continue
            shown = found.strip().splitlines()[0] if found.strip() else found
            problems.append(
                Problem(
                    at,
                    field,
                    "holds raw HTML ({html}), which a catalogue text may not hold",
                    "write it as Markdown: **bold**, a link as [text](https://…)",
                    html=shown[:60],
                )
            )
    return problems
