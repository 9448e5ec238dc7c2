"""Where each page lives, and how `clause:<id>`-style links become relative links that are checked.

Every link is relative to the page it is on, so the site can be hosted under any path and
opened from disk. A link the builder cannot resolve is a problem that names file, line and link.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote

from ..catalogue.markup import EXTERNAL_SCHEMES, ITEM_SCHEMES
from ..errors import Problem
from ..vocab import INSTRUMENTS, THEMES, Term, term
from .markdown import Document, slugify

# The one place that says where each kind of page lives, per language. Ids are slugs (checked by
# the catalogue and by the guide reader), so a path built from them stays inside the output folder.
# The chapters of the guide exist in Dutch only.
FOLDERS: dict[str, dict[str, str]] = {
    "nl": {
        "clause": "clausules",
        "example": "voorbeelden",
        "sector": "sectoren",
        "instrument": "instrumenten",
        "theme": "themas",
        "ambition": "ambitie",
    },
    "fr": {
        "clause": "fr/clauses",
        "example": "fr/exemples",
        "sector": "fr/secteurs",
        "instrument": "fr/instruments",
        "theme": "fr/themes",
        "ambition": "fr/ambition",
    },
    "en": {
        "clause": "en/clauses",
        "example": "en/examples",
        "sector": "en/sectors",
        "instrument": "en/instruments",
        "theme": "en/themes",
        "ambition": "en/ambition",
    },
}
CHAPTERS_FOLDER = "hoofdstukken"
# The overview of each kind of term page: the index of its folder, what a reader finds who trims the address.
OVERVIEWS = {"instruments": "instrument", "themes": "theme", "ambitions": "ambition"}
# Pages that are not one item of a kind.
NAMED: dict[str, dict[str, str]] = {
    "home": {"nl": "index.html", "fr": "fr/index.html", "en": "en/index.html"},
    "chapters": {"nl": "hoofdstukken/index.html"},
    "clauses": {"nl": "clausules/index.html", "fr": "fr/clauses/index.html", "en": "en/clauses/index.html"},
    "examples": {"nl": "voorbeelden/index.html", "fr": "fr/exemples/index.html", "en": "en/examples/index.html"},
    "sectors": {"nl": "sectoren/index.html", "fr": "fr/secteurs/index.html", "en": "en/sectors/index.html"},
    "search": {"nl": "zoeken.html", "fr": "fr/recherche.html", "en": "en/search.html"},
    "colophon": {"nl": "colofon.html", "fr": "fr/colophon.html", "en": "en/colophon.html"},
    "accessibility": {"nl": "toegankelijkheid.html", "fr": "fr/accessibilite.html", "en": "en/accessibility.html"},
    "not_found": {"nl": "404.html"},
    **{name: {lang: f"{FOLDERS[lang][kind]}/index.html" for lang in FOLDERS} for name, kind in OVERVIEWS.items()},
}
# Instruments and themes are named in the reader's language in their address ('voorbehouden-opdracht'),
# not by their id ('reserved_contract'); their old addresses by id redirect (see pages.redirect_pages).
_TERMS: dict[str, tuple[Term, ...]] = {"instrument": INSTRUMENTS, "theme": THEMES}
_TARGET = re.compile(rf"^({'|'.join(ITEM_SCHEMES)}):([^#]*)(?:#(.*))?$")
_EXTERNAL = re.compile(rf"^({'|'.join(EXTERNAL_SCHEMES)}):", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CHAPTER_FILE = re.compile(r"^(?:\./)?\d{2}-([a-z0-9-]+)\.md(#.*)?$")


@cache
def term_slug(kind: str, id: str, lang: str = "nl") -> str:
    """The address name of an instrument or theme in a language: 'reserved_contract' -> 'voorbehouden-opdracht'."""
    return slugify(term(_TERMS[kind], id).label(lang))


def path_of(kind: str, id: str | int, lang: str = "nl") -> str:
    if kind == "chapter":
        return f"{CHAPTERS_FOLDER}/{id}.html"
    name = term_slug(kind, str(id), lang) if kind in _TERMS else id
    return f"{FOLDERS[lang][kind]}/{name}.html"


def named(page: str, lang: str = "nl") -> str:
    """The path of a page that is not an item ('search', 'home', …) in a language (Dutch if it has no other)."""
    paths = NAMED[page]
    return paths.get(lang, paths["nl"])


def relative(from_page: str, to_path: str) -> str:
    """The link from one site path to another: 'clausules/a.html' -> 'sectoren/b.html' is '../sectoren/b.html'."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


def root_of(page: str) -> str:
    """The prefix that leads from a page back to the root of the site: '' or '../'."""
    return "../" * page.count("/")


@dataclass
class Targets:
    """Everything a link may point at: ids per kind, and the heading anchors of each chapter."""

    # dicts, not sets: lookups in constant time, and suggestions in a fixed order
    ids: dict[str, dict[str, None]]
    anchors: dict[str, dict[str, None]] = field(default_factory=dict)


@dataclass
class LinkCheck:
    problems: list[Problem] = field(default_factory=list)
    # Which page links to which: target site path -> the pages that link there, in build order.
    backlinks: dict[str, list[str]] = field(default_factory=dict)


def _suggest(wanted: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.8)
    return close[0] if close else ""


def _unknown(kind: str, id: str, close: str) -> Problem:
    """The problem of a link to an id that names nothing of its kind (`close`: a near id, or '')."""
    return Problem(
        "",
        "",
        "'{id}' is not a chapter of the guide"
        if kind == "chapter"
        else "'{id}' is not a practice example in the catalogue"
        if kind == "example"
        else "'{id}' is not a sector profile in the catalogue"
        if kind == "sector"
        else "'{id}' is not a clause in the catalogue",
        "did you mean '{close}'?"
        if close
        else "use the id of an existing chapter of the guide"
        if kind == "chapter"
        else "use the id of an existing practice example"
        if kind == "example"
        else "use the id of an existing sector profile"
        if kind == "sector"
        else "use the id of an existing clause",
        id=id,
        close=close,
    )


def _missing_heading(anchor: str, known: Iterable[str], chapter: str | None) -> Problem:
    """A link to a heading that is not there: on this page (`chapter` None) or in another chapter."""
    close = _suggest(anchor, known)
    return Problem(
        "",
        "",
        "there is no heading with id '{anchor}' on this page"
        if chapter is None
        else "chapter '{id}' has no heading with id '{anchor}'",
        "did you mean '{close}'?"
        if close
        else "link to a heading of this page"
        if chapter is None
        else "link to a heading of that chapter",
        anchor=anchor,
        close=close,
        id=chapter,
    )


def _resolve(href: str, doc: Document, page: str, targets: Targets, lang: str) -> tuple[str | None, Problem | None]:
    """The relative link for `href`, or None with what is wrong and how to fix it (a Problem to place)."""
    if _EXTERNAL.match(href):
        return href, None
    if href.startswith("#"):
        anchor = unquote(href[1:])
        own = [h.id for h in doc.headings]
        if anchor in own:
            return href, None
        return None, _missing_heading(anchor, own, None)
    m = _TARGET.match(href)
    if not m:
        chapter_file = _CHAPTER_FILE.match(href)
        if chapter_file:
            target = f"{chapter_file.group(1)}{chapter_file.group(2) or ''}"
            return None, Problem("", "", "links to a file", "write chapter:{target}", target=target)
        return None, Problem(
            "",
            "",
            "is not a link the guide understands",
            "link to clause:<id>, sector:<id>, example:<id>, chapter:<id> or a full https:// address",
        )
    kind, id, anchor = m.group(1), unquote(m.group(2)), m.group(3)
    known = targets.ids.get(kind, {})
    if not _SLUG.match(id) or id not in known:
        return None, _unknown(kind, id, _suggest(id, known))
    target = path_of(kind, id, lang)
    link = relative(page, target)
    if anchor is not None:
        anchor = unquote(anchor)
        if kind != "chapter":
            return None, Problem(
                "", "", "only chapter links may point at a heading", "write {kind}:{id}", kind=kind, id=id
            )
        anchors = targets.anchors.get(id, {})
        if anchor not in anchors:
            return None, _missing_heading(anchor, anchors, id)
        link += "#" + anchor
    return link, None


def resolve_links(doc: Document, page: str, targets: Targets, check: LinkCheck, lang: str = "nl") -> None:
    """Rewrite the links of a document that ends up on `page` (in `lang`: links to items lead to that
    language's pages, to chapters to the Dutch ones); record problems and backlinks in `check`."""
    for token in doc.tokens:
        for child in token.children or ():
            if child.type == "image":
                src = str(child.attrGet("src") or "")
                check.problems.append(
                    Problem(
                        f"{doc.where}:{doc.line_of(token, src)}",
                        f"image '{src}'",
                        "images are not supported in the guide",
                        "describe it in words or link to it",
                    )
                )
                continue
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            link, problem = _resolve(href, doc, page, targets, lang)
            if link is None:
                assert problem is not None
                shown = unquote(href)
                check.problems.append(
                    problem.at(f"{doc.where}:{doc.line_of(token, shown.split('#')[0])}", f"link '{shown}'")
                )
                continue
            child.attrSet("href", link)
            m = _TARGET.match(href)
            if m:
                check.backlinks.setdefault(path_of(m.group(1), unquote(m.group(2))), []).append(page)
