"""The words of the terminal output in Dutch, French and English: labels, status lines and counted nouns.

One table per language, so a translator reads one block. JSON output never uses these: its keys and
codes stay the same in every language. The `error:` and `warning:` prefixes stay too, so scripts can
look for them whatever the language.
"""

from __future__ import annotations

_NL = {
    "catalogue_ok": "ok: {counts}",
    "strict_failed": "error: {warnings} met --strict ({counts})",
    "fell_back": "{id} heeft geen {language}-tekst; de Nederlandse tekst wordt getoond",
    "wrote": "geschreven: {path} ({size}, {clauses}{route})",
    "wrote_route": ", route {id}",
    "site_ok": "ok: {pages} in {out}{search}; open {out}/index.html",
    "site_no_search": ", zonder zoekindex",
    "skipped": "{skipped} van {total} overgeslagen (afsluitcode {code})",
    "progress": "{done}{of} {tenders}, {rate}/s ",
    "no_clauses": "(geen clausules)",
    "tender": "Opdracht:",
    # Column headings of `clauses list` and the labels of `clauses show`.
    "col_id": "id",
    "col_instrument": "instrument",
    "col_ambition": "ambitie",
    "col_title": "titel",
    "card_id": "id",
    "card_instrument": "instrument",
    "card_themes": "thema's",
    "card_ambition": "ambitie",
    "card_parameters": "Parameters:",
    "card_text": "Tekst:",
    "card_legal": "Rechtsgrond:",
    "card_monitoring": "Opvolging:",
}

_FR = {
    "catalogue_ok": "ok : {counts}",
    "strict_failed": "error: {warnings} avec --strict ({counts})",
    "fell_back": "{id} n'a pas de texte {language} ; le texte néerlandais est affiché",
    "wrote": "écrit : {path} ({size}, {clauses}{route})",
    "wrote_route": ", voie {id}",
    "site_ok": "ok : {pages} dans {out}{search} ; ouvrez {out}/index.html",
    "site_no_search": ", sans index de recherche",
    "skipped": "{skipped} sur {total} ignorés (code de sortie {code})",
    "progress": "{done}{of} {tenders}, {rate}/s ",
    "no_clauses": "(aucune clause)",
    "tender": "Marché :",
    "col_id": "id",
    "col_instrument": "instrument",
    "col_ambition": "ambition",
    "col_title": "titre",
    "card_id": "id",
    "card_instrument": "instrument",
    "card_themes": "thèmes",
    "card_ambition": "ambition",
    "card_parameters": "Paramètres :",
    "card_text": "Texte :",
    "card_legal": "Base juridique :",
    "card_monitoring": "Suivi :",
}

_EN = {
    "catalogue_ok": "ok: {counts}",
    "strict_failed": "error: {warnings} with --strict ({counts})",
    "fell_back": "{id} has no {language} text; showing the Dutch text",
    "wrote": "wrote {path} ({size}, {clauses}{route})",
    "wrote_route": ", route {id}",
    "site_ok": "ok: {pages} in {out}{search}; open {out}/index.html",
    "site_no_search": ", without search index",
    "skipped": "skipped {skipped} of {total} (exit code {code})",
    "progress": "{done}{of} {tenders}, {rate}/s ",
    "no_clauses": "(no clauses)",
    "tender": "Tender:",
    "col_id": "id",
    "col_instrument": "instrument",
    "col_ambition": "ambition",
    "col_title": "title",
    "card_id": "id",
    "card_instrument": "instrument",
    "card_themes": "themes",
    "card_ambition": "ambition",
    "card_parameters": "Parameters:",
    "card_text": "Text:",
    "card_legal": "Legal basis:",
    "card_monitoring": "Monitoring:",
}

# Counted nouns: (one, more).
_NOUNS = {
    "nl": {
        "clause": ("clausule", "clausules"),
        "example": ("voorbeeld", "voorbeelden"),
        "sector": ("sector", "sectoren"),
        "lot": ("perceel", "percelen"),
        "page": ("pagina", "pagina's"),
        "tender": ("opdracht", "opdrachten"),
        "notice": ("aankondiging", "aankondigingen"),
        "warning": ("waarschuwing", "waarschuwingen"),
        "byte": ("byte", "bytes"),
    },
    "fr": {
        "clause": ("clause", "clauses"),
        "example": ("exemple", "exemples"),
        "sector": ("secteur", "secteurs"),
        "lot": ("lot", "lots"),
        "page": ("page", "pages"),
        "tender": ("marché", "marchés"),
        "notice": ("avis", "avis"),
        "warning": ("avertissement", "avertissements"),
        "byte": ("octet", "octets"),
    },
    "en": {
        "clause": ("clause", "clauses"),
        "example": ("example", "examples"),
        "sector": ("sector", "sectors"),
        "lot": ("lot", "lots"),
        "page": ("page", "pages"),
        "tender": ("tender", "tenders"),
        "notice": ("notice", "notices"),
        "warning": ("warning", "warnings"),
        "byte": ("byte", "bytes"),
    },
}

_TABLES = {"nl": _NL, "fr": _FR, "en": _EN}
# Thousands separators: 12.345 in Dutch, 12 345 in French (a narrow no-break space), 12,345 in English.
_THOUSANDS = {"nl": ".", "fr": "\u202f", "en": ","}


def message(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang` (Dutch for an unknown language), with `values` filled in."""
    return _TABLES.get(lang, _NL)[key].format(**values)


def number(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", _THOUSANDS.get(lang, "."))


def noun(n: int, name: str, lang: str) -> str:
    """'perceel' for 1, 'percelen' for 2; French counts 0 and 1 as singular."""
    one, more = _NOUNS.get(lang, _NOUNS["nl"])[name]
    return one if (n in (0, 1) if lang == "fr" else n == 1) else more


def count(n: int, name: str, lang: str) -> str:
    """'1 perceel', '2 percelen', '12.345 bytes'."""
    return f"{number(n, lang)} {noun(n, name, lang)}"
