"""How a French text sets its signs: a no-break space before the high signs (: ; ! ?) and inside the
guillemets (« »). An ordinary space lets a line break before a colon or inside « ». The writers type
ordinary spaces (the French messages, the catalogue's texts, the pages' words), and the text is set when
it is shown: `french_spacing` for a line, `french_markdown` for Markdown (a clause text, the annex), `french_html` for a page of
the guide or the tool.
Only a space that is there is made no-break: a time (10:30), an address (https://…) or a
ratio written without spaces stays as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

NBSP = "\u00a0"

# The one rule: a space between a sign-bearing character and a high sign (an image's '![' is no sign), and
# the space after «. A sign may be escaped in Markdown ('\\!').
_SPACE = r"(?<=\S) (?=\\?[:;?»]|\\?!(?!\[))|(?<=«) (?=\S)"
_PLAIN = re.compile(_SPACE)
# Markdown the rule must not touch: code spans and fences (one pattern: a run of backticks to the same
# run), autolinks, a link's destination, and a table's delimiter row ('| :--- | ---: |').
_MARKDOWN = re.compile(
    r"(?P<keep>(`+)[\s\S]*?\2|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|\]\([^()\s]*\)"
    r"|^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$)"
    f"|{_SPACE}",
    re.MULTILINE,
)
# HTML: elements whose content is code, a script, a style or what the user typed (kept as they are); a tag
# (of its attributes, only those a person reads are set: a form's values and addresses stay as written).
_HTML = re.compile(
    r"(?P<keep><(?P<raw>script|style|pre|code|kbd|samp|textarea)\b[^>]*>[\s\S]*?</(?P=raw)\s*>|<!--[\s\S]*?-->)"
    r"|(?P<tag></?[A-Za-z][^<>]*>|<![^<>]*>)"
    f"|{_SPACE}",
    re.IGNORECASE,
)
_READ = re.compile(
    r"""(\s(?:title|alt|aria-label|aria-description|placeholder|content|data-[\w-]+)=)("[^"]*"|'[^']*')"""
)


def french_spacing(text: str) -> str:
    """`text` with a no-break space before : ; ! ? and », and after «: 'mot-clé «\u00a0café\u00a0»'."""
    return _PLAIN.sub(NBSP, text) if " " in text else text


def french_markdown(text: str) -> str:
    """French Markdown with its spaces set as `french_spacing` sets them, outside code spans and fences,
    autolinks, link destinations and a table's delimiter row."""
    if " " not in text:
        return text
    return _MARKDOWN.sub(lambda m: m["keep"] if m["keep"] is not None else NBSP, text)


def french_html(html: str) -> str:
    """A French page with its spaces set as `french_spacing` sets them: in its text and in the attributes a
    person reads (title, alt, aria-label, placeholder, content, the data- texts scripts show); not in code,
    scripts, styles or a text area, nor in a form's values or an address."""
    if " " not in html:
        return html

    def one(m: re.Match[str]) -> str:
        if m["keep"] is not None:
            return m["keep"]
        if m["tag"] is not None:
            return _READ.sub(lambda a: a[1] + french_spacing(a[2]), m["tag"])
        return NBSP

    return _HTML.sub(one, html)


def semicolons(parts: Iterable[str], lang: str) -> str:
    """`parts` one after the other, each after a semicolon as `lang` writes it ('a\u00a0; b' in French)."""
    return ("\u00a0; " if lang == "fr" else "; ").join(parts)


def sort_key(label: str) -> tuple[str, str]:
    """A label's place in a list of labels, in any language and locale alike: its letters without their
    accents first ('Réemploi' and 'Rénovation' before 'Restauration'), then as written (ties in one order)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    return folded.casefold(), label
