"""Which pages the site has and what each one shows: the plan that the build renders.

Planning reads the catalogue and the chapters and produces `Page` objects: a path, a template,
its data and the Markdown documents that end up on it. Nothing is rendered or written here, so
the links of every page can be checked before the first file is written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import SECTIONS, Clause, Example, SectorProfile, Tender, text_heading
from ..vocab import AMBITIONS, INSTRUMENTS, THEMES, Term, label
from .guide import Chapter
from .links import Targets, path_of
from .views import card, clause_view, cpv_rows

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..matching import Match

HOME = "index.html"
CHAPTERS = "hoofdstukken/index.html"
CLAUSES = "clausules/index.html"
EXAMPLES = "voorbeelden/index.html"
SECTORS = "sectoren/index.html"
SEARCH = "zoeken.html"
NOT_FOUND = "404.html"
SECTORS_TITLE = "Wat koop je aan?"


@dataclass(frozen=True)
class Text:
    """Markdown that goes on a page, parsed and checked when the page is built."""

    source: str
    where: str
    first_line: int = 1


@dataclass(frozen=True)
class ClauseText:
    """A clause text, rendered with its defaults and then parsed like any other Markdown."""

    clause: Clause
    where: str
    first_line: int
    lang: str = "nl"


@dataclass
class Page:
    """One HTML page of the site, before rendering."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    # Markdown that ends up on this page: context name -> text (links resolved against `path`).
    texts: dict[str, Text | ClauseText] = field(default_factory=dict)
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    section: str = ""
    description: str = ""
    # Context worth computing only when the page is built, on a worker: a sector's ranking, a clause's labels.
    prepare: Callable[[], dict[str, Any]] | None = None
    searchable: bool = True  # listing pages are not: the pages they list are the search results
    in_sitemap: bool = True


@dataclass(frozen=True)
class Recommendation:
    """A clause recommended for a sector, with what the matcher said about it (None: not matched)."""

    clause: Clause
    match: Match | None


Ranker = Callable[[SectorProfile], list[Recommendation]]


def matcher_ranking(catalogue: Catalogue) -> Ranker:
    """Rank each sector's recommended clauses by the score the CLI's matcher gives them for that sector."""
    from ..matching import matcher_for

    matcher = matcher_for(catalogue)
    everything = len(catalogue.clauses)

    def rank(sector: SectorProfile) -> list[Recommendation]:
        tender = Tender(title=sector.title.nl, description=" ".join(sector.keywords.nl), cpv=list(sector.cpv))
        matches = {m.id: m for m in matcher.match(tender, top=everything)}
        order = sorted(
            range(len(sector.recommended)),
            key=lambda i: (-(matches[sector.recommended[i]].score if sector.recommended[i] in matches else -1), i),
        )
        return [
            Recommendation(catalogue.clauses[sector.recommended[i]], matches.get(sector.recommended[i])) for i in order
        ]

    return rank


def targets(catalogue: Catalogue, chapters: list[Chapter]) -> Targets:
    return Targets(
        ids={
            "chapter": dict.fromkeys(c.id for c in chapters),
            "clause": dict.fromkeys(catalogue.clauses),
            "example": dict.fromkeys(catalogue.examples),
            "sector": dict.fromkeys(catalogue.sectors),
        },
        anchors={c.id: dict.fromkeys(h.id for h in c.body.headings) for c in chapters},
    )


def _sections(catalogue: Catalogue, kind: str, item: Clause | Example | SectorProfile) -> dict[str, Text | ClauseText]:
    """The Markdown sections of an item's body (not the clause texts), each with its file and first line."""
    origin = catalogue.origin(kind, item.id)
    # section_lines: the line of the file on which the (stripped) section text starts.
    return {
        name: Text(getattr(item, name), origin.path, origin.section_lines.get(heading, 1))
        for heading, (name, lang) in SECTIONS[kind].items()
        if lang is None
    }


def _group_by_instrument(clauses: Iterable[Clause]) -> list[tuple[str | None, list[Clause]]]:
    groups: dict[str, list[Clause]] = {t.id: [] for t in INSTRUMENTS}
    for clause in clauses:
        groups[clause.instrument].append(clause)
    return [(instrument, items) for instrument, items in groups.items() if items]


def _cards(groups: list[tuple[str | None, list[Clause]]]) -> dict[str, Any]:
    """Clause cards per instrument (None: one list without a heading)."""
    return {
        "groups": [
            (instrument, label(INSTRUMENTS, instrument) if instrument else "", [card(c) for c in clauses])
            for instrument, clauses in groups
        ]
    }


def chapter_pages(chapters: list[Chapter]) -> list[Page]:
    pages = [
        Page(
            CHAPTERS,
            "chapters.html",
            "De gids",
            {"chapters": chapters},
            section="gids",
            searchable=False,
            breadcrumbs=[("Home", HOME)],
            description="Alle hoofdstukken van de praktijkgids sociaal aankopen.",
        )
    ]
    for i, chapter in enumerate(chapters):
        pages.append(
            Page(
                path_of("chapter", chapter.id),
                "chapter.html",
                chapter.title,
                {
                    "chapter": chapter,
                    "toc": [h for h in chapter.body.headings if h.level == 2],
                    "previous": chapters[i - 1] if i > 0 else None,
                    "next": chapters[i + 1] if i + 1 < len(chapters) else None,
                },
                {},
                [("Home", HOME), ("De gids", CHAPTERS)],
                "gids",
                chapter.summary,
            )
        )
    return pages


def clause_pages(catalogue: Catalogue, sectors_of: dict[str, list[SectorProfile]]) -> list[Page]:
    pages: list[Page] = []
    examples_of: dict[str, list[Any]] = {}
    for example in catalogue.examples.values():
        for cid in example.clauses:
            examples_of.setdefault(cid, []).append(example)
    for clause in catalogue.clauses.values():
        origin = catalogue.origin("clause", clause.id)
        texts: dict[str, Text | ClauseText] = {
            "text": ClauseText(clause, origin.path, origin.section_lines.get(text_heading("nl"), 1))
        }
        for lang in ("fr", "en"):  # shown folded under the Dutch text, for buyers who tender in French or English
            if clause.text.has(lang):
                line = origin.section_lines.get(text_heading(lang), 1)
                texts[f"text_{lang}"] = ClauseText(clause, origin.path, line, lang)
        texts.update(_sections(catalogue, "clause", clause))
        related = [catalogue.clauses[r] for r in clause.related]
        pages.append(
            Page(
                path_of("clause", clause.id),
                "clause.html",
                clause.title.nl,
                {"clause": clause},
                texts,
                [("Home", HOME), ("Clausules", CLAUSES)],
                "clausules",
                clause.summary.nl,
                prepare=functools.partial(
                    clause_view, clause, related, examples_of.get(clause.id, []), sectors_of.get(clause.id, [])
                ),
            )
        )
    return pages


def index_pages(catalogue: Catalogue) -> list[Page]:
    """The overview of all clauses, and one list per instrument, theme and ambition level."""
    crumbs = [("Home", HOME), ("Clausules", CLAUSES)]
    clauses = list(catalogue.clauses.values())
    counts = {
        "instrument": {t.id: sum(c.instrument == t.id for c in clauses) for t in INSTRUMENTS},
        "theme": {t.id: sum(t.id in c.themes for c in clauses) for t in THEMES},
        "ambition": {t.id: sum(str(c.ambition) == t.id for c in clauses) for t in AMBITIONS},
    }
    pages = [
        Page(
            CLAUSES,
            "clauses.html",
            "Clausules",
            {"counts": counts, "total": len(clauses)},
            section="clausules",
            searchable=False,
            breadcrumbs=[("Home", HOME)],
            description="Alle sociale clausules, per instrument, thema en ambitieniveau.",
        )
    ]
    # One list page per term: (kind, term, page title, its clauses, grouped by instrument or not).
    lists: list[tuple[str, Term, str, list[Clause], bool]] = [
        *(("instrument", t, t.nl, catalogue.select(instrument=t.id), False) for t in INSTRUMENTS),
        *(("theme", t, t.nl, catalogue.select(theme=t.id), True) for t in THEMES),
        *(
            ("ambition", t, f"Ambitieniveau {t.id}: {t.nl}", catalogue.select(ambition=int(t.id)), True)
            for t in AMBITIONS
        ),
    ]
    for kind, t, title, selected, grouped in lists:
        pages.append(
            Page(
                path_of(kind, t.id),
                "clause_list.html",
                title,
                {"kind": kind, "term": t, "count": len(selected)},
                breadcrumbs=crumbs,
                section="clausules",
                searchable=False,
                prepare=functools.partial(_cards, _group_by_instrument(selected) if grouped else [(None, selected)]),
            )
        )
    return pages


def example_pages(catalogue: Catalogue) -> list[Page]:
    crumbs = [("Home", HOME), ("Praktijkvoorbeelden", EXAMPLES)]
    pages = [
        Page(
            EXAMPLES,
            "examples.html",
            "Praktijkvoorbeelden",
            {"examples": list(catalogue.examples.values())},
            breadcrumbs=[("Home", HOME)],
            section="voorbeelden",
            searchable=False,
            description="Hoe lokale besturen sociale clausules gebruiken, en wat het opleverde.",
        )
    ]
    for example in catalogue.examples.values():
        texts = _sections(catalogue, "example", example)
        pages.append(
            Page(
                path_of("example", example.id),
                "example.html",
                example.title.nl,
                {
                    "example": example,
                    "clauses": [catalogue.clauses[c] for c in example.clauses],
                    "sector": catalogue.sectors.get(example.sector) if example.sector else None,
                },
                texts,
                crumbs,
                "voorbeelden",
                example.subject,
            )
        )
    return pages


def _sector_view(rank: Ranker, sector: SectorProfile) -> dict[str, Any]:
    recommendations = [{"card": card(r.clause), "score": r.match.score if r.match else None} for r in rank(sector)]
    return {"recommendations": recommendations, "cpv": cpv_rows(sector.cpv)}


def sector_pages(catalogue: Catalogue, rank: Ranker) -> list[Page]:
    crumbs = [("Home", HOME), (SECTORS_TITLE, SECTORS)]
    pages = [
        Page(
            SECTORS,
            "sectors.html",
            SECTORS_TITLE,
            {"sectors": list(catalogue.sectors.values())},
            breadcrumbs=[("Home", HOME)],
            section="sectoren",
            searchable=False,
            description="Kies wat u aankoopt en vind de sociale clausules die erbij passen.",
        )
    ]
    for sector in catalogue.sectors.values():
        texts = _sections(catalogue, "sector", sector)
        pages.append(
            Page(
                path_of("sector", sector.id),
                "sector.html",
                sector.title.nl,
                {"sector": sector, "examples": [e for e in catalogue.examples.values() if e.sector == sector.id]},
                texts,
                crumbs,
                "sectoren",
                sector.summary.nl,
                prepare=functools.partial(_sector_view, rank, sector),
            )
        )
    return pages


def plan(catalogue: Catalogue, chapters: list[Chapter], rank: Ranker | None = None) -> list[Page]:
    """Every page of the site, in a fixed order."""
    rank = rank or matcher_ranking(catalogue)
    sectors_of: dict[str, list[SectorProfile]] = {}
    for sector in catalogue.sectors.values():
        for cid in sector.recommended:
            sectors_of.setdefault(cid, []).append(sector)
    home = Page(
        HOME,
        "home.html",
        "Sociaal aankopen",
        {
            "chapters": chapters,
            "sectors": list(catalogue.sectors.values()),
            "instrument_counts": {
                t.id: sum(c.instrument == t.id for c in catalogue.clauses.values()) for t in INSTRUMENTS
            },
            "counts": {
                "clauses": len(catalogue.clauses),
                "examples": len(catalogue.examples),
                "sectors": len(catalogue.sectors),
            },
        },
        searchable=False,
        description="Praktijkgids en clausulebank voor sociaal aankopen door lokale besturen in Vlaanderen.",
    )
    return [
        home,
        *chapter_pages(chapters),
        *clause_pages(catalogue, sectors_of),
        *index_pages(catalogue),
        *example_pages(catalogue),
        *sector_pages(catalogue, rank),
        Page(
            SEARCH,
            "search.html",
            "Zoeken",
            section="zoeken",
            breadcrumbs=[("Home", HOME)],
            searchable=False,
            in_sitemap=False,
        ),
        Page(NOT_FOUND, "404.html", "Pagina niet gevonden", searchable=False, in_sitemap=False),
    ]
