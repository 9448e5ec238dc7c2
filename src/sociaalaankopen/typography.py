"""How a French text sets its signs: a no-break space before the high signs (: ; ! ?) and inside the
guillemets (« »). An ordinary space lets a line break before a colon or inside « ». The writers type
ordinary spaces (the French messages, the catalogue's texts, the pages' words), and the text is set when
it is shown. Only a space that is there is made no-break: a time (10:30), an address (https://…) or a
ratio written without spaces stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NBSP = "\u00a0"

# The one rule: a space between a sign-bearing character and a high sign, and the space after «.
_SPACE = r"(?<=\S) (?=[:;!?»])|(?<=«) (?=\S)"
_PLAIN = re.compile(_SPACE)


def french_spacing(text: str) -> str:
    """`text` with a no-break space before : ; ! ? and », and after «: 'mot-clé «\u00a0café\u00a0»'."""
    return _PLAIN.sub(NBSP, text) if " " in text else text


def semicolons(parts: Iterable[str], lang: str) -> str:
    """`parts` one after the other, each after a semicolon as `lang` writes it ('a\u00a0; b' in French)."""
    return ("\u00a0; " if lang == "fr" else "; ").join(parts)
