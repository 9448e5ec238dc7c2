"""The name a downloaded annex is saved under: in the annex's language, with the tender's title.

`annexe-clauses-sociales-entretien-des-espaces-verts.docx` tells a buyer with ten tenders which file is
which. The title becomes a slug: letters and digits joined by hyphens, so the name is safe on every file
system. HTTP's `filename` takes ASCII only, so it gets the slug without accents; `filename*` (RFC 6266)
keeps them for the browsers that read it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

ANNEX_NAMES = {"nl": "bijlage-sociale-clausules", "fr": "annexe-clauses-sociales", "en": "social-clauses-annex"}
MAX_SLUG = 60  # characters of the title: a file name stays readable in a folder listing
_NOT_WORD = re.compile(r"[^\w]+|_+")


def annex_name(lang: str, title: str | None = None, *, ascii_only: bool = True) -> str:
    """'bijlage-sociale-clausules-groenonderhoud-2027' (without its suffix)."""
    base = ANNEX_NAMES.get(lang, ANNEX_NAMES["nl"])
    found = slug(title or "", ascii_only=ascii_only)
    return f"{base}-{found}" if found else base


def slug(text: str, *, ascii_only: bool = True) -> str:
    """'Entretien à Liège' -> 'entretien-a-liege' (or 'entretien-à-liège'), at most MAX_SLUG characters."""
    text = unicodedata.normalize("NFKD" if ascii_only else "NFC", text)
    if ascii_only:
        text = text.encode("ascii", "ignore").decode("ascii")
    words = _NOT_WORD.sub("-", text.casefold()).strip("-")
    if len(words) > MAX_SLUG:
        words = words[:MAX_SLUG].rsplit("-", 1)[0] if "-" in words[:MAX_SLUG] else words[:MAX_SLUG]
    return words


def attachment(lang: str, title: str | None, suffix: str) -> str:
    """The Content-Disposition of an annex to save."""
    plain = f"{annex_name(lang, title)}.{suffix}"
    full = f"{annex_name(lang, title, ascii_only=False)}.{suffix}"
    header = f'attachment; filename="{plain}"'
    return header if full == plain else f"{header}; filename*=UTF-8''{quote(full)}"
