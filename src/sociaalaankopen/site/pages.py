"""Which pages the site has and what each one shows: the plan that the build renders.

Planning reads the catalogue and the chapters and produces `Page` objects: a path, a template,
its data and the Markdown documents that end up on it. Nothing is rendered or written here, so
the links of every page can be checked before the first file is written.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..model import SECTIONS, Clause, Example, SectorProfile, Tender, text_heading
from ..typography import sort_key
from ..vocab import AMBITIONS, BUYER_TYPES, CONTRACT_TYPES, INSTRUMENTS, STAGES, THEMES, Term, label, unit_label
from .config import SiteConfig, format_date
from .downloads import clause_files, route_download_id, route_files
from .guide import Chapter
from .labels import LANGUAGES, UI
from .links import FOLDERS, NAMED, OVERVIEWS, Targets, named, path_of, term_slug
from .routes import route_views
from .views import card, clause_view, cpv_rows, shown_value

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..matching import Match


@dataclass(frozen=True)
class Text:
    """Markdown that goes on a page, parsed and checked when the page is built: a section of a file, or
    the text of `clause` in `lang`, rendered with its defaults, its parameter values marked and its
    paste-ready text beside it."""

    source: str
    where: str
    first_line: int = 1
    clause: Clause | None = None
    lang: str = "nl"


@dataclass
class Page:
    """One HTML page of the site, before rendering."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    # Markdown that ends up on this page: context name -> text (links resolved against `path`).
    texts: dict[str, Text] = field(default_factory=dict)
    breadcrumbs: list[tuple[str, str]] = field(default_factory=list)
    section: str = ""
    description: str = ""
    # Context worth computing only when the page is built, on a worker: a sector's ranking, a clause's labels.
    prepare: Callable[[], dict[str, Any]] | None = None
    searchable: bool = True  # listing pages are not: the pages they list are the search results
    in_sitemap: bool = True
    lang: str = "nl"
    # The same page in each language it exists in (lang -> path), for hreflang links and the language switch.
    alternates: dict[str, str] = field(default_factory=dict)
    # Files made when the page is built, on a worker, and linked from it: its downloads (site path -> bytes).
    files: Callable[[], dict[str, bytes]] | None = None

    @property
    def dutch_path(self) -> str:
        """The Dutch version's path: what chapters link to."""
        return self.alternates.get("nl", self.path)


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

    ranked: dict[str, list[Recommendation]] = {}  # each sector has a page in every language

    def rank(sector: SectorProfile) -> list[Recommendation]:
        if sector.id not in ranked:
            ranked[sector.id] = _rank(sector)
        return ranked[sector.id]

    def _rank(sector: SectorProfile) -> list[Recommendation]:
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


def _sections(catalogue: Catalogue, kind: str, item: Clause | Example | SectorProfile) -> dict[str, Text]:
    """The Markdown sections of an item's body (not the clause texts), each with its file and first line."""
    origin = catalogue.origin(kind, item.id)
    # section_lines: the line of the file on which the (stripped) section text starts.
    return {
        name: Text(getattr(item, name), origin.path, origin.section_lines.get(heading, 1))
        for heading, (name, lang) in SECTIONS[kind].items()
        if lang is None
    }


def _usage(catalogue: Catalogue) -> dict[str, int]:
    """How often buyers use each clause, as far as the catalogue shows: the practice examples that use it
    plus the sector profiles that recommend it. It orders clauses within a stage."""
    used = dict.fromkeys(catalogue.clauses, 0)
    for example in catalogue.examples.values():
        for cid in example.clauses:
            used[cid] = used.get(cid, 0) + 1
    for sector in catalogue.sectors.values():
        for cid in sector.recommended:
            used[cid] = used.get(cid, 0) + 1
    return used


def _by_stage(clauses: Iterable[Clause], usage: dict[str, int], lang: str) -> list[tuple[str, list[Clause]]]:
    """Clauses per stage in legal order; within a stage the most used first, then by title."""
    groups: dict[str, list[Clause]] = {t.id: [] for t in INSTRUMENTS}
    for clause in clauses:
        groups[clause.instrument].append(clause)
    return [
        (stage, sorted(items, key=lambda c: (-usage.get(c.id, 0), sort_key(c.title.get(lang)), c.id)))
        for stage, items in groups.items()
        if items
    ]


def _cards(groups: list[tuple[str | None, list[Clause]]], lang: str) -> dict[str, Any]:
    """Clause cards per stage (None: one list without a heading)."""
    return {
        "groups": [
            (
                term_slug("instrument", stage, lang) if stage else None,
                label(STAGES, stage, lang) if stage else "",
                [card(c, lang) for c in clauses],
            )
            for stage, clauses in groups
        ]
    }


def _alternates(kind: str, id: str | int) -> dict[str, str]:
    return {lang: path_of(kind, id, lang) for lang in LANGUAGES}


def _named(name: str) -> dict[str, str]:
    return dict(NAMED[name])


def _named_page(
    name: str,
    lang: str,
    title: str,
    context: dict[str, Any] | None = None,
    *,
    template: str | None = None,
    parents: tuple[str, ...] = (),
    **more: Any,
) -> Page:
    """A page with a name of its own in each language (a listing, search, colophon): under Home (and the
    listings `parents`) in the breadcrumbs, and no search result itself (the pages it lists are)."""
    return Page(
        named(name, lang),
        template or f"{name}.html",
        title,
        context or {},
        breadcrumbs=_crumbs(lang, *parents),
        searchable=False,
        lang=lang,
        alternates=_named(name),
        **more,
    )


# The pages that list all clauses, examples or sectors, and the overviews of instruments, themes and ambition
# levels: their title (a key of UI) and their section of the site, which the pages they list share.
_LISTINGS = {
    "clauses": ("clauses_title", "clausules"),
    "examples": ("nav_examples", "voorbeelden"),
    "sectors": ("nav_sectors", "sectoren"),
    "instruments": ("instruments_title", "clausules"),
    "themes": ("themes", "clausules"),
    "ambitions": ("ambitions_title", "clausules"),
}


def _listing_page(name: str, lang: str, context: dict[str, Any], **more: Any) -> Page:
    words = UI[lang]
    title, section = _LISTINGS[name]
    return _named_page(
        name, lang, words[title], context, section=section, description=words[f"{name}_description"], **more
    )


# Each kind of item with a page of its own, and the listing page it stands in.
_LISTED_IN = {"clause": "clauses", "example": "examples", "sector": "sectors"}


def _item_page(
    catalogue: Catalogue,
    kind: str,
    item: Clause | Example | SectorProfile,
    lang: str,
    context: dict[str, Any],
    description: str,
    texts: dict[str, Text] | None = None,
    **more: Any,
) -> Page:
    """The page of one clause, example or sector: under its listing, with the Markdown sections of its file."""
    listing = _LISTED_IN[kind]
    return Page(
        path_of(kind, item.id, lang),
        f"{kind}.html",
        item.title.get(lang),
        context,
        {**(texts or {}), **_sections(catalogue, kind, item)},
        _crumbs(lang, listing),
        _LISTINGS[listing][1],
        description,
        lang=lang,
        alternates=_alternates(kind, item.id),
        **more,
    )


def _crumbs(lang: str, *names: str) -> list[tuple[str, str]]:
    """Breadcrumbs: Home, then the named listing pages, in `lang`."""
    words = UI[lang]
    titles = {"chapters": "nav_guide", **{name: title for name, (title, _) in _LISTINGS.items()}}
    return [(words["home"], named("home", lang)), *((words[titles[n]], named(n, lang)) for n in names)]


def chapter_pages(chapters: list[Chapter]) -> list[Page]:
    """The guide: Dutch only."""
    words = UI["nl"]
    pages = [
        Page(
            named("chapters"),
            "chapters.html",
            words["chapters_title"],
            {"chapters": chapters},
            section="gids",
            searchable=False,
            breadcrumbs=_crumbs("nl"),
            description=words["chapters_description"],
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
                _crumbs("nl", "chapters"),
                "gids",
                chapter.summary,
            )
        )
    return pages


def clause_pages(
    catalogue: Catalogue, sectors_of: dict[str, list[SectorProfile]], lang: str, downloads: bool
) -> list[Page]:
    pages: list[Page] = []
    examples_of: dict[str, list[Any]] = {}
    for example in catalogue.examples.values():
        for cid in example.clauses:
            examples_of.setdefault(cid, []).append(example)
    for clause in catalogue.clauses.values():
        origin = catalogue.origin("clause", clause.id)
        used = lang if clause.text.has(lang) else "nl"
        text = Text("", origin.path, origin.section_lines.get(text_heading(used), 1), clause, lang)
        related = [catalogue.clauses[r] for r in clause.related]
        files = None
        if downloads:
            files = functools.partial(clause_files, catalogue, clause.id, lang)
        pages.append(
            _item_page(
                catalogue,
                "clause",
                clause,
                lang,
                {"clause": clause},
                clause.summary.get(lang),
                {"text": text},
                prepare=functools.partial(
                    clause_view, clause, related, examples_of.get(clause.id, []), sectors_of.get(clause.id, []), lang
                ),
                files=files,
            )
        )
    return pages


def _facets(clauses: Iterable[Clause]) -> str:
    """The build-time JSON the filter script reads: per clause id, its instrument, themes, ambition and
    contract types. In the page, so that filtering works from disk too."""
    data = {
        c.id: {"i": c.instrument, "t": list(c.themes), "a": str(c.ambition), "c": list(c.contract_types)}
        for c in clauses
    }
    # '<' escaped: the JSON sits in a <script> element.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")


def _term_heading(kind: str, t: Term, lang: str) -> dict[str, str]:
    """The kicker that says what a term's page is ('Thema', 'Ambitieniveau 2') and the heading that names
    it ('Sociale economie', 'Significant'): each word once on the page (its title says both)."""
    words = UI[lang]
    kicker = f"{words['ambition']} {t.id}" if kind == "ambition" else words[kind]
    return {"kicker": kicker, "heading": t.label(lang)}


def index_pages(catalogue: Catalogue, lang: str, usage: dict[str, int]) -> list[Page]:
    """All clauses with filters, and one list per instrument, theme and ambition level."""
    words = UI[lang]
    clauses = list(catalogue.clauses.values())
    counts = {
        "instrument": {t.id: sum(c.instrument == t.id for c in clauses) for t in INSTRUMENTS},
        "theme": {t.id: sum(t.id in c.themes for c in clauses) for t in THEMES},
        "ambition": {t.id: sum(str(c.ambition) == t.id for c in clauses) for t in AMBITIONS},
    }
    filters = [
        ("instrument", words["instrument"], INSTRUMENTS),
        ("theme", words["theme"], THEMES),
        ("ambition", words["ambition"], AMBITIONS),
        ("contract_type", words["contract_type"], CONTRACT_TYPES),
    ]
    pages = [
        _listing_page(
            "clauses",
            lang,
            {
                "counts": counts,
                "total": len(clauses),
                "usage": usage,
                "filters": [(kind, name, [(t.id, t.label(lang)) for t in terms]) for kind, name, terms in filters],
                "facets": Markup(_facets(clauses)),
            },
            prepare=functools.partial(_cards, list(_by_stage(clauses, usage, lang)), lang),
        )
    ]
    vocabularies = {"instrument": INSTRUMENTS, "theme": THEMES, "ambition": AMBITIONS}
    overview_of = {kind: name for name, kind in OVERVIEWS.items()}
    for name, kind in OVERVIEWS.items():
        terms = [
            {
                "term": t,
                "title": words["ambition_title"].format(n=t.id, label=t.label(lang))
                if kind == "ambition"
                else t.label(lang),
                "count": counts[kind][t.id],
                "about": words[f"ambition_about_{t.id}"] if kind == "ambition" else "",
            }
            for t in vocabularies[kind]
        ]
        pages.append(
            _listing_page(
                name,
                lang,
                {"kind": kind, "terms": terms, "lead": words[f"{name}_lead"]},
                template="terms.html",
                parents=("clauses",),
            )
        )
    # One list page per term: (kind, term, page title, its clauses, grouped by stage or not).
    lists: list[tuple[str, Term, str, list[Clause], bool]] = [
        *(("instrument", t, t.label(lang), catalogue.select(instrument=t.id), False) for t in INSTRUMENTS),
        # 'Thema: Toegankelijkheid': the chapter 'Toegankelijkheid' has the bare name (one title per page).
        *(
            ("theme", t, words["theme_title"].format(label=t.label(lang)), catalogue.select(theme=t.id), True)
            for t in THEMES
        ),
        *(
            (
                "ambition",
                t,
                words["ambition_title"].format(n=t.id, label=t.label(lang)),
                catalogue.select(ambition=int(t.id)),
                True,
            )
            for t in AMBITIONS
        ),
    ]
    for kind, t, title, selected, grouped in lists:
        groups: list[tuple[str | None, list[Clause]]] = (
            list(_by_stage(selected, usage, lang)) if grouped else [(None, selected)]
        )
        pages.append(
            Page(
                path_of(kind, t.id, lang),
                "clause_list.html",
                title,
                {"kind": kind, "term": t, "count": len(selected), **_term_heading(kind, t, lang)},
                breadcrumbs=_crumbs(lang, "clauses", overview_of[kind]),
                section="clausules",
                searchable=False,
                prepare=functools.partial(_cards, groups, lang),
                lang=lang,
                alternates=_alternates(kind, t.id),
            )
        )
    return pages


def redirect_pages() -> list[Page]:
    """The old addresses of instrument and theme pages (by id) lead to the new ones (by name)."""
    pages = []
    for kind, terms in (("instrument", INSTRUMENTS), ("theme", THEMES)):
        for t in terms:
            old = f"{FOLDERS['nl'][kind]}/{t.id}.html"
            new = path_of(kind, t.id)
            if old != new:
                pages.append(Page(old, "redirect.html", t.nl, {"target": new}, searchable=False, in_sitemap=False))
    return pages


def _example_description(example: Example, lang: str) -> str:
    """An example's meta description: its subject, which is written in Dutch only; in French and English the
    kind of buyer and of contract and the year, which are translated, in a sentence of that language."""
    contracts = [label(CONTRACT_TYPES, c, lang) for c in example.contract_types]
    facts = [
        label(BUYER_TYPES, example.buyer_type, lang),
        ", ".join([contracts[0], *(c.lower() for c in contracts[1:])]),  # 'Works, services'
        *([str(example.year)] if example.year else []),
    ]
    return UI[lang]["example_description"].format(subject=example.subject, facts=" · ".join(facts))


def example_pages(catalogue: Catalogue, lang: str) -> list[Page]:
    pages = [_listing_page("examples", lang, {"examples": list(catalogue.examples.values())})]
    for example in catalogue.examples.values():
        context = {
            "example": example,
            "clauses": [catalogue.clauses[c] for c in example.clauses],
            "sector": catalogue.sectors.get(example.sector) if example.sector else None,
        }
        pages.append(_item_page(catalogue, "example", example, lang, context, _example_description(example, lang)))
    return pages


def _sector_values(clause: Clause, sector: SectorProfile, lang: str) -> list[tuple[str, str]]:
    """The values the sector gives a clause's parameters, as (label, value) in words."""
    shown = []
    for name, value in sector.values_in(clause.id, lang).items():
        param = clause.parameters[name]
        unit = f"\u00a0{unit_label(param.unit, lang)}" if param.unit and param.numeric else ""
        shown.append((param.label.get(lang), shown_value(param, value, lang) + unit))
    return shown


def _sector_view(
    catalogue: Catalogue, rank: Ranker, sector: SectorProfile, lang: str, tool_url: str | None, downloads: bool
) -> dict[str, Any]:
    recommendations = [
        {
            "card": card(r.clause, lang),
            "score": r.match.score if r.match else None,
            "values": _sector_values(r.clause, sector, lang),
        }
        for r in rank(sector)
    ]
    return {
        "recommendations": recommendations,
        "cpv": cpv_rows(sector.cpv, lang),
        "routes": route_views(catalogue, sector, lang, tool_url, downloads),
    }


def _route_files(
    catalogue: Catalogue, generic: list[str], own: list[str], sector: SectorProfile, lang: str
) -> dict[str, bytes]:
    return {**route_files(catalogue, generic, lang), **route_files(catalogue, own, lang, sector)}


def sector_pages(catalogue: Catalogue, rank: Ranker, lang: str, downloads: bool, tool_url: str | None) -> list[Page]:
    pages = [_listing_page("sectors", lang, {"sectors": list(catalogue.sectors.values())})]
    made: set[str] = set()  # routes whose annex an earlier sector page makes
    for sector in catalogue.sectors.values():
        # A route whose annex takes values from this sector is made here, as the sector's own file.
        own = [r.id for r in sector.routes if route_download_id(catalogue, sector, r.id) != r.id]
        owned = [r.id for r in sector.routes if r.id not in made and r.id not in own]
        made.update(owned)
        files = (
            functools.partial(_route_files, catalogue, owned, own, sector, lang)
            if downloads and (owned or own)
            else None
        )
        examples = [e for e in catalogue.examples.values() if e.sector == sector.id]
        pages.append(
            _item_page(
                catalogue,
                "sector",
                sector,
                lang,
                {"sector": sector, "examples": examples},
                sector.summary.get(lang),
                prepare=functools.partial(_sector_view, catalogue, rank, sector, lang, tool_url, downloads),
                files=files,
            )
        )
    return pages


def last_review(catalogue: Catalogue) -> date | None:
    """The date of the last legal review of the catalogue: the latest `reviewed` of its clauses."""
    return max((c.reviewed for c in catalogue.clauses.values()), default=None)


def site_pages(catalogue: Catalogue, chapters: list[Chapter], lang: str, config: SiteConfig) -> list[Page]:
    """Home, search, colophon and accessibility statement in `lang`."""
    words = UI[lang]
    reviewed = last_review(catalogue)
    about = {"config": config, "reviewed": format_date(reviewed, lang) if reviewed else words["not_set"]}
    home = Page(
        named("home", lang),
        "home.html",
        words["home_title"],
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
        description=words["home_description"],
        lang=lang,
        alternates=_named("home"),
    )
    return [
        home,
        _named_page("search", lang, words["search_title"], section="zoeken", in_sitemap=False),
        *(
            _named_page(name, lang, words[title], about, description=words[description])
            for name, title, description in (
                ("colophon", "colophon", "colophon_description"),
                ("accessibility", "a11y_title", "a11y_description"),
            )
        ),
    ]


def plan(
    catalogue: Catalogue,
    chapters: list[Chapter],
    rank: Ranker | None = None,
    *,
    config: SiteConfig | None = None,
    downloads: bool = True,
) -> list[Page]:
    """Every page of the site, in a fixed order: the Dutch site with the guide, then French and English."""
    rank = rank or matcher_ranking(catalogue)
    config = config or SiteConfig()
    usage = _usage(catalogue)
    sectors_of: dict[str, list[SectorProfile]] = {}
    for sector in catalogue.sectors.values():
        for cid in sector.recommended:
            sectors_of.setdefault(cid, []).append(sector)
    pages: list[Page] = []
    for lang in LANGUAGES:
        pages += site_pages(catalogue, chapters, lang, config)
        if lang == "nl":
            pages += chapter_pages(chapters)
        pages += [
            *clause_pages(catalogue, sectors_of, lang, downloads),
            *index_pages(catalogue, lang, usage),
            *example_pages(catalogue, lang),
            *sector_pages(catalogue, rank, lang, downloads, config.tool_url),
        ]
    pages += redirect_pages()
    pages.append(Page(named("not_found"), "404.html", UI["nl"]["not_found_title"], searchable=False, in_sitemap=False))
    return pages
