"""The characters no text of ours may hold, whoever wrote it: a tender, a buyer's value, a foreign catalogue.

Control characters (but tab and line breaks) drive a terminal ('ESC ] 0;…' retitles its window) and
no XML document may hold them (a Word file cannot be written with one); C1 controls and the bidi
overrides and isolates make a text show other than it reads; lone surrogates and non-characters are
no text at all.
"""

from __future__ import annotations

import re

CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_CONTROL = re.compile(f"[{CONTROLS}]")


def printable(text: str) -> str:
    """`text` with each such character a space (tab and line breaks stay)."""
    return _CONTROL.sub(" ", text)
