"""Plain text: the first line is the title when the text has more lines and it is short; CPV codes written
in the text after the word 'CPV' are picked up."""

from __future__ import annotations

import re

from ..model import Tender
from .base import Warn, build, cpv_list, error

_TITLE_MAX = 200
# After the word 'CPV', a list of words that start with a digit: '77310000-6, 77311000 en 77312000'.
_CPV_MENTION = re.compile(
    r"\bcpv\b[^0-9\n]{0,20}((?:\d[\w-]*(?:\s*[,;/]?\s+(?:en|et|and|of|ou|or)\s+|[\s,;/]+)?)+)", re.I
)
_WORD = re.compile(r"\d[\w-]*")
_CODE = re.compile(r"\d{8}(?:-\d)?")
_LONG = re.compile(r"\d{8}")


def cpv_mentions(text: str) -> list[str]:
    """Codes written as 'CPV 77310000-6' or 'CPV-codes: 77310000, 77311000' in free text, as written.

    A word of eight digits or more that is not a code ('9091100012345', '90911000abc') is kept, for
    `cpv_list` to refuse as every format refuses it: cut to its first eight digits, it could be another
    code. A shorter number ('CPV 2008', 'CPV 77310000, 12 maanden') ends the list."""
    found: list[str] = []
    for m in _CPV_MENTION.finditer(text):
        for word in _WORD.findall(m.group(1)):
            if not _LONG.match(word):
                break
            if word not in found:
                found.append(word)
    return found


def read_text(text: str, where: str, warn: Warn) -> Tender:
    text = text.strip()
    if not text:
        raise error(where, "is empty", "give a title or a description of the purchase")
    lines = [line.strip() for line in text.split("\n")]
    title, description = "", text
    if len(lines) > 1 and 0 < len(lines[0]) <= _TITLE_MAX:
        title, description = lines[0], "\n".join(lines[1:]).strip()
    return build(
        {"title": title, "description": description, "cpv": cpv_list(cpv_mentions(text), where, warn, exact=True)},
        where,
    )
