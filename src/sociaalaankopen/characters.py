"""The characters no text of ours may hold, whoever wrote it: a tender, a buyer's value, a foreign catalogue.

Control characters (but tab and line breaks) drive a terminal ('ESC ] 0;…' retitles its window) and
no XML document may hold them (a Word file cannot be written with one); C1 controls and the bidi
overrides, isolates and marks make a text show other than it reads; a zero-width space or a byte
order mark hides in a value that looks right; lone surrogates and non-characters are no text at all.
And the characters Markdown reads as markup, which a buyer's value or a foreign catalogue's title must not use to open a heading, a link or HTML (`escape_markdown`).
"""

from __future__ import annotations

import re

# The invisible format characters that have no use in our texts go too: the zero-width space (U+200B), the
# word joiner and invisible operators (U+2060-2064), the byte order mark inside a text (U+FEFF), the
# Mongolian vowel separator (U+180E) and the bidi marks (U+200E, U+200F, U+061C). The zero-width
# joiner and non-joiner (U+200C, U+200D) stay: scripts and emoji need them.
CONTROLS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
    "\u200b\u200e\u200f\u061c\u180e\u2060-\u2064\ufeff"
)
_CONTROL = re.compile(f"[{CONTROLS}]")


def printable(text: str) -> str:
    """`text` with each such character a space (tab and line breaks stay)."""
    return _CONTROL.sub(" ", text)


# What Markdown reads as markup anywhere in a line, and what it reads as a block at a line's start.
# Brackets stay: '[naam van de opdracht]' is a placeholder (render.py); a link needs '](' or '][' too.
_MARKUP = re.compile(r"([\\`*_<>|~&#=])")  # '=': '==' marks a value in the annex (draft/markdown.py)
_LINK = re.compile(r"\]([(\[])")
_BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])(?=\s|$)|^(\s*)([-+=])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """A text to put into Markdown so that it shows as written: a buyer's value or title makes no
    emphasis, link, HTML, heading or list of its own ('# Kop', '<script>', '1. a')."""
    escaped = _LINK.sub(r"]\\\1", _MARKUP.sub(r"\\\1", text))
    return _BLOCK_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", escaped)
